package transport

import (
	"math"
	"strings"
	"testing"
)

// TestMeasureJSON checks how texts are counted: strings (keys apart) and scalars once each,
// objects apart too, brackets and escapes inside strings not at all.
func TestMeasureJSON(t *testing.T) {
	cases := []struct {
		body string
		want Shape
	}{
		{`{}`, Shape{1, 1, 1, 0, false, 0}},
		{`{"a": 1, "b": [true, false, null, -1.5e3, "x"]}`, Shape{8, 1, 2, 6, false, 0}},
		{`{"key": "value"}`, Shape{2, 1, 1, 0, false, 0}},
		{`{"a": {"b": {"c": []}}}`, Shape{4, 3, 4, 0, false, 0}},
		{`["{[\"", "\\", "]]]]"]`, Shape{4, 0, 1, 0, false, 0}},
		{`{"k\"ey": "v\\", "k": "v"}`, Shape{3, 1, 1, 0, false, 0}},
		{"  [ 1 ,\n22\t, 3 ]  ", Shape{4, 0, 1, 2, false, 0}},
		{`"lone"`, Shape{1, 0, 0, 0, false, 0}},
		{`[[],[],{}]`, Shape{4, 1, 2, 0, false, 0}},
		{`{"a":1,"b":2,"c":3}`, Shape{4, 1, 1, 1, false, 0}},
		{`[{"a":"b"},{"c":"d"}]`, Shape{5, 2, 2, 0, false, 0}},
		{`[{"a":[{"b":"c"}],"d":"e"}]`, Shape{6, 2, 4, 0, false, 0}},
		{`"unterminated`, Shape{1, 0, 0, 0, false, 0}},
		{`]]]}}`, Shape{0, 0, 0, 0, false, 0}},
		{`1234567890.123`, Shape{1, 0, 0, 14, false, 0}},
		{`[truefalse,"12345678"]`, Shape{3, 0, 1, 0, false, 0}},
		{`{"a":-12}`, Shape{2, 1, 1, 3, false, 0}},
	}
	for _, c := range cases {
		if got := MeasureJSON([]byte(c.body), math.MaxInt, MaxJSONDepth, ""); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.body, got, c.want)
		}
	}
	if s := MeasureJSON([]byte(strings.Repeat("[", 100)), math.MaxInt, 1000, ""); s.Depth != MaxJSONDepth+1 {
		t.Errorf("depth %d past the bound, want %d", s.Depth, MaxJSONDepth+1)
	}
	if s := MeasureJSON([]byte(strings.Repeat("{},", 1000)), 10, 8, ""); s.Values != 11 {
		t.Errorf("the count went on past the bound: %+v", s)
	}
	deep := []byte(strings.Repeat("[", 60000))
	many := []byte(strings.Repeat("[0,0,{}],", 8000))
	if n := testing.AllocsPerRun(10, func() { MeasureJSON(deep, 1<<20, 32, "a"); MeasureJSON(many, 1<<20, 32, "a") }); n > 0 {
		t.Errorf("MeasureJSON allocated %v times, want none", n)
	}
}

// TestMeasureJSONFindsTheRecords finds the member of a list that holds its records, and counts
// them, wherever it stands among the other members.
func TestMeasureJSONFindsTheRecords(t *testing.T) {
	for _, c := range []struct {
		body  string
		found bool
		items int
	}{
		{`{"accounts": [{"a": [1, 2]}, {"b": {"c": [3]}}, "x"], "pagination": {"total": 3}}`, true, 3},
		{`{"pagination": {"accounts": [1, 2]}, "accounts": []}`, true, 0},
		{`{"x": [1], "accounts": [{}, {}]}`, true, 2},
		{`{"accounts": null, "pagination": {}}`, false, 0},
		{`{"account": [1], "pagination": {}}`, false, 0},
		{`{"accounts": {"a": 1, "b": 2}}`, true, 0},
		{`[{"accounts": [1]}]`, false, 0},
	} {
		s := MeasureJSON([]byte(c.body), math.MaxInt, MaxJSONDepth, "accounts")
		if s.KeyFound != c.found || s.KeyItems != c.items {
			t.Errorf("%s: found %v with %d items, want %v with %d", c.body, s.KeyFound, s.KeyItems, c.found, c.items)
		}
	}
}
