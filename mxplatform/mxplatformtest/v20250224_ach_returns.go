package mxplatformtest

import (
	"context"
	"net/http"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// ACH returns are plain resources of the partner, not of a user, served by the engine
// (resources.go). A return names a user, a member of that user and an account of that member
// (400 otherwise), and a partner-defined id no other return has (409). MX records it SUBMITTED,
// with the account's type, its institution and the last four digits of its number (those the
// partner sent, else those MX knows); processing it is MX's affair, which the fake does not
// play. listACHRetruns narrows the list by institution_guid, return_code and return_status,
// and by the days of returned_at and resolved_status_at. Returns stay when their user,
// member or account is deleted: they report what happened.

func (f v20250224Handlers) ListACHRetruns(ctx context.Context, _ server25.ListACHRetrunsRequestObject) (server25.ListACHRetrunsResponseObject, error) {
	return serveResource[server25.ListACHRetruns200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) CreateACHReturn(ctx context.Context, _ server25.CreateACHReturnRequestObject) (server25.CreateACHReturnResponseObject, error) {
	return serveResource[server25.CreateACHReturn200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) ReadACHRetrun(ctx context.Context, _ server25.ReadACHRetrunRequestObject) (server25.ReadACHRetrunResponseObject, error) {
	return serveResource[server25.ReadACHRetrun200JSONResponse](ctx, f.Fake)
}

// achReturnHooks check and complete a new return.
func achReturnHooks() resourceHooks {
	return resourceHooks{create: createACHReturn}
}

// achSubmitted is the status of a return MX has recorded.
const achSubmitted = "SUBMITTED"

func createACHReturn(f *Fake, r *record, _ resourceScope, now time.Time) error {
	u := f.st.users[mxplatform.UserGUID(r.str("user_guid"))]
	m := f.st.members[mxplatform.MemberGUID(r.str("member_guid"))]
	a := f.st.accounts[mxplatform.AccountGUID(r.str("account_guid"))]
	switch {
	case u == nil || m == nil || a == nil:
		return errorf(http.StatusBadRequest, "Invalid request body: ach_return names a user, a member and an account that must exist.")
	case m.user != u:
		return errorf(http.StatusBadRequest, "Invalid request body: ach_return.member_guid %q is not a member of user %s.", m.guid, u.guid)
	case a.member != m:
		return errorf(http.StatusBadRequest, "Invalid request body: ach_return.account_guid %q is not an account of member %s.", a.guid, m.guid)
	}
	for _, o := range f.st.byKind[r.kind] {
		if o.str("id") == r.str("id") {
			return errorf(http.StatusConflict, "An ACH return with the id %q exists already.", r.str("id"))
		}
	}
	r.fields["account_type"] = string(a.data.Type)
	r.fields["institution_guid"] = string(m.inst.guid)
	if r.str("account_number_last_four") == "" {
		if last := lastFour(a); last != "" {
			r.fields["account_number_last_four"] = last
		}
	}
	r.fields["return_status"] = achSubmitted
	r.fields["submitted_at"] = string(timestamp(now))
	return nil
}

// lastFour returns the last four digits of the account's number: the full number a
// verification gathered, else the digits the account shows.
func lastFour(a *accountRec) string {
	n := a.data.AccountNumber
	if a.number != nil && a.number.data.AccountNumber != "" {
		n = a.number.data.AccountNumber
	}
	if len(n) > 4 {
		n = n[len(n)-4:]
	}
	return n
}
