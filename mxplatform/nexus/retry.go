package nexus

import (
	"net/http"

	"github.com/mxsdk/mx-go/mxplatform"
)

// opKey keys the operationId of a call in its request's context.
type opKey struct{}

// OperationID returns the Nexus operationId ("blockAccount" or "mergeAccounts") of a request
// sent by an [API], or "" for other requests. Custom retry policies can use it.
func OperationID(req *http.Request) string {
	op, _ := req.Context().Value(opKey{}).(string)
	return op
}

// DefaultCheckRetry is the retry decision of an [API]: [mxplatform.DefaultCheckRetry] (network
// errors, 429, 502, 503 and 504 of requests safe to repeat), except for mergeAccounts after a
// network error, a 502 or a 504. A merge is a PUT, but not one that can be repeated: once the
// accounts are merged, one of them no longer exists and a second merge fails. After those
// answers MX may have merged, so the error is returned for the caller to check; 429 and 503 say
// that MX did not take the request, and are retried.
func DefaultCheckRetry(req *http.Request, resp *http.Response, err error) (bool, string) {
	if OperationID(req) == opMerge {
		if err != nil {
			return false, "a merge may have reached MX"
		}
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
			return false, "a merge may have reached MX"
		}
	}
	return mxplatform.DefaultCheckRetry(req, resp, err)
}
