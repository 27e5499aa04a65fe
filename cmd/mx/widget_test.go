package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/v20111101"
)

// widgetBodies returns the widget_url objects of the widget URL requests among the exchanges.
func widgetBodies(t *testing.T, xs []exchange) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, x := range xs {
		if x.method != http.MethodPost || !strings.HasSuffix(x.path, "/widget_urls") {
			continue
		}
		var body struct {
			WidgetURL map[string]any `json:"widget_url"`
		}
		if err := json.Unmarshal(x.body, &body); err != nil {
			t.Errorf("widget request body %q: %v", x.body, err)
		}
		out = append(out, body.WidgetURL)
	}
	return out
}

func TestWidgetURLCarriesTheConnectDefaultsOfTheSDK(t *testing.T) {
	rec, vars := recordingEnv(t)
	var user mxplatform.User
	ok(t, vars, &user, "users", "create")
	u := string(user.GUID)
	for _, v := range []struct {
		version apiVersion
		connect any // the version's ConnectWidget()
	}{
		{apiV20250224, mxplatform.ConnectWidget()},
		{apiV20111101, v20111101.ConnectWidget()},
	} {
		var sdk map[string]any
		b, _ := json.Marshal(v.connect)
		if err := json.Unmarshal(b, &sdk); err != nil {
			t.Fatal(err)
		}
		if sdk["ui_message_version"] != float64(mxplatform.UIMessageVersion) {
			t.Fatalf("%s: ConnectWidget() %s", v.version, b)
		}
		run := func(args ...string) []map[string]any {
			rec.take()
			ok(t, vars, nil, append([]string{"--api-version", string(v.version), "widgets", "url", "--user", u}, args...)...)
			return widgetBodies(t, rec.take())
		}
		for _, args := range [][]string{nil, {"--widget-type", "connect_widget", "--color-scheme", "dark"}} {
			got := run(args...)
			if len(got) != 1 {
				t.Fatalf("%s %v: %d widget requests", v.version, args, len(got))
			}
			for k, want := range sdk {
				if got[0][k] != want {
					t.Errorf("%s %v: %s is %v, want %v as ConnectWidget() gives", v.version, args, k, got[0][k], want)
				}
			}
			if _, scheme := got[0]["color_scheme"]; len(got[0]) != len(sdk) && !(scheme && len(got[0]) == len(sdk)+1) {
				t.Errorf("%s %v: sent %v, more than the flags and the defaults", v.version, args, got[0])
			}
		}
		// An explicit --ui-message-version wins.
		if got := run("--ui-message-version", "3"); len(got) != 1 || got[0]["ui_message_version"] != float64(3) {
			t.Errorf("%s: --ui-message-version 3 sent %v", v.version, got)
		}
		// Other widgets get no Connect defaults.
		if got := run("--widget-type", "accounts_widget"); len(got) != 1 || got[0]["ui_message_version"] != nil || got[0]["widget_type"] != "accounts_widget" {
			t.Errorf("%s: accounts_widget sent %v", v.version, got)
		}
	}
	// The products of v20250224's Connect: a nested object, sent only when asked for.
	rec.take()
	ok(t, vars, nil, "widgets", "url", "--user", u, "--product", "statements", "--product", "transactions")
	got := widgetBodies(t, rec.take())
	if len(got) != 1 || !strings.Contains(string(must(json.Marshal(got[0]["data_request"]))), `"products":["statements","transactions"]`) {
		t.Errorf("--product sent %v", got)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
