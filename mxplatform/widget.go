package mxplatform

import "context"

// UIMessageVersion is the postMessage event version Connect is loaded with: MX requires 4 of
// new integrations.
const UIMessageVersion = 4

// ConnectWidget returns a request for the Connect widget (widget_type connect_widget,
// ui_message_version 4), to adjust and pass to [API.RequestWidgetURL].
func ConnectWidget() WidgetRequest {
	version := UIMessageVersion
	return WidgetRequest{WidgetType: WidgetTypeConnect, UIMessageVersion: &version}
}

// ConnectWidgetForMember returns a Connect URL that opens on an existing member in the state
// its connection status calls for: the MFA view of a CHALLENGED member, the OAuth step of a
// PENDING one, the credentials view when the status asks for new credentials (DENIED,
// PREVENTED, IMPORTED, IMPAIRED: update_credentials is set), and the error or connected view
// otherwise. Institution search is disabled so that the end user stays on this member.
//
// cfg, when not nil, is the base configuration (color scheme, WebView settings...); it is not
// modified. The member is read first to learn its status.
func (a *API) ConnectWidgetForMember(ctx context.Context, userGUID UserGUID, memberGUID MemberGUID, cfg *WidgetRequest, opts ...CallOption) (*WidgetURL, error) {
	member, err := a.ReadMember(ctx, userGUID, memberGUID, opts...)
	if err != nil {
		return nil, err
	}
	req := ConnectWidget()
	if cfg != nil {
		req = *cfg
		req.WidgetType = WidgetTypeConnect
		if req.UIMessageVersion == nil {
			v := UIMessageVersion
			req.UIMessageVersion = &v
		}
	}
	guid, disable := memberGUID, true
	req.CurrentMemberGUID = &guid
	req.DisableInstitutionSearch = &disable
	if member.ConnectionStatus.Info().Next == NextStepReenterCredentials {
		update := true
		req.UpdateCredentials = &update
	}
	return a.RequestWidgetURL(ctx, userGUID, req, opts...)
}
