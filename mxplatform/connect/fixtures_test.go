package connect

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
)

const (
	specFile    = "../../api/connect-events.yaml"
	fixturesDir = "../../api/testdata/widget-events"
)

// specTypes maps every event type the spec names to the name of its schema.
func specTypes(t testing.TB, doc *openapi3.T) map[Type]string {
	t.Helper()
	out := map[Type]string{}
	for name, ref := range doc.Components.Schemas {
		raw, ok := ref.Value.Extensions["x-mx-event-types"]
		if !ok {
			continue
		}
		list, ok := raw.([]any)
		if !ok || len(list) == 0 {
			t.Fatalf("%s: x-mx-event-types is not a list", name)
		}
		for _, v := range list {
			out[Type(v.(string))] = name
		}
	}
	return out
}

// fixtures returns the widget event examples of the reference by file name.
func fixtures(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(fixturesDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = b
	}
	return out
}

// TestDecoderFollowsTheSpec: the decoder knows exactly the types of the spec, each decoding
// into the Go type generated from its schema.
func TestDecoderFollowsTheSpec(t *testing.T) {
	types := specTypes(t, spectest.Load(t, specFile))
	if len(types) != 17 {
		t.Errorf("the spec names %d types, want the 16 documented and one alias", len(types))
	}
	for typ, schema := range types {
		newEvent, ok := events[typ]
		if !ok {
			t.Errorf("the decoder does not know %s", typ)
			continue
		}
		if got := reflect.TypeOf(newEvent()).Elem().Name(); got != schema {
			t.Errorf("%s decodes into %s, the spec says %s", typ, got, schema)
		}
	}
	for typ := range events {
		if _, ok := types[typ]; !ok {
			t.Errorf("the decoder knows %s, the spec does not", typ)
		}
	}
}

// TestFixturesMatchSpec validates every example of the reference against the spec (envelope
// and metadata), decodes it, and decodes its metadata strictly into its type, comparing the
// result with the original by value.
func TestFixturesMatchSpec(t *testing.T) {
	doc := spectest.Load(t, specFile)
	types := specTypes(t, doc)
	all := fixtures(t)
	if len(all) != 16 {
		t.Fatalf("%d fixtures, want 16", len(all))
	}
	seen := map[string]bool{}
	for name, body := range all {
		t.Run(name, func(t *testing.T) {
			if err := spectest.SchemaError(doc, "Message", body); err != nil {
				t.Fatalf("envelope: %v", err)
			}
			var msg struct {
				Type     Type            `json:"type"`
				Metadata json.RawMessage `json:"metadata"`
			}
			if err := json.Unmarshal(body, &msg); err != nil {
				t.Fatal(err)
			}
			schema, ok := types[msg.Type]
			if !ok {
				t.Fatalf("the spec has no schema for %s", msg.Type)
			}
			seen[schema] = true
			metadata := msg.Metadata
			if metadata == nil {
				metadata = []byte(`{}`)
			}
			if err := spectest.SchemaError(doc, schema, metadata); err != nil {
				t.Fatalf("metadata: %v", err)
			}
			ev, err := ParseMessage(body)
			if err != nil {
				t.Fatal(err)
			}
			if ev.EventType() != msg.Type {
				t.Errorf("EventType %s, want %s", ev.EventType(), msg.Type)
			}
			spectest.StrictRoundTrip(t, metadata, events[msg.Type]())
		})
	}
	if len(seen) != 16 {
		t.Errorf("the fixtures cover %d event schemas, want 16", len(seen))
	}
}

// TestFixtureValidationRejects makes sure the validation above can fail.
func TestFixtureValidationRejects(t *testing.T) {
	doc := spectest.Load(t, specFile)
	for schema, body := range map[string]string{
		"Message":            `{"type": "mx/load"}`,
		"Loaded":             `{"user_guid": "USR-1", "session_guid": "ANS-1", "initial_step": "oauth"}`,
		"StepChange":         `{"user_guid": "USR-1", "session_guid": "ANS-1", "previous": "search", "current": "somewhere"}`,
		"MemberStatusUpdate": `{"user_guid": "USR-1", "session_guid": "ANS-1", "member_guid": "MBR-1", "connection_status": "CONNECTED"}`,
		"OAuthRequested":     `{"user_guid": "USR-1", "session_guid": "ANS-1"}`,
	} {
		if err := spectest.SchemaError(doc, schema, []byte(body)); err == nil {
			t.Errorf("%s: %s validated", schema, body)
		}
	}
}

// TestValuesFollowTheSpecs checks the steps and connection status codes against the specs: the
// initial steps, and the code of each status in the order of the Platform API's list.
func TestValuesFollowTheSpecs(t *testing.T) {
	schemas := spectest.Load(t, specFile).Components.Schemas
	var initial []Step
	for _, v := range schemas["InitialStep"].Value.Enum {
		initial = append(initial, Step(v.(string)))
	}
	for _, v := range schemas["Step"].Value.Enum {
		s := Step(v.(string))
		if !s.Valid() {
			t.Errorf("%s is not Valid", s)
		}
		if s.CanBeInitial() != slices.Contains(initial, s) {
			t.Errorf("%s.CanBeInitial() = %v", s, s.CanBeInitial())
		}
	}
	if len(initial) != 6 {
		t.Errorf("%d initial steps, want 6", len(initial))
	}
	if Step("somewhere").Valid() || Step("somewhere").CanBeInitial() {
		t.Error("an unknown step is valid")
	}

	platform := spectest.Load(t, "../../api/platform-v20111101.yaml").Components.Schemas["ConnectionStatus"].Value.Enum
	if len(platform) != 22 {
		t.Fatalf("the Platform API lists %d statuses", len(platform))
	}
	for code, name := range platform {
		got, ok := ConnectionStatusCode(code).Status()
		if !ok || got != mxplatform.ConnectionStatus(name.(string)) || !ConnectionStatusCode(code).Valid() {
			t.Errorf("code %d: %s %v, want %s", code, got, ok, name)
		}
	}
	for _, bad := range []ConnectionStatusCode{-1, 22, 1000} {
		if s, ok := bad.Status(); ok || s != "" || bad.Valid() {
			t.Errorf("code %d: %q %v", bad, s, ok)
		}
	}
	if s, _ := ConnectionStatusCodeConnected.Status(); s != mxplatform.ConnectionStatusConnected || ConnectionStatusCodeConnected != 6 {
		t.Error("6 is not CONNECTED")
	}
}

func TestFixturesDecodeToTypedValues(t *testing.T) {
	all := fixtures(t)
	parse := func(name string) Event {
		t.Helper()
		ev, err := ParseMessage(all[name])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return ev
	}
	if e := parse("connect.loaded.json").(*Loaded); e.InitialStep != StepSearch || !e.InitialStep.CanBeInitial() || e.UserGUID != "USR-123" || e.SessionGUID != "ANS-123" {
		t.Errorf("loaded %+v", e)
	}
	if e := parse("connect.stepChange.json").(*StepChange); e.Previous != StepSearch || e.Current != StepEnterCreds {
		t.Errorf("step change %+v", e)
	}
	if e := parse("connect.memberStatusUpdate.json").(*MemberStatusUpdate); e.ConnectionStatus != ConnectionStatusCodeConnected || e.MemberGUID != "MBR-123" {
		t.Errorf("status update %+v", e)
	}
	if e := parse("connect.enterCredentials.json").(*EnterCredentials); e.Institution.Code != "mxbank" || e.Institution.GUID != "INS-123" {
		t.Errorf("enter credentials %+v", e)
	}
	if e := parse("connect.oauthRequested.json").(*OAuthRequested); e.URL != "https://something.com" {
		t.Errorf("oauth requested %+v", e)
	}
	if e := parse("connect.selectedInstitution.json").(*SelectedInstitution); e.Code != "mxbank" || e.Name != "MX Bank" {
		t.Errorf("selected institution %+v", e)
	}
	if e := parse("load.json").(*Load); e.UserGUID != "" {
		t.Errorf("load %+v", e)
	}
	// The prose's name of the selected-institution event decodes the same way.
	alias := bytes.Replace(all["connect.selectedInstitution.json"], []byte("mx/connect/selectedInstitution"), []byte(TypeInstitutionSelected), 1)
	ev, err := ParseMessage(alias)
	if e, ok := ev.(*SelectedInstitution); err != nil || !ok || e.GUID != "INS-123" || e.EventType() != TypeSelectedInstitution {
		t.Errorf("institutionSelected: %v %v", ev, err)
	}
	if !strings.Contains(string(alias), "institutionSelected") {
		t.Fatal("the replacement did not apply")
	}
}
