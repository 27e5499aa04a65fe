package mxplatform

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadAccount compares a ReadAccount through the SDK (retry layer on) with a
// hand-written net/http GET decoded by json.Unmarshal into the same struct, against the same
// loopback server.
func BenchmarkReadAccount(b *testing.B) {
	body, err := os.ReadFile(filepath.Join(fixturesDir, "readAccount", "200.json"))
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", mediaType)
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	ctx := context.Background()

	b.Run("sdk", func(b *testing.B) {
		a := newTestAPI(b, srv.URL)
		b.ReportAllocs()
		for b.Loop() {
			acct, err := a.ReadAccount(ctx, docUser, docAccount)
			if err != nil || acct.Balance == nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("nethttp", func(b *testing.B) {
		client := &http.Client{Transport: DefaultTransport()}
		url := srv.URL + "/users/" + string(docUser) + "/accounts/" + string(docAccount)
		b.ReportAllocs()
		for b.Loop() {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
			if err != nil {
				b.Fatal(err)
			}
			req.SetBasicAuth("CLIENT-1234", "API-KEY-4567")
			req.Header.Set("Accept", mediaType)
			resp, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			raw, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				b.Fatal(err, resp.StatusCode)
			}
			var out AccountResponseBody
			if err := json.Unmarshal(raw, &out); err != nil || out.Account.Balance == nil {
				b.Fatal(err)
			}
		}
	})
}
