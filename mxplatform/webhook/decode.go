package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// Errors of [ParseAccountEvent]; its errors wrap exactly one of them, so that errors.Is tells
// a payload that is not an event from an event that cannot be taken.
var (
	// ErrMalformed: the payload is not JSON, or a field has the wrong type.
	ErrMalformed = errors.New("webhook: malformed account event")
	// ErrUnknownAction: the action is not created, updated or deleted.
	ErrUnknownAction = errors.New("webhook: unknown account event action")
	// ErrMissingAccount: the event has no account, or its account has no GUID.
	ErrMissingAccount = errors.New("webhook: account event without account")
)

// ParseAccountEvent decodes an account webhook payload. It accepts fields it does not know
// (MX adds fields) and null for every field but the action, the account and the account's
// GUID. It rejects a payload that is not a JSON object or has a field of the wrong type
// ([ErrMalformed]), an action other than created, updated or deleted ([ErrUnknownAction]), and
// an event without an account or an account GUID ([ErrMissingAccount]).
func ParseAccountEvent(payload []byte) (*AccountEvent, error) {
	var probe struct {
		Action  *string         `json:"action"`
		Account json.RawMessage `json:"account"`
	}
	if err := json.Unmarshal(payload, &probe); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, transport.DescribeJSONError(err))
	}
	if len(probe.Account) == 0 || bytes.Equal(probe.Account, []byte("null")) {
		return nil, fmt.Errorf("%w: no \"account\"", ErrMissingAccount)
	}
	var e AccountEvent
	if err := transport.Unmarshal(payload, &e); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, transport.DescribeJSONError(err))
	}
	if probe.Action == nil {
		return nil, fmt.Errorf("%w: no \"action\"", ErrUnknownAction)
	}
	if !e.Action.Valid() {
		return nil, fmt.Errorf("%w: %s (want created, updated or deleted)", ErrUnknownAction, quote(string(e.Action)))
	}
	if e.Account.GUID == "" {
		return nil, fmt.Errorf("%w: the account has no \"guid\"", ErrMissingAccount)
	}
	if err := checkDecimals(&e.Account); err != nil {
		return nil, err
	}
	return &e, nil
}

// maxDecimalDigits bounds the digits before and after the point of an amount. The reference's
// widest amounts are 14,2 and its widest rates 10,6; 40 leaves room for any real value.
const maxDecimalDigits = 40

// amountType is the type of the account's amounts.
var amountType = reflect.TypeFor[mxplatform.Optional[mxplatform.Decimal]]()

// checkDecimals refuses amounts too large or too precise to be real: the reference gives
// amounts at most 14 digits with 2 decimals and rates 10 with 6. (Decimal itself refuses
// numbers too large to print cheaply, such as 1e999999999.)
func checkDecimals(a *Account) error {
	v := reflect.ValueOf(a).Elem()
	t := v.Type()
	for i := range t.NumField() {
		f := v.Field(i)
		if f.Type() != amountType {
			continue
		}
		amount, ok := f.Interface().(mxplatform.Optional[mxplatform.Decimal]).Get()
		if !ok {
			continue
		}
		d := amount.Big()
		exp := int64(d.Exponent())
		digits := int64(len(d.Coefficient().Text(10)))
		if d.Sign() < 0 {
			digits-- // the minus sign
		}
		if digits+exp > maxDecimalDigits || -exp > maxDecimalDigits {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			return fmt.Errorf("%w: field %q: a number out of range for an amount", ErrMalformed, name)
		}
	}
	return nil
}

// Time returns the time of an epoch timestamp of the webhook account (created_at, updated_at,
// last_payment_at...), in UTC, and false when it is null.
func Time(epochSeconds mxplatform.Optional[int64]) (time.Time, bool) {
	sec, ok := epochSeconds.Get()
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(sec, 0).UTC(), true
}

// quote quotes s for an error message, cut to 40 bytes.
func quote(s string) string { return transport.Quote(s, 40) }
