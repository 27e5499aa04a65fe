package processor

import (
	"fmt"

	"github.com/mxsdk/mx-go/mxplatform"
)

// API calls the processor operations of the MX Platform API with a processor token. Build one
// with [New]; it is safe for concurrent use and meant to be reused.
type API struct {
	core *mxplatform.API
}

// New returns an [API] that authenticates with token (see [mxplatform.WithProcessorToken]),
// configured by the other options of package mxplatform (environment, server URL, retries,
// logger...). Client credentials are refused: a processor has a token, not them.
func New(token string, opts ...mxplatform.Option) (*API, error) {
	core, err := mxplatform.New(append([]mxplatform.Option{mxplatform.WithProcessorToken(token)}, opts...)...)
	if err != nil {
		return nil, err
	}
	return &API{core: core}, nil
}

// ServerURL returns the base URL requests go to.
func (a *API) ServerURL() string { return a.core.ServerURL() }

// String describes the API without its token.
func (a API) String() string {
	return fmt.Sprintf("processor.API{server: %s, token: [REDACTED]}", a.core.ServerURL())
}

// GoString is String, so that %#v does not print the token either.
func (a API) GoString() string { return a.String() }

// Format prints String for every verb.
func (a API) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(a.String())) }
