// Package v20111101 is a client for version v20111101 of the MX Platform API, the version of
// MX's v1 reference, for integrations that have not moved to the current version (package
// mxplatform) yet. MX supports a version for at least 18 months after the next one, then
// deprecates it for a year before it stops answering.
//
// Everything that does not depend on the version is package mxplatform's and is shared: the
// options of [New], retries, typed errors, secrets, [mxplatform.Decimal], times, identifiers,
// connection statuses, pagination ([mxplatform.Page], [mxplatform.Paginate]), the MFA helpers
// and the job helpers ([mxplatform.WaitForJob]), which [API]'s methods call. The models whose
// shape did not change between the versions are the current version's types (Member,
// MemberStatus, Challenge, Pagination...); the others (Account, Institution, Transaction...)
// are this package's own, generated from api/platform-v20111101.yaml like the methods of [API].
//
// Every request names the version with Accept-Version: v20111101, beside the vendor media
// type application/vnd.mx.api.v1+json in Accept, as MX documents for this version; MX requires
// Accept-Version on every call after 2026-08-12.
//
//	mx, err := v20111101.New(mxplatform.WithEnvCredentials(), mxplatform.WithEnvironment(mxplatform.Production))
//	accounts, err := mx.ListUserAccounts(ctx, userGUID, nil)
//
// Paths of this version take MX's GUIDs only ([mxplatform.UserGUID], [mxplatform.MemberGUID]...),
// not the partner's ids.
package v20111101
