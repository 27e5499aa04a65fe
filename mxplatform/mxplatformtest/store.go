package mxplatformtest

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The fake's state is a tree of records: users own members and custom categories, members own
// accounts and statements, accounts own transactions and holdings. Every record lives in one
// map by GUID too, and keeps its owner, so that a lookup by GUID can check whom the object
// belongs to. All of it is guarded by Fake.mu.
//
// The state is stored once for both versions of the API: records keep what the fake knows of an
// object, and each version renders its own model from them (render_v20250224.go,
// render_v20111101.go). Records keep the current version's mxplatform types where they fit;
// their pointer fields (amounts, numbers) are never written through, only replaced, so a
// shallow copy taken under the lock stays valid after it.

// userRec is a user.
type userRec struct {
	seq        uint64
	guid       mxplatform.UserGUID
	data       mxplatform.User
	members    []*memberRec
	categories []*categoryRec // custom categories, in creation order
	// holdingsOff is set by deactivateUser: the user's holdings are gone and none are gathered
	// again.
	holdingsOff bool
}

// memberRec is a member and the state of its jobs.
type memberRec struct {
	seq       uint64
	guid      mxplatform.MemberGUID
	user      *userRec
	inst      *institutionRec
	data      mxplatform.Member // partner fields: id, metadata, use cases, background aggregation
	isOAuth   bool
	manual    bool                                 // the member of the Manual Institution
	creds     map[mxplatform.CredentialGUID]string // credential value by GUID
	status    mxplatform.ConnectionStatus          // empty: none yet
	createdAt time.Time
	// products are what the member's aggregations gather (createMember's
	// data_request.products); none means the default, transactions.
	products []mxplatform.SupportedProduct

	aggregatedAt, successAt    time.Time // zero: never
	lastJobAt, lastBalanceAt   time.Time // zero: never
	authenticated              bool
	processedAccounts, procTxn bool
	processedNumbers           bool
	historyExtended            bool // extendHistory has gathered the older transactions
	jobGUID                    mxplatform.JobGUID
	job                        *job
	challenges                 []challengeRec
	aggregations               int // finished jobs that gathered data, to vary new data

	oauth      *oauthSession
	accs       []*accountRec
	statements []*statementRec
}

// accountRec is an account. data holds its fields as the current version answers them (the
// links to its member and user are filled in when rendering); feed holds the values the
// institution last sent, which v20111101 answers in its feed_* fields.
type accountRec struct {
	seq        uint64
	guid       mxplatform.AccountGUID
	member     *memberRec
	data       mxplatform.Account
	feed       mxplatform.Account
	isBusiness bool
	gathered   bool              // an aggregation has gathered its transaction history
	number     *accountNumberRec // gathered by a verification; nil before
	owners     []accountOwnerRec // gathered by an identification; none before
	holdings   []*holdingRec
	txns       []*txnRec
}

// txnRec is a transaction. day is its date, the day date windows filter on.
type txnRec struct {
	seq                  uint64
	guid                 mxplatform.TransactionGUID
	account              *accountRec
	data                 mxplatform.Transaction
	day                  time.Time // midnight UTC
	createdAt, updatedAt time.Time
	manual               bool // created with createManualTransaction
	// A split transaction has the children split off it (createSplitTransactions), which
	// stand for it in lists; a child has its parent.
	children []*txnRec
	parent   *txnRec
}

// oauthSession is the pending OAuth flow of a member: the token of its window URI and what the
// partner asked for when requesting it.
type oauthSession struct {
	token           string
	redirectURL     string
	skipAggregation bool
}

// store holds every record.
type store struct {
	seq          uint64
	guids        *rand.Rand
	institutions []*institutionRec
	instByCode   map[mxplatform.InstitutionCode]*institutionRec
	instByGUID   map[mxplatform.InstitutionGUID]*institutionRec
	manualInst   *institutionRec // the Manual Institution, listed nowhere
	users        map[mxplatform.UserGUID]*userRec
	userIDs      map[mxplatform.UserID]*userRec
	members      map[mxplatform.MemberGUID]*memberRec
	accounts     map[mxplatform.AccountGUID]*accountRec
	txns         map[mxplatform.TransactionGUID]*txnRec
	holdings     map[mxplatform.HoldingGUID]*holdingRec
	statements   map[mxplatform.StatementGUID]*statementRec
	categories   map[mxplatform.CategoryGUID]*categoryRec // custom categories
	oauthTokens  map[string]*memberRec

	// The records of the plain resources (resources_store.go), by GUID and by kind in
	// creation order.
	records map[string]*record
	byKind  map[*resourceKind][]*record

	processor processorState // authorization codes and processor tokens
}

func newStore(seed int64, institutions []Institution) *store {
	s := &store{
		guids:       rand.New(rand.NewPCG(uint64(seed), 0x6d78666b)),
		instByCode:  map[mxplatform.InstitutionCode]*institutionRec{},
		instByGUID:  map[mxplatform.InstitutionGUID]*institutionRec{},
		users:       map[mxplatform.UserGUID]*userRec{},
		userIDs:     map[mxplatform.UserID]*userRec{},
		members:     map[mxplatform.MemberGUID]*memberRec{},
		accounts:    map[mxplatform.AccountGUID]*accountRec{},
		txns:        map[mxplatform.TransactionGUID]*txnRec{},
		holdings:    map[mxplatform.HoldingGUID]*holdingRec{},
		statements:  map[mxplatform.StatementGUID]*statementRec{},
		categories:  map[mxplatform.CategoryGUID]*categoryRec{},
		oauthTokens: map[string]*memberRec{},
		records:     map[string]*record{},
		byKind:      map[*resourceKind][]*record{},
		processor:   processorState{codes: map[string]*authCode{}, tokens: map[string]*processorToken{}},
	}
	for _, inst := range institutions {
		s.putInstitution(inst)
	}
	s.manualInst = newInstitutionRec(manualInstitution())
	return s
}

// putInstitution adds an institution, or replaces the one with the same code in place.
func (s *store) putInstitution(inst Institution) {
	rec := newInstitutionRec(inst)
	if old, ok := s.instByCode[rec.Code]; ok {
		delete(s.instByGUID, old.guid)
		*old = *rec
		s.instByGUID[old.guid] = old
		return
	}
	s.instByCode[rec.Code] = rec
	s.instByGUID[rec.guid] = rec
	s.institutions = append(s.institutions, rec)
}

// next returns the next sequence number, which orders records by creation.
func (s *store) next() uint64 {
	s.seq++
	return s.seq
}

// newGUID returns a GUID such as USR-fa7537f3-48aa-a683-a02a-b18940482f54, drawn from the seed.
func (s *store) newGUID(prefix string) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], s.guids.Uint64())
	binary.BigEndian.PutUint64(b[8:], s.guids.Uint64())
	return formatGUID(prefix, b[:])
}

// stableGUID returns a GUID derived from key alone, for objects that are the same in every
// fake (institutions, credentials, categories, merchants).
func stableGUID(prefix, key string) string {
	sum := sha256.Sum256([]byte(prefix + "/" + key))
	return formatGUID(prefix, sum[:16])
}

func formatGUID(prefix string, b []byte) string {
	return fmt.Sprintf("%s-%x-%x-%x-%x-%x", prefix, b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// deleteUser removes the user and everything it owns.
func (s *store) deleteUser(u *userRec) {
	for _, m := range slices.Clone(u.members) {
		s.deleteMember(m)
	}
	for _, c := range u.categories {
		delete(s.categories, c.guid)
	}
	s.dropReferences(string(u.guid), "UserGUID", string(u.guid))
	delete(s.users, u.guid)
	if u.data.ID != "" {
		delete(s.userIDs, u.data.ID)
	}
}

// deleteMember removes the member, its accounts with what they hold, its statements, and stops
// its job.
func (s *store) deleteMember(m *memberRec) {
	for _, a := range slices.Clone(m.accs) {
		s.deleteAccount(a)
	}
	for _, st := range m.statements {
		delete(s.statements, st.guid)
	}
	if m.oauth != nil {
		delete(s.oauthTokens, m.oauth.token)
	}
	m.job = nil // the job list drops jobs whose member no longer points at them
	s.dropReferences(string(m.user.guid), "MemberGUID", string(m.guid))
	delete(s.members, m.guid)
	m.user.members = slices.DeleteFunc(m.user.members, func(x *memberRec) bool { return x == m })
}

// deleteAccount removes the account, its transactions, holdings and statements.
func (s *store) deleteAccount(a *accountRec) {
	for _, t := range a.txns {
		delete(s.txns, t.guid)
	}
	for _, h := range a.holdings {
		delete(s.holdings, h.guid)
	}
	m := a.member
	m.statements = slices.DeleteFunc(m.statements, func(st *statementRec) bool {
		if st.account == a {
			delete(s.statements, st.guid)
			return true
		}
		return false
	})
	s.dropReferences(string(m.user.guid), "AccountGUID", string(a.guid))
	delete(s.accounts, a.guid)
	m.accs = slices.DeleteFunc(m.accs, func(x *accountRec) bool { return x == a })
}

// deleteTransaction removes one transaction from its account, with the transactions split off
// it and what refers to it (its taggings); a transaction split off another leaves the split.
func (s *store) deleteTransaction(t *txnRec) {
	for _, c := range slices.Clone(t.children) { // each deletion takes the child out of t.children
		s.deleteTransaction(c)
	}
	if p := t.parent; p != nil {
		p.children = slices.DeleteFunc(p.children, func(x *txnRec) bool { return x == t })
	}
	delete(s.txns, t.guid)
	a := t.account
	a.txns = slices.DeleteFunc(a.txns, func(x *txnRec) bool { return x == t })
	s.dropReferences(string(a.member.user.guid), "TransactionGUID", string(t.guid))
}

// addAccount attaches a new account to the member.
func (s *store) addAccount(m *memberRec, data mxplatform.Account) *accountRec {
	a := &accountRec{seq: s.next(), guid: mxplatform.AccountGUID(s.newGUID("ACT")), member: m, data: data}
	s.accounts[a.guid] = a
	m.accs = append(m.accs, a)
	return a
}

// addTransaction attaches a new transaction to the account; prefix is TRN for gathered
// transactions, MAN for those created by hand.
func (s *store) addTransaction(a *accountRec, data mxplatform.Transaction, day, at time.Time) *txnRec {
	return s.addTransactionWith(a, "TRN", data, day, at)
}

func (s *store) addTransactionWith(a *accountRec, prefix string, data mxplatform.Transaction, day, at time.Time) *txnRec {
	t := &txnRec{seq: s.next(), guid: mxplatform.TransactionGUID(s.newGUID(prefix)), account: a, data: data, day: day, createdAt: at, updatedAt: at}
	s.txns[t.guid] = t
	a.txns = append(a.txns, t)
	return t
}

// opt returns v as a value MX sent.
func opt[T any](v T) mxplatform.Optional[T] { return mxplatform.OptionalOf(v) }

// timestamp formats an _at field as MX's examples write it, with milliseconds:
// 2016-10-13T18:07:57.000Z. (mxplatform.TimestampOf writes whole seconds.)
func timestamp(t time.Time) mxplatform.Timestamp {
	return mxplatform.Timestamp(t.UTC().Format("2006-01-02T15:04:05.000Z"))
}

// timestampIfSet is timestamp for fields that may be unset: none for the zero time.
func timestampIfSet(t time.Time) mxplatform.Timestamp {
	if t.IsZero() {
		return ""
	}
	return timestamp(t)
}

// dateOf formats a date as MX documents it, 2016-10-13, taking the day in UTC.
func dateOf(t time.Time) mxplatform.Date { return mxplatform.DateOf(t.UTC()) }

// day returns the UTC midnight of t.
func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// setValue sets *dst to *src when src is set.
func setValue[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// sortBySeq sorts records by their sequence number: their creation order.
func sortBySeq[T any](s []T, seq func(T) uint64) {
	slices.SortFunc(s, func(a, b T) int { return cmp.Compare(seq(a), seq(b)) })
}
