package mxplatformtest

import (
	"context"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

func (f v20250224Handlers) ListAccountsInsight(context.Context, server25.ListAccountsInsightRequestObject) (server25.ListAccountsInsightResponseObject, error) {
	return nil, errorf(501, "pending")
}

func (f v20250224Handlers) ListCategoriesInsight(context.Context, server25.ListCategoriesInsightRequestObject) (server25.ListCategoriesInsightResponseObject, error) {
	return nil, errorf(501, "pending")
}

func (f v20250224Handlers) ListInsightsByAccount(context.Context, server25.ListInsightsByAccountRequestObject) (server25.ListInsightsByAccountResponseObject, error) {
	return nil, errorf(501, "pending")
}

func (f v20250224Handlers) ListInsightsByTransaction(context.Context, server25.ListInsightsByTransactionRequestObject) (server25.ListInsightsByTransactionResponseObject, error) {
	return nil, errorf(501, "pending")
}

func (f v20250224Handlers) ListInsightsUser(context.Context, server25.ListInsightsUserRequestObject) (server25.ListInsightsUserResponseObject, error) {
	return nil, errorf(501, "pending")
}

func (f v20250224Handlers) ListMerchantsInsight(context.Context, server25.ListMerchantsInsightRequestObject) (server25.ListMerchantsInsightResponseObject, error) {
	return nil, errorf(501, "pending")
}

func (f v20250224Handlers) ListScheduledPaymentsInsight(context.Context, server25.ListScheduledPaymentsInsightRequestObject) (server25.ListScheduledPaymentsInsightResponseObject, error) {
	return nil, errorf(501, "pending")
}

func (f v20250224Handlers) ListTransactionsInsight(context.Context, server25.ListTransactionsInsightRequestObject) (server25.ListTransactionsInsightResponseObject, error) {
	return nil, errorf(501, "pending")
}

func (f v20250224Handlers) ReadInsightUser(context.Context, server25.ReadInsightUserRequestObject) (server25.ReadInsightUserResponseObject, error) {
	return nil, errorf(501, "pending")
}

func (f v20250224Handlers) UpdateInsight(context.Context, server25.UpdateInsightRequestObject) (server25.UpdateInsightResponseObject, error) {
	return nil, errorf(501, "pending")
}

func insightHooks() resourceHooks { return resourceHooks{} }
