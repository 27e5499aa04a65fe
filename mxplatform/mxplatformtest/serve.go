package mxplatformtest

import (
	"context"
	"fmt"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// ServeHTTP serves the fake MX Platform API. Each request goes through, in order:
//
//  1. the pages the fake serves outside the API (OAuth windows and widgets), without
//     authentication;
//  2. routing to an operation of the spec of the version that Accept-Version names (or, for a
//     request without a version served, of either spec, to count it), and counting (see
//     [Fake.Requests]);
//  3. latency ([WithLatency]) and faults ([WithFaults], [WithFaultRate]);
//  4. authentication: HTTP basic authentication with the client's credentials, or for the
//     processor operations a processor token the fake issued, as a bearer token (see
//     processor.go): 401 when missing, wrong, or of the other kind;
//  5. the Accept-Version header: 400 when missing, 406 when it names a version the fake does
//     not serve; and the Accept header of that version: 406 when it refuses the answer's media
//     type (see versions.go);
//  6. 404 for an unknown path, 405 for a known path with another method;
//  7. the body's bounds (see readBody): 413 past 64 KiB, 1024 JSON values or 32 levels of
//     nesting, 400 for a number longer than 64 characters;
//  8. validation against the version's spec with kin-openapi: 400 for bad parameters, types or
//     bodies;
//  9. the operation, through the strict server generated from the version's spec.
//
// Every failure answers MX's error JSON, {"error": {"message": "..."}}. A panic in the fake
// answers 500 the same way instead of dropping the connection. Every answer has one header: an
// answer that fails once started (its client went away while it was written) is aborted, the
// connection closed, never followed by a second status.
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	tw := &trackWriter{ResponseWriter: w}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			if tw.wrote {
				panic(http.ErrAbortHandler) // too late for a clean answer: drop the connection
			}
			writeError(tw, r, http.StatusInternalServerError, fmt.Sprintf("Internal server error: %v", v))
		}
	}()
	f.serve(tw, r)
}

// call is a request on its way through the fake: its version and operation.
type call struct {
	version *apiVersion // nil: none the fake serves
	present bool        // the request has an Accept-Version header
	rt      *route      // nil: no operation matched
	params  map[string]string
	allowed []string // the methods of the path, when rt is nil
}

func (f *Fake) serve(w http.ResponseWriter, r *http.Request) {
	if f.servePage(w, r) {
		return
	}
	ctx := context.WithValue(r.Context(), baseURLKey{}, requestBaseURL(r))
	r = r.WithContext(ctx)
	var c call
	c.version, c.present = f.version(r)
	if p := r.URL.Path; !strings.HasPrefix(p, "/") || (p != "/" && path.Clean(p) != p) {
		// ServeMux would redirect to the clean path; MX has no such URLs.
		f.finish(w, r, c)
		return
	}
	c.rt, c.params, c.allowed = f.routeFor(r, c.version)
	op := ""
	if c.rt != nil {
		op = c.rt.id
	}
	f.stats.add(op, func(s *RequestStats) {
		s.Received++
		if !c.present {
			s.MissingAcceptVersion++
		}
	})

	if d := f.latency(); d > 0 && !sleep(r, d) {
		return
	}
	var ft Fault
	var faulted bool
	if c.rt != nil {
		ft, faulted = f.faults.pick(op, f.cfg.faultRate)
	}
	if faulted {
		f.stats.add(op, func(s *RequestStats) { s.Faulted++ })
		if ft.Kind == FaultLatency && !sleep(r, ft.Delay) {
			return
		}
		if ft.before() {
			strike(w, r, ft)
			return
		}
	}
	if !faulted {
		f.finish(w, r, c)
		return
	}
	rec := newRecorder()
	if f.finish(rec, r, c) {
		deliver(w, r, ft, rec)
		return
	}
	// The request failed before its operation (401, 404...): that answer stands.
	copyRecorded(w, rec)
}

// finish checks the request and serves its operation; it reports whether the operation ran.
func (f *Fake) finish(w http.ResponseWriter, r *http.Request, c call) bool {
	token, ok := f.authorize(w, r, c.rt)
	if !ok {
		return false
	}
	v := c.version
	switch {
	case !c.present:
		writeError(w, r, http.StatusBadRequest, "The Accept-Version header is required: name the version of the MX Platform API, "+servedVersions+".")
		return false
	case v == nil:
		writeError(w, r, http.StatusNotAcceptable, fmt.Sprintf("Unsupported Accept-Version %s: the versions served are %s.", transport.Quote(strings.Join(r.Header.Values("Accept-Version"), ", "), 40), servedVersions))
		return false
	}
	answer := mediaTypeJSON
	if c.rt != nil {
		answer = c.rt.answerType
	}
	if msg := v.acceptable(r, answer); msg != "" {
		writeError(w, r, http.StatusNotAcceptable, msg)
		return false
	}
	rt := c.rt
	if rt == nil {
		if len(c.allowed) > 0 {
			w.Header().Set("Allow", strings.Join(c.allowed, ", "))
			writeError(w, r, http.StatusMethodNotAllowed, fmt.Sprintf("Method %s is not allowed on %s (allowed: %s).", r.Method, r.URL.Path, strings.Join(c.allowed, ", ")))
			return false
		}
		writeError(w, r, http.StatusNotFound, fmt.Sprintf("No endpoint of %s answers %s %s.", v.name, r.Method, r.URL.Path))
		return false
	}
	var body []byte
	if rt.kin.Operation.RequestBody != nil {
		if body, ok = readBody(w, r); !ok {
			return false
		}
	}
	if err := f.validate(r.Context(), r, rt, c.params); err != nil {
		writeError(w, r, http.StatusBadRequest, validationMessage(err))
		return false
	}
	f.stats.add(rt.id, func(s *RequestStats) { s.Handled++ })
	f.hook(rt.id)
	oc := &opCall{route: rt, params: c.params, query: r.URL.Query(), body: body, token: token}
	v.mux.dispatch(w, r.WithContext(context.WithValue(r.Context(), opCallKey{}, oc)), rt, c.params)
	return true
}

// latency draws the delay of WithLatency.
func (f *Fake) latency() time.Duration {
	if f.cfg.latency == 0 && f.cfg.jitter == 0 {
		return 0
	}
	d := f.cfg.latency
	if f.cfg.jitter > 0 {
		f.faults.mu.Lock()
		d += time.Duration(f.faults.rng.Int64N(int64(f.cfg.jitter) + 1))
		f.faults.mu.Unlock()
	}
	return d
}

// copyRecorded sends a recorded answer as is.
func copyRecorded(w http.ResponseWriter, rec *recorder) {
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write(rec.body.Bytes())
}

// answerStarted reports whether the answer has started on w, for the writers of the fake
// (trackWriter, recorder), which know; it is false for any other writer.
func answerStarted(w http.ResponseWriter) bool {
	s, ok := w.(interface{ started() bool })
	return ok && s.started()
}

// trackWriter remembers whether the answer has started, so that a panic or an error can still
// be answered with a 500 when it has not, and never with a second header when it has.
type trackWriter struct {
	http.ResponseWriter
	wrote bool
}

// started reports whether the header or any of the body has been written.
func (t *trackWriter) started() bool { return t.wrote }

// WriteHeader notes that the answer has started.
func (t *trackWriter) WriteHeader(status int) {
	t.wrote = true
	t.ResponseWriter.WriteHeader(status)
}

// Write notes that the answer has started.
func (t *trackWriter) Write(b []byte) (int, error) {
	t.wrote = true
	return t.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (flushing, hijacking).
func (t *trackWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }
