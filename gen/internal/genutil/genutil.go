// Package genutil holds what the generator programs of gen/ share: the Go names oapi-codegen
// gives spec names, schema references, sorted keys, JSON blocks of the references, and writing
// formatted Go source.
package genutil

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// initialisms are the words oapi-codegen's ToCamelCaseWithInitialisms (with our additional
// initialisms) writes in capitals, or in its own way.
var initialisms = map[string]string{"guid": "GUID", "id": "ID", "url": "URL", "uri": "URI", "oauth": "OAuth", "ui": "UI", "iso": "ISO", "app2app": "App2App"}

// GoName turns a snake_case spec name into the Go name oapi-codegen gives it (user_guid:
// UserGUID). A trailing [] (an array query parameter) is dropped.
func GoName(s string) string {
	var b strings.Builder
	for _, part := range strings.Split(strings.TrimSuffix(s, "[]"), "_") {
		if v, ok := initialisms[part]; ok {
			b.WriteString(v)
		} else if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// LowerFirst turns a Go name into a local variable name (UserGUID: userGUID, GUID: guid).
func LowerFirst(s string) string {
	for _, p := range []string{"GUID", "URL"} {
		if strings.HasPrefix(s, p) {
			return strings.ToLower(p) + s[len(p):]
		}
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// RefName returns the component name a schema reference points at.
func RefName(s *openapi3.SchemaRef) string { return s.Ref[strings.LastIndex(s.Ref, "/")+1:] }

// SortedKeys returns the keys of m in order.
func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// WriteGo formats Go source and writes it to path.
func WriteGo(path string, src []byte) error {
	formatted, err := format.Source(src)
	if err != nil {
		return fmt.Errorf("formatting %s: %w\n%s", path, err, src)
	}
	return os.WriteFile(path, formatted, 0o644)
}

// BraceDelta counts { and [ minus } and ] outside of JSON strings, to find where a JSON block
// of a reference ends.
func BraceDelta(s string) int {
	d, inString, escaped := 0, false, false
	for _, r := range s {
		switch {
		case escaped:
			escaped = false
		case r == '\\' && inString:
			escaped = true
		case r == '"':
			inString = !inString
		case inString:
		case r == '{' || r == '[':
			d++
		case r == '}' || r == ']':
			d--
		}
	}
	return d
}

// IndentJSON re-indents JSON with two spaces, keeping key order and number spelling, and ends
// it with a newline.
func IndentJSON(b []byte) []byte {
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, "", "  "); err != nil {
		return b
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

// retryValues maps the values of an operation's x-mx-retry to the mxplatform.Repeat constant
// each stands for.
var retryValues = map[string]string{
	"never":          "RepeatNever",
	"if-not-applied": "RepeatIfNotApplied",
	"always":         "RepeatAlways",
}

// Repeat returns the name of the mxplatform.Repeat constant that the operation's x-mx-retry
// names, and the value itself. Every operation must say: when a failed attempt may be sent
// again is decided for each operation from what it does, never by default.
func Repeat(o *openapi3.Operation) (constant, value string, err error) {
	v, _ := o.Extensions["x-mx-retry"].(string)
	c, ok := retryValues[v]
	if !ok {
		return "", "", fmt.Errorf("x-mx-retry is %q; want one of never, if-not-applied, always", v)
	}
	return c, v, nil
}

// WrapsRequest reports whether a request body's schema is MX's wrapping of what the request
// sends (one member naming a resource or a list of them, beside options in an allOf), which the
// methods take unwrapped and the CLI builds from flags, rather than the body itself, a model
// sent flat. gen/platform and gen/cli share it so that a method and its command agree.
func WrapsRequest(v *openapi3.Schema) bool {
	if len(v.AllOf) > 0 {
		v = v.AllOf[0].Value
	}
	if len(v.Properties) != 1 {
		return false
	}
	for _, p := range v.Properties {
		return p.Ref != "" || p.Value.Type.Is("array")
	}
	return false
}

// SchemaWalk visits the schemas of a document and what they hold: properties, items, allOf,
// oneOf and anyOf. It calls its function once for each schema, with the first SchemaRef that
// holds the schema itself rather than a reference to it (a component is reached through
// references from other components, and in its own right), so that rewriting one schema
// through its function never depends on the order of the walk.
type SchemaWalk struct {
	fn            func(*openapi3.SchemaRef)
	seen, applied map[*openapi3.Schema]bool
}

// NewSchemaWalk returns a walk that calls fn as SchemaWalk says.
func NewSchemaWalk(fn func(*openapi3.SchemaRef)) *SchemaWalk {
	return &SchemaWalk{fn: fn, seen: map[*openapi3.Schema]bool{}, applied: map[*openapi3.Schema]bool{}}
}

// Skip keeps the walk out of s and what it holds.
func (w *SchemaWalk) Skip(s *openapi3.Schema) { w.seen[s], w.applied[s] = true, true }

// Visit walks r and what it holds.
func (w *SchemaWalk) Visit(r *openapi3.SchemaRef) {
	if r == nil || r.Value == nil {
		return
	}
	if r.Ref == "" && !w.applied[r.Value] {
		w.applied[r.Value] = true
		w.fn(r)
	}
	if w.seen[r.Value] {
		return
	}
	w.seen[r.Value] = true
	for _, p := range r.Value.Properties {
		w.Visit(p)
	}
	w.Visit(r.Value.Items)
	for _, list := range []openapi3.SchemaRefs{r.Value.AllOf, r.Value.OneOf, r.Value.AnyOf} {
		for _, x := range list {
			w.Visit(x)
		}
	}
}

// Parameters walks the schemas of doc's component parameters and of its operations'
// parameters, in a fixed order.
func (w *SchemaWalk) Parameters(doc *openapi3.T) {
	for _, name := range SortedKeys(doc.Components.Parameters) {
		if p := doc.Components.Parameters[name]; p.Value != nil {
			w.Visit(p.Value.Schema)
		}
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, o := range doc.Paths.Value(path).Operations() {
			for _, p := range o.Parameters {
				if p.Value != nil {
					w.Visit(p.Value.Schema)
				}
			}
		}
	}
}

// Document walks doc's component schemas, in the order of their names, and its parameters.
func (w *SchemaWalk) Document(doc *openapi3.T) {
	for _, name := range SortedKeys(doc.Components.Schemas) {
		w.Visit(doc.Components.Schemas[name])
	}
	w.Parameters(doc)
}
