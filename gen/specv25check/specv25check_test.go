package specv25check

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

const (
	specFile    = "../../api/platform-v20250224.yaml"
	fixturesDir = "../../api/testdata/v20250224"

	// operationCount is the number of operations the document models; its description says
	// so in words, which TestOperations checks too.
	operationCount = 153

	pdfMediaType = "application/vnd.mx.api.v1+pdf"
	// vcMediaType is the media type of the verifiable credentials, JSON of another version.
	vcMediaType = "application/vnd.mx.api.v2beta+json"
)

// retryIfNotApplied lists the operations a repeat could apply twice: every create, the merge,
// and whatever starts a job at the institution. Every other operation but those of retryNever
// is retried always.
var retryIfNotApplied = []string{
	"createUser", "createMember", "createManualAccount", "createManualTransaction", "createCategory",
	"mergeAccounts", "updateMember", "aggregateMember", "checkBalances", "resumeAggregation",
	"verifyMember", "identifyMember", "extendHistory", "fetchStatements",
	"createSplitTransactions", "createSplitTransactionsByAccount", "createTag", "createTagging",
	"createTransactionRule", "createNotification", "createACHReturn", "fetchRewards",
	"createBudget", "autoGenerateBudgets", "createGoal", "createSpendingPlan", "createSpendingPlanIterationItem",
	"createMicrodeposit", "verifyMicrodeposit", "requestAuthorizationCode", "checkRealTimeAccountBalance",
}

// retryNever lists the operations that are sent once and never again: deactivateUser, a GET
// that changes state.
var retryNever = []string{"deactivateUser"}

// errorStatuses are the statuses of MX's overview, declared on every operation.
var errorStatuses = []int{400, 401, 403, 404, 405, 406, 409, 422, 429, 500, 502, 503, 504}

// operation is one operation of the document with its route, for the filter's validators.
type operation struct {
	method, path string
	op           *openapi3.Operation
	route        *routers.Route
}

func load(t *testing.T) (*openapi3.T, map[string]operation) {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(specFile)
	if err != nil {
		t.Fatalf("load %s: %v", specFile, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("%s does not validate: %v", specFile, err)
	}
	ops := map[string]operation{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if _, dup := ops[op.OperationID]; dup {
				t.Fatalf("operationId %s is used twice", op.OperationID)
			}
			ops[op.OperationID] = operation{
				method: method, path: path, op: op,
				route: &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op},
			}
		}
	}
	return doc, ops
}

func TestOperations(t *testing.T) {
	doc, ops := load(t)
	if len(ops) != operationCount {
		t.Errorf("%d operations, want %d", len(ops), operationCount)
	}
	if want := strconv.Itoa(operationCount) + " operations"; !strings.Contains(doc.Info.Description, want) {
		t.Errorf("info.description does not say %q", want)
	}
	if doc.Info.Version != "v20250224" {
		t.Errorf("info.version is %q", doc.Info.Version)
	}
	for id, o := range ops {
		if o.op.Summary == "" || o.op.Description == "" || len(o.op.Tags) != 1 {
			t.Errorf("%s: needs a summary, a description and one tag", id)
		}
		if o.op.Deprecated {
			t.Errorf("%s is deprecated; deprecated operations are left out", id)
		}
		for _, p := range o.op.Parameters {
			if name := strings.ToLower(p.Value.Name); p.Value.In == "header" && (name == "accept" || name == "accept-version") {
				t.Errorf("%s models the %s header, which the client sets on every request", id, p.Value.Name)
			}
		}
	}
}

// blockScalarStart matches a line that opens a literal or folded block scalar.
var blockScalarStart = regexp.MustCompile(`^( *)(?:- )?[^#]*:\s*[|>]-?\s*$`)

// TestBlockScalarLines keeps the lines of the document's block scalars (descriptions above
// all) under 100 characters.
func TestBlockScalarLines(t *testing.T) {
	text, err := os.ReadFile(specFile)
	if err != nil {
		t.Fatal(err)
	}
	block := -1 // the indentation of the key that opened the block scalar, or -1 outside one
	for i, line := range strings.Split(string(text), "\n") {
		indent := len(line) - len(strings.TrimLeft(line, " "))
		if block >= 0 && (strings.TrimSpace(line) == "" || indent > block) {
			if len(line) >= 100 {
				t.Errorf("line %d of a block scalar has %d characters, want under 100", i+1, len(line))
			}
			continue
		}
		block = -1
		if m := blockScalarStart.FindStringSubmatch(line); m != nil {
			block = len(m[1])
		}
	}
}

func TestRetry(t *testing.T) {
	_, ops := load(t)
	for id, o := range ops {
		v, ok := o.op.Extensions["x-mx-retry"]
		if !ok {
			t.Errorf("%s has no x-mx-retry", id)
			continue
		}
		want := "always"
		if slices.Contains(retryIfNotApplied, id) {
			want = "if-not-applied"
		}
		if slices.Contains(retryNever, id) {
			want = "never"
		}
		if v != want {
			t.Errorf("%s: x-mx-retry is %v, want %s", id, v, want)
		}
	}
	for _, id := range slices.Concat(retryIfNotApplied, retryNever) {
		if _, ok := ops[id]; !ok {
			t.Errorf("no operation %s", id)
		}
	}
}

// TestResponses checks the statuses and media types of every operation: the error statuses of
// the overview everywhere, JSON answers with one media type each, and the PDF alone binary.
func TestResponses(t *testing.T) {
	_, ops := load(t)
	for id, o := range ops {
		for _, status := range errorStatuses {
			r := o.op.Responses.Status(status)
			if r == nil {
				t.Errorf("%s does not declare %d", id, status)
				continue
			}
			if s := jsonSchema(r.Value); s == nil || s.Ref != "#/components/schemas/ErrorResponseBody" {
				t.Errorf("%s %d: the body is not an ErrorResponseBody", id, status)
			}
		}
		success := 0
		for code, r := range o.op.Responses.Map() {
			if len(r.Value.Content) > 1 {
				t.Errorf("%s %s: %d media types, want one", id, code, len(r.Value.Content))
			}
			for mt := range r.Value.Content {
				if mt == pdfMediaType && id == "downloadStatementPDF" && code == "200" {
					continue
				}
				if mt != "application/json" && !(mt == vcMediaType && strings.HasPrefix(code, "2")) {
					t.Errorf("%s %s: media type %s", id, code, mt)
				}
			}
			if strings.HasPrefix(code, "2") {
				success++
			}
		}
		if success == 0 {
			t.Errorf("%s declares no success status", id)
		}
		if rb := o.op.RequestBody; rb != nil {
			if len(rb.Value.Content) != 1 || rb.Value.Content.Get("application/json") == nil {
				t.Errorf("%s: the request body is not application/json alone", id)
			}
		}
	}
	pdf := ops["downloadStatementPDF"].op.Responses.Status(200).Value.Content.Get(pdfMediaType)
	if pdf == nil || !pdf.Schema.Value.Type.Is("string") || pdf.Schema.Value.Format != "binary" {
		t.Error("downloadStatementPDF does not answer a binary PDF")
	}
}

// jsonSchema returns the JSON schema of a response, or nil.
func jsonSchema(r *openapi3.Response) *openapi3.SchemaRef {
	for _, media := range []string{"application/json", vcMediaType} {
		if mt := r.Content.Get(media); mt != nil {
			return mt.Schema
		}
	}
	return nil
}

// jsonMediaType returns the JSON media type of the answer of o with status, application/json
// when it declares none.
func jsonMediaType(o operation, status int) string {
	if r := o.op.Responses.Status(status); r != nil && r.Value.Content.Get(vcMediaType) != nil {
		return vcMediaType
	}
	return "application/json"
}

// TestListsBoundTheirArrays checks that every array at the top of an answer declares maxItems,
// and that a list's bound is the largest page its records_per_page accepts.
func TestListsBoundTheirArrays(t *testing.T) {
	_, ops := load(t)
	for id, o := range ops {
		pageMax := 0
		for _, p := range o.op.Parameters {
			switch p.Ref {
			case "#/components/parameters/RecordsPerPageParam":
				pageMax = 100
			case "#/components/parameters/RecordsPerPageMax1000Param":
				pageMax = 1000
			}
		}
		lists := 0
		for code, r := range o.op.Responses.Map() {
			s := jsonSchema(r.Value)
			if s == nil || !strings.HasPrefix(code, "2") {
				continue
			}
			for name, p := range objectProperties(s.Value) {
				if !p.Value.Type.Is("array") {
					continue
				}
				lists++
				if p.Value.MaxItems == nil {
					t.Errorf("%s %s: the array %s has no maxItems", id, code, name)
				} else if pageMax != 0 && int(*p.Value.MaxItems) != pageMax {
					t.Errorf("%s %s: %s has maxItems %d, but a page holds up to %d records", id, code, name, *p.Value.MaxItems, pageMax)
				}
			}
		}
		if pageMax != 0 && lists == 0 {
			t.Errorf("%s takes records_per_page but answers no array", id)
		}
	}
}

// objectProperties returns the properties of an object schema, those of its allOf members
// included.
func objectProperties(s *openapi3.Schema) map[string]*openapi3.SchemaRef {
	props := map[string]*openapi3.SchemaRef{}
	for _, sub := range s.AllOf {
		for k, v := range objectProperties(sub.Value) {
			props[k] = v
		}
	}
	for k, v := range s.Properties {
		props[k] = v
	}
	return props
}

// fixture is one file of api/testdata/v20250224/<operationId>/.
type fixture struct {
	path, operation string
	request         bool // request*.json, else <status>*.json
	status          int
}

func fixtures(t *testing.T) []fixture {
	t.Helper()
	dirs, err := os.ReadDir(fixturesDir)
	if err != nil {
		t.Fatal(err)
	}
	var files []fixture
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(fixturesDir, d.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			f := fixture{path: filepath.Join(fixturesDir, d.Name(), e.Name()), operation: d.Name()}
			if filepath.Ext(e.Name()) == ".pdf" {
				continue // checked by TestStatementPDF
			}
			if filepath.Ext(e.Name()) != ".json" {
				t.Errorf("%s: a fixture is a .json file", f.path)
				continue
			}
			kind, _, _ := strings.Cut(e.Name(), ".")
			if kind == "request" {
				f.request = true
			} else if f.status, err = strconv.Atoi(kind); err != nil {
				t.Errorf("%s: the name must start with request or a status", f.path)
				continue
			}
			files = append(files, f)
		}
	}
	return files
}

func requestBodyError(o operation, body []byte) error {
	req, err := http.NewRequest(o.method, "https://int-api.mx.com"+o.path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	input := &openapi3filter.RequestValidationInput{
		Request: req,
		Route:   o.route,
		Options: &openapi3filter.Options{MultiError: true},
	}
	return openapi3filter.ValidateRequestBody(context.Background(), input, o.op.RequestBody.Value)
}

func responseError(o operation, status int, body []byte) error {
	req, err := http.NewRequest(o.method, "https://int-api.mx.com"+o.path, nil)
	if err != nil {
		return err
	}
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: o.route},
		Status:                 status,
		Header:                 http.Header{"Content-Type": {jsonMediaType(o, status)}},
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	return openapi3filter.ValidateResponse(context.Background(), input)
}

// TestFixtures validates every fixture against its operation (status and media type
// included), requires one for every request body and every answer with a body, and a page of
// two or three records in the first fixture of every list.
func TestFixtures(t *testing.T) {
	_, ops := load(t)
	files := fixtures(t)
	requests, answers := map[string]bool{}, map[string]bool{}
	for _, f := range files {
		name := strings.TrimPrefix(f.path, fixturesDir+"/")
		o, ok := ops[f.operation]
		if !ok {
			t.Errorf("%s: no operation %s", name, f.operation)
			continue
		}
		body, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if f.request {
			requests[f.operation] = true
			if o.op.RequestBody == nil {
				t.Errorf("%s: %s takes no request body", name, f.operation)
			} else if err := requestBodyError(o, body); err != nil {
				t.Errorf("%s: the request body does not match the document: %v", name, err)
			}
			continue
		}
		if f.status < 300 {
			answers[f.operation] = true
		}
		if err := responseError(o, f.status, body); err != nil {
			t.Errorf("%s: the response does not match the document: %v", name, err)
		}
		if filepath.Base(f.path) == "200.json" {
			checkPageSize(t, name, o, body)
		}
	}
	for id, o := range ops {
		if o.op.RequestBody != nil && !requests[id] {
			t.Errorf("%s has no request fixture", id)
		}
		hasBody := false
		for code, r := range o.op.Responses.Map() {
			if strings.HasPrefix(code, "2") && jsonSchema(r.Value) != nil {
				hasBody = true
			}
		}
		if hasBody && !answers[id] {
			t.Errorf("%s has no fixture of its answer", id)
		}
	}
}

// checkPageSize requires two or three records on the page of a list's 200.json.
func checkPageSize(t *testing.T, name string, o operation, body []byte) {
	t.Helper()
	isList := slices.ContainsFunc(o.op.Parameters, func(p *openapi3.ParameterRef) bool {
		return p.Value.Name == "records_per_page"
	})
	if !isList {
		return
	}
	var page map[string]json.RawMessage
	if err := json.Unmarshal(body, &page); err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	for key, raw := range page {
		var records []json.RawMessage
		if key == "pagination" || json.Unmarshal(raw, &records) != nil {
			continue
		}
		if len(records) < 2 || len(records) > 3 {
			t.Errorf("%s: %d %s, want a page of 2 or 3", name, len(records), key)
		}
	}
}

// TestFixturesFillEverySchema requires every property of every schema of the document to
// appear in at least one fixture (null is enough where the property is nullable).
func TestFixturesFillEverySchema(t *testing.T) {
	doc, ops := load(t)
	seen := map[string]bool{}
	for _, f := range fixtures(t) {
		o, ok := ops[f.operation]
		if !ok {
			continue
		}
		body, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			t.Errorf("%s: %v", f.path, err)
			continue
		}
		var s *openapi3.SchemaRef
		if f.request {
			if o.op.RequestBody != nil {
				s = o.op.RequestBody.Value.Content.Get("application/json").Schema
			}
		} else if r := o.op.Responses.Status(f.status); r != nil {
			s = jsonSchema(r.Value)
		}
		walk(seen, s, "", v)
	}
	var missing []string
	for name, s := range doc.Components.Schemas {
		for prop := range objectProperties(inline(s.Value)) {
			if !seen[name+"."+prop] {
				missing = append(missing, name+"."+prop)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("no fixture fills %d fields: %s", len(missing), strings.Join(missing, ", "))
	}
}

// inline returns s without the allOf members that are references to other schemas: the
// properties a schema declares itself.
func inline(s *openapi3.Schema) *openapi3.Schema {
	own := &openapi3.Schema{Properties: s.Properties}
	for _, sub := range s.AllOf {
		if sub.Ref == "" {
			own.AllOf = append(own.AllOf, sub)
		}
	}
	return own
}

// walk marks in seen, as "Schema.property", every property of a named schema that the JSON
// value v fills.
func walk(seen map[string]bool, ref *openapi3.SchemaRef, owner string, v any) {
	if ref == nil || ref.Value == nil {
		return
	}
	if name, ok := strings.CutPrefix(ref.Ref, "#/components/schemas/"); ok {
		owner = name
	}
	s := ref.Value
	for _, sub := range s.AllOf {
		walk(seen, sub, owner, v)
	}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if p, ok := s.Properties[k]; ok {
				seen[owner+"."+k] = true
				walk(seen, p, owner, e)
			}
		}
	case []any:
		if s.Items != nil {
			for _, e := range x {
				walk(seen, s.Items, owner, e)
			}
		}
	}
}

// TestFixtureValidationRejects makes sure that the validation of TestFixtures can fail.
func TestFixtureValidationRejects(t *testing.T) {
	_, ops := load(t)
	o := ops["readAccount"]
	body, err := os.ReadFile(filepath.Join(fixturesDir, "readAccount", "200.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := responseError(o, 299, body); err == nil {
		t.Error("an undeclared status validated")
	}
	var v map[string]map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	v["account"]["balance"] = "a lot"
	bad, _ := json.Marshal(v)
	if err := responseError(o, 200, bad); err == nil {
		t.Error("a balance given as text validated")
	}
	if err := requestBodyError(ops["createUser"], []byte(`{"user": {"is_disabled": "no"}}`)); err == nil {
		t.Error("a request body with a wrong type validated")
	}
}

// TestFixtureReadme requires the README of the fixtures to list every fixture file, and only
// those.
func TestFixtureReadme(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(fixturesDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(string(readme), "\n") {
		if file, ok := strings.CutPrefix(line, "| `"); ok {
			if file, _, ok = strings.Cut(file, "`"); ok {
				listed[file] = true
			}
		}
	}
	err = filepath.WalkDir(fixturesDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "README.md" {
			return err
		}
		name := strings.TrimPrefix(path, fixturesDir+"/")
		if !listed[name] {
			t.Errorf("README.md does not list %s", name)
		}
		delete(listed, name)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name := range listed {
		t.Errorf("README.md lists %s, which does not exist", name)
	}
}

// TestStatementPDF checks the PDF fixture, when there is one: a small, complete PDF file.
func TestStatementPDF(t *testing.T) {
	pdf, err := os.ReadFile(filepath.Join(fixturesDir, "downloadStatementPDF", "200.pdf"))
	if os.IsNotExist(err) {
		t.Skip("no PDF fixture")
	}
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.")) || !bytes.HasSuffix(bytes.TrimSpace(pdf), []byte("%%EOF")) {
		t.Error("200.pdf is not a complete PDF file")
	}
	if len(pdf) >= 1024 {
		t.Errorf("200.pdf has %d bytes, want under 1 KiB", len(pdf))
	}
}
