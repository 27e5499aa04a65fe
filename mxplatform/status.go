package mxplatform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// connectionStatusRow is one row of the reference's connection status table (tables.gen.go).
type connectionStatusRow struct {
	code                           int    // -1 for the null status
	name                           string // "" for the null status
	definition, nextSteps, message string
}

// NextStep is what an application should do about a member in a given connection status.
type NextStep int

// The next steps of the connection statuses.
const (
	NextStepUnknown            NextStep = iota // a status this SDK does not know
	NextStepNone                               // nothing: connected, closed, or a member without credentials
	NextStepPoll                               // wait and read the member's status again
	NextStepAggregate                          // aggregate the member with the end user present, then poll
	NextStepAnswerMFA                          // show the MFA challenges and resume with the answers
	NextStepReenterCredentials                 // ask the end user for new credentials and update the member
	NextStepActAtInstitution                   // the end user must act on the institution's website
	NextStepCompleteOAuth                      // send the end user to the member's OAuth window URI
	NextStepRetryLater                         // an MX or institution problem; try again later
)

func (n NextStep) String() string {
	switch n {
	case NextStepNone:
		return "none"
	case NextStepPoll:
		return "poll"
	case NextStepAggregate:
		return "aggregate"
	case NextStepAnswerMFA:
		return "answer MFA"
	case NextStepReenterCredentials:
		return "re-enter credentials"
	case NextStepActAtInstitution:
		return "act at the institution"
	case NextStepCompleteOAuth:
		return "complete OAuth"
	case NextStepRetryLater:
		return "retry later"
	}
	return "unknown"
}

// statusBehaviour is how an application treats a status: whether it will change without a new
// action (final), whether the end user must act, and what to do next.
type statusBehaviour struct {
	final, userMustAct bool
	next               NextStep
}

// behaviours interpret the reference's "Next steps" column for each status.
var behaviours = map[ConnectionStatus]statusBehaviour{
	ConnectionStatusCreated:      {false, false, NextStepAggregate},
	ConnectionStatusPrevented:    {true, true, NextStepReenterCredentials},
	ConnectionStatusDenied:       {true, true, NextStepReenterCredentials},
	ConnectionStatusChallenged:   {true, true, NextStepAnswerMFA},
	ConnectionStatusRejected:     {true, true, NextStepAggregate},
	ConnectionStatusLocked:       {true, true, NextStepActAtInstitution},
	ConnectionStatusConnected:    {true, false, NextStepNone},
	ConnectionStatusImpeded:      {true, true, NextStepActAtInstitution},
	ConnectionStatusReconnected:  {true, true, NextStepAggregate},
	ConnectionStatusDegraded:     {true, false, NextStepRetryLater},
	ConnectionStatusDisconnected: {true, false, NextStepRetryLater},
	ConnectionStatusDiscontinued: {true, false, NextStepNone},
	ConnectionStatusClosed:       {true, false, NextStepNone},
	ConnectionStatusDelayed:      {false, false, NextStepPoll},
	ConnectionStatusFailed:       {true, false, NextStepRetryLater},
	ConnectionStatusUpdated:      {false, false, NextStepAggregate},
	ConnectionStatusDisabled:     {true, false, NextStepRetryLater},
	ConnectionStatusImported:     {true, true, NextStepReenterCredentials},
	ConnectionStatusResumed:      {false, false, NextStepPoll},
	ConnectionStatusExpired:      {true, true, NextStepAggregate},
	ConnectionStatusImpaired:     {true, true, NextStepReenterCredentials},
	ConnectionStatusPending:      {true, true, NextStepCompleteOAuth},
}

// StatusInfo explains a connection status: what it means and what to do about it.
type StatusInfo struct {
	Status ConnectionStatus // "" for the null status (no credentials)
	Code   int              // 0-21; -1 for the null status and unknown statuses
	Known  bool             // false for a status MX added after this SDK
	// Meaning is MX's definition of the status.
	Meaning string
	// NextSteps is MX's advice to the application, in MX's words.
	NextSteps string
	// Final is true when the status will not change until someone acts (the end user, the
	// application or MX); false for statuses that move on by themselves (CREATED, DELAYED,
	// RESUMED, UPDATED).
	Final bool
	// UserMustAct is true when only the end user can move the member on (new credentials, MFA
	// answers, the institution's website, OAuth).
	UserMustAct bool
	// Next is the application's next step.
	Next NextStep

	message string
}

// Message returns the message MX suggests showing the end user, with the institution's name
// filled in, or "" when MX suggests none.
func (i StatusInfo) Message(institution string) string {
	if i.message == "None." {
		return ""
	}
	r := strings.NewReplacer("{…}", institution, "[…]", institution)
	return r.Replace(i.message)
}

// Info explains the status. The empty status is the null one: MX sends null (or nothing) for a
// member without credentials (a manual member), which needs nothing. A status this SDK does not
// know is reported as such (Known false) and treated as final.
func (s ConnectionStatus) Info() StatusInfo {
	if s == "" {
		return infoOf(connectionStatusRows[0], statusBehaviour{true, false, NextStepNone})
	}
	for _, row := range connectionStatusRows {
		if row.name != "" && row.name == string(s) {
			return infoOf(row, behaviours[s])
		}
	}
	return StatusInfo{Status: s, Code: -1, Meaning: "a connection status this SDK does not know", Final: true, Next: NextStepUnknown}
}

func infoOf(row connectionStatusRow, b statusBehaviour) StatusInfo {
	return StatusInfo{
		Status:      ConnectionStatus(row.name),
		Code:        row.code,
		Known:       true,
		Meaning:     row.definition,
		NextSteps:   row.nextSteps,
		Final:       b.final,
		UserMustAct: b.userMustAct,
		Next:        b.next,
		message:     row.message,
	}
}

// Code returns the integer code of the status (CREATED is 0, PENDING 21), as widget events send
// it, and false for an unknown status.
func (s ConnectionStatus) Code() (int, bool) {
	info := s.Info()
	return info.Code, info.Known
}

// ConnectionStatusFromCode returns the status of an integer code, and false for a code this SDK
// does not know.
func ConnectionStatusFromCode(code int) (ConnectionStatus, bool) {
	for _, row := range connectionStatusRows {
		if row.code == code && row.name != "" {
			return ConnectionStatus(row.name), true
		}
	}
	return ConnectionStatus(strconv.Itoa(code)), false
}

// UnmarshalJSON decodes a status sent by name ("CONNECTED") or by integer code (6); null decodes
// to the empty (null) status. A code this SDK does not know decodes to its decimal text, which
// Info reports as unknown.
func (s *ConnectionStatus) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*s = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var name string
		if err := json.Unmarshal(b, &name); err != nil {
			return err
		}
		*s = ConnectionStatus(name)
		return nil
	}
	var code int
	if err := json.Unmarshal(b, &code); err != nil {
		return fmt.Errorf("mxplatform: connection status must be a name or an integer code, got %s", truncate(b, 40))
	}
	*s, _ = ConnectionStatusFromCode(code)
	return nil
}

// ConnectionStatuses returns the 22 documented statuses in code order.
func ConnectionStatuses() []ConnectionStatus {
	var out []ConnectionStatus
	for _, row := range connectionStatusRows {
		if row.name != "" {
			out = append(out, ConnectionStatus(row.name))
		}
	}
	return out
}
