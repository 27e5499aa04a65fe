package mxplatformtest

import (
	"cmp"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
	"github.com/shopspring/decimal"
)

// Goals are plain resources, served by the engine (resources.go). A goal follows an account of
// the user: one money is saved in (checking, savings, investment) for a SAVE_AMOUNT goal, a
// debt (credit card, loan, line of credit, mortgage) for a PAYOFF goal; 400 for another. Goals
// are ranked 1, 2, 3... (position): a new goal goes last, or at the rank it asks for, and the
// others move to keep the ranks in sequence, as they do when a goal changes rank, is deleted,
// or is moved by repositionGoals. Goals are listed by rank. The amount reached so far follows
// the account: its balance for a saving, what was paid off (the amount less the balance) for a
// payoff.

func (f v20250224Handlers) ListGoals(ctx context.Context, _ server25.ListGoalsRequestObject) (server25.ListGoalsResponseObject, error) {
	return serveResource[server25.ListGoals200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) CreateGoal(ctx context.Context, _ server25.CreateGoalRequestObject) (server25.CreateGoalResponseObject, error) {
	return serveResource[server25.CreateGoal200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) ReadGoal(ctx context.Context, _ server25.ReadGoalRequestObject) (server25.ReadGoalResponseObject, error) {
	return serveResource[server25.ReadGoal200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) UpdateGoal(ctx context.Context, _ server25.UpdateGoalRequestObject) (server25.UpdateGoalResponseObject, error) {
	return serveResource[server25.UpdateGoal200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) DeleteGoal(ctx context.Context, _ server25.DeleteGoalRequestObject) (server25.DeleteGoalResponseObject, error) {
	return serveResource[server25.DeleteGoal204Response](ctx, f.Fake)
}

// goalHooks rank goals and follow their accounts.
func goalHooks() resourceHooks {
	return resourceHooks{
		create: func(f *Fake, r *record, sc resourceScope, now time.Time) error {
			if err := f.checkGoalAccount(r.fields); err != nil {
				return err
			}
			if _, reached := goalProgress(f, r); reached && r.str("completed_at") == "" {
				r.fields["completed_at"] = string(timestamp(now))
			}
			for _, name := range []string{"is_complete", "has_been_spent"} {
				if _, ok := r.fields[name]; !ok {
					r.fields[name] = false
				}
			}
			goals := f.goalsOf(sc)
			f.rankGoal(append(goals, r), r, fieldInt(r.fields["position"], len(goals)+1))
			return nil
		},
		update: func(f *Fake, r *record, next map[string]any, _ time.Time) error {
			if err := f.checkGoalAccount(next); err != nil {
				return err
			}
			if pos, ok := next["position"]; ok {
				f.rankGoal(f.goalsOf(scopeOf(r)), r, fieldInt(pos, r.num("position")))
				next["position"] = r.fields["position"]
			}
			return nil
		},
		remove: func(f *Fake, r *record, _ time.Time) {
			rest := slices.DeleteFunc(f.goalsOf(scopeOf(r)), func(g *record) bool { return g == r })
			for i, g := range rest {
				g.fields["position"] = i + 1
			}
		},
		sync:   syncGoals,
		render: renderGoal,
		order:  func(a, b *record) int { return cmp.Compare(a.num("position"), b.num("position")) },
	}
}

// fieldInt reads an integer field of a request, or def.
func fieldInt(v any, def int) int {
	switch n := v.(type) {
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return int(i)
		}
	case int:
		return n
	}
	return def
}

// goalsOf returns the user's goals by rank.
func (f *Fake) goalsOf(sc resourceScope) []*record {
	goals := f.st.recordsOf(f, f.res.kinds["Goal"], sc)
	slices.SortStableFunc(goals, func(a, b *record) int { return cmp.Compare(a.num("position"), b.num("position")) })
	return goals
}

// rankGoal moves the goal to the rank (clamped to the ranks there are), and renumbers the
// goals, ranked, from 1.
func (f *Fake) rankGoal(goals []*record, g *record, rank int) {
	rest := slices.DeleteFunc(slices.Clone(goals), func(x *record) bool { return x == g })
	rank = min(max(rank, 1), len(rest)+1)
	ranked := slices.Insert(rest, rank-1, g)
	for i, x := range ranked {
		x.fields["position"] = i + 1
	}
}

// debtTypes are the accounts a PAYOFF goal may follow.
var debtTypes = []mxplatform.AccountType{mxplatform.AccountTypeCreditCard, mxplatform.AccountTypeLoan, mxplatform.AccountTypeLineOfCredit, mxplatform.AccountTypeMortgage, mxplatform.AccountTypeCheckingLineOfCredit}

// savingTypes are the accounts a SAVE_AMOUNT goal may follow.
var savingTypes = []mxplatform.AccountType{mxplatform.AccountTypeChecking, mxplatform.AccountTypeSavings, mxplatform.AccountTypeInvestment, mxplatform.AccountTypeCash}

// checkGoalAccount answers 400 for a goal whose account does not suit its type.
func (f *Fake) checkGoalAccount(fields map[string]any) error {
	a := f.st.accounts[mxplatform.AccountGUID(fieldString(fields, "account_guid"))]
	if a == nil {
		return nil // the engine has checked the reference
	}
	typ := mxplatform.GoalType(fieldString(fields, "goal_type_name"))
	switch {
	case typ == mxplatform.GoalTypePayoff && !slices.Contains(debtTypes, a.data.Type):
		return errorf(http.StatusBadRequest, "Invalid request body: a PAYOFF goal follows a debt account (credit card, loan, line of credit or mortgage), not a %s account.", a.data.Type)
	case typ == mxplatform.GoalTypeSaveAmount && !slices.Contains(savingTypes, a.data.Type):
		return errorf(http.StatusBadRequest, "Invalid request body: a SAVE_AMOUNT goal follows an account money is saved in, not a %s account.", a.data.Type)
	}
	return nil
}

// fieldString reads a text field.
func fieldString(fields map[string]any, name string) string {
	s, _ := fields[name].(string)
	return s
}

// goalProgress derives the amount the goal has reached from its account (its balance for a
// saving, what was paid off for a payoff) and whether that reaches the goal.
func goalProgress(f *Fake, r *record) (current decimal.Decimal, reached bool) {
	amount, _ := r.dec("amount")
	current = decimal.Zero
	if a := f.st.accounts[mxplatform.AccountGUID(r.str("account_guid"))]; a != nil {
		balance := a.data.Balance.Value().Big()
		if mxplatform.GoalType(r.str("goal_type_name")) == mxplatform.GoalTypePayoff {
			current = decimal.Max(decimal.Zero, amount.Big().Sub(balance))
		} else {
			current = balance
		}
	}
	return current, current.Cmp(amount.Big()) >= 0
}

// syncGoals dates the completion of the user's goals: a goal first seen reached gets
// completed_at, which it keeps (a goal entered as already reached keeps the date it came with).
func syncGoals(f *Fake, sc resourceScope, now time.Time) {
	for _, g := range f.goalsOf(sc) {
		if _, reached := goalProgress(f, g); (reached || g.flag("is_complete")) && g.str("completed_at") == "" {
			g.fields["completed_at"] = string(timestamp(now))
		}
	}
}

// renderGoal derives how the goal stands: the amount reached from its account, whether it is
// complete, and how it is tracked.
func renderGoal(f *Fake, r *record, out map[string]any, _ time.Time) {
	current, reached := goalProgress(f, r)
	out["current_amount"] = mxplatform.DecimalFromBig(current)
	out["is_complete"] = r.flag("is_complete") || reached
	track := mxplatform.GoalTrackTypeSavingsTrack
	switch {
	case mxplatform.GoalType(r.str("goal_type_name")) == mxplatform.GoalTypePayoff:
		track = mxplatform.GoalTrackTypeDebtTrack
	case r.str("meta_type_name") == "EMERGENCY_FUND":
		track = mxplatform.GoalTrackTypeEmergencyFundTrack
	case r.str("meta_type_name") == "RETIREMENT":
		track = mxplatform.GoalTrackTypeRetirementTrack
	}
	out["track_type_name"] = track
}

// RepositionGoals serves repositionGoals: each goal named takes its rank, in the order given,
// the others moving to keep the ranks in sequence; the answer is every goal of the user by
// rank. A goal of another user, or none, answers 404.
func (f v20250224Handlers) RepositionGoals(_ context.Context, req server25.RepositionGoalsRequestObject) (server25.RepositionGoalsResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	sc, err := f.resolveOwners([]string{"user_guid"}, map[string]string{"user_guid": string(req.UserGUID)})
	var out []map[string]any
	if err == nil {
		kind := f.res.kinds["Goal"]
		var moves []*record
		for _, p := range req.Body.Goals {
			g := f.st.recordOf(f.Fake, kind, string(p.GUID), sc)
			if g == nil {
				err = notFound(kind)
				break
			}
			moves = append(moves, g)
		}
		if err == nil {
			for i, g := range moves {
				f.rankGoal(f.goalsOf(sc), g, req.Body.Goals[i].Position)
			}
			out = f.renderRecords(f.goalsOf(sc), now)
		}
	}
	f.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return answerAs[server25.RepositionGoals200JSONResponse](map[string]any{"goals": out})
}
