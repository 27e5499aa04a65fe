package main

import "golang.org/x/sys/unix"

// echoOff reports whether the terminal of fd has echo turned off.
func echoOff(fd int) bool {
	tio, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	return err == nil && tio.Lflag&unix.ECHO == 0
}
