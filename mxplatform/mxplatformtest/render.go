package mxplatformtest

import (
	"slices"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The functions of this file render records as the current version (v20250224) answers them;
// the models that did not change are v20111101's too (Member, MemberStatus, Challenge,
// Credential). render_v20111101.go renders that version's own models from the same records.
// They run under Fake.mu and return values that share nothing mutable with the store.

func (u *userRec) api() mxplatform.User {
	out := u.data
	out.GUID = u.guid
	if !out.IsDisabled.IsSet() {
		out.IsDisabled = opt(false)
	}
	return out
}

// api renders the member; base is the server's URL, for the OAuth window URI.
func (m *memberRec) api(base string) mxplatform.Member {
	out := m.data
	out.UseCases = slices.Clone(m.data.UseCases)
	out.GUID = m.guid
	out.UserGUID = m.user.guid
	out.UserID = m.user.data.ID
	out.InstitutionCode = m.inst.code()
	out.InstitutionGUID = m.inst.guid
	out.Name = m.inst.Name
	out.IsOAuth = opt(m.isOAuth)
	out.IsManual = opt(m.manual)
	out.IsManagedByUser = opt(true)
	out.IsBeingAggregated = opt(m.job != nil)
	out.AggregatedAt = timestampIfSet(m.aggregatedAt)
	out.SuccessfullyAggregatedAt = timestampIfSet(m.successAt)
	out.MostRecentJobGUID = m.jobGUID
	if m.status != "" {
		out.ConnectionStatus = m.status
		// The end-user message and next step of MX's connection status table.
		info := m.status.Info()
		out.ConnectionStatusMessage = info.Message(m.inst.Name)
		out.NeedsUpdatedCredentials = opt(info.Next == mxplatform.NextStepReenterCredentials)
	}
	if m.oauth != nil {
		out.OAuthWindowURI = m.oauthURI(base)
	}
	return out
}

// oauthURI is the member's OAuth window URI, served by the fake itself (see oauth.go).
func (m *memberRec) oauthURI(base string) string {
	return base + oauthPath + string(m.guid) + "/" + m.oauth.token
}

// statusAPI renders the member's aggregation state, for readMemberStatus.
func (m *memberRec) statusAPI() mxplatform.MemberStatus {
	out := mxplatform.MemberStatus{
		GUID:                       m.guid,
		ConnectionStatus:           m.status,
		AggregatedAt:               timestampIfSet(m.aggregatedAt),
		SuccessfullyAggregatedAt:   timestampIfSet(m.successAt),
		IsBeingAggregated:          opt(m.job != nil),
		IsAuthenticated:            opt(m.authenticated),
		HasProcessedAccounts:       opt(m.processedAccounts),
		HasProcessedAccountNumbers: opt(m.processedNumbers),
		HasProcessedTransactions:   opt(m.procTxn),
	}
	if m.challenged() {
		out.Challenges = m.challengesAPI()
	}
	return out
}

// challenged reports whether the member waits for answers to challenges.
func (m *memberRec) challenged() bool {
	return m.status == mxplatform.ConnectionStatusChallenged && len(m.challenges) > 0
}

func (m *memberRec) challengesAPI() []mxplatform.Challenge {
	out := make([]mxplatform.Challenge, len(m.challenges))
	for i, c := range m.challenges {
		out[i] = c.api()
	}
	return out
}

// credentialsAPI lists the credentials of the member's institution, for listMemberCredentials.
func (m *memberRec) credentialsAPI() []mxplatform.Credential {
	if m.isOAuth || m.manual {
		return []mxplatform.Credential{}
	}
	return m.inst.credentialsAPI()
}

func (r *institutionRec) credentialsAPI() []mxplatform.Credential {
	return append([]mxplatform.Credential{}, r.Credentials...)
}

func (r *institutionRec) api() mxplatform.Institution {
	out := r.Institution.Institution
	out.InstructionalTextSteps = slices.Clone(out.InstructionalTextSteps)
	out.SupportedProducts = slices.Clone(out.SupportedProducts)
	return out
}

func (a *accountRec) api() mxplatform.Account {
	out := a.data
	m := a.member
	out.GUID = a.guid
	out.MemberGUID = m.guid
	out.MemberID = m.data.ID
	out.MemberIsManagedByUser = opt(true)
	out.UserGUID = m.user.guid
	out.UserID = m.user.data.ID
	out.InstitutionCode = m.inst.code()
	if !out.IsClosed.IsSet() {
		out.IsClosed = opt(false) // not nullable in this version
	}
	return out
}

// api renders the transaction with the extra objects that includes names (see parseIncludes).
// Its category names are read from its category, which a user may have renamed.
func (t *txnRec) api(includes map[string]bool) mxplatform.Transaction {
	out := t.data
	a := t.account
	m := a.member
	out.GUID = t.guid
	out.AccountGUID = a.guid
	out.AccountID = a.data.ID
	out.MemberGUID = m.guid
	out.MemberIsManagedByUser = opt(true)
	out.UserGUID = m.user.guid
	out.UserID = m.user.data.ID
	out.CreatedAt = timestamp(t.createdAt)
	out.UpdatedAt = timestamp(t.updatedAt)
	out.Date = dateOf(t.day)
	out.IsManual = opt(t.manual || a.data.IsManual.Value())
	if name, top, ok := categoryNames(m.user, t.data.CategoryGUID); ok {
		out.Category, out.TopLevelCategory = name, top
	}
	if includes[includeMerchants] && t.data.MerchantGUID != "" {
		out.Merchant = merchantOf(t.data)
	}
	if includes[includeGeolocations] && t.data.Latitude.IsSet() && t.data.Longitude.IsSet() {
		out.Geolocation = geolocationOf(t.data)
	}
	if includes[includeClassifications] {
		out.Classification = classificationOf(out)
	}
	if includes[includeRepeating] && t.data.IsRecurring.Value() {
		out.RepeatingTransaction = repeatingOf(a.guid, t.data)
	}
	return out
}

// categoryNames returns the name of a category a transaction of the user takes, default or
// custom, and of its top-level category.
func categoryNames(u *userRec, g mxplatform.CategoryGUID) (name, top string, ok bool) {
	if c, found := categories[g]; found {
		return c.name, c.top, true
	}
	for _, c := range u.categories {
		if c.guid == g {
			return c.name, c.parent.top, true
		}
	}
	return "", "", false
}

// The objects the includes parameter of the transaction lists and reads adds, named as MX
// wants them, in the plural.
const (
	includeClassifications = "classifications"
	includeGeolocations    = "geolocations"
	includeMerchants       = "merchants"
	includeRepeating       = "repeating_transactions"
)

// includeAliases are the singular names the fake accepted before it followed MX's plural ones;
// it still takes them, leniently.
var includeAliases = map[string]string{
	"classification": includeClassifications,
	"geolocation":    includeGeolocations,
	"merchant":       includeMerchants,
}

// parseIncludes reads the comma-separated includes parameter, case-insensitively, into the set
// of the plural names.
func parseIncludes(p *string) map[string]bool {
	if p == nil {
		return nil
	}
	out := map[string]bool{}
	for _, s := range strings.Split(*p, ",") {
		name := strings.ToLower(strings.TrimSpace(s))
		if plural, ok := includeAliases[name]; ok {
			name = plural
		}
		out[name] = true
	}
	return out
}
