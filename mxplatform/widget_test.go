package mxplatform

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestConnectWidgetForMember(t *testing.T) {
	for _, tc := range []struct {
		status      ConnectionStatus
		updateCreds bool
	}{
		{ConnectionStatusChallenged, false},
		{ConnectionStatusDenied, true},
		{ConnectionStatusImpaired, true},
		{ConnectionStatusLocked, false},
		{ConnectionStatusPending, false},
		{ConnectionStatusConnected, false},
	} {
		var sent struct {
			WidgetURL WidgetRequest `json:"widget_url"`
		}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/members/"+string(docMember)):
				_ = json.NewEncoder(w).Encode(map[string]Member{"member": {GUID: docMember, ConnectionStatus: tc.status}})
			case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/widget_urls"):
				b, _ := io.ReadAll(r.Body)
				_ = json.Unmarshal(b, &sent)
				_, _ = w.Write(readFixture(t, "requestWidgetURL", "200.json"))
			default:
				w.WriteHeader(404)
			}
		}))
		base := &WidgetRequest{WidgetType: WidgetTypeAccounts, ColorScheme: Ptr(ColorSchemeDark), IsMobileWebview: Ptr(true)}
		got, err := newTestAPI(t, srv.URL).ConnectWidgetForMember(context.Background(), docUser, docMember, base)
		srv.Close()
		if err != nil || got.URL == "" {
			t.Fatalf("%s: %v", tc.status, err)
		}
		w := sent.WidgetURL
		if w.WidgetType != WidgetTypeConnect || *w.CurrentMemberGUID != docMember || !*w.DisableInstitutionSearch ||
			*w.UIMessageVersion != 4 || *w.ColorScheme != ColorSchemeDark || !*w.IsMobileWebview {
			t.Errorf("%s: sent %+v", tc.status, w)
		}
		if (w.UpdateCredentials != nil && *w.UpdateCredentials) != tc.updateCreds {
			t.Errorf("%s: update_credentials %v", tc.status, w.UpdateCredentials)
		}
		if base.WidgetType != WidgetTypeAccounts || base.CurrentMemberGUID != nil {
			t.Errorf("%s: the base configuration was modified", tc.status)
		}
	}
}

func TestConnectWidgetDefaults(t *testing.T) {
	w := ConnectWidget()
	if w.WidgetType != WidgetTypeConnect || w.UIMessageVersion == nil || *w.UIMessageVersion != 4 {
		t.Errorf("%+v", w)
	}
}
