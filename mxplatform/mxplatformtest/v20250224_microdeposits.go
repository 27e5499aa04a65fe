package mxplatformtest

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// Microdeposits verify an account that instant verification cannot reach: MX sends two small
// deposits to the account, its owner reads their amounts on a statement and reports them
// (verifyMicrodeposit), and the account is verified once the microdeposit reads VERIFIED.
// Microdeposits are records of the engine (resources.go), which lists, reads and deletes them;
// creating and verifying one, and its statuses, are here.
//
// A microdeposit moves on the fake's steps, as jobs do (see jobs.go and WithStepInterval):
//
//	created        INITIATED (the answer of createMicrodeposit)
//	first step     REQUESTED; or REJECTED when the routing number's check digit is wrong or
//	               the account is neither CHECKING nor SAVINGS (deposits go to deposit
//	               accounts only); or CONFLICTED when another microdeposit of the user for
//	               the same account and routing numbers is under way or VERIFIED
//	second step    DEPOSITED: the deposits reached the account ([Fake.MicrodepositAmounts]
//	               tells them), and the owner may report them
//	amounts sent   DEPOSITED until the next step judges them (verifyMicrodeposit answers
//	               DEPOSITED, as MX's answer may), then VERIFIED when they are the two
//	               amounts, in either order; DENIED otherwise (they may be sent again);
//	               PREVENTED at the third wrong report, after which no report is taken
//
// With WithStepInterval(0), each step falls due at once, so the request after a create or a
// verification sees where it led; with WithManualSteps, only Fake.Step and Fake.Settle move
// microdeposits (Settle stops at DEPOSITED, where the owner acts).
//
// MX's documents say neither how many wrong reports it takes nor what a report in the wrong
// status answers: the fake takes three, as banks commonly do, and answers 400 Bad Request to
// amounts sent before the deposits arrived or after the microdeposit ended (VERIFIED,
// PREVENTED, REJECTED, CONFLICTED, ERRORED), and 409 Conflict to amounts sent while the
// previous ones are being judged. A create gives either the account (account_number,
// routing_number and account_type together) or, to pre-initiate, the end user (first_name,
// last_name and email): anything else, or numbers that are not digits (a routing number of
// nine, an account number of 4 to 17), answers 400. A pre-initiated microdeposit stays
// PREINITIATED: the fake has no Connect widget to gather its account. The fake never makes a
// microdeposit ERRORED.

// maxMicrodepositAttempts is how many wrong reports of the amounts make a microdeposit
// PREVENTED.
const maxMicrodepositAttempts = 3

// microdeposit is what the fake keeps of a microdeposit beside its record's fields (the
// record's extra).
type microdeposit struct {
	accountNumber, routingNumber string
	accountType                  mxplatform.AccountType
	amounts                      [2]mxplatform.Decimal // what the deposits were
	deposited                    bool                  // the deposits reached the account
	wrong                        int                   // wrong reports of the amounts
	pending                      *mxplatform.MicrodepositVerifyRequest
	nextAt                       time.Time // when the next step is due (time-driven mode)
}

// microdepositKind returns the engine's kind of microdeposits.
func (f *Fake) microdepositKind() *resourceKind { return f.res.kinds["Microdeposit"] }

// ListUserMicrodeposits serves listUserMicrodeposits: the user's microdeposits in creation
// order.
func (f v20250224Handlers) ListUserMicrodeposits(ctx context.Context, _ server25.ListUserMicrodepositsRequestObject) (server25.ListUserMicrodepositsResponseObject, error) {
	return serveResource[server25.ListUserMicrodeposits200JSONResponse](ctx, f.Fake)
}

// ReadUserMicrodeposit serves readUserMicrodeposit: 404 for a microdeposit of another user or
// deleted.
func (f v20250224Handlers) ReadUserMicrodeposit(ctx context.Context, _ server25.ReadUserMicrodepositRequestObject) (server25.ReadUserMicrodepositResponseObject, error) {
	return serveResource[server25.ReadUserMicrodeposit200JSONResponse](ctx, f.Fake)
}

// DeleteMicrodeposit serves deleteMicrodeposit: the microdeposit is gone, and its deposits with
// it (MicrodepositAmounts no longer knows them).
func (f v20250224Handlers) DeleteMicrodeposit(ctx context.Context, _ server25.DeleteMicrodepositRequestObject) (server25.DeleteMicrodepositResponseObject, error) {
	return serveResource[server25.DeleteMicrodeposit204Response](ctx, f.Fake)
}

// CreateMicrodeposit serves createMicrodeposit: a microdeposit INITIATED for an account, or
// PREINITIATED for an end user.
func (f v20250224Handlers) CreateMicrodeposit(_ context.Context, req server25.CreateMicrodepositRequestObject) (server25.CreateMicrodepositResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	sc, err := f.resolveOwners([]string{"user_guid"}, map[string]string{"user_guid": string(req.UserGUID)})
	if err != nil {
		return nil, err
	}
	r, err := f.createMicrodeposit(sc, req.Body.MicroDeposit, now)
	if err != nil {
		return nil, err
	}
	return answerAs[server25.CreateMicrodeposit200JSONResponse](map[string]any{"micro_deposit": f.renderRecord(r, now)})
}

// createMicrodeposit checks a create request and stores the microdeposit it asks for.
func (f *Fake) createMicrodeposit(sc resourceScope, in mxplatform.MicrodepositCreateRequest, now time.Time) (*record, error) {
	given := func(p *string) bool { return p != nil && strings.TrimSpace(*p) != "" }
	account := given(in.AccountNumber) || given(in.RoutingNumber) || in.AccountType != nil
	person := given(in.FirstName) && given(in.LastName) && given(in.Email)
	md := &microdeposit{}
	status := mxplatform.MicrodepositStatusPreinitiated
	fields := map[string]any{}
	switch {
	case account:
		if !given(in.AccountNumber) || !given(in.RoutingNumber) || in.AccountType == nil {
			return nil, errorf(http.StatusBadRequest, "Invalid request body: micro_deposit needs account_number, routing_number and account_type together.")
		}
		md.accountNumber, md.routingNumber, md.accountType = *in.AccountNumber, *in.RoutingNumber, *in.AccountType
		if !allDigits(md.routingNumber) || len(md.routingNumber) != 9 {
			return nil, errorf(http.StatusBadRequest, "Invalid request body: micro_deposit.routing_number must be nine digits.")
		}
		if !allDigits(md.accountNumber) || len(md.accountNumber) < 4 || len(md.accountNumber) > 17 {
			return nil, errorf(http.StatusBadRequest, "Invalid request body: micro_deposit.account_number must be 4 to 17 digits.")
		}
		status = mxplatform.MicrodepositStatusInitiated
		if inst := f.institutionByRouting(md.routingNumber); inst != nil {
			fields["institution_code"], fields["institution_name"] = string(inst.code()), inst.Name
		}
	case !person:
		return nil, errorf(http.StatusBadRequest, "Invalid request body: micro_deposit needs the account (account_number, routing_number, account_type) or, to pre-initiate, the end user (first_name, last_name, email).")
	}
	fields["status"] = string(status)
	r := f.newRecord(f.microdepositKind(), sc.owners, fields, now)
	md.amounts = microdepositAmounts(f.cfg.seed, r.guid)
	md.nextAt = now.Add(f.cfg.stepInterval)
	r.extra = md
	f.st.putRecord(r)
	return r, nil
}

// allDigits reports whether s is digits only (and not empty).
func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// abaValid reports whether a nine-digit routing number has a right ABA check digit: 3, 7 and 1
// times its digits, in turn, sum to a multiple of 10.
func abaValid(routing string) bool {
	weights := [3]int{3, 7, 1}
	sum := 0
	for i, c := range routing {
		sum += int(c-'0') * weights[i%3]
	}
	return sum%10 == 0
}

// institutionByRouting returns the institution of the fake (in the United States) whose
// routing number this is, or nil: the microdeposit then names no institution, as the fake
// knows no other bank.
func (f *Fake) institutionByRouting(routing string) *institutionRec {
	for _, inst := range f.st.institutions {
		if inst.ISOCountryCode != mxplatform.InstitutionCountryCodeCA && routingNumber(inst.code()) == routing {
			return inst
		}
	}
	return nil
}

// microdepositAmounts returns the two amounts deposited for the microdeposit: different amounts
// from 0.01 to 0.99, derived from the seed and the microdeposit's GUID.
func microdepositAmounts(seed int64, guid string) [2]mxplatform.Decimal {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%s/amounts", seed, guid)
	n := h.Sum64()
	a := int64(1 + n%99)
	b := int64(1 + (n/99)%98)
	if b >= a {
		b++ // 1 to 99 but a
	}
	return [2]mxplatform.Decimal{money(a), money(b)}
}

// VerifyMicrodeposit serves verifyMicrodeposit: it takes the two amounts of a DEPOSITED or
// DENIED microdeposit, which the next step judges; the answer reads DEPOSITED.
func (f v20250224Handlers) VerifyMicrodeposit(_ context.Context, req server25.VerifyMicrodepositRequestObject) (server25.VerifyMicrodepositResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	r, err := f.microdepositByGUID(string(req.MicroDepositGUID))
	if err != nil {
		return nil, err
	}
	if err := f.reportAmounts(r, req.Body.MicroDeposit, now); err != nil {
		return nil, err
	}
	return answerAs[server25.VerifyMicrodeposit200JSONResponse](map[string]any{"micro_deposit": f.renderRecord(r, now)})
}

// microdepositByGUID returns the microdeposit of the GUID, of any user (verifyMicrodeposit
// names no user): 404 for none, 403 for one of a disabled user.
func (f *Fake) microdepositByGUID(guid string) (*record, error) {
	k := f.microdepositKind()
	r := f.st.records[guid]
	if r == nil || r.kind != k {
		return nil, notFound(k)
	}
	if u := f.st.users[userGUIDOf(r)]; u != nil {
		if err := enabled(u); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// reportAmounts takes the amounts the account's owner reports, for the next step to judge.
func (f *Fake) reportAmounts(r *record, amounts mxplatform.MicrodepositVerifyRequest, now time.Time) error {
	md := r.extra.(*microdeposit)
	status := mxplatform.MicrodepositStatus(r.str("status"))
	switch {
	case md.pending != nil:
		return errorf(http.StatusConflict, "The amounts reported before are being checked: read the microdeposit until its status changes.")
	case status == mxplatform.MicrodepositStatusPrevented:
		return errorf(http.StatusBadRequest, "Too many wrong amounts were reported for this microdeposit: it takes no more.")
	case status != mxplatform.MicrodepositStatusDeposited && status != mxplatform.MicrodepositStatusDenied:
		return errorf(http.StatusBadRequest, "The microdeposit is %s: amounts are taken once it is DEPOSITED, and until it is VERIFIED.", status)
	}
	md.pending = &amounts
	md.nextAt = now.Add(f.cfg.stepInterval)
	r.fields["status"] = string(mxplatform.MicrodepositStatusDeposited)
	delete(r.fields, "error_message")
	r.fields["updated_at"] = string(timestamp(now))
	return nil
}

// ListUserVerifications serves listUserVerifications: the user's microdeposits, each with its
// status, as a list (micro_deposits with pagination), one of the two shapes the spec admits.
func (f v20250224Handlers) ListUserVerifications(_ context.Context, req server25.ListUserVerificationsRequestObject) (server25.ListUserVerificationsResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	sc, err := f.resolveOwners([]string{"user_guid"}, map[string]string{"user_guid": string(req.UserGUID)})
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(f.st.recordsOf(f.Fake, f.microdepositKind(), sc), nil, nil, maxPerPageWide)
	return verificationsAnswer{MicroDeposits: f.renderRecords(items, now), Pagination: pg}, nil
}

// verificationsAnswer is the answer of listUserVerifications. The generated answer leaves out
// an empty micro_deposits (the spec requires neither of the two shapes it admits), and a
// client then finds neither shape: this one always sends the list, empty or not.
type verificationsAnswer struct {
	MicroDeposits []map[string]any      `json:"micro_deposits"`
	Pagination    mxplatform.Pagination `json:"pagination"`
}

// VisitListUserVerificationsResponse writes the answer, as the generated answers do.
func (a verificationsAnswer) VisitListUserVerificationsResponse(w http.ResponseWriter) error {
	b, err := json.Marshal(a)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(append(b, '\n'))
	return err
}

// moving reports whether the microdeposit has a step to take: deposits under way, or amounts
// to judge.
func (md *microdeposit) moving(status mxplatform.MicrodepositStatus) bool {
	return md.pending != nil || status == mxplatform.MicrodepositStatusInitiated || status == mxplatform.MicrodepositStatusRequested
}

// advanceMicrodeposits runs the steps of microdeposits that fell due by now, each at its own
// due time; with manual steps, only stepMicrodeposits moves them.
func (f *Fake) advanceMicrodeposits(now time.Time) {
	if f.cfg.manualSteps {
		return
	}
	for _, r := range f.st.byKind[f.microdepositKind()] {
		md := r.extra.(*microdeposit)
		for md.moving(mxplatform.MicrodepositStatus(r.str("status"))) && !now.Before(md.nextAt) {
			at := md.nextAt
			md.nextAt = at.Add(f.cfg.stepInterval)
			f.stepMicrodeposit(r, at)
		}
	}
}

// stepMicrodeposits moves every microdeposit that has a step to take one step at time now (the
// manual stepping of Fake.Step and Fake.Settle), and returns how many moved.
func (f *Fake) stepMicrodeposits(now time.Time) int {
	moved := 0
	for _, r := range f.st.byKind[f.microdepositKind()] {
		md := r.extra.(*microdeposit)
		if md.moving(mxplatform.MicrodepositStatus(r.str("status"))) {
			f.stepMicrodeposit(r, now)
			md.nextAt = now.Add(f.cfg.stepInterval)
			moved++
		}
	}
	return moved
}

// stepMicrodeposit runs the next step of a microdeposit at time at.
func (f *Fake) stepMicrodeposit(r *record, at time.Time) {
	md := r.extra.(*microdeposit)
	next := mxplatform.MicrodepositStatus("")
	errMsg := ""
	switch status := mxplatform.MicrodepositStatus(r.str("status")); {
	case md.pending != nil:
		next = f.judgeAmounts(r, md, at)
		switch next {
		case mxplatform.MicrodepositStatusDenied:
			errMsg = fmt.Sprintf("The amounts reported are not those deposited (%d of %d attempts used).", md.wrong, maxMicrodepositAttempts)
		case mxplatform.MicrodepositStatusPrevented:
			errMsg = "Too many wrong amounts were reported: the account cannot be verified by this microdeposit."
		}
	case status == mxplatform.MicrodepositStatusInitiated:
		next = mxplatform.MicrodepositStatusRequested
		switch {
		case !abaValid(md.routingNumber):
			next, errMsg = mxplatform.MicrodepositStatusRejected, "The routing number is not valid: its check digit is wrong."
		case md.accountType != mxplatform.AccountTypeChecking && md.accountType != mxplatform.AccountTypeSavings:
			next, errMsg = mxplatform.MicrodepositStatusRejected, fmt.Sprintf("Deposits cannot be sent to a %s account: only to CHECKING and SAVINGS accounts.", md.accountType)
		case f.conflictingMicrodeposit(r, md) != nil:
			next, errMsg = mxplatform.MicrodepositStatusConflicted, "Another microdeposit of the user already verifies this account."
		}
	case status == mxplatform.MicrodepositStatusRequested:
		next = mxplatform.MicrodepositStatusDeposited
		md.deposited = true
	default:
		return
	}
	r.fields["status"] = string(next)
	if errMsg != "" {
		r.fields["error_message"] = errMsg
	} else {
		delete(r.fields, "error_message")
	}
	r.fields["updated_at"] = string(timestamp(at))
}

// judgeAmounts judges the amounts reported: VERIFIED when they are the deposits, in either
// order; DENIED, or PREVENTED at the last attempt, when not.
func (f *Fake) judgeAmounts(r *record, md *microdeposit, at time.Time) mxplatform.MicrodepositStatus {
	got := md.pending
	md.pending = nil
	a, b := md.amounts[0], md.amounts[1]
	if got.DepositAmount1.Equal(a) && got.DepositAmount2.Equal(b) || got.DepositAmount1.Equal(b) && got.DepositAmount2.Equal(a) {
		r.fields["verified_at"] = string(timestamp(at))
		return mxplatform.MicrodepositStatusVerified
	}
	md.wrong++
	if md.wrong >= maxMicrodepositAttempts {
		return mxplatform.MicrodepositStatusPrevented
	}
	return mxplatform.MicrodepositStatusDenied
}

// conflictingMicrodeposit returns an earlier microdeposit of the same user for the same account
// that is under way or VERIFIED, or nil.
func (f *Fake) conflictingMicrodeposit(r *record, md *microdeposit) *record {
	for _, o := range f.st.byKind[r.kind] {
		if o == r || o.seq > r.seq || userGUIDOf(o) != userGUIDOf(r) {
			continue
		}
		omd := o.extra.(*microdeposit)
		if omd.accountNumber != md.accountNumber || omd.routingNumber != md.routingNumber {
			continue
		}
		switch mxplatform.MicrodepositStatus(o.str("status")) {
		case mxplatform.MicrodepositStatusInitiated, mxplatform.MicrodepositStatusRequested, mxplatform.MicrodepositStatusDeposited,
			mxplatform.MicrodepositStatusDenied, mxplatform.MicrodepositStatusVerified:
			return o
		}
	}
	return nil
}

// MicrodepositAmounts returns the two amounts deposited for a microdeposit, in the order they
// were made: what the account's owner reads on a statement before reporting them with
// verifyMicrodeposit (in either order). ok is false until the deposits have reached the
// account (the microdeposit DEPOSITED; never for one REJECTED, CONFLICTED or PREINITIATED),
// and for a microdeposit that does not exist or was deleted. The amounts are exact, from 0.01
// to 0.99, different from each other, and derived from the fake's seed ([WithSeed]) and the
// microdeposit's GUID, so the same calls give the same amounts in every fake with that seed.
func (f *Fake) MicrodepositAmounts(guid mxplatform.MicrodepositGUID) (a, b mxplatform.Decimal, ok bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	r := f.st.records[string(guid)]
	if r == nil || r.kind != f.microdepositKind() {
		return mxplatform.Decimal{}, mxplatform.Decimal{}, false
	}
	md := r.extra.(*microdeposit)
	if !md.deposited {
		return mxplatform.Decimal{}, mxplatform.Decimal{}, false
	}
	return md.amounts[0], md.amounts[1], true
}
