package mxplatformtest

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
	mx11 "github.com/mxsdk/mx-go/mxplatform/v20111101"
)

// v20111101 answers its own models of accounts, institutions, transactions and users from the
// records the current version answers from. The fields both versions have carry over by their
// JSON name (convert), amounts exactly; what only v20111101 has is added from the records:
//
//   - accounts: institution_guid; holdings_value, the sum of the holdings' market values;
//     feed_*, the values the institution last sent (for aggregated accounts), which differ
//     from the others once the partner changed them; and *_set_by, FEED (1) for a value that
//     is the institution's and SYSTEM (3) for the currency, MX's own, none for a value the
//     partner set (MX documents no code for those);
//   - institutions: supports_account_identification, supports_account_statement,
//     supports_account_verification and supports_transaction_history, from the products the
//     institution supports.

// convert returns v as a T through JSON: the fields of the same name carry over exactly
// (amounts are JSON numbers written as they are stored). The models of both versions always
// encode, so a failure is a bug of the fake.
func convert[T any](v any) T {
	var out T
	b, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		panic("mxplatformtest: converting " + reflect.TypeOf(v).String() + ": " + err.Error())
	}
	return out
}

// jsonFields returns the JSON names of the fields of a struct type.
func jsonFields(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); name != "" && name != "-" {
			out[name] = true
		}
	}
	return out
}

var v1AccountFields = jsonFields(reflect.TypeFor[mx11.Account]())

// apiV1 renders the account as v20111101 answers it.
func (a *accountRec) apiV1() mx11.Account {
	fields := convert[map[string]json.RawMessage](a.api())
	fields["institution_guid"] = convert[json.RawMessage](a.member.inst.guid)
	hv, hasHoldings := holdingsValueOf(a)
	if hasHoldings {
		fields["holdings_value"] = convert[json.RawMessage](hv)
	}
	if !a.data.IsManual.Value() {
		feed := convert[map[string]json.RawMessage](a.feed)
		if hasHoldings {
			feed["holdings_value"] = fields["holdings_value"]
		}
		for k, v := range feed {
			if v1AccountFields["feed_"+k] {
				fields["feed_"+k] = v
			}
		}
		for k, v := range fields {
			if !v1AccountFields[k+"_set_by"] {
				continue
			}
			switch {
			case k == "currency_code":
				fields[k+"_set_by"] = convert[json.RawMessage](mxplatform.SetBySystem)
			case string(feed[k]) == string(v):
				fields[k+"_set_by"] = convert[json.RawMessage](mxplatform.SetByFeed)
			}
		}
	}
	return convert[mx11.Account](fields)
}

// apiV1 renders the transaction as v20111101 answers it.
func (t *txnRec) apiV1(includes map[string]bool) mx11.Transaction {
	return convert[mx11.Transaction](t.api(includes))
}

// apiV1 renders the institution as v20111101 answers it.
func (r *institutionRec) apiV1() mx11.Institution {
	out := convert[mx11.Institution](r.api())
	out.SupportsAccountIdentification = opt(r.supports(mxplatform.SupportedProductIdentityVerification))
	out.SupportsAccountStatement = opt(r.supports(mxplatform.SupportedProductStatements))
	out.SupportsAccountVerification = opt(r.supports(mxplatform.SupportedProductAccountVerification))
	out.SupportsTransactionHistory = opt(r.supports(mxplatform.SupportedProductTransactionHistory))
	return out
}

// apiV1 renders the user as v20111101 answers it.
func (u *userRec) apiV1() mx11.User { return convert[mx11.User](u.api()) }
