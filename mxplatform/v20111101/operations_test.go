package v20111101

import (
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
)

func newTestAPI(t testing.TB, serverURL string) *API {
	t.Helper()
	a, err := New(mxplatform.WithCredentials("CLIENT-1234", "API-KEY-4567"), mxplatform.WithServerURL(serverURL))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestEveryOperation calls every operation of the spec through its method against a server
// that checks the request (method, path and its escaping, credentials, Accept-Version, the
// vendor Accept, Content-Type and body) and answers the operation's fixture: the method must
// return what the answer holds. No request of any operation leaves without Accept-Version:
// v20111101.
func TestEveryOperation(t *testing.T) {
	if got := len(specOperations(t)); got != len(documentedOperations) {
		t.Errorf("%d operations in the spec, want %d", got, len(documentedOperations))
	}
	spectest.EveryOperation(t, loadSpec(t), fixturesDir, spectest.Client{
		New:  func(t *testing.T, url string) any { return newTestAPI(t, url) },
		User: "CLIENT-1234", Pass: "API-KEY-4567",
		Version: APIVersion,
	})
}

// TestJobOperationsAreRepeatedOnlyIfNotApplied checks the spec's choice for every operation
// that starts a job or creates something, and that every other operation may be repeated.
func TestJobOperationsAreRepeatedOnlyIfNotApplied(t *testing.T) {
	jobs := map[string]bool{"createUser": true, "createMember": true, "aggregateMember": true, "checkBalances": true, "resumeAggregation": true, "updateMember": true}
	for id, o := range specOperations(t) {
		v, _ := o.Op.Extensions["x-mx-retry"].(string)
		want := "always"
		if jobs[id] {
			want = "if-not-applied"
		}
		if v != want {
			t.Errorf("%s: x-mx-retry %q, want %q", id, v, want)
		}
	}
}

// TestStatusCodesAgreeWithTheTable: the integer codes of this version's spec are those of the
// connection status table.
func TestStatusCodesAgreeWithTheTable(t *testing.T) {
	for _, c := range []struct {
		code ConnectionStatusCode
		s    ConnectionStatus
	}{
		{ConnectionStatusCodeCreated, mxplatform.ConnectionStatusCreated},
		{ConnectionStatusCodeConnected, mxplatform.ConnectionStatusConnected},
		{ConnectionStatusCodePending, mxplatform.ConnectionStatusPending},
		{ConnectionStatusCodeResumed, mxplatform.ConnectionStatusResumed},
	} {
		if got, _ := c.s.Code(); got != int(c.code) {
			t.Errorf("%s: table code %d, spec code %d", c.s, got, c.code)
		}
	}
}
