package mxplatform

import "slices"

// CategoryGroup is a top-level transaction category and the categories under it.
type CategoryGroup struct {
	TopLevel   string
	Categories []string
}

// Categories returns the documented category tree, in the reference's order.
func Categories() []CategoryGroup {
	out := make([]CategoryGroup, len(categoryTree))
	for i, g := range categoryTree {
		out[i] = CategoryGroup{TopLevel: g.TopLevel, Categories: slices.Clone(g.Categories)}
	}
	return out
}

// TopLevelCategory returns the top-level category of a category name ("Groceries" → "Food &
// Dining"); a top-level name is its own top level. It reports false for names outside the tree.
func TopLevelCategory(category string) (string, bool) {
	for _, g := range categoryTree {
		if g.TopLevel == category || slices.Contains(g.Categories, category) {
			return g.TopLevel, true
		}
	}
	return "", false
}

// MerchantCategoryCode is a row of MX's merchant category code table: an ISO 18245 code, the
// MX category a transaction with that code gets, and the merchant category it stands for.
type MerchantCategoryCode struct {
	Code int
	// RangeEnd, when not zero, makes the row the default of every code from Code to RangeEnd
	// (airlines, car rentals and hotels have one code per company).
	RangeEnd         int
	MXCategory       string
	MerchantCategory string
}

// LookupMerchantCategoryCode returns the row of a merchant category code (the transaction field
// merchant_category_code), using the default rows of code ranges, and false for codes the table
// does not list. MXCategory may be "Electronics & Software", which the table uses but the
// category tree lacks.
func LookupMerchantCategoryCode(code int) (MerchantCategoryCode, bool) {
	for _, row := range merchantCategoryCodes {
		if row.Code == code {
			return row, true
		}
	}
	for _, row := range merchantCategoryCodes {
		if row.RangeEnd != 0 && row.Code <= code && code <= row.RangeEnd {
			return row, true
		}
	}
	return MerchantCategoryCode{}, false
}

// MerchantCategoryCodes returns the whole documented table.
func MerchantCategoryCodes() []MerchantCategoryCode { return slices.Clone(merchantCategoryCodes) }
