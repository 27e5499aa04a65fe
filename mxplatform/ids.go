package mxplatform

// Identifiers are distinct string types, so that the compiler refuses a user GUID where a
// member GUID belongs. Resources carry them typed: a Member's GUID is a *MemberGUID and its
// UserGUID a *UserGUID, ready to pass to the next call.

// UserGUID identifies a user (`USR-...`). MX defines it.
type UserGUID string

// MemberGUID identifies a member (`MBR-...`). MX defines it.
type MemberGUID string

// AccountGUID identifies an account (`ACT-...`). MX defines it.
type AccountGUID string

// TransactionGUID identifies a transaction (`TRN-...`). MX defines it.
type TransactionGUID string

// InstitutionCode identifies an institution, for example "chase" or "mxbank". MX defines it.
type InstitutionCode string

// String returns the GUID.
func (g UserGUID) String() string { return string(g) }

// String returns the GUID.
func (g MemberGUID) String() string { return string(g) }

// String returns the GUID.
func (g AccountGUID) String() string { return string(g) }

// String returns the GUID.
func (g TransactionGUID) String() string { return string(g) }

// String returns the code.
func (c InstitutionCode) String() string { return string(c) }
