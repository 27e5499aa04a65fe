package main

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// The help of the generated commands comes from the specs, whose summaries and descriptions
// are written for people, with a few habits of API references that a command line's help
// should not keep: field names in backquotes, operation IDs, and booleans described by what
// false does. The functions here rewrite those.

// quoted finds a backquoted word or phrase.
var quoted = regexp.MustCompile("`([^`]*)`")

// forPeople rewrites a text of the help of c: a backquoted field that is a flag of the
// command becomes the flag (--from), other backquotes go, and an operation ID becomes the
// command that runs it ('mx accounts update').
func forPeople(s string, c *command, byID map[string]*command) string {
	flags := map[string]string{}
	for _, vr := range c.Variants {
		for _, f := range vr.Flags {
			if f.Key != "" {
				flags[f.Key] = f.Name
			}
		}
	}
	s = quoted.ReplaceAllStringFunc(s, func(m string) string {
		inner := m[1 : len(m)-1]
		if name, ok := flags[inner]; ok {
			return "--" + name
		}
		return inner
	})
	s = strings.ReplaceAll(s, "`", "")
	return operationIDs.ReplaceAllStringFunc(s, func(id string) string {
		if o, ok := byID[id]; ok {
			return fmt.Sprintf("'mx %s %s'", o.Group, o.Name)
		}
		return id
	})
}

// operationIDs finds the words that may be operation IDs: a lower-case word with an upper-case
// letter inside (createManualAccount); forPeople replaces those that are.
var operationIDs = regexp.MustCompile(`\b[a-z]+[A-Z][A-Za-z0-9]*\b`)

// positive describes a boolean flag by what giving it does: the specs often say what false
// does ("When false, transactions are not gathered"), or "When true, ..." before what the
// flag does. booleanUsages words the flags the rules below cannot.
func positive(name, usage string) string {
	if u, ok := booleanUsages[usage]; ok {
		return strings.ReplaceAll(u, "=false", "--"+name+"=false")
	}
	for _, prefix := range []string{"When true, ", "If true, ", "When given, "} {
		if rest, ok := strings.CutPrefix(usage, prefix); ok {
			return upperFirst(rest)
		}
	}
	return usage
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// amountFields collects the names of the members that the specs type as decimals (amounts,
// balances, rates, quantities), which cmd/mx prints with their scale. A name typed as a
// decimal in one schema and as another number in another would be printed wrongly in one of
// them: it is refused.
func amountFields(docs []*openapi3.T) ([]string, error) {
	decimal, other := map[string]bool{}, map[string]string{}
	var walk func(name string, ref *openapi3.SchemaRef, seen map[*openapi3.Schema]bool)
	walk = func(name string, ref *openapi3.SchemaRef, seen map[*openapi3.Schema]bool) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		seen[ref.Value] = true
		s := ref.Value
		switch {
		case name == "":
		case s.Format == "decimal":
			decimal[name] = true
		case s.Type != nil && (s.Type.Is("integer") || s.Type.Is("number")):
			other[name] = s.Type.Slice()[0]
		}
		for k, p := range s.Properties {
			walk(k, p, seen)
		}
		for _, list := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
			for _, x := range list {
				walk(name, x, seen)
			}
		}
		if s.Items != nil {
			walk(name, s.Items, seen)
		}
	}
	for _, doc := range docs {
		for _, ref := range doc.Components.Schemas {
			walk("", ref, map[*openapi3.Schema]bool{})
		}
	}
	var names []string
	for name := range decimal {
		if t, ok := other[name]; ok {
			return nil, fmt.Errorf("%s is a decimal in one schema and an %s in another", name, t)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}
