package mxplatform

import "strings"

// ProcessorScope returns the scope of an authorization code (see
// [API.RequestAuthorizationCode]) that lets a payment processor read one account: its user,
// member and account GUIDs, read-only, in the form MX's guides give. Package processor is the
// processor's side.
func ProcessorScope(user UserGUID, member MemberGUID, account AccountGUID) string {
	return strings.Join([]string{
		"user-guid:" + string(user),
		"member-guid:" + string(member),
		"account-guid:" + string(account),
		"read-protected",
	}, " ")
}
