package mxplatformtest

import (
	"context"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// Rewards are the loyalty balances (points, miles, cash back) of a member's accounts. fetchRewards
// starts a job on the member, like the other jobs of v20250224 (see jobs.go): 200 with the
// member when it starts, 202 while a rewards fetch runs, 409 while another job runs, 400 at an
// institution whose supported_products lack rewards (the fake's MX Bank, MX Bank (OAuth) and
// Chase Bank have it), and the member's password picks the outcome as for any job. Its data
// step gathers the rewards, which the engine (resources.go) then lists and reads
// (listRewards, readRewards): none before the first fetch, and 404 for a reward that is not
// the member's. A member created with data_request.products naming rewards gathers them in
// each aggregation.
//
// MX's documents give no values for balance_type and unit_type. The fake answers what
// aggregators commonly pass on from institutions: every credit card has one program, chosen
// from the seed and the account (POINTS, MILES, or CASH, cash back in the account's currency
// with cents), whose BALANCE grows at each fetch; points and miles also have an
// EXPIRING_BALANCE, a share of the points that lapses at the end of the third month after the
// fetch (expires_on). Every checking account earns relationship POINTS, without expiry. Other
// accounts, and manual ones, have none. A fetch keeps each reward's GUID and created_at and
// updates its balance and updated_at; deleting the member or the account deletes its rewards.

// rewardState is what the fake keeps of a reward beside its record's fields (the record's
// extra).
type rewardState struct {
	program rewardProgram
	fetches int64 // the fetches that have gathered it, the first one counted
}

// rewardProgram is one balance of an account's reward program.
type rewardProgram struct {
	description string
	unitType    string // POINTS, MILES or CASH
	balanceType string // BALANCE or EXPIRING_BALANCE
	// The balance at the first fetch and what each later fetch adds, in points or miles, or in
	// cents for CASH.
	base, earn int64
	expires    bool // the balance has an expires_on
}

// FetchRewards serves fetchRewards: a job that gathers the rewards of the member's accounts.
func (f v20250224Handlers) FetchRewards(ctx context.Context, req server25.FetchRewardsRequestObject) (server25.FetchRewardsResponseObject, error) {
	body, started, err := f.job(ctx, req.UserIdentifier, req.MemberIdentifier, jobRewards)
	switch {
	case err != nil:
		return nil, err
	case started:
		return server25.FetchRewards200JSONResponse(body), nil
	}
	return server25.FetchRewards202JSONResponse(body), nil
}

// ListRewards serves listRewards: the rewards the member's fetches gathered, in the order
// they were first gathered.
func (f v20250224Handlers) ListRewards(ctx context.Context, _ server25.ListRewardsRequestObject) (server25.ListRewardsResponseObject, error) {
	return serveResource[server25.ListRewards200JSONResponse](ctx, f.Fake)
}

// ReadRewards serves readRewards: one reward of the member, 404 for any other.
func (f v20250224Handlers) ReadRewards(ctx context.Context, _ server25.ReadRewardsRequestObject) (server25.ReadRewardsResponseObject, error) {
	return serveResource[server25.ReadRewards200JSONResponse](ctx, f.Fake)
}

// rewardProgramsOf returns the reward balances of an account, derived from the seed, the
// member's login and the account.
func rewardProgramsOf(seed int64, a *accountRec) []rewardProgram {
	if a.data.IsManual.Value() {
		return nil
	}
	inst := a.member.inst.Name
	h := accountHash(seed, a, "rewards")
	pick := func(lo, hi int64) int64 {
		n := lo + int64(h%uint64(hi-lo+1))
		h /= uint64(hi - lo + 1)
		return n
	}
	switch a.data.Type {
	case mxplatform.AccountTypeChecking:
		return []rewardProgram{{description: inst + " Relationship Points", unitType: "POINTS", balanceType: "BALANCE", base: pick(100, 5000), earn: pick(10, 200)}}
	case mxplatform.AccountTypeCreditCard:
		var p rewardProgram
		switch pick(0, 2) {
		case 0:
			p = rewardProgram{description: inst + " Rewards Points", unitType: "POINTS", base: pick(1000, 60000), earn: pick(100, 2500)}
		case 1:
			p = rewardProgram{description: inst + " Travel Miles", unitType: "MILES", base: pick(1000, 40000), earn: pick(100, 2000)}
		default:
			return []rewardProgram{{description: inst + " Cash Back", unitType: "CASH", balanceType: "BALANCE", base: pick(500, 30000), earn: pick(100, 3000)}}
		}
		balance, expiring := p, p
		balance.balanceType = "BALANCE"
		expiring.balanceType, expiring.description = "EXPIRING_BALANCE", p.description+" expiring"
		expiring.base, expiring.earn, expiring.expires = p.base/10, 0, true
		return []rewardProgram{balance, expiring}
	}
	return nil
}

// amount returns the balance after the fetches: points and miles whole, cash in cents.
func (p rewardProgram) amount(fetches int64) mxplatform.Decimal {
	n := p.base + (fetches-1)*p.earn
	if p.unitType == "CASH" {
		return money(n)
	}
	return mxplatform.DecimalFromInt(n)
}

// fetchRewards gathers the rewards of the member's accounts at time at: a record for each
// balance the first time, the balance brought up to date afterwards.
func (f *Fake) fetchRewards(m *memberRec, at time.Time) {
	k := f.res.kinds["Reward"]
	owners := map[string]string{"UserGUID": string(m.user.guid), "MemberGUID": string(m.guid)}
	held := f.st.recordsOf(f, k, resourceScope{owners: owners})
	for _, a := range m.accs {
		for _, p := range rewardProgramsOf(f.cfg.seed, a) {
			r := findReward(held, a.guid, p)
			if r == nil {
				r = f.newRecord(k, owners, map[string]any{
					"account_guid": string(a.guid), "description": p.description,
					"unit_type": p.unitType, "balance_type": p.balanceType,
				}, at)
				r.extra = &rewardState{program: p}
				f.st.putRecord(r)
			}
			st := r.extra.(*rewardState)
			st.fetches++
			r.fields["balance"] = p.amount(st.fetches)
			r.fields["updated_at"] = string(timestamp(at))
			if p.expires {
				// The last day of the third month after the fetch.
				first := time.Date(at.Year(), at.Month(), 1, 0, 0, 0, 0, time.UTC)
				r.fields["expires_on"] = string(dateOf(first.AddDate(0, 4, -1)))
			}
		}
	}
}

// findReward returns the reward of the account for the program's balance, or nil.
func findReward(held []*record, account mxplatform.AccountGUID, p rewardProgram) *record {
	for _, r := range held {
		st, ok := r.extra.(*rewardState)
		if ok && r.str("account_guid") == string(account) && st.program.balanceType == p.balanceType && st.program.unitType == p.unitType {
			return r
		}
	}
	return nil
}
