package mxplatformtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
)

// discardWriter is a ResponseWriter that keeps only the status, so that measuring what a
// request costs the fake does not count a recorder's copy of the answer.
type discardWriter struct {
	header http.Header
	status int
}

func (w *discardWriter) Header() http.Header { return w.header }
func (w *discardWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *discardWriter) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return len(b), nil
}

// serveBody serves one request with a JSON body in process and returns its status and body.
func serveBody(fake *Fake, w http.ResponseWriter, method, path string, body io.Reader) {
	req := httptest.NewRequest(method, path, body)
	req.SetBasicAuth(DefaultClientID, DefaultAPIKey)
	versioned(req)
	req.Header.Set("Content-Type", "application/json")
	fake.ServeHTTP(w, req)
}

// packed returns prefix, items joined by commas, and suffix: as many items as fit in
// maxRequestBody bytes and in maxRequestValues values, where each item holds perItem values and
// the frame (prefix and suffix) frame values. item receives the length its strings may have
// for the items to fill the bytes, and returns the item.
func packed(prefix, suffix string, frame, perItem int, item func(fill int) string) string {
	room := maxRequestBody - len(prefix) - len(suffix)
	n := min((maxRequestValues-frame)/perItem, room/(len(item(0))+1))
	fill := (room/n - 1 - len(item(0))) / perItem
	s := item(fill)
	var b strings.Builder
	b.WriteString(prefix)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s)
	}
	b.WriteString(suffix)
	return b.String()
}

// hostileBodies are bodies at the fake's bounds that cost the most to decode per byte: many
// small values, or long strings that the fake keeps and answers back.
func hostileBodies(user, member, account string) []struct{ name, method, path, body string } {
	members := "/users/" + user + "/members"
	amount := "1." + strings.Repeat("3", maxRequestNumber-2)
	strs := func(fill int) string { return `"` + strings.Repeat("a", fill) + `"` }
	return []struct{ name, method, path, body string }{
		{"empty objects in credentials", "POST", members,
			packed(`{"member":{"institution_code":"mxbank","credentials":[`, `]}}`, 4, 1, func(int) string { return `{}` })},
		{"credentials", "POST", members,
			packed(`{"member":{"institution_code":"mxbank","credentials":[`, `]}}`, 4, 3, func(fill int) string {
				return `{"guid":` + strs(fill) + `,"value":` + strs(fill) + `}`
			})},
		{"use cases kept and answered", "PUT", members + "/" + member,
			packed(`{"member":{"use_cases":[`, `]}}`, 3, 1, strs)},
		{"countries", "POST", "/users/" + user + "/widget_urls",
			packed(`{"widget_url":{"widget_type":"connect_widget","iso_country_code":[`, `]}}`, 4, 1, strs)},
		{"numbers in an unknown field", "POST", "/users",
			packed(`{"user":{},"x":[`, `]}`, 3, 1, func(int) string { return `0` })},
		{"keys in an unknown field", "POST", "/users",
			packed(`{"user":{},"x":{`, `}}`, 3, 1, func(fill int) string { return `"` + strings.Repeat("k", fill) + `":0` })},
		{"amounts of 64 characters", "PUT", members + "/" + member + "/accounts/" + account,
			packed(`{"account":{`, `}}`, 2, 1, func(int) string { return `"balance":` + amount })},
		{"one long amount", "PUT", members + "/" + member + "/accounts/" + account,
			`{"account":{"balance":1.` + strings.Repeat("3", maxRequestBody-26) + `}}`},
		{"metadata", "POST", "/users",
			`{"user":{"metadata":"` + strings.Repeat("a", maxRequestBody-24) + `"}}`},
		{"nesting", "POST", "/users",
			`{"user":{},"x":` + strings.Repeat("[", maxRequestDepth-1) + strings.Repeat("]", maxRequestDepth-1) + `}`},
	}
}

// TestRequestCostIsBounded sends the bodies that cost the fake most, each at its bounds, and
// checks that none allocates more than 20 times maxRequestBody (24 with the race detector,
// whose runtime allocates about a fifth more). Reading a body, decoding it twice (into maps for
// validation, into structs for the operation) and answering costs about 15 bytes per byte of
// a long string, and more than a hundred per value such as {} or 0: the bounds on values and
// nesting keep the second from dominating. A long number costs the square of its length to
// parse into an amount: the bound on numbers keeps it short. Measured with go1.26: at most
// 17.4 times the bound (20.0 with the race detector), for a thousand amounts of 64
// characters; before the bounds, a body of 1 MiB, the fake's limit then, allocated up to
// 86 MB, and one number of 64 KiB 10 MB.
func TestRequestCostIsBounded(t *testing.T) {
	fake, err := NewFake(WithStepInterval(0))
	if err != nil {
		t.Fatal(err)
	}
	user, err := fake.AddUser(mxplatform.User{})
	if err != nil {
		t.Fatal(err)
	}
	member, err := fake.AddMember(user.GUID, MemberSeed{})
	if err != nil {
		t.Fatal(err)
	}
	var account string
	for g := range fake.st.accounts {
		account = string(g)
	}
	limit := uint64(20 * maxRequestBody)
	if raceDetector {
		limit = 24 * maxRequestBody
	}
	for _, c := range hostileBodies(string(user.GUID), string(member.GUID), account) {
		if len(c.body) > maxRequestBody {
			t.Fatalf("%s: a body of %d bytes is past the bound", c.name, len(c.body))
		}
		var least uint64
		var status int
		// A first request fills the pools of buffers (encoding/json's, net/http's) as a fake
		// under load has them; then the least of ten, against the noise of other goroutines,
		// of collections (which empty the pools) and of the race detector, which drops pooled
		// buffers at random.
		for i := range 11 {
			w := &discardWriter{header: http.Header{}}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			serveBody(fake, w, c.method, c.path, strings.NewReader(c.body))
			runtime.ReadMemStats(&after)
			if n := after.TotalAlloc - before.TotalAlloc; i == 1 || (i > 1 && n < least) {
				least = n
			}
			status = w.status
		}
		t.Logf("%-30s %7d bytes: %d, %9d bytes allocated (%.1f times the body, %.1f times the bound)",
			c.name, len(c.body), status, least, float64(least)/float64(len(c.body)), float64(least)/maxRequestBody)
		if status == http.StatusRequestEntityTooLarge {
			t.Errorf("%s: a body within the bounds was refused", c.name)
		}
		if least > limit {
			t.Errorf("%s: %d bytes allocated for a body of %d, more than %d", c.name, least, len(c.body), limit)
		}
	}
}

// TestBodyBounds checks the answers at and past each bound of a request body: 413 with MX's
// error JSON past one, and the operation's answer at it.
func TestBodyBounds(t *testing.T) {
	fake, err := NewFake(WithStepInterval(0))
	if err != nil {
		t.Fatal(err)
	}
	values := func(n int) string { // a createUser body of n values
		return `{"user":{},"x":[` + strings.Repeat("0,", n-4) + `0]}`
	}
	nested := func(depth int) string { // a createUser body nesting depth deep
		return `{"user":{},"x":` + strings.Repeat("[", depth-1) + strings.Repeat("]", depth-1) + `}`
	}
	metadata := func(size int) string { // a createUser body of size bytes
		return `{"user":{"metadata":"` + strings.Repeat("a", size-24) + `"}}`
	}
	cases := []struct {
		name    string
		body    string
		chunked bool // no Content-Length: the fake learns the size by reading
		status  int
		message string
	}{
		{"largest body", metadata(maxRequestBody), false, http.StatusOK, ""},
		{"one byte more", metadata(maxRequestBody + 1), false, http.StatusRequestEntityTooLarge, "at most 65536 bytes"},
		{"largest body, chunked", metadata(maxRequestBody), true, http.StatusOK, ""},
		{"one byte more, chunked", metadata(maxRequestBody + 1), true, http.StatusRequestEntityTooLarge, "at most 65536 bytes"},
		{"a megabyte", metadata(1 << 20), false, http.StatusRequestEntityTooLarge, "at most 65536 bytes"},
		{"most values", values(maxRequestValues), false, http.StatusOK, ""},
		{"one value more", values(maxRequestValues + 1), false, http.StatusRequestEntityTooLarge, "more than 1024 JSON values"},
		{"deepest", nested(maxRequestDepth), false, http.StatusOK, ""},
		{"one level more", nested(maxRequestDepth + 1), false, http.StatusRequestEntityTooLarge, "nest more than 32 deep"},
		{"sixty thousand levels", strings.Repeat("[", 60000), false, http.StatusRequestEntityTooLarge, "nest more than 32 deep"},
		{"longest number", `{"user":{},"x":` + strings.Repeat("1", maxRequestNumber) + `}`, false, http.StatusOK, ""},
		{"one digit more", `{"user":{},"x":` + strings.Repeat("1", maxRequestNumber+1) + `}`, false, http.StatusBadRequest, "a number longer than 64 characters"},
		{"long amount", `{"user":{},"x":1.` + strings.Repeat("3", maxRequestBody-40) + `}`, false, http.StatusBadRequest, "a number longer than 64 characters"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var body io.Reader = strings.NewReader(c.body)
			if c.chunked {
				body = io.MultiReader(body) // hides the length from httptest.NewRequest
			}
			rec := httptest.NewRecorder()
			serveBody(fake, rec, "POST", "/users", body)
			if rec.Code != c.status {
				t.Fatalf("answered %d %.200s, want %d", rec.Code, rec.Body, c.status)
			}
			if c.message == "" {
				return
			}
			var e errorBody
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || !strings.Contains(e.Error.Message, c.message) {
				t.Errorf("body %q is not MX's error JSON saying %q", rec.Body, c.message)
			}
			if ct := rec.Header().Get("Content-Type"); ct != mediaTypeJSON {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

// TestShapeCheckDoesNotAllocate: measuring a hostile body costs nothing.
func TestShapeCheckDoesNotAllocate(t *testing.T) {
	deep := []byte(strings.Repeat("[", 60000))
	many := []byte(strings.Repeat("[0,0,0],", 8000))
	if n := testing.AllocsPerRun(10, func() { _, _ = checkShape(deep), checkShape(many) }); n > 0 {
		t.Errorf("checkShape allocated %v times, want none", n)
	}
}
