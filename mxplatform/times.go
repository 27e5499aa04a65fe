package mxplatform

import (
	"fmt"
	"strings"
	"time"
)

// Timestamp is a moment as MX writes it, an ISO 8601 timestamp such as
// "2016-10-13T18:07:57.000Z", kept as its text: a value in an odd form never fails decoding and
// encodes back exactly as it came. The empty Timestamp means that MX sent none (null or
// nothing). [Timestamp.Time] parses it.
type Timestamp string

// Date is a day as MX writes it, "2025-03-01", kept as its text like [Timestamp]. MX sends some
// dates as timestamps (a transaction's date, an account's maturity date): [Date.Time] takes
// both. The empty Date means that MX sent none.
type Date string

// timestampLayouts are the forms MX writes moments in, tried in order. A form without a zone is
// read as UTC.
var timestampLayouts = []string{
	time.RFC3339Nano,                // 2016-10-13T18:07:57.000Z, 2016-10-13T18:07:57-06:00
	"2006-01-02T15:04:05.999999999", // no zone
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	time.DateOnly,
}

// Time parses the timestamp: RFC 3339 with or without fractional seconds, with a zone or
// without one (read as UTC), or a date alone (midnight UTC). The empty Timestamp gives the zero
// time and no error; text that is no moment gives an error quoting it.
func (t Timestamp) Time() (time.Time, error) {
	if t == "" {
		return time.Time{}, nil
	}
	return parseTime(string(t), "timestamp", timestampLayouts)
}

// IsZero reports whether MX sent no timestamp.
func (t Timestamp) IsZero() bool { return t == "" }

// String returns the text MX sent.
func (t Timestamp) String() string { return string(t) }

// Time parses the date: a day alone ("2025-03-01", midnight UTC), or a timestamp in any form
// [Timestamp.Time] takes, its moment. The empty Date gives the zero time and no error; text that
// is no date gives an error quoting it.
func (d Date) Time() (time.Time, error) {
	if d == "" {
		return time.Time{}, nil
	}
	return parseTime(string(d), "date", append([]string{time.DateOnly}, timestampLayouts...))
}

// IsZero reports whether MX sent no date.
func (d Date) IsZero() bool { return d == "" }

// String returns the text MX sent.
func (d Date) String() string { return string(d) }

// DateOf returns the date of t in t's location, as MX writes dates: for a request, or to compare
// with the dates MX sends.
func DateOf(t time.Time) Date { return Date(t.Format(time.DateOnly)) }

// TimestampOf returns t as MX writes timestamps (RFC 3339 in UTC, to the second).
func TimestampOf(t time.Time) Timestamp { return Timestamp(t.UTC().Format(time.RFC3339)) }

func parseTime(s, what string, layouts []string) (time.Time, error) {
	v := strings.TrimSpace(s)
	for _, layout := range layouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("mxplatform: %s %q is not a date MX writes", what, truncate([]byte(s), 40))
}
