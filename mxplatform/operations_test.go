package mxplatform

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
)

// The GUIDs of the fixtures' examples.
const (
	docUser        UserGUID        = "USR-3f6d2a1c-8b4e-4c1a-9d2f-7e5b6a4c3d21"
	docMember      MemberGUID      = "MBR-5b8e2c4a-1f3d-4e6a-b7c9-0d2e4f6a8b1c"
	docAccount     AccountGUID     = "ACT-4f6b8d0e-2a3c-4e5a-b9f1-7b1d3f5b7c9d"
	docTransaction TransactionGUID = "TRN-41a7c2d9-0b3e-4f58-9a61-2c4e6f8a0b13"
	docInstitution InstitutionCode = "mxbank"
)

func readFixture(t testing.TB, op, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixturesDir, op, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// identifiers are values of the identifier types, for spectest to pass one where an operation
// takes an identifier of several kinds.
var identifiers = []any{UserGUID(""), MemberGUID(""), AccountGUID(""), TransactionGUID(""), InstitutionCode("")}

// testClient is how spectest calls the operations of this package.
func testClient() spectest.Client {
	return spectest.Client{
		New:         func(t *testing.T, url string) any { return newTestAPI(t, url, WithUserAgent("test-suite/1")) },
		User:        "CLIENT-1234",
		Pass:        "API-KEY-4567",
		Version:     APIVersion,
		Identifiers: identifiers,
	}
}

// TestEveryOperation calls every operation of the spec through its method against a server
// that checks the request (method, path and its escaping, credentials, Accept-Version, Accept,
// Content-Type and body) and answers the operation's fixture: the method must return what the
// answer holds. No request of any operation leaves without Accept-Version.
func TestEveryOperation(t *testing.T) {
	spectest.EveryOperation(t, loadSpec(t), fixturesDir, testClient())
}
