package mxplatform

import (
	"encoding/json"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
)

// TestGettersAreNilSafe reads every kind of field through getters on a nil model, on a model
// whose fields are absent and on one whose fields are set.
func TestGettersAreNilSafe(t *testing.T) {
	var nilAccount *Account
	if b, ok := nilAccount.GetBalance(); ok || !b.IsZero() {
		t.Errorf("nil account balance %s, %v", b, ok)
	}
	if nilAccount.GetGUID() != "" || nilAccount.GetName() != "" || nilAccount.GetIsClosed() || nilAccount.GetDayPaymentIsDue() != 0 {
		t.Error("a nil account's getters return values")
	}
	var nilTx *Transaction
	if nilTx.GetMerchant().GetName() != "" || nilTx.GetGeolocation().GetPostalCode() != "" {
		t.Error("a chain of getters from a nil transaction returns values")
	}

	var absent Account
	if err := json.Unmarshal([]byte(`{"guid": "ACT-1", "balance": null, "is_closed": null}`), &absent); err != nil {
		t.Fatal(err)
	}
	if _, ok := absent.GetBalance(); ok {
		t.Error("a null balance reads as present: an absent balance is not a zero balance")
	}
	if absent.GetGUID() != "ACT-1" || absent.GetIsClosed() || absent.GetName() != "" {
		t.Errorf("absent fields: %+v", absent)
	}

	var set Account
	if err := json.Unmarshal([]byte(`{"balance": 0, "is_closed": false, "day_payment_is_due": 12, "name": "Checking"}`), &set); err != nil {
		t.Fatal(err)
	}
	if b, ok := set.GetBalance(); !ok || !b.IsZero() {
		t.Errorf("a zero balance reads as %s, %v", b, ok)
	}
	if set.GetDayPaymentIsDue() != 12 || set.GetName() != "Checking" || !set.IsClosed.IsSet() || set.IsClosed.Value() {
		t.Errorf("set fields: %+v", set)
	}
}

// TestTimesKeepMXText decodes timestamps and dates in every form MX sends them, and others: each
// decodes, gives its time (or a clear error), and encodes back exactly as it came.
func TestTimesKeepMXText(t *testing.T) {
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		json string
		want time.Time // zero: no time
		bad  bool      // Time fails
	}{
		{`"2016-10-13T18:07:57.000Z"`, utc("2016-10-13T18:07:57Z"), false},
		{`"2016-10-13T18:07:57Z"`, utc("2016-10-13T18:07:57Z"), false},
		{`"2016-10-13T12:07:57-06:00"`, utc("2016-10-13T18:07:57Z"), false},
		{`"2016-10-13T18:07:57"`, utc("2016-10-13T18:07:57Z"), false},
		{`"2016-10-13T18:07:57+0000"`, utc("2016-10-13T18:07:57Z"), false},
		{`"2016-10-13"`, utc("2016-10-13T00:00:00Z"), false},
		{`null`, time.Time{}, false},
		{`"yesterday"`, time.Time{}, true},
		{`"2016-13-45"`, time.Time{}, true},
	} {
		var v struct {
			At Timestamp `json:"at,omitempty"`
			On Date      `json:"on,omitempty"`
		}
		if err := json.Unmarshal([]byte(`{"at": `+tc.json+`, "on": `+tc.json+`}`), &v); err != nil {
			t.Fatalf("%s does not decode: %v", tc.json, err)
		}
		for name, got := range map[string]func() (time.Time, error){"timestamp": v.At.Time, "date": v.On.Time} {
			tm, err := got()
			switch {
			case tc.bad && (err == nil || !strings.Contains(err.Error(), strings.Trim(tc.json, `"`))):
				t.Errorf("%s %s: %v, want an error quoting it", name, tc.json, err)
			case !tc.bad && (err != nil || !tm.Equal(tc.want)):
				t.Errorf("%s %s: %v, %v; want %v", name, tc.json, tm, err, tc.want)
			}
		}
		back, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		want := `{"at":` + tc.json + `,"on":` + tc.json + `}`
		if tc.json == "null" {
			want = `{}`
		}
		if string(back) != want {
			t.Errorf("%s encodes back as %s", tc.json, back)
		}
	}
	if d := DateOf(time.Date(2025, 3, 1, 23, 0, 0, 0, time.UTC)); d != "2025-03-01" {
		t.Errorf("DateOf %s", d)
	}
	if ts := TimestampOf(time.Date(2025, 3, 1, 23, 0, 0, 0, time.FixedZone("x", 3600))); ts != "2025-03-01T22:00:00Z" {
		t.Errorf("TimestampOf %s", ts)
	}
}

// TestIncludesAreTyped decodes a transaction with the four objects includes adds, with the keys
// of MX's examples (among them "postal code", with a space).
func TestIncludesAreTyped(t *testing.T) {
	const body = `{
		"guid": "TRN-1",
		"classification": {"guid": "MNC-3ad50f86-60d0-4545-a1f9-e66c2ac40f69", "parent_class": "Deposit"},
		"geolocation": {"city": "lehi", "country": "us", "postal code": "84043", "state": "UT"},
		"merchant": {"guid": "MCH-0c25f895-393c-42a4-9c18-95a0b26d4d84", "logo_url": "https://content.mx.com/logos/merchants/MCH-0c25f895.png", "name": "MX", "website_url": "https://www.mx.com"},
		"repeating_transaction": {"guid": "RPT-065b8b1d-826a-45ce-8487-60ca1510e72a", "recurrence_type": "EVERY_OTHER_WEEK", "repeating_transaction_type": "BILL"}
	}`
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	var tx Transaction
	if err := dec.Decode(&tx); err != nil {
		t.Fatal(err)
	}
	if tx.GetClassification().GetParentClass() != ClassificationParentClassDeposit ||
		tx.GetGeolocation().GetPostalCode() != "84043" || tx.GetGeolocation().GetCity() != "lehi" ||
		tx.GetMerchant().GetGUID() != "MCH-0c25f895-393c-42a4-9c18-95a0b26d4d84" || tx.GetMerchant().GetWebsiteURL() != "https://www.mx.com" ||
		tx.GetRepeatingTransaction().GetRepeatingTransactionType() != RepeatingTransactionTypeBill ||
		tx.GetRepeatingTransaction().GetGUID() != "RPT-065b8b1d-826a-45ce-8487-60ca1510e72a" {
		t.Errorf("%+v", tx)
	}
	back, err := json.Marshal(tx)
	if err != nil {
		t.Fatal(err)
	}
	if d := jsonDiff([]byte(body), back); d != "" {
		t.Errorf("does not round-trip: %s", d)
	}
}

// plumbing matches the exported names of generated client plumbing that the package users
// import must not have: oapi-codegen's client and its options, and the parameter, body and
// response types of a spec's components. The names it derives from operations (request
// builders, response wrappers and parsers) are listed by operationPlumbing.
var plumbing = regexp.MustCompile(`^(Client|ClientInterface|ClientWithResponses|ClientWithResponsesInterface|ClientOption|RequestEditorFn|HttpRequestDoer|NewClient|NewClientWithResponses|WithBaseURL|WithHTTPClient|WithRequestEditorFn|\w+Param|\w+RequestBody|\w+ResponseBody|ErrorDetail)$`)

// operationPlumbing returns the names oapi-codegen gives the plumbing of each operation of the
// spec at path.
func operationPlumbing(t *testing.T, path string) map[string]bool {
	out := map[string]bool{}
	for id := range spectest.Operations(spectest.Load(t, path)) {
		n := strings.ToUpper(id[:1]) + id[1:]
		for _, name := range []string{n + "Response", "New" + n + "Request", "New" + n + "RequestWithBody", "Parse" + n + "Response", n + "JSONRequestBody", n + "JSONBody"} {
			out[name] = true
		}
	}
	return out
}

// TestNoGeneratedPlumbingIsExported lists what `go doc` shows of every package users import
// that holds generated code, and fails on any name of generated plumbing.
func TestNoGeneratedPlumbingIsExported(t *testing.T) {
	for _, pkg := range []struct{ dir, spec string }{
		{".", specFile},
		{"v20111101", "../api/platform-v20111101.yaml"},
		{"nexus", "../api/nexus.yaml"},
		{"moov", "../api/moov.yaml"},
		{"webhook", "../api/webhooks.yaml"},
		{"connect", "../api/connect-events.yaml"},
	} {
		names := exportedNames(t, pkg.dir)
		if len(names) < 10 {
			t.Fatalf("%s: only %d exported names: the package did not parse as expected", pkg.dir, len(names))
		}
		ops := operationPlumbing(t, pkg.spec)
		for _, n := range names {
			if plumbing.MatchString(n) || ops[n] {
				t.Errorf("%s exports %s, generated plumbing", pkg.dir, n)
			}
		}
	}
}

// exportedNames returns the names `go doc` lists for the package in dir.
func exportedNames(t *testing.T, dir string) []string {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	p, err := doc.NewFromFiles(fset, files, "github.com/mxsdk/mx-go/mxplatform/"+dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range p.Funcs {
		names = append(names, f.Name)
	}
	for _, typ := range p.Types {
		names = append(names, typ.Name)
		for _, f := range typ.Funcs {
			names = append(names, f.Name)
		}
	}
	for _, v := range append(p.Vars, p.Consts...) {
		names = append(names, v.Names...)
	}
	return names
}
