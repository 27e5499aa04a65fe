package mxplatform

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// memberList serves listMembers over total members, honouring page and records_per_page,
// and lets a test break a page or the pagination object.
type memberList struct {
	total int
	// fail answers this page with a 500 when set.
	fail int
	// rewrite edits a page's pagination object when set.
	rewrite func(page int, p *Pagination)
	delay   time.Duration

	mu       sync.Mutex
	requests []pageRequest
	inFlight atomic.Int32
	maxIn    atomic.Int32
}

type pageRequest struct{ page, perPage int }

func (l *memberList) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := l.inFlight.Add(1)
	defer l.inFlight.Add(-1)
	for {
		m := l.maxIn.Load()
		if n <= m || l.maxIn.CompareAndSwap(m, n) {
			break
		}
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	per, _ := strconv.Atoi(r.URL.Query().Get("records_per_page"))
	l.mu.Lock()
	l.requests = append(l.requests, pageRequest{page, per})
	l.mu.Unlock()
	if l.delay > 0 {
		time.Sleep(l.delay)
	}
	if page == l.fail {
		w.WriteHeader(500)
		_, _ = w.Write([]byte(`{"error": {"message": "page failed"}}`))
		return
	}
	body := membersPage{Members: []Member{}}
	for i := (page - 1) * per; i < page*per && i < l.total; i++ {
		body.Members = append(body.Members, Member{GUID: MemberGUID(fmt.Sprintf("MBR-%d", i))})
	}
	body.Pagination = Pagination{CurrentPage: page, PerPage: per, TotalEntries: l.total, TotalPages: (l.total + per - 1) / per}
	if l.rewrite != nil {
		l.rewrite(page, &body.Pagination)
	}
	b, _ := jsonMarshal(body)
	_, _ = w.Write(b)
}

func (l *memberList) pages() []pageRequest {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]pageRequest(nil), l.requests...)
}

func serveList(t *testing.T, l *memberList) *API {
	srv := httptest.NewServer(l)
	t.Cleanup(srv.Close)
	return newTestAPI(t, srv.URL, noRetries)
}

func guids(ms []Member) []string {
	var out []string
	for _, m := range ms {
		out = append(out, string(m.GUID))
	}
	return out
}

func TestIteratorPagesThroughEverything(t *testing.T) {
	for _, prefetch := range []int{0, 1, 3} {
		t.Run(fmt.Sprintf("prefetch=%d", prefetch), func(t *testing.T) {
			l := &memberList{total: 2500}
			a := serveList(t, l)
			params := &ListMembersParams{}
			got, err := Collect(a.ListMembersIter(context.Background(), docUser, params, WithPrefetch(prefetch)))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2500 || got[0].GUID != "MBR-0" || got[2499].GUID != "MBR-2499" {
				t.Fatalf("%d members", len(got))
			}
			for i, m := range got {
				if string(m.GUID) != fmt.Sprintf("MBR-%d", i) {
					t.Fatalf("item %d is %s", i, m.GUID)
				}
			}
			// listMembers takes up to 1000 records a page: the iterator asks for that many.
			if pages := l.pages(); len(pages) != 3 || pages[0].perPage != 1000 {
				t.Errorf("requests %v", pages)
			}
			if params.Page != nil || params.RecordsPerPage != nil {
				t.Error("the caller's params were modified")
			}
		})
	}
}

// hundred asks for pages of 100 members.
func hundred() *ListMembersParams {
	n := 100
	return &ListMembersParams{RecordsPerPage: &n}
}

func TestIteratorHonoursTheCallersPageAndSize(t *testing.T) {
	l := &memberList{total: 100}
	a := serveList(t, l)
	page, per := 3, 10
	got, err := Collect(a.ListMembersIter(context.Background(), docUser, &ListMembersParams{Page: &page, RecordsPerPage: &per}))
	if err != nil || len(got) != 80 || got[0].GUID != "MBR-20" {
		t.Fatalf("%d members, %v", len(got), err)
	}
	if page != 3 || per != 10 {
		t.Error("params were modified")
	}
}

func TestIteratorBreakStopsFetching(t *testing.T) {
	for _, prefetch := range []int{0, 2} {
		l := &memberList{total: 1000}
		a := serveList(t, l)
		n := 0
		for m, err := range a.ListMembersIter(context.Background(), docUser, hundred(), WithPrefetch(prefetch)) {
			if err != nil {
				t.Fatal(err)
			}
			n++
			if m.GUID == "MBR-150" {
				break
			}
		}
		if n != 151 {
			t.Errorf("prefetch %d: %d items", prefetch, n)
		}
		// Sequential: pages 1 and 2. Prefetch: at most the pages requested ahead of page 2.
		if got, limit := len(l.pages()), 2+prefetch; got < 2 || got > limit {
			t.Errorf("prefetch %d: %d requests", prefetch, got)
		}
	}
}

// TestPrefetchLeavesNothingRunning breaks a loop while prefetched pages are still being
// fetched: the iterator must cancel them and return only once they have ended.
func TestPrefetchLeavesNothingRunning(t *testing.T) {
	var active atomic.Int32
	slow := func(ctx context.Context, page, perPage int, _ []CallOption) ([]int, Pagination, error) {
		active.Add(1)
		defer active.Add(-1)
		if page > 1 {
			<-ctx.Done() // a page that never arrives before the loop stops
			return nil, Pagination{}, ctx.Err()
		}
		return []int{1, 2, 3}, Pagination{CurrentPage: page, PerPage: perPage, TotalPages: 10}, nil
	}
	for v, err := range Paginate(context.Background(), 0, 0, nil, slow, WithPrefetch(4)) {
		if err != nil {
			t.Fatal(err)
		}
		if v == 2 {
			break
		}
	}
	if n := active.Load(); n != 0 {
		t.Errorf("%d fetches still running after the loop", n)
	}
}

func TestIteratorErrorOnTheThirdPage(t *testing.T) {
	for _, prefetch := range []int{0, 2} {
		l := &memberList{total: 1000, fail: 3}
		a := serveList(t, l)
		items, errs := 0, 0
		var last error
		for _, err := range a.ListMembersIter(context.Background(), docUser, hundred(), WithPrefetch(prefetch)) {
			if err != nil {
				errs++
				last = err
				continue
			}
			items++
		}
		var e *Error
		if items != 200 || errs != 1 || !errors.As(last, &e) || e.StatusCode != 500 || e.Message != "page failed" {
			t.Errorf("prefetch %d: %d items, %d errors, %v", prefetch, items, errs, last)
		}
	}
}

func TestIteratorEmptyList(t *testing.T) {
	l := &memberList{total: 0}
	a := serveList(t, l)
	got, err := Collect(a.ListMembersIter(context.Background(), docUser, nil))
	if err != nil || len(got) != 0 || len(l.pages()) != 1 {
		t.Fatalf("%v %v %d requests", got, err, len(l.pages()))
	}
}

func TestIteratorHostilePagination(t *testing.T) {
	for name, tc := range map[string]struct {
		rewrite   func(page int, p *Pagination)
		wantItems int
		wantErr   bool
	}{
		"page does not advance": {func(page int, p *Pagination) { p.CurrentPage = 1 }, 100, true},
		"negative total":        {func(page int, p *Pagination) { p.TotalPages = -5 }, 100, false},
		"zero total":            {func(page int, p *Pagination) { p.TotalPages = 0 }, 100, false},
		"huge total":            {func(page int, p *Pagination) { p.TotalPages = 1 << 40 }, 300, false},
	} {
		for _, prefetch := range []int{0, 2} {
			t.Run(fmt.Sprintf("%s/prefetch=%d", name, prefetch), func(t *testing.T) {
				l := &memberList{total: 300, rewrite: tc.rewrite}
				a := serveList(t, l)
				got, err := Collect(a.ListMembersIter(context.Background(), docUser, hundred(), WithPrefetch(prefetch)))
				if len(got) != tc.wantItems || (err != nil) != tc.wantErr {
					t.Fatalf("%d items, %v", len(got), err)
				}
				if tc.wantErr && !errors.Is(err, ErrPagination) {
					t.Errorf("%v is not ErrPagination", err)
				}
				// A huge total ends at the first empty page.
				if len(l.pages()) > 4+prefetch {
					t.Errorf("%d requests", len(l.pages()))
				}
			})
		}
	}
}

func TestIteratorEndlessPagesAreBounded(t *testing.T) {
	var calls atomic.Int64
	endless := func(ctx context.Context, page, perPage int, _ []CallOption) ([]int, Pagination, error) {
		calls.Add(1)
		return []int{page}, Pagination{CurrentPage: page, PerPage: perPage, TotalPages: 1 << 40}, nil
	}
	for _, opts := range [][]CallOption{nil, {WithPrefetch(2)}} {
		calls.Store(0)
		got, err := Collect(Paginate(context.Background(), 0, 0, nil, endless, opts...))
		if !errors.Is(err, ErrPagination) || len(got) != MaxPages {
			t.Fatalf("%d items, %v", len(got), err)
		}
		if calls.Load() > MaxPages {
			t.Errorf("%d calls", calls.Load())
		}
	}
}

func TestPrefetchIsBounded(t *testing.T) {
	l := &memberList{total: 2000, delay: 5 * time.Millisecond}
	a := serveList(t, l)
	got, err := Collect(a.ListMembersIter(context.Background(), docUser, hundred(), WithPrefetch(3)))
	if err != nil || len(got) != 2000 {
		t.Fatal(len(got), err)
	}
	if m := l.maxIn.Load(); m > 3 || m < 2 {
		t.Errorf("%d requests in flight at once, want 2 or 3", m)
	}
	if len(l.pages()) != 20 {
		t.Errorf("%d requests", len(l.pages()))
	}
}

func TestCollectN(t *testing.T) {
	l := &memberList{total: 1000}
	a := serveList(t, l)
	got, err := CollectN(a.ListMembersIter(context.Background(), docUser, nil), 5)
	if err != nil || len(got) != 5 || len(l.pages()) != 1 {
		t.Fatalf("%v %v %d requests", guids(got), err, len(l.pages()))
	}
	if got, _ := CollectN(a.ListMembersIter(context.Background(), docUser, nil), 0); len(got) != 0 {
		t.Error("CollectN(0) collected")
	}
}

func TestChallengesIteratorWhenNotChallenged(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }))
	defer srv.Close()
	got, err := Collect(newTestAPI(t, srv.URL).ListMemberChallengesIter(context.Background(), docUser, docMember, nil))
	if err != nil || len(got) != 0 {
		t.Fatal(got, err)
	}
}

// membersPage is a page of members as MX answers it.
type membersPage struct {
	Members    []Member   `json:"members"`
	Pagination Pagination `json:"pagination"`
}
