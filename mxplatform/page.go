package mxplatform

// Page is one page of a list: its records, and where the page stands in the whole list. The
// List... methods return one; their List...Iter twins read every page.
type Page[T any] struct {
	Items      []T
	Pagination Pagination
}

// Ptr returns a pointer to v, for the optional fields of requests:
//
//	mx.UpdateTransaction(ctx, user, txn, mxplatform.TransactionUpdateRequest{Memo: mxplatform.Ptr("lunch")})
func Ptr[T any](v T) *T { return &v }
