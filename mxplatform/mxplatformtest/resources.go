package mxplatformtest

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	spec25 "github.com/mxsdk/mx-go/mxplatform/internal/spec/v20250224"
)

// The plain resources of v20250224 (tags, taggings, transaction rules, notifications, ACH
// returns, budgets, goals, spending plans with their iterations, items and accounts, the
// monthly cash flow profile, and the records that hand-written behaviour stores, such as
// rewards and insights) are served by one engine, driven by the spec rather than by a handler
// per resource. This file reads from api/platform-v20250224.yaml what the engine needs:
//
//   - a resource is a schema with an x-mx-guid-prefix (Tag, TAG): its GUIDs are minted with
//     that prefix, and the path parameter whose type is the resource's GUID type (tag_guid,
//     of type TagGUID) names one;
//   - an operation serves a resource when its answer holds one (wrapped in a key, or bare
//     beside a wrapped one) or a list of them: a GET of a path ending with the resource's
//     parameter reads, a PUT there updates, a DELETE there deletes, a POST creates, a GET of
//     a list lists; a GET or PUT of a path ending with the answer's key (monthly_cash_flow_profile)
//     reads or updates the one record of its owner;
//   - the other path parameters are the owners: the user, and the resources above this one
//     (user_guid and spending_plan_guid own an item of a spending plan);
//   - a create requires the fields its request schema requires, and takes those of its
//     fields the resource has; an update sets those; the request body wraps them in a key,
//     or holds them at the top when its schema has no single wrapping object;
//   - a list is paged when its answer has pagination, with at most the maxItems of its array
//     a page, and its query parameters named like fields of the resource filter it.
//
// The behaviour the spec cannot say (what a budget derives from the transactions, how goals
// are ranked) is in small hooks beside each product (see resourceHooks).

// resourceAction is what an operation does to its resource.
type resourceAction int

const (
	actionList resourceAction = iota + 1
	actionCreate
	actionRead
	actionUpdate
	actionDelete
)

// resourceKind is a kind of record the engine stores: a schema with an x-mx-guid-prefix.
type resourceKind struct {
	name     string // the schema: TransactionRule
	label    string // its name in messages: Transaction rule
	prefix   string // of its GUIDs: TXR
	guidType string // the Go type of its GUIDs (the x-go-type of its guid): TransactionRuleGUID
	param    string // the path parameter that names one: transaction_rule_guid ("" if none)
	schema   *openapi3.Schema
}

// field returns the schema of a field of the resource, or nil.
func (k *resourceKind) field(name string) *openapi3.Schema {
	if p := k.schema.Properties[name]; p != nil {
		return p.Value
	}
	return nil
}

// resourceOp is an operation of the spec that the engine serves, as the spec describes it.
type resourceOp struct {
	id     string
	kind   *resourceKind
	action resourceAction
	// owners are the path parameters before the resource's own, outermost first.
	owners []string
	// key wraps the record in the answer ("tag"); listKey holds the list ("tags").
	key, listKey string
	// singleton: the operation reads or updates the one record of its owners.
	singleton bool
	// paged: the list answers pagination, at most maxPerPage records a page.
	paged      bool
	maxPerPage int
	// bodyKey wraps the fields in the request body ("" when they are at its top); required
	// are the fields the request requires, settable those it may set.
	bodyKey  string
	required []string
	settable map[string]*openapi3.Schema
	// filters are the query parameters named like fields of the resource.
	filters []string
}

// resourceSet is every resource and resource operation of the spec.
type resourceSet struct {
	kinds   map[string]*resourceKind // by schema name
	byParam map[string]*resourceKind // by the path parameter that names one
	byType  map[string]*resourceKind // by GUID type
	ops     map[string]*resourceOp   // by MX's operationId
}

// loadResources reads the resources of the embedded spec once for all fakes.
var loadResources = sync.OnceValues(func() (*resourceSet, error) {
	doc, err := spec25.GetSpec()
	if err != nil {
		return nil, fmt.Errorf("mxplatformtest: loading the embedded spec of %s: %w", versionCurrent, err)
	}
	return newResourceSet(doc)
})

// newResourceSet reads the resources and their operations from a spec.
func newResourceSet(doc *openapi3.T) (*resourceSet, error) {
	rs := &resourceSet{kinds: map[string]*resourceKind{}, byParam: map[string]*resourceKind{}, byType: map[string]*resourceKind{}, ops: map[string]*resourceOp{}}
	for name, ref := range doc.Components.Schemas {
		s := ref.Value
		prefix, _ := s.Extensions["x-mx-guid-prefix"].(string)
		if prefix == "" {
			continue
		}
		guid := s.Properties["guid"]
		if guid == nil {
			return nil, fmt.Errorf("mxplatformtest: resource %s has an x-mx-guid-prefix but no guid", name)
		}
		typ, _ := guid.Value.Extensions["x-go-type"].(string)
		k := &resourceKind{name: name, label: label(name), prefix: prefix, guidType: typ, schema: s}
		rs.kinds[name] = k
		if typ != "" {
			rs.byType[typ] = k
		}
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			rop, err := rs.operation(path, method, append(item.Parameters, op.Parameters...), op)
			if err != nil {
				return nil, fmt.Errorf("mxplatformtest: %s: %w", op.OperationID, err)
			}
			if rop != nil {
				rs.ops[rop.id] = rop
			}
		}
	}
	return rs, nil
}

// label turns a schema name into words for messages: TransactionRule is "Transaction rule",
// ACHReturn "ACH return".
func label(name string) string {
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		// A word starts at a capital after a small letter, or at the last capital of an
		// initialism that a small letter follows (the R of ACHReturn).
		if i > 0 && unicode.IsUpper(r) && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	words := strings.Fields(b.String())
	for i := 1; i < len(words); i++ {
		if strings.ToUpper(words[i]) != words[i] {
			words[i] = strings.ToLower(words[i])
		}
	}
	return strings.Join(words, " ")
}

// operation classifies an operation of the spec: the resource operation it is, or nil.
func (rs *resourceSet) operation(path, method string, params openapi3.Parameters, op *openapi3.Operation) (*resourceOp, error) {
	segs := parseTemplate(path)
	last := segs[len(segs)-1]
	var pathParams []string
	paramType := map[string]string{}
	for _, p := range params {
		if p.Value == nil || p.Value.In != openapi3.ParameterInPath {
			continue
		}
		if p.Value.Schema != nil && p.Value.Schema.Value != nil {
			paramType[p.Value.Name], _ = p.Value.Schema.Value.Extensions["x-go-type"].(string)
		}
	}
	for _, s := range segs {
		if s.param != "" {
			pathParams = append(pathParams, s.param)
		}
	}
	// The resource the path ends with, if its last segment names one.
	var named *resourceKind
	if last.param != "" && last.suffix == "" {
		if k := rs.byType[paramType[last.param]]; k != nil {
			named = k
			if k.param == "" {
				k.param = last.param
				rs.byParam[last.param] = k
			}
		}
	}
	rop := &resourceOp{id: mxOperationID(op.OperationID)}
	ans := answerSchema(op)
	single, key, list, listKey, paged, maxItems := rs.answerShape(ans)
	switch {
	case method == "DELETE" && named != nil && ans == nil:
		rop.kind, rop.action = named, actionDelete
	case method == "GET" && single != nil && named == single:
		rop.kind, rop.action = single, actionRead
	case method == "PUT" && single != nil && named == single:
		rop.kind, rop.action = single, actionUpdate
	case method == "POST" && single != nil && named == nil && last.param == "":
		rop.kind, rop.action = single, actionCreate
	case method == "GET" && list != nil && named == nil:
		rop.kind, rop.action = list, actionList
	case (method == "GET" || method == "PUT") && single != nil && named == nil && last.literal == key:
		rop.kind, rop.singleton = single, true
		rop.action = actionRead
		if method == "PUT" {
			rop.action = actionUpdate
		}
	default:
		return nil, nil
	}
	rop.key, rop.listKey, rop.paged, rop.maxPerPage = key, listKey, paged, maxItems
	rop.owners = pathParams
	if rop.action == actionRead && !rop.singleton || rop.action == actionUpdate && !rop.singleton || rop.action == actionDelete {
		rop.owners = pathParams[:len(pathParams)-1]
	}
	if rop.action == actionList {
		for _, p := range params {
			if p.Value != nil && p.Value.In == openapi3.ParameterInQuery && rop.kind.field(p.Value.Name) != nil {
				rop.filters = append(rop.filters, p.Value.Name)
			}
		}
		sort.Strings(rop.filters)
	}
	if rop.action == actionCreate || rop.action == actionUpdate {
		if err := rop.readBody(op); err != nil {
			return nil, err
		}
	}
	return rop, nil
}

// answerSchema returns the schema of an operation's successful JSON answer, or nil.
func answerSchema(op *openapi3.Operation) *openapi3.Schema {
	for _, code := range []string{"200", "201"} {
		if r := op.Responses.Value(code); r != nil && r.Value != nil {
			if mt := r.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
				return mt.Schema.Value
			}
		}
	}
	return nil
}

// kindOf returns the resource a schema reference names.
func (rs *resourceSet) kindOf(ref *openapi3.SchemaRef) *resourceKind {
	if ref == nil || ref.Ref == "" {
		return nil
	}
	return rs.kinds[ref.Ref[strings.LastIndex(ref.Ref, "/")+1:]]
}

// answerShape reads an answer: one resource wrapped in key (with, or without, the resource's
// fields beside it), or a list of them under listKey, paged or not.
func (rs *resourceSet) answerShape(s *openapi3.Schema) (single *resourceKind, key string, list *resourceKind, listKey string, paged bool, maxItems int) {
	if s == nil {
		return
	}
	props := s.Properties
	if len(s.AllOf) > 0 {
		// allOf [Resource, {key: Resource}]: the answer is the record, bare or wrapped.
		props = openapi3.Schemas{}
		for _, part := range s.AllOf {
			for name, p := range part.Value.Properties {
				props[name] = p
			}
		}
	}
	_, paged = props["pagination"]
	for name, p := range props {
		if k := rs.kindOf(p); k != nil {
			single, key = k, name
		}
		if p.Value != nil && p.Value.Type.Is("array") {
			if k := rs.kindOf(p.Value.Items); k != nil {
				list, listKey = k, name
				if p.Value.MaxItems != nil {
					maxItems = int(*p.Value.MaxItems)
				}
			}
		}
	}
	if single != nil && list != nil {
		// An answer that admits one record or a list (listUserVerifications) is neither.
		return nil, "", nil, "", false, 0
	}
	return
}

// readBody reads what a create or an update takes from its request body.
func (rop *resourceOp) readBody(op *openapi3.Operation) error {
	rop.settable = map[string]*openapi3.Schema{}
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil // a create without a body (createSpendingPlan)
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return fmt.Errorf("a request body that is not JSON")
	}
	body := mt.Schema.Value
	fields := body
	if len(body.Properties) == 1 {
		for name, p := range body.Properties {
			if p.Value != nil && p.Value.Type.Is("object") && slices.Contains(body.Required, name) {
				rop.bodyKey, fields = name, p.Value
			}
		}
	}
	rop.required = slices.Clone(fields.Required)
	sort.Strings(rop.required)
	for name, p := range fields.Properties {
		if rop.kind.field(name) != nil {
			rop.settable[name] = p.Value
		}
	}
	return nil
}
