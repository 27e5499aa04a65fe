// Command platform generates the Go code of the MX Platform API from its spec, api/platform-v20111101.yaml:
//
//   - models.gen.go, the models of the package users import and the unexported request builders
//     of its methods, by oapi-codegen from the spec rewritten for users (see forUsers);
//   - getters.gen.go, nil-safe getters of the models read from answers;
//   - operations.gen.go, one method of API per operation, which builds its request with its
//     builder, sends it through API.call (credentials, version, retries, typed errors, bounded
//     answers) and returns the resource the answer wraps (see writeOperations);
//   - the strict server interface of the fake (package mxplatformtest/internal/server), by
//     oapi-codegen from the spec rewritten so that it shares the models users import;
//   - the models of the decoding benchmarks' baseline (mxplatform/internal/baseline);
//
// and, from MX's other documents (the account webhook, the Connect widget events, Nexus and
// Moov), the models of their packages in the same shapes, with their getters and, for the
// clients, the unexported builders of their requests.
//
// Run from the repository root: go run ./gen/platform
package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/mxsdk/mx-go/gen/internal/genutil"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// target is one version of the API: its spec, the package generated from it and its fake.
type target struct {
	spec       string // the spec
	dir, pkg   string // the package users import: folder and name
	importPath string
	server     string // the folder of the fake's generated server
	embedded   string // the folder of the spec embedded for the fake's validation of requests
	baseline   string // the folder of the models the decoding benchmarks compare with, "" for none
	core       string // the qualifier of package mxplatform's types: "" for the current version
	// bearer is set for the package of the operations that authenticate with a bearer token
	// (the processor operations): it serves those alone, and the others serve the rest.
	bearer bool
}

// serves reports whether the target's package has a method for o: the operations that
// authenticate with a bearer token belong to the bearer target, the others to the rest.
func (t target) serves(o *openapi3.Operation) bool {
	return takesBearer(o) == t.bearer
}

// takesBearer reports whether o authenticates with a bearer token rather than the partner's
// basic credentials.
func takesBearer(o *openapi3.Operation) bool {
	return o.Security != nil && len(*o.Security) > 0 && !slicesContainsKey(*o.Security, "basicAuth")
}

// slicesContainsKey reports whether any requirement of reqs names the scheme.
func slicesContainsKey(reqs openapi3.SecurityRequirements, scheme string) bool {
	for _, r := range reqs {
		if _, ok := r[scheme]; ok {
			return true
		}
	}
	return false
}

// targets are the versions of the Platform API, the current one first: it is package
// mxplatform, with the core every version shares; each older version is a package of its own
// under it, built on that core.
var targets = []target{{
	spec:       "api/platform-v20250224.yaml",
	dir:        "mxplatform",
	pkg:        "mxplatform",
	importPath: "github.com/mxsdk/mx-go/mxplatform",
	server:     "mxplatform/mxplatformtest/internal/server/v20250224",
	embedded:   "mxplatform/internal/spec/v20250224",
	baseline:   "mxplatform/internal/baseline",
}, {
	spec:       "api/platform-v20111101.yaml",
	dir:        "mxplatform/v20111101",
	pkg:        "v20111101",
	importPath: "github.com/mxsdk/mx-go/mxplatform/v20111101",
	server:     "mxplatform/mxplatformtest/internal/server/v20111101",
	embedded:   "mxplatform/internal/spec/v20111101",
	core:       coreName + ".",
}, {
	spec:       "api/platform-v20250224.yaml",
	dir:        "mxplatform/processor",
	pkg:        "processor",
	importPath: "github.com/mxsdk/mx-go/mxplatform/processor",
	core:       coreName + ".",
	bearer:     true,
}}

func main() {
	var docs []*openapi3.T
	for _, t := range targets {
		if err := generate(t); err != nil {
			fmt.Fprintf(os.Stderr, "platform: %s: %v\n", t.spec, err)
			os.Exit(1)
		}
		doc, err := load(t.spec)
		if err != nil {
			fmt.Fprintf(os.Stderr, "platform: %v\n", err)
			os.Exit(1)
		}
		docs = append(docs, doc)
	}
	for _, t := range modelTargets {
		if err := generateModels(t); err != nil {
			fmt.Fprintf(os.Stderr, "platform: %s: %v\n", t.spec, err)
			os.Exit(1)
		}
	}
	// The identifiers of every version, in the package of the current one.
	if err := writeIDs(docs, targets[0].pkg, filepath.Join(targets[0].dir, "ids.gen.go")); err != nil {
		fmt.Fprintf(os.Stderr, "platform: identifiers: %v\n", err)
		os.Exit(1)
	}
}

// modelTarget is a package of models generated from one of MX's other documents: its models
// (and, for a client, the unexported builders of its requests) in the shapes of the Platform
// API's, with their getters.
type modelTarget struct {
	spec, dir, pkg string
	file           string // the models' file in dir
	client         bool   // the package sends the document's requests (see forUsers)
	keepErrors     bool   // the package decodes its errors into the spec's error schemas
}

var modelTargets = []modelTarget{
	{spec: "api/webhooks.yaml", dir: "mxplatform/webhook", pkg: "webhook", file: "webhook.gen.go"},
	{spec: "api/connect-events.yaml", dir: "mxplatform/connect", pkg: "connect", file: "events.gen.go"},
	{spec: "api/nexus.yaml", dir: "mxplatform/nexus", pkg: "nexus", file: "nexus.gen.go", client: true},
	{spec: "api/moov.yaml", dir: "mxplatform/moov", pkg: "moov", file: "moov.gen.go", client: true, keepErrors: true},
}

func generateModels(t modelTarget) error {
	doc, err := load(t.spec)
	if err != nil {
		return err
	}
	const core = "mxplatform."
	var s *shape
	if t.client {
		if s, err = forUsers(doc, core, t.keepErrors); err != nil {
			return err
		}
	} else {
		s = forReaders(doc, core)
	}
	decimal := &codegen.SimpleTypeSpec{Type: core + "Decimal", Import: coreImport}
	src, err := oapiGenerate(t.spec, doc, config(t.pkg, codegen.GenerateOptions{Models: true, Client: t.client}, decimal))
	if err != nil {
		return err
	}
	models := filepath.Join(t.dir, t.file)
	if err := os.WriteFile(models, []byte(src), 0o644); err != nil {
		return err
	}
	public := map[string]string{}
	for name := range doc.Components.Schemas {
		public[name] = codegen.SchemaNameToTypeName(name)
	}
	return writeGetters(t.spec, t.pkg, models, s, public, filepath.Join(t.dir, "getters.gen.go"))
}

func load(path string) (*openapi3.T, error) {
	return openapi3.NewLoader().LoadFromFile(path)
}

func generate(t target) error {
	// The models users read and build, and the builders of their requests. An older version
	// takes the current version's type for each schema they share; the bearer target, whose
	// operations are the current version's, takes every type it needs from it.
	doc, err := load(t.spec)
	if err != nil {
		return err
	}
	if t.bearer {
		if !keepServed(doc, t) {
			return nil // no operation of its own yet
		}
		prune(doc)
	}
	shared := map[string]bool{}
	decimal := (*codegen.SimpleTypeSpec)(nil)
	if t.core != "" {
		cur, err := load(targets[0].spec)
		if err != nil {
			return err
		}
		// Only what the current version's package has can be shared.
		kept, err := load(targets[0].spec)
		if err != nil {
			return err
		}
		if _, err := forUsers(kept, "", false); err != nil {
			return err
		}
		shared = sharedSchemas(doc, cur, func(name string) bool { return kept.Components.Schemas[name] != nil })
		aliasShared(doc, shared)
		decimal = &codegen.SimpleTypeSpec{Type: t.core + "Decimal", Import: coreImport}
	}
	s, err := forUsers(doc, t.core, false)
	if err != nil {
		return err
	}
	if t.core != "" {
		qualifyGoTypes(doc)
	}
	src, err := oapiGenerate(t.spec, doc, config(t.pkg, codegen.GenerateOptions{Models: true, Client: true}, decimal))
	if err != nil {
		return fmt.Errorf("models: %w", err)
	}
	models := filepath.Join(t.dir, "models.gen.go")
	if err := os.WriteFile(models, []byte(src), 0o644); err != nil {
		return err
	}
	// The Go name of each schema users see; the getters of a shared one are the current
	// version's.
	public, own := map[string]string{}, map[string]string{}
	for name := range doc.Components.Schemas {
		public[name] = codegen.SchemaNameToTypeName(name)
		if !shared[name] {
			own[name] = public[name]
		}
	}
	if err := writeGetters(t.spec, t.pkg, models, s, own, filepath.Join(t.dir, "getters.gen.go")); err != nil {
		return fmt.Errorf("getters: %w", err)
	}
	if err := writeSchemaTypes(t, public, filepath.Join(t.dir, "schemas_gen_test.go")); err != nil {
		return fmt.Errorf("schema types: %w", err)
	}

	// The methods, from the spec as written.
	doc, err = load(t.spec)
	if err != nil {
		return err
	}
	if err := writeOperations(t, doc, filepath.Join(t.dir, "operations.gen.go")); err != nil {
		return fmt.Errorf("operations: %w", err)
	}
	if err := writeHelpers(t, doc, filepath.Join(t.dir, "helpers.gen.go")); err != nil {
		return fmt.Errorf("helpers: %w", err)
	}

	if t.server == "" {
		return nil // the fake of its operations is the current version's
	}

	// The spec itself, embedded, for the fake's validation of requests.
	doc, err = load(t.spec)
	if err != nil {
		return err
	}
	src, err = oapiGenerate(t.spec, doc, config(filepath.Base(t.embedded), codegen.GenerateOptions{EmbeddedSpec: true}, nil))
	if err != nil {
		return fmt.Errorf("embedded spec: %w", err)
	}
	if err := writeFile(filepath.Join(t.embedded, "spec.gen.go"), src); err != nil {
		return err
	}

	// The fake's server, on the same models.
	doc, err = load(t.spec)
	if err != nil {
		return err
	}
	if err := forServer(doc, public, t.pkg, t.importPath); err != nil {
		return err
	}
	src, err = oapiGenerate(t.spec, doc, config(filepath.Base(t.server), codegen.GenerateOptions{Models: true, StdHTTPServer: true, Strict: true}, &codegen.SimpleTypeSpec{Type: coreName + ".Decimal", Import: coreImport}))
	if err != nil {
		return fmt.Errorf("server: %w", err)
	}
	if err := writeFile(filepath.Join(t.server, "server.gen.go"), src); err != nil {
		return err
	}
	if t.baseline == "" {
		return nil
	}

	// The baseline of the decoding benchmarks: the models as a generator writes them by
	// default, every optional field a pointer, text as strings and money as float64.
	doc, err = load(t.spec)
	if err != nil {
		return err
	}
	plain(doc)
	src, err = oapiGenerate(t.spec, doc, config("baseline", codegen.GenerateOptions{Models: true}, &codegen.SimpleTypeSpec{Type: "float64"}))
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	return writeFile(filepath.Join(t.baseline, "baseline.gen.go"), src)
}

// keepServed removes from doc the operations the target's package does not serve, and reports
// whether any is left.
func keepServed(doc *openapi3.T, t target) bool {
	left := false
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, o := range item.Operations() {
			if t.serves(o) {
				left = true
			} else {
				item.SetOperation(method, nil)
			}
		}
		if len(item.Operations()) == 0 {
			doc.Paths.Delete(path)
		}
	}
	return left
}

// prune removes from doc the schemas its operations do not reach.
func prune(doc *openapi3.T) {
	reached := map[string]bool{}
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, o := range doc.Paths.Value(path).Operations() {
			for _, p := range o.Parameters {
				reach(doc, p.Value.Schema, reached)
			}
			if o.RequestBody != nil {
				for _, mt := range o.RequestBody.Value.Content {
					reach(doc, mt.Schema, reached)
				}
			}
			for _, r := range o.Responses.Map() {
				for _, mt := range r.Value.Content {
					if mt.Schema != nil {
						reach(doc, mt.Schema, reached)
					}
				}
			}
		}
	}
	for name := range doc.Components.Schemas {
		if !reached[name] {
			delete(doc.Components.Schemas, name)
		}
	}
}

// writeSchemaTypes writes, for the package's tests, a value of the Go type of every schema the
// package has a type for, by schema name: the fixture tests decode each fixture strictly into
// the type its schema names.
func writeSchemaTypes(t target, public map[string]string, path string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "// Code generated by gen/platform from %s. DO NOT EDIT.\n\npackage %s\n\n", t.spec, t.pkg)
	b.WriteString("// schemaTypes returns a new value of the Go type of each schema of the spec, by name.\n")
	b.WriteString("var schemaTypes = map[string]func() any{\n")
	for _, name := range genutil.SortedKeys(public) {
		fmt.Fprintf(&b, "\t%q: func() any { return new(%s) },\n", name, public[name])
	}
	b.WriteString("}\n")
	return genutil.WriteGo(path, []byte(b.String()))
}

// writeFile writes a generated file, making its folder when needed.
func writeFile(path, src string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(src), 0o644)
}

// config is oapi-codegen's configuration of a package: the file header of gen/templates, the
// names and shapes of every package of this module, money as Decimal (decimal, or another type
// for a package that imports it).
func config(pkg string, gen codegen.GenerateOptions, decimal *codegen.SimpleTypeSpec) codegen.Configuration {
	if decimal == nil {
		decimal = &codegen.SimpleTypeSpec{Type: "Decimal"}
	}
	templates := map[string]string{"imports.tmpl": mustRead("gen/templates/imports.tmpl")}
	if gen.Client {
		// Request builders alone, unexported (see the template).
		templates["client.tmpl"] = mustRead("gen/templates/builders.tmpl")
		// Nothing of the client with responses. (A template of white space only would not
		// replace the built-in one.)
		templates["client-with-responses.tmpl"] = "{{/* none */}}{{\"\"}}\n"
	}
	return codegen.Configuration{
		PackageName: pkg,
		Generate:    gen,
		OutputOptions: codegen.OutputOptions{
			UserTemplates: templates,
			// Keep schemas no operation references (the integer status and field type codes).
			SkipPrune: true,
			// Optional arrays and maps are plain (nil when absent), not pointers.
			PreferSkipOptionalPointerOnContainerTypes: true,
			NameNormalizer:        "ToCamelCaseWithInitialisms",
			AdditionalInitialisms: []string{"OAuth", "ISO"},
			TypeMapping: &codegen.TypeMapping{Number: codegen.FormatMapping{
				// No float32 anywhere: money is format decimal, everything else float64.
				Default: codegen.SimpleTypeSpec{Type: "float64"},
				Formats: map[string]codegen.SimpleTypeSpec{
					"float":   {Type: "float64"},
					"double":  {Type: "float64"},
					"decimal": *decimal,
				},
			}},
		},
		Compatibility: codegen.CompatibilityOptions{AlwaysPrefixEnumValues: true},
	}
}

// oapiGenerate runs oapi-codegen on doc, read from spec, and names both in the file's header
// (run as a library, oapi-codegen would name this module instead).
func oapiGenerate(spec string, doc *openapi3.T, cfg codegen.Configuration) (string, error) {
	src, err := codegen.Generate(doc, cfg)
	if err != nil {
		return "", err
	}
	version := "unknown version"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range bi.Deps {
			if dep.Path == "github.com/oapi-codegen/oapi-codegen/v2" {
				version = dep.Version
			}
		}
	}
	loc := generatedBy.FindStringIndex(src)
	if loc == nil {
		return "", errors.New("oapi-codegen's output has no line saying it is generated")
	}
	header := fmt.Sprintf("// Code generated by gen/platform with oapi-codegen %s from %s. DO NOT EDIT.", version, spec)
	return src[:loc[0]] + header + src[loc[1]:], nil
}

// generatedBy matches the line of a Go file that says it is generated.
var generatedBy = regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`)

func mustRead(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return string(b)
}
