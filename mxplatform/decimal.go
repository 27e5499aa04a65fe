package mxplatform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"

	"github.com/shopspring/decimal"
)

// Decimal is an exact decimal number: the type of every amount, balance, rate and limit the MX
// Platform API sends. It never passes through binary floating point, so 1234567.89 stays
// 1234567.89 (a float32 holds 1234567.875). It decodes from a JSON number (or a quoted number)
// and encodes as a bare JSON number, the form MX sends and accepts.
//
// The zero value is 0. Use [ParseDecimal] or [MustDecimal] to build one, and [Decimal.Big] to
// compute with the full API of github.com/shopspring/decimal, which does the arithmetic here.
type Decimal struct {
	// A value whose digits fit an int64 (every amount MX sends) is coef × 10^exp and needs no
	// allocation; any other is held by big.
	coef int64
	exp  int32
	big  *decimal.Decimal
}

// maxSmallDigits is the most digits a coefficient may have to be held in an int64.
const maxSmallDigits = 18

// maxDecimalScale bounds the exponent and the number of digits of a Decimal: far beyond any
// amount or rate (1e400 is accepted), and small enough that printing a value stays cheap
// (1e999999999 would otherwise print a billion digits).
const maxDecimalScale = 1000

// maxDecimalText is the longest text parsed as a Decimal: parsing costs time and memory that
// grow with the square of the length (a number of 64 KiB would allocate 10 MB), and a value
// within the bounds above is written in far fewer characters.
const maxDecimalText = 2*maxDecimalScale + 48

// fromBig checks the range of a decimal parsed by github.com/shopspring/decimal.
func fromBig(d decimal.Decimal, text []byte) (Decimal, error) {
	if !decimalInRange(d.NumDigits(), d.Exponent()) {
		return Decimal{}, fmt.Errorf("mxplatform: decimal %s is out of range (more than %d digits written out, or an exponent below -%d)", truncate(text, 40), maxDecimalScale, maxDecimalScale)
	}
	return Decimal{big: &d}, nil
}

// decimalInRange reports whether a value of that many digits times ten to exp is one a Decimal
// holds: an exponent down to -maxDecimalScale, and at most maxDecimalScale digits once written
// out in plain notation (the digits plus the zeros a positive exponent adds), so that whatever
// a Decimal accepts it also accepts again as it prints it (10e999 prints 1001 digits).
func decimalInRange(digits int, exp int32) bool {
	return exp >= -maxDecimalScale && digits+max(int(exp), 0) <= maxDecimalScale
}

// ParseDecimal parses a decimal written in base 10, such as "61.11", "-0.5" or "1e3". It accepts
// what github.com/shopspring/decimal accepts, as long as the value has at most 1000 digits when
// written out in plain notation (so an exponent up to 999) and an exponent down to -1000, and its
// text at most 2048 characters.
func ParseDecimal(s string) (Decimal, error) {
	if coef, exp, ok := parseSmall([]byte(s)); ok {
		return Decimal{coef: coef, exp: exp}, nil
	}
	if len(s) > maxDecimalText {
		return Decimal{}, fmt.Errorf("mxplatform: decimal %s is out of range (longer than %d characters)", truncate([]byte(s), 40), maxDecimalText)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Decimal{}, fmt.Errorf("mxplatform: invalid decimal %q", s)
	}
	return fromBig(d, []byte(s))
}

// parseSmall parses -?digits(.digits)? with at most maxSmallDigits digits, the form of almost
// every JSON number MX sends, without allocating.
func parseSmall(b []byte) (coef int64, exp int32, ok bool) {
	neg := false
	if len(b) > 0 && b[0] == '-' {
		neg, b = true, b[1:]
	}
	if len(b) == 0 || b[0] == '.' || b[len(b)-1] == '.' {
		return 0, 0, false
	}
	digits, point := 0, -1
	for i, c := range b {
		switch {
		case c >= '0' && c <= '9':
			digits++
			if digits > maxSmallDigits {
				return 0, 0, false
			}
			coef = coef*10 + int64(c-'0')
		case c == '.' && point < 0:
			point = i
		default:
			return 0, 0, false
		}
	}
	if point >= 0 {
		exp = -int32(len(b) - point - 1)
	}
	if neg {
		coef = -coef
	}
	return coef, exp, true
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
func DecimalFromBig(d decimal.Decimal) Decimal { return Decimal{big: &d} }

// DecimalFromInt returns the decimal value of an integer.
func DecimalFromInt(i int64) Decimal { return Decimal{coef: i} }

// Big returns the value as a github.com/shopspring/decimal value, for arithmetic.
func (x Decimal) Big() decimal.Decimal {
	if x.big != nil {
		return *x.big
	}
	return decimal.New(x.coef, x.exp)
}

// String returns the value in plain decimal notation, without exponent or trailing fractional
// zeros ("1234567.89", "1000" for 1000.0).
func (x Decimal) String() string {
	if x.big != nil {
		return x.big.String()
	}
	return string(x.appendSmall(nil))
}

// appendSmall formats coef × 10^exp as shopspring's String does.
func (x Decimal) appendSmall(dst []byte) []byte {
	if x.exp >= 0 {
		dst = strconv.AppendInt(dst, x.coef, 10)
		for range x.exp {
			if x.coef == 0 {
				break
			}
			dst = append(dst, '0')
		}
		return dst
	}
	coef := x.coef
	if coef < 0 {
		dst = append(dst, '-')
		coef = -coef
	}
	var buf [20]byte
	digits := strconv.AppendInt(buf[:0], coef, 10)
	frac := int(-x.exp)
	for len(digits) <= frac {
		digits = append([]byte{'0'}, digits...)
	}
	intPart, fracPart := digits[:len(digits)-frac], digits[len(digits)-frac:]
	for len(fracPart) > 0 && fracPart[len(fracPart)-1] == '0' {
		fracPart = fracPart[:len(fracPart)-1]
	}
	if len(fracPart) == 0 && coef == 0 {
		return append(dst, '0')
	}
	dst = append(dst, intPart...)
	if len(fracPart) > 0 {
		dst = append(dst, '.')
		dst = append(dst, fracPart...)
	}
	return dst
}

// StringFixed returns the value rounded to places fractional digits ("61.10" for 2).
func (x Decimal) StringFixed(places int32) string { return x.Big().StringFixed(places) }

// Equal reports whether x and y are the same number (1000.0 equals 1000).
func (x Decimal) Equal(y Decimal) bool { return x.Cmp(y) == 0 }

// Cmp returns -1, 0 or +1 as x is less than, equal to or greater than y.
func (x Decimal) Cmp(y Decimal) int {
	if x.big == nil && y.big == nil && x.exp == y.exp {
		switch {
		case x.coef < y.coef:
			return -1
		case x.coef > y.coef:
			return 1
		}
		return 0
	}
	return x.Big().Cmp(y.Big())
}

// Sign returns -1, 0 or +1 as x is negative, zero or positive.
func (x Decimal) Sign() int {
	if x.big != nil {
		return x.big.Sign()
	}
	switch {
	case x.coef < 0:
		return -1
	case x.coef > 0:
		return 1
	}
	return 0
}

// IsZero reports whether x is 0.
func (x Decimal) IsZero() bool { return x.Sign() == 0 }

// Add returns x + y, exactly.
func (x Decimal) Add(y Decimal) Decimal { return DecimalFromBig(x.Big().Add(y.Big())) }

// Sub returns x - y, exactly.
func (x Decimal) Sub(y Decimal) Decimal { return DecimalFromBig(x.Big().Sub(y.Big())) }

// Neg returns -x.
func (x Decimal) Neg() Decimal { return DecimalFromBig(x.Big().Neg()) }

// Float64 returns the nearest float64 and whether it is exact. Use it for display or
// statistics only, never to store or add money.
func (x Decimal) Float64() (f float64, exact bool) { return x.Big().Float64() }

// MarshalJSON encodes the value as a bare JSON number.
func (x Decimal) MarshalJSON() ([]byte, error) {
	if x.big != nil {
		return []byte(x.big.String()), nil
	}
	return x.appendSmall(make([]byte, 0, 24)), nil
}

var (
	errDecimalNull    = errors.New("mxplatform: decimal is null")
	errDecimalTooLong = errors.New("mxplatform: decimal text too long")
)

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
	if coef, exp, ok := parseSmall(s); ok {
		*x = Decimal{coef: coef, exp: exp}
		return nil
	}
	var d decimal.Decimal
	err := errDecimalTooLong
	if len(s) <= maxDecimalText {
		d, err = decimal.NewFromString(string(s))
	}
	if err == nil {
		var v Decimal
		if v, err = fromBig(d, b); err == nil {
			*x = v
			return nil
		}
	}
	// An UnmarshalTypeError gets the field's path from encoding/json, so that the error says
	// which field of a response held the bad number.
	kind := "number"
	if len(b) > 0 && b[0] == '"' {
		kind = "string"
	}
	return &json.UnmarshalTypeError{Value: kind + " " + truncate(b, 40), Type: reflect.TypeFor[Decimal]()}
}

// MarshalText encodes the value as plain decimal text, for query strings and CSV.
func (x Decimal) MarshalText() ([]byte, error) { return x.MarshalJSON() }

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
