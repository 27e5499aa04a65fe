package nexus

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
)

const (
	specFile    = "../../api/nexus.yaml"
	fixturesDir = "../../api/testdata/nexus"
)

func TestSpecDescribesTheDocumentedOperations(t *testing.T) {
	doc := spectest.Load(t, specFile)
	ops := spectest.Operations(doc)
	want := map[string][2]string{
		opBlockAccount:  {http.MethodPut, "/accounts/{account_guid}/block"},
		opMergeAccounts: {http.MethodPut, "/accounts/merge"},
	}
	if len(ops) != len(want) {
		t.Errorf("%d operations, want %d", len(ops), len(want))
	}
	for id, mp := range want {
		o, ok := ops[id]
		if !ok || o.Method != mp[0] || o.Path != mp[1] {
			t.Errorf("%s: %s %s, want %s %s", id, o.Method, o.Path, mp[0], mp[1])
		}
	}
	if !strings.Contains(doc.Info.Description, "PUT /accounts/{account_guid}/block") {
		t.Error("the spec's description does not say which block path it chose")
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != DefaultServerURL {
		t.Errorf("servers %v, want %s", doc.Servers, DefaultServerURL)
	}
	s := doc.Components.SecuritySchemes["sessionToken"]
	if s == nil || s.Value.Type != "apiKey" || s.Value.In != "header" || s.Value.Name != "MD-SESSION-TOKEN" {
		t.Error("sessionToken is not the MD-SESSION-TOKEN header")
	}
	block := ops[opBlockAccount].Op
	if p := block.Parameters.GetByInAndName("query", "skip_webhook"); p == nil || !p.Schema.Value.Type.Is("boolean") {
		t.Error("block lacks the boolean skip_webhook parameter")
	}
	if p := block.Parameters.GetByInAndName("header", "MX-Skip-Webhook"); p == nil {
		t.Error("block lacks the MX-Skip-Webhook header")
	}
	if r := block.Responses.Status(400); r == nil || !strings.Contains(*r.Value.Description, manualAccountMessage) {
		t.Error("block's 400 does not name the manual account error")
	}
	for id, o := range ops {
		if r := o.Op.Responses.Status(401); r == nil || !strings.Contains(*r.Value.Description, "4011") {
			t.Errorf("%s: the 401 does not name error code 4011", id)
		}
		for status, ref := range o.Op.Responses.Map() {
			for mt := range ref.Value.Content {
				if mt != mediaType {
					t.Errorf("%s %s: media type %s, want %s", id, status, mt, mediaType)
				}
			}
		}
	}
	accounts := ops[opMergeAccounts].Op.RequestBody.Value.Content.Get(mediaType).Schema.Value.Properties["accounts"].Value
	if accounts.MinItems != 2 || accounts.MaxItems == nil || *accounts.MaxItems != 2 {
		t.Error("merge's accounts must hold exactly two items")
	}
}

// TestSpecAccountHasEveryFieldOfTheExample checks that the Account schema has exactly the 148
// fields of the merge example, and that every *_set_by code has its *_set_by_name.
func TestSpecAccountHasEveryFieldOfTheExample(t *testing.T) {
	props := spectest.Load(t, specFile).Components.Schemas["Account"].Value.Properties
	body, err := os.ReadFile(filepath.Join(fixturesDir, "mergeAccounts", "200.json"))
	if err != nil {
		t.Fatal(err)
	}
	var example struct {
		Account map[string]any `json:"account"`
	}
	if err := jsonUnmarshal(body, &example); err != nil {
		t.Fatal(err)
	}
	if len(example.Account) != 148 || len(props) != 148 {
		t.Errorf("the example has %d fields and the schema %d, want 148", len(example.Account), len(props))
	}
	for k := range example.Account {
		if props[k] == nil {
			t.Errorf("the schema lacks %s", k)
		}
	}
	setBy := 0
	for k, p := range props {
		if base, ok := strings.CutSuffix(k, "_set_by"); ok {
			setBy++
			if props[k+"_name"] == nil {
				t.Errorf("%s has no %s_name", k, k)
			}
			if p.Ref != "#/components/schemas/SetByCode" {
				t.Errorf("%s is not a SetByCode", k)
			}
			if props[base] == nil {
				t.Errorf("%s sets no field", k)
			}
		}
		if strings.HasSuffix(k, "_set_by_name") && props[strings.TrimSuffix(k, "_name")] == nil {
			t.Errorf("%s has no code", k)
		}
	}
	exampleSetBy := 0
	for k := range example.Account {
		if strings.HasSuffix(k, "_set_by") {
			exampleSetBy++
		}
	}
	if setBy != exampleSetBy || setBy == 0 {
		t.Errorf("%d *_set_by fields in the schema, %d in the example", setBy, exampleSetBy)
	}
}

// TestFixturesMatchSpec validates the merge request and response of the reference against the
// spec and decodes them strictly.
func TestFixturesMatchSpec(t *testing.T) {
	doc := spectest.Load(t, specFile)
	o := spectest.Find(t, doc, opMergeAccounts)
	req, err := os.ReadFile(filepath.Join(fixturesDir, "mergeAccounts", "request.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := spectest.RequestBodyError(o, mediaType, req); err != nil {
		t.Errorf("request.json: %v", err)
	}
	var body mergeRequest
	spectest.StrictRoundTrip(t, req, &body)
	if len(body.Accounts) != 2 || checkMerge(body.Accounts) != nil {
		t.Errorf("the reference's merge request %v breaks the merge rule", body.Accounts)
	}

	resp, err := os.ReadFile(filepath.Join(fixturesDir, "mergeAccounts", "200.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := spectest.ResponseError(o, 200, http.Header{"Content-Type": {mediaType}}, resp); err != nil {
		t.Errorf("200.json: %v", err)
	}
	var out accountAnswer
	spectest.StrictRoundTrip(t, resp, &out)
	a := out.Account
	if a.GUID != "ACT-8e6f92c8-1491-42ce-8bf6-c309e9531530" || !a.Balance.Value().Equal(mxplatform.MustDecimal("500000")) ||
		a.BalanceSetBy != mxplatform.OptionalOf(mxplatform.SetByFeed) || a.BalanceSetByName != "FEED" ||
		a.IsClosedSetBy != mxplatform.OptionalOf(mxplatform.SetBySystem) || a.IsClosedSetByName != "SYSTEM" ||
		a.AccountTypeName != mxplatform.AccountTypeChecking || a.AccountType != mxplatform.OptionalOf(1) ||
		a.MemberGUID != "MBR-84ca0882-ad6c-4f10-817f-c8c0de7424fa" || a.Apr.IsSet() || a.Revision != mxplatform.OptionalOf(648) {
		t.Errorf("decoded account %+v", a)
	}
}

// TestFixtureValidationRejects makes sure the validation above can fail, and that the spec
// itself holds merge's rule of two accounts.
func TestFixtureValidationRejects(t *testing.T) {
	o := spectest.Find(t, spectest.Load(t, specFile), opMergeAccounts)
	for name, body := range map[string]string{
		"one account":    `{"accounts": ["ACT-1"]}`,
		"three accounts": `{"accounts": ["ACT-1", "ACT-2", "ACT-3"]}`,
		"no accounts":    `{}`,
		"an empty GUID":  `{"accounts": ["ACT-1", ""]}`,
		"unknown member": `{"accounts": ["ACT-1", "ACT-2"], "force": true}`,
	} {
		if err := spectest.RequestBodyError(o, mediaType, []byte(body)); err == nil {
			t.Errorf("%s: validated", name)
		}
	}
	resp, err := os.ReadFile(filepath.Join(fixturesDir, "mergeAccounts", "200.json"))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(resp), `"balance": 500000`, `"balance": "a lot"`, 1)
	if bad == string(resp) {
		t.Fatal("the replacement did not apply")
	}
	if err := spectest.ResponseError(o, 200, http.Header{"Content-Type": {mediaType}}, []byte(bad)); err == nil {
		t.Error("a string balance validated")
	}
	if err := spectest.ResponseError(o, 200, http.Header{"Content-Type": {mediaType}}, []byte(`{}`)); err == nil {
		t.Error("a response without account validated")
	}
}

// validateRequest checks a request the client sent against the spec, the session token
// included.
func validateRequest(t *testing.T, r *http.Request, body []byte) {
	t.Helper()
	session := func(_ context.Context, in *openapi3filter.AuthenticationInput) error {
		if in.SecuritySchemeName != "sessionToken" || in.RequestValidationInput.Request.Header.Get("MD-SESSION-TOKEN") == "" {
			return errors.New("no session token")
		}
		return nil
	}
	if err := spectest.RequestError(spectest.Load(t, specFile), r, body, session); err != nil {
		t.Errorf("request does not match the spec: %v", err)
	}
}

// blockPath returns the path of blockAccount for guid, from the spec.
func blockPath(t *testing.T, guid string) string {
	t.Helper()
	o := spectest.Find(t, spectest.Load(t, specFile), opBlockAccount)
	return strings.Replace(o.Path, "{account_guid}", guid, 1)
}
