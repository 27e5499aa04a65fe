package mxplatformtest

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The fake's state is a tree of records: users own members, members own accounts, accounts own
// transactions. Every record lives in one map by GUID too, and keeps its owner, so that a lookup
// by GUID can check whom the object belongs to. All of it is guarded by Fake.mu.
//
// Records keep the mxplatform types the API answers with; their pointer fields (amounts, numbers)
// are never written through, only replaced, so a shallow copy taken under the lock stays valid
// after it.

// userRec is a user.
type userRec struct {
	seq     uint64
	guid    mxplatform.UserGUID
	data    mxplatform.User
	members []*memberRec
}

// memberRec is a member and the state of its jobs.
type memberRec struct {
	seq       uint64
	guid      mxplatform.MemberGUID
	user      *userRec
	inst      *institutionRec
	data      mxplatform.Member // partner fields: id, metadata, use cases, background aggregation
	isOAuth   bool
	creds     map[mxplatform.CredentialGUID]string // credential value by GUID
	status    mxplatform.ConnectionStatus          // empty: none yet
	createdAt time.Time

	aggregatedAt, successAt    time.Time // zero: never
	lastJobAt, lastBalanceAt   time.Time // zero: never
	authenticated              bool
	processedAccounts, procTxn bool
	jobGUID                    mxplatform.JobGUID
	job                        *job
	challenges                 []challengeRec
	aggregations               int // finished jobs that gathered data, to vary new data

	oauth *oauthSession
	accs  []*accountRec
}

// accountRec is an account.
type accountRec struct {
	seq    uint64
	guid   mxplatform.AccountGUID
	member *memberRec
	data   mxplatform.Account
	txns   []*txnRec
}

// txnRec is a transaction. day is its date, the day date windows filter on.
type txnRec struct {
	seq                  uint64
	guid                 mxplatform.TransactionGUID
	account              *accountRec
	data                 mxplatform.Transaction
	day                  time.Time // midnight UTC
	createdAt, updatedAt time.Time
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
	users        map[mxplatform.UserGUID]*userRec
	userIDs      map[mxplatform.UserID]*userRec
	members      map[mxplatform.MemberGUID]*memberRec
	accounts     map[mxplatform.AccountGUID]*accountRec
	txns         map[mxplatform.TransactionGUID]*txnRec
	oauthTokens  map[string]*memberRec
}

func newStore(seed int64, institutions []Institution) *store {
	s := &store{
		guids:       rand.New(rand.NewPCG(uint64(seed), 0x6d78666b)),
		instByCode:  map[mxplatform.InstitutionCode]*institutionRec{},
		users:       map[mxplatform.UserGUID]*userRec{},
		userIDs:     map[mxplatform.UserID]*userRec{},
		members:     map[mxplatform.MemberGUID]*memberRec{},
		accounts:    map[mxplatform.AccountGUID]*accountRec{},
		txns:        map[mxplatform.TransactionGUID]*txnRec{},
		oauthTokens: map[string]*memberRec{},
	}
	for _, inst := range institutions {
		s.putInstitution(inst)
	}
	return s
}

// putInstitution adds an institution, or replaces the one with the same code in place.
func (s *store) putInstitution(inst Institution) {
	code := inst.Code
	if inst.Credentials == nil && !inst.SupportsOAuth.Value() {
		inst.Credentials = defaultCredentials(code)
	}
	inst.Credentials = slices.Clone(inst.Credentials)
	rec := &institutionRec{Institution: inst, guid: mxplatform.InstitutionGUID(stableGUID("INS", string(code)))}
	if old, ok := s.instByCode[code]; ok {
		*old = *rec
		return
	}
	s.instByCode[code] = rec
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

// user returns the user, or errUserNotFound.
func (s *store) user(g mxplatform.UserGUID) (*userRec, error) {
	if u, ok := s.users[g]; ok {
		return u, nil
	}
	return nil, errUserNotFound
}

// member returns the member of the user, or a 404 error for an unknown user or member.
func (s *store) member(ug mxplatform.UserGUID, mg mxplatform.MemberGUID) (*memberRec, error) {
	if _, err := s.user(ug); err != nil {
		return nil, err
	}
	if m, ok := s.members[mg]; ok && m.user.guid == ug {
		return m, nil
	}
	return nil, errMemberNotFound
}

// account returns the account of the user, or a 404 error.
func (s *store) account(ug mxplatform.UserGUID, ag mxplatform.AccountGUID) (*accountRec, error) {
	if _, err := s.user(ug); err != nil {
		return nil, err
	}
	if a, ok := s.accounts[ag]; ok && a.member.user.guid == ug {
		return a, nil
	}
	return nil, errAccountNotFound
}

// transaction returns the transaction of the user, or a 404 error.
func (s *store) transaction(ug mxplatform.UserGUID, tg mxplatform.TransactionGUID) (*txnRec, error) {
	if _, err := s.user(ug); err != nil {
		return nil, err
	}
	if t, ok := s.txns[tg]; ok && t.account.member.user.guid == ug {
		return t, nil
	}
	return nil, errTransactionNotFound
}

// institution returns the institution with the code, or errUnknownInstitution.
func (s *store) institution(code mxplatform.InstitutionCode) (*institutionRec, error) {
	if i, ok := s.instByCode[code]; ok {
		return i, nil
	}
	return nil, errUnknownInstitution
}

// deleteUser removes the user and everything it owns.
func (s *store) deleteUser(u *userRec) {
	for _, m := range slices.Clone(u.members) {
		s.deleteMember(m)
	}
	delete(s.users, u.guid)
	if u.data.ID != "" {
		delete(s.userIDs, u.data.ID)
	}
}

// deleteMember removes the member, its accounts and their transactions, and stops its job.
func (s *store) deleteMember(m *memberRec) {
	for _, a := range m.accs {
		for _, t := range a.txns {
			delete(s.txns, t.guid)
		}
		delete(s.accounts, a.guid)
	}
	if m.oauth != nil {
		delete(s.oauthTokens, m.oauth.token)
	}
	m.job = nil // the job list drops jobs whose member no longer points at them
	delete(s.members, m.guid)
	m.user.members = slices.DeleteFunc(m.user.members, func(x *memberRec) bool { return x == m })
}

// addAccount attaches a new account to the member.
func (s *store) addAccount(m *memberRec, data mxplatform.Account) *accountRec {
	a := &accountRec{seq: s.next(), guid: mxplatform.AccountGUID(s.newGUID("ACT")), member: m, data: data}
	s.accounts[a.guid] = a
	m.accs = append(m.accs, a)
	return a
}

// addTransaction attaches a new transaction to the account.
func (s *store) addTransaction(a *accountRec, data mxplatform.Transaction, day, at time.Time) *txnRec {
	t := &txnRec{seq: s.next(), guid: mxplatform.TransactionGUID(s.newGUID("TRN")), account: a, data: data, day: day, createdAt: at, updatedAt: at}
	s.txns[t.guid] = t
	a.txns = append(a.txns, t)
	return t
}

// ptr returns a pointer to a copy of v.

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
