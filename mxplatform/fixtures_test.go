package mxplatform

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

const fixturesDir = "../api/testdata/platform"

// fixtureTypes maps each operation to the Go types of its request body and of its responses by
// status: the types a fixture must decode into with no unknown field.
var fixtureTypes = map[string]struct {
	request  func() any
	response map[int]func() any
}{
	"requestWidgetURL":           {func() any { return new(WidgetRequestBody) }, ok(func() any { return new(WidgetResponseBody) })},
	"requestConnectWidgetURL":    {func() any { return new(ConnectWidgetRequestBody) }, ok(func() any { return new(ConnectWidgetResponseBody) })},
	"listUserAccounts":           {nil, ok(func() any { return new(AccountsResponseBody) })},
	"readAccount":                {nil, ok(func() any { return new(AccountResponseBody) })},
	"updateAccountByMember":      {func() any { return new(AccountUpdateRequestBody) }, ok(func() any { return new(AccountResponseBody) })},
	"listFavoriteInstitutions":   {nil, ok(func() any { return new(InstitutionsResponseBody) })},
	"listInstitutionCredentials": {nil, ok(func() any { return new(CredentialsResponseBody) })},
	"listInstitutions":           {nil, ok(func() any { return new(InstitutionsResponseBody) })},
	"readInstitution": {nil, map[int]func() any{
		200: func() any { return new(InstitutionResponseBody) },
		404: func() any { return new(ErrorResponseBody) },
	}},
	"aggregateMember":           {nil, ok(func() any { return new(MemberResponseBody) })},
	"checkBalances":             {nil, ok(func() any { return new(MemberResponseBody) })},
	"createMember":              {func() any { return new(MemberCreateRequestBody) }, ok(func() any { return new(MemberResponseBody) })},
	"requestOAuthWindowURI":     {nil, ok(func() any { return new(OAuthWindowResponseBody) })},
	"listMemberChallenges":      {nil, ok(func() any { return new(ChallengesResponseBody) })},
	"listMemberCredentials":     {nil, ok(func() any { return new(CredentialsResponseBody) })},
	"listMembers":               {nil, ok(func() any { return new(MembersResponseBody) })},
	"readMember":                {nil, ok(func() any { return new(MemberResponseBody) })},
	"readMemberStatus":          {nil, ok(func() any { return new(MemberStatusResponseBody) })},
	"resumeAggregation":         {func() any { return new(MemberResumeRequestBody) }, ok(func() any { return new(MemberResponseBody) })},
	"updateMember":              {func() any { return new(MemberUpdateRequestBody) }, ok(func() any { return new(MemberResponseBody) })},
	"listTransactionsByAccount": {nil, ok(func() any { return new(TransactionsResponseBody) })},
	"listTransactionsByMember":  {nil, ok(func() any { return new(TransactionsResponseBody) })},
	"listTransactions":          {nil, ok(func() any { return new(TransactionsResponseBody) })},
	"readTransaction":           {nil, ok(func() any { return new(TransactionReadResponseBody) })},
	"updateTransaction":         {func() any { return new(TransactionUpdateRequestBody) }, ok(func() any { return new(TransactionResponseBody) })},
	"createUser":                {func() any { return new(UserCreateRequestBody) }, ok(func() any { return new(UserResponseBody) })},
}

func ok(f func() any) map[int]func() any { return map[int]func() any{200: f} }

// fixtureFile is one file of api/testdata/platform/<operationId>/.
type fixtureFile struct {
	path      string
	operation string
	request   bool // request.json, else <status>.json
	status    int
}

func fixtureFiles(t *testing.T) []fixtureFile {
	t.Helper()
	var files []fixtureFile
	dirs, err := os.ReadDir(fixturesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(fixturesDir, d.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			f := fixtureFile{path: filepath.Join(fixturesDir, d.Name(), e.Name()), operation: d.Name()}
			kind, _, _ := strings.Cut(e.Name(), ".")
			if kind == "request" {
				f.request = true
			} else if f.status, err = strconv.Atoi(kind); err != nil {
				t.Fatalf("%s: name must start with request or a status", f.path)
			}
			files = append(files, f)
		}
	}
	return files
}

// TestFixturesMatchSpec validates every example of the reference against the spec (status and
// media type included), decodes it into its generated type with unknown fields disallowed, encodes
// it again and compares the result with the original by value.
func TestFixturesMatchSpec(t *testing.T) {
	ops := specOperations(t)
	files := fixtureFiles(t)
	if len(files) < 40 {
		t.Fatalf("only %d fixtures", len(files))
	}
	for _, f := range files {
		t.Run(strings.TrimPrefix(f.path, fixturesDir+"/"), func(t *testing.T) {
			o, found := ops[f.operation]
			if !found {
				t.Fatalf("no operation %s", f.operation)
			}
			body, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			types := fixtureTypes[f.operation]
			var target any
			if f.request {
				validateRequestBody(t, o, body)
				if types.request == nil {
					t.Fatalf("%s takes no request body", f.operation)
				}
				target = types.request()
			} else {
				validateResponse(t, o, f.status, body)
				newType := types.response[f.status]
				if newType == nil {
					t.Fatalf("no Go type for %s %d", f.operation, f.status)
				}
				target = newType()
			}
			assertStrictRoundTrip(t, body, target)
		})
	}
}

// TestFixtureValidationRejects makes sure the validation above can fail.
func TestFixtureValidationRejects(t *testing.T) {
	ops := specOperations(t)
	body, err := os.ReadFile(filepath.Join(fixturesDir, "readAccount", "200.json"))
	if err != nil {
		t.Fatal(err)
	}
	route := routeFor(loadSpec(t), ops["readAccount"])
	input := responseInput(route, 299, body)
	if err := openapi3filter.ValidateResponse(context.Background(), input); err == nil {
		t.Error("an undocumented status validated")
	}
	bad := bytes.Replace(body, []byte(`"balance": 1000.0`), []byte(`"balance": "a lot"`), 1)
	if err := openapi3filter.ValidateResponse(context.Background(), responseInput(route, 200, bad)); err == nil {
		t.Error("a string balance validated")
	}
	var acct AccountResponseBody
	dec := json.NewDecoder(bytes.NewReader(bytes.Replace(body, []byte(`"apr"`), []byte(`"not_a_field"`), 1)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&acct); err == nil {
		t.Error("an unknown field decoded strictly")
	}
}

func TestPaginationFixture(t *testing.T) {
	body, err := os.ReadFile(filepath.Join(fixturesDir, "pagination.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	if err := loadSpec(t).Components.Schemas["Pagination"].Value.VisitJSON(v); err != nil {
		t.Fatal(err)
	}
	assertStrictRoundTrip(t, body, new(Pagination))
}

func routeFor(doc *openapi3.T, o specOperation) *routers.Route {
	return &routers.Route{Spec: doc, Path: o.path, PathItem: o.item, Method: o.method, Operation: o.op}
}

func validateRequestBody(t *testing.T, o specOperation, body []byte) {
	t.Helper()
	if o.op.RequestBody == nil {
		t.Fatalf("operation takes no request body")
	}
	req, err := http.NewRequest(o.method, "https://int-api.mx.com"+o.path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	input := &openapi3filter.RequestValidationInput{
		Request: req,
		Route:   routeFor(loadSpec(t), o),
		Options: &openapi3filter.Options{MultiError: true},
	}
	if err := openapi3filter.ValidateRequestBody(context.Background(), input, o.op.RequestBody.Value); err != nil {
		t.Fatalf("request body does not match the spec: %v", err)
	}
}

func responseInput(route *routers.Route, status int, body []byte) *openapi3filter.ResponseValidationInput {
	req, _ := http.NewRequest(route.Method, "https://int-api.mx.com"+route.Path, nil)
	header := http.Header{"Content-Type": {"application/vnd.mx.api.v1+json"}}
	return &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: route},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
}

func validateResponse(t *testing.T, o specOperation, status int, body []byte) {
	t.Helper()
	if err := openapi3filter.ValidateResponse(context.Background(), responseInput(routeFor(loadSpec(t), o), status, body)); err != nil {
		t.Fatalf("response does not match the spec: %v", err)
	}
}

// assertStrictRoundTrip decodes body into target rejecting unknown fields, encodes target again
// and requires the same JSON value.
func assertStrictRoundTrip(t testing.TB, body []byte, target any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(target); err != nil {
		t.Fatalf("strict decode into %T: %v", target, err)
	}
	again, err := json.Marshal(target)
	if err != nil {
		t.Fatalf("encode %T: %v", target, err)
	}
	if diff := jsonDiff(body, again); diff != "" {
		t.Fatalf("%T does not round-trip: %s", target, diff)
	}
}

// jsonDiff compares two JSON documents by value: numbers by their exact decimal value (1000.0
// equals 1000), and a null member equal to an absent one. It returns "" when they are equal.
func jsonDiff(a, b []byte) string {
	va, err := decodeValue(a)
	if err != nil {
		return "first document: " + err.Error()
	}
	vb, err := decodeValue(b)
	if err != nil {
		return "second document: " + err.Error()
	}
	return diffValue("$", normalize(va), normalize(vb))
}

func decodeValue(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if e != nil {
				out[k] = normalize(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	case json.Number:
		r, ok := new(big.Rat).SetString(string(x))
		if !ok {
			return jsonNumber(x)
		}
		return jsonNumber(r.RatString())
	}
	return v
}

// jsonNumber is a number normalized to its exact value, distinct from any string.
type jsonNumber string

func diffValue(path string, a, b any) string {
	if reflect.DeepEqual(a, b) {
		return ""
	}
	ma, okA := a.(map[string]any)
	mb, okB := b.(map[string]any)
	if okA && okB {
		for k := range ma {
			if d := diffValue(path+"."+k, ma[k], mb[k]); d != "" {
				return d
			}
		}
		for k := range mb {
			if _, found := ma[k]; !found {
				return fmt.Sprintf("%s.%s: absent, then %v", path, k, mb[k])
			}
		}
	}
	la, okA := a.([]any)
	lb, okB := b.([]any)
	if okA && okB && len(la) == len(lb) {
		for i := range la {
			if d := diffValue(fmt.Sprintf("%s[%d]", path, i), la[i], lb[i]); d != "" {
				return d
			}
		}
	}
	return fmt.Sprintf("%s: %v, then %v", path, a, b)
}

func TestJSONDiff(t *testing.T) {
	same := [][2]string{
		{`{"a": 1000.0}`, `{"a": 1000}`},
		{`{"a": null, "b": 1}`, `{"b": 1}`},
		{`{"a": [1, {"x": null}]}`, `{"a": [1.00, {}]}`},
	}
	for _, p := range same {
		if d := jsonDiff([]byte(p[0]), []byte(p[1])); d != "" {
			t.Errorf("%s vs %s: %s", p[0], p[1], d)
		}
	}
	differ := [][2]string{
		{`{"a": 0.1}`, `{"a": 0.10000001}`},
		{`{"a": "1"}`, `{"a": 1}`},
		{`{"a": 1}`, `{"a": 1, "b": false}`},
		{`{"a": [1, 2]}`, `{"a": [2, 1]}`},
	}
	for _, p := range differ {
		if d := jsonDiff([]byte(p[0]), []byte(p[1])); d == "" {
			t.Errorf("%s and %s compared equal", p[0], p[1])
		}
	}
}
