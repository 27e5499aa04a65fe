package mxplatformtest_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// A routing number with a right ABA check digit that none of the fake's institutions has, and
// one whose check digit is wrong.
const (
	goodRouting = "021000021"
	badRouting  = "021000022"
)

// checkingAt asks for a microdeposit to a checking account with the routing number.
func checkingAt(routing, number string) mxplatform.MicrodepositCreateRequest {
	return mxplatform.MicrodepositCreateRequest{
		AccountNumber: mxplatform.Ptr(number), RoutingNumber: mxplatform.Ptr(routing),
		AccountType: mxplatform.Ptr(mxplatform.AccountTypeChecking), AccountName: mxplatform.Ptr("Everyday checking"),
	}
}

// microWait polls every millisecond: the fakes of these tests move at once or by hand.
var microWait = &mxplatform.WaitOptions{Interval: time.Millisecond, MaxInterval: 5 * time.Millisecond}

// readMicro reads a microdeposit, failing the test on an error.
func readMicro(t *testing.T, mx *mxplatform.API, user mxplatform.UserGUID, guid mxplatform.MicrodepositGUID) *mxplatform.Microdeposit {
	t.Helper()
	m, err := mx.ReadUserMicrodeposit(context.Background(), user, guid)
	if err != nil {
		t.Fatalf("ReadUserMicrodeposit: %v", err)
	}
	return m
}

// amountsOf returns what the fake deposited, failing the test when it says there is nothing yet.
func amountsOf(t *testing.T, srv *mxplatformtest.Server, guid mxplatform.MicrodepositGUID) (a, b mxplatform.Decimal) {
	t.Helper()
	a, b, ok := srv.Fake.MicrodepositAmounts(guid)
	if !ok {
		t.Fatalf("MicrodepositAmounts(%s): no deposits", guid)
	}
	return a, b
}

// wrongBy returns an amount one cent off a, within 0.01 to 0.99 and different from b.
func wrongBy(a, b mxplatform.Decimal) mxplatform.Decimal {
	for _, d := range []string{"0.01", "-0.01", "0.02", "-0.02"} {
		w := a.Add(mxplatform.MustDecimal(d))
		if w.Cmp(mxplatform.MustDecimal("0.01")) >= 0 && w.Cmp(mxplatform.MustDecimal("0.99")) <= 0 && !w.Equal(b) {
			return w
		}
	}
	panic("no wrong amount")
}

// TestMicrodepositStepByStep walks a microdeposit through its statuses with manual steps:
// INITIATED, REQUESTED, DEPOSITED (where stepping stops, and the amounts can be read), then
// amounts reported in the other order, DEPOSITED until judged, and VERIFIED.
func TestMicrodepositStepByStep(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithManualSteps())
	mx := newAPI(t, srv)
	ctx := context.Background()
	user := newUser(t, mx)

	md, err := mx.CreateMicrodeposit(ctx, user, checkingAt(goodRouting, "123456789"))
	if err != nil {
		t.Fatalf("CreateMicrodeposit: %v", err)
	}
	if md.Status != mxplatform.MicrodepositStatusInitiated || md.GUID == "" || md.UpdatedAt == "" || md.VerifiedAt != "" {
		t.Fatalf("created %+v, want INITIATED with a GUID", md)
	}
	if md.InstitutionCode != "" {
		t.Errorf("a routing number of no institution of the fake gave institution %q", md.InstitutionCode)
	}
	if _, _, ok := srv.Fake.MicrodepositAmounts(md.GUID); ok {
		t.Error("amounts known before the deposits were made")
	}
	_, err = mx.VerifyMicrodeposit(ctx, md.GUID, mxplatform.MicrodepositVerifyRequest{DepositAmount1: mxplatform.MustDecimal("0.10"), DepositAmount2: mxplatform.MustDecimal("0.20")})
	wantStatusErr(t, err, http.StatusBadRequest)

	for _, want := range []mxplatform.MicrodepositStatus{mxplatform.MicrodepositStatusRequested, mxplatform.MicrodepositStatusDeposited} {
		if n := srv.Fake.Step(); n != 1 {
			t.Fatalf("Step moved %d, want 1", n)
		}
		if got := readMicro(t, mx, user, md.GUID).Status; got != want {
			t.Fatalf("after a step: %s, want %s", got, want)
		}
	}
	if n := srv.Fake.Settle(); n != 0 {
		t.Errorf("Settle moved a DEPOSITED microdeposit %d steps: it waits for its owner", n)
	}

	a, b := amountsOf(t, srv, md.GUID)
	for _, x := range []mxplatform.Decimal{a, b} {
		if x.Cmp(mxplatform.MustDecimal("0.01")) < 0 || x.Cmp(mxplatform.MustDecimal("0.99")) > 0 || x.StringFixed(2) != x.String() {
			t.Errorf("deposit %s: want cents from 0.01 to 0.99", x)
		}
	}
	if a.Equal(b) {
		t.Errorf("both deposits are %s: want two amounts", a)
	}

	got, err := mx.VerifyMicrodeposit(ctx, md.GUID, mxplatform.MicrodepositVerifyRequest{DepositAmount1: b, DepositAmount2: a})
	if err != nil || got.Status != mxplatform.MicrodepositStatusDeposited {
		t.Fatalf("VerifyMicrodeposit = %+v, %v; want DEPOSITED until judged", got, err)
	}
	_, err = mx.VerifyMicrodeposit(ctx, md.GUID, mxplatform.MicrodepositVerifyRequest{DepositAmount1: a, DepositAmount2: b})
	wantStatusErr(t, err, http.StatusConflict)
	if got := readMicro(t, mx, user, md.GUID); got.Status != mxplatform.MicrodepositStatusDeposited || got.VerifiedAt != "" {
		t.Fatalf("before the judging step: %+v", got)
	}
	srv.Fake.Step()
	got = readMicro(t, mx, user, md.GUID)
	if got.Status != mxplatform.MicrodepositStatusVerified || got.VerifiedAt == "" || got.ErrorMessage != "" {
		t.Fatalf("after the judging step: %+v, want VERIFIED with verified_at", got)
	}
	_, err = mx.VerifyMicrodeposit(ctx, md.GUID, mxplatform.MicrodepositVerifyRequest{DepositAmount1: a, DepositAmount2: b})
	wantStatusErr(t, err, http.StatusBadRequest)
}

// TestMicrodepositWrongAmounts reports wrong amounts: DENIED with a message, then right ones
// are still taken; three wrong reports make it PREVENTED, after which nothing is taken.
func TestMicrodepositWrongAmounts(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	user := newUser(t, mx)

	deposited := func(number string) (*mxplatform.Microdeposit, mxplatform.Decimal, mxplatform.Decimal) {
		t.Helper()
		md, err := mx.CreateMicrodeposit(ctx, user, checkingAt(goodRouting, number))
		if err != nil {
			t.Fatal(err)
		}
		got, err := mx.WaitForMicrodeposit(ctx, user, md.GUID, microWait)
		if err != nil || got.Status != mxplatform.MicrodepositStatusDeposited {
			t.Fatalf("WaitForMicrodeposit = %+v, %v; want DEPOSITED", got, err)
		}
		a, b := amountsOf(t, srv, md.GUID)
		return md, a, b
	}

	t.Run("denied then verified", func(t *testing.T) {
		md, a, b := deposited("1111222233")
		got, err := mx.VerifyMicrodepositAndWait(ctx, user, md.GUID, mxplatform.MicrodepositVerifyRequest{DepositAmount1: wrongBy(a, b), DepositAmount2: b}, microWait)
		if err != nil || got.Status != mxplatform.MicrodepositStatusDenied || got.ErrorMessage == "" {
			t.Fatalf("one amount wrong: %+v, %v; want DENIED with a message", got, err)
		}
		got, err = mx.VerifyMicrodepositAndWait(ctx, user, md.GUID, mxplatform.MicrodepositVerifyRequest{DepositAmount1: a, DepositAmount2: b}, microWait)
		if err != nil || got.Status != mxplatform.MicrodepositStatusVerified || got.ErrorMessage != "" {
			t.Fatalf("right amounts after a wrong report: %+v, %v; want VERIFIED", got, err)
		}
	})

	t.Run("prevented", func(t *testing.T) {
		md, a, b := deposited("4444555566")
		wrong := []mxplatform.MicrodepositVerifyRequest{
			{DepositAmount1: a, DepositAmount2: a},
			{DepositAmount1: wrongBy(a, b), DepositAmount2: wrongBy(b, a)},
			{DepositAmount1: a.Add(b), DepositAmount2: mxplatform.MustDecimal("0")},
		}
		for i, w := range wrong {
			got, err := mx.VerifyMicrodepositAndWait(ctx, user, md.GUID, w, microWait)
			want := mxplatform.MicrodepositStatusDenied
			if i == len(wrong)-1 {
				want = mxplatform.MicrodepositStatusPrevented
			}
			if err != nil || got.Status != want {
				t.Fatalf("wrong report %d: %+v, %v; want %s", i+1, got, err, want)
			}
		}
		// Not even the right amounts are taken now.
		_, err := mx.VerifyMicrodeposit(ctx, md.GUID, mxplatform.MicrodepositVerifyRequest{DepositAmount1: a, DepositAmount2: b})
		wantStatusErr(t, err, http.StatusBadRequest)
		if got := readMicro(t, mx, user, md.GUID); got.Status != mxplatform.MicrodepositStatusPrevented || got.ErrorMessage == "" || got.VerifiedAt != "" {
			t.Errorf("after the refused report: %+v, want PREVENTED", got)
		}
		// The statement still shows the deposits.
		if x, y, ok := srv.Fake.MicrodepositAmounts(md.GUID); !ok || !x.Equal(a) || !y.Equal(b) {
			t.Errorf("amounts of a PREVENTED microdeposit: %s %s %v", x, y, ok)
		}
	})
}

// TestMicrodepositOnTheClock moves a microdeposit by the fake's clock with a step interval of
// an hour: a step falls due each hour, and not before.
func TestMicrodepositOnTheClock(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(time.Hour))
	mx := newAPI(t, srv)
	ctx := context.Background()
	user := newUser(t, mx)
	md, err := mx.CreateMicrodeposit(ctx, user, checkingAt(goodRouting, "99887766"))
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		advance time.Duration
		want    mxplatform.MicrodepositStatus
	}{
		{0, mxplatform.MicrodepositStatusInitiated},
		{time.Hour, mxplatform.MicrodepositStatusRequested},
		{30 * time.Minute, mxplatform.MicrodepositStatusRequested},
		{30 * time.Minute, mxplatform.MicrodepositStatusDeposited},
		{48 * time.Hour, mxplatform.MicrodepositStatusDeposited},
	}
	for _, s := range steps {
		srv.Fake.AdvanceTime(s.advance)
		if got := readMicro(t, mx, user, md.GUID).Status; got != s.want {
			t.Fatalf("after %s more: %s, want %s", s.advance, got, s.want)
		}
	}
	a, b := amountsOf(t, srv, md.GUID)
	if _, err := mx.VerifyMicrodeposit(ctx, md.GUID, mxplatform.MicrodepositVerifyRequest{DepositAmount1: a, DepositAmount2: b}); err != nil {
		t.Fatal(err)
	}
	if got := readMicro(t, mx, user, md.GUID).Status; got != mxplatform.MicrodepositStatusDeposited {
		t.Fatalf("before the next step: %s, want DEPOSITED", got)
	}
	srv.Fake.AdvanceTime(time.Hour)
	if got := readMicro(t, mx, user, md.GUID).Status; got != mxplatform.MicrodepositStatusVerified {
		t.Fatalf("an hour after the report: %s, want VERIFIED", got)
	}
}

// TestMicrodepositFailures covers what ends a microdeposit at its first step (a routing number
// with a wrong check digit, an account that takes no deposits, another microdeposit for the
// account), the requests refused at once, and pre-initiation.
func TestMicrodepositFailures(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	user := newUser(t, mx)

	settle := func(req mxplatform.MicrodepositCreateRequest) *mxplatform.Microdeposit {
		t.Helper()
		md, err := mx.CreateMicrodeposit(ctx, user, req)
		if err != nil {
			t.Fatalf("CreateMicrodeposit: %v", err)
		}
		got, err := mx.WaitForMicrodeposit(ctx, user, md.GUID, microWait)
		if err != nil {
			t.Fatalf("WaitForMicrodeposit: %v", err)
		}
		return got
	}
	card := checkingAt(goodRouting, "5555666677")
	card.AccountType = mxplatform.Ptr(mxplatform.AccountTypeCreditCard)
	for name, c := range map[string]struct {
		req  mxplatform.MicrodepositCreateRequest
		want mxplatform.MicrodepositStatus
	}{
		"bad check digit": {checkingAt(badRouting, "123123123"), mxplatform.MicrodepositStatusRejected},
		"credit card":     {card, mxplatform.MicrodepositStatusRejected},
	} {
		got := settle(c.req)
		if got.Status != c.want || got.ErrorMessage == "" {
			t.Errorf("%s: %+v, want %s with a message", name, got, c.want)
		}
		if _, _, ok := srv.Fake.MicrodepositAmounts(got.GUID); ok {
			t.Errorf("%s: amounts deposited", name)
		}
		_, err := mx.VerifyMicrodeposit(ctx, got.GUID, mxplatform.MicrodepositVerifyRequest{DepositAmount1: mxplatform.MustDecimal("0.01"), DepositAmount2: mxplatform.MustDecimal("0.02")})
		wantStatusErr(t, err, http.StatusBadRequest)
	}

	first := settle(checkingAt(goodRouting, "777888999"))
	second := settle(checkingAt(goodRouting, "777888999"))
	if first.Status != mxplatform.MicrodepositStatusDeposited || second.Status != mxplatform.MicrodepositStatusConflicted || second.ErrorMessage == "" {
		t.Errorf("two microdeposits for one account: %s then %+v, want DEPOSITED then CONFLICTED", first.Status, second)
	}
	// Once the first is deleted, the account may be verified again.
	if err := mx.DeleteMicrodeposit(ctx, user, first.GUID); err != nil {
		t.Fatal(err)
	}
	if third := settle(checkingAt(goodRouting, "777888999")); third.Status != mxplatform.MicrodepositStatusDeposited {
		t.Errorf("after the delete: %s, want DEPOSITED", third.Status)
	}

	for name, req := range map[string]mxplatform.MicrodepositCreateRequest{
		"nothing":            {},
		"no account type":    {AccountNumber: mxplatform.Ptr("123456789"), RoutingNumber: mxplatform.Ptr(goodRouting)},
		"short routing":      checkingAt("02100002", "123456789"),
		"letters in account": checkingAt(goodRouting, "12345X789"),
		"name without email": {FirstName: mxplatform.Ptr("Ada"), LastName: mxplatform.Ptr("Lovelace")},
	} {
		_, err := mx.CreateMicrodeposit(ctx, user, req)
		if err == nil {
			t.Errorf("%s: created", name)
			continue
		}
		wantStatusErr(t, err, http.StatusBadRequest)
	}

	pre := settle(mxplatform.MicrodepositCreateRequest{FirstName: mxplatform.Ptr("Ada"), LastName: mxplatform.Ptr("Lovelace"), Email: mxplatform.Ptr("ada@example.com")})
	if pre.Status != mxplatform.MicrodepositStatusPreinitiated {
		t.Errorf("pre-initiated: %s, want PREINITIATED", pre.Status)
	}
	if srv.Fake.Settle(); readMicro(t, mx, user, pre.GUID).Status != mxplatform.MicrodepositStatusPreinitiated {
		t.Error("a pre-initiated microdeposit moved without its account")
	}
	_, err := mx.VerifyMicrodeposit(ctx, pre.GUID, mxplatform.MicrodepositVerifyRequest{DepositAmount1: mxplatform.MustDecimal("0.01"), DepositAmount2: mxplatform.MustDecimal("0.02")})
	wantStatusErr(t, err, http.StatusBadRequest)
}

// TestMicrodepositListsAndDelete lists a user's microdeposits (listUserMicrodeposits and
// listUserVerifications, the same records), keeps other users out (404), and deletes one: 404
// afterwards for every operation that names it.
func TestMicrodepositListsAndDelete(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	user, other := newUser(t, mx), newUser(t, mx)

	if vs, err := mx.ListUserVerifications(ctx, user); err != nil || len(vs) != 0 {
		t.Fatalf("verifications of a user without any: %v, %v; want an empty list", vs, err)
	}
	if p, err := mx.ListUserMicrodeposits(ctx, user); err != nil || len(p.Items) != 0 || p.Pagination.TotalEntries != 0 {
		t.Fatalf("microdeposits of a user without any: %+v, %v", p, err)
	}

	var guids []mxplatform.MicrodepositGUID
	for _, n := range []string{"10000001", "10000002", "10000003"} {
		md, err := mx.CreateMicrodeposit(ctx, user, checkingAt(goodRouting, n))
		if err != nil {
			t.Fatal(err)
		}
		guids = append(guids, md.GUID)
	}
	if _, err := mx.CreateMicrodeposit(ctx, other, checkingAt(goodRouting, "20000001")); err != nil {
		t.Fatal(err)
	}
	listed := func() (page, verifications []mxplatform.MicrodepositGUID) {
		t.Helper()
		p, err := mx.ListUserMicrodeposits(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		if p.Pagination.TotalEntries != len(p.Items) {
			t.Errorf("pagination counts %d of %d", p.Pagination.TotalEntries, len(p.Items))
		}
		for _, m := range p.Items {
			if m.Status != mxplatform.MicrodepositStatusDeposited {
				t.Errorf("listed %s %s, want DEPOSITED", m.GUID, m.Status)
			}
			page = append(page, m.GUID)
		}
		vs, err := mx.ListUserVerifications(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range vs {
			verifications = append(verifications, m.GUID)
		}
		return page, verifications
	}
	page, vs := listed()
	if !slices.Equal(page, guids) || !slices.Equal(vs, guids) {
		t.Fatalf("listed %v and verifications %v, want %v in creation order", page, vs, guids)
	}

	_, err := mx.ReadUserMicrodeposit(ctx, other, guids[0])
	wantStatusErr(t, err, http.StatusNotFound)
	wantStatusErr(t, mx.DeleteMicrodeposit(ctx, other, guids[0]), http.StatusNotFound)

	if err := mx.DeleteMicrodeposit(ctx, user, guids[1]); err != nil {
		t.Fatalf("DeleteMicrodeposit: %v", err)
	}
	_, err = mx.ReadUserMicrodeposit(ctx, user, guids[1])
	wantStatusErr(t, err, http.StatusNotFound)
	wantStatusErr(t, mx.DeleteMicrodeposit(ctx, user, guids[1]), http.StatusNotFound)
	_, err = mx.VerifyMicrodeposit(ctx, guids[1], mxplatform.MicrodepositVerifyRequest{DepositAmount1: mxplatform.MustDecimal("0.01"), DepositAmount2: mxplatform.MustDecimal("0.02")})
	wantStatusErr(t, err, http.StatusNotFound)
	if _, _, ok := srv.Fake.MicrodepositAmounts(guids[1]); ok {
		t.Error("amounts of a deleted microdeposit")
	}
	want := []mxplatform.MicrodepositGUID{guids[0], guids[2]}
	if page, vs := listed(); !slices.Equal(page, want) || !slices.Equal(vs, want) {
		t.Errorf("after the delete: listed %v and verifications %v, want %v", page, vs, want)
	}

	_, err = mx.ListUserMicrodeposits(ctx, "USR-nobody")
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.ListUserVerifications(ctx, "USR-nobody")
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.CreateMicrodeposit(ctx, "USR-nobody", checkingAt(goodRouting, "123456789"))
	wantStatusErr(t, err, http.StatusNotFound)
}

// TestMicrodepositAtAnInstitution creates a microdeposit with the numbers a verification of a
// member gathered: the microdeposit names the member's institution.
func TestMicrodepositAtAnInstitution(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	u, err := srv.Fake.AddUser(mxplatform.User{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := srv.Fake.AddMember(u.GUID, mxplatformtest.MemberSeed{Products: []mxplatform.SupportedProduct{mxplatform.SupportedProductAccountVerification}})
	if err != nil {
		t.Fatal(err)
	}
	numbers, err := mx.ListAccountNumbersByMember(ctx, u.GUID, m.GUID, nil)
	if err != nil || len(numbers.Items) == 0 {
		t.Fatalf("ListAccountNumbersByMember = %+v, %v", numbers, err)
	}
	n := numbers.Items[0]
	md, err := mx.CreateMicrodeposit(ctx, u.GUID, checkingAt(n.RoutingNumber, n.AccountNumber))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := mx.ReadInstitution(ctx, m.InstitutionCode)
	if err != nil {
		t.Fatal(err)
	}
	if md.InstitutionCode != m.InstitutionCode || md.InstitutionName != inst.Name {
		t.Errorf("microdeposit at %q (%q), want %q (%q)", md.InstitutionCode, md.InstitutionName, m.InstitutionCode, inst.Name)
	}
}

// TestMicrodepositAmountsFollowTheSeed makes the same microdeposits in fakes of one seed and of
// another: the amounts are the same with the same seed, and not all the same with another.
func TestMicrodepositAmountsFollowTheSeed(t *testing.T) {
	amounts := func(seed int64) []string {
		srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0), mxplatformtest.WithSeed(seed))
		mx := newAPI(t, srv)
		user := newUser(t, mx)
		var out []string
		for _, n := range []string{"30000001", "30000002", "30000003", "30000004"} {
			md, err := mx.CreateMicrodeposit(context.Background(), user, checkingAt(goodRouting, n))
			if err != nil {
				t.Fatal(err)
			}
			readMicro(t, mx, user, md.GUID)
			a, b := amountsOf(t, srv, md.GUID)
			out = append(out, a.String()+"+"+b.String())
		}
		return out
	}
	one, again, other := amounts(7), amounts(7), amounts(8)
	if !slices.Equal(one, again) {
		t.Errorf("seed 7 gave %v, then %v", one, again)
	}
	if slices.Equal(one, other) {
		t.Errorf("seeds 7 and 8 gave the same amounts %v", one)
	}
}

// TestMicrodepositOfDisabledUser answers 403 to the microdeposits of a disabled user.
func TestMicrodepositOfDisabledUser(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	user := newUser(t, mx)
	md, err := mx.CreateMicrodeposit(ctx, user, checkingAt(goodRouting, "40000001"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mx.UpdateUser(ctx, user, mxplatform.UserUpdateRequest{IsDisabled: mxplatform.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	_, err = mx.ReadUserMicrodeposit(ctx, user, md.GUID)
	wantStatusErr(t, err, http.StatusForbidden)
	_, err = mx.VerifyMicrodeposit(ctx, md.GUID, mxplatform.MicrodepositVerifyRequest{DepositAmount1: mxplatform.MustDecimal("0.01"), DepositAmount2: mxplatform.MustDecimal("0.02")})
	wantStatusErr(t, err, http.StatusForbidden)
	_, err = mx.ListUserVerifications(ctx, user)
	wantStatusErr(t, err, http.StatusForbidden)
}
