package connect

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
)

var sentinels = []error{ErrNotMX, ErrUnknownType, ErrMalformed}

// checkError requires err to match want and no other sentinel.
func checkError(t *testing.T, ev Event, err, want error) {
	t.Helper()
	if ev != nil {
		t.Errorf("an event %+v with the error", ev)
	}
	for _, s := range sentinels {
		if errors.Is(err, s) != (s == want) {
			t.Errorf("error %v: errors.Is(%v) = %v", err, s, !(s == want))
		}
	}
}

func TestParseMessageTolerates(t *testing.T) {
	for name, tc := range map[string]struct {
		data string
		want Type
	}{
		"unknown metadata member": {`{"mx": true, "type": "mx/connect/memberConnected", "metadata": {"member_guid": "MBR-1", "widget": {"v": 4}}}`, TypeMemberConnected},
		"unknown step":            {`{"mx": true, "type": "mx/connect/stepChange", "metadata": {"previous": "search", "current": "newStep"}}`, TypeStepChange},
		"unknown status code":     {`{"mx": true, "type": "mx/connect/memberStatusUpdate", "metadata": {"connection_status": 42}}`, TypeMemberStatusUpdate},
		"null metadata":           {`{"mx": true, "type": "mx/ping", "metadata": null}`, TypePing},
		"no metadata":             {`{"mx": true, "type": "mx/connect/connected/primaryAction"}`, TypeConnectedPrimaryAction},
		"extra envelope member":   {`{"mx": true, "type": "mx/load", "version": 4}`, TypeLoad},
	} {
		ev, err := ParseMessage([]byte(tc.data))
		if err != nil || ev.EventType() != tc.want {
			t.Errorf("%s: %v %v", name, ev, err)
		}
	}
	ev, _ := ParseMessage([]byte(`{"mx": true, "type": "mx/connect/stepChange", "metadata": {"previous": "search", "current": "newStep"}}`))
	if s := ev.(*StepChange).Current; s != "newStep" || s.Valid() {
		t.Errorf("unknown step %q", s)
	}
}

func TestParseMessageRejects(t *testing.T) {
	for name, tc := range map[string]struct {
		data string
		want error
	}{
		"not json":              {`mx/connect/loaded`, ErrMalformed},
		"empty":                 {``, ErrMalformed},
		"array":                 {`[{"mx": true}]`, ErrMalformed},
		"string":                {`"mx/load"`, ErrMalformed},
		"mx not boolean":        {`{"mx": "true", "type": "mx/load"}`, ErrMalformed},
		"no mx":                 {`{"type": "mx/load"}`, ErrNotMX},
		"mx false":              {`{"mx": false, "type": "mx/load"}`, ErrNotMX},
		"another sender":        {`{"source": "react-devtools", "payload": {}}`, ErrNotMX},
		"no type":               {`{"mx": true, "metadata": {}}`, ErrMalformed},
		"empty type":            {`{"mx": true, "type": ""}`, ErrMalformed},
		"type not a string":     {`{"mx": true, "type": 7}`, ErrMalformed},
		"undocumented type":     {`{"mx": true, "type": "mx/account/created", "metadata": {"user_guid": "USR-1"}}`, ErrUnknownType},
		"misspelled type":       {`{"mx": true, "type": "mx/connect/memberconnected"}`, ErrUnknownType},
		"metadata a string":     {`{"mx": true, "type": "mx/connect/loaded", "metadata": "search"}`, ErrMalformed},
		"member guid a number":  {`{"mx": true, "type": "mx/connect/memberConnected", "metadata": {"member_guid": 123}}`, ErrMalformed},
		"status code a name":    {`{"mx": true, "type": "mx/connect/memberStatusUpdate", "metadata": {"connection_status": "CONNECTED"}}`, ErrMalformed},
		"institution a string":  {`{"mx": true, "type": "mx/connect/enterCredentials", "metadata": {"institution": "mxbank"}}`, ErrMalformed},
		"truncated":             {`{"mx": true, "type": "mx/connect/loaded", "metadata": {"initial_step": "sea`, ErrMalformed},
		"initial step a number": {`{"mx": true, "type": "mx/connect/loaded", "metadata": {"initial_step": 1}}`, ErrMalformed},
	} {
		t.Run(name, func(t *testing.T) {
			ev, err := ParseMessage([]byte(tc.data))
			checkError(t, ev, err, tc.want)
		})
	}
	_, err := ParseMessage([]byte(`{"mx": true, "type": "mx/account/created", "metadata": {"account_guid": "ACT-1"}}`))
	var u *UnknownTypeError
	if !errors.As(err, &u) || u.Type != "mx/account/created" || string(u.Metadata) != `{"account_guid": "ACT-1"}` {
		t.Errorf("unknown type error %#v", err)
	}
	if !strings.Contains(err.Error(), `"mx/account/created"`) {
		t.Errorf("message %q", err)
	}
}

func TestParseURL(t *testing.T) {
	oauthMeta := `{"user_guid":"USR-123","session_guid":"ANS-123","url":"https://bank.example/oauth?a=1&b=2+3"}`
	for name, tc := range map[string]struct {
		url     string
		schemes []string
		check   func(Event) bool
	}{
		"load": {"mx://load", nil, func(e Event) bool { _, ok := e.(*Load); return ok }},
		"search, app scheme": {"appscheme://connect/institutionSearch?metadata=" + url.QueryEscape(`{"user_guid":"USR-123","session_guid":"ANS-123","query":"MX Bank"}`), []string{"appscheme"},
			func(e Event) bool {
				s, ok := e.(*InstitutionSearch)
				return ok && s.Query == "MX Bank" && s.UserGUID == "USR-123"
			}},
		"oauth requested, encoded": {"appscheme://connect/oauthRequested?metadata=" + url.QueryEscape(oauthMeta), []string{"appscheme"},
			func(e Event) bool {
				o, ok := e.(*OAuthRequested)
				return ok && o.URL == "https://bank.example/oauth?a=1&b=2+3"
			}},
		"oauth requested, raw JSON": {"appscheme://connect/oauthRequested?metadata=" + oauthMeta, []string{"appscheme"},
			func(e Event) bool {
				o, ok := e.(*OAuthRequested)
				return ok && o.URL == "https://bank.example/oauth?a=1&b=2+3"
			}},
		"oauth requested, path-escaped": {"mx://connect/oauthRequested?metadata=" + url.PathEscape(oauthMeta), nil,
			func(e Event) bool {
				o, ok := e.(*OAuthRequested)
				return ok && o.URL == "https://bank.example/oauth?a=1&b=2+3"
			}},
		"status update on mx": {"mx://connect/memberStatusUpdate?metadata=" + url.QueryEscape(`{"member_guid":"MBR-1","connection_status":3}`), []string{"appscheme"},
			func(e Event) bool {
				m, ok := e.(*MemberStatusUpdate)
				return ok && m.ConnectionStatus == ConnectionStatusCodeChallenged
			}},
		"scheme case":    {"AppScheme://connect/memberConnected?metadata=%7B%22member_guid%22%3A%22MBR-1%22%7D", []string{"appscheme://"}, func(e Event) bool { m, ok := e.(*MemberConnected); return ok && m.MemberGUID == "MBR-1" }},
		"trailing slash": {"mx://connect/connected/primaryAction/", nil, func(e Event) bool { _, ok := e.(*ConnectedPrimaryAction); return ok }},
		"alias":          {"mx://connect/institutionSelected?metadata=%7B%22code%22%3A%22mxbank%22%7D", nil, func(e Event) bool { s, ok := e.(*SelectedInstitution); return ok && s.Code == "mxbank" }},
		"oauth success":  {"appscheme://oauth_complete?status=success", []string{"appscheme"}, func(e Event) bool { o, ok := e.(*OAuthComplete); return ok && o.Status == OAuthStatusSuccess }},
		"oauth error":    {"mx://oauth_complete?status=error", nil, func(e Event) bool { o, ok := e.(*OAuthComplete); return ok && o.Status == OAuthStatusError }},
	} {
		t.Run(name, func(t *testing.T) {
			ev, err := ParseURL(tc.url, tc.schemes...)
			if err != nil || !tc.check(ev) {
				t.Errorf("%s: %#v %v", tc.url, ev, err)
			}
		})
	}
}

func TestParseURLRejects(t *testing.T) {
	for name, tc := range map[string]struct {
		url     string
		schemes []string
		want    error
	}{
		"https page":             {"https://www.mxbank.example/login", []string{"appscheme"}, ErrNotMX},
		"about:blank":            {"about:blank", nil, ErrNotMX},
		"app scheme not given":   {"appscheme://connect/memberConnected", nil, ErrNotMX},
		"other app":              {"otherapp://connect/memberConnected", []string{"appscheme"}, ErrNotMX},
		"empty":                  {"", nil, ErrNotMX},
		"opaque":                 {"mx:load", nil, ErrMalformed},
		"no path":                {"mx://", nil, ErrMalformed},
		"only a query":           {"mx://?metadata={}", nil, ErrMalformed},
		"bad escape":             {"mx://connect/memberConnected?metadata=%zz", nil, ErrMalformed},
		"metadata not JSON":      {"mx://connect/memberConnected?metadata=MBR-1", nil, ErrMalformed},
		"metadata cut":           {"mx://connect/memberConnected?metadata=%7B%22member_guid", nil, ErrMalformed},
		"metadata empty":         {"mx://connect/memberConnected?metadata=", nil, ErrMalformed},
		"another parameter":      {"mx://connect/memberConnected?data=%7B%7D", nil, ErrMalformed},
		"metadata wrong shape":   {"mx://connect/memberConnected?metadata=%5B1%5D", nil, ErrMalformed},
		"metadata field type":    {"mx://connect/memberConnected?metadata=%7B%22member_guid%22%3A1%7D", nil, ErrMalformed},
		"oauth without status":   {"mx://oauth_complete", nil, ErrMalformed},
		"oauth unknown status":   {"mx://oauth_complete?status=maybe", nil, ErrMalformed},
		"oauth bad query":        {"mx://oauth_complete?status=%zz", nil, ErrMalformed},
		"control character":      {"mx://load\x7f\x00", nil, ErrMalformed},
		"unknown path":           {"mx://connect/fooBar", nil, ErrUnknownType},
		"postMessage type as is": {"mx://mx/connect/memberConnected", nil, ErrUnknownType},
		"undocumented entity":    {"appscheme://account/created?metadata=%7B%7D", []string{"appscheme"}, ErrUnknownType},
	} {
		t.Run(name, func(t *testing.T) {
			ev, err := ParseURL(tc.url, tc.schemes...)
			checkError(t, ev, err, tc.want)
		})
	}
}

// FuzzParseMessage feeds the decoder the reference's examples and variations. It must never
// panic, must match exactly one sentinel when it fails, and an event it accepts must encode to
// metadata that decodes to the same event.
func FuzzParseMessage(f *testing.F) {
	for _, body := range fixtures(f) {
		f.Add(body)
	}
	f.Add([]byte(`{"mx": true, "type": "mx/account/created", "metadata": {}}`))
	f.Add([]byte(`{"mx": false}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := ParseMessage(data)
		checkFuzzResult(t, ev, err)
	})
}

// FuzzParseURL feeds the URL decoder navigation URLs made from the reference's examples.
func FuzzParseURL(f *testing.F) {
	for _, body := range fixtures(f) {
		var msg struct {
			Type     string          `json:"type"`
			Metadata json.RawMessage `json:"metadata"`
		}
		if err := json.Unmarshal(body, &msg); err != nil {
			f.Fatal(err)
		}
		u := "appscheme://" + strings.TrimPrefix(msg.Type, "mx/")
		if msg.Metadata != nil {
			f.Add(u+"?metadata="+url.QueryEscape(string(msg.Metadata)), "appscheme")
			f.Add(u+"?metadata="+string(msg.Metadata), "appscheme")
		} else {
			f.Add(u, "appscheme")
		}
	}
	f.Add("mx://oauth_complete?status=success", "")
	f.Add("https://example.com/?metadata={}", "https")
	f.Fuzz(func(t *testing.T, raw, scheme string) {
		ev, err := ParseURL(raw, scheme)
		checkFuzzResult(t, ev, err)
	})
}

func checkFuzzResult(t *testing.T, ev Event, err error) {
	t.Helper()
	if err != nil {
		n := 0
		for _, s := range sentinels {
			if errors.Is(err, s) {
				n++
			}
		}
		if n != 1 || ev != nil {
			t.Fatalf("error %v matches %d sentinels, event %v", err, n, ev)
		}
		return
	}
	if oc, ok := ev.(*OAuthComplete); ok {
		if oc.Status != OAuthStatusSuccess && oc.Status != OAuthStatusError {
			t.Fatalf("status %q", oc.Status)
		}
		return
	}
	if _, known := events[ev.EventType()]; !known {
		t.Fatalf("event of unknown type %s", ev.EventType())
	}
	metadata, err := json.Marshal(ev)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	msg, _ := json.Marshal(map[string]any{"mx": true, "type": ev.EventType(), "metadata": json.RawMessage(metadata)})
	again, err := ParseMessage(msg)
	if err != nil {
		t.Fatalf("the encoded event does not decode: %v\n%s", err, msg)
	}
	if a, _ := json.Marshal(again); string(a) != string(metadata) {
		t.Fatalf("not stable:\n%s\n%s", metadata, a)
	}
}
