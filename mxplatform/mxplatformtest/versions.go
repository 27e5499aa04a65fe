package mxplatformtest

import (
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"

	spec11 "github.com/mxsdk/mx-go/mxplatform/internal/spec/v20111101"
	spec25 "github.com/mxsdk/mx-go/mxplatform/internal/spec/v20250224"
	server11 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20111101"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// The fake serves two versions of the MX Platform API over one state. A request names its
// version in the Accept-Version header, as MX requires of every call since 2026-08-12:
//
//   - v20250224, MX's current version: paths take identifiers, answers are
//     application/json (the statement PDF application/vnd.mx.api.v1+pdf). Its Accept header
//     may be left out, or name application/json (the PDF's type for the PDF), application/*
//     or */*: what MX documents and what HTTP clients send by default. A request that accepts
//     only other types, the v1 vendor type among them, answers 406.
//   - v20111101, the version of MX's v1 reference: its requests must also accept the vendor
//     media type application/vnd.mx.api.v1+json, as that version always required, else 406.
//
// A request without Accept-Version is malformed, and answers 400 Bad Request saying that the
// header is required and which versions the fake serves; one that names another version (or
// two different ones) is well formed but names a version the fake cannot serve, and answers
// 406 Not Acceptable, MX's status for a version it does not serve.

// The versions and media types the fake serves.
const (
	versionCurrent  = "v20250224"
	versionV1       = "v20111101"
	mediaTypeJSON   = "application/json"
	mediaTypeV1JSON = "application/vnd.mx.api.v1+json"
)

// apiVersion is a version of the API as the fake serves it.
type apiVersion struct {
	name   string
	router *router
	mux    *opMux // the generated strict server's handlers, over the fake
	// vendorAccept requires the Accept header to name mediaTypeV1JSON (v20111101); otherwise
	// Accept must admit the operation's answer type, or be absent.
	vendorAccept bool
}

// loadRouters loads the embedded specs and builds their routers once for all fakes: routers
// are only read afterwards, and loading a spec takes tens of milliseconds.
var loadRouters = sync.OnceValues(func() (map[string]*router, error) {
	out := map[string]*router{}
	for name, load := range map[string]func() (*router, error){
		versionCurrent: func() (*router, error) {
			doc, err := spec25.GetSpec()
			if err != nil {
				return nil, err
			}
			return newRouter(doc)
		},
		versionV1: func() (*router, error) {
			doc, err := spec11.GetSpec()
			if err != nil {
				return nil, err
			}
			return newRouter(doc)
		},
	} {
		rt, err := load()
		if err != nil {
			return nil, fmt.Errorf("mxplatformtest: loading the embedded spec of %s: %w", name, err)
		}
		out[name] = rt
	}
	return out, nil
})

// newVersions builds the versions the fake serves, each with the generated strict server of
// its spec over f.
func newVersions(f *Fake) ([]*apiVersion, error) {
	routers, err := loadRouters()
	if err != nil {
		return nil, err
	}
	cur := &apiVersion{name: versionCurrent, router: routers[versionCurrent], mux: &opMux{}}
	strict25 := server25.NewStrictHandlerWithOptions(v20250224Handlers{f}, nil, server25.StrictHTTPServerOptions{
		RequestErrorHandlerFunc:  writeBadRequest,
		ResponseErrorHandlerFunc: writeHandlerError,
	})
	server25.HandlerWithOptions(strict25, server25.StdHTTPServerOptions{BaseRouter: cur.mux, ErrorHandlerFunc: writeBadRequest})

	old := &apiVersion{name: versionV1, router: routers[versionV1], mux: &opMux{}, vendorAccept: true}
	strict11 := server11.NewStrictHandlerWithOptions(v20111101Handlers{f}, nil, server11.StrictHTTPServerOptions{
		RequestErrorHandlerFunc:  writeBadRequest,
		ResponseErrorHandlerFunc: writeHandlerError,
	})
	server11.HandlerWithOptions(strict11, server11.StdHTTPServerOptions{BaseRouter: old.mux, ErrorHandlerFunc: writeBadRequest})
	return []*apiVersion{cur, old}, nil
}

// servedVersions names the versions served, for messages.
const servedVersions = versionCurrent + " (current) and " + versionV1

// version reads the Accept-Version header: the version it names (nil for none the fake
// serves), and whether the request has the header at all. Names and values are matched as MX
// writes them; spaces around a value are ignored, and the same version named twice is that
// version.
func (f *Fake) version(r *http.Request) (v *apiVersion, present bool) {
	values := r.Header.Values("Accept-Version")
	if len(values) == 0 {
		return nil, false
	}
	name := strings.TrimSpace(values[0])
	for _, x := range values[1:] {
		if strings.TrimSpace(x) != name {
			return nil, true
		}
	}
	for _, v := range f.versions {
		if v.name == name {
			return v, true
		}
	}
	return nil, true
}

// routeFor matches the request against the version's spec; without a version served, against
// the current version's, then v20111101's, so that requests refused for their version are
// still counted by operation.
func (f *Fake) routeFor(r *http.Request, v *apiVersion) (*route, map[string]string, []string) {
	if v != nil {
		return v.router.match(r)
	}
	rt, params, allowed := f.versions[0].router.match(r)
	if rt == nil {
		if old, p, _ := f.versions[1].router.match(r); old != nil {
			return old, p, nil
		}
	}
	return rt, params, allowed
}

// knows reports whether id is an operation of a version served ("" stands for all).
func (f *Fake) knows(id string) bool {
	for _, v := range f.versions {
		if v.router.knows(id) {
			return true
		}
	}
	return false
}

// acceptable checks the Accept header of a request of the version, for an operation that
// answers answerType (JSON for an unknown path). It returns the message of the 406 to answer,
// or "".
func (v *apiVersion) acceptable(r *http.Request, answerType string) string {
	if v.vendorAccept {
		if accepts(r, mediaTypeV1JSON, false) {
			return ""
		}
		return "The Accept header must name a valid API version: application/vnd.mx.api.v1+json (with Accept-Version: " + versionV1 + ")."
	}
	if len(r.Header.Values("Accept")) == 0 || accepts(r, answerType, true) {
		return ""
	}
	return fmt.Sprintf("The Accept header must accept %s, the media type of this answer in %s (application/vnd.mx.api.v1+json selects %s).", answerType, versionCurrent, versionV1)
}

// accepts reports whether the Accept header names the media type (parameters allowed, a
// quality of 0 refusing it), or, with wildcards, a range that covers it (application/*, */*).
func accepts(r *http.Request, mediaType string, wildcards bool) bool {
	major := mediaType[:strings.Index(mediaType, "/")]
	for _, h := range r.Header.Values("Accept") {
		for _, part := range strings.Split(h, ",") {
			mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil {
				continue
			}
			if q, ok := params["q"]; ok {
				if v, err := strconv.ParseFloat(q, 64); err != nil || v <= 0 {
					continue
				}
			}
			if strings.EqualFold(mt, mediaType) || wildcards && (mt == "*/*" || strings.EqualFold(mt, major+"/*")) {
				return true
			}
		}
	}
	return false
}

// errorMediaType is the media type of the errors answered to a request: v20111101's vendor
// type for requests of that version, JSON for any other (the current version's, and MX's
// answer to a request without a version or with one it does not serve).
func errorMediaType(r *http.Request) string {
	if r == nil {
		return mediaTypeJSON
	}
	values := r.Header.Values("Accept-Version")
	for _, v := range values {
		if strings.TrimSpace(v) != versionV1 {
			return mediaTypeJSON
		}
	}
	if len(values) == 0 {
		return mediaTypeJSON
	}
	return mediaTypeV1JSON
}
