//go:build darwin || freebsd || netbsd || openbsd

package main

import "golang.org/x/sys/unix"

// echoOff reports whether the terminal of fd has echo turned off.
func echoOff(fd int) bool {
	tio, err := unix.IoctlGetTermios(fd, unix.TIOCGETA)
	return err == nil && tio.Lflag&unix.ECHO == 0
}
