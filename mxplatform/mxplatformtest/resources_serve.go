package mxplatformtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The engine's answers to the operations of the plain resources (see resources.go): list,
// create, read, update and delete, the same for every resource, with the hooks of its kind.

// resourceHooks is the behaviour of a kind of resource that the spec cannot describe. Every
// hook is optional and runs under Fake.mu.
type resourceHooks struct {
	// sync brings the user's records up to date before any operation of the kind (insights
	// derived anew from the transactions, the iterations of a spending plan that began).
	sync func(f *Fake, sc resourceScope, now time.Time)
	// create checks a new record and fills what the fake derives, before it is stored.
	create func(f *Fake, r *record, sc resourceScope, now time.Time) error
	// update checks the fields a record is about to have (next), and may add to them.
	update func(f *Fake, r *record, next map[string]any, now time.Time) error
	// render adds what is derived, when a record is answered.
	render func(f *Fake, r *record, out map[string]any, now time.Time)
	// remove runs before a record is deleted.
	remove func(f *Fake, r *record, now time.Time)
	// visible reports whether a record can be reached (the items of a spending plan's current
	// iteration only).
	visible func(f *Fake, r *record) bool
	// order sorts lists, which are in creation order otherwise (goals by rank).
	order func(a, b *record) int
	// mayBeEmpty names the required fields of a create that may be sent empty, because the
	// kind fills them itself (a budget's parent_guid, which MX requires even of the budget of
	// a top-level category, which has no parent).
	mayBeEmpty []string
}

// hooksOf returns the hooks of a kind of resource.
func hooksOf(k *resourceKind) resourceHooks { return resourceHooksByKind[k.name] }

// serveResource answers the operation of ctx with the engine, as R, the type the generated
// server answers the operation's success with.
func serveResource[R any](ctx context.Context, f *Fake) (R, error) {
	var out R
	oc, err := callOf(ctx)
	if err != nil {
		return out, err
	}
	op := f.res.ops[oc.route.id]
	if op == nil {
		return out, fmt.Errorf("%s is not an operation of a resource", oc.route.id)
	}
	now := f.begin()
	v, err := f.serveRecord(op, oc, now)
	f.mu.Unlock()
	if err != nil {
		return out, err
	}
	return answerAs[R](v)
}

// answerAs turns an answer of the engine (maps of JSON values) into the generated type R; a nil
// answer (a delete) is R's zero value.
func answerAs[R any](v any) (R, error) {
	var out R
	if v == nil {
		return out, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return out, err
	}
	return out, json.Unmarshal(b, &out)
}

// serveRecord serves a resource operation at time now.
func (f *Fake) serveRecord(op *resourceOp, oc *opCall, now time.Time) (any, error) {
	sc, err := f.resolveOwners(op.owners, oc.params)
	if err != nil {
		return nil, err
	}
	h := hooksOf(op.kind)
	if h.sync != nil {
		h.sync(f, sc, now)
	}
	if op.action == actionList {
		return f.listRecords(op, sc, oc.query, now)
	}
	if op.action == actionCreate {
		r, err := f.createRecord(op, sc, oc.body, now)
		if err != nil {
			return nil, err
		}
		return map[string]any{op.key: f.renderRecord(r, now)}, nil
	}
	r, err := f.findRecord(op, sc, oc.params, now)
	if err != nil {
		return nil, err
	}
	switch op.action {
	case actionUpdate:
		if err := f.updateRecord(op, r, oc.body, now); err != nil {
			return nil, err
		}
	case actionDelete:
		if h.remove != nil {
			h.remove(f, r, now)
		}
		f.st.dropRecord(r)
		return nil, nil
	}
	return map[string]any{op.key: f.renderRecord(r, now)}, nil
}

// findRecord returns the record an operation names: by its GUID, or the one record of its
// owners, made on first use, for a singleton.
func (f *Fake) findRecord(op *resourceOp, sc resourceScope, params map[string]string, now time.Time) (*record, error) {
	if !op.singleton {
		if r := f.st.recordOf(f, op.kind, params[op.kind.param], sc); r != nil {
			return r, nil
		}
		return nil, notFound(op.kind)
	}
	if rs := f.st.recordsOf(f, op.kind, sc); len(rs) > 0 {
		return rs[0], nil
	}
	r := f.newRecord(op.kind, sc.owners, nil, now)
	if h := hooksOf(op.kind); h.create != nil {
		if err := h.create(f, r, sc, now); err != nil {
			return nil, err
		}
	}
	f.st.putRecord(r)
	return r, nil
}

// listRecords answers a list: the records of the owners in creation order, narrowed by the
// filters given, one page at a time when the list is paged.
func (f *Fake) listRecords(op *resourceOp, sc resourceScope, q url.Values, now time.Time) (any, error) {
	var sel []*record
	for _, r := range f.st.recordsOf(f, op.kind, sc) {
		ok, err := matchFilters(op, r, q)
		if err != nil {
			return nil, err
		}
		if ok {
			sel = append(sel, r)
		}
	}
	if h := hooksOf(op.kind); h.order != nil {
		slices.SortStableFunc(sel, h.order)
	}
	if !op.paged {
		return map[string]any{op.listKey: f.renderRecords(sel, now)}, nil
	}
	items, pg := pageOf(sel, queryInt(q, "page"), queryInt(q, "records_per_page"), op.maxPerPage)
	return map[string]any{op.listKey: f.renderRecords(items, now), "pagination": pg}, nil
}

// matchFilters reports whether the record matches the filters of the query: a field equal to
// the value given; for a timestamp, one on the same day as the value (Unix time, a date or a
// timestamp).
func matchFilters(op *resourceOp, r *record, q url.Values) (bool, error) {
	for _, name := range op.filters {
		want := q.Get(name)
		if want == "" {
			continue
		}
		have, _ := r.fields[name].(string)
		if t, _ := op.kind.field(name).Extensions["x-go-type"].(string); t == "Timestamp" {
			at, err := parseInstant(name, want, false)
			if err != nil {
				return false, err
			}
			got, err := time.Parse(time.RFC3339Nano, have)
			if err != nil || !day(got).Equal(day(at)) {
				return false, nil
			}
			continue
		}
		if !strings.EqualFold(have, want) {
			return false, nil
		}
	}
	return true, nil
}

// createRecord makes a record from a create request: the fields its schema requires, which
// cannot be empty, those of the resource it sets, checked references, and the kind's hook.
func (f *Fake) createRecord(op *resourceOp, sc resourceScope, body []byte, now time.Time) (*record, error) {
	in, err := bodyFields(op, body)
	if err != nil {
		return nil, err
	}
	for _, name := range op.required {
		if slices.Contains(hooksOf(op.kind).mayBeEmpty, name) {
			continue
		}
		if s, ok := in[name].(string); ok && strings.TrimSpace(s) == "" {
			return nil, errorf(http.StatusBadRequest, "Invalid request body: %s.%s cannot be empty.", op.objectName(), name)
		}
	}
	fields := takeFields(op, in)
	if err := f.checkReferences(op.kind, sc, fields); err != nil {
		return nil, err
	}
	r := f.newRecord(op.kind, sc.owners, fields, now)
	if h := hooksOf(op.kind); h.create != nil {
		if err := h.create(f, r, sc, now); err != nil {
			return nil, err
		}
	}
	f.st.putRecord(r)
	return r, nil
}

// updateRecord sets the fields of an update request that the resource has (400 for none), once
// their references and the kind's hook accept them.
func (f *Fake) updateRecord(op *resourceOp, r *record, body []byte, now time.Time) error {
	in, err := bodyFields(op, body)
	if err != nil {
		return err
	}
	changed := takeFields(op, in)
	if len(changed) == 0 {
		return errorf(http.StatusBadRequest, "The %s object must set at least one field.", op.objectName())
	}
	for _, name := range op.required {
		if s, ok := changed[name].(string); ok && strings.TrimSpace(s) == "" {
			return errorf(http.StatusBadRequest, "Invalid request body: %s.%s cannot be empty.", op.objectName(), name)
		}
	}
	if err := f.checkReferences(op.kind, resourceScope{user: f.st.users[userGUIDOf(r)]}, changed); err != nil {
		return err
	}
	next := make(map[string]any, len(r.fields)+len(changed))
	for k, v := range r.fields {
		next[k] = v
	}
	for k, v := range changed {
		next[k] = v
	}
	if r.kind.field("updated_at") != nil {
		next["updated_at"] = string(timestamp(now))
	}
	if h := hooksOf(r.kind); h.update != nil {
		if err := h.update(f, r, next, now); err != nil {
			return err
		}
	}
	r.fields = next
	return nil
}
