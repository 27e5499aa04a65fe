package mxplatformtest

import (
	"context"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// Notifications are plain resources, served by the engine (resources.go). A notification the
// partner creates is of the CUSTOM type and goes in the application (IN_APP): it is delivered
// at once, and not yet viewed.

func (f v20250224Handlers) ListNotifications(ctx context.Context, _ server25.ListNotificationsRequestObject) (server25.ListNotificationsResponseObject, error) {
	return serveResource[server25.ListNotifications200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) CreateNotification(ctx context.Context, _ server25.CreateNotificationRequestObject) (server25.CreateNotificationResponseObject, error) {
	return serveResource[server25.CreateNotification200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) ReadNotifications(ctx context.Context, _ server25.ReadNotificationsRequestObject) (server25.ReadNotificationsResponseObject, error) {
	return serveResource[server25.ReadNotifications200JSONResponse](ctx, f.Fake)
}

// notificationHooks deliver a new notification in the application.
func notificationHooks() resourceHooks {
	return resourceHooks{
		create: func(_ *Fake, r *record, _ resourceScope, now time.Time) error {
			r.fields["notification_type"] = "CUSTOM"
			r.fields["channel"] = string(mxplatform.NotificationChannelInApp)
			r.fields["has_been_delivered"] = true
			r.fields["delivered_at"] = string(timestamp(now))
			r.fields["has_been_viewed"] = false
			return nil
		},
	}
}
