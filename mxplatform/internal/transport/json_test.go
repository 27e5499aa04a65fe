package transport

import (
	"errors"
	"strings"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// TestUnmarshal checks what answers and events may hold: a name given twice takes its last
// value, invalid UTF-8 becomes U+FFFD, unknown names (and names in another case) are ignored,
// and an error names the field and wraps the decoder's.
func TestUnmarshal(t *testing.T) {
	type account struct {
		Balance int    `json:"balance"`
		Name    string `json:"name"`
	}
	type answer struct {
		Account account `json:"account"`
	}
	for _, tc := range []struct {
		name, body string
		want       account
		err        string // "" for none
	}{
		{"plain", `{"account": {"balance": 5, "name": "Checking"}}`, account{5, "Checking"}, ""},
		{"a name twice", `{"account": {"balance": 5, "balance": 7}}`, account{Balance: 7}, ""},
		{"invalid UTF-8", "{\"account\": {\"name\": \"a\xffb\"}}", account{Name: "a\uFFFDb"}, ""},
		{"unknown and other-case names", `{"account": {"Balance": 5, "NAME": "x", "new_field": [1]}, "x": 1}`, account{}, ""},
		{"wrong type", `{"account": {"balance": "lots"}}`, account{}, `field "account.balance": a JSON string where int belongs`},
		{"not an object", `[1]`, account{}, `the body: a JSON array where`},
		{"cut off", `{"account": {"balance": 1`, account{}, `invalid JSON at byte 25`},
		{"empty", ``, account{}, `invalid JSON at byte 0`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got answer
			err := Unmarshal([]byte(tc.body), &got)
			if tc.err == "" {
				if err != nil || got.Account != tc.want {
					t.Errorf("got %+v, %v; want %+v", got.Account, err, tc.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("error %v, want one with %q", err, tc.err)
			}
			var semantic *jsonv2.SemanticError
			var syntactic *jsontext.SyntacticError
			if !errors.As(err, &semantic) && !errors.As(err, &syntactic) {
				t.Errorf("%T does not wrap the decoder's error", err)
			}
		})
	}
}
