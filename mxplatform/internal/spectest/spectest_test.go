package spectest

import "testing"

func TestJSONDiff(t *testing.T) {
	same := [][2]string{
		{`{"a": 1000.0}`, `{"a": 1000}`},
		{`{"a": null, "b": 1}`, `{"b": 1}`},
		{`{"a": [1, {"x": null}]}`, `{"a": [1.00, {}]}`},
		{`{"a": "", "b": 1}`, `{"b": 1}`},
	}
	for _, p := range same {
		if d := JSONDiff([]byte(p[0]), []byte(p[1])); d != "" {
			t.Errorf("%s vs %s: %s", p[0], p[1], d)
		}
	}
	differ := [][2]string{
		{`{"a": 0.1}`, `{"a": 0.10000001}`},
		{`{"a": "1"}`, `{"a": 1}`},
		{`{"a": 1}`, `{"a": 1, "b": false}`},
		{`{"a": [1, 2]}`, `{"a": [2, 1]}`},
		{`{"a": []}`, `{}`},
		{`{"a": "x"}`, `{}`},
		{`{"a": 1}`, `not json`},
	}
	for _, p := range differ {
		if d := JSONDiff([]byte(p[0]), []byte(p[1])); d == "" {
			t.Errorf("%s and %s compared equal", p[0], p[1])
		}
	}
}
