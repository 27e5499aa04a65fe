package main

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func docOf(t *testing.T, yaml string) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte("openapi: 3.0.3\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n" + yaml))
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestSharedSchemas: a schema of the older version is the current one's when it has the same
// shape (descriptions aside) and everything it refers to is shared; a value list when its
// values, with their Go names, are within the current list's; and only what the current
// package has a type for.
func TestSharedSchemas(t *testing.T) {
	old := docOf(t, `
    Same: {type: object, description: old words, properties: {a: {type: string}, b: {$ref: '#/components/schemas/Kind'}}}
    Kind: {type: string, enum: [X, Y], x-enum-varnames: [X, Y]}
    Renamed: {type: string, enum: [X], x-enum-varnames: [Old]}
    Differs: {type: object, properties: {a: {type: string, nullable: true}}}
    UsesDiffers: {type: object, properties: {d: {$ref: '#/components/schemas/Differs'}}}
    Gone: {type: object, properties: {a: {type: string}}}
    Dropped: {type: object, properties: {a: {type: string}}}
`)
	cur := docOf(t, `
    Same: {type: object, description: new words, properties: {a: {type: string}, b: {$ref: '#/components/schemas/Kind'}}}
    Kind: {type: string, enum: [X, Y, Z], x-enum-varnames: [X, Y, Z]}
    Renamed: {type: string, enum: [X, Z], x-enum-varnames: [New, Z]}
    Differs: {type: object, properties: {a: {type: string}}}
    UsesDiffers: {type: object, properties: {d: {$ref: '#/components/schemas/Differs'}}}
    Dropped: {type: object, properties: {a: {type: string}}}
`)
	got := sharedSchemas(old, cur, func(name string) bool { return name != "Dropped" })
	want := map[string]bool{"Same": true, "Kind": true}
	if len(got) != len(want) {
		t.Errorf("shared %v, want %v", got, want)
	}
	for name := range want {
		if !got[name] {
			t.Errorf("%s is not shared", name)
		}
	}
}
