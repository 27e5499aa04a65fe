package mxplatform

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
)

const (
	specFile    = "../api/platform-v20250224.yaml"
	fixturesDir = "../api/testdata/v20250224"
	// mediaType is the media type of MX's answers in this version.
	mediaType = "application/json"
)

// loadSpec loads api/platform-v20250224.yaml, the source the generated code comes from.
func loadSpec(t testing.TB) *openapi3.T { return spectest.Load(t, specFile) }

// specOperations returns the operations of the spec by operationId.
func specOperations(t testing.TB) map[string]spectest.Operation {
	return spectest.Operations(loadSpec(t))
}

// TestFixturesMatchSpec validates every fixture against the spec (status and media type
// included), decodes it into the package's types with unknown fields disallowed, encodes it
// again and compares the result with the original by value.
func TestFixturesMatchSpec(t *testing.T) {
	spectest.CheckFixtures(t, loadSpec(t), fixturesDir, spectest.Types(schemaTypes))
}

// jsonDiff compares two JSON documents by value; see spectest.JSONDiff.
func jsonDiff(a, b []byte) string { return spectest.JSONDiff(a, b) }
