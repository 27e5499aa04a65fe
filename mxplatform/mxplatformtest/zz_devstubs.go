package mxplatformtest

import (
	"context"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

func (f v20250224Handlers) CreateMicrodeposit(context.Context, server25.CreateMicrodepositRequestObject) (server25.CreateMicrodepositResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) CreateSplitTransactions(context.Context, server25.CreateSplitTransactionsRequestObject) (server25.CreateSplitTransactionsResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) CreateSplitTransactionsByAccount(context.Context, server25.CreateSplitTransactionsByAccountRequestObject) (server25.CreateSplitTransactionsByAccountResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) CreditCard(context.Context, server25.CreditCardRequestObject) (server25.CreditCardResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) DeactivateUser(context.Context, server25.DeactivateUserRequestObject) (server25.DeactivateUserResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) DeleteMicrodeposit(context.Context, server25.DeleteMicrodepositRequestObject) (server25.DeleteMicrodepositResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) DeleteSplitTransactionByAccount(context.Context, server25.DeleteSplitTransactionByAccountRequestObject) (server25.DeleteSplitTransactionByAccountResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) DeleteSplitTransactions(context.Context, server25.DeleteSplitTransactionsRequestObject) (server25.DeleteSplitTransactionsResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) EnhanceTransactions(context.Context, server25.EnhanceTransactionsRequestObject) (server25.EnhanceTransactionsResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) FetchRewards(context.Context, server25.FetchRewardsRequestObject) (server25.FetchRewardsResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) GetAccountsData(context.Context, server25.GetAccountsDataRequestObject) (server25.GetAccountsDataResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) GetIdentityData(context.Context, server25.GetIdentityDataRequestObject) (server25.GetIdentityDataResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) GetTransactionsData(context.Context, server25.GetTransactionsDataRequestObject) (server25.GetTransactionsDataResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) ListRewards(context.Context, server25.ListRewardsRequestObject) (server25.ListRewardsResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) ListUserMicrodeposits(context.Context, server25.ListUserMicrodepositsRequestObject) (server25.ListUserMicrodepositsResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) ListUserVerifications(context.Context, server25.ListUserVerificationsRequestObject) (server25.ListUserVerificationsResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) ReadRewards(context.Context, server25.ReadRewardsRequestObject) (server25.ReadRewardsResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) ReadUserMicrodeposit(context.Context, server25.ReadUserMicrodepositRequestObject) (server25.ReadUserMicrodepositResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) RepeatingTransactions(context.Context, server25.RepeatingTransactionsRequestObject) (server25.RepeatingTransactionsResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) SpecificRepeatingTransaction(context.Context, server25.SpecificRepeatingTransactionRequestObject) (server25.SpecificRepeatingTransactionResponseObject, error) {
	return nil, errorf(501, "pending")
}
func (f v20250224Handlers) VerifyMicrodeposit(context.Context, server25.VerifyMicrodepositRequestObject) (server25.VerifyMicrodepositResponseObject, error) {
	return nil, errorf(501, "pending")
}
