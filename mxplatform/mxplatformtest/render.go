package mxplatformtest

import (
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The functions of this file render records as the API answers them. They run under Fake.mu
// and return values that share nothing mutable with the store.

func (u *userRec) api() mxplatform.User {
	out := u.data
	out.GUID = ptr(u.guid)
	return out
}

// api renders the member; base is the server's URL, for the OAuth window URI.
func (m *memberRec) api(base string) mxplatform.Member {
	out := m.data
	if m.data.UseCases != nil {
		out.UseCases = append([]string(nil), m.data.UseCases...)
	}
	out.GUID = ptr(m.guid)
	out.UserGUID = ptr(m.user.guid)
	out.UserID = m.user.data.ID
	out.InstitutionCode = ptr(m.inst.code())
	out.InstitutionGUID = ptr(m.inst.guid)
	out.Name = m.inst.Name
	out.IsOAuth = ptr(m.isOAuth)
	out.IsManual = ptr(false)
	out.IsManagedByUser = ptr(true)
	out.IsBeingAggregated = ptr(m.job != nil)
	out.AggregatedAt = timestampPtr(m.aggregatedAt)
	out.SuccessfullyAggregatedAt = timestampPtr(m.successAt)
	if m.data.BackgroundAggregationIsDisabled == nil {
		out.BackgroundAggregationIsDisabled = ptr(false)
	}
	if m.jobGUID != "" {
		out.MostRecentJobGUID = ptr(m.jobGUID)
	}
	if m.status != nil {
		out.ConnectionStatus = *m.status
		// The end-user message and next step of MX's connection status table.
		info := m.status.Info()
		if msg := info.Message(*m.inst.Name); msg != "" {
			out.ConnectionStatusMessage = ptr(msg)
		}
		out.NeedsUpdatedCredentials = ptr(info.Next == mxplatform.NextStepReenterCredentials)
	}
	if m.oauth != nil {
		out.OAuthWindowURI = ptr(m.oauthURI(base))
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
		GUID:                       ptr(m.guid),
		AggregatedAt:               timestampPtr(m.aggregatedAt),
		SuccessfullyAggregatedAt:   timestampPtr(m.successAt),
		IsBeingAggregated:          ptr(m.job != nil),
		IsAuthenticated:            ptr(m.authenticated),
		HasProcessedAccounts:       ptr(m.processedAccounts),
		HasProcessedAccountNumbers: ptr(m.processedAccounts),
		HasProcessedTransactions:   ptr(m.procTxn),
	}
	if m.status != nil {
		out.ConnectionStatus = *m.status
	}
	if m.challenged() {
		out.Challenges = m.challengesAPI()
	}
	return out
}

// challenged reports whether the member waits for answers to challenges.
func (m *memberRec) challenged() bool {
	return m.status != nil && *m.status == mxplatform.ConnectionStatusChallenged && len(m.challenges) > 0
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
	if m.isOAuth {
		return []mxplatform.Credential{}
	}
	return m.inst.credentialsAPI()
}

func (r *institutionRec) credentialsAPI() []mxplatform.Credential {
	return append([]mxplatform.Credential{}, r.Credentials...)
}

func (r *institutionRec) api() mxplatform.Institution {
	out := r.Institution.Institution
	if out.InstructionalTextSteps != nil {
		out.InstructionalTextSteps = append([]string(nil), out.InstructionalTextSteps...)
	}
	return out
}

func (a *accountRec) api() mxplatform.Account {
	out := a.data
	m := a.member
	out.GUID = ptr(a.guid)
	out.MemberGUID = ptr(m.guid)
	out.MemberID = m.data.ID
	out.MemberIsManagedByUser = ptr(true)
	out.UserGUID = ptr(m.user.guid)
	out.UserID = m.user.data.ID
	out.InstitutionCode = ptr(m.inst.code())
	out.InstitutionGUID = ptr(m.inst.guid)
	return out
}

// api renders the transaction with the extra objects that includes names.
func (t *txnRec) api(includes map[string]bool) mxplatform.Transaction {
	out := t.data
	a := t.account
	m := a.member
	out.GUID = ptr(t.guid)
	out.AccountGUID = ptr(a.guid)
	out.AccountID = a.data.ID
	out.MemberGUID = ptr(m.guid)
	out.MemberIsManagedByUser = ptr(true)
	out.UserGUID = ptr(m.user.guid)
	out.UserID = m.user.data.ID
	out.CreatedAt = ptr(timestamp(t.createdAt))
	out.UpdatedAt = ptr(timestamp(t.updatedAt))
	out.Date = ptr(dateString(t.day))
	if includes["merchant"] && t.data.MerchantGUID != nil {
		out.Merchant = map[string]any{
			"guid":        *t.data.MerchantGUID,
			"name":        deref(t.data.Description),
			"logo_url":    "https://content.mx.com/logos/merchants/" + *t.data.MerchantGUID + ".png",
			"website_url": "https://www.example.com",
		}
	}
	if includes["geolocation"] && t.data.Latitude != nil && t.data.Longitude != nil {
		out.Geolocation = map[string]any{"latitude": *t.data.Latitude, "longitude": *t.data.Longitude}
	}
	if includes["classification"] {
		out.Classification = map[string]any{
			"category":           deref(t.data.Category),
			"category_guid":      deref(t.data.CategoryGUID),
			"top_level_category": deref(t.data.TopLevelCategory),
		}
	}
	if includes["repeating_transactions"] && t.data.IsRecurring != nil && *t.data.IsRecurring {
		out.RepeatingTransaction = map[string]any{
			"guid":               stableGUID("RPT", string(a.guid)+"/"+deref(t.data.Description)),
			"repeating_interval": "MONTHLY",
		}
	}
	return out
}

// parseIncludes reads the comma-separated includes parameter.
func parseIncludes(p *string) map[string]bool {
	if p == nil {
		return nil
	}
	out := map[string]bool{}
	for _, s := range strings.Split(*p, ",") {
		out[strings.ToLower(strings.TrimSpace(s))] = true
	}
	return out
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
