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

// waiter follows one --wait: it shows each status read on stderr, answers MFA challenges as
// they come (from --answer for the first round, then from the terminal or stdin) so that one
// wait takes the job to its end, and says where the member settled.
type waiter struct {
	a           *app
	interval    time.Duration
	inPlace     bool                         // stderr is a terminal: the status is one line, rewritten as it changes
	lineOpen    bool                         // a status line is on the screen without its newline
	start       time.Time                    // when the wait began, for the elapsed time of the status line
	flagAnswers []mxplatform.ChallengeAnswer // --answer: the first round's answers
	unanswered  error                        // the challenge nobody answered, which ended the wait
}

// newWait prepares a wait with the flags of the command; a malformed --answer is a usage
// error before any request.
func (a *app) newWait(f *waitFlags) (*waiter, error) {
	w := &waiter{a: a, interval: *f.interval, inPlace: isTerminal(a.errTerminal), start: time.Now()}
	if f.answers != nil {
		given, err := parsePairs(*f.answers, challengeAnswer)
		if err != nil {
			return nil, usageError{fmt.Errorf("--answer: %w", err)}
		}
		w.flagAnswers = given
	}
	return w, nil
}

// options are the wait's options for the SDK's job helpers.
func (w *waiter) options() *mxplatform.WaitOptions {
	return &mxplatform.WaitOptions{
		Interval: w.interval,
		Progress: func(s *mxplatform.MemberStatus) {
			name := statusName(s.ConnectionStatus.Info())
			state := "settled"
			if s.IsBeingAggregated.Value() {
				state = "aggregating"
			}
			if w.inPlace {
				// \r and erase-line rewrite the line; the status is made printable first.
				fmt.Fprintf(w.a.stderr, "\r\x1b[K  %s", printable(fmt.Sprintf("%-12s %-11s %s", name, state, time.Since(w.start).Round(time.Second))))
				w.lineOpen = true
				return
			}
			linef(w.a.stderr, "  %-12s %s", name, state)
		},
		AnswerMFA: w.answer,
	}
}

// answer collects the answers to one round of challenges. When one has no answer, it ends the
// wait with the member CHALLENGED (nil answers), and settle says how to give one.
func (w *waiter) answer(_ context.Context, challenges []mxplatform.Challenge) (*mxplatform.MFAAnswers, error) {
	w.endLine()
	answers := mxplatform.NewMFAAnswers(challenges)
	given := w.flagAnswers
	w.flagAnswers = nil // --answer flags answer the first round only
	if err := w.a.collectAnswers(answers, given); err != nil {
		var missing noAnswerError
		if errors.As(err, &missing) {
			w.unanswered = missing
			return nil, nil
		}
		return nil, err
	}
	return answers, nil
}

// settle writes where the member settled (see settled); a status other than CONNECTED is a
// settledError, whose exit code says whether the end user must act.
func (w *waiter) settle(r *mxplatform.WaitResult) error {
	w.endLine()
	detail := ""
	if w.unanswered != nil && r.Info().Status == mxplatform.ConnectionStatusChallenged {
		detail = w.unanswered.Error()
	}
	return w.a.settled(r, detail)
}

// endLine ends the status line on the terminal, before other text goes to stderr.
func (w *waiter) endLine() {
	if w.lineOpen {
		fmt.Fprintln(w.a.stderr)
		w.lineOpen = false
	}
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

// collectAnswers fills answers from the --answer flags given, then from the terminal (a prompt
// per challenge) or, without a terminal, from stdin (one line per challenge, in order).
func (a *app) collectAnswers(answers *mxplatform.MFAAnswers, given []mxplatform.ChallengeAnswer) error {
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
