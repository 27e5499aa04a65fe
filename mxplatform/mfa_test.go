package mxplatform

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func optionsChallenge(guid ChallengeGUID, typ ChallengeType, pairs ...string) Challenge {
	c := Challenge{GUID: guid, Type: typ, Label: "Choose"}
	for i := 0; i+1 < len(pairs); i += 2 {
		label, value := pairs[i], pairs[i+1]
		if typ == ChallengeTypeImageOptions {
			c.ImageOptions = append(c.ImageOptions, ChallengeImageOption{Label: label, Value: value, DataURI: "data:image/png;base64,AAAA"})
		} else {
			c.Options = append(c.Options, ChallengeOption{Label: label, Value: value})
		}
	}
	return c
}

func TestAnswerEveryChallengeType(t *testing.T) {
	image := "iVBORw0KGgo="
	for name, tc := range map[string]struct {
		c     Challenge
		input string
		want  string
	}{
		"text":                  {textChallenge("C1", "Mother's maiden name?"), "Smith", "Smith"},
		"token":                 {Challenge{GUID: "C2", Type: ChallengeTypeToken, Label: "Code"}, "123456", "123456"},
		"image data":            {Challenge{GUID: "C3", Type: ChallengeTypeImageData, ImageData: image}, "XK7P", "XK7P"},
		"options by label":      {optionsChallenge("C4", ChallengeTypeOptions, "Text me", "sms", "Call me", "voice"), "Call me", "voice"},
		"options by value":      {optionsChallenge("C4", ChallengeTypeOptions, "Text me", "sms", "Call me", "voice"), "sms", "sms"},
		"options ignoring case": {optionsChallenge("C4", ChallengeTypeOptions, "Text me", "sms", "Call me", "voice"), "  text ME ", "sms"},
		"image options":         {optionsChallenge("C5", ChallengeTypeImageOptions, "Dog", "img-1", "Cat", "img-2"), "cat", "img-2"},
		"unknown type":          {Challenge{GUID: "C6", Type: ChallengeType("VOICE_PRINT")}, "hello", "hello"},
	} {
		got, err := Answer(tc.c, tc.input)
		if err != nil || got.GUID != tc.c.GUID || got.Value != tc.want {
			t.Errorf("%s: %+v %v", name, got, err)
		}
	}
}

func TestAnswerRejectsBadInput(t *testing.T) {
	for name, tc := range map[string]struct {
		c     Challenge
		input string
	}{
		"empty text":        {textChallenge("C1", "Q"), ""},
		"no such option":    {optionsChallenge("C4", ChallengeTypeOptions, "Text me", "sms"), "email"},
		"no such image":     {optionsChallenge("C5", ChallengeTypeImageOptions, "Dog", "img-1"), "Cat"},
		"challenge no guid": {Challenge{Type: ChallengeTypeText}, "x"},
	} {
		if got, err := Answer(tc.c, tc.input); err == nil {
			t.Errorf("%s: answered %+v", name, got)
		}
	}
	_, err := Answer(optionsChallenge("C4", ChallengeTypeOptions, "Text me", "sms", "Call me", "voice"), "email")
	if err == nil || !strings.Contains(err.Error(), `"Text me"`) {
		t.Errorf("the error should list the options: %v", err)
	}
}

func TestMFAAnswersChecksEveryChallengeIsAnswered(t *testing.T) {
	challenges := []Challenge{textChallenge("C1", "First?"), optionsChallenge("C2", ChallengeTypeOptions, "A", "a", "B", "b")}
	answers := NewMFAAnswers(challenges)
	if _, err := answers.Request(); !errors.Is(err, ErrUnansweredChallenges) || !strings.Contains(err.Error(), "First?") {
		t.Errorf("no answers: %v", err)
	}
	if err := answers.Set("C1", "one"); err != nil {
		t.Fatal(err)
	}
	if missing := answers.Missing(); len(missing) != 1 || missing[0].GUID != "C2" {
		t.Errorf("missing %v", missing)
	}
	if err := answers.Set("C3", "x"); err == nil {
		t.Error("answered an unknown challenge")
	}
	if err := answers.Set("C2", "z"); err == nil {
		t.Error("answered with an unknown option")
	}
	if err := answers.Set("C2", "B"); err != nil {
		t.Fatal(err)
	}
	req, err := answers.Request()
	if err != nil {
		t.Fatal(err)
	}
	if len(req.Challenges) != 2 || req.Challenges[0] != (ChallengeAnswer{GUID: "C1", Value: "one"}) || req.Challenges[1] != (ChallengeAnswer{GUID: "C2", Value: "b"}) {
		t.Errorf("%+v", req)
	}
	if _, err := NewMFAAnswers(nil).Request(); !errors.Is(err, ErrUnansweredChallenges) {
		t.Errorf("no challenges: %v", err)
	}
}

func TestAnswerChallengesSendsNothingIncomplete(t *testing.T) {
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		w.WriteHeader(202)
		_, _ = w.Write(readFixture(t, "resumeAggregation", "202.json"))
	}))
	defer srv.Close()
	a := newTestAPI(t, srv.URL)
	answers := NewMFAAnswers([]Challenge{textChallenge("C1", "Q1"), textChallenge("C2", "Q2")})
	_ = answers.Set("C1", "x")
	if _, err := a.AnswerChallenges(context.Background(), docUser, docMember, answers); !errors.Is(err, ErrUnansweredChallenges) || len(bodies) != 0 {
		t.Fatalf("%v, %d requests", err, len(bodies))
	}
	_ = answers.Set("C2", "y")
	r, err := a.AnswerChallenges(context.Background(), docUser, docMember, answers)
	if err != nil || r.Outcome != JobAlreadyRunning {
		t.Fatal(r, err)
	}
	var sent struct {
		Member MemberResumeRequest `json:"member"`
	}
	if err := json.Unmarshal([]byte(bodies[0]), &sent); err != nil || len(sent.Member.Challenges) != 2 {
		t.Fatalf("%s %v", bodies[0], err)
	}
}

// TestAnswersWhoseAnswerWasLost: the resume is applied but its answer lost (the connection
// closes). The answers are not sent again: the wait goes on to the member's status, which says
// they were taken. A real 400, at once or after a 429 that applied nothing, is an error.
func TestAnswersWhoseAnswerWasLost(t *testing.T) {
	recordSleeps(t)
	var resumes int
	var first http.HandlerFunc
	m := &memberScript{statuses: []MemberStatus{memberState(ConnectionStatusConnected, false, "x")}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/resume") {
			resumes++
			if resumes == 1 && first != nil {
				first(w, r)
				return
			}
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error": {"message": "Member is not challenged."}}`))
			return
		}
		m.ServeHTTP(w, r)
	}))
	defer srv.Close()
	a := newTestAPI(t, srv.URL, fastRetries(nil))
	answers := NewMFAAnswers([]Challenge{textChallenge("C1", "Q")})
	_ = answers.Set("C1", "blue")

	first = reset // applied, but the answer never arrives
	r, err := a.AnswerChallengesAndWait(context.Background(), docUser, docMember, answers, nil)
	if err != nil || r.Info().Status != ConnectionStatusConnected || resumes != 1 || r.Job != 0 {
		t.Fatalf("%+v, %v after %d resumes", r, err, resumes)
	}

	for name, h := range map[string]http.HandlerFunc{"at once": nil, "after a 429": status(http.StatusTooManyRequests, "Retry-After", "0")} {
		resumes, first = 0, h
		if _, err := a.AnswerChallengesAndWait(context.Background(), docUser, docMember, answers, nil); !errors.Is(err, ErrBadRequest) || errors.Is(err, ErrOutcomeUnknown) {
			t.Errorf("a 400 %s: %v", name, err)
		}
	}
}
