package v20111101

import (
	"fmt"

	"github.com/mxsdk/mx-go/mxplatform"
)

// API calls version v20111101 of the MX Platform API. Build one with [New]; it is safe for
// concurrent use and meant to be reused. Each of its methods calls one MX operation and returns
// the resource it answers; every request goes through an [mxplatform.API] ([mxplatform.API.Do]),
// with its credentials, retries and error handling.
type API struct {
	core *mxplatform.API
}

// New returns an [API] configured by the options of package mxplatform: credentials
// ([mxplatform.WithCredentials] or [mxplatform.WithEnvCredentials]) are required; everything
// else has the default documented on its option.
func New(opts ...mxplatform.Option) (*API, error) {
	core, err := mxplatform.New(opts...)
	if err != nil {
		return nil, err
	}
	return &API{core: core}, nil
}

// Of returns an [API] of this version that sends its requests through core, sharing its
// credentials, connections and settings.
func Of(core *mxplatform.API) *API { return &API{core: core} }

// ServerURL returns the base URL requests go to.
func (a *API) ServerURL() string { return a.core.ServerURL() }

// String describes the API without its credentials.
func (a API) String() string { return fmt.Sprintf("v20111101.API{%s}", a.core) }

// GoString is String, so that %#v does not print the credentials either.
func (a API) GoString() string { return a.String() }

// Format prints String for every verb.
func (a API) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(a.String())) }
