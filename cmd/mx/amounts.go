package main

import (
	"encoding/json"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
)

// Amounts. MX sends amounts, balances, rates and quantities as JSON numbers in their shortest
// form: a balance of 6893.20 arrives as 6893.2, one of 100.00 as 100. The CLI prints every
// such value (a field the specs type as a decimal, listed in amountFields, which gen/cli
// writes from the specs) with at least two fractional digits, padded with zeros and never
// rounded: 6893.2 prints as 6893.20, 100 as 100.00, 0.125 as 0.125. It does so once, when a
// value becomes the tree every format prints, so that JSON, tables, CSV, YAML, --jq, the
// demo and `mx api` show the same text. JSON keeps a number (6893.20 is the same JSON number
// as 6893.2), so scripts read the same value.

// minScale is the fewest fractional digits an amount is printed with.
const minScale = 2

// scaleAmounts gives the amounts of a tree their scale, in place: every number that is the
// value of a member named in amountFields.
func scaleAmounts(x any) any {
	switch v := x.(type) {
	case map[string]any:
		for k, e := range v {
			if n, ok := e.(json.Number); ok && amountFields[k] {
				v[k] = withScale(n)
			} else {
				v[k] = scaleAmounts(e)
			}
		}
	case []any:
		for i, e := range v {
			v[i] = scaleAmounts(e)
		}
	}
	return x
}

// withScale writes n in plain notation with at least minScale fractional digits, exactly.
func withScale(n json.Number) json.Number {
	s := string(n)
	if strings.ContainsAny(s, "eE") {
		d, err := mxplatform.ParseDecimal(s)
		if err != nil {
			return n
		}
		s = d.String()
	}
	return json.Number(scaled(s))
}

// scaled pads the plain decimal text s to minScale fractional digits.
func scaled(s string) string {
	dot := strings.IndexByte(s, '.')
	if dot < 0 {
		return s + "." + strings.Repeat("0", minScale)
	}
	if digits := len(s) - dot - 1; digits < minScale {
		return s + strings.Repeat("0", minScale-digits)
	}
	return s
}

// amount writes a decimal as the CLI prints amounts: 6893.20.
func amount(d mxplatform.Decimal) string { return scaled(d.String()) }
