package mxplatformtest

import (
	"context"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// Transaction rules are plain resources, served by the engine (resources.go). A rule applies
// from its creation on: each transaction an aggregation gathers afterwards whose description
// or original description contains the rule's match_description (ignoring case) takes the
// rule's category, and its description when the rule has one; the user's first rule that
// matches wins.

func (f v20250224Handlers) ListTransactionRules(ctx context.Context, _ server25.ListTransactionRulesRequestObject) (server25.ListTransactionRulesResponseObject, error) {
	return serveResource[server25.ListTransactionRules200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) CreateTransactionRule(ctx context.Context, _ server25.CreateTransactionRuleRequestObject) (server25.CreateTransactionRuleResponseObject, error) {
	return serveResource[server25.CreateTransactionRule200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) ReadTransactionRule(ctx context.Context, _ server25.ReadTransactionRuleRequestObject) (server25.ReadTransactionRuleResponseObject, error) {
	return serveResource[server25.ReadTransactionRule200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) UpdateTransactionRule(ctx context.Context, _ server25.UpdateTransactionRuleRequestObject) (server25.UpdateTransactionRuleResponseObject, error) {
	return serveResource[server25.UpdateTransactionRule200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) DeleteTransactionRule(ctx context.Context, _ server25.DeleteTransactionRuleRequestObject) (server25.DeleteTransactionRuleResponseObject, error) {
	return serveResource[server25.DeleteTransactionRule204Response](ctx, f.Fake)
}

// applyRules gives a transaction just gathered the category and description of the first rule
// of its user that matches it.
func (f *Fake) applyRules(t *txnRec) {
	u := t.account.member.user
	sc := resourceScope{owners: map[string]string{"UserGUID": string(u.guid)}}
	for _, r := range f.st.recordsOf(f, f.res.kinds["TransactionRule"], sc) {
		match := strings.ToLower(strings.TrimSpace(r.str("match_description")))
		if match == "" || !strings.Contains(strings.ToLower(t.data.Description), match) && !strings.Contains(strings.ToLower(t.data.OriginalDescription), match) {
			continue
		}
		if g := mxplatform.CategoryGUID(r.str("category_guid")); g != "" {
			if name, top, ok := categoryNames(u, g); ok {
				t.data.CategoryGUID, t.data.Category, t.data.TopLevelCategory = g, name, top
			}
		}
		if d := r.str("description"); d != "" {
			t.data.Description = d
		}
		return
	}
}
