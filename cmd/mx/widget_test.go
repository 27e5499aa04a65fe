package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
)

// recordingFake serves the fake behind a server that keeps the body of every widget URL request
// of a user, and returns the variables that point mx at it, the user, and a function that
// returns (and forgets) the widget_url objects received.
func recordingFake(t *testing.T) (map[string]string, string, func() []map[string]any) {
	t.Helper()
	srv, vars := fakeEnv(t)
	user, err := srv.Fake.AddUser(mxplatform.User{})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var bodies []map[string]any
	rec := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(b))
		if r.Method == http.MethodPost && r.URL.Path == "/users/"+string(user.GUID)+"/widget_urls" {
			var body struct {
				WidgetURL map[string]any `json:"widget_url"`
			}
			if err := json.Unmarshal(b, &body); err != nil {
				t.Errorf("widget request body %q: %v", b, err)
			}
			mu.Lock()
			bodies = append(bodies, body.WidgetURL)
			mu.Unlock()
		}
		srv.Fake.ServeHTTP(w, r)
	}))
	t.Cleanup(rec.Close)
	vars["MX_BASE_URL"] = rec.URL
	return vars, string(user.GUID), func() []map[string]any {
		mu.Lock()
		defer mu.Unlock()
		out := bodies
		bodies = nil
		return out
	}
}

func TestWidgetURLCarriesTheConnectDefaultsOfTheSDK(t *testing.T) {
	vars, u, received := recordingFake(t)
	var sdk map[string]any
	b, _ := json.Marshal(mxplatform.ConnectWidget())
	if err := json.Unmarshal(b, &sdk); err != nil {
		t.Fatal(err)
	}
	if sdk["ui_message_version"] != float64(mxplatform.UIMessageVersion) {
		t.Fatalf("ConnectWidget() %s", b)
	}
	for _, args := range [][]string{
		{"widgets", "url", "--user", u},
		{"widgets", "url", "--user", u, "--widget-type", "connect_widget", "--color-scheme", "dark"},
	} {
		ok(t, vars, nil, args...)
		got := received()
		if len(got) != 1 {
			t.Fatalf("%v: %d widget requests", args, len(got))
		}
		for k, v := range sdk {
			if got[0][k] != v {
				t.Errorf("%v: %s is %v, want %v as ConnectWidget() gives", args, k, got[0][k], v)
			}
		}
	}

	// An explicit --ui-message-version wins.
	ok(t, vars, nil, "widgets", "url", "--user", u, "--ui-message-version", "3")
	if got := received(); len(got) != 1 || got[0]["ui_message_version"] != float64(3) {
		t.Errorf("--ui-message-version 3 sent %v", got)
	}
	// Other widgets get no Connect defaults.
	ok(t, vars, nil, "widgets", "url", "--user", u, "--widget-type", "accounts_widget")
	if got := received(); len(got) != 1 || got[0]["ui_message_version"] != nil || got[0]["widget_type"] != "accounts_widget" {
		t.Errorf("accounts_widget sent %v", got)
	}
}
