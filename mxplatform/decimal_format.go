package mxplatform

import (
	"fmt"
	"strconv"
	"strings"
)

// Format implements fmt.Formatter, so that a Decimal prints as a number whatever the verb:
//
//   - %v and %s print [Decimal.String] ("6893.2");
//   - %f and %F print the same plain notation, or with a precision ("%.2f") the value rounded
//     to that many fractional digits, half away from zero ("6893.20");
//   - %q prints String quoted.
//
// Width and the flags '-', '+', ' ' and '0' work as they do for floats. Other verbs print
// fmt's usual %!verb(mxplatform.Decimal=value) notice. Nothing goes through float64.
func (x Decimal) Format(f fmt.State, verb rune) {
	var s string
	switch verb {
	case 'v', 's':
		s = x.String()
	case 'f', 'F':
		if prec, ok := f.Precision(); ok {
			s = x.StringFixed(int32(prec))
		} else {
			s = x.String()
		}
	case 'q':
		s = strconv.Quote(x.String())
	default:
		fmt.Fprintf(f, "%%!%c(mxplatform.Decimal=%s)", verb, x.String())
		return
	}
	if verb != 'q' && !strings.HasPrefix(s, "-") {
		switch {
		case f.Flag('+'):
			s = "+" + s
		case f.Flag(' '):
			s = " " + s
		}
	}
	width, ok := f.Width()
	if !ok || len(s) >= width {
		_, _ = f.Write([]byte(s))
		return
	}
	pad := width - len(s)
	switch {
	case f.Flag('-'):
		s += strings.Repeat(" ", pad)
	case f.Flag('0') && verb != 'q':
		sign := ""
		if s[0] == '-' || s[0] == '+' || s[0] == ' ' {
			sign, s = s[:1], s[1:]
		}
		s = sign + strings.Repeat("0", pad) + s
	default:
		s = strings.Repeat(" ", pad) + s
	}
	_, _ = f.Write([]byte(s))
}
