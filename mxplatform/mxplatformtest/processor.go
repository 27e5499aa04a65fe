package mxplatformtest

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// Processor tokens. The partner asks requestAuthorizationCode for a code scoped to one account
// of one member of one user; the payment processor exchanges the code with MX for a processor
// token, and reads that account (requestAccountNumber, checkRealTimeAccountBalance,
// readAccountBalance, getAccountOwnerInfo) with the token as a bearer token. MX's description
// of the API has no operation for the exchange, which the processor makes with credentials of
// its own; the fake plays it:
//
//   - in Go, [Fake.ExchangeAuthorizationCode] exchanges a code for its token;
//   - over HTTP (for tests in other languages, through cmd/mxfake), the fake answers an OAuth
//     2.0 token request (RFC 6749, section 4.1.3) at POST /oauth/token, outside the API:
//     grant_type=authorization_code and the code, form-encoded, answer
//     {"access_token": ..., "token_type": "bearer", "expires_in": ...}.
//
// A code is used once and lasts ten minutes of the fake's clock; a token lasts 90 days, and
// listTokens lists the tokens of an account with whether they are still active. Each token is
// issued to the fake's one payment processor. A processor operation takes only a bearer
// token the fake issued and still active (401 otherwise, and for basic credentials); it
// answers for the token's account only, 403 once the account, its member or its user is
// gone, or the user disabled. The other operations take only basic credentials: a bearer
// token there answers 401.

// How long codes and tokens last, on the fake's clock.
const (
	authCodeLifetime = 10 * time.Minute
	tokenLifetime    = 90 * 24 * time.Hour
)

// accountScope is the account a code or a token opens.
type accountScope struct {
	user    mxplatform.UserGUID
	member  mxplatform.MemberGUID
	account mxplatform.AccountGUID
}

// authCode is an authorization code the partner requested.
type authCode struct {
	scope     accountScope
	expiresAt time.Time
	used      bool
}

// processorToken is a token issued for a code.
type processorToken struct {
	seq       uint64
	value     string
	scope     accountScope
	processor mxplatform.PaymentProcessorGUID
	expiresAt time.Time
}

// active reports whether the token still opens its account at time now.
func (t *processorToken) active(now time.Time) bool { return now.Before(t.expiresAt) }

// processorState holds the codes and tokens; it is part of the store, guarded by Fake.mu.
type processorState struct {
	codes  map[string]*authCode
	tokens map[string]*processorToken
}

// secret returns a new code or token: 32 bytes from the fake's generator, base64url-encoded.
func (s *store) secret() string {
	var b [32]byte
	for i := 0; i < len(b); i += 8 {
		binary.BigEndian.PutUint64(b[i:], s.guids.Uint64())
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// parseScope reads the scope of requestAuthorizationCode, as MX's guides write it:
// "user-guid:USR-... member-guid:MBR-... account-guid:ACT-... read-protected". Each GUID is
// required once; read-protected may be left out.
func parseScope(s string) (accountScope, error) {
	var sc accountScope
	seen := map[string]bool{}
	for _, word := range strings.Fields(s) {
		name, value, _ := strings.Cut(word, ":")
		if seen[name] {
			return sc, errorf(http.StatusBadRequest, "Invalid scope: %s is given twice.", name)
		}
		seen[name] = true
		switch {
		case name == "user-guid" && value != "":
			sc.user = mxplatform.UserGUID(value)
		case name == "member-guid" && value != "":
			sc.member = mxplatform.MemberGUID(value)
		case name == "account-guid" && value != "":
			sc.account = mxplatform.AccountGUID(value)
		case word == "read-protected":
		default:
			return sc, errorf(http.StatusBadRequest, "Invalid scope: %q is not one of user-guid:, member-guid:, account-guid: and read-protected.", truncate(word, 40))
		}
	}
	if sc.user == "" || sc.member == "" || sc.account == "" {
		return sc, errorf(http.StatusBadRequest, "Invalid scope: name the account with user-guid:USR-..., member-guid:MBR-... and account-guid:ACT-....")
	}
	return sc, nil
}

// truncate shortens text quoted in a message.
func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// scopeAccount resolves a scope to its account: 404 for a user, member or account that does
// not exist or does not belong to the one before it, 403 for a disabled user.
func (f *Fake) scopeAccount(sc accountScope) (*accountRec, error) {
	u, err := f.st.user(sc.user)
	if err != nil {
		return nil, err
	}
	if err := enabled(u); err != nil {
		return nil, err
	}
	m, err := f.st.memberOf(u, string(sc.member), false)
	if err != nil {
		return nil, err
	}
	a, ok := f.st.accounts[sc.account]
	if !ok || a.member != m {
		return nil, errAccountNotFound
	}
	return a, nil
}

// issueCode makes a code for the scope.
func (f *Fake) issueCode(sc accountScope, now time.Time) string {
	code := f.st.secret()
	f.st.processor.codes[code] = &authCode{scope: sc, expiresAt: now.Add(authCodeLifetime)}
	return code
}

// ErrInvalidAuthorizationCode is the error of [Fake.ExchangeAuthorizationCode] for a code the
// fake did not issue, or that was used or expired.
var ErrInvalidAuthorizationCode = errors.New("mxplatformtest: the authorization code is unknown, used or expired")

// processorGUID is the GUID of the fake's payment processor, derived from the client ID.
func (f *Fake) processorGUID() mxplatform.PaymentProcessorGUID {
	return mxplatform.PaymentProcessorGUID(stableGUID("PPR", f.cfg.clientID))
}

// ExchangeAuthorizationCode exchanges an authorization code that requestAuthorizationCode
// issued for the processor token of its account, as a payment processor does with MX: the
// token to give [processor.New]. A code is exchanged once, within ten minutes of the fake's
// clock; the token lasts 90 days. It returns [ErrInvalidAuthorizationCode] for a code that is
// unknown, used or expired.
//
// [processor.New]: https://pkg.go.dev/github.com/mxsdk/mx-go/mxplatform/processor#New
func (f *Fake) ExchangeAuthorizationCode(code string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	c := f.st.processor.codes[code]
	if c == nil || c.used || !now.Before(c.expiresAt) {
		return "", ErrInvalidAuthorizationCode
	}
	c.used = true
	t := &processorToken{seq: f.st.next(), value: f.st.secret(), scope: c.scope, processor: f.processorGUID(), expiresAt: now.Add(tokenLifetime)}
	f.st.processor.tokens[t.value] = t
	return t.value, nil
}

// tokenPath is where the fake answers the OAuth 2.0 token requests that exchange codes.
const tokenPath = "/oauth/token"

// serveTokenExchange answers an OAuth 2.0 token request for an authorization code (RFC 6749,
// section 4.1.3): the processor token, or the OAuth error of the request.
func (f *Fake) serveTokenExchange(w http.ResponseWriter, r *http.Request) {
	fail := func(status int, code, description string) {
		w.Header().Set("Content-Type", mediaTypeJSON)
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description})
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		fail(http.StatusMethodNotAllowed, "invalid_request", "A token request is a POST.")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	if err := r.ParseForm(); err != nil {
		fail(http.StatusBadRequest, "invalid_request", "The form could not be read.")
		return
	}
	if r.PostForm.Get("grant_type") != "authorization_code" {
		fail(http.StatusBadRequest, "unsupported_grant_type", "The fake exchanges authorization codes only: grant_type=authorization_code.")
		return
	}
	token, err := f.ExchangeAuthorizationCode(r.PostForm.Get("code"))
	if err != nil {
		fail(http.StatusBadRequest, "invalid_grant", "The authorization code is unknown, used or expired.")
		return
	}
	w.Header().Set("Content-Type", mediaTypeJSON)
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(map[string]any{"access_token": token, "token_type": "bearer", "expires_in": int(tokenLifetime / time.Second)})
}

// tokensOf lists the tokens issued for the scope's account, in the order they were issued.
func (f *Fake) tokensOf(sc accountScope) []*processorToken {
	var out []*processorToken
	for _, t := range f.st.processor.tokens {
		if t.scope == sc {
			out = append(out, t)
		}
	}
	sortBySeq(out, func(t *processorToken) uint64 { return t.seq })
	return out
}

// tokenAPI renders a token for listTokens: an inactive token without its value.
func (f *Fake) tokenAPI(t *processorToken, now time.Time) mxplatform.ProcessorToken {
	out := mxplatform.ProcessorToken{Active: opt(t.active(now)), ExpiresAt: timestamp(t.expiresAt), PaymentProcessorGUID: t.processor}
	if t.active(now) {
		out.AccessToken = t.value
	}
	return out
}

// bearerToken returns the token of an Authorization: Bearer header.
func bearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// authorize authenticates a request as its operation requires: a processor operation with an
// active processor token the fake issued, as a bearer token; any other request with the
// client's basic credentials. It answers 401 itself otherwise. For a processor operation it
// returns the token.
func (f *Fake) authorize(w http.ResponseWriter, r *http.Request, rt *route) (*processorToken, bool) {
	value, hasBearer := bearerToken(r)
	if rt != nil && rt.bearer {
		w.Header().Set("WWW-Authenticate", `Bearer realm="MX Platform API"`)
		if !hasBearer {
			writeError(w, r, http.StatusUnauthorized, "This operation is for payment processors: authenticate with a processor token as a bearer token, not with client credentials.")
			return nil, false
		}
		f.mu.Lock()
		now := f.sync()
		t := f.st.processor.tokens[value]
		ok := t != nil && t.active(now)
		f.mu.Unlock()
		if !ok {
			writeError(w, r, http.StatusUnauthorized, "The processor token is not valid: unknown, expired or revoked.")
			return nil, false
		}
		return t, true
	}
	if hasBearer {
		w.Header().Set("WWW-Authenticate", `Basic realm="MX Platform API"`)
		writeError(w, r, http.StatusUnauthorized, "A processor token opens the processor operations only: authenticate with HTTP basic authentication, the client ID as user name and the API key as password.")
		return nil, false
	}
	if !f.authenticate(r) {
		w.Header().Set("WWW-Authenticate", `Basic realm="MX Platform API"`)
		writeError(w, r, http.StatusUnauthorized, "Invalid MX-API-Key or MX-Client-ID provided: authenticate with HTTP basic authentication, the client ID as user name and the API key as password.")
		return nil, false
	}
	return nil, true
}

// tokenAccount returns the account of a processor operation's token: 403 once the account,
// its member or its user is gone, or the user disabled.
func (f *Fake) tokenAccount(t *processorToken) (*accountRec, error) {
	a, err := f.scopeAccount(t.scope)
	if err != nil {
		return nil, errorf(http.StatusForbidden, "The processor token no longer opens an account: its account, member or user is gone or disabled.")
	}
	return a, nil
}
