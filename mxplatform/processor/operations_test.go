package processor

import (
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
)

const (
	specFile    = "../../api/platform-v20250224.yaml"
	fixturesDir = "../../api/testdata/v20250224"
	token       = "PROCESSOR-TOKEN-5678"
)

// TestEveryOperation calls every processor operation through its method against a server that
// checks the request (the bearer token and no basic credentials, Accept-Version, Accept, the
// path) and answers the operation's fixture.
func TestEveryOperation(t *testing.T) {
	spectest.EveryOperation(t, spectest.Load(t, specFile), fixturesDir, spectest.Client{
		New: func(t *testing.T, url string) any {
			a, err := New(token, mxplatform.WithServerURL(url))
			if err != nil {
				t.Fatal(err)
			}
			return a
		},
		Bearer:  token,
		Version: APIVersion,
	})
}
