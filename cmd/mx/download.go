package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// addOutFlag declares --out, where a download goes.
func addOutFlag(b *binder) *string {
	return stringFlag(b, "out", "write the document to this file (- or none: stdout, which must not be a terminal)", "")
}

// download streams the document fetch answers (a statement's PDF) to the file path, or to
// stdout when path is "" or "-", without holding it in memory, and says on stderr how many
// bytes it wrote and their SHA-256 (a statement's content_hash).
//
// A file is written under a temporary name in its directory and renamed once the whole
// document arrived, so that a failed download leaves no partial file behind; it is readable by
// its owner only, as a bank statement should be. The destination is checked before the request:
// a directory that does not exist, or stdout on a terminal (a PDF's bytes would act on it, as
// the control characters the rest of the CLI escapes would), is a usage error.
func (a *app) download(path string, fetch func() (io.ReadCloser, error)) error {
	toStdout := path == "" || path == "-"
	var file *os.File
	if toStdout {
		if a.outTerminal != nil && a.outTerminal() {
			return usageError{errors.New("--out: stdout is a terminal: give a file with --out, or redirect stdout")}
		}
	} else {
		var err error
		if file, err = os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.part"); err != nil {
			return usageError{fmt.Errorf("--out: %w", err)}
		}
		defer func() {
			if file != nil {
				_ = file.Close()
				_ = os.Remove(file.Name())
			}
		}()
	}
	body, err := fetch()
	if err != nil {
		return err
	}
	defer body.Close()
	var dst io.Writer = a.stdout
	if file != nil {
		dst = file
	}
	sum := sha256.New()
	n, err := io.Copy(io.MultiWriter(dst, sum), &readErrors{r: body})
	var readErr streamError
	switch {
	case errors.As(err, &readErr):
		return readErr
	case err != nil:
		return usageError{fmt.Errorf("--out: %w", err)}
	}
	where := "stdout"
	if file != nil {
		if err := file.Close(); err != nil {
			return usageError{fmt.Errorf("--out: %w", err)}
		}
		if err := os.Rename(file.Name(), path); err != nil {
			return usageError{fmt.Errorf("--out: %w", err)}
		}
		file, where = nil, path
	}
	linef(a.stderr, "wrote %d bytes to %s (sha256 %s)", n, where, hex.EncodeToString(sum.Sum(nil)))
	return nil
}

// streamError is a failure to read a download's body: the answer broke off, which is a
// network error (exit 3).
type streamError struct{ err error }

func (e streamError) Error() string { return "reading the download: " + e.err.Error() }
func (e streamError) Unwrap() error { return e.err }

// readErrors marks the errors of reading r as streamErrors, to tell them from those of
// writing.
type readErrors struct{ r io.Reader }

func (r *readErrors) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && err != io.EOF {
		err = streamError{err}
	}
	return n, err
}
