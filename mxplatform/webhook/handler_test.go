package webhook

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

const (
	testUser     = "mx-webhooks"
	testPassword = "s3cret-webhook-password"
)

// recorder is an AccountFunc that keeps the events it takes.
type recorder struct {
	mu     sync.Mutex
	events []*AccountEvent
	err    error
}

func (r *recorder) take(_ context.Context, e *AccountEvent) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	return r.err
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.events)
}

func newTestHandler(t *testing.T, rec *recorder, opts ...Option) *Handler {
	t.Helper()
	h, err := NewHandler(testUser, testPassword, rec.take, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// post sends a request to h through a real server, as MX would.
func post(t *testing.T, h http.Handler, method, contentType string, body io.Reader, auth func(*http.Request)) *http.Response {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	req, err := http.NewRequest(method, srv.URL+"/webhooks/accounts", body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth != nil {
		auth(req)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func basic(user, password string) func(*http.Request) {
	return func(r *http.Request) { r.SetBasicAuth(user, password) }
}

var goodAuth = basic(testUser, testPassword)

func TestHandlerTakesTheReferencePayload(t *testing.T) {
	rec := &recorder{}
	body := fixtures(t)["account.deleted.json"]
	resp := post(t, newTestHandler(t, rec), http.MethodPost, contentType, bytes.NewReader(body), goodAuth)
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("status %d: %s", resp.StatusCode, b)
	}
	if rec.count() != 1 || rec.events[0].Action != AccountActionDeleted || rec.events[0].Account.GUID != "ACT-0950f510-a2de-4ea8-903f-494565b19432" {
		t.Fatalf("events %+v", rec.events)
	}
	if b, _ := io.ReadAll(resp.Body); len(b) != 0 {
		t.Errorf("the 200 has a body: %q", b)
	}
}

func TestHandlerRefusesWrongCredentials(t *testing.T) {
	for name, auth := range map[string]func(*http.Request){
		"none":                   nil,
		"wrong user":             basic("mx-webhook", testPassword),
		"wrong password":         basic(testUser, "s3cret-webhook-passwore"),
		"password prefix":        basic(testUser, testPassword[:len(testPassword)-1]),
		"password and more":      basic(testUser, testPassword+"x"),
		"swapped":                basic(testPassword, testUser),
		"empty":                  basic("", ""),
		"bearer instead":         func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+testPassword) },
		"basic without password": func(r *http.Request) { r.Header.Set("Authorization", "Basic bXgtd2ViaG9va3M=") },
		"not base64":             func(r *http.Request) { r.Header.Set("Authorization", "Basic %%%") },
	} {
		t.Run(name, func(t *testing.T) {
			rec := &recorder{}
			resp := post(t, newTestHandler(t, rec), http.MethodPost, contentType, bytes.NewReader(fixtures(t)["account.deleted.json"]), auth)
			if resp.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Basic ") {
				t.Errorf("status %d, WWW-Authenticate %q", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
			}
			if rec.count() != 0 {
				t.Error("the function was called")
			}
		})
	}
}

func TestHandlerRefusesBadRequests(t *testing.T) {
	good := string(fixtures(t)["account.deleted.json"])
	for name, tc := range map[string]struct {
		method, contentType, body string
		status                    int
	}{
		"GET":                   {http.MethodGet, "", "", http.StatusMethodNotAllowed},
		"PUT":                   {http.MethodPut, contentType, good, http.StatusMethodNotAllowed},
		"DELETE":                {http.MethodDelete, "", "", http.StatusMethodNotAllowed},
		"no content type":       {http.MethodPost, "", good, http.StatusUnsupportedMediaType},
		"form":                  {http.MethodPost, "application/x-www-form-urlencoded", good, http.StatusUnsupportedMediaType},
		"text":                  {http.MethodPost, "text/plain", good, http.StatusUnsupportedMediaType},
		"latin1":                {http.MethodPost, "application/json; charset=iso-8859-1", good, http.StatusUnsupportedMediaType},
		"malformed media type":  {http.MethodPost, "application/json; charset", good, http.StatusUnsupportedMediaType},
		"not json":              {http.MethodPost, contentType, "action=deleted", http.StatusBadRequest},
		"empty body":            {http.MethodPost, contentType, "", http.StatusBadRequest},
		"truncated":             {http.MethodPost, contentType, good[:len(good)/2], http.StatusBadRequest},
		"the unrepaired id":     {http.MethodPost, contentType, strings.Replace(good, `"account-189ef902-6a74-4068-8107-fd3f24c8c661"`, `account-189ef902-6a74-4068-8107-fd3f24c8c661`, 1), http.StatusBadRequest},
		"string balance":        {http.MethodPost, contentType, strings.Replace(good, `"balance": 1000`, `"balance": "a lot"`, 1), http.StatusBadRequest},
		"unknown action":        {http.MethodPost, contentType, strings.Replace(good, `"deleted"`, `"archived"`, 1), http.StatusUnprocessableEntity},
		"no account":            {http.MethodPost, contentType, `{"action": "created"}`, http.StatusUnprocessableEntity},
		"account without guid":  {http.MethodPost, contentType, `{"action": "created", "account": {"name": "x"}}`, http.StatusUnprocessableEntity},
		"json with odd casing":  {http.MethodPost, "Application/JSON; Charset=UTF-8", good, http.StatusOK},
		"json without charset":  {http.MethodPost, "application/json", good, http.StatusOK},
		"unknown fields, nulls": {http.MethodPost, contentType, `{"action": "updated", "account": {"guid": "ACT-1", "x": null}, "y": 1}`, http.StatusOK},
	} {
		t.Run(name, func(t *testing.T) {
			rec := &recorder{}
			resp := post(t, newTestHandler(t, rec), tc.method, tc.contentType, strings.NewReader(tc.body), goodAuth)
			if resp.StatusCode != tc.status {
				b, _ := io.ReadAll(resp.Body)
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, b)
			}
			if called := rec.count() == 1; called != (tc.status == http.StatusOK) {
				t.Errorf("function called: %v", called)
			}
			if tc.status == http.StatusMethodNotAllowed && resp.Header.Get("Allow") != http.MethodPost {
				t.Errorf("Allow %q", resp.Header.Get("Allow"))
			}
			if tc.status >= 400 {
				if b, _ := io.ReadAll(resp.Body); len(bytes.TrimSpace(b)) == 0 {
					t.Error("a refusal without a reason")
				}
			}
		})
	}
}

// TestHandlerBodyLimit sends bodies at and over the limit, with and without a Content-Length.
func TestHandlerBodyLimit(t *testing.T) {
	good := fixtures(t)["account.deleted.json"]
	limit := int64(len(good)) + 10
	exact := append(bytes.Clone(good), bytes.Repeat([]byte(" "), 10)...)
	over := append(bytes.Clone(exact), ' ')
	huge := append(bytes.Clone(good), bytes.Repeat([]byte(" "), 10<<20)...)
	for name, tc := range map[string]struct {
		body    io.Reader
		status  int
		calls   int
		chunked bool
	}{
		"at the limit":         {bytes.NewReader(exact), http.StatusOK, 1, false},
		"one byte over":        {bytes.NewReader(over), http.StatusRequestEntityTooLarge, 0, false},
		"one byte over, chunk": {io.MultiReader(bytes.NewReader(over)), http.StatusRequestEntityTooLarge, 0, true},
		"10 MiB, chunked":      {io.MultiReader(bytes.NewReader(huge)), http.StatusRequestEntityTooLarge, 0, true},
	} {
		t.Run(name, func(t *testing.T) {
			rec := &recorder{}
			resp := post(t, newTestHandler(t, rec, WithMaxBodySize(limit)), http.MethodPost, contentType, tc.body, goodAuth)
			if resp.StatusCode != tc.status || rec.count() != tc.calls {
				t.Errorf("status %d, %d calls; want %d, %d", resp.StatusCode, rec.count(), tc.status, tc.calls)
			}
			if tc.chunked && resp.Request.ContentLength != 0 {
				t.Error("the request was not chunked")
			}
		})
	}
}

func TestHandlerFunctionError(t *testing.T) {
	var logs bytes.Buffer
	rec := &recorder{err: errors.New("queue unavailable")}
	h := newTestHandler(t, rec, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	resp := post(t, h, http.MethodPost, contentType, bytes.NewReader(fixtures(t)["account.deleted.json"]), goodAuth)
	if resp.StatusCode != http.StatusInternalServerError || rec.count() != 1 {
		t.Errorf("status %d, %d calls", resp.StatusCode, rec.count())
	}
	if !strings.Contains(logs.String(), "queue unavailable") || !strings.Contains(logs.String(), "ACT-0950f510") {
		t.Errorf("logs %q", logs.String())
	}
}

// TestCredentialsNeverPrinted prints the handler every way fmt can, and logs refused requests,
// and requires the credentials to appear nowhere.
func TestCredentialsNeverPrinted(t *testing.T) {
	var logs bytes.Buffer
	rec := &recorder{}
	h := newTestHandler(t, rec, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	post(t, h, http.MethodPost, contentType, strings.NewReader("{}"), basic(testUser, testPassword+"-wrong"))
	post(t, h, http.MethodGet, "", nil, goodAuth)
	var out strings.Builder
	for _, v := range []any{h, *h} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x"} {
			fmt.Fprintf(&out, verb+"\n", v)
		}
	}
	out.WriteString(logs.String())
	digest := sha256.Sum256([]byte(testPassword))
	for _, secret := range []string{testPassword, fmt.Sprintf("%x", digest[:4]), fmt.Sprint(digest[:4])} {
		if strings.Contains(out.String(), secret) {
			t.Fatalf("%q was printed:\n%s", secret, out.String())
		}
	}
	if !strings.Contains(logs.String(), "status=401") || !strings.Contains(logs.String(), "status=405") {
		t.Errorf("refusals not logged: %s", logs.String())
	}
}

func TestNewHandlerRefusesBadArguments(t *testing.T) {
	fn := (&recorder{}).take
	for name, f := range map[string]func() (*Handler, error){
		"no user":       func() (*Handler, error) { return NewHandler("", "p", fn) },
		"no password":   func() (*Handler, error) { return NewHandler("u", "", fn) },
		"no function":   func() (*Handler, error) { return NewHandler("u", "p", nil) },
		"nil option":    func() (*Handler, error) { return NewHandler("u", "p", fn, nil) },
		"zero max body": func() (*Handler, error) { return NewHandler("u", "p", fn, WithMaxBodySize(0)) },
		"nil logger":    func() (*Handler, error) { return NewHandler("u", "p", fn, WithLogger(nil)) },
	} {
		if h, err := f(); err == nil || h != nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
