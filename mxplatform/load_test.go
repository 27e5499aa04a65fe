package mxplatform_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// The flags of TestLoad. `go test` runs it briefly; `make load` runs it for longer, without the
// race detector, and prints its figures.
var (
	loadClients  = flag.Int("load.clients", 8, "TestLoad: concurrent clients, each with its own user")
	loadDuration = flag.Duration("load.duration", time.Second, "TestLoad: how long the clients run")
)

// The kinds of call of the load test, and how often a client picks each (out of 100).
var loadMix = []struct {
	kind   string
	weight int
}{
	{"readAccount", 30},
	{"readTransaction", 15},
	{"listTransactions", 10},
	{"listMembers", 5},
	{"updateTransaction", 25},
	{"createOrDeleteMember", 10},
	{"createUser", 5},
}

// loadOps are the operations the load test calls, for the fake's counts of requests.
var loadOps = []string{"readAccount", "readTransaction", "listTransactions", "listMembers", "updateTransaction", "createMember", "deleteMember", "createUser"}

// maxLoadMembers is how many members a client's user holds before the client deletes one.
const maxLoadMembers = 6

// loadClient is one client of the load test: its user and what it was told it wrote.
type loadClient struct {
	id           int
	mx           *mxplatform.API
	rng          *rand.Rand
	creds        []mxplatform.CredentialRequest
	user         mxplatform.UserGUID // the client's user, seeded with a connected member
	accounts     []mxplatform.AccountGUID
	txns         []mxplatform.TransactionGUID
	users        []mxplatform.UserGUID   // users the client created
	members      []mxplatform.MemberGUID // members the client created and has not deleted
	deleted      []mxplatform.MemberGUID
	descriptions map[mxplatform.TransactionGUID]string // the last description acknowledged, by transaction
	writes       int                                   // writes acknowledged
	calls        map[string][]time.Duration            // the latency of each call, by kind
	errs         []error
	lost         []string // writes acknowledged but not visible
	n            int      // calls made, for unique descriptions and ids
}

// TestLoad runs -load.clients clients against one fake on loopback for -load.duration, each
// with its own user, mixing reads (accounts, transactions, listings through the iterators) and
// writes (users, members created and deleted, transaction descriptions). Each client checks that it
// reads back the descriptions it wrote; at the end every write acknowledged must be visible, every
// delete acknowledged must have happened, and the fake must hold exactly what the clients
// created. It reports calls and HTTP requests per second, the p50 and p99 latency of the calls,
// and fails unless errors and lost writes are both 0.
func TestLoad(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	creds := credentials(t, mx, mxplatformtest.TestBankCode, mxplatformtest.PasswordConnect)
	clients := make([]*loadClient, *loadClients)
	for i := range clients {
		clients[i] = newLoadClient(t, srv, mx, i, creds)
	}

	load := loadAverage()
	before := requestCount(srv)
	start := time.Now()
	end := start.Add(*loadDuration)
	var wg sync.WaitGroup
	for _, c := range clients {
		wg.Go(func() {
			for time.Now().Before(end) {
				c.step(context.Background())
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	requests := requestCount(srv) - before

	for _, c := range clients {
		c.verify(context.Background(), t)
	}
	var want mxplatformtest.Counts
	all := map[string][]time.Duration{}
	var calls, writes int
	var errs []error
	var lost []string
	for _, c := range clients {
		want.Users += 1 + len(c.users)
		want.Members += 1 + len(c.members)
		for kind, d := range c.calls {
			all[kind] = append(all[kind], d...)
			all[""] = append(all[""], d...)
			calls += len(d)
		}
		writes += c.writes
		errs = append(errs, c.errs...)
		lost = append(lost, c.lost...)
	}
	if got := srv.Fake.Counts(); got.Users != want.Users || got.Members != want.Members {
		lost = append(lost, fmt.Sprintf("the fake holds %d users and %d members; the clients were told of %d and %d", got.Users, got.Members, want.Users, want.Members))
	}

	var b strings.Builder
	fmt.Fprintf(&b, "load test: %d clients for %s, fake and SDK in one process on loopback\n", len(clients), elapsed.Round(time.Millisecond))
	fmt.Fprintf(&b, "machine: %s/%s, %d CPUs, %s, %s, load average %s before the run\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpuModel(), runtime.Version(), load)
	fmt.Fprintf(&b, "calls: %d (%.0f/s); HTTP requests: %d (%.0f/s)\n", calls, float64(calls)/elapsed.Seconds(), requests, float64(requests)/elapsed.Seconds())
	fmt.Fprintf(&b, "%-22s %7s %10s %10s\n", "latency of a call", "calls", "p50", "p99")
	for _, m := range append([]struct {
		kind   string
		weight int
	}{{"", 0}}, loadMix...) {
		d := all[m.kind]
		name := m.kind
		if name == "" {
			name = "all"
		}
		fmt.Fprintf(&b, "  %-20s %7d %10s %10s\n", name, len(d), percentile(d, 50), percentile(d, 99))
	}
	fmt.Fprintf(&b, "writes acknowledged: %d; errors: %d; lost writes: %d", writes, len(errs), len(lost))
	t.Log("\n" + b.String())

	for i, err := range errs {
		if i == 10 {
			t.Errorf("... and %d more errors", len(errs)-10)
			break
		}
		t.Errorf("error: %v", err)
	}
	for _, l := range lost {
		t.Errorf("lost write: %s", l)
	}
	if calls == 0 {
		t.Error("no call was made")
	}
}

// newLoadClient gives a client its user, with a connected member whose accounts and
// transactions it reads and updates.
func newLoadClient(t *testing.T, srv *mxplatformtest.Server, mx *mxplatform.API, id int, creds []mxplatform.CredentialRequest) *loadClient {
	c := &loadClient{
		id: id, mx: mx, creds: creds, rng: rand.New(rand.NewPCG(uint64(id), 42)),
		descriptions: map[mxplatform.TransactionGUID]string{}, calls: map[string][]time.Duration{},
	}
	u, err := srv.Fake.AddUser(mxplatform.User{ID: mxplatform.UserID(fmt.Sprintf("load-%d", id))})
	if err != nil {
		t.Fatal(err)
	}
	c.user = u.GUID
	if _, err := srv.Fake.AddMember(c.user, mxplatformtest.MemberSeed{UserName: fmt.Sprintf("load%d", id)}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for a, err := range mx.ListUserAccountsIter(ctx, c.user, nil) {
		if err != nil {
			t.Fatal(err)
		}
		c.accounts = append(c.accounts, a.GUID)
	}
	for tx, err := range mx.ListTransactionsIter(ctx, c.user, nil) {
		if err != nil {
			t.Fatal(err)
		}
		c.txns = append(c.txns, tx.GUID)
	}
	if len(c.accounts) == 0 || len(c.txns) == 0 {
		t.Fatalf("client %d: %d accounts, %d transactions", id, len(c.accounts), len(c.txns))
	}
	return c
}

// step makes one call, picked at random by the weights of loadMix, and records its latency.
func (c *loadClient) step(ctx context.Context) {
	r := c.rng.IntN(100)
	kind := loadMix[len(loadMix)-1].kind
	for _, m := range loadMix {
		if r < m.weight {
			kind = m.kind
			break
		}
		r -= m.weight
	}
	start := time.Now()
	err := c.call(ctx, kind)
	c.calls[kind] = append(c.calls[kind], time.Since(start))
	if err != nil {
		c.errs = append(c.errs, fmt.Errorf("client %d, %s: %w", c.id, kind, err))
	}
}

// call makes one call of a kind, checking what it reads against what the client wrote.
func (c *loadClient) call(ctx context.Context, kind string) error {
	c.n++
	switch kind {
	case "readAccount":
		a, err := c.mx.ReadAccount(ctx, c.user, c.accounts[c.rng.IntN(len(c.accounts))])
		if err == nil && !a.Balance.IsSet() {
			err = errors.New("an account without its balance")
		}
		return err
	case "readTransaction":
		g := c.txns[c.rng.IntN(len(c.txns))]
		tx, err := c.mx.ReadTransaction(ctx, c.user, g, nil)
		if err != nil {
			return err
		}
		if want, ok := c.descriptions[g]; ok && tx.Description != want {
			c.lost = append(c.lost, fmt.Sprintf("client %d read description %q of %s, after writing %q", c.id, tx.Description, g, want))
		}
	case "listTransactions":
		n := 0
		for _, err := range c.mx.ListTransactionsIter(ctx, c.user, nil) {
			if err != nil {
				return err
			}
			n++
		}
		if n < len(c.txns) {
			return fmt.Errorf("listed %d transactions, want at least %d", n, len(c.txns))
		}
	case "listMembers":
		members, err := mxplatform.Collect(c.mx.ListMembersIter(ctx, c.user, nil))
		if err != nil {
			return err
		}
		if len(members) != 1+len(c.members) {
			c.lost = append(c.lost, fmt.Sprintf("client %d listed %d members, want %d", c.id, len(members), 1+len(c.members)))
		}
	case "updateTransaction":
		g := c.txns[c.rng.IntN(len(c.txns))]
		desc := fmt.Sprintf("client %d, call %d", c.id, c.n)
		tx, err := c.mx.UpdateTransaction(ctx, c.user, g, mxplatform.TransactionUpdateRequest{Description: desc})
		if err != nil {
			return err
		}
		if tx.Description != desc {
			return fmt.Errorf("the update answered description %q, want %q", tx.Description, desc)
		}
		c.descriptions[g] = desc
		c.writes++
	case "createOrDeleteMember":
		if len(c.members) >= maxLoadMembers {
			g := c.members[0]
			if err := c.mx.DeleteMember(ctx, c.user, g); err != nil {
				return err
			}
			c.members = c.members[1:]
			c.deleted = append(c.deleted, g)
			c.writes++
			return nil
		}
		m, err := c.mx.CreateMember(ctx, c.user, mxplatform.MemberCreateRequest{
			InstitutionCode: mxplatformtest.TestBankCode, Credentials: c.creds,
		}, nil)
		if err != nil {
			return err
		}
		c.members = append(c.members, m.GUID)
		c.writes++
	case "createUser":
		u, err := c.mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID(fmt.Sprintf("load-%d-%d", c.id, c.n)))})
		if err != nil {
			return err
		}
		c.users = append(c.users, u.GUID)
		c.writes++
	}
	return nil
}

// verify checks, after the run, that every write the client was told of is visible.
func (c *loadClient) verify(ctx context.Context, t *testing.T) {
	for g, desc := range c.descriptions {
		tx, err := c.mx.ReadTransaction(ctx, c.user, g, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tx.Description != desc {
			c.lost = append(c.lost, fmt.Sprintf("client %d: transaction %s has description %q, want %q", c.id, g, tx.Description, desc))
		}
	}
	members, err := mxplatform.Collect(c.mx.ListMembersIter(ctx, c.user, nil))
	if err != nil {
		t.Fatal(err)
	}
	var listed []mxplatform.MemberGUID
	for i, m := range members {
		if i > 0 { // the first is the seeded one
			listed = append(listed, m.GUID)
		}
	}
	if !slices.Equal(listed, c.members) {
		c.lost = append(c.lost, fmt.Sprintf("client %d: the user lists members %v, want %v", c.id, listed, c.members))
	}
	for _, g := range c.deleted {
		if _, err := c.mx.ReadMember(ctx, c.user, g); !errors.Is(err, mxplatform.ErrNotFound) {
			c.lost = append(c.lost, fmt.Sprintf("client %d: member %s, deleted, reads %v", c.id, g, err))
		}
	}
	for _, u := range c.users {
		if ms, err := c.mx.ListMembers(ctx, u, nil); err != nil || len(ms.Items) != 0 {
			c.lost = append(c.lost, fmt.Sprintf("client %d: user %s, created, lists %v, %v", c.id, u, ms, err))
		}
	}
}

// requestCount sums the requests the fake received for the operations of the load test.
func requestCount(srv *mxplatformtest.Server) int {
	n := 0
	for _, op := range loadOps {
		n += srv.Fake.Requests(op).Received
	}
	return n
}

// percentile returns the p-th percentile of d (nearest rank), rounded for printing.
func percentile(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := (len(s)*p+99)/100 - 1
	v := s[max(i, 0)]
	switch {
	case v >= 10*time.Millisecond:
		return v.Round(100 * time.Microsecond)
	case v >= 100*time.Microsecond:
		return v.Round(10 * time.Microsecond)
	}
	return v
}

// cpuModel returns the processor's model name, where the system says it.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown processor"
	}
	for line := range strings.Lines(string(b)) {
		if name, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimLeft(name, " \t:"))
		}
	}
	return "unknown processor"
}

// loadAverage returns the system's 1-minute load average, or "unknown".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "unknown"
	}
	return f[0]
}
