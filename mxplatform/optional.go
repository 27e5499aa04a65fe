package mxplatform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
)

// Optional is a field of a model that MX may leave out or send as null, when its absence is
// not its zero value: a balance MX did not send is not a zero balance, and MX's null boolean
// often means that it does not know. It holds the value in place (decoding a page of records
// allocates nothing for it) and whether MX sent one.
//
// The zero Optional is absent; [OptionalOf] makes a present one. In JSON, an absent Optional is
// null (or left out, its fields being tagged omitzero), a present one its value.
type Optional[T any] struct {
	value T
	ok    bool
}

// OptionalOf returns v, present.
func OptionalOf[T any](v T) Optional[T] { return Optional[T]{value: v, ok: true} }

// Get returns the value and whether MX sent it.
func (o Optional[T]) Get() (T, bool) { return o.value, o.ok }

// Value returns the value, or the zero value of T when MX sent none.
func (o Optional[T]) Value() T { return o.value }

// IsSet reports whether MX sent a value.
func (o Optional[T]) IsSet() bool { return o.ok }

// IsZero reports whether the Optional is absent, so that a field tagged omitzero is left out of
// JSON. (A present zero value, such as a zero balance, is not.)
func (o Optional[T]) IsZero() bool { return !o.ok }

// String returns the value as fmt prints it, or "null" when absent.
func (o Optional[T]) String() string {
	if !o.ok {
		return "null"
	}
	return fmt.Sprint(o.value)
}

// Format prints the value with the verb and flags given (so that %.2f of an Optional[Decimal]
// works as it does for a Decimal), or null when absent.
func (o Optional[T]) Format(f fmt.State, verb rune) {
	if !o.ok {
		_, _ = f.Write([]byte("null"))
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), o.value)
}

// MarshalJSON encodes the value, or null when absent.
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if !o.ok {
		return []byte("null"), nil
	}
	return json.Marshal(o.value)
}

// UnmarshalJSON decodes a value, or null as absent. The types MX sends (booleans, integers,
// numbers, Decimal) decode without allocating.
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*o = Optional[T]{}
		return nil
	}
	var err error
	switch v := any(&o.value).(type) {
	case *bool:
		switch string(b) {
		case "true":
			*v = true
		case "false":
			*v = false
		default:
			return &json.UnmarshalTypeError{Value: "value " + truncate(b, 40), Type: typeOfBool}
		}
	case *int:
		*v, err = strconv.Atoi(string(b))
		if err != nil {
			return &json.UnmarshalTypeError{Value: "number " + truncate(b, 40), Type: typeOfInt}
		}
	case *float64:
		*v, err = strconv.ParseFloat(string(b), 64)
		if err != nil {
			return &json.UnmarshalTypeError{Value: "number " + truncate(b, 40), Type: typeOfFloat64}
		}
	case json.Unmarshaler:
		err = v.UnmarshalJSON(b)
	default:
		err = json.Unmarshal(b, &o.value)
	}
	if err != nil {
		return err
	}
	o.ok = true
	return nil
}

var (
	typeOfBool    = reflect.TypeFor[bool]()
	typeOfInt     = reflect.TypeFor[int]()
	typeOfFloat64 = reflect.TypeFor[float64]()
)
