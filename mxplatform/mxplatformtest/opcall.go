package mxplatformtest

import (
	"context"
	"errors"
	"net/url"
	"strconv"
)

// opCall is what the generated handlers do not pass on of a request: the operation the fake
// matched, its path parameters by the spec's names, its query, its body as sent, and the
// processor token it carried. Fake.finish puts it in the request's context before dispatching;
// the resource engine and the processor operations read it.
type opCall struct {
	route  *route
	params map[string]string
	query  url.Values
	body   []byte          // nil without one
	token  *processorToken // the bearer token of a processor operation, nil for the others
}

type opCallKey struct{}

// callOf returns the call of a handler's context.
func callOf(ctx context.Context) (*opCall, error) {
	if oc, ok := ctx.Value(opCallKey{}).(*opCall); ok {
		return oc, nil
	}
	return nil, errors.New("the request reached the operation without its call")
}

// queryInt returns an integer query parameter, nil when absent or not an integer (validation
// refuses those first).
func queryInt(q url.Values, name string) *int {
	s := q.Get(name)
	if s == "" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil
	}
	return &n
}
