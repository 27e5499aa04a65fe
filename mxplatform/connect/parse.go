package connect

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// Errors of [ParseMessage] and [ParseURL]; their errors match exactly one.
var (
	// ErrNotMX: the message is not from MX (its mx member is not true), or the URL has a scheme
	// other than mx and the app's. Other code may be posting messages or navigating; ignore it.
	ErrNotMX = errors.New("connect: not an MX widget event")
	// ErrUnknownType: the event's type is not one the reference documents. The error is an
	// [*UnknownTypeError] holding the type and the raw metadata.
	ErrUnknownType = errors.New("connect: unknown widget event type")
	// ErrMalformed: the message or URL is MX's but cannot be decoded: not JSON, no type,
	// metadata of the wrong shape, a URL without path or with metadata that is not JSON.
	ErrMalformed = errors.New("connect: malformed widget event")
)

// UnknownTypeError is the error of an event whose type the reference does not document, such
// as the mx/account/created the prose names as an example. It matches [ErrUnknownType].
type UnknownTypeError struct {
	Type     Type            // the event's type
	Metadata json.RawMessage // the event's metadata, nil when it has none
}

// Error names the unknown type.
func (e *UnknownTypeError) Error() string {
	return fmt.Sprintf("%v: %s", ErrUnknownType, quote(string(e.Type)))
}

// Unwrap returns [ErrUnknownType].
func (e *UnknownTypeError) Unwrap() error { return ErrUnknownType }

// ParseMessage decodes the data of a postMessage event of the widget:
// {"mx": true, "type": "...", "metadata": {...}}. It accepts metadata members it does not know
// and values of steps and connection status codes the reference does not list; see the package
// documentation for its errors.
func ParseMessage(data []byte) (Event, error) {
	var msg struct {
		MX       *bool           `json:"mx"`
		Type     *string         `json:"type"`
		Metadata json.RawMessage `json:"metadata"`
	}
	if err := json.Unmarshal(data, &msg); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, transport.DescribeJSONError(err))
	}
	if msg.MX == nil || !*msg.MX {
		return nil, ErrNotMX
	}
	if msg.Type == nil || *msg.Type == "" {
		return nil, fmt.Errorf("%w: no \"type\"", ErrMalformed)
	}
	return decode(Type(*msg.Type), msg.Metadata)
}

// decode makes the event of type t from its metadata, which may be absent.
func decode(t Type, metadata json.RawMessage) (Event, error) {
	newEvent, ok := events[t]
	if !ok {
		var raw json.RawMessage
		if len(metadata) > 0 {
			raw = append(raw, metadata...)
		}
		return nil, &UnknownTypeError{Type: t, Metadata: raw}
	}
	ev := newEvent()
	if len(metadata) == 0 || bytes.Equal(metadata, []byte("null")) {
		return ev, nil
	}
	if err := transport.Unmarshal(metadata, ev); err != nil {
		return nil, fmt.Errorf("%w: %s metadata: %v", ErrMalformed, t, transport.DescribeJSONError(err))
	}
	return ev, nil
}

// quote quotes s for an error message, cut to 60 bytes.
func quote(s string) string { return transport.Quote(s, 60) }
