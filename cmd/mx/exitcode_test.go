package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// waitOutcomes are the test bank's passwords, the status a job with each ends in, and the exit
// code of a --wait that meets it.
var waitOutcomes = []struct {
	password string
	status   mxplatform.ConnectionStatus
	code     int
}{
	{mxplatformtest.PasswordConnect, mxplatform.ConnectionStatusConnected, exitOK},
	{mxplatformtest.PasswordDelayed, mxplatform.ConnectionStatusConnected, exitOK},
	{"denied", mxplatform.ConnectionStatusDenied, exitNeedsUser},
	{"not-the-password", mxplatform.ConnectionStatusDenied, exitNeedsUser},
	{"locked", mxplatform.ConnectionStatusLocked, exitNeedsUser},
	{"impeded", mxplatform.ConnectionStatusImpeded, exitNeedsUser},
	{"prevented", mxplatform.ConnectionStatusPrevented, exitNeedsUser},
	{"impaired", mxplatform.ConnectionStatusImpaired, exitNeedsUser},
	{"failed", mxplatform.ConnectionStatusFailed, exitJobFailed},
	{"degraded", mxplatform.ConnectionStatusDegraded, exitJobFailed},
	{"disconnected", mxplatform.ConnectionStatusDisconnected, exitJobFailed},
	{"disabled", mxplatform.ConnectionStatusDisabled, exitJobFailed},
	{"discontinued", mxplatform.ConnectionStatusDiscontinued, exitJobFailed},
	{"closed", mxplatform.ConnectionStatusClosed, exitJobFailed},
}

// waited checks the exit code of a --wait run and the member status it printed.
func waited(t *testing.T, what string, r result, status mxplatform.ConnectionStatus, code int) {
	t.Helper()
	if r.code != code {
		t.Errorf("%s: exit %d, want %d\nstderr: %s", what, r.code, code, r.stderr)
	}
	var s mxplatform.MemberStatus
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil || s.ConnectionStatus != status {
		t.Errorf("%s: want the %s member's status on stdout (%v):\n%s", what, status, err, r.stdout)
	}
	if code != exitOK && !strings.Contains(r.stderr, "mx: ") {
		t.Errorf("%s: no error line on stderr:\n%s", what, r.stderr)
	}
}

func TestAggregateWaitExitCodeFollowsTheStatus(t *testing.T) {
	_, vars := fakeEnv(t)
	for _, o := range waitOutcomes {
		u, m := newMember(t, vars, o.password)
		r := mx(t, vars, "", "members", "aggregate", "--user", u, "--member", m, "--wait", "--interval", "10ms")
		waited(t, "aggregate "+o.password, r, o.status, o.code)
	}
}

// TestEveryJobWaitExitCodeFollowsTheStatus: the other jobs wait as aggregate does, in both
// versions that have them.
func TestEveryJobWaitExitCodeFollowsTheStatus(t *testing.T) {
	_, vars := fakeEnv(t)
	outcomes := []int{0, 2, 8} // CONNECTED, DENIED, FAILED
	for _, job := range []string{"check-balance", "verify", "identify", "extend-history", "fetch-statements"} {
		for _, i := range outcomes {
			o := waitOutcomes[i]
			u, m := newMember(t, vars, o.password)
			r := mx(t, vars, "", "members", job, "--user", u, "--member", m, "--wait", "--interval", "10ms")
			waited(t, job+" "+o.password, r, o.status, o.code)
		}
	}
	for _, o := range waitOutcomes {
		u, m := newMember(t, vars, o.password)
		r := mx(t, vars, "", "--api-version", "v20111101", "members", "check-balance", "--user", u, "--member", m, "--wait", "--interval", "10ms")
		waited(t, "v20111101 check-balance "+o.password, r, o.status, o.code)
	}
}

// TestEveryJobAnswersMFA: each job that meets a challenge asks for its answer, and a right one
// takes it to CONNECTED.
func TestEveryJobAnswersMFA(t *testing.T) {
	_, vars := fakeEnv(t)
	for _, job := range []string{"aggregate", "check-balance", "verify", "identify", "extend-history", "fetch-statements"} {
		// The test bank asks its question at every job: answer the first one, of the job that
		// creating the member started, then the job's.
		u, m := newMember(t, vars, mxplatformtest.PasswordOptions)
		var challenges []mxplatform.Challenge
		ok(t, vars, &challenges, "members", "challenges", "--user", u, "--member", m)
		ok(t, vars, nil, "members", "resume", "--user", u, "--member", m, "--answer", string(challenges[0].GUID)+"="+mxplatformtest.ChallengeAnswer, "--wait", "--interval", "10ms")
		r := mx(t, vars, "2\n", "members", job, "--user", u, "--member", m, "--wait", "--interval", "10ms")
		waited(t, job+" with MFA", r, mxplatform.ConnectionStatusConnected, exitOK)
		if !strings.Contains(r.stderr, "CHALLENGED") {
			t.Errorf("%s: the job met no challenge:\n%s", job, r.stderr)
		}
	}
}

func TestMFAWaitExitCodes(t *testing.T) {
	_, vars := fakeEnv(t)
	wait := []string{"--wait", "--interval", "10ms"}

	// No answer on an empty stdin: the job started and waits for the end user.
	u, m := newMember(t, vars, mxplatformtest.PasswordChallenge)
	r := mx(t, vars, "", append([]string{"members", "aggregate", "--user", u, "--member", m}, wait...)...)
	waited(t, "challenge without an answer", r, mxplatform.ConnectionStatusChallenged, exitNeedsUser)
	if !strings.Contains(r.stderr, "--answer") {
		t.Errorf("the error does not say how to answer:\n%s", r.stderr)
	}

	// The second round of answers is missing.
	u, m = newMember(t, vars, mxplatformtest.PasswordMultipleChallenges)
	r = mx(t, vars, mxplatformtest.ChallengeAnswer+"\n", append([]string{"members", "aggregate", "--user", u, "--member", m}, wait...)...)
	waited(t, "one answer of two", r, mxplatform.ConnectionStatusChallenged, exitNeedsUser)

	// A wrong answer: REJECTED, and only the end user can answer again.
	u, m = newMember(t, vars, mxplatformtest.PasswordOptions)
	r = mx(t, vars, "wrong-1\n", append([]string{"members", "aggregate", "--user", u, "--member", m}, wait...)...)
	waited(t, "wrong answer", r, mxplatform.ConnectionStatusRejected, exitNeedsUser)

	// The right answer.
	u, m = newMember(t, vars, mxplatformtest.PasswordOptions)
	r = mx(t, vars, "2\n", append([]string{"members", "aggregate", "--user", u, "--member", m}, wait...)...)
	waited(t, "right answer", r, mxplatform.ConnectionStatusConnected, exitOK)

	// resume --wait: a wrong answer by flag, then a member left challenged.
	u, m = newMember(t, vars, mxplatformtest.PasswordChallenge)
	var challenges []mxplatform.Challenge
	ok(t, vars, &challenges, "members", "challenges", "--user", u, "--member", m)
	r = mx(t, vars, "", append([]string{"members", "resume", "--user", u, "--member", m, "--answer", string(challenges[0].GUID) + "=wrong"}, wait...)...)
	waited(t, "resume with a wrong answer", r, mxplatform.ConnectionStatusRejected, exitNeedsUser)

	// A malformed --answer is still a usage error.
	u, m = newMember(t, vars, mxplatformtest.PasswordChallenge)
	r = mx(t, vars, "", append([]string{"members", "aggregate", "--user", u, "--member", m, "--answer", "no-equals-sign"}, wait...)...)
	if r.code != exitUsage {
		t.Errorf("malformed --answer: %+v", r)
	}
}

func TestSettledExitCodeOfEveryStatus(t *testing.T) {
	for _, s := range mxplatform.ConnectionStatuses() {
		info := s.Info()
		got := settledCode(info)
		switch {
		case s == mxplatform.ConnectionStatusConnected:
			if got != exitOK {
				t.Errorf("%s: %d", s, got)
			}
		case info.UserMustAct:
			if got != exitNeedsUser {
				t.Errorf("%s needs the end user: %d", s, got)
			}
		default:
			if got != exitJobFailed {
				t.Errorf("%s: %d", s, got)
			}
		}
	}
	var none mxplatform.ConnectionStatus
	unknown := mxplatform.ConnectionStatus("TELEPORTED")
	for _, info := range []mxplatform.StatusInfo{none.Info(), unknown.Info()} {
		if got := settledCode(info); got != exitJobFailed {
			t.Errorf("%q: %d", info.Status, got)
		}
	}
}

func TestExitCodesAreDocumented(t *testing.T) {
	r := mx(t, nil, "", "--help")
	for _, line := range []string{"  0 ", "  1 ", "  2 ", "  3 ", "  4 ", "  5 ", "  130 "} {
		if !strings.Contains(r.stdout, "\n"+line) {
			t.Errorf("--help does not document exit code %q:\n%s", strings.TrimSpace(line), r.stdout)
		}
	}
}
