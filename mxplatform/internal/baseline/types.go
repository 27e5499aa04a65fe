// Package baseline holds the models of api/mxplatform.yaml with money as float64 pointers
// instead of mxplatform.Decimal, so that benchmarks can measure what exact decimals cost. It
// must not be used to handle money.
package baseline

// The identifier types the spec names (x-go-type); plain strings and ints here.
type (
	UserGUID        = string
	MemberGUID      = string
	AccountGUID     = string
	TransactionGUID = string
	InstitutionCode = string
	SetBy           = int
)
