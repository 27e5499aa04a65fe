package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// printJob writes the member an aggregation-type request answered, and on stderr what it did.
func (a *app) printJob(r *mxplatform.JobResult) error {
	linef(a.stderr, "job %s", r.Outcome)
	return a.print(r.Member)
}

// waitOptions shows each status read on stderr.
func (a *app) waitOptions(w *waitFlags) *mxplatform.WaitOptions {
	return &mxplatform.WaitOptions{
		Interval: time.Duration(w.interval * float64(time.Second)),
		Progress: func(s *mxplatform.MemberStatus) {
			name := statusName(s.ConnectionStatus.Info())
			state := "settled"
			if s.IsBeingAggregated.Value() {
				state = "aggregating"
			}
			linef(a.stderr, "  %-12s %s", name, state)
		},
	}
}

// settle answers MFA challenges for as long as the member is CHALLENGED, then writes its final
// status (and what to do next on stderr). A status other than CONNECTED is a settledError,
// whose exit code says whether the end user must act.
func (a *app) settle(ctx context.Context, api *mxplatform.API, user mxplatform.UserGUID, member mxplatform.MemberGUID, r *mxplatform.WaitResult, w *waitFlags) error {
	flagAnswers := w.answers
	for r.Status.ConnectionStatus == mxplatform.ConnectionStatusChallenged {
		answers := mxplatform.NewMFAAnswers(r.Challenges)
		if err := a.collectAnswers(answers, flagAnswers); err != nil {
			var missing noAnswerError
			if errors.As(err, &missing) {
				return a.settled(r, missing.Error())
			}
			return err
		}
		flagAnswers = nil // --answer flags answer the first round only
		var err error
		if r, err = api.AnswerChallengesAndWait(ctx, user, member, answers, a.waitOptions(w)); err != nil {
			return err
		}
	}
	return a.settled(r, "")
}

// settled writes where the member settled: what its status means on stderr, the status on
// stdout, and a settledError unless it is CONNECTED. detail, when not "", says why the wait
// stopped there.
func (a *app) settled(r *mxplatform.WaitResult, detail string) error {
	info := r.Info()
	linef(a.stderr, "%s: %s Next step: %s.", statusName(info), info.Meaning, info.Next)
	if err := a.print(r.Status); err != nil {
		return err
	}
	if settledCode(info) == exitOK {
		return nil
	}
	return settledError{info: info, detail: detail}
}

// settledCode is the exit code of a wait that ended with the member in the status info
// describes: success for CONNECTED; exitNeedsUser when only the end user can move the member
// on (StatusInfo.UserMustAct: MFA, new credentials, the institution's website, OAuth); and
// exitJobFailed for any other status, which the end user cannot fix: MX or the institution
// failed (FAILED, DEGRADED, DISCONNECTED, DISABLED), the member cannot be aggregated (CLOSED,
// DISCONTINUED, no status), or the status is unknown. CONNECTED is named because StatusInfo
// does not tell it from CLOSED and DISCONTINUED (final, no action, no next step), and only
// CONNECTED means the job reached the institution's data.
func settledCode(info mxplatform.StatusInfo) int {
	switch {
	case info.Status == mxplatform.ConnectionStatusConnected:
		return exitOK
	case info.UserMustAct:
		return exitNeedsUser
	}
	return exitJobFailed
}

// settledError reports a --wait that ended with the member in a status other than CONNECTED.
type settledError struct {
	info   mxplatform.StatusInfo
	detail string // why the wait stopped there, when more than the status says it
}

func (e settledError) Error() string {
	if e.detail != "" {
		return fmt.Sprintf("the member is %s: %s", statusName(e.info), e.detail)
	}
	if e.info.UserMustAct {
		return fmt.Sprintf("the member is %s and needs the end user (next step: %s)", statusName(e.info), e.info.Next)
	}
	return fmt.Sprintf("the member is %s, not CONNECTED (next step: %s)", statusName(e.info), e.info.Next)
}

// noAnswerError reports an MFA challenge that neither --answer nor stdin answered.
type noAnswerError struct{ challenge mxplatform.Challenge }

func (e noAnswerError) Error() string {
	guid := e.challenge.GUID
	return fmt.Sprintf("challenge %s (%s) needs an answer: pass --answer %s=VALUE or answer on stdin", guid, label(e.challenge), guid)
}

// statusName names a status, or says there is none.
func statusName(info mxplatform.StatusInfo) string {
	if info.Status == "" {
		return "no status"
	}
	return string(info.Status)
}

// collectAnswers fills answers from --answer flags, then from the terminal (a prompt per
// challenge) or, without a terminal, from stdin (one line per challenge, in order).
func (a *app) collectAnswers(answers *mxplatform.MFAAnswers, flags []string) error {
	given, err := parsePairs(flags, challengeAnswer)
	if err != nil {
		return usageError{fmt.Errorf("--answer: %w", err)}
	}
	for _, g := range given {
		if err := answers.Set(g.GUID, g.Value); err != nil {
			return usageError{err}
		}
	}
	in := a.lines()
	interactive := a.terminal != nil && a.terminal()
	for _, c := range answers.Missing() {
		if c.GUID == "" {
			return errors.New("MX sent a challenge without GUID")
		}
		for {
			if interactive {
				promptChallenge(a.stderr, c)
			}
			line, err := in.ReadString('\n')
			line = strings.TrimRight(line, "\r\n")
			if line == "" && err != nil {
				if errors.Is(err, io.EOF) {
					return noAnswerError{c}
				}
				return err
			}
			if err := answers.Set(c.GUID, byNumber(c, line)); err != nil {
				if interactive {
					linef(a.stderr, "%v", err)
					continue
				}
				return usageError{err}
			}
			break
		}
	}
	return nil
}

// lines reads stdin line by line, across MFA rounds.
func (a *app) lines() *bufio.Reader {
	if a.stdinLines == nil {
		a.stdinLines = bufio.NewReader(a.stdin)
	}
	return a.stdinLines
}

func label(c mxplatform.Challenge) string {
	if c.Label != "" {
		return c.Label
	}
	return "no label"
}

// promptChallenge shows a challenge and its numbered options, as MX words them made
// printable.
func promptChallenge(w io.Writer, c mxplatform.Challenge) {
	linef(w, "%s", label(c))
	for i, o := range c.Options {
		linef(w, "  %d) %s", i+1, cmp.Or(o.Label, o.Value))
	}
	for i, o := range c.ImageOptions {
		linef(w, "  %d) %s", i+1, cmp.Or(o.Label, o.Value))
	}
	fmt.Fprint(w, "> ")
}

// byNumber turns "2" into the value of a challenge's second option; other input is kept.
func byNumber(c mxplatform.Challenge, input string) string {
	n, err := strconv.Atoi(strings.TrimSpace(input))
	if err != nil || n < 1 {
		return input
	}
	switch {
	case n <= len(c.Options) && c.Options[n-1].Value != "":
		return c.Options[n-1].Value
	case n <= len(c.ImageOptions) && c.ImageOptions[n-1].Value != "":
		return c.ImageOptions[n-1].Value
	}
	return input
}
