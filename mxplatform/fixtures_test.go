package mxplatform

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
)

const fixturesDir = "../api/testdata/platform"

// vendorJSON is the header of MX's responses.
var vendorJSON = http.Header{"Content-Type": {"application/vnd.mx.api.v1+json"}}

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
	if err := spectest.SchemaError(loadSpec(t), "Pagination", body); err != nil {
		t.Fatal(err)
	}
	spectest.StrictRoundTrip(t, body, new(Pagination))
}

// jsonDiff compares two JSON documents by value; see spectest.JSONDiff.
func jsonDiff(a, b []byte) string { return spectest.JSONDiff(a, b) }
