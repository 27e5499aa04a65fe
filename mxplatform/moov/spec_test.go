package moov

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
)

const (
	specFile    = "../../api/moov.yaml"
	fixturesDir = "../../api/testdata/moov"
)

// documentedStatuses are the statuses the reference lists for disconnectAccount.
var documentedStatuses = []int{204, 400, 401, 403, 404, 409, 429, 500, 504}

func TestSpecDescribesTheDocumentedOperation(t *testing.T) {
	doc := spectest.Load(t, specFile)
	ops := spectest.Operations(doc)
	if len(ops) != 1 {
		t.Fatalf("operations %v, want only disconnectAccount", ops)
	}
	o := spectest.Find(t, doc, "disconnectAccount")
	if o.Method != http.MethodDelete || o.Path != "/accounts/{accountID}" {
		t.Errorf("disconnectAccount is %s %s", o.Method, o.Path)
	}
	if s := doc.Components.SecuritySchemes["bearerAuth"]; s == nil || s.Value.Type != "http" || s.Value.Scheme != "bearer" {
		t.Error("bearerAuth is not HTTP bearer")
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != DefaultServerURL {
		t.Errorf("servers %v, want %s", doc.Servers, DefaultServerURL)
	}
	version := o.Op.Parameters.GetByInAndName("header", "X-Moov-Version")
	if version == nil || version.Schema.Value.Default != DefaultVersion {
		t.Errorf("X-Moov-Version must default to %s", DefaultVersion)
	}
	var declared []int
	for status, ref := range o.Op.Responses.Map() {
		n, _ := strconv.Atoi(status)
		declared = append(declared, n)
		h := ref.Value.Headers["x-request-id"]
		if h == nil || !h.Value.Required {
			t.Errorf("%s: x-request-id is not a required header", status)
		}
		if n == 204 && ref.Value.Content != nil {
			t.Error("204 has content")
		}
		if n >= 400 && ref.Value.Content.Get("application/json") == nil {
			t.Errorf("%s: no application/json error body", status)
		}
	}
	slices.Sort(declared)
	if !slices.Equal(declared, documentedStatuses) {
		t.Errorf("statuses %v, want %v", declared, documentedStatuses)
	}
}

// TestFixturesMatchSpec validates every error body the reference shows against the spec, with
// its status and headers, and decodes it strictly into GenericError.
func TestFixturesMatchSpec(t *testing.T) {
	doc := spectest.Load(t, specFile)
	o := spectest.Find(t, doc, "disconnectAccount")
	files, err := filepath.Glob(filepath.Join(fixturesDir, "disconnectAccount", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 {
		t.Fatalf("%d fixtures, want the 400 and 409 bodies", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			status, err := strconv.Atoi(strings.TrimSuffix(filepath.Base(f), ".json"))
			if err != nil {
				t.Fatal(err)
			}
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			header := http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"req-1"}}
			if err := spectest.ResponseError(o, status, header, body); err != nil {
				t.Fatalf("does not match the spec: %v", err)
			}
			spectest.StrictRoundTrip(t, body, new(GenericError))
		})
	}
}

// TestFixtureValidationRejects makes sure the validation above can fail.
func TestFixtureValidationRejects(t *testing.T) {
	o := spectest.Find(t, spectest.Load(t, specFile), "disconnectAccount")
	body, err := os.ReadFile(filepath.Join(fixturesDir, "disconnectAccount", "400.json"))
	if err != nil {
		t.Fatal(err)
	}
	ok := http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"req-1"}}
	for name, tc := range map[string]struct {
		status int
		header http.Header
		body   []byte
	}{
		"undocumented status": {418, ok, body},
		"no request id":       {400, http.Header{"Content-Type": {"application/json"}}, body},
		"error not a string":  {400, ok, []byte(`{"error": 1}`)},
		"no error member":     {409, ok, []byte(`{"message": "x"}`)},
	} {
		if err := spectest.ResponseError(o, tc.status, tc.header, tc.body); err == nil {
			t.Errorf("%s: validated", name)
		}
	}
}

// validateRequest checks a request the client sent against the spec, bearer authentication
// included.
func validateRequest(t *testing.T, r *http.Request) {
	t.Helper()
	bearer := func(_ context.Context, in *openapi3filter.AuthenticationInput) error {
		if in.SecuritySchemeName != "bearerAuth" || !strings.HasPrefix(in.RequestValidationInput.Request.Header.Get("Authorization"), "Bearer ") {
			return errors.New("no bearer token")
		}
		return nil
	}
	if err := spectest.RequestError(spectest.Load(t, specFile), r, nil, bearer); err != nil {
		t.Errorf("request does not match the spec: %v", err)
	}
}

func spectestOperation(t *testing.T) spectest.Operation {
	return spectest.Find(t, spectest.Load(t, specFile), "disconnectAccount")
}

// validateResponse checks a response a test server sends against the spec.
func validateResponse(o spectest.Operation, status int, requestID string, body []byte) error {
	return spectest.ResponseError(o, status, http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {requestID}}, body)
}
