//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/creack/pty"
)

// TestLoginReadsTheKeyFromATerminalWithoutEcho types the key on a pseudo-terminal once echo
// is off, and checks that the terminal never shows it.
func TestLoginReadsTheKeyFromATerminalWithoutEcho(t *testing.T) {
	srv, _ := fakeEnv(t)
	ptm, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptm.Close()
	defer tty.Close()
	home := t.TempDir()
	var screen bytes.Buffer
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // what the terminal shows
		defer wg.Done()
		_, _ = io.Copy(&screen, ptm)
	}()
	stderr := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		vars := map[string]string{"HOME": home, "MX_BASE_URL": srv.URL}
		done <- run(context.Background(), []string{"login", "--client-id", srv.ClientID}, &env{
			stdin: tty, stdout: io.Discard, stderr: stderr, getenv: func(k string) string { return vars[k] },
			terminal: func() bool { return true }, outTerminal: func() bool { return false },
		})
	}()
	waitFor(t, "echo off", func() bool { return echoOff(int(tty.Fd())) })
	if _, err := ptm.Write([]byte(srv.APIKey + "\n")); err != nil {
		t.Fatal(err)
	}
	if code := <-done; code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	tty.Close()
	ptm.Close()
	wg.Wait()
	if !strings.Contains(stderr.String(), "API key (not shown): ") {
		t.Errorf("prompt: %q", stderr.String())
	}
	if strings.Contains(screen.String()+stderr.String(), srv.APIKey) {
		t.Errorf("the key was echoed: %q", screen.String())
	}
	ok(t, map[string]string{"HOME": home}, nil, "institutions", "favorites")
}
