package mxplatformtest

import "github.com/mxsdk/mx-go/mxplatform"

// Pagination as MX documents it: page counts from 1 (default 1); records_per_page defaults to
// 25 and ranges from 10 to the list's maximum, 100 on most lists and on every list of
// v20111101, 1000 on many of v20250224 (each list's parameter says which). A value outside
// that range is not an error: it falls back to the default, 25, as MX does for values above
// the maximum. A page past the end is empty.
const (
	defaultPerPage = 25
	minPerPage     = 10
	maxPerPage     = 100
	maxPerPageWide = 1000
)

// pageOf returns the items of the requested page and the pagination object describing it; max
// is the most records a page of the list may hold.
func pageOf[T any](items []T, page, perPage *int, max int) ([]T, mxplatform.Pagination) {
	p := 1
	if page != nil && *page > 1 {
		p = *page
	}
	n := defaultPerPage
	if perPage != nil && *perPage >= minPerPage && *perPage <= max {
		n = *perPage
	}
	total := len(items)
	pg := mxplatform.Pagination{CurrentPage: p, PerPage: n, TotalEntries: total, TotalPages: (total + n - 1) / n}
	start := (p - 1) * n
	if start >= total || start < 0 {
		return []T{}, pg
	}
	end := min(start+n, total)
	return append([]T(nil), items[start:end]...), pg
}
