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

// connectionStatuses are the statuses of the codes 0 to 21, in the order of the reference's
// table of connection statuses.
var connectionStatuses = [...]mxplatform.ConnectionStatus{
	mxplatform.ConnectionStatusCreated, mxplatform.ConnectionStatusPrevented, mxplatform.ConnectionStatusDenied,
	mxplatform.ConnectionStatusChallenged, mxplatform.ConnectionStatusRejected, mxplatform.ConnectionStatusLocked,
	mxplatform.ConnectionStatusConnected, mxplatform.ConnectionStatusImpeded, mxplatform.ConnectionStatusReconnected,
	mxplatform.ConnectionStatusDegraded, mxplatform.ConnectionStatusDisconnected, mxplatform.ConnectionStatusDiscontinued,
	mxplatform.ConnectionStatusClosed, mxplatform.ConnectionStatusDelayed, mxplatform.ConnectionStatusFailed,
	mxplatform.ConnectionStatusUpdated, mxplatform.ConnectionStatusDisabled, mxplatform.ConnectionStatusImported,
	mxplatform.ConnectionStatusResumed, mxplatform.ConnectionStatusExpired, mxplatform.ConnectionStatusImpaired,
	mxplatform.ConnectionStatusPending,
}

// Status returns the connection status of the code, as the Platform API names it in member
// resources (6 is CONNECTED), and false for a code the reference does not document.
func (c ConnectionStatusCode) Status() (mxplatform.ConnectionStatus, bool) {
	if c < 0 || int(c) >= len(connectionStatuses) {
		return "", false
	}
	return connectionStatuses[c], true
}
