package mxplatform_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/moov"
	"github.com/mxsdk/mx-go/mxplatform/nexus"
	"github.com/mxsdk/mx-go/mxplatform/webhook"
)

const (
	secretClientID = "CLIENT-8c1d"
	secretAPIKey   = "API-KEY-5f2e9a7b"
	secretSession  = "nexus-session-token-93b1"
	secretBearer   = "moov-bearer-token-77ac"
	secretHookUser = "hook-user-51"
	secretHookPass = "hook-password-e40d"
)

// secretForms are every form in which the credentials above must never appear.
func secretForms() []string {
	basic := base64.StdEncoding.EncodeToString([]byte(secretClientID + ":" + secretAPIKey))
	forms := []string{secretAPIKey, basic, secretSession, secretBearer, secretHookPass}
	for _, s := range []string{secretHookUser, secretHookPass} {
		d := sha256.Sum256([]byte(s))
		forms = append(forms, hex.EncodeToString(d[:4]), fmt.Sprint(d[:4]))
	}
	return forms
}

// printings prints v every way a program may: fmt's verbs on the value, a pointer to it and
// structs, slices and maps holding it in exported and unexported fields; slog's text and JSON
// handlers; encoding/json.
func printings[T any](v T) string {
	type hidden struct{ v T }
	type hiddenPtr struct{ v *T }
	type shown struct{ V T }
	type deep struct{ inner hidden }
	holders := []any{v, &v, hidden{v}, &hidden{v}, hiddenPtr{&v}, shown{v}, deep{hidden{v}}, []T{v}, map[string]T{"k": v}, []hidden{{v}}}
	var b bytes.Buffer
	for _, h := range holders {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%T"} {
			fmt.Fprintf(&b, verb+"\n", h)
		}
		slog.New(slog.NewTextHandler(&b, nil)).Info("value", "v", h)
		slog.New(slog.NewJSONHandler(&b, nil)).Info("value", "v", h)
		j, _ := json.Marshal(h)
		b.Write(j)
	}
	return b.String()
}

// TestNoSecretPrintsByAnyPath prints every type of the module that holds a secret, as a value,
// behind pointers and inside other values, and finds no credential in any form.
func TestNoSecretPrintsByAnyPath(t *testing.T) {
	api, err := mxplatform.New(mxplatform.WithCredentials(secretClientID, secretAPIKey))
	if err != nil {
		t.Fatal(err)
	}
	nx, err := nexus.New(nexus.WithSessionToken(secretSession))
	if err != nil {
		t.Fatal(err)
	}
	mv, err := moov.New(moov.WithBearerToken(secretBearer))
	if err != nil {
		t.Fatal(err)
	}
	hook, err := webhook.NewHandler(secretHookUser, secretHookPass, func(context.Context, *webhook.AccountEvent) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{
		"mxplatform.API": printings(*api), "*mxplatform.API": printings(api),
		"nexus.API": printings(*nx), "*nexus.API": printings(nx),
		"moov.API": printings(*mv), "*moov.API": printings(mv),
		"webhook.Handler": printings(*hook), "*webhook.Handler": printings(hook),
	} {
		for _, s := range secretForms() {
			if strings.Contains(out, s) {
				t.Errorf("%s: %q printed", name, s)
			}
		}
	}
}

// TestEchoedCredentialsAreScrubbed: a proxy's error page, or a 200 that is not JSON, echoes the
// request with its Authorization header and the key in several encodings. Neither the error's
// text nor the body it keeps shows them; a captured response carries no Authorization header.
func TestEchoedCredentialsAreScrubbed(t *testing.T) {
	for _, status := range []int{http.StatusUnauthorized, http.StatusOK} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			u, p, _ := r.BasicAuth()
			w.WriteHeader(status)
			fmt.Fprintf(w, `<html>Authorization: %s<br>user %s password %s<br>%s %s</html>`,
				r.Header.Get("Authorization"), u, p, url.QueryEscape(u+":"+p), strings.ReplaceAll(r.Header.Get("Authorization"), "/", `\/`))
		}))
		api, err := mxplatform.New(mxplatform.WithCredentials(secretClientID, secretAPIKey), mxplatform.WithServerURL(srv.URL))
		if err != nil {
			t.Fatal(err)
		}
		var resp *http.Response
		_, err = api.ReadAccount(context.Background(), "USR-1", "ACT-1", mxplatform.CaptureResponse(&resp))
		srv.Close()
		if err == nil {
			t.Fatalf("%d: no error", status)
		}
		text := fmt.Sprintf("%v %+v %#v", err, err, err)
		var e *mxplatform.Error
		if errors.As(err, &e) {
			text += string(e.Body) + e.Message
		}
		for _, s := range secretForms() {
			if strings.Contains(text, s) {
				t.Errorf("%d: %q in the error: %s", status, s, text)
			}
		}
		if !strings.Contains(text, "[redacted]") {
			t.Errorf("%d: nothing was scrubbed: %s", status, text)
		}
		if resp == nil || resp.Request == nil || resp.Request.Header.Get("Authorization") != "" {
			t.Errorf("%d: the captured response carries %v", status, resp)
		}
	}
}

// TestServerURLCredentialsAreNotQuoted: a server URL with credentials is refused without
// quoting them, however malformed.
func TestServerURLCredentialsAreNotQuoted(t *testing.T) {
	for _, raw := range []string{
		"https://user:" + secretAPIKey + "@api.example.com",
		"user:" + secretAPIKey + "@api.example.com",
		"https:/user:" + secretAPIKey + "@api.example.com",
		"ht tp://user:" + secretAPIKey + "@api.example.com",
		"https://user:" + secretAPIKey + "@[::1/x",
	} {
		for _, err := range []error{
			func() error {
				_, err := mxplatform.New(mxplatform.WithCredentials("id", "key"), mxplatform.WithServerURL(raw))
				return err
			}(),
			func() error { _, err := nexus.New(nexus.WithSessionToken("t"), nexus.WithServerURL(raw)); return err }(),
			func() error { _, err := moov.New(moov.WithBearerToken("t"), moov.WithServerURL(raw)); return err }(),
		} {
			if err == nil || strings.Contains(err.Error(), secretAPIKey) {
				t.Errorf("%q: %v", raw, err)
			}
		}
	}
}
