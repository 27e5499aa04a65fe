package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// exchange is one request the recorder passed to the fake, and the fake's answer.
type exchange struct {
	method, path    string
	escapedPath     string // the path as sent, escapes kept
	accept, version string // the Accept and Accept-Version headers
	authorization   string // the Authorization header
	body            []byte // the request body
	status          int
	answer          []byte // the answer's body
	answerType      string
}

// recorder serves the fake behind a server that keeps every exchange, so that tests see what
// the CLI sent (the API version it named, the bodies) and what it received.
type recorder struct {
	mu        sync.Mutex
	exchanges []exchange
}

// recordingEnv starts a fake behind a recorder and returns the variables that point mx at the
// recorder.
func recordingEnv(t *testing.T) (*recorder, map[string]string) {
	t.Helper()
	srv, vars := fakeEnv(t)
	rec := &recorder{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		cw := &capture{ResponseWriter: w, status: http.StatusOK}
		srv.Fake.ServeHTTP(cw, r)
		rec.mu.Lock()
		rec.exchanges = append(rec.exchanges, exchange{
			method: r.Method, path: r.URL.Path, escapedPath: r.URL.EscapedPath(), accept: r.Header.Get("Accept"), version: r.Header.Get("Accept-Version"),
			authorization: r.Header.Get("Authorization"),
			body:          body, status: cw.status, answer: cw.body.Bytes(), answerType: cw.Header().Get("Content-Type"),
		})
		rec.mu.Unlock()
	}))
	t.Cleanup(ts.Close)
	vars["MX_BASE_URL"] = ts.URL
	return rec, vars
}

// take returns the exchanges recorded since the last call.
func (r *recorder) take() []exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.exchanges
	r.exchanges = nil
	return out
}

// capture keeps the status and body of an answer while writing them through.
type capture struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (c *capture) WriteHeader(status int) {
	c.status = status
	c.ResponseWriter.WriteHeader(status)
}

func (c *capture) Write(p []byte) (int, error) {
	c.body.Write(p)
	return c.ResponseWriter.Write(p)
}

func (c *capture) Flush() {
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
