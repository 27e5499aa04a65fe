package mxplatformtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// TestGoalCompletionIsDated checks completed_at: a goal reached when it is created is dated
// then, a goal not reached has none until it is, and the date stays once set.
func TestGoalCompletionIsDated(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, _ := connectedUser(t, srv, mx)
	accts, err := mx.ListUserAccounts(ctx, ug, nil)
	if err != nil {
		t.Fatal(err)
	}
	var checking mxplatform.Account
	for _, a := range accts.Items {
		if a.Type == mxplatform.AccountTypeChecking {
			checking = a
		}
	}
	balance := checking.Balance.Value()
	if checking.GUID == "" || balance.Sign() <= 0 {
		t.Fatalf("no checking account with money: %+v", accts.Items)
	}

	reached, err := mx.CreateGoal(ctx, ug, mxplatform.GoalCreateRequest{AccountGUID: checking.GUID, Amount: balance, GoalTypeName: mxplatform.GoalTypeSaveAmount, MetaTypeName: "VACATION", Name: "Reached"})
	if err != nil {
		t.Fatal(err)
	}
	if !reached.IsComplete.Value() || reached.CompletedAt == "" {
		t.Errorf("a goal of the account's balance: complete %v, completed_at %q; want complete and dated", reached.IsComplete.Value(), reached.CompletedAt)
	}
	open, err := mx.CreateGoal(ctx, ug, mxplatform.GoalCreateRequest{AccountGUID: checking.GUID, Amount: balance.Add(mxplatform.MustDecimal("0.01")), GoalTypeName: mxplatform.GoalTypeSaveAmount, MetaTypeName: "VACATION", Name: "Open"})
	if err != nil {
		t.Fatal(err)
	}
	if open.IsComplete.Value() || open.CompletedAt != "" {
		t.Errorf("a goal a cent beyond the balance: complete %v, completed_at %q; want neither", open.IsComplete.Value(), open.CompletedAt)
	}

	srv.Fake.AdvanceTime(48 * time.Hour)
	if _, err := mx.UpdateGoal(ctx, ug, open.GUID, mxplatform.GoalUpdateRequest{Amount: mxplatform.Ptr(balance)}); err != nil {
		t.Fatal(err)
	}
	now, err := mx.ReadGoal(ctx, ug, open.GUID)
	if err != nil {
		t.Fatal(err)
	}
	again, err := mx.ReadGoal(ctx, ug, reached.GUID)
	if err != nil {
		t.Fatal(err)
	}
	if again.CompletedAt != reached.CompletedAt {
		t.Errorf("completed_at moved from %q to %q", reached.CompletedAt, again.CompletedAt)
	}
	first, err1 := reached.CompletedAt.Time()
	later, err2 := now.CompletedAt.Time()
	if err1 != nil || err2 != nil || !now.IsComplete.Value() || later.Sub(first) < 47*time.Hour {
		t.Errorf("a goal reached two days later: complete %v, completed_at %q (%v), first goal's %q (%v)", now.IsComplete.Value(), now.CompletedAt, err2, reached.CompletedAt, err1)
	}
}
