package mxplatform

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDecimalRoundTripsExactly(t *testing.T) {
	for _, in := range []string{"0.1", "1000.0", "999999999999.99", "1234567.89", "-43.2075", "0.000001", "12345678901234567890.123456789"} {
		var acct Account
		if err := json.Unmarshal([]byte(`{"balance":`+in+`}`), &acct); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		out, err := json.Marshal(acct)
		if err != nil {
			t.Fatal(err)
		}
		want := MustDecimal(in)
		if !acct.Balance.Equal(want) {
			t.Errorf("%s decoded as %s", in, acct.Balance)
		}
		if d := jsonDiff([]byte(`{"balance":`+in+`}`), out); d != "" {
			t.Errorf("%s: %s", in, d)
		}
		// Encoded as a bare JSON number, never a string.
		if strings.Contains(string(out), `"balance":"`) {
			t.Errorf("%s encoded as a string: %s", in, out)
		}
	}
}

func TestDecimalKeepsCentsThatFloat32Loses(t *testing.T) {
	var acct Account
	if err := json.Unmarshal([]byte(`{"balance": 1234567.89}`), &acct); err != nil {
		t.Fatal(err)
	}
	if got := acct.Balance.String(); got != "1234567.89" {
		t.Fatalf("balance = %s", got)
	}
	f := float32(1234567.89)
	if lost := float64(f); lost != 1234567.875 {
		t.Fatalf("float32 holds %v", lost)
	}
	sum := MustDecimal("0.1").Add(MustDecimal("0.2"))
	if !sum.Equal(MustDecimal("0.3")) {
		t.Errorf("0.1 + 0.2 = %s", sum)
	}
}

func TestDecimalRejectsNonNumbers(t *testing.T) {
	for _, in := range []string{`"abc"`, `true`, `{}`, `"1.2.3"`, `null`} {
		var d Decimal
		if err := json.Unmarshal([]byte(in), &d); err == nil {
			t.Errorf("%s decoded as %s", in, d)
		}
	}
	// A null field stays nil: MX sends null for unknown balances.
	var acct Account
	if err := json.Unmarshal([]byte(`{"balance": null}`), &acct); err != nil || acct.Balance != nil {
		t.Errorf("null balance: %v, %v", acct.Balance, err)
	}
	if _, err := ParseDecimal("12,50"); err == nil {
		t.Error("ParseDecimal accepted a comma")
	}
}

// TestNoFloat32InGeneratedCode guards the type mapping of the generator configuration.
func TestNoFloat32InGeneratedCode(t *testing.T) {
	files, err := filepath.Glob("*.gen.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated files: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "float32") {
			t.Errorf("%s mentions float32", f)
		}
	}
}

// TestMoneyFieldsAreDecimal checks that every money field of the spec decodes into Decimal.
func TestMoneyFieldsAreDecimal(t *testing.T) {
	doc := loadSpec(t)
	count := 0
	for name, schema := range doc.Components.Schemas {
		for field, prop := range schema.Value.Properties {
			if prop.Value.Type.Is("number") && prop.Value.Format != "decimal" && field != "latitude" && field != "longitude" {
				t.Errorf("%s.%s is a number but not a decimal", name, field)
			}
			if prop.Value.Format == "decimal" {
				count++
			}
		}
	}
	if count < 50 {
		t.Errorf("only %d decimal fields", count)
	}
}
