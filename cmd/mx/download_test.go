package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// statementOf makes a member at the test bank, fetches its statements and returns the user,
// the member and the first statement.
func statementOf(t *testing.T, vars map[string]string) (user, member string, statement mxplatform.Statement) {
	t.Helper()
	u, m := newMember(t, vars, mxplatformtest.PasswordConnect, "--product", "statements")
	ok(t, vars, nil, "members", "fetch-statements", "--user", u, "--member", m, "--wait", "--interval", "10ms")
	var statements []mxplatform.Statement
	ok(t, vars, &statements, "statements", "list", "--user", u, "--member", m)
	if len(statements) == 0 {
		t.Fatal("no statements")
	}
	return u, m, statements[0]
}

// pdfAnswer returns the body of the one statement download among the exchanges.
func pdfAnswer(t *testing.T, xs []exchange) []byte {
	t.Helper()
	var found []exchange
	for _, x := range xs {
		if strings.HasSuffix(x.path, ".pdf") {
			found = append(found, x)
		}
	}
	if len(found) != 1 || found[0].status != http.StatusOK {
		t.Fatalf("%d downloads: %+v", len(found), found)
	}
	return found[0].answer
}

func TestStatementDownloadWritesExactlyThePDFBytes(t *testing.T) {
	rec, vars := recordingEnv(t)
	u, m, st := statementOf(t, vars)
	dir := t.TempDir()
	file := filepath.Join(dir, "statement.pdf")
	rec.take()

	r := ok(t, vars, nil, "statements", "download", "--user", u, "--member", m, "--statement", string(st.GUID), "--out", file)
	sent := pdfAnswer(t, rec.take())
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, sent) || !bytes.HasPrefix(got, []byte("%PDF-")) {
		t.Fatalf("the file holds %d bytes (%q...), the fake sent %d", len(got), got[:min(len(got), 8)], len(sent))
	}
	sum := sha256.Sum256(got)
	want := "wrote " + strconv.Itoa(len(got)) + " bytes to " + file + " (sha256 " + hex.EncodeToString(sum[:]) + ")\n"
	if r.stderr != want || r.stdout != "" {
		t.Errorf("stderr %q, want %q; stdout %q", r.stderr, want, r.stdout)
	}
	if st.ContentHash != "" && st.ContentHash != hex.EncodeToString(sum[:]) {
		t.Errorf("content_hash %s, the PDF's SHA-256 %x", st.ContentHash, sum)
	}
	info, err := os.Stat(file)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the statement's mode is %v (%v), want 0600", info.Mode().Perm(), err)
	}
	// Only the statement is left in the directory: no temporary file.
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the directory", len(entries))
	}

	// Again, over the first: the file is replaced.
	ok(t, vars, nil, "statements", "download", "--user", u, "--member", m, "--statement", string(st.GUID), "--out", file)
	if again, _ := os.ReadFile(file); !bytes.Equal(again, pdfAnswer(t, rec.take())) {
		t.Error("a second download did not replace the file")
	}

	// To stdout, without --out or with --out -.
	for _, out := range [][]string{nil, {"--out", "-"}} {
		r := ok(t, vars, nil, append([]string{"statements", "download", "--user", u, "--member", m, "--statement", string(st.GUID)}, out...)...)
		if sent := pdfAnswer(t, rec.take()); r.stdout != string(sent) || !strings.HasPrefix(r.stderr, "wrote "+strconv.Itoa(len(sent))+" bytes to stdout") {
			t.Errorf("%v: stdout holds %d bytes, the fake sent %d; stderr %q", out, len(r.stdout), len(sent), r.stderr)
		}
	}
}

func TestStatementDownloadFailures(t *testing.T) {
	rec, vars := recordingEnv(t)
	u, m, st := statementOf(t, vars)
	dir := t.TempDir()
	rec.take()
	args := []string{"statements", "download", "--user", u, "--member", m, "--statement", string(st.GUID)}

	// Stdout on a terminal, or a directory that does not exist: refused before the request.
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &env{
		stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		getenv: func(k string) string { return vars[k] }, terminal: func() bool { return true }, outTerminal: func() bool { return true },
	})
	if code != exitUsage || out.Len() != 0 || !strings.Contains(errOut.String(), "--out") {
		t.Errorf("a terminal: exit %d, stdout %d bytes, stderr %q", code, out.Len(), errOut.String())
	}
	r := mx(t, vars, "", append(args, "--out", filepath.Join(dir, "missing", "statement.pdf"))...)
	if r.code != exitUsage || !strings.HasPrefix(r.stderr, "mx: --out: ") {
		t.Errorf("a missing directory: %+v", r)
	}
	if xs := rec.take(); len(xs) != 0 {
		t.Errorf("%d requests sent", len(xs))
	}

	// An unknown statement: MX's error, and no file.
	file := filepath.Join(dir, "statement.pdf")
	r = mx(t, vars, "", "statements", "download", "--user", u, "--member", m, "--statement", "STA-nope", "--out", file)
	if r.code != exitAPI || !strings.Contains(r.stderr, "downloadStatementPDF: HTTP 404") {
		t.Errorf("an unknown statement: %+v", r)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d files left", len(entries))
	}
}

// pdfServer serves a statement download in two parts: head, then, once next is closed (or after
// a few seconds), tail; with cut, the answer announces more bytes than it sends and breaks off.
func pdfServer(t *testing.T, head, tail []byte, next <-chan struct{}, cut bool) map[string]string {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, ".pdf") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.mx.api.v1+pdf")
		size := len(head) + len(tail)
		if cut {
			size += 1000
		}
		w.Header().Set("Content-Length", strconv.Itoa(size))
		w.Write(head)
		w.(http.Flusher).Flush()
		select {
		case <-next:
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
			return
		}
		w.Write(tail)
	}))
	t.Cleanup(ts.Close)
	return map[string]string{"MX_CLIENT_ID": "id", "MX_API_KEY": "key", "MX_BASE_URL": ts.URL, "HOME": t.TempDir()}
}

// firstWrite is a writer that closes a channel when something is first written to it.
type firstWrite struct {
	bytes.Buffer
	written chan struct{}
}

func (w *firstWrite) Write(p []byte) (int, error) {
	if w.Len() == 0 && len(p) > 0 {
		close(w.written)
	}
	return w.Buffer.Write(p)
}

// TestStatementDownloadStreams: the document reaches stdout as it arrives, before its end was
// sent; a CLI that held it whole would wait for the server, which waits for it.
func TestStatementDownloadStreams(t *testing.T) {
	head, tail := []byte("%PDF-1.7\n"+strings.Repeat("a", 64<<10)), []byte(strings.Repeat("b", 64<<10)+"\n%%EOF\n")
	out := &firstWrite{written: make(chan struct{})}
	vars := pdfServer(t, head, tail, out.written, false)
	start := time.Now()
	var errOut bytes.Buffer
	code := run(context.Background(), []string{"statements", "download", "--user", "USR-1", "--member", "MBR-1", "--statement", "STA-1"}, &env{
		stdin: strings.NewReader(""), stdout: out, stderr: &errOut,
		getenv: func(k string) string { return vars[k] }, terminal: func() bool { return false }, outTerminal: func() bool { return false },
	})
	if code != exitOK || !bytes.Equal(out.Bytes(), append(head, tail...)) {
		t.Fatalf("exit %d, %d bytes, stderr %q", code, out.Len(), errOut.String())
	}
	if time.Since(start) > 4*time.Second {
		t.Errorf("the download waited for the whole document before writing (%v)", time.Since(start))
	}
}

// TestStatementDownloadThatBreaksOff: an answer cut short is a network error and leaves no file.
func TestStatementDownloadThatBreaksOff(t *testing.T) {
	next := make(chan struct{})
	close(next)
	vars := pdfServer(t, []byte("%PDF-1.7\npart of a statement"), []byte("more"), next, true)
	dir := t.TempDir()
	r := mx(t, vars, "", "statements", "download", "--user", "USR-1", "--member", "MBR-1", "--statement", "STA-1", "--out", filepath.Join(dir, "statement.pdf"))
	if r.code != exitNetwork || !strings.Contains(r.stderr, "reading the download") {
		t.Errorf("%+v", r)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d files left", len(entries))
	}
}
