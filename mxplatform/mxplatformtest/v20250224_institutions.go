package mxplatformtest

import (
	"context"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// institutionsAPI renders institutions as v20250224 answers them.
func institutionsAPI(insts []*institutionRec) []mxplatform.Institution {
	out := make([]mxplatform.Institution, len(insts))
	for i, inst := range insts {
		out[i] = inst.api()
	}
	return out
}

// ListInstitutions serves listInstitutions: the institutions in the order they were seeded,
// narrowed by name (a case-insensitive substring), country and supported products (all of
// them).
func (f v20250224Handlers) ListInstitutions(_ context.Context, req server25.ListInstitutionsRequestObject) (server25.ListInstitutionsResponseObject, error) {
	p := req.Params
	f.begin()
	defer f.mu.Unlock()
	insts := f.institutions(institutionFilter{name: p.Name, countries: p.ISOCountryCode, products: p.SupportedProducts})
	items, pg := pageOf(institutionsAPI(insts), p.Page, p.RecordsPerPage, maxPerPage)
	return server25.ListInstitutions200JSONResponse{Institutions: items, Pagination: pg}, nil
}

// ListFavoriteInstitutions serves listFavoriteInstitutions: the institutions seeded as
// favorites, narrowed by country.
func (f v20250224Handlers) ListFavoriteInstitutions(_ context.Context, req server25.ListFavoriteInstitutionsRequestObject) (server25.ListFavoriteInstitutionsResponseObject, error) {
	p := req.Params
	f.begin()
	defer f.mu.Unlock()
	insts := f.institutions(institutionFilter{favorite: true, countries: p.ISOCountryCode})
	items, pg := pageOf(institutionsAPI(insts), p.Page, p.RecordsPerPage, maxPerPage)
	return server25.ListFavoriteInstitutions200JSONResponse{Institutions: items, Pagination: pg}, nil
}

// ReadInstitution serves readInstitution: 404 "Unrecognized institution." for an unknown code.
func (f v20250224Handlers) ReadInstitution(_ context.Context, req server25.ReadInstitutionRequestObject) (server25.ReadInstitutionResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	inst, err := f.st.institution(req.InstitutionCode)
	if err != nil {
		return nil, err
	}
	return server25.ReadInstitution200JSONResponse{Institution: inst.api()}, nil
}

// ListInstitutionCredentials serves listInstitutionCredentials, the institution named by its
// code or its GUID: the credentials createMember needs, none at an OAuth-only institution.
func (f v20250224Handlers) ListInstitutionCredentials(_ context.Context, req server25.ListInstitutionCredentialsRequestObject) (server25.ListInstitutionCredentialsResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	inst, err := f.st.institutionByIdent(req.InstitutionIdentifier)
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(inst.credentialsAPI(), req.Params.Page, req.Params.RecordsPerPage, maxPerPageWide)
	return server25.ListInstitutionCredentials200JSONResponse{Credentials: items, Pagination: pg}, nil
}
