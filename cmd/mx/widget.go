package main

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/v20111101"
)

// connectWidgetDefaults gives a request for the Connect widget (widget_type connect_widget,
// the flag's default) what mxplatform.ConnectWidget gives it, such as ui_message_version 4, in
// every field its flags leave unset: `mx widgets url` asks for Connect as the library does.
// Other widgets are left alone. gen/cli calls it from the requestWidgetURL command of
// v20250224.
func connectWidgetDefaults(b *binder, body *mxplatform.WidgetRequest) {
	widgetDefaults(b, body, mxplatform.ConnectWidget(), func() bool { return body.WidgetType == mxplatform.WidgetTypeConnect })
}

// connectWidgetDefaultsV20111101 is connectWidgetDefaults for v20111101, with
// v20111101.ConnectWidget.
func connectWidgetDefaultsV20111101(b *binder, body *v20111101.WidgetRequest) {
	widgetDefaults(b, body, v20111101.ConnectWidget(), func() bool { return body.WidgetType == v20111101.WidgetTypeConnect })
}

// widgetDefaults fills the fields of body its flags left unset from def when connect reports
// that body asks for the Connect widget, and says so in the help of --ui-message-version.
func widgetDefaults[W any](b *binder, body *W, def W, connect func() bool) {
	if f := b.cmd.Flags().Lookup("ui-message-version"); f != nil {
		if v := reflect.ValueOf(def).FieldByName("UIMessageVersion"); v.IsValid() && !v.IsNil() {
			note := fmt.Sprintf(" (default %d for connect_widget)", v.Elem().Int())
			if !strings.Contains(f.Usage, note) {
				f.Usage += note
			}
		}
	}
	b.always(func() error {
		if connect() {
			fillUnset(body, def)
		}
		return nil
	})
}

// fillUnset sets each field of the struct *dst that holds its zero value (a flag left unset) to
// the field of def.
func fillUnset[T any](dst *T, def T) {
	d, s := reflect.ValueOf(dst).Elem(), reflect.ValueOf(def)
	for i := range d.NumField() {
		if f := d.Field(i); f.CanSet() && f.IsZero() {
			f.Set(s.Field(i))
		}
	}
}
