package main

import (
	"bufio"
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
			info := s.ConnectionStatus.Info()
			name := string(info.Status)
			if name == "" {
				name = "no status"
			}
			state := "settled"
			if s.IsBeingAggregated != nil && *s.IsBeingAggregated {
				state = "aggregating"
			}
			linef(a.stderr, "  %-12s %s", name, state)
		},
	}
}

// settle answers MFA challenges for as long as the member is CHALLENGED, then writes its final
// status (and what to do next on stderr).
func (a *app) settle(ctx context.Context, api *mxplatform.API, user mxplatform.UserGUID, member mxplatform.MemberGUID, r *mxplatform.AggregationResult, w *waitFlags) error {
	flagAnswers := w.answers
	for r.Status.ConnectionStatus != nil && *r.Status.ConnectionStatus == mxplatform.ConnectionStatusChallenged {
		answers := mxplatform.NewMFAAnswers(r.Challenges)
		if err := a.collectAnswers(answers, flagAnswers); err != nil {
			return err
		}
		flagAnswers = nil // --answer flags answer the first round only
		var err error
		if r, err = api.AnswerChallengesAndWait(ctx, user, member, answers, a.waitOptions(w)); err != nil {
			return err
		}
	}
	info := r.Info()
	linef(a.stderr, "%s: %s Next step: %s.", info.Status, info.Meaning, info.Next)
	return a.print(r.Status)
}

// collectAnswers fills answers from --answer flags, then from the terminal (a prompt per
// challenge) or, without a terminal, from stdin (one line per challenge, in order).
func (a *app) collectAnswers(answers *mxplatform.MFAAnswers, flags []string) error {
	given, err := parsePairs(flags)
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
		if c.GUID == nil {
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
					return usageError{fmt.Errorf("challenge %s (%s) needs an answer: pass --answer %s=VALUE or answer on stdin", *c.GUID, label(c), *c.GUID)}
				}
				return err
			}
			if err := answers.Set(*c.GUID, byNumber(c, line)); err != nil {
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
	if c.Label != nil {
		return *c.Label
	}
	return "no label"
}

// promptChallenge shows a challenge and its numbered options, as MX words them made
// printable.
func promptChallenge(w io.Writer, c mxplatform.Challenge) {
	linef(w, "%s", label(c))
	for i, o := range c.Options {
		linef(w, "  %d) %s", i+1, deref(o.Label, o.Value))
	}
	for i, o := range c.ImageOptions {
		linef(w, "  %d) %s", i+1, deref(o.Label, o.Value))
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
	case n <= len(c.Options) && c.Options[n-1].Value != nil:
		return *c.Options[n-1].Value
	case n <= len(c.ImageOptions) && c.ImageOptions[n-1].Value != nil:
		return *c.ImageOptions[n-1].Value
	}
	return input
}

func deref(values ...*string) string {
	for _, v := range values {
		if v != nil {
			return *v
		}
	}
	return ""
}
