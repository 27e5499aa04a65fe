package mxplatform

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
)

const fixturesDir = "../api/testdata/v20111101"

// mediaType is the media type of MX's answers in this version.
const mediaType = "application/vnd.mx.api.v1+json"

// vendorJSON is the header of MX's responses.
var vendorJSON = http.Header{"Content-Type": {"application/vnd.mx.api.v1+json"}}

// fixtureTypes maps each operation to the Go types of its request body and of its responses by
// status: the types a fixture must decode into with no unknown field. The package has no type
// for MX's wrappers ({"account": {...}}, pages): each is built here from the type it wraps.
var fixtureTypes = map[string]struct {
	request  func() any
	response map[int]func() any
}{
	"requestWidgetURL":           {one[WidgetRequest]("widget_url"), ok(one[WidgetURL]("widget_url"))},
	"requestConnectWidgetURL":    {one[ConnectWidgetRequest]("config"), ok(one[ConnectWidgetURL]("user"))},
	"listUserAccounts":           {nil, ok(page[Account]("accounts"))},
	"readAccount":                {nil, ok(one[Account]("account"))},
	"updateAccountByMember":      {one[AccountUpdateRequest]("account"), ok(one[Account]("account"))},
	"listFavoriteInstitutions":   {nil, ok(page[Institution]("institutions"))},
	"listInstitutionCredentials": {nil, ok(page[Credential]("credentials"))},
	"listInstitutions":           {nil, ok(page[Institution]("institutions"))},
	"readInstitution": {nil, map[int]func() any{
		200: one[Institution]("institution"),
		404: one[mxError]("error"),
	}},
	"aggregateMember":           {nil, ok(one[Member]("member"))},
	"checkBalances":             {nil, ok(one[Member]("member"))},
	"createMember":              {withOptions[MemberCreateRequest, MemberCreateOptions]("member"), ok(one[Member]("member"))},
	"requestOAuthWindowURI":     {nil, ok(one[OAuthWindow]("member"))},
	"listMemberChallenges":      {nil, ok(page[Challenge]("challenges"))},
	"listMemberCredentials":     {nil, ok(page[Credential]("credentials"))},
	"listMembers":               {nil, ok(page[Member]("members"))},
	"readMember":                {nil, ok(one[Member]("member"))},
	"readMemberStatus":          {nil, ok(one[MemberStatus]("member"))},
	"resumeAggregation":         {one[MemberResumeRequest]("member"), ok(one[Member]("member"))},
	"updateMember":              {one[MemberUpdateRequest]("member"), ok(one[Member]("member"))},
	"listTransactionsByAccount": {nil, ok(page[Transaction]("transactions"))},
	"listTransactionsByMember":  {nil, ok(page[Transaction]("transactions"))},
	"listTransactions":          {nil, ok(page[Transaction]("transactions"))},
	"readTransaction":           {nil, ok(func() any { return new(transactionRead) })},
	"updateTransaction":         {one[TransactionUpdateRequest]("transaction"), ok(one[Transaction]("transaction"))},
	"createUser":                {one[UserCreateRequest]("user"), ok(one[User]("user"))},
}

// mxError is the detail of MX's error JSON, {"error": {"message": ...}}.
type mxError struct {
	Message string `json:"message"`
}

// transactionRead is readTransaction's answer in either of its shapes.
type transactionRead struct {
	Transaction  *Transaction  `json:"transaction,omitempty"`
	Transactions []Transaction `json:"transactions,omitempty"`
	Pagination   *Pagination   `json:"pagination,omitempty"`
}

// one returns a constructor of {"key": T}.
func one[T any](key string) func() any {
	typ := reflect.StructOf([]reflect.StructField{{Name: "V", Type: reflect.TypeFor[*T](), Tag: reflect.StructTag(`json:"` + key + `"`)}})
	return func() any { return reflect.New(typ).Interface() }
}

// page returns a constructor of a page, {"key": [T...], "pagination": {...}}.
func page[T any](key string) func() any {
	typ := reflect.StructOf([]reflect.StructField{
		{Name: "Items", Type: reflect.TypeFor[[]T](), Tag: reflect.StructTag(`json:"` + key + `"`)},
		{Name: "Pagination", Type: reflect.TypeFor[*Pagination](), Tag: `json:"pagination"`},
	})
	return func() any { return reflect.New(typ).Interface() }
}

// withOptions returns a constructor of {"key": T, and O's members beside it}.
func withOptions[T, O any](key string) func() any {
	typ := reflect.StructOf([]reflect.StructField{
		{Name: "V", Type: reflect.TypeFor[*T](), Tag: reflect.StructTag(`json:"` + key + `"`)},
		{Name: reflect.TypeFor[O]().Name(), Type: reflect.TypeFor[*O](), Anonymous: true},
	})
	return func() any { return reflect.New(typ).Interface() }
}

func ok(f func() any) map[int]func() any { return map[int]func() any{200: f} }

// fixtureFile is one file of api/testdata/v20111101/<operationId>/.
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
				if err := spectest.RequestBodyError(o, "application/json", body); err != nil {
					t.Fatalf("request body does not match the spec: %v", err)
				}
				if types.request == nil {
					t.Fatalf("%s takes no request body", f.operation)
				}
				target = types.request()
			} else {
				if err := spectest.ResponseError(o, f.status, vendorJSON, body); err != nil {
					t.Fatalf("response does not match the spec: %v", err)
				}
				newType := types.response[f.status]
				if newType == nil {
					t.Fatalf("no Go type for %s %d", f.operation, f.status)
				}
				target = newType()
			}
			spectest.StrictRoundTrip(t, body, target)
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
	if err := spectest.ResponseError(ops["readAccount"], 299, vendorJSON, body); err == nil {
		t.Error("an undocumented status validated")
	}
	bad := bytes.Replace(body, []byte(`"balance": 1000.0`), []byte(`"balance": "a lot"`), 1)
	if err := spectest.ResponseError(ops["readAccount"], 200, vendorJSON, bad); err == nil {
		t.Error("a string balance validated")
	}
	acct := one[Account]("account")()
	dec := json.NewDecoder(bytes.NewReader(bytes.Replace(body, []byte(`"apr"`), []byte(`"not_a_field"`), 1)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(acct); err == nil {
		t.Error("an unknown field decoded strictly")
	}
}

func TestPaginationFixture(t *testing.T) {
	body, err := os.ReadFile(filepath.Join(fixturesDir, "pagination.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := spectest.SchemaError(loadSpec(t), "Pagination", body); err != nil {
		t.Fatal(err)
	}
	spectest.StrictRoundTrip(t, body, new(Pagination))
}

// jsonDiff compares two JSON documents by value; see spectest.JSONDiff.
func jsonDiff(a, b []byte) string { return spectest.JSONDiff(a, b) }
