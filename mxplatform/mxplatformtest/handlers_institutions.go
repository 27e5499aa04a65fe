package mxplatformtest

import (
	"context"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server"
)

// ListInstitutions serves listInstitutions: the institutions in the order they were seeded,
// narrowed by name (a case-insensitive substring), country and capabilities.
func (f handlers) ListInstitutions(_ context.Context, req server.ListInstitutionsRequestObject) (server.ListInstitutionsResponseObject, error) {
	p := req.Params
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []mxplatform.Institution
	for _, inst := range f.st.institutions {
		if p.Name != nil && !strings.Contains(strings.ToLower(inst.Name), strings.ToLower(strings.TrimSpace(*p.Name))) {
			continue
		}
		if !inCountries(inst, p.ISOCountryCode) {
			continue
		}
		if !capable(p.SupportsAccountIdentification, inst.SupportsAccountIdentification.Value()) ||
			!capable(p.SupportsAccountStatement, inst.SupportsAccountStatement.Value()) ||
			!capable(p.SupportsAccountVerification, inst.SupportsAccountVerification.Value()) ||
			!capable(p.SupportsTransactionHistory, inst.SupportsTransactionHistory.Value()) {
			continue
		}
		out = append(out, inst.api())
	}
	items, pg := pageOf(out, p.Page, p.RecordsPerPage)
	return server.ListInstitutions200ApplicationVndMxAPIV1PlusJSONResponse{Institutions: items, Pagination: pg}, nil
}

// inCountries reports whether the institution is in one of the countries (any when none).
func inCountries(inst *institutionRec, codes []string) bool {
	if len(codes) == 0 {
		return true
	}
	for _, c := range codes {
		for _, one := range strings.Split(c, ",") {
			if strings.EqualFold(strings.TrimSpace(one), inst.ISOCountryCode) {
				return true
			}
		}
	}
	return false
}

// capable applies a supports_* filter: only true narrows the list, as MX documents.
func capable(want *bool, has bool) bool {
	return want == nil || !*want || has
}

// ListFavoriteInstitutions serves listFavoriteInstitutions: the institutions seeded as
// favorites, narrowed by country.
func (f handlers) ListFavoriteInstitutions(_ context.Context, req server.ListFavoriteInstitutionsRequestObject) (server.ListFavoriteInstitutionsResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []mxplatform.Institution
	for _, inst := range f.st.institutions {
		if inst.Favorite && inCountries(inst, req.Params.ISOCountryCode) {
			out = append(out, inst.api())
		}
	}
	items, pg := pageOf(out, req.Params.Page, req.Params.RecordsPerPage)
	return server.ListFavoriteInstitutions200ApplicationVndMxAPIV1PlusJSONResponse{Institutions: items, Pagination: pg}, nil
}

// ReadInstitution serves readInstitution: 404 "Unrecognized institution." for an unknown code.
func (f handlers) ReadInstitution(_ context.Context, req server.ReadInstitutionRequestObject) (server.ReadInstitutionResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	inst, err := f.st.institution(req.InstitutionCode)
	if err != nil {
		return nil, err
	}
	return server.ReadInstitution200ApplicationVndMxAPIV1PlusJSONResponse{Institution: inst.api()}, nil
}

// ListInstitutionCredentials serves listInstitutionCredentials: the credentials createMember
// needs at the institution, none at an OAuth-only one.
func (f handlers) ListInstitutionCredentials(_ context.Context, req server.ListInstitutionCredentialsRequestObject) (server.ListInstitutionCredentialsResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	inst, err := f.st.institution(req.InstitutionCode)
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(inst.credentialsAPI(), req.Params.Page, req.Params.RecordsPerPage)
	return server.ListInstitutionCredentials200ApplicationVndMxAPIV1PlusJSONResponse{Credentials: items, Pagination: pg}, nil
}
