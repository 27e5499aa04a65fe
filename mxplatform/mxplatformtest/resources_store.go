package mxplatformtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The records of the plain resources (see resources.go) and what the engine does with them.
// A record keeps its fields as the JSON values of the spec (numbers as json.Number, so that
// amounts stay exact), its owners by the GUID type that names them (UserGUID, MemberGUID,
// SpendingPlanGUID...), and, for hand-written behaviour, whatever that behaviour keeps beside
// them. Everything here runs under Fake.mu.

// record is one object of a plain resource.
type record struct {
	kind   *resourceKind
	guid   string
	seq    uint64
	owners map[string]string // the GUIDs of its owners, by GUID type
	fields map[string]any    // its fields, as stored; derived ones are added when rendering
	extra  any               // what hand-written behaviour keeps of it
}

// str, dec, num and flag read a stored field.
func (r *record) str(name string) string {
	s, _ := r.fields[name].(string)
	return s
}

func (r *record) dec(name string) (mxplatform.Decimal, bool) { return decimalOf(r.fields[name]) }

func (r *record) num(name string) int {
	switch v := r.fields[name].(type) {
	case json.Number:
		n, _ := v.Int64()
		return int(n)
	case int:
		return v
	}
	return 0
}

func (r *record) flag(name string) bool {
	b, _ := r.fields[name].(bool)
	return b
}

// decimalOf reads an amount stored from a request (json.Number) or by the fake (Decimal).
func decimalOf(v any) (mxplatform.Decimal, bool) {
	switch v := v.(type) {
	case json.Number:
		d, err := mxplatform.ParseDecimal(string(v))
		return d, err == nil
	case mxplatform.Decimal:
		return v, true
	}
	return mxplatform.Decimal{}, false
}

// userGUIDOf returns the GUID of the record's user, "" for the partner's own records.
func userGUIDOf(r *record) mxplatform.UserGUID { return mxplatform.UserGUID(r.owners["UserGUID"]) }

// clientGUID is the partner's GUID at MX, which some records carry: derived from the client
// ID, so that it is the same in every fake with the same credentials.
func (f *Fake) clientGUID() mxplatform.ClientGUID {
	return mxplatform.ClientGUID(stableGUID("CLT", f.cfg.clientID))
}

// scopeOf returns the scope of the record's user.
func scopeOf(r *record) resourceScope {
	return resourceScope{owners: map[string]string{"UserGUID": r.owners["UserGUID"]}}
}

// resourceScope is what the owners of a request resolve to: the user (nil for the partner's
// own resources, the ACH returns) and the GUIDs of every owner, by GUID type.
type resourceScope struct {
	user   *userRec
	owners map[string]string
}

// The GUID types of the owners the fake stores itself, by the path parameters that name them.
var builtinOwners = map[string]string{
	"user_guid": "UserGUID", "user_identifier": "UserGUID",
	"member_guid": "MemberGUID", "member_identifier": "MemberGUID",
	"account_guid": "AccountGUID", "account_identifier": "AccountGUID",
}

// fieldOf names the field that holds a GUID of the type: user_guid for UserGUID, the
// parameter of a resource for its type (spending_plan_guid for SpendingPlanGUID).
func (rs *resourceSet) fieldOf(typ string) string {
	switch typ {
	case "UserGUID":
		return "user_guid"
	case "MemberGUID":
		return "member_guid"
	case "AccountGUID":
		return "account_guid"
	}
	if k := rs.byType[typ]; k != nil {
		return k.param
	}
	return ""
}

// resolveOwners resolves the owners of an operation from its path: 404 for one that does not
// exist or belongs to another user, 403 for the data of a disabled user.
func (f *Fake) resolveOwners(owners []string, params map[string]string) (resourceScope, error) {
	sc := resourceScope{owners: map[string]string{}}
	for _, p := range owners {
		v := params[p]
		typ, builtin := builtinOwners[p]
		switch {
		case typ == "UserGUID":
			var u *userRec
			var err error
			if p == "user_guid" {
				u, err = f.st.user(mxplatform.UserGUID(v))
			} else {
				u, err = f.st.userByIdent(v)
			}
			if err != nil {
				return sc, err
			}
			if err := enabled(u); err != nil {
				return sc, err
			}
			sc.user = u
			v = string(u.guid)
		case sc.user == nil:
			return sc, fmt.Errorf("the owner %s of a resource comes before its user", p)
		case typ == "MemberGUID":
			m, err := f.st.memberOf(sc.user, v, p == "member_identifier")
			if err != nil {
				return sc, err
			}
			v = string(m.guid)
		case typ == "AccountGUID":
			a, err := accountIn(userAccounts(sc.user), v)
			if err != nil || p == "account_guid" && string(a.guid) != v {
				return sc, errAccountNotFound
			}
			v = string(a.guid)
		case !builtin:
			k := f.res.byParam[p]
			if k == nil {
				return sc, fmt.Errorf("the path parameter %s names no resource", p)
			}
			if f.st.recordOf(f, k, v, sc) == nil {
				return sc, notFound(k)
			}
			typ = k.guidType
		}
		sc.owners[typ] = v
	}
	return sc, nil
}

// notFound is the 404 of a record that does not exist, or not for these owners.
func notFound(k *resourceKind) error {
	return &apiError{status: http.StatusNotFound, message: k.label + " not found."}
}

// owns reports whether the record belongs to every owner of the scope.
func (r *record) ownedBy(sc resourceScope) bool {
	for typ, g := range sc.owners {
		if r.owners[typ] != g {
			return false
		}
	}
	return true
}

// recordOf returns the record of the kind with the GUID that belongs to the scope and can be
// reached (see resourceHooks.visible), or nil.
func (s *store) recordOf(f *Fake, k *resourceKind, guid string, sc resourceScope) *record {
	r := s.records[guid]
	if r == nil || r.kind != k || !r.ownedBy(sc) || !f.visible(r) {
		return nil
	}
	return r
}

// recordsOf returns the records of the kind that belong to the scope and can be reached, in
// creation order.
func (s *store) recordsOf(f *Fake, k *resourceKind, sc resourceScope) []*record {
	var out []*record
	for _, r := range s.byKind[k] {
		if r.ownedBy(sc) && f.visible(r) {
			out = append(out, r)
		}
	}
	return out
}

// visible runs the kind's visible hook.
func (f *Fake) visible(r *record) bool {
	h := hooksOf(r.kind)
	return h.visible == nil || h.visible(f, r)
}

// newRecord makes a record of the kind for the owners, with a new GUID and the fields the fake
// stamps on every record that has them: when it was created and updated, and the partner's
// GUID. It is stored by putRecord.
func (f *Fake) newRecord(k *resourceKind, owners map[string]string, fields map[string]any, now time.Time) *record {
	if fields == nil {
		fields = map[string]any{}
	}
	r := &record{kind: k, guid: f.st.newGUID(k.prefix), seq: f.st.next(), owners: maps.Clone(owners), fields: fields}
	for _, name := range []string{"created_at", "updated_at"} {
		if k.field(name) != nil {
			fields[name] = string(timestamp(now))
		}
	}
	if k.field("client_guid") != nil {
		fields["client_guid"] = string(f.clientGUID())
	}
	return r
}

// putRecord stores a record.
func (s *store) putRecord(r *record) {
	s.records[r.guid] = r
	s.byKind[r.kind] = append(s.byKind[r.kind], r)
}

// dropRecord removes a record, the records it owns, and the records of its user that refer
// to it (a tag's taggings, a budget's child budgets).
func (s *store) dropRecord(r *record) {
	if s.records[r.guid] != r {
		return // gone already, through another record
	}
	delete(s.records, r.guid)
	s.byKind[r.kind] = slices.DeleteFunc(s.byKind[r.kind], func(x *record) bool { return x == r })
	s.dropReferences(r.owners["UserGUID"], r.kind.guidType, r.guid)
}

// dropReferences removes the records of the user (every record, for user "") owned by the
// object of the GUID type and GUID, or whose fields name it: what goes with a deleted user,
// member, account, transaction or category, or with a deleted record. The partner's own
// records (ACH returns) stay: they report what happened.
func (s *store) dropReferences(user, typ, guid string) {
	if guid == "" {
		return
	}
	var gone []*record
	for _, r := range s.records {
		if r.owners["UserGUID"] == "" || user != "" && r.owners["UserGUID"] != user {
			continue
		}
		if r.owners[typ] == guid || slices.ContainsFunc(r.kind.refFields(typ), func(name string) bool { return r.fields[name] == guid }) {
			gone = append(gone, r)
		}
	}
	// In creation order, so that what is minted after a drop does not depend on map order.
	sortBySeq(gone, func(r *record) uint64 { return r.seq })
	for _, r := range gone {
		s.dropRecord(r)
	}
}

// refFields returns the fields of the kind that hold a GUID of the type.
func (k *resourceKind) refFields(typ string) []string {
	var out []string
	for name, p := range k.schema.Properties {
		if name != "guid" && p.Value != nil && p.Value.Extensions["x-go-type"] == typ {
			out = append(out, name)
		}
	}
	return out
}

// refType returns the GUID type a field of the kind holds, "" for none.
func (k *resourceKind) refType(name string) string {
	p := k.field(name)
	if name == "guid" || p == nil {
		return ""
	}
	t, _ := p.Extensions["x-go-type"].(string)
	if !strings.HasSuffix(t, "GUID") {
		return ""
	}
	return t
}

// checkReferences checks that the GUIDs a request gives name objects that exist and, within a
// user's scope, belong to the user: 400 otherwise, as for an unknown category elsewhere.
func (f *Fake) checkReferences(k *resourceKind, sc resourceScope, fields map[string]any) error {
	names := slices.Sorted(maps.Keys(fields))
	for _, name := range names {
		typ := k.refType(name)
		g, _ := fields[name].(string)
		if typ == "" || g == "" {
			continue
		}
		if !f.refExists(typ, g, sc.user) {
			return errorf(http.StatusBadRequest, "Invalid request body: %s %q names no object the request can refer to.", name, g)
		}
	}
	return nil
}

// refExists reports whether the GUID names an object of the type that belongs to the user
// (any user, for u nil). GUID types the fake does not store (merchants, scheduled payments)
// are taken as they are.
func (f *Fake) refExists(typ, g string, u *userRec) bool {
	mine := func(o *userRec) bool { return u == nil || o == u }
	switch typ {
	case "UserGUID":
		o, ok := f.st.users[mxplatform.UserGUID(g)]
		return ok && mine(o)
	case "MemberGUID":
		m, ok := f.st.members[mxplatform.MemberGUID(g)]
		return ok && mine(m.user)
	case "AccountGUID":
		a, ok := f.st.accounts[mxplatform.AccountGUID(g)]
		return ok && mine(a.member.user)
	case "TransactionGUID":
		t, ok := f.st.txns[mxplatform.TransactionGUID(g)]
		return ok && mine(t.account.member.user)
	case "CategoryGUID":
		if _, ok := categories[mxplatform.CategoryGUID(g)]; ok {
			return true
		}
		c, ok := f.st.categories[mxplatform.CategoryGUID(g)]
		return ok && mine(c.user)
	case "InstitutionGUID":
		_, ok := f.st.instByGUID[mxplatform.InstitutionGUID(g)]
		return ok
	}
	if k := f.res.byType[typ]; k != nil {
		r := f.st.records[g]
		return r != nil && r.kind == k && (u == nil || r.owners["UserGUID"] == string(u.guid))
	}
	return true
}

// renderRecord renders a record as the spec's resource: its fields, its GUID and those of its
// owners, and what its hooks derive.
func (f *Fake) renderRecord(r *record, now time.Time) map[string]any {
	out := maps.Clone(r.fields)
	out["guid"] = r.guid
	for typ, g := range r.owners {
		if name := f.res.fieldOf(typ); name != "" && r.kind.field(name) != nil {
			out[name] = g
		}
	}
	if h := hooksOf(r.kind); h.render != nil {
		h.render(f, r, out, now)
	}
	return out
}

// renderRecords renders records in their order.
func (f *Fake) renderRecords(rs []*record, now time.Time) []map[string]any {
	out := make([]map[string]any, len(rs))
	for i, r := range rs {
		out[i] = f.renderRecord(r, now)
	}
	return out
}

// bodyFields decodes the fields of a create or an update: the object under the body's key, or
// the body itself when its fields are at the top. Validation has checked the body against the
// spec; numbers stay exact (json.Number).
func bodyFields(op *resourceOp, body []byte) (map[string]any, error) {
	if len(body) == 0 {
		return map[string]any{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var top map[string]any
	if err := dec.Decode(&top); err != nil {
		return nil, errorf(http.StatusBadRequest, "Invalid request body: %v", err)
	}
	if op.bodyKey == "" {
		return top, nil
	}
	in, _ := top[op.bodyKey].(map[string]any)
	if in == nil {
		return nil, errorf(http.StatusBadRequest, "Invalid request body: the %s object is required.", op.bodyKey)
	}
	return in, nil
}

// takeFields keeps the fields of the request the operation may set, leaving out nulls for
// fields the resource cannot hold null in (a request's null then sets nothing).
func takeFields(op *resourceOp, in map[string]any) map[string]any {
	out := map[string]any{}
	for name, v := range in {
		if op.settable[name] == nil {
			continue
		}
		if f := op.kind.field(name); v == nil && (f == nil || !f.Nullable) {
			continue
		}
		out[name] = v
	}
	return out
}

// objectName names the object of a request in messages: its key, or the resource.
func (op *resourceOp) objectName() string {
	if op.bodyKey != "" {
		return op.bodyKey
	}
	return strings.ToLower(op.kind.label)
}
