package mxplatformtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// Server is a running fake MX Platform API, listening on a local address, like an
// httptest.Server. Build one with [NewServer] in tests, or [Start] elsewhere; call
// [Server.Close] when done.
type Server struct {
	// URL is the base URL of the API, such as http://127.0.0.1:52345: pass it to
	// mxplatform.WithServerURL (or use [Server.Client]).
	URL string
	// ClientID and APIKey are the credentials the server accepts.
	ClientID, APIKey string
	// Fake is the fake behind the server: its state, clock, job steps, faults and counts.
	Fake *Fake

	srv       *http.Server
	listener  net.Listener
	done      chan struct{}
	closeOnce sync.Once
	serveErr  error
}

// maxHeaderBytes bounds the request line and headers the server reads, where net/http's
// default is 1 MiB: parsing many short headers or query parameters costs about fifteen times
// their size. MX's requests send well under 4 KiB (credentials, Accept, a query of a few
// parameters); a request past 64 KiB gets net/http's 431.
const maxHeaderBytes = 64 << 10

// Start starts a fake configured by opts on [WithAddr]'s address (by default a free loopback
// port) and returns once it accepts connections. It reads at most 64 KiB of a request's line
// and headers (431 past that) and waits at most 10 seconds for them.
func Start(opts ...Option) (*Server, error) {
	fake, err := NewFake(opts...)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", fake.cfg.addr)
	if err != nil {
		return nil, fmt.Errorf("mxplatformtest: listen on %s: %w", fake.cfg.addr, err)
	}
	s := &Server{
		URL:      "http://" + ln.Addr().String(),
		ClientID: fake.cfg.clientID,
		APIKey:   fake.cfg.apiKey,
		Fake:     fake,
		srv:      &http.Server{Handler: fake, ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: maxHeaderBytes},
		listener: ln,
		done:     make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.serveErr = err
		}
	}()
	return s, nil
}

// NewServer starts a fake for the test and closes it when the test ends. It fails the test
// when an option is invalid or no port is free.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := Start(opts...)
	if err != nil {
		t.Fatalf("mxplatformtest.NewServer: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// Close stops the server at once: open connections are closed. Calling it again does nothing.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		_ = s.srv.Close()
		<-s.done
	})
}

// Shutdown stops the server gracefully: it stops accepting connections and waits for the
// requests under way to finish, or for ctx to end (then it closes what is left).
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	if err != nil {
		s.Close()
		return err
	}
	s.closeOnce.Do(func() { <-s.done })
	return s.serveErr
}

// ServeUntil serves until ctx ends (a signal, in a command), then shuts the server down,
// letting the requests under way finish for at most grace.
func (s *Server) ServeUntil(ctx context.Context, grace time.Duration) error {
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	return s.Shutdown(sctx)
}

// Options returns the mxplatform options that point an API at the server with its
// credentials.
func (s *Server) Options() []mxplatform.Option {
	return []mxplatform.Option{mxplatform.WithServerURL(s.URL), mxplatform.WithCredentials(s.ClientID, s.APIKey)}
}

// Client returns an [mxplatform.API] that calls the server, configured further by extra (a
// retry policy, a timeout...). It fails only when an extra option is invalid.
func (s *Server) Client(extra ...mxplatform.Option) (*mxplatform.API, error) {
	return mxplatform.New(append(s.Options(), extra...)...)
}
