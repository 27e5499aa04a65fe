package mxplatformtest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The codes of the test institutions, as on MX's integration environment.
const (
	// TestBankCode is MX Bank, the test institution: its credentials pick the outcome of every
	// job (see the package documentation), and it is never throttled.
	TestBankCode mxplatform.InstitutionCode = "mxbank"
	// OAuthTestBankCode is MX Bank (OAuth), the only OAuth institution: its members carry no
	// credentials and start PENDING with an oauth_window_uri.
	OAuthTestBankCode mxplatform.InstitutionCode = "mx_bank_oauth"
)

// The credential values of the test bank (any institution of the fake, in fact) that pick a
// job's outcome. The password picks it; the user name only seeds the generated data. A
// password the table does not hold is wrong: the member becomes DENIED.
const (
	// PasswordConnect connects: CONNECTED, then accounts and transactions.
	PasswordConnect = "password"
	// PasswordChallenge challenges with one TEXT question.
	PasswordChallenge = "challenge"
	// PasswordOptions challenges with one OPTIONS question.
	PasswordOptions = "options"
	// PasswordToken challenges with one TOKEN (one-time code) question.
	PasswordToken = "token"
	// PasswordImage challenges with one IMAGE_DATA question (read the image, type the text).
	PasswordImage = "image"
	// PasswordImageOptions challenges with one IMAGE_OPTIONS question (pick an image).
	PasswordImageOptions = "image_options"
	// PasswordMultipleChallenges challenges with a TEXT and an OPTIONS question at once.
	PasswordMultipleChallenges = "multiple"
	// PasswordExpired challenges with a TEXT question that expires at the next step: the
	// member becomes EXPIRED unless answered at once.
	PasswordExpired = "expired"
	// PasswordDelayed goes through DELAYED for one step, then connects.
	PasswordDelayed = "delayed"
	// ChallengeAnswer is the right answer to every challenge: typed for TEXT, TOKEN and
	// IMAGE_DATA, the value of the chosen option for OPTIONS and IMAGE_OPTIONS. Any other
	// answer is wrong and makes the member REJECTED.
	ChallengeAnswer = "correct"
)

// terminalPasswords are passwords that end the job in the connection status of the same name.
var terminalPasswords = map[string]mxplatform.ConnectionStatus{
	"denied":       mxplatform.ConnectionStatusDenied,
	"locked":       mxplatform.ConnectionStatusLocked,
	"impeded":      mxplatform.ConnectionStatusImpeded,
	"failed":       mxplatform.ConnectionStatusFailed,
	"prevented":    mxplatform.ConnectionStatusPrevented,
	"degraded":     mxplatform.ConnectionStatusDegraded,
	"disconnected": mxplatform.ConnectionStatusDisconnected,
	"discontinued": mxplatform.ConnectionStatusDiscontinued,
	"closed":       mxplatform.ConnectionStatusClosed,
	"disabled":     mxplatform.ConnectionStatusDisabled,
	"impaired":     mxplatform.ConnectionStatusImpaired,
}

// outcome is what a job's authentication step does, as the member's credentials pick it.
type outcome struct {
	connect    bool                        // CONNECTED, then data
	delayed    bool                        // DELAYED for a step before connecting
	challenges []mxplatform.ChallengeType  // CHALLENGED with these
	expires    bool                        // the challenge expires at the next step
	terminal   mxplatform.ConnectionStatus // the job ends in this status
}

// outcomeFor reads the outcome from a password.
func outcomeFor(password string) outcome {
	p := strings.ToLower(strings.TrimSpace(password))
	switch p {
	case PasswordConnect:
		return outcome{connect: true}
	case PasswordDelayed:
		return outcome{connect: true, delayed: true}
	case PasswordChallenge:
		return outcome{challenges: []mxplatform.ChallengeType{mxplatform.ChallengeTypeText}}
	case PasswordOptions:
		return outcome{challenges: []mxplatform.ChallengeType{mxplatform.ChallengeTypeOptions}}
	case PasswordToken:
		return outcome{challenges: []mxplatform.ChallengeType{mxplatform.ChallengeTypeToken}}
	case PasswordImage:
		return outcome{challenges: []mxplatform.ChallengeType{mxplatform.ChallengeTypeImageData}}
	case PasswordImageOptions:
		return outcome{challenges: []mxplatform.ChallengeType{mxplatform.ChallengeTypeImageOptions}}
	case PasswordMultipleChallenges:
		return outcome{challenges: []mxplatform.ChallengeType{mxplatform.ChallengeTypeText, mxplatform.ChallengeTypeOptions}}
	case PasswordExpired:
		return outcome{challenges: []mxplatform.ChallengeType{mxplatform.ChallengeTypeText}, expires: true}
	}
	if s, ok := terminalPasswords[p]; ok {
		return outcome{terminal: s}
	}
	return outcome{terminal: mxplatform.ConnectionStatusDenied}
}

// tinyGIF is a 1x1 GIF, the picture of image challenges.
const tinyGIF = "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="

// challengeRec is a challenge put to a member, with its right answer.
type challengeRec struct {
	guid   mxplatform.ChallengeGUID
	typ    mxplatform.ChallengeType
	label  string
	answer string
	opts   []challengeOpt
}

type challengeOpt struct{ guid, label, value string }

// newChallenge builds a challenge of type typ; guid names a new GUID.
func newChallenge(typ mxplatform.ChallengeType, guid func(prefix string) string) challengeRec {
	c := challengeRec{guid: mxplatform.ChallengeGUID(guid("CRD")), typ: typ, answer: ChallengeAnswer}
	opt := func(label, value string) challengeOpt {
		return challengeOpt{guid: guid("CRD"), label: label, value: value}
	}
	switch typ {
	case mxplatform.ChallengeTypeText:
		c.label = "What city were you born in?"
	case mxplatform.ChallengeTypeToken:
		c.label = "Enter the code we sent to the phone number ending in 1234."
	case mxplatform.ChallengeTypeImageData:
		c.label = "Type the text in the picture."
	case mxplatform.ChallengeTypeOptions:
		c.label = "Which of these streets have you lived on?"
		c.opts = []challengeOpt{opt("Maple Avenue", "wrong-1"), opt("Juniper Lane", ChallengeAnswer), opt("None of the above", "wrong-2")}
	case mxplatform.ChallengeTypeImageOptions:
		c.label = "Choose your security picture."
		c.opts = []challengeOpt{opt("A lighthouse", "wrong-1"), opt("A sailboat", ChallengeAnswer), opt("A mountain", "wrong-2")}
	}
	return c
}

// api renders the challenge as MX sends it.
func (c challengeRec) api() mxplatform.Challenge {
	out := mxplatform.Challenge{GUID: c.guid, Type: c.typ, Label: c.label, FieldName: c.label}
	switch c.typ {
	case mxplatform.ChallengeTypeImageData:
		out.ImageData = tinyGIF
	case mxplatform.ChallengeTypeOptions:
		opts := make([]mxplatform.ChallengeOption, len(c.opts))
		for i, o := range c.opts {
			opts[i] = mxplatform.ChallengeOption{GUID: o.guid, Label: o.label, Value: o.value}
		}
		out.Options = opts
	case mxplatform.ChallengeTypeImageOptions:
		opts := make([]mxplatform.ChallengeImageOption, len(c.opts))
		for i, o := range c.opts {
			opts[i] = mxplatform.ChallengeImageOption{GUID: o.guid, Label: o.label, Value: o.value, DataURI: "data:image/gif;base64," + tinyGIF}
		}
		out.ImageOptions = opts
	}
	return out
}

// Institution is an institution of the fake: what listInstitutions and readInstitution answer,
// the credentials createMember asks for, and how members there behave. Every institution
// follows the test bank's credential table (see the package documentation).
type Institution struct {
	// Institution is what the current version answers. Code and Name are required;
	// SupportsOAuth makes the institution an OAuth one, whose members carry no credentials.
	// SupportedProducts says which jobs its members accept (verifyMember needs
	// account_verification, identifyMember identity_verification, extendHistory
	// transaction_history, fetchStatements statements); v20111101 answers them as its
	// supports_* fields. GUID defaults to one derived from the code.
	mxplatform.Institution
	// Credentials are the fields createMember needs, in display order, each with a GUID, a
	// field name and a field type. Default for non-OAuth institutions: a user name (LOGIN,
	// TEXT) and a password (PASSWORD, PASSWORD). The PASSWORD field (else the last one) picks
	// the outcome of jobs.
	Credentials []mxplatform.Credential
	// Favorite lists the institution in listFavoriteInstitutions.
	Favorite bool
	// Unthrottled exempts the institution's members from the throttle windows of
	// [WithThrottle], as MX exempts MX Bank.
	Unthrottled bool
}

func (inst Institution) validate() error {
	if inst.Code == "" || inst.Name == "" {
		return errors.New("mxplatformtest: an institution needs a code and a name")
	}
	seen := map[mxplatform.CredentialGUID]bool{}
	for _, c := range inst.Credentials {
		if c.GUID == "" {
			return fmt.Errorf("mxplatformtest: institution %s: every credential needs a GUID", inst.Code)
		}
		if seen[c.GUID] {
			return fmt.Errorf("mxplatformtest: institution %s: credential GUID %s appears twice", inst.Code, c.GUID)
		}
		seen[c.GUID] = true
	}
	return nil
}

// institutionRec is an institution in the store.
type institutionRec struct {
	Institution
	guid mxplatform.InstitutionGUID
}

// institutionsAddedAt is when every institution of the fake was added to MX, so that
// created_at is the same in every fake.
var institutionsAddedAt = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)

// newInstitutionRec completes an institution: default credentials, a GUID derived from the
// code, a creation time.
func newInstitutionRec(inst Institution) *institutionRec {
	if inst.Credentials == nil && !inst.SupportsOAuth.Value() {
		inst.Credentials = defaultCredentials(inst.Code)
	}
	inst.Credentials = slices.Clone(inst.Credentials)
	inst.SupportedProducts = slices.Clone(inst.SupportedProducts)
	inst.InstructionalTextSteps = slices.Clone(inst.InstructionalTextSteps)
	if inst.GUID == "" {
		inst.GUID = mxplatform.InstitutionGUID(stableGUID("INS", string(inst.Code)))
	}
	if inst.CreatedAt == "" {
		inst.CreatedAt = timestamp(institutionsAddedAt)
	}
	return &institutionRec{Institution: inst, guid: inst.GUID}
}

func (r *institutionRec) code() mxplatform.InstitutionCode { return r.Code }
func (r *institutionRec) oauth() bool                      { return r.SupportsOAuth.Value() }

// supports reports whether the institution offers the product.
func (r *institutionRec) supports(p mxplatform.SupportedProduct) bool {
	return slices.Contains(r.SupportedProducts, p)
}

// passwordGUID returns the GUID of the credential that picks outcomes: the PASSWORD one, else
// the last.
func (r *institutionRec) passwordGUID() mxplatform.CredentialGUID {
	for _, c := range r.Credentials {
		if c.FieldType == mxplatform.CredentialFieldTypePassword {
			return c.GUID
		}
	}
	if n := len(r.Credentials); n > 0 {
		return r.Credentials[n-1].GUID
	}
	return ""
}

// loginGUID returns the GUID of the user name credential, else the first.
func (r *institutionRec) loginGUID() mxplatform.CredentialGUID {
	for _, c := range r.Credentials {
		if strings.EqualFold(c.FieldName, "LOGIN") {
			return c.GUID
		}
	}
	if len(r.Credentials) > 0 {
		return r.Credentials[0].GUID
	}
	return ""
}

// defaultCredentials are a user name and a password with GUIDs derived from the code.
func defaultCredentials(code mxplatform.InstitutionCode) []mxplatform.Credential {
	guid := func(field string) mxplatform.CredentialGUID {
		return mxplatform.CredentialGUID(stableGUID("CRD", string(code)+"/"+field))
	}
	return []mxplatform.Credential{
		{GUID: guid("LOGIN"), FieldName: "LOGIN", FieldType: mxplatform.CredentialFieldTypeText, Type: "TEXT", Label: "Username", DisplayOrder: opt(1)},
		{GUID: guid("PASSWORD"), FieldName: "PASSWORD", FieldType: mxplatform.CredentialFieldTypePassword, Type: "PASSWORD", Label: "Password", DisplayOrder: opt(2)},
	}
}

// manualInstitutionCode is the code of the Manual Institution, whose member holds a user's
// manual accounts. It is listed nowhere: createMember does not take it.
const manualInstitutionCode mxplatform.InstitutionCode = "manual_institution"

// manualInstitution is the institution of manual accounts.
func manualInstitution() Institution {
	return Institution{
		Institution: mxplatform.Institution{
			Code: manualInstitutionCode, Name: "Manual Institution", ISOCountryCode: mxplatform.InstitutionCountryCodeUS,
			IsHidden: opt(true), SupportsOAuth: opt(false),
		},
		Credentials: []mxplatform.Credential{},
		Unthrottled: true,
	}
}

// The products of the seeded institutions.
const (
	pVerification = mxplatform.SupportedProductAccountVerification
	pIdentity     = mxplatform.SupportedProductIdentityVerification
	pTransactions = mxplatform.SupportedProductTransactions
	pHistory      = mxplatform.SupportedProductTransactionHistory
	pStatements   = mxplatform.SupportedProductStatements
	pInvestments  = mxplatform.SupportedProductInvestments
	pRewards      = mxplatform.SupportedProductRewards
)

// seededInstitutions are the institutions every fake starts with.
func seededInstitutions() []Institution {
	logo := func(size string) string {
		return "https://content.moneydesktop.com/storage/MD_Assets/Ipad%20Logos/" + size + "/default_" + size + ".png"
	}
	inst := func(code, name string, country mxplatform.InstitutionCountryCode, url string, oauth, favorite, unthrottled bool, products ...mxplatform.SupportedProduct) Institution {
		c := mxplatform.InstitutionCode(code)
		i := Institution{
			Institution: mxplatform.Institution{
				Code: c, Name: name, ISOCountryCode: country, URL: url,
				SmallLogoURL: logo("50x50"), MediumLogoURL: logo("100x100"),
				SupportsOAuth: opt(oauth), SupportedProducts: products, IsHidden: opt(false),
				ForgotPasswordURL:   url + "/forgot-password",
				ForgotUsernameURL:   url + "/forgot-username",
				TroubleSigningInURL: url + "/help",
			},
			Favorite:    favorite,
			Unthrottled: unthrottled,
		}
		if oauth {
			i.InstructionalText = "You will be sent to " + name + " to sign in."
		} else {
			i.Credentials = defaultCredentials(c)
			i.InstructionalText = "Use the user name and password you use on " + url + "."
		}
		return i
	}
	us, ca := mxplatform.InstitutionCountryCodeUS, mxplatform.InstitutionCountryCodeCA
	every := []mxplatform.SupportedProduct{pVerification, pIdentity, pTransactions, pHistory, pStatements, pInvestments, pRewards}
	return []Institution{
		inst("mxbank", "MX Bank", us, "https://www.mx.com", false, true, true, every...),
		inst("mx_bank_oauth", "MX Bank (OAuth)", us, "https://www.mx.com", true, true, true, every...),
		inst("chase", "Chase Bank", us, "https://www.chase.com", false, true, false, every...),
		inst("wells_fargo", "Wells Fargo", us, "https://www.wellsfargo.com", false, true, false, pVerification, pIdentity, pTransactions, pHistory, pInvestments),
		inst("bank_of_america", "Bank of America", us, "https://www.bankofamerica.com", false, false, false, pVerification, pIdentity, pTransactions, pStatements),
		inst("capital_one", "Capital One", us, "https://www.capitalone.com", false, false, false, pTransactions, pHistory, pStatements),
		inst("rbc", "RBC Royal Bank", ca, "https://www.rbcroyalbank.com", false, false, false, pVerification, pTransactions),
	}
}
