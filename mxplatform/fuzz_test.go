package mxplatform

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"unicode/utf8"
)

// fuzzAPI answers every request with status and body, without a network.
func fuzzAPI(t *testing.T, status int, body []byte) *API {
	doer := doerFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {mediaType}}, Body: io.NopCloser(bytes.NewReader(body)), Request: r}, nil
	})
	a, err := New(WithCredentials("id", "key"), WithDoer(doer), noRetries)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func addFixtureSeeds(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(fixturesDir, "*", "*.json"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// FuzzResponseDecoding feeds arbitrary 200 bodies to operations of every result shape: each
// returns a value or an error, never both, never neither, and never panics; deleteUser, which
// answers no body, succeeds exactly when the body is empty or JSON.
func FuzzResponseDecoding(f *testing.F) {
	addFixtureSeeds(f)
	f.Add([]byte(`{"account": null}`))
	f.Add([]byte(`{"transactions": [], "pagination": null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		a := fuzzAPI(t, 200, body)
		ctx := context.Background()
		check := func(name string, ok bool, err error) {
			if ok == (err != nil) {
				t.Fatalf("%s: value %v with error %v", name, ok, err)
			}
			var de *DecodeError
			if err != nil && !errors.As(err, &de) {
				t.Fatalf("%s: %T %v", name, err, err)
			}
		}
		acct, err := a.ReadAccount(ctx, UserGUID("USR-1"), AccountGUID("ACT-1"))
		check("readAccount", acct != nil, err)
		page, err := a.ListTransactions(ctx, UserGUID("USR-1"), nil)
		check("listTransactions", page != nil, err)
		job, err := a.AggregateMember(ctx, UserGUID("USR-1"), MemberGUID("MBR-1"))
		check("aggregateMember", job != nil && job.Member != nil, err)
		tx, err := a.ReadTransaction(ctx, UserGUID("USR-1"), TransactionGUID("TRN-1"), nil)
		check("readTransaction", tx != nil, err)
		ch, err := a.ListMemberChallenges(ctx, UserGUID("USR-1"), MemberGUID("MBR-1"), nil)
		check("listMemberChallenges", ch != nil, err)
		st, err := a.ReadMemberStatus(ctx, UserGUID("USR-1"), MemberGUID("MBR-1"))
		check("readMemberStatus", st != nil, err)
		if st != nil {
			_ = st.ConnectionStatus.Info()
		}
		// An operation that answers no body takes an empty or JSON body, and nothing else.
		err = a.DeleteUser(ctx, UserGUID("USR-1"))
		wantOK := len(bytes.TrimSpace(body)) == 0 || json.Valid(body)
		check("deleteUser", wantOK, err)
	})
}

// FuzzErrorDecoding feeds arbitrary error bodies: the result is an *Error with the status, a
// message only when the body is MX's error JSON, and a printable description.
func FuzzErrorDecoding(f *testing.F) {
	f.Add(500, []byte(`{"error": {"message": "Something went wrong."}}`))
	f.Add(404, readFixtureF(f, "readInstitution", "404.json"))
	f.Add(502, []byte("<html><body>Bad Gateway</body></html>"))
	f.Add(429, []byte(""))
	f.Add(400, []byte(`{"error": {"message": "\xff\xfe"}}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = 400 + (status%200+200)%200 // 400-599
		_, err := fuzzAPI(t, status, body).ReadMember(context.Background(), UserGUID("USR-1"), MemberGUID("MBR-1"))
		var e *Error
		if !errors.As(err, &e) || e.StatusCode != status {
			t.Fatalf("%T %v", err, err)
		}
		if e.Message != "" && e.Message != errorMessage(body) {
			t.Fatalf("message %q from %q", e.Message, body)
		}
		if !utf8.ValidString(err.Error()) && utf8.ValidString(e.Message) {
			t.Fatalf("description is not UTF-8: %q", err.Error())
		}
		if len(e.Body) > maxErrorBody {
			t.Fatalf("body of %d bytes kept", len(e.Body))
		}
	})
}

func readFixtureF(f *testing.F, op, name string) []byte {
	b, err := os.ReadFile(filepath.Join(fixturesDir, op, name))
	if err != nil {
		f.Fatal(err)
	}
	return b
}

// FuzzConnectionStatus decodes arbitrary JSON values as a connection status: names and codes
// decode, null is the null status, everything else is an error, and Info never panics.
func FuzzConnectionStatus(f *testing.F) {
	for _, s := range []string{`"CONNECTED"`, `6`, `21`, `-1`, `null`, `"SOMETHING_NEW"`, `1e3`, `true`, `"\u0000"`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var s ConnectionStatus
		if err := json.Unmarshal(b, &s); err != nil {
			return
		}
		info := s.Info()
		if s == "" {
			// null (or "") is the null status: known, nothing to do.
			if !info.Known || info.Next != NextStepNone {
				t.Fatalf("%q: the null status explains as %+v", b, info)
			}
			return
		}
		if info.Known != s.Valid() {
			t.Fatalf("%q: known %v, valid %v", s, info.Known, s.Valid())
		}
		if code, ok := s.Code(); ok {
			if back, _ := ConnectionStatusFromCode(code); back != s {
				t.Fatalf("%q: code %d is %q", s, code, back)
			}
		}
	})
}

// FuzzPagination feeds iterators pagination objects chosen by the fuzzer: whatever they say, the
// iteration ends, yields at most one error, and asks for each page once.
func FuzzPagination(f *testing.F) {
	f.Add(3, 0, 5, false)
	f.Add(1<<30, 0, 100, false)
	f.Add(-7, 3, 10, false)
	f.Add(10, -1, 2, true)
	f.Add(0, 0, 0, true)
	f.Fuzz(func(t *testing.T, totalPages, pageShift, perPage int, prefetch bool) {
		perPage = (perPage%5+5)%5 + 1 // 1-5 items a page, so that MaxPages pages stay fast
		var mu sync.Mutex
		asked := map[int]int{}
		fetch := func(ctx context.Context, page, size int, _ []CallOption) ([]int, Pagination, error) {
			mu.Lock()
			asked[page]++
			mu.Unlock()
			return make([]int, perPage), Pagination{CurrentPage: page + pageShift, PerPage: size, TotalPages: totalPages}, nil
		}
		var opts []CallOption
		if prefetch {
			opts = append(opts, WithPrefetch(2))
		}
		items, errs := 0, 0
		for _, err := range Paginate(context.Background(), 0, 0, nil, fetch, opts...) {
			if err != nil {
				errs++
				continue
			}
			items++
		}
		if errs > 1 {
			t.Fatalf("%d errors", errs)
		}
		if items > MaxPages*perPage {
			t.Fatalf("%d items", items)
		}
		if pageShift != 0 && (items != 0 || errs != 1) {
			t.Fatalf("a page that is not the one asked for gave %d items, %d errors", items, errs)
		}
		for page, n := range asked {
			if n > 1 {
				t.Fatalf("page %d asked for %d times", page, n)
			}
		}
	})
}
