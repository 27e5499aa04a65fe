package main

import (
	"encoding/json"
	"reflect"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/mxsdk/mx-go/gen/internal/genutil"
)

// sharedSchemas returns the schemas of an older version (old) that are the current version's
// (cur) as they are, so that the package of the older version takes the current version's Go
// type for each (an alias) and both versions, and the helpers written once for both, deal with
// one Challenge, one MemberStatus, one Member. A schema is shared when the current version's
// package has a type of it (available), with the same name and the same shape (descriptions and examples aside), and every schema it
// refers to is shared; a value list is also shared when its values are among the current
// list's, under the same Go names (the current type then holds every value of the older one).
func sharedSchemas(old, cur *openapi3.T, available func(name string) bool) map[string]bool {
	shared := map[string]bool{}
	for name, s := range old.Components.Schemas {
		c := cur.Components.Schemas[name]
		if c == nil || !available(name) {
			continue
		}
		if sameShape(s, c) || enumWithin(s.Value, c.Value) {
			shared[name] = true
		}
	}
	// Keep only the schemas whose references are all shared, until nothing changes.
	for changed := true; changed; {
		changed = false
		for name := range shared {
			walk(old.Components.Schemas[name], func(ref string) {
				if !shared[ref] && shared[name] {
					delete(shared, name)
					changed = true
				}
			})
		}
	}
	return shared
}

// sameShape reports whether two schemas are the same but for their descriptions and examples.
func sameShape(a, b *openapi3.SchemaRef) bool {
	return reflect.DeepEqual(shapeOf(a), shapeOf(b))
}

// shapeOf returns a schema as generic JSON without the texts meant for people.
func shapeOf(r *openapi3.SchemaRef) any {
	b, err := json.Marshal(r)
	if err != nil {
		panic(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		panic(err)
	}
	return strip(v)
}

func strip(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			switch k {
			case "description", "example", "examples", "title":
				continue
			}
			out[k] = strip(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = strip(e)
		}
		return out
	}
	return v
}

// enumWithin reports whether old is a value list of strings whose values (with their Go names)
// are all in cur's.
func enumWithin(old, cur *openapi3.Schema) bool {
	if len(old.Enum) == 0 || len(cur.Enum) == 0 || !old.Type.Is("string") || !cur.Type.Is("string") {
		return false
	}
	names := func(s *openapi3.Schema) map[any]any {
		out := map[any]any{}
		varnames, _ := s.Extensions["x-enum-varnames"].([]any)
		for i, v := range s.Enum {
			var n any
			if i < len(varnames) {
				n = varnames[i]
			}
			out[v] = n
		}
		return out
	}
	curNames := names(cur)
	for v, n := range names(old) {
		if cn, ok := curNames[v]; !ok || cn != n {
			return false
		}
	}
	return true
}

// aliasShared makes every shared schema of doc an alias of the current version's type.
func aliasShared(doc *openapi3.T, shared map[string]bool) {
	for _, name := range genutil.SortedKeys(doc.Components.Schemas) {
		if !shared[name] {
			continue
		}
		sch := doc.Components.Schemas[name]
		sch.Value = &openapi3.Schema{Type: sch.Value.Type, Description: sch.Value.Description, Extensions: map[string]any{
			"x-go-type":        coreName + "." + codegen.SchemaNameToTypeName(name),
			"x-go-type-import": map[string]any{"path": coreImport},
		}}
	}
}

// qualifyGoTypes qualifies with package mxplatform every x-go-type of doc that names a type of
// its own (an identifier, Timestamp, Date...): the package of an older version has none.
func qualifyGoTypes(doc *openapi3.T) {
	imp := map[string]any{"path": coreImport}
	visitGoTypes(doc, func(r *openapi3.SchemaRef) {
		if t, ok := r.Value.Extensions["x-go-type"].(string); ok && isIdentifier(t) && !builtin[t] {
			r.Value.Extensions["x-go-type"] = coreName + "." + t
			r.Value.Extensions["x-go-type-import"] = imp
		}
	})
}

// coreName is the name of package mxplatform, which holds the current version and the core.
const coreName = "mxplatform"

// visitGoTypes calls f once with every schema of doc (see genutil.SchemaWalk): the components'
// and their properties, items and compositions, and those of the parameters.
func visitGoTypes(doc *openapi3.T, f func(*openapi3.SchemaRef)) {
	genutil.NewSchemaWalk(f).Document(doc)
}
