package mxplatformtest_test

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

func TestStartAndStop(t *testing.T) {
	srv, err := mxplatformtest.Start(mxplatformtest.WithCredentials("client-1", "key-1"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") || srv.ClientID != "client-1" || srv.APIKey != "key-1" {
		t.Errorf("server = %s %s %s", srv.URL, srv.ClientID, srv.APIKey)
	}
	mx, err := mxplatform.New(srv.Options()...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mx.ListInstitutions(context.Background(), nil); err != nil {
		t.Fatalf("with srv.Options(): %v", err)
	}
	if _, err := srv.Client(mxplatform.WithTimeout(-1)); err == nil {
		t.Error("Client accepted an invalid option")
	}

	// A request under way finishes during a graceful shutdown.
	if err := srv.Fake.InjectFault(mxplatformtest.FaultRule{Operation: "readInstitution", Fault: mxplatformtest.LatencyFault(100 * time.Millisecond)}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := mx.ReadInstitution(context.Background(), "mxbank")
		done <- err
	}()
	waitFor(t, func() bool { return srv.Fake.Requests("readInstitution").Received == 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown: %v", err)
	}
	if err := <-done; err != nil {
		t.Errorf("the request under way during Shutdown: %v", err)
	}
	srv.Close() // after Shutdown, and twice, Close does nothing
	srv.Close()
	if _, err := http.Get(srv.URL + "/institutions"); err == nil {
		t.Error("the server answers after Shutdown")
	}
}

func TestStartFailures(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if _, err := mxplatformtest.Start(mxplatformtest.WithAddr(ln.Addr().String())); err == nil {
		t.Error("Start on a busy port succeeded")
	}
	if _, err := mxplatformtest.Start(mxplatformtest.WithSeed(1), nil); err == nil {
		t.Error("Start with a nil option succeeded")
	}
}
