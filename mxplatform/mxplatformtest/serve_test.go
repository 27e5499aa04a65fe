package mxplatformtest

import (
	"bytes"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines to log to.
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

// serveLogged serves fake on a loopback port with the server's error log kept in the returned
// buffer.
func serveLogged(t *testing.T, fake *Fake) (*httptest.Server, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	srv := httptest.NewUnstartedServer(fake)
	srv.Config.ErrorLog = log.New(logs, "", 0)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, logs
}

// connectedFake returns a fake with a connected member, and the path of a page of its
// user's transactions: about 80 KB, far more than the server's write buffers, so that writing
// it to a client that has gone fails.
func connectedFake(t *testing.T, opts ...Option) (*Fake, string) {
	t.Helper()
	fake, err := NewFake(append([]Option{WithStepInterval(0)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	user, err := fake.AddUser(mxplatform.User{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fake.AddMember(user.GUID, MemberSeed{}); err != nil {
		t.Fatal(err)
	}
	return fake, "/users/" + string(user.GUID) + "/transactions?records_per_page=100"
}

// TestClientTimeoutWritesOneHeader makes clients give up while the fake answers them, in every
// way the fake can be slow, and checks that the server never logs a second WriteHeader.
func TestClientTimeoutWritesOneHeader(t *testing.T) {
	cases := []struct {
		name string
		opts []Option
		// hold, when set, keeps the operation from running until the client has given up.
		hold bool
		// requests is how many requests to send, for the cases that race the timeout.
		requests int
	}{
		{name: "operation answers after the client left", hold: true, requests: 1},
		{name: "latency longer than the timeout", opts: []Option{WithLatency(150*time.Millisecond, 0)}, requests: 2},
		{name: "latency about the timeout", opts: []Option{WithLatency(40*time.Millisecond, 20*time.Millisecond)}, requests: 20},
		{name: "latency fault", opts: []Option{WithFaults(FaultRule{Fault: LatencyFault(150 * time.Millisecond)})}, requests: 2},
		{name: "slow body fault", opts: []Option{WithFaults(FaultRule{Fault: SlowBodyFault(time.Second)})}, requests: 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fake, path := connectedFake(t, c.opts...)
			release := make(chan struct{})
			if c.hold {
				fake.panicHook = func(op string) {
					if op == "listTransactions" {
						<-release
					}
				}
			}
			srv, logs := serveLogged(t, fake)
			client := &http.Client{Timeout: 50 * time.Millisecond}
			timedOut := 0
			for range c.requests {
				req, err := http.NewRequest("GET", srv.URL+path, nil)
				if err != nil {
					t.Fatal(err)
				}
				req.SetBasicAuth(DefaultClientID, DefaultAPIKey)
				versioned(req)
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				if err != nil {
					timedOut++
				}
			}
			close(release)
			srv.Close() // waits for the handlers to finish
			if timedOut == 0 {
				t.Fatal("no request timed out")
			}
			if l := logs.String(); strings.Contains(l, "superfluous") {
				t.Errorf("the server wrote a second header:\n%s", l)
			}
		})
	}
}

// failingWriter counts the headers written to it and fails every body write, as a connection
// whose client has gone does.
type failingWriter struct {
	header  http.Header
	headers int
}

func (w *failingWriter) Header() http.Header       { return w.header }
func (w *failingWriter) WriteHeader(int)           { w.headers++ }
func (w *failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestFailedWriteAborts checks, without a network, what the fake does when writing an answer
// fails: one header, then the answer is aborted (the connection dropped) rather than followed
// by a 500 that could not be sent anyway.
func TestFailedWriteAborts(t *testing.T) {
	fake, path := connectedFake(t)
	req := httptest.NewRequest("GET", path, nil)
	req.SetBasicAuth(DefaultClientID, DefaultAPIKey)
	versioned(req)
	w := &failingWriter{header: http.Header{}}
	var aborted any
	func() {
		defer func() { aborted = recover() }()
		fake.ServeHTTP(w, req)
	}()
	if w.headers != 1 {
		t.Errorf("%d headers written, want 1", w.headers)
	}
	if aborted != http.ErrAbortHandler {
		t.Errorf("the answer ended with %v, want the connection dropped (http.ErrAbortHandler)", aborted)
	}
}
