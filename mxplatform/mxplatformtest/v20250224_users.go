package mxplatformtest

import (
	"context"
	"net/http"

	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// ListUsers serves listUsers: the users in creation order, narrowed by id, email and
// is_disabled.
func (f v20250224Handlers) ListUsers(_ context.Context, req server25.ListUsersRequestObject) (server25.ListUsersResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	p := req.Params
	items, pg := pageOf(f.users(usersFilter{id: p.ID, email: p.Email, disabled: p.IsDisabled}), p.Page, p.RecordsPerPage, maxPerPageWide)
	return server25.ListUsers200JSONResponse{Users: items, Pagination: pg}, nil
}

// CreateUser serves createUser: a new user, whose partner-defined id must be unique among the
// users (409 otherwise). MX asks for at least one field; the fake also takes an empty user, so
// that tests can make anonymous users in one call.
func (f v20250224Handlers) CreateUser(_ context.Context, req server25.CreateUserRequestObject) (server25.CreateUserResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	f.begin()
	defer f.mu.Unlock()
	u, err := f.addUser(newUserData(req.Body.User))
	if err != nil {
		return nil, err
	}
	return server25.CreateUser200JSONResponse{User: u.api()}, nil
}

// ReadUser serves readUser, by GUID or partner-defined id; a disabled user is read too.
func (f v20250224Handlers) ReadUser(_ context.Context, req server25.ReadUserRequestObject) (server25.ReadUserResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.userByIdent(req.UserIdentifier)
	if err != nil {
		return nil, err
	}
	return server25.ReadUser200JSONResponse{User: u.api()}, nil
}

// UpdateUser serves updateUser: the fields given are set (400 for none); a partner-defined id
// another user has answers 409. Disabling a user shuts off its data (403) until it is enabled
// again.
func (f v20250224Handlers) UpdateUser(_ context.Context, req server25.UpdateUserRequestObject) (server25.UpdateUserResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	in := req.Body.User
	if in.Email == nil && in.ID == nil && in.IsDisabled == nil && in.Metadata == nil {
		return nil, errorf(http.StatusBadRequest, "The user object must set at least one field.")
	}
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.userByIdent(req.UserIdentifier)
	if err != nil {
		return nil, err
	}
	if err := f.updateUser(u, in); err != nil {
		return nil, err
	}
	return server25.UpdateUser200JSONResponse{User: u.api()}, nil
}

// DeleteUser serves deleteUser: the user goes, and with it everything it owns. Its
// partner-defined id can be used again at once.
func (f v20250224Handlers) DeleteUser(_ context.Context, req server25.DeleteUserRequestObject) (server25.DeleteUserResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.userByIdent(req.UserIdentifier)
	if err != nil {
		return nil, err
	}
	f.st.deleteUser(u)
	f.pruneJobs()
	return server25.DeleteUser204Response{}, nil
}

// RequestWidgetURL serves requestWidgetURL: a single-use URL of the widget, served by the fake
// as a stand-in page. A current_member_guid must be a member of the user, a
// current_institution_code or current_institution_guid a known institution (404 otherwise),
// and the data_request's products ones the fake knows.
func (f v20250224Handlers) RequestWidgetURL(ctx context.Context, req server25.RequestWidgetURLRequestObject) (server25.RequestWidgetURLResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	in := req.Body.WidgetURL
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.enabledUser(req.UserGUID)
	if err != nil {
		return nil, err
	}
	if err := f.checkWidgetTargets(u, in.CurrentMemberGUID, in.CurrentInstitutionCode, in.CurrentInstitutionGUID); err != nil {
		return nil, err
	}
	out := server25.WidgetResponseBody{}
	out.WidgetURL.Type = in.WidgetType
	out.WidgetURL.URL = f.widgetURL(baseURL(ctx), string(in.WidgetType))
	out.WidgetURL.UserID = u.data.ID
	return server25.RequestWidgetURL200JSONResponse(out), nil
}
