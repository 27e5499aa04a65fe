package connect

// Type is the type of a widget event, as the widget names it ("mx/connect/memberConnected").
type Type string

// The documented event types.
const (
	TypeLoad                   Type = "mx/load"
	TypePing                   Type = "mx/ping"
	TypeLoaded                 Type = "mx/connect/loaded"
	TypeEnterCredentials       Type = "mx/connect/enterCredentials"
	TypeInstitutionSearch      Type = "mx/connect/institutionSearch"
	TypeSelectedInstitution    Type = "mx/connect/selectedInstitution"
	TypeMemberConnected        Type = "mx/connect/memberConnected"
	TypeConnectedPrimaryAction Type = "mx/connect/connected/primaryAction"
	TypeMemberDeleted          Type = "mx/connect/memberDeleted"
	TypeCreateMemberError      Type = "mx/connect/createMemberError"
	TypeMemberStatusUpdate     Type = "mx/connect/memberStatusUpdate"
	TypeOAuthError             Type = "mx/connect/oauthError"
	TypeOAuthRequested         Type = "mx/connect/oauthRequested"
	TypeStepChange             Type = "mx/connect/stepChange"
	TypeSubmitMFA              Type = "mx/connect/submitMFA"
	TypeUpdateCredentials      Type = "mx/connect/updateCredentials"

	// TypeInstitutionSelected is the name the reference's prose gives the selected-institution
	// event, whose example is named [TypeSelectedInstitution]. Both decode into
	// [*SelectedInstitution], whose EventType is TypeSelectedInstitution.
	TypeInstitutionSelected Type = "mx/connect/institutionSelected"

	// TypeOAuthComplete is the WebView navigation that ends an OAuth flow
	// ({scheme}://oauth_complete?status=...). It has no postMessage form.
	TypeOAuthComplete Type = "oauth_complete"
)

// Event is a decoded widget event: one of the pointer types of this package (*Loaded,
// *MemberConnected, ...). Switch on its dynamic type to read its metadata.
type Event interface {
	// EventType returns the type of the event.
	EventType() Type
}

// events makes the event of each documented type, aliases included.
var events = map[Type]func() Event{
	TypeLoad:                   func() Event { return new(Load) },
	TypePing:                   func() Event { return new(Ping) },
	TypeLoaded:                 func() Event { return new(Loaded) },
	TypeEnterCredentials:       func() Event { return new(EnterCredentials) },
	TypeInstitutionSearch:      func() Event { return new(InstitutionSearch) },
	TypeSelectedInstitution:    func() Event { return new(SelectedInstitution) },
	TypeInstitutionSelected:    func() Event { return new(SelectedInstitution) },
	TypeMemberConnected:        func() Event { return new(MemberConnected) },
	TypeConnectedPrimaryAction: func() Event { return new(ConnectedPrimaryAction) },
	TypeMemberDeleted:          func() Event { return new(MemberDeleted) },
	TypeCreateMemberError:      func() Event { return new(CreateMemberError) },
	TypeMemberStatusUpdate:     func() Event { return new(MemberStatusUpdate) },
	TypeOAuthError:             func() Event { return new(OAuthError) },
	TypeOAuthRequested:         func() Event { return new(OAuthRequested) },
	TypeStepChange:             func() Event { return new(StepChange) },
	TypeSubmitMFA:              func() Event { return new(SubmitMFA) },
	TypeUpdateCredentials:      func() Event { return new(UpdateCredentials) },
}

// EventType returns [TypeLoad].
func (*Load) EventType() Type { return TypeLoad }

// EventType returns [TypePing].
func (*Ping) EventType() Type { return TypePing }

// EventType returns [TypeLoaded].
func (*Loaded) EventType() Type { return TypeLoaded }

// EventType returns [TypeEnterCredentials].
func (*EnterCredentials) EventType() Type { return TypeEnterCredentials }

// EventType returns [TypeInstitutionSearch].
func (*InstitutionSearch) EventType() Type { return TypeInstitutionSearch }

// EventType returns [TypeSelectedInstitution], also for events received as
// [TypeInstitutionSelected].
func (*SelectedInstitution) EventType() Type { return TypeSelectedInstitution }

// EventType returns [TypeMemberConnected].
func (*MemberConnected) EventType() Type { return TypeMemberConnected }

// EventType returns [TypeConnectedPrimaryAction].
func (*ConnectedPrimaryAction) EventType() Type { return TypeConnectedPrimaryAction }

// EventType returns [TypeMemberDeleted].
func (*MemberDeleted) EventType() Type { return TypeMemberDeleted }

// EventType returns [TypeCreateMemberError].
func (*CreateMemberError) EventType() Type { return TypeCreateMemberError }

// EventType returns [TypeMemberStatusUpdate].
func (*MemberStatusUpdate) EventType() Type { return TypeMemberStatusUpdate }

// EventType returns [TypeOAuthError].
func (*OAuthError) EventType() Type { return TypeOAuthError }

// EventType returns [TypeOAuthRequested].
func (*OAuthRequested) EventType() Type { return TypeOAuthRequested }

// EventType returns [TypeStepChange].
func (*StepChange) EventType() Type { return TypeStepChange }

// EventType returns [TypeSubmitMFA].
func (*SubmitMFA) EventType() Type { return TypeSubmitMFA }

// EventType returns [TypeUpdateCredentials].
func (*UpdateCredentials) EventType() Type { return TypeUpdateCredentials }
