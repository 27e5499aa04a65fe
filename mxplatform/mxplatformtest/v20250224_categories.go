package mxplatformtest

import (
	"context"
	"net/http"
	"strings"

	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// The categories and merchants of v20250224, which v20111101 does not have as resources.

// ListDefaultCategories serves listDefaultCategories: MX's tree, the same for everyone.
func (f v20250224Handlers) ListDefaultCategories(_ context.Context, req server25.ListDefaultCategoriesRequestObject) (server25.ListDefaultCategoriesResponseObject, error) {
	items, pg := pageOf(defaultCategoriesAPI(), req.Params.Page, req.Params.RecordsPerPage, maxPerPage)
	return server25.ListDefaultCategories200JSONResponse{Categories: items, Pagination: pg}, nil
}

// ListDefaultCategoriesByUser serves listDefaultCategoriesByUser: the tree, through a user.
func (f v20250224Handlers) ListDefaultCategoriesByUser(_ context.Context, req server25.ListDefaultCategoriesByUserRequestObject) (server25.ListDefaultCategoriesByUserResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	if _, err := f.st.user(req.UserGUID); err != nil {
		return nil, err
	}
	items, pg := pageOf(defaultCategoriesAPI(), req.Params.Page, req.Params.RecordsPerPage, maxPerPageWide)
	return server25.ListDefaultCategoriesByUser200JSONResponse{Categories: items, Pagination: pg}, nil
}

// ReadDefaultCategory serves readDefaultCategory: 404 for a GUID outside MX's tree.
func (f v20250224Handlers) ReadDefaultCategory(_ context.Context, req server25.ReadDefaultCategoryRequestObject) (server25.ReadDefaultCategoryResponseObject, error) {
	c, ok := categories[req.CategoryGUID]
	if !ok {
		return nil, errCategoryNotFound
	}
	return server25.ReadDefaultCategory200JSONResponse{Category: c.api()}, nil
}

// ListCategories serves listCategories: the default categories, then the user's custom ones in
// creation order.
func (f v20250224Handlers) ListCategories(_ context.Context, req server25.ListCategoriesRequestObject) (server25.ListCategoriesResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.enabledUser(req.UserGUID)
	if err != nil {
		return nil, err
	}
	all := defaultCategoriesAPI()
	for _, c := range u.categories {
		all = append(all, c.api())
	}
	items, pg := pageOf(all, req.Params.Page, req.Params.RecordsPerPage, maxPerPageWide)
	return server25.ListCategories200JSONResponse{Categories: items, Pagination: pg}, nil
}

// ReadCategory serves readCategory: a custom category of the user, or a default one.
func (f v20250224Handlers) ReadCategory(_ context.Context, req server25.ReadCategoryRequestObject) (server25.ReadCategoryResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.enabledUser(req.UserGUID)
	if err != nil {
		return nil, err
	}
	if c, ok := categories[req.CategoryGUID]; ok {
		return server25.ReadCategory200JSONResponse{Category: c.api()}, nil
	}
	c, err := f.st.customCategory(u, req.CategoryGUID)
	if err != nil {
		return nil, err
	}
	return server25.ReadCategory200JSONResponse{Category: c.api()}, nil
}

// CreateCategory serves createCategory: a custom category under a top-level default category
// (400 for another parent).
func (f v20250224Handlers) CreateCategory(_ context.Context, req server25.CreateCategoryRequestObject) (server25.CreateCategoryResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	u, err := f.st.enabledUser(req.UserGUID)
	if err != nil {
		return nil, err
	}
	c, err := f.createCategory(u, req.Body.Category, now)
	if err != nil {
		return nil, err
	}
	return server25.CreateCategory200JSONResponse{Category: c.api()}, nil
}

// UpdateCategory serves updateCategory: the name or metadata of a custom category (400 for a
// default category or an empty update); its transactions show the new name.
func (f v20250224Handlers) UpdateCategory(_ context.Context, req server25.UpdateCategoryRequestObject) (server25.UpdateCategoryResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	in := req.Body.Category
	now := f.begin()
	defer f.mu.Unlock()
	u, err := f.st.enabledUser(req.UserGUID)
	if err != nil {
		return nil, err
	}
	c, err := f.st.customCategory(u, req.CategoryGUID)
	if err != nil {
		return nil, err
	}
	if in.Name == nil && in.Metadata == nil {
		return nil, errorf(http.StatusBadRequest, "The category object must set its name or its metadata.")
	}
	if in.Name != nil {
		if strings.TrimSpace(*in.Name) == "" {
			return nil, errorf(http.StatusBadRequest, "A category needs a name.")
		}
		c.name = strings.TrimSpace(*in.Name)
	}
	setValue(&c.metadata, in.Metadata)
	c.updatedAt = now
	return server25.UpdateCategory200JSONResponse{Category: c.api()}, nil
}

// DeleteCategory serves deleteCategory: a custom category goes, and its transactions take its
// parent category; a default category answers 400.
func (f v20250224Handlers) DeleteCategory(_ context.Context, req server25.DeleteCategoryRequestObject) (server25.DeleteCategoryResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	u, err := f.st.enabledUser(req.UserGUID)
	if err != nil {
		return nil, err
	}
	c, err := f.st.customCategory(u, req.CategoryGUID)
	if err != nil {
		return nil, err
	}
	f.deleteCategory(c, now)
	return server25.DeleteCategory204Response{}, nil
}

// ListMerchants serves listMerchants: the merchants the fake's transactions are made with,
// sorted by name, narrowed by a case-insensitive part of their name.
func (f v20250224Handlers) ListMerchants(_ context.Context, req server25.ListMerchantsRequestObject) (server25.ListMerchantsResponseObject, error) {
	items, pg := pageOf(merchantsNamed(req.Params.Name), req.Params.Page, req.Params.RecordsPerPage, maxPerPageWide)
	return server25.ListMerchants200JSONResponse{Merchants: items, Pagination: pg}, nil
}

// ReadMerchant serves readMerchant: 404 for an unknown GUID.
func (f v20250224Handlers) ReadMerchant(_ context.Context, req server25.ReadMerchantRequestObject) (server25.ReadMerchantResponseObject, error) {
	m, ok := merchantByGUID(req.MerchantGUID)
	if !ok {
		return nil, errMerchantNotFound
	}
	return server25.ReadMerchant200JSONResponse{Merchant: m.api()}, nil
}

// ReadMerchantLocation serves readMerchantLocation: 404 for an unknown GUID.
func (f v20250224Handlers) ReadMerchantLocation(_ context.Context, req server25.ReadMerchantLocationRequestObject) (server25.ReadMerchantLocationResponseObject, error) {
	l, ok := merchantLocations[req.MerchantLocationGUID]
	if !ok {
		return nil, errLocationNotFound
	}
	return server25.ReadMerchantLocation200JSONResponse{MerchantLocation: l}, nil
}
