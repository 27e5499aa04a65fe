package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestHelpIsWrittenForPeople fails when the help of any command cites an operation ID, holds
// a backquote (the specs' formatting), describes a boolean flag by what true or false does
// instead of what giving it does, or has no example.
func TestHelpIsWrittenForPeople(t *testing.T) {
	root := newRootCmd(&app{})
	var all []*cobra.Command
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() == "help" || c.Name() == "completion" {
			return
		}
		all = append(all, c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	var ids []string
	for _, c := range all {
		if id := c.Annotations[annotationOperation]; id != "" {
			ids = append(ids, id)
		}
	}
	if len(ids) < len(specOperations(t, apiV20250224)) {
		t.Fatalf("%d operation commands", len(ids))
	}
	cites := regexp.MustCompile(`\b(` + strings.Join(ids, "|") + `)\b`)
	for _, c := range all {
		path := c.CommandPath()
		texts := map[string]string{"summary": c.Short, "help": c.Long, "example": c.Example}
		c.Flags().VisitAll(func(f *pflag.Flag) {
			texts["--"+f.Name] = f.Usage
			if f.Value.Type() == "bool" && regexp.MustCompile(`^(When|If) (true|false)\b`).MatchString(f.Usage) {
				t.Errorf("%s --%s is described by a value: %q", path, f.Name, f.Usage)
			}
		})
		for what, text := range texts {
			if strings.Contains(text, "`") {
				t.Errorf("%s: the %s holds a backquote: %q", path, what, text)
			}
			if id := cites.FindString(text); id != "" {
				t.Errorf("%s: the %s cites the operation ID %s", path, what, id)
			}
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s has no example", path)
		}
		if c.Short == "" {
			t.Errorf("%s has no summary", path)
		}
		for _, line := range strings.Split(c.Example, "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.Contains(line, "mx ") {
				t.Errorf("%s: example line %q runs no mx command", path, line)
			}
		}
	}
}
