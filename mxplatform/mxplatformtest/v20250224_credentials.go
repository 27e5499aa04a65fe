package mxplatformtest

import (
	"cmp"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// The verifiable-credential reads of v20250224 answer a member's accounts, the owners of its
// accounts (identity) or an account's transactions as a verifiable credential, in the media
// type application/vnd.mx.api.v2beta+json. MX's file says only that the credential is one
// string. The fake makes it a W3C verifiable credential (data model 1.1) secured as a JSON Web
// Token, the form most issuers use:
//
//   - the header names the algorithm, EdDSA (Ed25519), and the key, kid, the issuer's DID with
//     the fragment of its key;
//   - the claims are iss (the issuer, a did:key DID holding the public key, so that anyone
//     can check the signature without asking MX), sub (the user's GUID), nbf (the issuance),
//     jti (an id derived from the credential's content) and vc, the credential itself:
//     @context, type (VerifiableCredential and AccountsCredential, IdentityCredential or
//     TransactionsCredential), issuer, issuanceDate and credentialSubject, which holds the
//     data as the v20250224 lists render it (accounts, account_owners, transactions), with
//     the GUIDs that place it;
//   - the proof is the token's signature, over the header and the claims.
//
// The key is derived from the fake's client ID, so that fakes with the same credentials sign
// alike; [Fake.CredentialKey] returns its public half. A credential depends only on the data it
// states: it is issued at the member's latest successful aggregation (its creation when it has
// none), and two reads of unchanged data answer the same string, byte for byte.
//
// Identity states the owners the latest identifyMember gathered, none before any, as
// listAccountOwnersByMember does. The transactions are those of the account in the window of
// startTime and endTime (Unix time, an ISO 8601 date or timestamp; by default the window of
// listTransactions: 120 days back to 5 days ahead), newest first, split transactions through
// the transactions split off them; a window that ends before it starts answers 400.

// credentialKey derives the issuer's key from the client ID.
func credentialKey(clientID string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("mxplatformtest verifiable credentials/" + clientID))
	return ed25519.NewKeyFromSeed(seed[:])
}

// CredentialKey returns the public key that signs the fake's verifiable credentials
// (getAccountsData, getIdentityData, getTransactionsData): an Ed25519 key, the one the
// credentials' issuer DID (did:key) holds.
func (f *Fake) CredentialKey() ed25519.PublicKey {
	return credentialKey(f.cfg.clientID).Public().(ed25519.PublicKey)
}

// didKey returns the did:key DID of an Ed25519 public key: the key after its multicodec prefix
// (0xed 0x01), in base58btc, marked z.
func didKey(pub ed25519.PublicKey) string {
	return "did:key:z" + base58(append([]byte{0xed, 0x01}, pub...))
}

// base58Alphabet is Bitcoin's base58 alphabet, which base58btc uses.
const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// base58 encodes b in base58btc: leading zero bytes as 1s, the rest as a big number.
func base58(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	var digits []byte // base 58, least significant first
	for _, c := range b[zeros:] {
		carry := int(c)
		for i := range digits {
			carry += int(digits[i]) << 8
			digits[i] = byte(carry % 58)
			carry /= 58
		}
		for carry > 0 {
			digits = append(digits, byte(carry%58))
			carry /= 58
		}
	}
	out := make([]byte, 0, zeros+len(digits))
	for range zeros {
		out = append(out, '1')
	}
	for _, d := range slices.Backward(digits) {
		out = append(out, base58Alphabet[d])
	}
	return string(out)
}

// vcClaims are the claims of a credential's token.
type vcClaims struct {
	Issuer    string       `json:"iss"`
	Subject   string       `json:"sub"`
	NotBefore int64        `json:"nbf"`
	ID        string       `json:"jti"`
	VC        vcCredential `json:"vc"`
}

// vcCredential is the credential of the W3C data model.
type vcCredential struct {
	Context      []string `json:"@context"`
	Type         []string `json:"type"`
	Issuer       string   `json:"issuer"`
	IssuanceDate string   `json:"issuanceDate"`
	Subject      any      `json:"credentialSubject"`
}

// vcHeader is the header of a credential's token.
type vcHeader struct {
	Alg string `json:"alg"`
	Kid string `json:"kid"`
	Typ string `json:"typ"`
}

// issueCredential signs the subject as a credential of the kind for the user, issued at the
// time.
func (f *Fake) issueCredential(kind string, user mxplatform.UserGUID, issued time.Time, subject any) (string, error) {
	key := credentialKey(f.cfg.clientID)
	did := didKey(key.Public().(ed25519.PublicKey))
	body, err := json.Marshal(subject)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(append([]byte(kind+"/"), body...))
	claims := vcClaims{
		Issuer: did, Subject: string(user), NotBefore: issued.Unix(),
		ID: fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16]),
		VC: vcCredential{
			Context: []string{"https://www.w3.org/2018/credentials/v1"},
			Type:    []string{"VerifiableCredential", kind},
			Issuer:  did, IssuanceDate: issued.UTC().Format(time.RFC3339), Subject: subject,
		},
	}
	enc := base64.RawURLEncoding
	header, err := json.Marshal(vcHeader{Alg: "EdDSA", Kid: did + "#" + strings.TrimPrefix(did, "did:key:"), Typ: "JWT"})
	if err != nil {
		return "", err
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	signed := enc.EncodeToString(header) + "." + enc.EncodeToString(payload)
	return signed + "." + enc.EncodeToString(ed25519.Sign(key, []byte(signed))), nil
}

// issuedAt is when the member's data was gathered: its latest successful aggregation, or its
// creation.
func issuedAt(m *memberRec) time.Time {
	if !m.successAt.IsZero() {
		return m.successAt
	}
	return m.createdAt
}

// memberSubject is what the credentials of a member's data say of whom they are about.
type memberSubject struct {
	ID              mxplatform.UserGUID        `json:"id"`
	UserGUID        mxplatform.UserGUID        `json:"user_guid"`
	MemberGUID      mxplatform.MemberGUID      `json:"member_guid"`
	InstitutionCode mxplatform.InstitutionCode `json:"institution_code"`
}

func memberSubjectOf(m *memberRec) memberSubject {
	return memberSubject{ID: m.user.guid, UserGUID: m.user.guid, MemberGUID: m.guid, InstitutionCode: m.inst.Code}
}

// GetAccountsData serves getAccountsData: the member's accounts as a credential.
func (f v20250224Handlers) GetAccountsData(_ context.Context, req server25.GetAccountsDataRequestObject) (server25.GetAccountsDataResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.memberByGUIDs(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	accounts := make([]mxplatform.Account, len(m.accs))
	for i, a := range m.accs {
		accounts[i] = a.api()
	}
	vc, err := f.issueCredential("AccountsCredential", m.user.guid, issuedAt(m), struct {
		memberSubject
		Accounts []mxplatform.Account `json:"accounts"`
	}{memberSubjectOf(m), accounts})
	if err != nil {
		return nil, err
	}
	return server25.GetAccountsData200ApplicationVndMxAPIV2betaPlusJSONResponse{VerifiableCredential: vc}, nil
}

// GetIdentityData serves getIdentityData: the owners of the member's accounts as a credential.
func (f v20250224Handlers) GetIdentityData(_ context.Context, req server25.GetIdentityDataRequestObject) (server25.GetIdentityDataResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.memberByGUIDs(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	vc, err := f.issueCredential("IdentityCredential", m.user.guid, issuedAt(m), struct {
		memberSubject
		AccountOwners []mxplatform.AccountOwner `json:"account_owners"`
	}{memberSubjectOf(m), accountOwnersOf(m.accs)})
	if err != nil {
		return nil, err
	}
	return server25.GetIdentityData200ApplicationVndMxAPIV2betaPlusJSONResponse{VerifiableCredential: vc}, nil
}

// GetTransactionsData serves getTransactionsData: the account's transactions in the window as
// a credential.
func (f v20250224Handlers) GetTransactionsData(_ context.Context, req server25.GetTransactionsDataRequestObject) (server25.GetTransactionsDataResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	a, err := f.userAccount(req.UserGUID, req.AccountGUID)
	if err != nil {
		return nil, err
	}
	today := day(now)
	from, to := today.AddDate(0, 0, -daysBackV20250224), today.AddDate(0, 0, 5)
	if s := req.Params.StartTime; s != nil {
		t, err := parseInstant("startTime", strings.TrimSpace(*s), false)
		if err != nil {
			return nil, err
		}
		from = day(t)
	}
	if s := req.Params.EndTime; s != nil {
		t, err := parseInstant("endTime", strings.TrimSpace(*s), true)
		if err != nil {
			return nil, err
		}
		to = day(t)
	}
	if to.Before(from) {
		return nil, errorf(http.StatusBadRequest, "The window ends (endTime %s) before it starts (startTime %s).", dateOf(to), dateOf(from))
	}
	var sel []*txnRec
	for _, t := range a.txns {
		if len(t.children) == 0 && !t.day.Before(from) && !t.day.After(to) {
			sel = append(sel, t)
		}
	}
	slices.SortFunc(sel, func(x, y *txnRec) int { return cmp.Or(y.day.Compare(x.day), cmp.Compare(y.seq, x.seq)) })
	m := a.member
	vc, err := f.issueCredential("TransactionsCredential", m.user.guid, issuedAt(m), struct {
		memberSubject
		AccountGUID  mxplatform.AccountGUID   `json:"account_guid"`
		FromDate     mxplatform.Date          `json:"from_date"`
		ToDate       mxplatform.Date          `json:"to_date"`
		Transactions []mxplatform.Transaction `json:"transactions"`
	}{memberSubjectOf(m), a.guid, dateOf(from), dateOf(to), transactionsAPI(sel, nil)})
	if err != nil {
		return nil, err
	}
	return server25.GetTransactionsData200ApplicationVndMxAPIV2betaPlusJSONResponse{VerifiableCredential: vc}, nil
}
