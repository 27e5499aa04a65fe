package main

import (
	"fmt"
	"math"

	"github.com/itchyny/gojq"
)

// --jq filters what a command prints with a jq expression, run in process by gojq (no jq
// binary needed). The expression takes the tree the command would print (a list's records as
// an array) and each of its results is printed: with -o json, one result a line, text without
// quotes (as jq -r, made printable), anything else as JSON; with the other formats, the
// result, or the list of results when there are several, in that format. Numbers passed
// through keep their exact text (an amount stays 6893.20); numbers jq computes (add, *) are
// jq's floating point numbers.

// compileJQ compiles the expression of --jq; a mistake in it is a usage error that names the
// flag. Functions that read the environment or files are not offered.
func compileJQ(expr string) (*gojq.Code, error) {
	q, err := gojq.Parse(expr)
	if err != nil {
		return nil, usageError{fmt.Errorf("--jq: %w", err)}
	}
	code, err := gojq.Compile(q, gojq.WithEnvironLoader(func() []string { return nil }))
	if err != nil {
		return nil, usageError{fmt.Errorf("--jq: %w", err)}
	}
	return code, nil
}

// runJQ runs --jq on a tree and returns its results as trees.
func (a *app) runJQ(x any) ([]any, error) {
	code, err := compileJQ(a.global.jq)
	if err != nil {
		return nil, err
	}
	var out []any
	iter := code.Run(x)
	for {
		v, ok := iter.Next()
		if !ok {
			return out, nil
		}
		if err, isErr := v.(error); isErr {
			if h, halted := err.(*gojq.HaltError); halted && h.Value() == nil {
				return out, nil
			}
			return nil, fmt.Errorf("--jq: %w", err)
		}
		out = append(out, finite(v))
	}
}

// finite replaces the numbers JSON cannot hold (NaN, infinities) with null, as jq prints them.
func finite(v any) any {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
	case []any:
		for i, e := range x {
			x[i] = finite(e)
		}
	case map[string]any:
		for k, e := range x {
			x[k] = finite(e)
		}
	}
	return v
}
