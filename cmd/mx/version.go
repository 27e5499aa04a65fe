package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/v20111101"
	"github.com/spf13/cobra"
)

// apiVersion is a version of the MX Platform API the CLI speaks, as MX names it.
type apiVersion string

// The versions: MX's current one, the default, and the older one, reached with --api-version
// or MX_API_VERSION.
const (
	apiV20250224 apiVersion = mxplatform.APIVersion
	apiV20111101 apiVersion = "v20111101"
)

// apiVersions are the versions the CLI speaks, the default first.
var apiVersions = []apiVersion{apiV20250224, apiV20111101}

// Annotations of the generated operation commands, which the root command reads.
const (
	annotationOperation = "mx-operation" // MX's operation ID
	annotationVersions  = "mx-versions"  // the API versions that have the operation
	annotationElsewhere = "mx-elsewhere" // what to use under a version without it
	// annotationPath marks a flag whose value is a path parameter: "segment" (text, one
	// segment of the URL) or "number".
	annotationPath = "mx-path"
)

// resolveVersion picks the API version: the flag, else MX_API_VERSION, else the default. A
// value the CLI does not speak is a usage error.
func resolveVersion(flag string, getenv func(string) string) (apiVersion, error) {
	name, from := flag, "--api-version"
	if name == "" {
		name, from = getenv("MX_API_VERSION"), "MX_API_VERSION"
	}
	if name == "" {
		return apiVersions[0], nil
	}
	if v := apiVersion(name); slices.Contains(apiVersions, v) {
		return v, nil
	}
	return "", usageError{fmt.Errorf("%s: unknown API version %q (want %s)", from, name, joinVersions(apiVersions))}
}

// serves reports whether cmd runs in version v: every command but the operation commands of
// other versions.
func serves(cmd *cobra.Command, v apiVersion) bool {
	list, ok := cmd.Annotations[annotationVersions]
	return !ok || slices.Contains(strings.Split(list, ", "), string(v))
}

// unservedError is the usage error of an operation command run in a version that lacks the
// operation: it names the versions that have it, and what to use instead when there is
// something.
func unservedError(cmd *cobra.Command, v apiVersion) error {
	msg := fmt.Sprintf("%s: API version %s has no operation %s; it is in %s (--api-version)", cmd.CommandPath(), v, cmd.Annotations[annotationOperation], cmd.Annotations[annotationVersions])
	if e := cmd.Annotations[annotationElsewhere]; e != "" {
		msg += "; " + e
	}
	return usageError{fmt.Errorf("%s", msg)}
}

// clientV20111101 returns the API of version v20111101, on the client that client() builds.
func (a *app) clientV20111101() (*v20111101.API, error) {
	core, err := a.client()
	if err != nil {
		return nil, err
	}
	return v20111101.Of(core), nil
}
