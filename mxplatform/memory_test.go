package mxplatform

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
)

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHostileAnswersCostLittle sends answers that are small on the wire but would be huge once
// decoded: a gzip of a page of a third of a million empty accounts (each {} a struct of about a
// kilobyte), an array nested thousands deep, a page of a million tiny values. Each is refused
// with a *DecodeError before it is decoded, at a cost of a few times its size (reading it, and
// gzip's buffers), where decoding the first cost 2 GiB. The bound is loose: the race detector
// and the goroutines of other tests allocate too.
func TestHostileAnswersCostLittle(t *testing.T) {
	page := func(records string) string {
		return `{"accounts":[` + records + `],"pagination":{"current_page":1,"per_page":1000,"total_entries":1,"total_pages":1}}`
	}
	for name, body := range map[string]string{
		"empty accounts": page(strings.TrimSuffix(strings.Repeat("{},", 350_000), ",")),
		"deep nesting":   page(`{"metadata":` + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + `}`),
		"tiny values":    page(`{"name":"x","x":[` + strings.TrimSuffix(strings.Repeat("0,", 5_000_000), ",") + `]}`),
	} {
		var zipped bytes.Buffer
		zw := gzip.NewWriter(&zipped)
		_, _ = zw.Write([]byte(body))
		_ = zw.Close()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", mediaType)
			_, _ = w.Write(zipped.Bytes())
		}))
		a := newTestAPI(t, srv.URL)
		var err error
		cost := allocated(func() { _, err = a.ListUserAccounts(context.Background(), docUser, nil) })
		srv.Close()
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s: %v, want a *DecodeError", name, err)
		}
		if limit := uint64(32 * len(body)); cost > limit {
			t.Errorf("%s: %d KiB of answer (%d KiB gzipped) cost %d KiB, more than %d KiB", name, len(body)>>10, zipped.Len()>>10, cost>>10, limit>>10)
		}
	}
}

// TestAnswerLargerThanTheCap: a body past 16 MiB is refused, saying so.
func TestAnswerLargerThanTheCap(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"account": {"name": "`))
		chunk := bytes.Repeat([]byte("x"), 1<<20)
		for range 17 {
			_, _ = w.Write(chunk)
		}
		_, _ = w.Write([]byte(`"}}`))
	}))
	defer srv.Close()
	_, err := newTestAPI(t, srv.URL).ReadAccount(context.Background(), docUser, docAccount)
	var de *DecodeError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "16 MiB") {
		t.Errorf("%v, want a *DecodeError about the size", err)
	}
}

// TestPageWithMoreRecordsThanAskedFor: an iterator refuses a page holding more records than
// records_per_page allows.
func TestPageWithMoreRecordsThanAskedFor(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accounts := strings.TrimSuffix(strings.Repeat(`{"guid":"ACT-1"},`, 11), ",")
		_, _ = w.Write([]byte(`{"accounts":[` + accounts + `],"pagination":{"current_page":1,"per_page":10,"total_entries":11,"total_pages":1}}`))
	}))
	defer srv.Close()
	_, err := Collect(newTestAPI(t, srv.URL).ListUserAccountsIter(context.Background(), docUser, &ListUserAccountsParams{RecordsPerPage: Ptr(10)}))
	if !errors.Is(err, ErrPagination) {
		t.Errorf("%v, want ErrPagination", err)
	}
}
