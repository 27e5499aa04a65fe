// Command operations writes mxplatform/operations.gen.go: one method of mxplatform.API per
// operation of api/mxplatform.yaml. Each method builds its request with the request builder
// oapi-codegen generated, sends it through API.call (credentials, headers, retries, typed
// errors) and returns the operation's resource:
//
//   - a body that wraps one object ({"account": {...}}) returns that object; a request body of
//     that shape is taken unwrapped;
//   - a list returns its page (items and pagination), every member checked present;
//   - 204-only operations return only an error;
//   - aggregateMember, checkBalances and resumeAggregation return a JobResult (200 or 202);
//   - listMemberChallenges returns MemberChallenges (204 means not challenged);
//   - readTransaction accepts the reference's shape and the live list shape.
//
// Run from the repository root: go run ./gen/operations
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"slices"
	"sort"
	"strings"
	"text/template"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/mxsdk/mx-go/gen/internal/genutil"
)

const (
	specPath   = "api/mxplatform.yaml"
	outputPath = "mxplatform/operations.gen.go"
	mediaType  = "application/vnd.mx.api.v1+json"
)

// retryDocs end the doc of a method with when its request is sent again, by x-mx-retry.
var retryDocs = map[string]string{
	"always":         "Retries: sent again after any failure the retry policy retries; repeating it cannot change the outcome.",
	"if-not-applied": "Retries: sent again only after an answer that says nothing was applied (429, 503, a connection that never carried it); after any other failure the error matches [ErrOutcomeUnknown].",
	"never":          "Retries: never sent again; after a lost answer the error matches [ErrOutcomeUnknown].",
}

// Operations whose answers the SDK shapes beyond the general rules.
var (
	jobOperations   = map[string]bool{"aggregateMember": true, "checkBalances": true, "resumeAggregation": true}
	challengesOp    = "listMemberChallenges"
	readTransaction = "readTransaction"
)

type param struct{ Name, Type string }

type member struct{ Key, Field, Type, Arg string }

// itemKey names the field that identifies the records of a list, for the iterator to yield each
// once: guid, or else code (institutions).
type itemKey struct {
	Field string
	Ptr   bool // the field is optional, a pointer
}

type op struct {
	ID, GoName, Method, Path string
	Repeat                   string // the mxplatform.Repeat constant of its x-mx-retry
	MaxRecords               uint64 // the most records an answer holds (the maxItems of its arrays), 1 for a resource
	Doc                      []string
	PathParams               []param
	HasParamsStruct          bool // the request builder takes *<GoName>Params
	TakesParams              bool // the method takes it too (the operation has query parameters)
	BodyType                 string
	BodyWrapped              *member // the single member a request body wraps
	Result                   string  // none, job, challenges, transaction, resource, page
	Resource                 *member // result: resource
	Page                     string  // result: page: the body type
	PageMembers              []member
	Items                    *member  // a paginated list: the member holding the items
	ItemKey                  *itemKey // the field identifying an item, nil when none does
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "operations:", err)
		os.Exit(1)
	}
}

func run() error {
	doc, err := openapi3.NewLoader().LoadFromFile(specPath)
	if err != nil {
		return err
	}
	var ops []op
	for path, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			built, err := build(path, method, o)
			if err != nil {
				return fmt.Errorf("%s: %w", o.OperationID, err)
			}
			ops = append(ops, built)
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].GoName < ops[j].GoName })
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, map[string]any{"Version": doc.Info.Version, "Ops": ops}); err != nil {
		return err
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return fmt.Errorf("formatting: %w\n%s", err, buf.Bytes())
	}
	return os.WriteFile(outputPath, src, 0o644)
}

func build(path, method string, o *openapi3.Operation) (op, error) {
	r := op{
		ID:     o.OperationID,
		GoName: strings.ToUpper(o.OperationID[:1]) + o.OperationID[1:],
		Method: method,
		Path:   path,
	}
	r.Doc = append(r.Doc, fmt.Sprintf("%s calls %s (%s %s): %s.", r.GoName, r.ID, method, path, genutil.LowerFirst(o.Summary)))
	r.Doc = append(r.Doc, "")
	r.Doc = append(r.Doc, strings.Split(strings.TrimSpace(o.Description), "\n")...)
	repeat, value, err := genutil.Repeat(o)
	if err != nil {
		return r, err
	}
	r.Repeat = repeat
	r.Doc = append(r.Doc, "", retryDocs[value])
	if o.Deprecated {
		r.Doc = append(r.Doc, "", "Deprecated: MX keeps this operation for existing integrations; use RequestWidgetURL.")
	}

	// Path parameters in URL order.
	for _, seg := range strings.Split(path, "/") {
		if !strings.HasPrefix(seg, "{") {
			continue
		}
		name := strings.Trim(seg, "{}")
		p := o.Parameters.GetByInAndName("path", name)
		if p == nil {
			return r, fmt.Errorf("no path parameter %s", name)
		}
		typ, _ := p.Schema.Value.Extensions["x-go-type"].(string)
		if typ == "" {
			typ = "string"
		}
		r.PathParams = append(r.PathParams, param{Name: genutil.LowerFirst(genutil.GoName(name)), Type: typ})
	}
	for _, p := range o.Parameters {
		switch p.Value.In {
		case "query":
			r.HasParamsStruct, r.TakesParams = true, true
		case "header":
			r.HasParamsStruct = true
		}
	}

	if rb := o.RequestBody; rb != nil {
		ref := rb.Value.Content.Get("application/json").Schema
		r.BodyType = genutil.RefName(ref)
		props := ref.Value.Properties
		if len(props) == 1 {
			for key, prop := range props {
				r.BodyWrapped = &member{Key: key, Field: genutil.GoName(key), Type: genutil.RefName(prop), Arg: genutil.LowerFirst(genutil.GoName(key))}
			}
		}
	}

	ok := o.Responses.Status(200)
	r.MaxRecords = 1
	if ok != nil {
		for name, prop := range ok.Value.Content.Get(mediaType).Schema.Value.Properties {
			if !prop.Value.Type.Is("array") {
				continue
			}
			if prop.Value.MaxItems == nil {
				return r, fmt.Errorf("the array %s of its answer has no maxItems: what an answer may cost is bounded by it", name)
			}
			r.MaxRecords = max(r.MaxRecords, *prop.Value.MaxItems)
		}
	}
	switch {
	case jobOperations[r.ID]:
		r.Result = "job"
	case r.ID == challengesOp:
		r.Result = "challenges"
	case r.ID == readTransaction:
		r.Result = "transaction"
	case ok == nil:
		if o.Responses.Status(204) == nil {
			return r, fmt.Errorf("neither 200 nor 204")
		}
		r.Result = "none"
	default:
		schema := ok.Value.Content.Get(mediaType).Schema
		props := schema.Value.Properties
		if len(props) == 1 {
			for key, prop := range props {
				r.Result = "resource"
				r.Resource = &member{Key: key, Field: genutil.GoName(key), Type: genutil.RefName(prop)}
			}
			break
		}
		r.Result, r.Page = "page", genutil.RefName(schema)
		for _, key := range schema.Value.Required {
			prop := props[key]
			typ := genutil.RefName(prop)
			if prop.Value.Type.Is("array") {
				typ = "[]" + genutil.RefName(prop.Value.Items)
			}
			r.PageMembers = append(r.PageMembers, member{Key: key, Field: genutil.GoName(key), Type: typ})
		}
		if len(r.PageMembers) != len(props) {
			return r, fmt.Errorf("page members must all be required")
		}
	}
	// A list with page and records_per_page gets an iterator over its items.
	if o.Parameters.GetByInAndName("query", "page") != nil && o.Parameters.GetByInAndName("query", "records_per_page") != nil {
		schema := ok.Value.Content.Get(mediaType).Schema
		for key, prop := range schema.Value.Properties {
			if prop.Value.Type.Is("array") {
				r.Items = &member{Key: key, Field: genutil.GoName(key), Type: genutil.RefName(prop.Value.Items)}
				item := prop.Value.Items.Value
				for _, id := range []string{"guid", "code"} {
					if item.Properties[id] != nil {
						r.ItemKey = &itemKey{Field: genutil.GoName(id), Ptr: !slices.Contains(item.Required, id)}
						break
					}
				}
			}
		}
		if r.Items == nil {
			return r, fmt.Errorf("a paginated list without an array")
		}
	}
	return r, nil
}

var tmpl = template.Must(template.New("ops").Funcs(template.FuncMap{
	"methodConst": func(m string) string { return "http.Method" + m[:1] + strings.ToLower(m[1:]) },
}).Parse(`// Code generated by gen/operations from api/mxplatform.yaml. DO NOT EDIT.

package mxplatform

import (
	"context"
	"iter"
	"net/http"
)

// APIVersion is the version of the MX Platform API this package speaks, sent in the
// Accept-Version header of every request.
const APIVersion = "{{.Version}}"

// The operations of api/mxplatform.yaml.
var (
{{- range .Ops}}
	op{{.GoName}} = &operation{id: "{{.ID}}", method: {{methodConst .Method}}, path: "{{.Path}}", repeat: {{.Repeat}}, maxRecords: {{.MaxRecords}}}
{{- end}}
)

{{range .Ops}}
{{- $op := . -}}
{{range .Doc}}// {{.}}
{{end -}}
func (a *API) {{.GoName}}(ctx context.Context
	{{- range .PathParams}}, {{.Name}} {{.Type}}{{end}}
	{{- if .TakesParams}}, params *{{.GoName}}Params{{end}}
	{{- if .BodyWrapped}}, {{.BodyWrapped.Arg}} {{.BodyWrapped.Type}}{{else if .BodyType}}, body {{.BodyType}}{{end}}, opts ...CallOption)
	{{- if eq .Result "none"}} error {
{{- else if eq .Result "job"}} (*JobResult, error) {
{{- else if eq .Result "challenges"}} (*MemberChallenges, error) {
{{- else if eq .Result "transaction"}} (*Transaction, error) {
{{- else if eq .Result "resource"}} (*{{.Resource.Type}}, error) {
{{- else}} (*{{.Page}}, error) {
{{- end}}
{{- if .PathParams}}
	if err := checkPath(op{{.GoName}}{{range .PathParams}}, string({{.Name}}){{end}}); err != nil {
		return {{if ne .Result "none"}}nil, {{end}}err
	}
{{- end}}
	build := func(server string) (*http.Request, error) {
		return New{{.GoName}}Request(server
		{{- range .PathParams}}, {{.Name}}{{end}}
		{{- if .HasParamsStruct}}, {{if .TakesParams}}params{{else}}nil{{end}}{{end}}
		{{- if .BodyWrapped}}, {{.BodyType}}{ {{.BodyWrapped.Field}}: {{.BodyWrapped.Arg}} }{{else if .BodyType}}, body{{end}})
	}
{{- if eq .Result "none"}}
	_, err := a.call(ctx, op{{.GoName}}, nil, opts, build)
	return err
}
{{else if eq .Result "job"}}
	var out struct {
		Member *Member ` + "`json:\"member\"`" + `
	}
	resp, err := a.call(ctx, op{{.GoName}}, &out, opts, build)
	if err != nil {
		return nil, err
	}
	if out.Member == nil {
		return nil, missing(op{{.GoName}}, resp, "member")
	}
	return &JobResult{Member: out.Member, Outcome: jobOutcome(resp)}, nil
}
{{else if eq .Result "challenges"}}
	var out struct {
		Challenges *[]Challenge ` + "`json:\"challenges\"`" + `
		Pagination *Pagination  ` + "`json:\"pagination\"`" + `
	}
	resp, err := a.call(ctx, op{{.GoName}}, &out, opts, build)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNoContent {
		return &MemberChallenges{Challenged: false, ChallengesResponseBody: ChallengesResponseBody{Challenges: []Challenge{}}}, nil
	}
	if out.Challenges == nil {
		return nil, missing(op{{.GoName}}, resp, "challenges")
	}
	if out.Pagination == nil {
		return nil, missing(op{{.GoName}}, resp, "pagination")
	}
	return &MemberChallenges{Challenged: true, ChallengesResponseBody: ChallengesResponseBody{Challenges: *out.Challenges, Pagination: *out.Pagination}}, nil
}
{{else if eq .Result "transaction"}}
	var out TransactionReadResponseBody
	resp, err := a.call(ctx, op{{.GoName}}, &out, opts, build)
	if err != nil {
		return nil, err
	}
	switch {
	case out.Transaction != nil:
		return out.Transaction, nil
	case len(out.Transactions) > 0:
		return &out.Transactions[0], nil
	}
	return nil, missing(op{{.GoName}}, resp, "transaction")
}
{{else if eq .Result "resource"}}
	var out struct {
		{{.Resource.Field}} *{{.Resource.Type}} ` + "`json:\"{{.Resource.Key}}\"`" + `
	}
	resp, err := a.call(ctx, op{{.GoName}}, &out, opts, build)
	if err != nil {
		return nil, err
	}
	if out.{{.Resource.Field}} == nil {
		return nil, missing(op{{.GoName}}, resp, "{{.Resource.Key}}")
	}
	return out.{{.Resource.Field}}, nil
}
{{else}}
	var out struct {
{{- range .PageMembers}}
		{{.Field}} *{{.Type}} ` + "`json:\"{{.Key}}\"`" + `
{{- end}}
	}
	resp, err := a.call(ctx, op{{.GoName}}, &out, opts, build)
	if err != nil {
		return nil, err
	}
{{- range .PageMembers}}
	if out.{{.Field}} == nil {
		return nil, missing(op{{$op.GoName}}, resp, "{{.Key}}")
	}
{{- end}}
	return &{{.Page}}{ {{- range .PageMembers}}{{.Field}}: *out.{{.Field}}, {{end}} }, nil
}
{{end}}
{{- if .Items}}
// {{.GoName}}Iter iterates over the {{.Items.Key}} of every page of [API.{{.GoName}}], from
// params.Page (default 1) with params.RecordsPerPage records per page (default
// [DefaultPageSize]). params is not modified. The loop may stop at any time; an error is yielded
// once and ends the iteration. See [WithPrefetch] to fetch pages ahead.{{if .ItemKey}} Each record is yielded
// once, even when the list changes while it is read (see Pagination in the package docs).{{end}}
func (a *API) {{.GoName}}Iter(ctx context.Context
	{{- range .PathParams}}, {{.Name}} {{.Type}}{{end}}, params *{{.GoName}}Params, opts ...CallOption) iter.Seq2[{{.Items.Type}}, error] {
	var base {{.GoName}}Params
	if params != nil {
		base = *params
	}
	return paginate(ctx, base.Page, base.RecordsPerPage, {{with .ItemKey}}func(x {{$op.Items.Type}}) string {
		{{- if .Ptr}}
		if x.{{.Field}} == nil {
			return ""
		}
		return string(*x.{{.Field}})
		{{- else}}
		return string(x.{{.Field}})
		{{- end}}
	}{{else}}nil{{end}}, opts, func(ctx context.Context, page, perPage int, opts []CallOption) ([]{{.Items.Type}}, Pagination, error) {
		p := base
		p.Page, p.RecordsPerPage = &page, &perPage
		r, err := a.{{.GoName}}(ctx{{range .PathParams}}, {{.Name}}{{end}}, &p, opts...)
		if err != nil {
			return nil, Pagination{}, err
		}
		return r.{{.Items.Field}}, r.Pagination, nil
	})
}
{{end}}
{{end}}`))
