package connect

import "github.com/mxsdk/mx-go/mxplatform"

// CanBeInitial reports whether Connect can start on s: search, selectMember, enterCreds, mfa,
// connected or loginError, the values of initial_step in [Loaded].
func (s Step) CanBeInitial() bool {
	switch s {
	case StepSearch, StepSelectMember, StepEnterCreds, StepMFA, StepConnected, StepLoginError:
		return true
	}
	return false
}

// Status returns the connection status of the code, as the Platform API names it in member
// resources (6 is CONNECTED), and false for a code the reference does not document.
func (c ConnectionStatusCode) Status() (mxplatform.ConnectionStatus, bool) {
	s, ok := mxplatform.ConnectionStatusFromCode(int(c))
	if !ok {
		return "", false
	}
	return s, true
}
