package mxplatformtest

import (
	"slices"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
)

// institutionFilter is what the institution lists narrow by, in either version.
type institutionFilter struct {
	name      *string
	countries []string
	// products the institution must all support (v20250224's supported_products, or
	// v20111101's supports_* flags set to true).
	products []mxplatform.SupportedProduct
	favorite bool
}

// institutions lists the institutions in the order they were seeded that pass the filter: a
// name containing the text, case-insensitively; one of the countries (comma-separated lists
// allowed); every product.
func (f *Fake) institutions(flt institutionFilter) []*institutionRec {
	var out []*institutionRec
	for _, inst := range f.st.institutions {
		switch {
		case flt.favorite && !inst.Favorite,
			flt.name != nil && !strings.Contains(strings.ToLower(inst.Name), strings.ToLower(strings.TrimSpace(*flt.name))),
			!inCountries(inst, flt.countries),
			slices.ContainsFunc(flt.products, func(p mxplatform.SupportedProduct) bool { return !inst.supports(p) }):
			continue
		}
		out = append(out, inst)
	}
	return out
}

// inCountries reports whether the institution is in one of the countries (any when none).
func inCountries(inst *institutionRec, codes []string) bool {
	if len(codes) == 0 {
		return true
	}
	for _, c := range codes {
		for _, one := range strings.Split(c, ",") {
			if strings.EqualFold(strings.TrimSpace(one), string(inst.ISOCountryCode)) {
				return true
			}
		}
	}
	return false
}
