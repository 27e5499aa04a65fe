package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/mxsdk/mx-go/gen/internal/genutil"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// shape is what the transformation learns of a spec's schemas.
type shape struct {
	wrappers     map[string]bool // bodies MX wraps a resource in: {"user": {...}}, pages
	requestSide  map[string]bool // schemas reachable from a request body
	responseSide map[string]bool // schemas reachable from an answer
}

// forUsers rewrites doc into what a client package users import is generated from: the models
// they read and build, and the request builders the methods use, without the plumbing a user
// never touches. Header parameters go (the call options set headers, once each), and so do the
// shared parameters, the wrappers of bodies and answers (methods take and return what they
// wrap), and answers' content; so do the error answers' schemas, unless keepErrors (a package
// that decodes its errors into them). The models read from answers then take the shapes of
// readable. core qualifies the types of package mxplatform ("" within it).
func forUsers(doc *openapi3.T, core string, keepErrors bool) (*shape, error) {
	s := &shape{wrappers: map[string]bool{}, requestSide: map[string]bool{}, responseSide: map[string]bool{}}
	var requestRoots, responseRoots, errorRoots []*openapi3.SchemaRef
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			if n, ok := op.Extensions["x-go-name"].(string); ok {
				// MX's id is misspelled or unclear: the params and builder take the Go name.
				op.OperationID = genutil.LowerFirst(n)
			}
			var params openapi3.Parameters
			for _, p := range op.Parameters {
				if p.Value.In == openapi3.ParameterInHeader {
					continue
				}
				params = append(params, &openapi3.ParameterRef{Value: p.Value})
			}
			op.Parameters = params
			if rb := op.RequestBody; rb != nil {
				for media, mt := range rb.Value.Content {
					if isJSON(media) && mt.Schema != nil && mt.Schema.Ref != "" {
						if genutil.WrapsRequest(mt.Schema.Value) {
							s.wrappers[genutil.RefName(mt.Schema)] = true
						}
						requestRoots = append(requestRoots, mt.Schema)
					}
				}
				// The builders take the encoded body: no body type is generated.
				op.RequestBody = &openapi3.RequestBodyRef{Value: &openapi3.RequestBody{
					Required: rb.Value.Required,
					Content:  openapi3.Content{"application/octet-stream": &openapi3.MediaType{}},
				}}
			}
			answers := openapi3.NewResponses()
			answers.Delete("default")
			for code, r := range op.Responses.Map() {
				if !strings.HasPrefix(code, "2") {
					for _, mt := range r.Value.Content {
						errorRoots = append(errorRoots, mt.Schema)
					}
					continue
				}
				for _, mt := range r.Value.Content {
					if mt.Schema != nil && mt.Schema.Ref != "" {
						if wraps(mt.Schema.Value) {
							s.wrappers[genutil.RefName(mt.Schema)] = true
						}
						responseRoots = append(responseRoots, mt.Schema)
					}
				}
				desc := r.Value.Description
				answers.Set(code, &openapi3.ResponseRef{Value: &openapi3.Response{Description: desc}})
			}
			op.Responses = answers
		}
	}
	doc.Components.Parameters = nil
	doc.Components.Responses = nil
	doc.Components.RequestBodies = nil

	for _, r := range requestRoots {
		reach(doc, r, s.requestSide)
	}
	for _, r := range responseRoots {
		reach(doc, r, s.responseSide)
	}
	// The error bodies go too: the SDK's error types carry errors.
	errorSide := map[string]bool{}
	for _, r := range errorRoots {
		reach(doc, r, errorSide)
	}
	for name := range errorSide {
		if keepErrors {
			s.responseSide[name] = true
		} else if !s.requestSide[name] && !s.responseSide[name] {
			delete(doc.Components.Schemas, name)
		}
	}
	// Wrappers go, unless another schema refers to them.
	referenced := map[string]bool{}
	for name, sch := range doc.Components.Schemas {
		if s.wrappers[name] {
			continue
		}
		walk(sch, func(ref string) { referenced[ref] = true })
	}
	for name := range s.wrappers {
		if referenced[name] {
			delete(s.wrappers, name)
			continue
		}
		delete(doc.Components.Schemas, name)
	}

	readable(doc, s, core)
	return s, nil
}

// wraps reports whether an answer's schema is MX's wrapping of what it answers (a resource
// under one key, a page, a piece of text under one key), which the methods unwrap, rather than
// the answer itself: an object of plain fields answered bare is a model.
func wraps(v *openapi3.Schema) bool {
	if len(v.AllOf) > 0 || len(v.Properties) == 1 {
		return true
	}
	for _, p := range v.Properties {
		if p.Ref == "" && !p.Value.Type.Is("array") {
			return false
		}
	}
	return true
}

// isJSON reports whether a media type is JSON: application/json or a vendor type ending in
// +json.
func isJSON(media string) bool {
	return media == "application/json" || strings.HasSuffix(media, "+json")
}

// forReaders is forUsers for a document whose bodies a package receives (webhooks, widget
// events): every schema is read, and the operations, which the package does not send, go.
func forReaders(doc *openapi3.T, core string) *shape {
	s := &shape{wrappers: map[string]bool{}, requestSide: map[string]bool{}, responseSide: map[string]bool{}}
	for name := range doc.Components.Schemas {
		s.responseSide[name] = true
	}
	// The package receives the requests: no type is generated of their operations.
	doc.Paths = openapi3.NewPaths()
	readable(doc, s, core)
	return s
}

// readable gives the optional fields of the models only read (s.responseSide and not
// s.requestSide) the shapes that need no pointer: a value when MX's null and the zero value
// mean the same to a reader (strings, identifiers, enums, times), an Optional for a scalar
// whose absence matters (booleans, numbers, money). Objects stay pointers, with getters.
func readable(doc *openapi3.T, s *shape, core string) {
	// Optional arrays, read or sent, are left out of JSON when nil only: an empty array MX
	// sends, or the caller sets, stays an empty array.
	for _, sch := range doc.Components.Schemas {
		for prop, p := range sch.Value.Properties {
			if p.Ref == "" && p.Value.Type.Is("array") && !slices.Contains(sch.Value.Required, prop) {
				v := *p.Value
				v.Extensions = map[string]any{"x-omitempty": false, "x-omitzero": true}
				for k, e := range p.Value.Extensions {
					v.Extensions[k] = e
				}
				sch.Value.Properties[prop] = &openapi3.SchemaRef{Value: &v}
			}
		}
	}
	for name, sch := range doc.Components.Schemas {
		if !s.responseSide[name] || s.requestSide[name] {
			continue
		}
		for prop, p := range sch.Value.Properties {
			if slices.Contains(sch.Value.Required, prop) {
				continue
			}
			if readsAsValue(p) {
				sch.Value.Properties[prop] = valueField(p, "", "")
			} else if t := optionalOf(p, core); t != "" {
				sch.Value.Properties[prop] = valueField(p, t, core)
			}
		}
	}
}

// coreImport is the import of package mxplatform, for types qualified with core.
const coreImport = "github.com/mxsdk/mx-go/mxplatform"

// optionalOf returns the Optional type that holds an optional scalar in place of a pointer (a
// boolean, an integer, a number or an amount), so that decoding it allocates nothing and its
// absence stays distinct from its zero value; "" for any other field. core qualifies the types
// of the package that defines Optional and Decimal ("" within it).
func optionalOf(p *openapi3.SchemaRef, core string) string {
	v := p.Value
	if p.Ref != "" {
		// A named scalar (an integer enum, say): an Optional of its type.
		if v.Type.Is("boolean") || v.Type.Is("integer") || v.Type.Is("number") {
			return core + "Optional[" + codegen.SchemaNameToTypeName(genutil.RefName(p)) + "]"
		}
		return ""
	}
	if len(v.AllOf) > 0 || v.Extensions["x-go-type"] != nil {
		return ""
	}
	var elem string
	switch {
	case v.Type.Is("boolean"):
		elem = "bool"
	case v.Type.Is("integer") && (v.Format == "int64" || v.Format == "int32"):
		elem = v.Format
	case v.Type.Is("integer"):
		elem = "int"
	case v.Type.Is("number") && v.Format == "decimal":
		elem = core + "Decimal"
	case v.Type.Is("number"):
		elem = "float64"
	default:
		return ""
	}
	return core + "Optional[" + elem + "]"
}

// readsAsValue reports whether an optional field reads the same when absent as when zero:
// strings of any kind (text, identifiers, enums, times). A boolean does not: MX's null often
// means "unknown" (is_international), and false must encode back as false.
func readsAsValue(p *openapi3.SchemaRef) bool {
	v := p.Value
	if len(v.AllOf) == 1 {
		v = v.AllOf[0].Value
	}
	return v.Type.Is("string")
}

// valueField returns the property p as a field without pointer, of type goType when it is not
// "" (imported from package mxplatform when core qualifies it). A reference is wrapped, so that
// the shared schema it names is left as it is. The field is tagged omitzero: left out of JSON
// when absent.
func valueField(p *openapi3.SchemaRef, goType, core string) *openapi3.SchemaRef {
	ext := map[string]any{"x-go-type-skip-optional-pointer": true, "x-omitzero": true}
	if p.Ref != "" && goType != "" {
		// The type named replaces the reference.
		v := &openapi3.Schema{Type: p.Value.Type, Nullable: p.Value.Nullable, Description: p.Value.Description, Extensions: ext}
		v.Extensions["x-go-type"] = goType
		if core != "" {
			v.Extensions["x-go-type-import"] = map[string]any{"path": coreImport}
		}
		return &openapi3.SchemaRef{Value: v}
	}
	if p.Ref != "" {
		return &openapi3.SchemaRef{Value: &openapi3.Schema{
			AllOf:       openapi3.SchemaRefs{p},
			Nullable:    p.Value.Nullable,
			Description: p.Value.Description,
			Extensions:  ext,
		}}
	}
	v := *p.Value
	v.Extensions = map[string]any{}
	for k, e := range p.Value.Extensions {
		v.Extensions[k] = e
	}
	for k, e := range ext {
		v.Extensions[k] = e
	}
	if goType != "" {
		v.Extensions["x-go-type"] = goType
		if core != "" {
			v.Extensions["x-go-type-import"] = map[string]any{"path": coreImport}
		}
	}
	return &openapi3.SchemaRef{Value: &v}
}

// reach adds to seen the component schemas reachable from r.
func reach(doc *openapi3.T, r *openapi3.SchemaRef, seen map[string]bool) {
	walk(r, func(ref string) {
		if seen[ref] {
			return
		}
		seen[ref] = true
		if sch := doc.Components.Schemas[ref]; sch != nil {
			reach(doc, sch, seen)
		}
	})
	if r.Ref != "" {
		seen[genutil.RefName(r)] = true
	}
}

// walk calls f with the name of every component schema r refers to, directly or through its
// properties, items and compositions (not through the schemas it names).
func walk(r *openapi3.SchemaRef, f func(name string)) {
	if r == nil {
		return
	}
	if r.Ref != "" {
		f(genutil.RefName(r))
		return
	}
	v := r.Value
	if v == nil {
		return
	}
	for _, p := range v.Properties {
		walk(p, f)
	}
	walk(v.Items, f)
	for _, list := range []openapi3.SchemaRefs{v.AllOf, v.OneOf, v.AnyOf} {
		for _, x := range list {
			walk(x, f)
		}
	}
	if v.AdditionalProperties.Schema != nil {
		walk(v.AdditionalProperties.Schema, f)
	}
}

// forServer rewrites doc into what the fake's strict server is generated from: every schema the
// version's package has is taken from it (pkg, imported from importPath), and every identifier
// and time type from package mxplatform, so that the fake and the SDK share one set of models;
// the rest (the wrappers, the parameters) is the server's own.
func forServer(doc *openapi3.T, public map[string]string, pkg, importPath string) error {
	imp := map[string]any{"path": importPath, "name": pkg}
	core := map[string]any{"path": coreImport}
	if importPath == coreImport {
		// The current version's package is the core: one import, which oapi-codegen would
		// otherwise write twice (once named, once not).
		imp = core
	}
	qualify := func(r *openapi3.SchemaRef) {
		if r == nil || r.Value == nil || r.Ref != "" {
			return
		}
		// A path parameter that takes several kinds of identifier (a UserIdentifier is a UserGUID
		// or a UserID) is an interface the server cannot bind text to: the server reads the text
		// and resolves it itself.
		if t, ok := r.Value.Extensions["x-go-type"].(string); ok && isIdentifierInterface(t) {
			r.Value.Extensions["x-go-type"] = "string"
			delete(r.Value.Extensions, "x-go-type-import")
			return
		}
		// Identifiers and times are types of package mxplatform, whatever the version.
		if t, ok := r.Value.Extensions["x-go-type"].(string); ok && isIdentifier(t) && !builtin[t] {
			r.Value.Extensions["x-go-type"] = coreName + "." + t
			r.Value.Extensions["x-go-type-import"] = core
		}
	}
	walk := genutil.NewSchemaWalk(qualify)
	for name, sch := range doc.Components.Schemas {
		goName, ok := public[name]
		if !ok {
			walk.Visit(sch)
			continue
		}
		// The whole schema is the public type: an alias to it.
		sch.Value = &openapi3.Schema{Type: sch.Value.Type, Extensions: map[string]any{
			"x-go-type":        pkg + "." + goName,
			"x-go-type-import": imp,
		}}
		walk.Skip(sch.Value)
	}
	walk.Parameters(doc)
	if len(public) == 0 {
		return fmt.Errorf("no public schema")
	}
	return nil
}

// builtin are the Go types an x-go-type may name that no package qualifies.
var builtin = map[string]bool{"string": true, "int": true, "int64": true, "bool": true, "float64": true, "any": true}

// isIdentifier reports whether t is a bare Go identifier (not already qualified, not a slice).
func isIdentifier(t string) bool {
	if t == "" {
		return false
	}
	for _, c := range t {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// plain removes every x-go-type of doc's schemas: their fields become the plain types of JSON.
func plain(doc *openapi3.T) {
	genutil.NewSchemaWalk(func(r *openapi3.SchemaRef) { delete(r.Value.Extensions, "x-go-type") }).Document(doc)
}
