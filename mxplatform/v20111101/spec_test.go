package v20111101

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
)

const specFile = "../../api/platform-v20111101.yaml"

// loadSpec loads api/platform-v20111101.yaml, the source the generated code comes from.
func loadSpec(t testing.TB) *openapi3.T { return spectest.Load(t, specFile) }

// specOperations returns the operations of the spec by operationId.
func specOperations(t testing.TB) map[string]spectest.Operation {
	return spectest.Operations(loadSpec(t))
}

// documentedOperations are the 28 operations of the MX Platform API v1 reference, by MX's
// operationIds.
var documentedOperations = []string{
	"requestWidgetURL", "requestConnectWidgetURL", "listUserAccounts", "readAccount",
	"updateAccountByMember", "listFavoriteInstitutions", "listInstitutionCredentials",
	"listInstitutions", "readInstitution", "aggregateMember", "checkBalances", "createMember",
	"deleteMember", "requestOAuthWindowURI", "listMemberChallenges", "listMemberCredentials",
	"listMembers", "readMember", "readMemberStatus", "resumeAggregation", "updateMember",
	"listTransactionsByAccount", "listTransactionsByMember", "listTransactions", "readTransaction",
	"updateTransaction", "createUser", "deleteUser",
}

func TestSpecIsValid(t *testing.T) {
	doc := loadSpec(t)
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("spec does not validate: %v", err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi = %q, want 3.0.3", doc.OpenAPI)
	}
	var servers []string
	for _, s := range doc.Servers {
		servers = append(servers, s.URL)
	}
	if want := []string{"https://int-api.mx.com", "https://api.mx.com"}; !slices.Equal(servers, want) {
		t.Errorf("servers = %v, want %v", servers, want)
	}
	scheme := doc.Components.SecuritySchemes["basicAuth"]
	if scheme == nil || scheme.Value.Type != "http" || scheme.Value.Scheme != "basic" {
		t.Errorf("basicAuth security scheme missing or not HTTP basic")
	}
	if len(doc.Security) != 1 || doc.Security[0]["basicAuth"] == nil {
		t.Errorf("global security must be basicAuth, got %v", doc.Security)
	}
}

func TestSpecHasExactlyTheDocumentedOperations(t *testing.T) {
	ops := specOperations(t)
	var got []string
	for id := range ops {
		got = append(got, id)
	}
	want := slices.Clone(documentedOperations)
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Fatalf("operations = %v\nwant %v", got, want)
	}
}

func TestSpecOperationsAreComplete(t *testing.T) {
	doc := loadSpec(t)
	declared := map[string]bool{}
	for _, tag := range doc.Tags {
		if strings.TrimSpace(tag.Description) == "" {
			t.Errorf("tag %q has no description", tag.Name)
		}
		declared[tag.Name] = true
	}
	for id, o := range specOperations(t) {
		op := o.Op
		if op.Summary == "" || op.Description == "" {
			t.Errorf("%s: summary and description are required", id)
		}
		if len(op.Tags) != 1 || !declared[op.Tags[0]] {
			t.Errorf("%s: tags %v, want one declared tag", id, op.Tags)
		}
		errorStatuses := 0
		for status := range op.Responses.Map() {
			if status[0] == '4' || status[0] == '5' {
				errorStatuses++
			}
		}
		// The general statuses of the overview apply to every operation.
		for _, status := range []string{"400", "401", "403", "404", "405", "406", "409", "422", "429", "500", "502", "503", "504"} {
			if op.Responses.Status(atoi(t, status)) == nil {
				t.Errorf("%s: no %s response", id, status)
			}
		}
		if errorStatuses == 0 {
			t.Errorf("%s: no error response", id)
		}
		if isList(op) {
			for _, name := range []string{"page", "records_per_page"} {
				if op.Parameters.GetByInAndName("query", name) == nil {
					t.Errorf("%s: list without %s", id, name)
				}
			}
		}
	}
}

// TestSpecDocumentedStatuses checks the statuses the reference documents for single operations.
func TestSpecDocumentedStatuses(t *testing.T) {
	ops := specOperations(t)
	want := map[string][]int{
		"aggregateMember":       {200, 202, 409},
		"checkBalances":         {200, 202, 409, 429},
		"listMemberChallenges":  {200, 204},
		"requestOAuthWindowURI": {200, 400},
		"deleteMember":          {204},
		"deleteUser":            {204},
		"createUser":            {200, 409},
		"createMember":          {200, 202, 409},
		"resumeAggregation":     {200, 202},
	}
	for id, statuses := range want {
		for _, s := range statuses {
			if ops[id].Op.Responses.Status(s) == nil {
				t.Errorf("%s: status %d is not declared", id, s)
			}
		}
	}
	for id, o := range ops {
		for status, ref := range o.Op.Responses.Map() {
			if status == "204" {
				if ref.Value.Content != nil {
					t.Errorf("%s: 204 must have no content", id)
				}
				continue
			}
			// Exactly one media type per response: with two, the generated client matches
			// Content-Type exactly and a charset parameter silently yields no body.
			if len(ref.Value.Content) != 1 || ref.Value.Content.Get("application/vnd.mx.api.v1+json") == nil {
				t.Errorf("%s %s: want exactly the vendor media type, got %v", id, status, keys(ref.Value.Content))
			}
		}
		if rb := o.Op.RequestBody; rb != nil {
			if len(rb.Value.Content) != 1 || rb.Value.Content.Get("application/json") == nil || !rb.Value.Required {
				t.Errorf("%s: request body must be required application/json", id)
			}
		}
	}
}

func isList(op *openapi3.Operation) bool {
	ok := op.Responses.Status(200)
	if ok == nil || ok.Value.Content == nil {
		return false
	}
	mt := ok.Value.Content.Get("application/vnd.mx.api.v1+json")
	if mt == nil || mt.Schema == nil {
		return false
	}
	_, paginated := mt.Schema.Value.Properties["pagination"]
	return paginated && slices.Contains(mt.Schema.Value.Required, "pagination")
}

func keys[M ~map[string]V, V any](m M) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func atoi(t testing.TB, s string) int {
	t.Helper()
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}
