package webhook

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
)

const (
	specFile    = "../../api/webhooks.yaml"
	fixturesDir = "../../api/testdata/webhooks"
	reference   = "../../api/reference/mx-account-webhook.txt"
	// contentType is the content type of the reference's example request.
	contentType = "application/json; charset=utf-8"
)

// fixtures returns the payloads of api/testdata/webhooks by file name.
func fixtures(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(fixturesDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no webhook fixtures")
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

// TestFixturesMatchSpec validates every example payload against the spec's request body,
// decodes it strictly into AccountEvent and compares the result with the original by value.
func TestFixturesMatchSpec(t *testing.T) {
	o := spectest.Find(t, spectest.Load(t, specFile), "receiveAccountWebhook")
	for name, body := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			if err := spectest.RequestBodyError(o, contentType, body); err != nil {
				t.Fatalf("does not match the spec: %v", err)
			}
			spectest.StrictRoundTrip(t, body, new(AccountEvent))
		})
	}
}

// TestFixtureValidationRejects makes sure the validation above can fail.
func TestFixtureValidationRejects(t *testing.T) {
	o := spectest.Find(t, spectest.Load(t, specFile), "receiveAccountWebhook")
	body := fixtures(t)["account.deleted.json"]
	for name, r := range map[string][2]string{
		"unknown action":      {`"action": "deleted"`, `"action": "blocked"`},
		"string balance":      {`"balance": 1000`, `"balance": "a lot"`},
		"ISO timestamp":       {`"created_at": 1588006057`, `"created_at": "2020-04-27T16:47:37Z"`},
		"integer set_by":      {`"balance_set_by": "FEED"`, `"balance_set_by": 1`},
		"platform type field": {`"account_type": "INVESTMENT"`, `"account_type": "BANK"`},
		"null guid":           {`"guid": "ACT-0950f510-a2de-4ea8-903f-494565b19432"`, `"guid": null`},
	} {
		bad := strings.Replace(string(body), r[0], r[1], 1)
		if bad == string(body) {
			t.Fatalf("%s: the replacement did not apply", name)
		}
		if err := spectest.RequestBodyError(o, contentType, []byte(bad)); err == nil {
			t.Errorf("%s: validated", name)
		}
	}
}

// TestSpecFollowsTheReference compares the spec's account with the reference's field table and
// its type lists with the reference's and the Platform API's.
func TestSpecFollowsTheReference(t *testing.T) {
	doc := spectest.Load(t, specFile)
	raw, err := os.ReadFile(reference)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	start := slices.Index(lines, "FieldData TypeDefinition")
	if start < 0 {
		t.Fatal("no field table in the reference")
	}
	row := regexp.MustCompile(`^([a-z_]+?)(String|Decimal|Integer|Boolean)[A-Z]`)
	props := doc.Components.Schemas["Account"].Value.Properties
	n := 0
	for _, l := range lines[start+1:] {
		if strings.TrimSpace(l) == "" {
			break
		}
		m := row.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("unparsed row %q", l)
		}
		n++
		p := props[m[1]]
		if p == nil {
			t.Errorf("the spec lacks %s", m[1])
			continue
		}
		s := p.Value
		var ok bool
		switch m[2] {
		case "Decimal":
			ok = s.Type.Is("number") && s.Format == "decimal"
		case "Integer":
			ok = s.Type.Is("integer")
		case "Boolean":
			ok = s.Type.Is("boolean")
		case "String":
			ok = s.Type.Is("string")
		}
		if !ok {
			t.Errorf("%s: the reference says %s, the spec %v/%s", m[1], m[2], s.Type, s.Format)
		}
		if strings.HasSuffix(m[1], "_set_by") && s.Extensions["x-go-type"] != "SetBy" {
			t.Errorf("%s is not a SetBy", m[1])
		}
	}
	if n != len(props) || n != 102 {
		t.Errorf("%d rows in the reference, %d fields in the spec, want 102", n, len(props))
	}

	platform := spectest.Load(t, "../../api/platform-v20111101.yaml").Components.Schemas
	for _, name := range []string{"AccountType", "AccountSubtype"} {
		for _, v := range doc.Components.Schemas[name].Value.Enum {
			if !slices.Contains(platform[name].Value.Enum, v) {
				t.Errorf("%s %v is not in the Platform API's list", name, v)
			}
		}
	}
	if got := len(doc.Components.Schemas["AccountSubtype"].Value.Enum); got != 105 {
		t.Errorf("%d subtypes, want the reference's 105", got)
	}
	if got := len(doc.Components.Schemas["AccountType"].Value.Enum); got != 12 {
		t.Errorf("%d types, want the reference's 12", got)
	}
}

func TestFixtureDecodesToTypedValues(t *testing.T) {
	e, err := ParseAccountEvent(fixtures(t)["account.deleted.json"])
	if err != nil {
		t.Fatal(err)
	}
	a := e.Account
	created, ok := Time(a.CreatedAt)
	if e.Action != AccountActionDeleted || a.GUID != "ACT-0950f510-a2de-4ea8-903f-494565b19432" ||
		a.AccountType != mxplatform.AccountTypeInvestment || a.AccountTypeSetBy != SetByUser ||
		!a.Balance.Value().Equal(mxplatform.MustDecimal("1000")) || a.BalanceSetBy != SetByFeed ||
		a.ID != "account-189ef902-6a74-4068-8107-fd3f24c8c661" || a.Revision != mxplatform.OptionalOf(2) ||
		!ok || created.Format("2006-01-02T15:04:05Z07:00") != "2020-04-27T16:47:37Z" ||
		a.AccountSubtype != "" || a.Apr.IsSet() || a.MemberIsManagedByUser != mxplatform.OptionalOf(true) {
		t.Errorf("decoded %+v", a)
	}
	if _, ok := Time(a.LastPaymentAt); ok {
		t.Error("a null timestamp has a time")
	}
}
