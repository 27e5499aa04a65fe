// Package specv25check checks the OpenAPI document of MX Platform API version v20250224
// (api/platform-v20250224.yaml) and its fixtures (api/testdata/v20250224): that the document
// loads and validates, that every operation says when it may be retried, that every list
// answer bounds its array, and that every fixture matches its operation's request body or
// response and, together with the others, fills every field of every schema.
//
// The package holds tests only.
package specv25check
