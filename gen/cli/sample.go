package main

import (
	"fmt"
	"regexp"

	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// The examples of table.go name the records of the fake's sample data set (see
// mxplatformtest's Fake.LoadSample, which 'mx fake --sample' loads) by placeholders such as
// {user} and {tag}: the generator replaces each with the sample's GUID, so that every
// example runs as written against 'mx fake --sample', and follows the sample when it changes.

// placeholder finds a {name} of an example; JSON in examples ({"plan": ...}) does not match.
var placeholder = regexp.MustCompile(`\{([a-z0-9_]+)\}`)

// sampleNames loads the sample in a fake of its own and returns its names.
func sampleNames() (map[string]string, error) {
	f, err := mxplatformtest.NewFake(mxplatformtest.WithStepInterval(0))
	if err != nil {
		return nil, err
	}
	s, err := f.LoadSample()
	if err != nil {
		return nil, err
	}
	return s.Names(), nil
}

// expand replaces the placeholders of an example with the sample's GUIDs; an unknown name is
// an error.
func expand(example string, names map[string]string) (string, error) {
	var unknown error
	out := placeholder.ReplaceAllStringFunc(example, func(m string) string {
		name := m[1 : len(m)-1]
		v, ok := names[name]
		if !ok {
			unknown = fmt.Errorf("example %q: the sample has no %s", example, m)
			return m
		}
		return v
	})
	return out, unknown
}
