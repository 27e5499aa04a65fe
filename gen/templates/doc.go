// Package templates holds the oapi-codegen templates that replace built-in ones of the pinned
// generator (output-options.user-templates in gen/*/cfg.yaml). Each is a copy of the built-in
// template with a small edit, which templates_test.go lists and checks against the generator
// that go.mod pins:
//
//   - imports.tmpl, the file header, has no package comment: oapi-codegen's ("Package x
//     provides primitives to interact with the openapi HTTP API.") would otherwise join the
//     doc.go of every generated package. The "Code generated ... DO NOT EDIT." line stays,
//     apart from the package clause.
//   - client.tmpl describes the Server field of the generated Client without the
//     api.deepmap.com example URLs.
//
// Nothing imports this package; its tests also check that no generated package's
// documentation carries that boilerplate.
package templates
