package mxplatformtest

import (
	"context"
	"net/http"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server"
)

// RequestWidgetURL serves requestWidgetURL: a single-use URL of the widget, served by the fake
// as a stand-in page. A current_member_guid must be a member of the user and a
// current_institution_code a known institution (404 otherwise).
func (f handlers) RequestWidgetURL(ctx context.Context, req server.RequestWidgetURLRequestObject) (server.RequestWidgetURLResponseObject, error) {
	if req.Body == nil {
		return nil, errorf(http.StatusBadRequest, "The request body is required.")
	}
	in := req.Body.WidgetURL
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	u, err := f.st.user(req.UserGUID)
	if err != nil {
		return nil, err
	}
	if err := f.checkWidgetTargets(u, in.CurrentMemberGUID, in.CurrentInstitutionCode); err != nil {
		return nil, err
	}
	typ := string(in.WidgetType)
	return server.RequestWidgetURL200ApplicationVndMxAPIV1PlusJSONResponse{WidgetURL: server.WidgetURL{
		Type:   typ,
		URL:    baseURL(ctx) + widgetPath + typ + "/" + f.token(),
		UserID: u.data.ID,
	}}, nil
}

// RequestConnectWidgetURL serves requestConnectWidgetURL, the legacy Connect URL.
func (f handlers) RequestConnectWidgetURL(ctx context.Context, req server.RequestConnectWidgetURLRequestObject) (server.RequestConnectWidgetURLResponseObject, error) {
	if req.Body == nil {
		return nil, errorf(http.StatusBadRequest, "The request body is required.")
	}
	in := req.Body.Config
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	u, err := f.st.user(req.UserGUID)
	if err != nil {
		return nil, err
	}
	if err := f.checkWidgetTargets(u, in.CurrentMemberGUID, in.CurrentInstitutionCode); err != nil {
		return nil, err
	}
	return server.RequestConnectWidgetURL200ApplicationVndMxAPIV1PlusJSONResponse{User: server.ConnectWidgetURL{
		GUID:             u.guid,
		ConnectWidgetURL: baseURL(ctx) + widgetPath + string(mxplatform.WidgetTypeConnect) + "/" + f.token(),
	}}, nil
}

// checkWidgetTargets checks the member and institution a widget is asked to load.
func (f *Fake) checkWidgetTargets(u *userRec, member *mxplatform.MemberGUID, inst *mxplatform.InstitutionCode) error {
	if member != nil {
		if _, err := f.st.member(u.guid, *member); err != nil {
			return err
		}
	}
	if inst != nil {
		if _, err := f.st.institution(*inst); err != nil {
			return err
		}
	}
	return nil
}
