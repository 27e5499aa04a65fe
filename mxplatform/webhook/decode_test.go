package webhook

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestParseAccountEventTolerates(t *testing.T) {
	for name, payload := range map[string]string{
		"unknown fields":       `{"action": "created", "account": {"guid": "ACT-1", "new_field": {"x": [1]}}, "sent_at": 1}`,
		"null fields":          `{"action": "updated", "account": {"guid": "ACT-1", "balance": null, "balance_set_by": null, "created_at": null}}`,
		"quoted decimal":       `{"action": "updated", "account": {"guid": "ACT-1", "balance": "1234567.89"}}`,
		"widest amounts":       `{"action": "updated", "account": {"guid": "ACT-1", "balance": -999999999999.99, "apr": 9999.999999, "feed_balance": 1e30}}`,
		"unknown set_by":       `{"action": "updated", "account": {"guid": "ACT-1", "name_set_by": "PARTNER"}}`,
		"unknown account type": `{"action": "created", "account": {"guid": "ACT-1", "account_type": "CRYPTO"}}`,
	} {
		e, err := ParseAccountEvent([]byte(payload))
		if err != nil || e.Account.GUID != "ACT-1" {
			t.Errorf("%s: %v", name, err)
		}
	}
	e, err := ParseAccountEvent([]byte(`{"action": "updated", "account": {"guid": "ACT-1", "balance": 1234567.89, "name_set_by": "PARTNER"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if e.Account.Balance.String() != "1234567.89" || e.Account.NameSetBy != "PARTNER" {
		t.Errorf("decoded %+v", e.Account)
	}
}

func TestParseAccountEventRejects(t *testing.T) {
	for name, tc := range map[string]struct {
		payload string
		want    error
		text    string
	}{
		"empty":               {``, ErrMalformed, "JSON"},
		"not json":            {`action=created`, ErrMalformed, "invalid JSON"},
		"array":               {`[{"action": "created"}]`, ErrMalformed, "array"},
		"unquoted id":         {`{"action": "deleted", "account": {"guid": "ACT-1", "id": account-1}}`, ErrMalformed, "invalid JSON"},
		"truncated":           {`{"action": "deleted", "account": {"guid": "ACT-1"`, ErrMalformed, "JSON"},
		"string balance":      {`{"action": "deleted", "account": {"guid": "ACT-1", "balance": "a lot"}}`, ErrMalformed, `"account.balance"`},
		"ISO created_at":      {`{"action": "deleted", "account": {"guid": "ACT-1", "created_at": "2020-04-27"}}`, ErrMalformed, "created_at"},
		"boolean closed text": {`{"action": "deleted", "account": {"guid": "ACT-1", "is_closed": "no"}}`, ErrMalformed, "is_closed"},
		"unknown action":      {`{"action": "blocked", "account": {"guid": "ACT-1"}}`, ErrUnknownAction, `"blocked"`},
		"capital action":      {`{"action": "Created", "account": {"guid": "ACT-1"}}`, ErrUnknownAction, `"Created"`},
		"no action":           {`{"account": {"guid": "ACT-1"}}`, ErrUnknownAction, "no \"action\""},
		"null action":         {`{"action": null, "account": {"guid": "ACT-1"}}`, ErrUnknownAction, "no \"action\""},
		"long action":         {`{"action": "` + strings.Repeat("x", 500) + `", "account": {"guid": "ACT-1"}}`, ErrUnknownAction, `"...`},
		"no account":          {`{"action": "created"}`, ErrMissingAccount, "no \"account\""},
		"null account":        {`{"action": "created", "account": null}`, ErrMissingAccount, "no \"account\""},
		"no guid":             {`{"action": "created", "account": {"name": "Checking"}}`, ErrMissingAccount, "guid"},
		"null guid":           {`{"action": "created", "account": {"guid": null}}`, ErrMissingAccount, "guid"},
		"huge exponent":       {`{"action": "created", "account": {"guid": "ACT-1", "balance": 1e999999999}}`, ErrMalformed, `"account.balance"`},
		"huge zero":           {`{"action": "created", "account": {"guid": "ACT-1", "apr": 0e999999999}}`, ErrMalformed, `"account.apr"`},
		"tiny exponent":       {`{"action": "created", "account": {"guid": "ACT-1", "apy": 1e-999999999}}`, ErrMalformed, `"account.apy"`},
		"quoted huge":         {`{"action": "created", "account": {"guid": "ACT-1", "feed_balance": "-5E+100"}}`, ErrMalformed, `"feed_balance"`},
	} {
		t.Run(name, func(t *testing.T) {
			e, err := ParseAccountEvent([]byte(tc.payload))
			if e != nil || !errors.Is(err, tc.want) {
				t.Fatalf("%v, %v; want %v", e, err, tc.want)
			}
			for _, other := range []error{ErrMalformed, ErrUnknownAction, ErrMissingAccount} {
				if other != tc.want && errors.Is(err, other) {
					t.Errorf("%v also matches %v", err, other)
				}
			}
			if !strings.Contains(err.Error(), tc.text) || len(err.Error()) > 300 {
				t.Errorf("message %q does not say %q, or is too long", err, tc.text)
			}
		})
	}
}

// FuzzParseAccountEvent feeds the decoder the reference's payload and variations of it. The
// decoder must never panic; an event it accepts has a known action and an account GUID, and
// encodes to a payload it accepts again, equal to the first.
func FuzzParseAccountEvent(f *testing.F) {
	for _, body := range fixtures(f) {
		f.Add(body)
		f.Add([]byte(strings.Replace(string(body), `"deleted"`, `"created"`, 1)))
		f.Add([]byte(strings.Replace(string(body), `"balance": 1000`, `"balance": 1e400`, 1)))
		f.Add(body[:len(body)/2])
	}
	f.Add([]byte(`{"action": "updated", "account": {"guid": "ACT-1", "balance": "12.30"}}`))
	f.Add([]byte(`{"action": "created", "account": {"guid": "ACT-1", "created_at": -62135596800}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, payload []byte) {
		e, err := ParseAccountEvent(payload)
		if err != nil {
			if e != nil {
				t.Fatal("an event and an error")
			}
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrUnknownAction) && !errors.Is(err, ErrMissingAccount) {
				t.Fatalf("error %v matches no sentinel", err)
			}
			return
		}
		if !e.Action.Valid() || e.Account.GUID == "" {
			t.Fatalf("accepted %+v", e)
		}
		again, err := json.Marshal(e)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		e2, err := ParseAccountEvent(again)
		if err != nil {
			t.Fatalf("the encoded event does not decode: %v\n%s", err, again)
		}
		third, err := json.Marshal(e2)
		if err != nil || string(third) != string(again) {
			t.Fatalf("not stable:\n%s\n%s", again, third)
		}
		_, _ = Time(e.Account.CreatedAt)
	})
}
