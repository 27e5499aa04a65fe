package mxplatform

import (
	"encoding/json"
	"fmt"
	"github.com/shopspring/decimal"
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
		if !acct.Balance.Value().Equal(want) {
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
	if got := acct.Balance.Value().String(); got != "1234567.89" {
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
	for _, in := range []string{`"abc"`, `true`, `{}`, `"1.2.3"`, `null`, `1e999999999`, `0e999999999`, `1e-999999999`, `"5E+3000"`, `1` + strings.Repeat("0", 1001)} {
		var d Decimal
		if err := json.Unmarshal([]byte(in), &d); err == nil {
			t.Errorf("%s decoded as %s", in, d)
		}
	}
	// A null field stays nil: MX sends null for unknown balances.
	var acct Account
	if err := json.Unmarshal([]byte(`{"balance": null}`), &acct); err != nil || acct.Balance.IsSet() {
		t.Errorf("null balance: %v, %v", acct.Balance, err)
	}
	if _, err := ParseDecimal("12,50"); err == nil {
		t.Error("ParseDecimal accepted a comma")
	}
}

// TestDecimalAcceptsWhatTheDocsSay parses values at the documented bounds (1000 digits written
// out, an exponent down to -1000): within them Decimal agrees with shopspring/decimal, beyond
// them it refuses, so that every value it accepts it accepts again as it prints it.
func TestDecimalAcceptsWhatTheDocsSay(t *testing.T) {
	for _, s := range []string{"1e400", "5E+300", "-1e-1000", "1e999", "9.99e999", strings.Repeat("9", 1000), strings.Repeat("9", 500) + "e500"} {
		d, err := ParseDecimal(s)
		if err != nil {
			t.Errorf("ParseDecimal(%s): %v", s, err)
			continue
		}
		if ref := decimal.RequireFromString(s); !d.Big().Equal(ref) {
			t.Errorf("ParseDecimal(%s) = %s, want %s", s, d, ref)
		}
	}
	for _, s := range []string{"1e1000", "10e999", "1e1001", "1e-1001", strings.Repeat("9", 1001), strings.Repeat("9", 500) + "e501"} {
		if _, err := ParseDecimal(s); err == nil {
			t.Errorf("ParseDecimal accepted %.20s... beyond the documented bounds", s)
		}
	}
}

func TestDecimalFormat(t *testing.T) {
	for _, tc := range []struct {
		format string
		value  string
		want   string
	}{
		{"%v", "6893.2", "6893.2"},
		{"%s", "6893.2", "6893.2"},
		{"%.2f", "6893.2", "6893.20"},
		{"%.2f", "0.125", "0.13"},
		{"%.2f", "-0.125", "-0.13"},
		{"%.0f", "2.5", "3"},
		{"%f", "1234567.891", "1234567.891"},
		{"%F", "1e3", "1000"},
		{"%q", "61.11", `"61.11"`},
		{"%10.2f", "5", "      5.00"},
		{"%-8v|", "5.5", "5.5     |"},
		{"%08.2f", "-5.5", "-0005.50"},
		{"%+.1f", "5", "+5.0"},
		{"%+v", "-5", "-5"},
		{"% v", "5", " 5"},
		{"%d", "5", "%!d(mxplatform.Decimal=5)"},
		{"%v", "123456789012345678901234567890.5", "123456789012345678901234567890.5"},
		{"%.3f", "123456789012345678901234567890.12345", "123456789012345678901234567890.123"},
	} {
		d := MustDecimal(tc.value)
		if got := fmt.Sprintf(tc.format, d); got != tc.want {
			t.Errorf("Sprintf(%q, %s) = %q, want %q", tc.format, tc.value, got, tc.want)
		}
		if got := fmt.Sprintf(tc.format, &d); got != tc.want {
			t.Errorf("Sprintf(%q, &%s) = %q, want %q", tc.format, tc.value, got, tc.want)
		}
	}
	// Inside a struct, the Decimal prints as its number, not its representation.
	if got := fmt.Sprintf("%v", struct{ A Decimal }{MustDecimal("1.5")}); got != "{1.5}" {
		t.Errorf("struct printed %q", got)
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

// FuzzDecimal checks the allocation-free representation against github.com/shopspring/decimal:
// every input one accepts the other accepts, with the same value and the same text, and the
// JSON encoding decodes back to an equal value.
func FuzzDecimal(f *testing.F) {
	for _, s := range []string{"0", "-0", "0.1", "1000.0", "999999999999.99", "-43.2075", "1e3", "1.5E-2", "00012.3400",
		"123456789012345678", "1234567890123456789", "0.000000000000000001", "-", ".5", "5.", "1.2.3", "", "+1", "\"7\""} {
		f.Add(s)
	}
	f.Add("1e999999999")
	f.Fuzz(func(t *testing.T, s string) {
		ours, err := ParseDecimal(s)
		ref, refErr := decimal.NewFromString(s)
		if refErr == nil && err != nil && (len(s) > maxDecimalText || ref.Exponent() < -maxDecimalScale || ref.NumDigits()+max(int(ref.Exponent()), 0) > maxDecimalScale) {
			return // out of the range Decimal accepts
		}
		if (err == nil) != (refErr == nil) {
			t.Fatalf("%q: ours %v, shopspring %v", s, err, refErr)
		}
		if err != nil {
			return
		}
		if ours.String() != ref.String() || !ours.Equal(DecimalFromBig(ref)) || ours.Big().Cmp(ref) != 0 {
			t.Fatalf("%q: ours %s, shopspring %s", s, ours, ref)
		}
		b, err := json.Marshal(ours)
		if err != nil {
			t.Fatal(err)
		}
		var back Decimal
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(ours) {
			t.Fatalf("%q: %s decodes to %s (%v)", s, b, back, err)
		}
		if ours.Sign() != ref.Sign() {
			t.Fatalf("%q: sign %d, want %d", s, ours.Sign(), ref.Sign())
		}
	})
}

func TestDecimalArithmeticAcrossRepresentations(t *testing.T) {
	small, huge := MustDecimal("0.10"), MustDecimal("12345678901234567890.5")
	if got := small.Add(huge).String(); got != "12345678901234567890.6" {
		t.Errorf("sum %s", got)
	}
	if small.Cmp(MustDecimal("0.1")) != 0 || small.Cmp(MustDecimal("0.11")) != -1 || huge.Cmp(small) != 1 {
		t.Error("Cmp")
	}
	if MustDecimal("-2.50").Neg().String() != "2.5" || MustDecimal("61.1").StringFixed(2) != "61.10" {
		t.Error("Neg or StringFixed")
	}
	if f, exact := MustDecimal("0.5").Float64(); f != 0.5 || !exact {
		t.Errorf("Float64 %v %v", f, exact)
	}
	if !DecimalFromInt(0).IsZero() || (Decimal{}).String() != "0" || DecimalFromInt(-7).String() != "-7" {
		t.Error("zero values")
	}
}

// TestLongDecimalTextIsRefusedCheaply: a number of 64 KiB (within a body's bounds) is refused
// before it is parsed, whose cost grows with the square of its length.
func TestLongDecimalTextIsRefusedCheaply(t *testing.T) {
	long := "1" + strings.Repeat("0", 64<<10)
	var d Decimal
	var err error
	cost := allocated(func() { err = json.Unmarshal([]byte(long), &d) })
	if err == nil || cost > 1<<20 {
		t.Errorf("decoding %d digits: %v, %d KiB allocated", len(long), err, cost>>10)
	}
	if _, err := ParseDecimal(long); err == nil {
		t.Error("ParseDecimal accepted it")
	}
	if _, err := ParseDecimal("0." + strings.Repeat("0", 999) + "1"); err != nil {
		t.Errorf("the smallest value within the bounds: %v", err)
	}
}
