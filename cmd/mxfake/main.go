// Command mxfake serves the fake MX Platform API of package mxplatformtest, for tests written
// in any language and for trying the SDK without MX credentials.
//
// Usage:
//
//	mxfake [-addr 127.0.0.1:8080] [-client-id ID] [-api-key KEY] [-seed N]
//	       [-step 500ms] [-latency 0s] [-fault-rate 0]
//
// It prints the API's base URL on the first line of its standard output, and how to call it on
// standard error, then serves until it receives SIGINT or SIGTERM, when it stops accepting
// connections, lets the requests under way finish (five seconds at most) and exits 0.
//
// It serves both versions of the API, over one state: v20250224, MX's current version, and
// v20111101, the version of MX's v1 reference. The fake checks HTTP basic authentication and
// the Accept-Version header as MX does, on every request: a request without it answers 400,
// one naming another version 406.
//
//	curl -u mxfake-client-id:mxfake-api-key -H 'Accept-Version: v20250224' \
//	    http://127.0.0.1:8080/institutions
//	curl -u mxfake-client-id:mxfake-api-key -H 'Accept-Version: v20111101' \
//	    -H 'Accept: application/vnd.mx.api.v1+json' http://127.0.0.1:8080/institutions
//
// See the documentation of package mxplatformtest for the test bank's credentials, job timing
// and faults.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/mxsdk/mx-go/mxplatform/v20111101"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// shutdownGrace is how long requests under way may take to finish once a signal arrives.
const shutdownGrace = 5 * time.Second

// run serves the fake until ctx ends and returns the exit code: 0 after a clean stop, 1 when
// the server cannot start or stop, 2 for bad flags.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mxfake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	clientID := fs.String("client-id", mxplatformtest.DefaultClientID, "client ID to accept (HTTP basic user name)")
	apiKey := fs.String("api-key", mxplatformtest.DefaultAPIKey, "API key to accept (HTTP basic password)")
	seed := fs.Int64("seed", mxplatformtest.DefaultSeed, "seed of the generated GUIDs, accounts and transactions")
	step := fs.Duration("step", mxplatformtest.DefaultStepInterval, "time between two steps of an aggregation job (0: jobs finish at once)")
	latency := fs.Duration("latency", 0, "delay added to every answer")
	faultRate := fs.Float64("fault-rate", 0, "share of requests (0 to 1) that fail at random with 5xx, 429 or a reset connection")
	sample := fs.Bool("sample", false, "start with the sample data that the examples of mx's help name (user u-1, member m-1...); their GUIDs go to stderr")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "mxfake: unexpected arguments: %v\n", fs.Args())
		fs.Usage()
		return 2
	}
	srv, err := mxplatformtest.Start(
		mxplatformtest.WithAddr(*addr),
		mxplatformtest.WithCredentials(*clientID, *apiKey),
		mxplatformtest.WithSeed(*seed),
		mxplatformtest.WithStepInterval(*step),
		mxplatformtest.WithLatency(*latency, 0),
		mxplatformtest.WithFaultRate(*faultRate),
	)
	if err != nil {
		fmt.Fprintf(stderr, "mxfake: %v\n", err)
		return 1
	}
	if *sample {
		s, err := srv.Fake.LoadSample()
		if err != nil {
			fmt.Fprintf(stderr, "mxfake: loading the sample: %v\n", err)
			srv.Close()
			return 1
		}
		fmt.Fprintf(stderr, "mxfake: sample data:\n%s", s.Describe())
	}
	fmt.Fprintln(stdout, srv.URL)
	fmt.Fprintf(stderr, "mxfake: serving the fake MX Platform API at %s\n", srv.URL)
	fmt.Fprintf(stderr, "mxfake: client ID %q, API key %q; stop with Ctrl-C\n", srv.ClientID, srv.APIKey)
	fmt.Fprintf(stderr, "mxfake: serving versions %s (current) and %s of the API, chosen by the Accept-Version header\n", mxplatform.APIVersion, v20111101.APIVersion)
	fmt.Fprintf(stderr, "mxfake: try  curl -u '%s:%s' -H 'Accept-Version: %s' %s/institutions\n", srv.ClientID, srv.APIKey, mxplatform.APIVersion, srv.URL)
	fmt.Fprintf(stderr, "mxfake:  or  curl -u '%s:%s' -H 'Accept-Version: %s' -H 'Accept: application/vnd.mx.api.v1+json' %s/institutions\n", srv.ClientID, srv.APIKey, v20111101.APIVersion, srv.URL)

	err = srv.ServeUntil(ctx, shutdownGrace)
	fmt.Fprintln(stderr, "mxfake: shut down")
	if err != nil {
		fmt.Fprintf(stderr, "mxfake: shutdown: %v\n", err)
		return 1
	}
	return 0
}
