package mxplatformtest

import (
	"context"
	"net/http"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server"
)

// CreateUser serves createUser: a new user, whose partner-defined id must be unique among the
// users (409 otherwise).
func (f handlers) CreateUser(_ context.Context, req server.CreateUserRequestObject) (server.CreateUserResponseObject, error) {
	if req.Body == nil {
		return nil, errorf(http.StatusBadRequest, "The request body is required.")
	}
	in := req.Body.User
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	u, err := f.addUser(mxplatform.User{Email: deref(in.Email), ID: deref(in.ID), IsDisabled: opt(deref(in.IsDisabled)), Metadata: deref(in.Metadata)})
	if err != nil {
		return nil, err
	}
	return server.CreateUser200ApplicationVndMxAPIV1PlusJSONResponse{User: u.api()}, nil
}

// addUser stores a new user, under f.mu.
func (f *Fake) addUser(data mxplatform.User) (*userRec, error) {
	if data.ID != "" {
		if _, dup := f.st.userIDs[data.ID]; dup {
			return nil, errorf(http.StatusConflict, "A user with the id %q already exists.", data.ID)
		}
	}
	data.GUID = ""
	u := &userRec{seq: f.st.next(), guid: mxplatform.UserGUID(f.st.newGUID("USR")), data: data}
	f.st.users[u.guid] = u
	if data.ID != "" {
		f.st.userIDs[data.ID] = u
	}
	return u, nil
}

// DeleteUser serves deleteUser: the user goes, and with it its members, accounts and
// transactions. Its partner-defined id can be used again at once.
func (f handlers) DeleteUser(_ context.Context, req server.DeleteUserRequestObject) (server.DeleteUserResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	u, err := f.st.user(req.UserGUID)
	if err != nil {
		return nil, err
	}
	f.st.deleteUser(u)
	f.pruneJobs()
	return server.DeleteUser204Response{}, nil
}
