package main

import (
	"fmt"
	"reflect"

	"github.com/mxsdk/mx-go/mxplatform"
)

// connectWidgetDefaults gives a request for the Connect widget (widget_type connect_widget,
// the flag's default) what mxplatform.ConnectWidget gives it, such as ui_message_version 4, in
// every field its flags leave unset: `mx widgets url` asks for Connect as the library does.
// Other widgets are left alone. gen/cli calls it from the requestWidgetURL command.
func connectWidgetDefaults(b *binder, body *mxplatform.WidgetRequest) {
	if f := b.cmd.Flags().Lookup("ui-message-version"); f != nil {
		if v := mxplatform.ConnectWidget().UIMessageVersion; v != nil {
			f.Usage += fmt.Sprintf(" (default %d for connect_widget)", *v)
		}
	}
	b.apply = append(b.apply, func() error {
		if body.WidgetType == mxplatform.WidgetTypeConnect {
			fillUnset(body, mxplatform.ConnectWidget())
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
