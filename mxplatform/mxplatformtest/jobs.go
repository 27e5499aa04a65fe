package mxplatformtest

import (
	"slices"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// A job is what MX runs on a member: a standard aggregation (on creation, on aggregateMember,
// on new credentials, after OAuth), a balance check, a verification (account numbers), an
// identification (account owners), an extended history (older transactions), a statements
// fetch or a rewards fetch. It moves through steps; each step changes the member the way MX's
// would, so that a client polling readMember or readMemberStatus sees realistic states:
//
//	start          is_being_aggregated true, aggregated_at set, has_processed_* false
//	authenticate   CONNECTED; or CHALLENGED (waits for resumeAggregation); or DELAYED; or the
//	               failure status the credentials pick (DENIED, LOCKED...), which ends the job
//	answers        after resumeAggregation (RESUMED): CONNECTED, or REJECTED, which ends it
//	accounts       accounts made or refreshed, has_processed_accounts true (balance checks:
//	               balances refreshed)
//	then one step per product the job gathers, in this order:
//	  numbers      account and routing numbers, has_processed_account_numbers true
//	  owners       account owners
//	  transactions transactions gathered, has_processed_transactions true
//	  history      up to two years of older transactions, has_processed_transactions true
//	  statements   the monthly statements of the last three months
//	  rewards      the rewards of the member's accounts (see v20250224_rewards.go)
//	finish         is_being_aggregated false, successfully_aggregated_at set
//
// Steps are not run by goroutines: each request first brings every job up to date with the
// fake's clock (see Fake.advance), running the steps that fell due since, each at its own due
// time. With manual steps, only Fake.Step and Fake.Settle move jobs.

// jobKind is the kind of a job; a job of another kind than the one asked for answers 409.
type jobKind int

const (
	jobAggregation jobKind = iota + 1
	jobBalance
	jobVerification
	jobIdentification
	jobHistory
	jobStatements
	jobRewards
)

// String names the kind of job, for messages.
func (k jobKind) String() string {
	switch k {
	case jobBalance:
		return "balance check"
	case jobVerification:
		return "verification"
	case jobIdentification:
		return "identification"
	case jobHistory:
		return "extended history"
	case jobStatements:
		return "statements fetch"
	case jobRewards:
		return "rewards fetch"
	}
	return "aggregation"
}

// jobState is the next step of a job.
type jobState int

const (
	stAuthenticate jobState = iota + 1
	stConnect               // after DELAYED, or after OAuth
	stAnswers               // the challenges were answered
	stAccounts
	stNumbers
	stOwners
	stTransactions
	stHistory
	stStatements
	stRewards
	stFinish
)

// productSteps are the steps that gather each product, in the order jobs run them.
var productSteps = []struct {
	product mxplatform.SupportedProduct
	state   jobState
}{
	{mxplatform.SupportedProductAccountVerification, stNumbers},
	{mxplatform.SupportedProductIdentityVerification, stOwners},
	{mxplatform.SupportedProductTransactions, stTransactions},
	{mxplatform.SupportedProductTransactionHistory, stHistory},
	{mxplatform.SupportedProductStatements, stStatements},
	{mxplatform.SupportedProductRewards, stRewards},
}

// job is a running job.
type job struct {
	seq         uint64
	guid        mxplatform.JobGUID
	kind        jobKind
	m           *memberRec
	out         outcome
	state       jobState
	plan        []jobState // the data steps after accounts, then stFinish
	nextAt      time.Time  // when the next step is due (time-driven mode)
	waiting     bool       // CHALLENGED: waits for answers
	expiresAt   time.Time  // when a waiting challenge expires
	rightAnswer bool       // the answers given to resumeAggregation were right
}

// planFor returns the data steps of a job that gathers the products (investments need none:
// holdings come with their accounts).
func planFor(products []mxplatform.SupportedProduct) []jobState {
	var plan []jobState
	for _, p := range productSteps {
		if slices.Contains(products, p.product) {
			plan = append(plan, p.state)
		}
	}
	return append(plan, stFinish)
}

// productsOf returns what a job of the kind gathers on the member: an aggregation the
// member's products (transactions by default), the other jobs their own product.
func productsOf(kind jobKind, m *memberRec) []mxplatform.SupportedProduct {
	switch kind {
	case jobBalance:
		return nil
	case jobVerification:
		return []mxplatform.SupportedProduct{mxplatform.SupportedProductAccountVerification}
	case jobIdentification:
		return []mxplatform.SupportedProduct{mxplatform.SupportedProductIdentityVerification}
	case jobHistory:
		return []mxplatform.SupportedProduct{mxplatform.SupportedProductTransactionHistory}
	case jobStatements:
		return []mxplatform.SupportedProduct{mxplatform.SupportedProductStatements}
	case jobRewards:
		return []mxplatform.SupportedProduct{mxplatform.SupportedProductRewards}
	}
	if len(m.products) > 0 {
		return m.products
	}
	return []mxplatform.SupportedProduct{mxplatform.SupportedProductTransactions}
}

// startJob starts a job of the kind on the member at time now, gathering the products. The
// caller has checked that no job runs.
func (f *Fake) startJob(m *memberRec, kind jobKind, out outcome, products []mxplatform.SupportedProduct, now time.Time) *job {
	j := &job{
		seq: f.st.next(), guid: mxplatform.JobGUID(f.st.newGUID("JOB")), kind: kind, m: m, out: out,
		state: stAuthenticate, plan: planFor(products), nextAt: now.Add(f.cfg.stepInterval),
	}
	m.job = j
	m.jobGUID = j.guid
	m.aggregatedAt, m.lastJobAt = now, now
	if kind == jobBalance {
		m.lastBalanceAt = now
	}
	m.authenticated, m.processedAccounts, m.procTxn, m.processedNumbers = false, false, false, false
	m.challenges = nil
	if m.status == "" {
		m.status = mxplatform.ConnectionStatusCreated
	}
	f.jobs = append(f.jobs, j)
	if f.cfg.stepInterval == 0 && !f.cfg.manualSteps {
		f.runDue(j, now)
	}
	return j
}

// live reports whether the job still runs: its member exists and points at it.
func (j *job) live() bool { return j.m.job == j }

// advance runs every step that fell due by now (time-driven mode), of jobs and of
// microdeposits, and expires challenges whose time is up (both modes).
func (f *Fake) advance(now time.Time) {
	f.advanceMicrodeposits(now)
	for _, j := range slices.Clone(f.jobs) {
		if !j.live() {
			continue
		}
		if f.cfg.manualSteps {
			if j.waiting && !j.out.expires && !now.Before(j.expiresAt) {
				f.endJob(j, mxplatform.ConnectionStatusExpired, j.expiresAt)
			}
			continue
		}
		f.runDue(j, now)
	}
	f.pruneJobs()
}

// runDue runs the steps of j that are due by now.
func (f *Fake) runDue(j *job, now time.Time) {
	for j.live() {
		if j.waiting {
			if !now.Before(j.expiresAt) {
				f.endJob(j, mxplatform.ConnectionStatusExpired, j.expiresAt)
			}
			return
		}
		if now.Before(j.nextAt) {
			return
		}
		at := j.nextAt
		j.nextAt = at.Add(f.cfg.stepInterval)
		f.step(j, at)
	}
}

// pruneJobs drops ended jobs from the list.
func (f *Fake) pruneJobs() {
	f.jobs = slices.DeleteFunc(f.jobs, func(j *job) bool { return !j.live() })
}

// stepAll moves every running job, and every microdeposit under way, one step at time now: the
// manual stepping of Fake.Step. A job waiting for answers does not move, unless its challenge
// expires at the next step (expire is true only for Step, not Settle). It returns how many
// jobs and microdeposits moved.
func (f *Fake) stepAll(now time.Time, expire bool) int {
	moved := f.stepMicrodeposits(now)
	for _, j := range slices.Clone(f.jobs) {
		if !j.live() {
			continue
		}
		if j.waiting {
			if expire && j.out.expires {
				f.endJob(j, mxplatform.ConnectionStatusExpired, now)
				moved++
			}
			continue
		}
		f.step(j, now)
		j.nextAt = now.Add(f.cfg.stepInterval)
		moved++
	}
	f.pruneJobs()
	return moved
}

// step runs the next step of j at time at.
func (f *Fake) step(j *job, at time.Time) {
	m := j.m
	switch j.state {
	case stAuthenticate:
		switch {
		case j.out.terminal != "":
			f.endJob(j, j.out.terminal, at)
		case len(j.out.challenges) > 0:
			m.status = mxplatform.ConnectionStatusChallenged
			m.challenges = m.challenges[:0]
			for _, t := range j.out.challenges {
				m.challenges = append(m.challenges, newChallenge(t, f.st.newGUID))
			}
			j.waiting = true
			j.expiresAt = at.Add(f.cfg.challengeTimeout)
			if j.out.expires {
				j.expiresAt = at.Add(f.cfg.stepInterval)
				if f.cfg.manualSteps {
					j.expiresAt = farFuture
				}
			}
			j.state = stAnswers
		case j.out.delayed:
			m.status = mxplatform.ConnectionStatusDelayed
			j.state = stConnect
		default:
			f.connect(j)
		}
	case stConnect:
		f.connect(j)
	case stAnswers:
		m.challenges = nil
		if !j.rightAnswer {
			f.endJob(j, mxplatform.ConnectionStatusRejected, at)
			return
		}
		f.connect(j)
	case stAccounts:
		f.processAccounts(j, at)
		m.processedAccounts = true
		j.advancePlan()
	case stNumbers:
		f.verifyAccounts(m)
		m.processedNumbers = true
		j.advancePlan()
	case stOwners:
		f.identifyAccounts(m)
		j.advancePlan()
	case stTransactions:
		f.processTransactions(j, at)
		m.procTxn = true
		j.advancePlan()
	case stHistory:
		f.extendHistory(j, at)
		m.procTxn = true
		j.advancePlan()
	case stStatements:
		f.fetchStatements(m, at)
		j.advancePlan()
	case stRewards:
		f.fetchRewards(m, at)
		j.advancePlan()
	case stFinish:
		m.successAt = at
		m.aggregations++
		f.endJob(j, mxplatform.ConnectionStatusConnected, at)
	}
}

// farFuture is a time no clock reaches: the expiry of challenges that expire only by Step.
var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// advancePlan moves the job to its next data step.
func (j *job) advancePlan() {
	j.state, j.plan = j.plan[0], j.plan[1:]
}

// connect marks the member authenticated and moves the job on to the data.
func (f *Fake) connect(j *job) {
	j.m.status = mxplatform.ConnectionStatusConnected
	j.m.authenticated = true
	j.state = stAccounts
}

// endJob ends j with the member in status at time at.
func (f *Fake) endJob(j *job, status mxplatform.ConnectionStatus, at time.Time) {
	m := j.m
	m.status = status
	if status != mxplatform.ConnectionStatusChallenged {
		m.challenges = nil
	}
	if status != mxplatform.ConnectionStatusConnected {
		m.authenticated = false
	}
	m.job = nil
	j.waiting = false
}

// resume takes the answers of a challenged member: the member becomes RESUMED and its job goes
// on at the next step. right says whether every answer was right.
func (f *Fake) resume(j *job, right bool, now time.Time) {
	j.rightAnswer = right
	j.waiting = false
	j.m.status = mxplatform.ConnectionStatusResumed
	j.nextAt = now.Add(f.cfg.stepInterval)
	if f.cfg.stepInterval == 0 && !f.cfg.manualSteps {
		f.runDue(j, now)
	}
}

// processAccounts makes the member's accounts on its first data step, and refreshes their
// balances on later ones.
func (f *Fake) processAccounts(j *job, at time.Time) {
	m := j.m
	r := dataRand(f.cfg.seed, m, m.aggregations)
	if !hasAggregatedAccounts(m) {
		for _, g := range genAccounts(r, m.inst.Name, at) {
			a := f.st.addAccount(m, g.data)
			a.feed = g.data
			f.st.addHoldings(a, g.holdings)
		}
		return
	}
	for _, a := range m.accs {
		if a.data.IsManual.Value() {
			continue
		}
		if balance, ok := a.data.Balance.Get(); ok && transactional(a.data.Type) {
			nb := opt(balance.Add(money(between(r, -5000, 5000))))
			a.data.Balance, a.feed.Balance = nb, nb
			if a.data.AvailableBalance.IsSet() {
				a.data.AvailableBalance, a.feed.AvailableBalance = nb, nb
			}
		}
		a.data.UpdatedAt, a.data.ImportedAt = timestamp(at), timestamp(at)
	}
}

// processTransactions gathers the history of new accounts and a recent transaction on the
// others; pending transactions older than a day post.
func (f *Fake) processTransactions(j *job, at time.Time) {
	m := j.m
	r := dataRand(f.cfg.seed, m, 1000+m.aggregations)
	today := day(at)
	for _, a := range m.accs {
		if !transactional(a.data.Type) || a.data.IsManual.Value() {
			continue
		}
		var gen []genTxn
		if !a.gathered {
			gen = genHistory(r, a.data, at)
			a.gathered = true
		} else {
			gen = genRecent(r, a.data, at)
			for _, t := range a.txns {
				if t.data.Status == mxplatform.TransactionStatusPending && t.day.Before(today.AddDate(0, 0, -1)) {
					t.data.Status = mxplatform.TransactionStatusPosted
					t.data.PostedAt = timestamp(at)
					t.updatedAt = at
				}
			}
		}
		for _, g := range gen {
			f.gather(a, g, at)
		}
	}
}

// gather stores a transaction an aggregation found, as the user's transaction rules make it.
func (f *Fake) gather(a *accountRec, g genTxn, at time.Time) {
	f.applyRules(f.st.addTransaction(a, g.data, g.day, at))
}

// hasAggregatedAccounts reports whether the member has accounts other than manual ones.
func hasAggregatedAccounts(m *memberRec) bool {
	return slices.ContainsFunc(m.accs, func(a *accountRec) bool { return !a.data.IsManual.Value() })
}

// historyDays is how far back an extended history reaches: 24 months.
const historyDays = 730

// extendHistory gathers, once per member, the transactions of its transactional accounts from
// two years before the job to the day before the earliest transaction each account has.
func (f *Fake) extendHistory(j *job, at time.Time) {
	m := j.m
	if m.historyExtended {
		return
	}
	m.historyExtended = true
	r := dataRand(f.cfg.seed, m, 2000)
	today := day(at)
	for _, a := range m.accs {
		if !transactional(a.data.Type) || a.data.IsManual.Value() {
			continue
		}
		end := today.AddDate(0, 0, -90)
		for _, t := range a.txns {
			if t.day.Before(end.AddDate(0, 0, 1)) {
				end = t.day.AddDate(0, 0, -1)
			}
		}
		for _, g := range genDays(r, a.data, today.AddDate(0, 0, -historyDays), end, today) {
			f.gather(a, g, at)
		}
	}
}
