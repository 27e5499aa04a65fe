package main

import (
	"strings"
	"testing"
)

// TestExpandFillsInTheSample: placeholders become the sample's values, JSON braces stay, and
// a name the sample lacks is an error naming it.
func TestExpandFillsInTheSample(t *testing.T) {
	names := map[string]string{"user": "USR-1", "tag": "TAG-2"}
	got, err := expand(`mx tags read --user {user} --tag {tag} --metadata '{"plan": "pro"}'`, names)
	if want := `mx tags read --user USR-1 --tag TAG-2 --metadata '{"plan": "pro"}'`; err != nil || got != want {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
	if _, err := expand("mx goals read --goal {goal}", names); err == nil || !strings.Contains(err.Error(), "{goal}") {
		t.Errorf("an unknown placeholder: %v", err)
	}
}

// TestEveryExampleNamesTheSample: every placeholder of the tables is a name of the sample.
func TestEveryExampleNamesTheSample(t *testing.T) {
	names, err := sampleNames()
	if err != nil {
		t.Fatal(err)
	}
	for id, p := range commands {
		if _, err := expand(p.example, names); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
}
