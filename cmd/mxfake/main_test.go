package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// lineWriter hands the first line written to it to a channel.
type lineWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	lines chan string
	sent  bool
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if line, _, ok := strings.Cut(w.buf.String(), "\n"); ok && !w.sent {
		w.sent = true
		w.lines <- line
	}
	return len(p), nil
}

// get calls the fake as curl would, in the current version.
func get(t *testing.T, url, user, pass string) (int, string) {
	t.Helper()
	return getVersion(t, url, user, pass, map[string]string{"Accept-Version": "v20250224"})
}

// getVersion calls the fake as curl would, with the headers.
func getVersion(t *testing.T, url, user, pass string, headers map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(user, pass)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &lineWriter{lines: make(chan string, 1)}
	var errOut bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-client-id", "me", "-api-key", "secret", "-seed", "9", "-step", "0", "-latency", "1ms"}, out, &errOut)
	}()
	var url string
	select {
	case url = <-out.lines:
	case code := <-done:
		t.Fatalf("run exited with %d: %s", code, errOut.String())
	case <-time.After(10 * time.Second):
		t.Fatal("no URL printed in 10s")
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("first line %q is not the URL", url)
	}
	if code, body := get(t, url+"/institutions/mxbank", "me", "secret"); code != http.StatusOK || !strings.Contains(body, `"MX Bank"`) || !strings.Contains(body, `"supported_products"`) {
		t.Errorf("GET /institutions/mxbank in v20250224 = %d %s", code, body)
	}
	v1 := map[string]string{"Accept-Version": "v20111101", "Accept": "application/vnd.mx.api.v1+json"}
	if code, body := getVersion(t, url+"/institutions/mxbank", "me", "secret", v1); code != http.StatusOK || !strings.Contains(body, `"supports_account_verification"`) {
		t.Errorf("GET /institutions/mxbank in v20111101 = %d %s", code, body)
	}
	if code, body := getVersion(t, url+"/merchants", "me", "secret", map[string]string{"Accept-Version": "v20250224"}); code != http.StatusOK || !strings.Contains(body, `"merchants"`) {
		t.Errorf("GET /merchants in v20250224 = %d %s", code, body)
	}
	if code, body := getVersion(t, url+"/institutions", "me", "secret", nil); code != http.StatusBadRequest || !strings.Contains(body, "Accept-Version") {
		t.Errorf("GET /institutions without Accept-Version = %d %s", code, body)
	}
	if code, _ := get(t, url+"/institutions", "mxfake-client-id", "mxfake-api-key"); code != http.StatusUnauthorized {
		t.Errorf("the default credentials answered %d after -client-id and -api-key", code)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit code %d after a clean stop: %s", code, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after its context ended")
	}
	if !strings.Contains(errOut.String(), "curl -u 'me:secret' -H 'Accept-Version: v20250224'") || !strings.Contains(errOut.String(), "Accept-Version: v20111101") {
		t.Errorf("stderr does not show how to call the fake: %s", errOut.String())
	}
	if _, err := http.Get(url + "/institutions"); err == nil {
		t.Error("the server still answers after stopping")
	}
}

func TestRunBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-fault-rate", "2"},
		{"-latency", "soon"},
		{"-no-such-flag"},
		{"-step", "-1s"},
		{"extra"},
		{"-addr", "256.0.0.1:99999"},
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), args, &out, &errOut)
		if code == 0 || out.Len() != 0 || errOut.Len() == 0 {
			t.Errorf("run(%q) = %d, stdout %q, stderr %q; want a failure explained on stderr", args, code, out.String(), errOut.String())
		}
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"-h"}, &out, &errOut); code != 0 || !strings.Contains(errOut.String(), "-fault-rate") {
		t.Errorf("-h = %d, %s", code, errOut.String())
	}
}

// TestSignals builds the command and stops it with SIGINT and SIGTERM.
func TestSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "mxfake")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, sig := range []os.Signal{syscall.SIGINT, syscall.SIGTERM} {
		cmd := exec.Command(bin, "-addr", "127.0.0.1:0")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		url, err := bufio.NewReader(stdout).ReadString('\n')
		if err != nil {
			_ = cmd.Process.Kill()
			t.Fatalf("reading the URL: %v (%s)", err, errOut.String())
		}
		url = strings.TrimSpace(url)
		if code, _ := get(t, url+"/institutions", "mxfake-client-id", "mxfake-api-key"); code != http.StatusOK {
			t.Errorf("GET /institutions = %d", code)
		}
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		waited := make(chan error, 1)
		go func() { waited <- cmd.Wait() }()
		select {
		case err := <-waited:
			if err != nil {
				t.Errorf("after %v: %v (%s)", sig, err, errOut.String())
			}
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			t.Fatalf("still running 10s after %v", sig)
		}
		if !strings.Contains(errOut.String(), "shut down") {
			t.Errorf("after %v, stderr: %s", sig, errOut.String())
		}
	}
}

// TestRunSample starts the fake with -sample: the sample's user answers by its partner id,
// and the GUIDs printed on stderr are those the fake serves.
func TestRunSample(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &lineWriter{lines: make(chan string, 1)}
	var errOut syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-step", "0", "-sample"}, out, &errOut) }()
	var url string
	select {
	case url = <-out.lines:
	case code := <-done:
		t.Fatalf("run exited with %d: %s", code, errOut.String())
	case <-time.After(20 * time.Second):
		t.Fatal("no URL printed in 20s")
	}
	v := map[string]string{"Accept-Version": "v20250224"}
	code, body := getVersion(t, url+"/users/"+string(mxplatformtest.SampleUserID), mxplatformtest.DefaultClientID, mxplatformtest.DefaultAPIKey, v)
	if code != http.StatusOK {
		t.Fatalf("GET the sample user = %d %s", code, body)
	}
	var user struct {
		User struct {
			GUID string `json:"guid"`
		} `json:"user"`
	}
	if err := json.Unmarshal([]byte(body), &user); err != nil || user.User.GUID == "" {
		t.Fatalf("sample user %s: %v", body, err)
	}
	if !strings.Contains(errOut.String(), user.User.GUID) {
		t.Errorf("stderr does not name the sample user's GUID %s:\n%s", user.User.GUID, errOut.String())
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit code %d after a clean stop", code)
	}
}

// syncBuffer is a buffer that the server's goroutine writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
