package mxplatformtest

import (
	"net/http"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The lookups of the records a request names. Paths of v20250224 take identifiers
// ({user_identifier}, {member_identifier}...): the partner-defined id or MX's GUID. A GUID is
// tried first, then an id, so that an id that looks like another object's GUID cannot hide
// that object. Paths that take a *_guid accept the GUID only, as MX documents. Every lookup
// checks ownership: an object of another user answers 404 like an unknown one, which reveals
// nothing of other users' data.

// user returns the user with the GUID, or errUserNotFound.
func (s *store) user(g mxplatform.UserGUID) (*userRec, error) {
	if u, ok := s.users[g]; ok {
		return u, nil
	}
	return nil, errUserNotFound
}

// enabledUser returns the user with the GUID, whose data may be reached: errUserNotFound for
// an unknown one, errUserDisabled for a disabled one.
func (s *store) enabledUser(g mxplatform.UserGUID) (*userRec, error) {
	u, err := s.user(g)
	if err != nil {
		return nil, err
	}
	return u, enabled(u)
}

// userByIdent returns the user named by its GUID or its partner-defined id.
func (s *store) userByIdent(ident string) (*userRec, error) {
	if u, ok := s.users[mxplatform.UserGUID(ident)]; ok {
		return u, nil
	}
	if u, ok := s.userIDs[mxplatform.UserID(ident)]; ok && ident != "" {
		return u, nil
	}
	return nil, errUserNotFound
}

// member returns the member of the user with the GUID, or a 404 error for an unknown user or
// member.
func (s *store) member(ug mxplatform.UserGUID, mg mxplatform.MemberGUID) (*memberRec, error) {
	u, err := s.user(ug)
	if err != nil {
		return nil, err
	}
	return s.memberOf(u, string(mg), false)
}

// memberOf returns the member of u named by ident: its GUID, or with byID its partner-defined
// id too.
func (s *store) memberOf(u *userRec, ident string, byID bool) (*memberRec, error) {
	if m, ok := s.members[mxplatform.MemberGUID(ident)]; ok && m.user == u {
		return m, nil
	}
	if byID && ident != "" {
		for _, m := range u.members {
			if string(m.data.ID) == ident {
				return m, nil
			}
		}
	}
	return nil, errMemberNotFound
}

// memberByIdents returns the member named by a user and a member identifier.
func (s *store) memberByIdents(user, member string) (*memberRec, error) {
	u, err := s.userByIdent(user)
	if err != nil {
		return nil, err
	}
	return s.memberOf(u, member, true)
}

// account returns the account of the user with the GUID, or a 404 error.
func (s *store) account(ug mxplatform.UserGUID, ag mxplatform.AccountGUID) (*accountRec, error) {
	u, err := s.user(ug)
	if err != nil {
		return nil, err
	}
	if a, ok := s.accounts[ag]; ok && a.member.user == u {
		return a, nil
	}
	return nil, errAccountNotFound
}

// accountIn returns the account named by ident (its GUID, or its partner-defined id) among
// accounts.
func accountIn(accounts []*accountRec, ident string) (*accountRec, error) {
	for _, a := range accounts {
		if string(a.guid) == ident {
			return a, nil
		}
	}
	if ident != "" {
		for _, a := range accounts {
			if string(a.data.ID) == ident {
				return a, nil
			}
		}
	}
	return nil, errAccountNotFound
}

// transaction returns the transaction of the user with the GUID, or a 404 error.
func (s *store) transaction(ug mxplatform.UserGUID, tg mxplatform.TransactionGUID) (*txnRec, error) {
	u, err := s.user(ug)
	if err != nil {
		return nil, err
	}
	if t, ok := s.txns[tg]; ok && t.account.member.user == u {
		return t, nil
	}
	return nil, errTransactionNotFound
}

// transactionIn returns the transaction of the account named by ident (its GUID, or its
// partner-defined id).
func transactionIn(a *accountRec, ident string) (*txnRec, error) {
	for _, t := range a.txns {
		if string(t.guid) == ident {
			return t, nil
		}
	}
	if ident != "" {
		for _, t := range a.txns {
			if string(t.data.ID) == ident {
				return t, nil
			}
		}
	}
	return nil, errTransactionNotFound
}

// institution returns the institution with the code, or errUnknownInstitution.
func (s *store) institution(code mxplatform.InstitutionCode) (*institutionRec, error) {
	if i, ok := s.instByCode[code]; ok {
		return i, nil
	}
	return nil, errUnknownInstitution
}

// institutionByIdent returns the institution named by its code or its GUID.
func (s *store) institutionByIdent(ident string) (*institutionRec, error) {
	if i, ok := s.instByCode[mxplatform.InstitutionCode(ident)]; ok {
		return i, nil
	}
	if i, ok := s.instByGUID[mxplatform.InstitutionGUID(ident)]; ok {
		return i, nil
	}
	return nil, errUnknownInstitution
}

// userAccounts returns every account of the user, member by member.
func userAccounts(u *userRec) []*accountRec {
	var out []*accountRec
	for _, m := range u.members {
		out = append(out, m.accs...)
	}
	return out
}

// errUserDisabled answers reads and changes of the data of a disabled user (see enabledUser).
var errUserDisabled = &apiError{status: http.StatusForbidden, message: "The user is disabled: enable it (updateUser with is_disabled false) to reach its data."}

// enabled checks that the user may have its data read and changed: MX shuts off a disabled
// user's data until it is enabled again. The user itself can still be read, updated, listed and
// deleted.
func enabled(u *userRec) error {
	if u.data.IsDisabled.Value() {
		return errUserDisabled
	}
	return nil
}
