package transport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestSecretNeverPrints(t *testing.T) {
	s := NewSecret("hunter2")
	holder := struct{ S Secret }{s}
	var out strings.Builder
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		fmt.Fprintf(&out, verb+" ", s)
		fmt.Fprintf(&out, verb+" ", holder)
	}
	j, _ := json.Marshal(holder)
	out.Write(j)
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("x", "secret", s)
	out.WriteString(logs.String())
	if strings.Contains(out.String(), "hunter2") || !strings.Contains(out.String(), Redacted) {
		t.Fatalf("printed: %s", out.String())
	}
	if s.Reveal() != "hunter2" || s.IsZero() || !(Secret{}).IsZero() {
		t.Error("Reveal or IsZero")
	}
}

func TestReadLimited(t *testing.T) {
	b, err := ReadLimited(strings.NewReader("12345"), 5)
	if err != nil || string(b) != "12345" {
		t.Errorf("at the limit: %q %v", b, err)
	}
	b, err = ReadLimited(strings.NewReader("123456"), 5)
	if !errors.Is(err, ErrTooLarge) || string(b) != "12345" {
		t.Errorf("over the limit: %q %v", b, err)
	}
}

func TestServerURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://api.moov.io/":   "https://api.moov.io",
		"http://127.0.0.1:8080":  "http://127.0.0.1:8080",
		"http://localhost/base/": "http://localhost/base",
		"http://[::1]:99":        "http://[::1]:99",
	} {
		var s Settings
		if err := s.SetServerURL("x", raw); err != nil || s.ServerURL != want {
			t.Errorf("%s: %q %v", raw, s.ServerURL, err)
		}
	}
	for _, raw := range []string{"", "/path", "http://example.com", "ftp://example.com", "https://u:p@example.com", "://x"} {
		var s Settings
		if err := s.SetServerURL("x", raw); err == nil || !strings.HasPrefix(err.Error(), "x: ") {
			t.Errorf("%q: %v", raw, err)
		}
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("é", 150)
	if got := Excerpt([]byte(long)); len(got) > 204 || !strings.HasSuffix(got, "...") || !strings.HasPrefix(got, "é") {
		t.Errorf("excerpt %q", got)
	}
	if got := Excerpt([]byte("  short \xff ")); got != "short \uFFFD" {
		t.Errorf("excerpt %q", got)
	}
}

func TestSettingsValidate(t *testing.T) {
	var s Settings
	for name, err := range map[string]error{
		"nil client":       s.SetHTTPClient("x", nil),
		"nil doer":         s.SetDoer("x", nil),
		"line break":       s.SetUserAgent("x", "a\r\nb: c"),
		"nil logger":       s.SetLogger("x", nil),
		"zero timeout":     s.SetTimeout("x", 0),
		"negative timeout": s.SetTimeout("x", -1),
	} {
		if err == nil || !strings.HasPrefix(err.Error(), "x: ") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := s.SetUserAgent("x", " app/1 "); err != nil || s.UserAgentHeader("9") != "mx-go/9 app/1" {
		t.Errorf("user agent %q %v", s.UserAgentHeader("9"), err)
	}
}

func TestSentinelsMatch(t *testing.T) {
	notFound, server, other := errors.New("not found"), errors.New("server"), errors.New("other")
	s := Sentinels{ByStatus: map[int]error{404: notFound}, ServerError: server}
	for _, tc := range []struct {
		status int
		target error
		want   bool
	}{{404, notFound, true}, {400, notFound, false}, {503, server, true}, {599, server, true}, {499, server, false}, {404, other, false}, {404, nil, false}} {
		if got := s.Match(tc.status, tc.target); got != tc.want {
			t.Errorf("Match(%d, %v) = %v", tc.status, tc.target, got)
		}
	}
	var b strings.Builder
	DescribeAnswer(&b, "", []byte("<html>oops</html>"), "req-1", 3, false)
	if got := b.String(); got != ` (body: "<html>oops</html>") [request id req-1] after 3 attempts` {
		t.Errorf("%q", got)
	}
	b.Reset()
	DescribeAnswer(&b, "Gateway timeout.", nil, "", 1, true)
	if got := b.String(); got != `: Gateway timeout.; the request may have been applied: read the state before sending it again` {
		t.Errorf("%q", got)
	}
}
