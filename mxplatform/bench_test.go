package mxplatform

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
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
			if err != nil || !acct.Balance.IsSet() {
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
			var out struct {
				Account Account `json:"account"`
			}
			if err := json.Unmarshal(raw, &out); err != nil || !out.Account.Balance.IsSet() {
				b.Fatal(err)
			}
		}
	})
}

// transactionPages serves listTransactions over n copies of the reference's example transaction,
// each request delayed by latency.
func transactionPages(b *testing.B, n int, latency time.Duration) (*httptest.Server, *atomic.Int64) {
	var list transactionsPage
	if err := json.Unmarshal(readFixture(b, "listTransactions", "200.json"), &list); err != nil {
		b.Fatal(err)
	}
	all := make([]Transaction, n)
	for i := range all {
		all[i] = list.Transactions[0]
		g := TransactionGUID(fmt.Sprintf("TRN-%d", i))
		all[i].GUID = g
	}
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		time.Sleep(latency)
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		per, _ := strconv.Atoi(r.URL.Query().Get("records_per_page"))
		lo, hi := min((page-1)*per, n), min(page*per, n)
		body, _ := json.Marshal(transactionsPage{
			Transactions: all[lo:hi],
			Pagination:   Pagination{CurrentPage: page, PerPage: per, TotalEntries: n, TotalPages: (n + per - 1) / per},
		})
		w.Header().Set("Content-Type", mediaType)
		_, _ = w.Write(body)
	}))
	return srv, &requests
}

// BenchmarkListTransactions lists 10,000 transactions (10 pages of 1,000, the most
// listTransactions allows a page) from a loopback server that adds 20 ms to every request, page
// by page and with WithPrefetch(3).
func BenchmarkListTransactions(b *testing.B) {
	srv, requests := transactionPages(b, 10_000, 20*time.Millisecond)
	defer srv.Close()
	for _, bc := range []struct {
		name string
		opts []CallOption
	}{{"sequential", nil}, {"prefetch", []CallOption{WithPrefetch(3)}}} {
		b.Run(bc.name, func(b *testing.B) {
			a := newTestAPI(b, srv.URL)
			requests.Store(0)
			b.ReportAllocs()
			for b.Loop() {
				n := 0
				for _, err := range a.ListTransactionsIter(context.Background(), docUser, nil, bc.opts...) {
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				if n != 10_000 {
					b.Fatalf("%d transactions", n)
				}
			}
			b.ReportMetric(float64(requests.Load())/float64(b.N), "requests/op")
		})
	}
}
