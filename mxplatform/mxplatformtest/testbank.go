package mxplatformtest

import (
	"errors"
	"fmt"
	"strings"

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
	// Institution is what the API answers. Code and Name are required; SupportsOAuth makes the
	// institution an OAuth one, whose members carry no credentials.
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

func (r *institutionRec) code() mxplatform.InstitutionCode { return r.Code }
func (r *institutionRec) oauth() bool                      { return r.SupportsOAuth.Value() }

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

// seededInstitutions are the institutions every fake starts with.
func seededInstitutions() []Institution {
	logo := func(size string) string {
		return "https://content.moneydesktop.com/storage/MD_Assets/Ipad%20Logos/" + size + "/default_" + size + ".png"
	}
	inst := func(code, name, country, url string, oauth, identification, statement, verification, history, favorite, unthrottled bool) Institution {
		c := mxplatform.InstitutionCode(code)
		i := Institution{
			Institution: mxplatform.Institution{
				Code: c, Name: name, ISOCountryCode: country, URL: url,
				SmallLogoURL: logo("50x50"), MediumLogoURL: logo("100x100"),
				SupportsOAuth: opt(oauth), SupportsAccountIdentification: opt(identification),
				SupportsAccountStatement: opt(statement), SupportsAccountVerification: opt(verification),
				SupportsTransactionHistory: opt(history),
				ForgotPasswordURL:          url + "/forgot-password",
				ForgotUsernameURL:          url + "/forgot-username",
				TroubleSigningInURL:        url + "/help",
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
	return []Institution{
		inst("mxbank", "MX Bank", "US", "https://www.mx.com", false, true, true, true, true, true, true),
		inst("mx_bank_oauth", "MX Bank (OAuth)", "US", "https://www.mx.com", true, true, true, true, true, true, true),
		inst("chase", "Chase Bank", "US", "https://www.chase.com", false, true, true, true, true, true, false),
		inst("wells_fargo", "Wells Fargo", "US", "https://www.wellsfargo.com", false, true, false, true, true, true, false),
		inst("bank_of_america", "Bank of America", "US", "https://www.bankofamerica.com", false, true, true, true, false, false, false),
		inst("capital_one", "Capital One", "US", "https://www.capitalone.com", false, false, true, false, true, false, false),
		inst("rbc", "RBC Royal Bank", "CA", "https://www.rbcroyalbank.com", false, false, false, true, false, false, false),
	}
}
