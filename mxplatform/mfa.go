package mxplatform

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnansweredChallenges is matched (errors.Is) by the error of MFAAnswers.Request when a
// challenge has no answer yet.
var ErrUnansweredChallenges = errors.New("mxplatform: MFA challenges without an answer")

// Answer turns the end user's input into the answer to one challenge:
//   - TEXT, TOKEN and IMAGE_DATA challenges take the text as typed (it must not be empty);
//   - OPTIONS and IMAGE_OPTIONS challenges take the value of the option whose label or value is
//     the input (exactly, else ignoring case and surrounding spaces);
//   - a challenge type this SDK does not know takes the text as typed.
func Answer(c Challenge, input string) (ChallengeAnswer, error) {
	if c.GUID == "" {
		return ChallengeAnswer{}, errors.New("mxplatform: the challenge has no GUID")
	}
	switch c.Type {
	case ChallengeTypeOptions:
		var choices []option
		for _, o := range c.Options {
			choices = append(choices, option{o.Label, o.Value})
		}
		return choose(c.GUID, c.Type, choices, input)
	case ChallengeTypeImageOptions:
		var choices []option
		for _, o := range c.ImageOptions {
			choices = append(choices, option{o.Label, o.Value})
		}
		return choose(c.GUID, c.Type, choices, input)
	}
	if input == "" {
		return ChallengeAnswer{}, fmt.Errorf("mxplatform: challenge %s (%s) needs a non-empty answer", c.GUID, c.Type)
	}
	return ChallengeAnswer{GUID: c.GUID, Value: input}, nil
}

type option struct{ label, value string }

func choose(guid ChallengeGUID, typ ChallengeType, choices []option, input string) (ChallengeAnswer, error) {
	for _, exact := range []bool{true, false} {
		for _, o := range choices {
			if o.value == "" {
				continue
			}
			for _, candidate := range []string{o.label, o.value} {
				if candidate != "" && matches(candidate, input, exact) {
					return ChallengeAnswer{GUID: guid, Value: o.value}, nil
				}
			}
		}
	}
	var names []string
	for _, o := range choices {
		if o.label != "" {
			names = append(names, o.label)
		} else if o.value != "" {
			names = append(names, o.value)
		}
	}
	return ChallengeAnswer{}, fmt.Errorf("mxplatform: %q is not an option of challenge %s (%s); choose one of %q", input, guid, typ, names)
}

func matches(candidate, input string, exact bool) bool {
	if exact {
		return candidate == input
	}
	return strings.EqualFold(strings.TrimSpace(candidate), strings.TrimSpace(input))
}

// MFAAnswers collects the answers to a member's challenges and checks that each challenge has
// one before they are sent.
type MFAAnswers struct {
	challenges []Challenge
	answers    map[ChallengeGUID]ChallengeAnswer
}

// NewMFAAnswers starts collecting answers to challenges, as ListMemberChallenges or
// WaitForJob return them.
func NewMFAAnswers(challenges []Challenge) *MFAAnswers {
	return &MFAAnswers{challenges: challenges, answers: map[ChallengeGUID]ChallengeAnswer{}}
}

// Challenges returns the challenges being answered.
func (m *MFAAnswers) Challenges() []Challenge { return m.challenges }

// Set answers the challenge whose GUID is challengeGUID with the end user's input (see [Answer]).
func (m *MFAAnswers) Set(challengeGUID ChallengeGUID, input string) error {
	for _, c := range m.challenges {
		if c.GUID != "" && c.GUID == challengeGUID {
			a, err := Answer(c, input)
			if err != nil {
				return err
			}
			m.answers[challengeGUID] = a
			return nil
		}
	}
	return fmt.Errorf("mxplatform: no challenge %q to answer", challengeGUID)
}

// Missing returns the challenges that have no answer yet.
func (m *MFAAnswers) Missing() []Challenge {
	var out []Challenge
	for _, c := range m.challenges {
		if _, ok := m.answers[c.GUID]; c.GUID == "" || !ok {
			out = append(out, c)
		}
	}
	return out
}

// Request returns the body of ResumeAggregation, the answers in the challenges' order. It fails
// with ErrUnansweredChallenges when a challenge has no answer, and when there is no challenge.
func (m *MFAAnswers) Request() (MemberResumeRequest, error) {
	if len(m.challenges) == 0 {
		return MemberResumeRequest{}, fmt.Errorf("%w: there are no challenges", ErrUnansweredChallenges)
	}
	if missing := m.Missing(); len(missing) > 0 {
		var labels []string
		for _, c := range missing {
			switch {
			case c.Label != "":
				labels = append(labels, c.Label)
			case c.GUID != "":
				labels = append(labels, string(c.GUID))
			default:
				labels = append(labels, "a challenge without GUID")
			}
		}
		return MemberResumeRequest{}, fmt.Errorf("%w: %q", ErrUnansweredChallenges, labels)
	}
	req := MemberResumeRequest{Challenges: make([]ChallengeAnswer, 0, len(m.challenges))}
	for _, c := range m.challenges {
		req.Challenges = append(req.Challenges, m.answers[c.GUID])
	}
	return req, nil
}
