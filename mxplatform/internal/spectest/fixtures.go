package spectest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// Types maps a schema name to a new value of its Go type (a package's schemaTypes).
type Types map[string]func() any

// CheckFixtures checks every fixture of dir (dir/<operationId>/<file>) against the document:
// a request body (request*.json) against the operation's request body, an answer
// (<status>*.json, <status>*.pdf...) against the operation's answer with that status and
// media type. A JSON fixture must then decode strictly into the Go types of its schema (types;
// MX's one-key wrappers and pages are built around them) and encode back to the same JSON
// value. Every operation must have a fixture of each answer with a body it declares for 2xx,
// and of its request body.
func CheckFixtures(t *testing.T, doc *openapi3.T, dir string, types Types) {
	t.Helper()
	ops := Operations(doc)
	covered := map[string]bool{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		o, ok := ops[e.Name()]
		if !ok {
			t.Errorf("%s: no operation %s in the document", dir, e.Name())
			continue
		}
		files, err := os.ReadDir(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			name := filepath.Join(e.Name(), f.Name())
			t.Run(name, func(t *testing.T) {
				body, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				key, err := checkFixture(doc, o, f.Name(), body, types)
				if err != nil {
					t.Error(err)
				}
				covered[o.Op.OperationID+" "+key] = true
			})
		}
	}
	for id, o := range ops {
		if rb := o.Op.RequestBody; rb != nil && !covered[id+" request"] {
			t.Errorf("%s: no fixture of the request body", id)
		}
		// Every shape of success answer: a status whose answer has the schema of another
		// status's (202 and 200 of a job) is covered by that one's fixture.
		shapes := map[string]bool{}
		for code, r := range o.Op.Responses.Map() {
			if covered[id+" "+code] {
				shapes[shapeName(r.Value)] = true
			}
		}
		for code, r := range o.Op.Responses.Map() {
			if strings.HasPrefix(code, "2") && len(r.Value.Content) > 0 && !shapes[shapeName(r.Value)] {
				t.Errorf("%s: no fixture of the %s answer", id, code)
			}
		}
	}
}

// shapeName names the shape of an answer: its media type and the schema it names.
func shapeName(r *openapi3.Response) string {
	media, mt := onlyContent(r.Content)
	if mt == nil || mt.Schema == nil {
		return media
	}
	return media + " " + mt.Schema.Ref
}

// checkFixture checks one fixture of o named file and returns what it is a fixture of:
// "request" or the status.
func checkFixture(doc *openapi3.T, o Operation, file string, body []byte, types Types) (string, error) {
	base, _, _ := strings.Cut(file, ".")
	ext := filepath.Ext(file)
	if strings.HasPrefix(base, "request") {
		rb := o.Op.RequestBody
		if rb == nil {
			return "request", fmt.Errorf("%s takes no request body", o.Op.OperationID)
		}
		media, mt := onlyContent(rb.Value.Content)
		if err := RequestBodyError(o, media, body); err != nil {
			return "request", fmt.Errorf("does not validate: %w", err)
		}
		return "request", strictly(doc, mt.Schema, body, types)
	}
	status, err := strconv.Atoi(base)
	if err != nil {
		return base, fmt.Errorf("a fixture is request*.json or <status>*.<ext>, not %s", file)
	}
	r := o.Op.Responses.Status(status)
	if r == nil {
		return base, fmt.Errorf("%s declares no %d answer", o.Op.OperationID, status)
	}
	media, mt := onlyContent(r.Value.Content)
	if media == "" {
		return base, fmt.Errorf("the %d answer of %s has no body", status, o.Op.OperationID)
	}
	if err := ResponseError(o, status, map[string][]string{"Content-Type": {media}}, body); err != nil {
		return base, fmt.Errorf("does not validate: %w", err)
	}
	if status >= 300 {
		// An error answer: the SDK's error types read it, not a model.
		return base, nil
	}
	if ext != ".json" {
		if strings.HasSuffix(media, "pdf") && !isPDF(body) {
			return base, fmt.Errorf("the %s answer is not a PDF document", media)
		}
		return base, nil
	}
	return base, strictly(doc, mt.Schema, body, types)
}

// isPDF reports whether body looks like a whole PDF document: its header and its end marker.
func isPDF(body []byte) bool {
	return bytes.HasPrefix(body, []byte("%PDF-")) && bytes.Contains(body[max(0, len(body)-1024):], []byte("%%EOF"))
}

// onlyContent returns the media type and its description of content, which has at most one.
func onlyContent(content openapi3.Content) (string, *openapi3.MediaType) {
	for media, mt := range content {
		return media, mt
	}
	return "", nil
}

// strictly decodes body strictly into the Go type of schema and requires it to encode back to
// the same JSON value.
func strictly(doc *openapi3.T, schema *openapi3.SchemaRef, body []byte, types Types) error {
	typ, err := goType(schema, types)
	if err != nil {
		return err
	}
	return RoundTripError(body, reflect.New(typ).Interface())
}

// goType returns the Go type a value of schema decodes into: the package's type of the schema
// it names, or a struct built around such types for MX's wrappers and pages.
func goType(r *openapi3.SchemaRef, types Types) (reflect.Type, error) {
	if r.Ref != "" {
		name := r.Ref[strings.LastIndexByte(r.Ref, '/')+1:]
		if f, ok := types[name]; ok {
			return reflect.TypeOf(f()).Elem(), nil
		}
	}
	v := r.Value
	switch {
	case v.Type.Is("string") && r.Ref == "":
		return reflect.TypeOf(""), nil
	case v.Type.Is("array"):
		item, err := goType(v.Items, types)
		if err != nil {
			return nil, err
		}
		return reflect.SliceOf(item), nil
	case len(v.AllOf) > 0:
		var fields []reflect.StructField
		for i, part := range v.AllOf {
			if part.Ref != "" {
				typ, err := goType(part, types)
				if err != nil {
					return nil, err
				}
				fields = append(fields, reflect.StructField{Name: typ.Name(), Type: typ, Anonymous: true})
				continue
			}
			more, err := structFields(part.Value, types, i)
			if err != nil {
				return nil, err
			}
			fields = append(fields, more...)
		}
		return reflect.StructOf(fields), nil
	case len(v.Properties) > 0:
		fields, err := structFields(v, types, 0)
		if err != nil {
			return nil, err
		}
		return reflect.StructOf(fields), nil
	}
	return nil, fmt.Errorf("no Go type for the schema %s", r.Ref)
}

// structFields returns a struct field for each property of v: a pointer to the Go type of a
// named schema, or the Go type of an array.
func structFields(v *openapi3.Schema, types Types, part int) ([]reflect.StructField, error) {
	var fields []reflect.StructField
	for i, key := range slices.Sorted(mapsKeys(v.Properties)) {
		typ, err := goType(v.Properties[key], types)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		if typ.Kind() != reflect.Slice {
			typ = reflect.PointerTo(typ)
		}
		fields = append(fields, reflect.StructField{
			Name: fmt.Sprintf("F%d_%d", part, i),
			Type: typ,
			Tag:  reflect.StructTag(fmt.Sprintf(`json:%q`, key+",omitempty")),
		})
	}
	return fields, nil
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
