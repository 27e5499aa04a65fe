package v20111101

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
)

const fixturesDir = "../../api/testdata/v20111101"

// vendorJSON is the header of MX's responses.
var vendorJSON = http.Header{"Content-Type": {"application/vnd.mx.api.v1+json"}}

// TestFixturesMatchSpec validates every example of the reference against the spec (status and
// media type included), decodes it into the package's types with unknown fields disallowed,
// encodes it again and compares the result with the original by value.
func TestFixturesMatchSpec(t *testing.T) {
	spectest.CheckFixtures(t, loadSpec(t), fixturesDir, spectest.Types(schemaTypes))
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
	acct := new(struct {
		Account *Account `json:"account"`
	})
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
