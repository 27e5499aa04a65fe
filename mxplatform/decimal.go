package mxplatform

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
)

// Decimal is an exact decimal number: the type of every amount, balance, rate and limit the MX
// Platform API sends. It never passes through binary floating point, so 1234567.89 stays
// 1234567.89 (a float32 holds 1234567.875). It decodes from a JSON number (or a quoted number)
// and encodes as a bare JSON number, the form MX sends and accepts.
//
// The zero value is 0. Use [ParseDecimal] or [MustDecimal] to build one, and [Decimal.Big] to
// compute with the full API of github.com/shopspring/decimal.
type Decimal struct {
	d decimal.Decimal
}

// ParseDecimal parses a decimal written in base 10, such as "61.11", "-0.5" or "1e3".
func ParseDecimal(s string) (Decimal, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Decimal{}, fmt.Errorf("mxplatform: invalid decimal %q", s)
	}
	return Decimal{d: d}, nil
}

// MustDecimal is like [ParseDecimal] but panics on invalid input. It is meant for constants in
// tests and examples.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DecimalFromBig wraps a github.com/shopspring/decimal value.
func DecimalFromBig(d decimal.Decimal) Decimal { return Decimal{d: d} }

// DecimalFromInt returns the decimal value of an integer, such as a number of cents divided by
// [DecimalFromInt] later, or a whole amount.
func DecimalFromInt(i int64) Decimal { return Decimal{d: decimal.NewFromInt(i)} }

// Big returns the value as a github.com/shopspring/decimal value, for arithmetic.
func (x Decimal) Big() decimal.Decimal { return x.d }

// String returns the value in plain decimal notation, without exponent ("1234567.89").
func (x Decimal) String() string { return x.d.String() }

// StringFixed returns the value rounded to places fractional digits ("61.10" for 2).
func (x Decimal) StringFixed(places int32) string { return x.d.StringFixed(places) }

// Equal reports whether x and y are the same number (1000.0 equals 1000).
func (x Decimal) Equal(y Decimal) bool { return x.d.Equal(y.d) }

// Cmp returns -1, 0 or +1 as x is less than, equal to or greater than y.
func (x Decimal) Cmp(y Decimal) int { return x.d.Cmp(y.d) }

// Sign returns -1, 0 or +1 as x is negative, zero or positive.
func (x Decimal) Sign() int { return x.d.Sign() }

// IsZero reports whether x is 0.
func (x Decimal) IsZero() bool { return x.d.IsZero() }

// Add returns x + y, exactly.
func (x Decimal) Add(y Decimal) Decimal { return Decimal{d: x.d.Add(y.d)} }

// Sub returns x - y, exactly.
func (x Decimal) Sub(y Decimal) Decimal { return Decimal{d: x.d.Sub(y.d)} }

// Neg returns -x.
func (x Decimal) Neg() Decimal { return Decimal{d: x.d.Neg()} }

// Float64 returns the nearest float64 and whether it is exact. Use it for display or
// statistics only, never to store or add money.
func (x Decimal) Float64() (f float64, exact bool) { return x.d.Float64() }

// MarshalJSON encodes the value as a bare JSON number.
func (x Decimal) MarshalJSON() ([]byte, error) { return []byte(x.d.String()), nil }

var errDecimalNull = errors.New("mxplatform: decimal is null")

// UnmarshalJSON decodes a JSON number or a string holding one. A JSON null is an error here;
// fields MX may send as null are *Decimal, which encoding/json leaves nil.
func (x *Decimal) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		return errDecimalNull
	}
	s := b
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	d, err := decimal.NewFromString(string(s))
	if err != nil {
		return fmt.Errorf("mxplatform: invalid decimal %s", truncate(b, 40))
	}
	x.d = d
	return nil
}

// MarshalText encodes the value as plain decimal text, for query strings and CSV.
func (x Decimal) MarshalText() ([]byte, error) { return []byte(x.d.String()), nil }

// UnmarshalText decodes plain decimal text.
func (x *Decimal) UnmarshalText(b []byte) error {
	d, err := ParseDecimal(string(b))
	if err != nil {
		return err
	}
	*x = d
	return nil
}

func truncate(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	return string(b[:n]) + "..."
}
