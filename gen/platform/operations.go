package main

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"text/template"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/mxsdk/mx-go/gen/internal/genutil"
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
type itemKey struct{ Field string }

type op struct {
	ID, GoName, Method, Path string
	Repeat                   string // the mxplatform.Repeat constant of its x-mx-retry
	MaxRecords               uint64 // the most records an answer holds (the maxItems of its arrays), 1 for a resource
	Doc                      []string
	PathParams               []param
	TakesParams              bool    // the operation has query parameters: the method takes *<GoName>Params
	Body                     *member // the resource a request body wraps, taken unwrapped
	BodyOptions              string  // the type of the body's members beside the resource, taken as a pointer
	Result                   string  // none, job, challenges, transaction, resource, page
	Resource                 *member // result: resource
	Items                    *member // a list: the member holding the records
	ItemKey                  *itemKey
	Paginated                bool // a list with page and records_per_page: the method has an iterator
}

// writeOperations writes the methods of API for the operations of doc (the spec as written,
// wrappers included) to path.
func writeOperations(t target, doc *openapi3.T, path string) error {
	var ops []op
	for p, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			built, err := buildOp(t, p, method, o)
			if err != nil {
				return fmt.Errorf("%s: %w", o.OperationID, err)
			}
			ops = append(ops, built)
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].GoName < ops[j].GoName })
	var buf bytes.Buffer
	err := opsTemplate.Execute(&buf, map[string]any{"Spec": t.spec, "Package": t.pkg, "Version": doc.Info.Version, "Ops": ops})
	if err != nil {
		return err
	}
	return genutil.WriteGo(path, buf.Bytes())
}

func buildOp(t target, path, method string, o *openapi3.Operation) (op, error) {
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
		if p.Value.In == "query" {
			r.TakesParams = true
		}
	}

	if rb := o.RequestBody; rb != nil {
		schema := rb.Value.Content.Get("application/json").Schema
		props, options := schema.Value.Properties, ""
		if len(schema.Value.AllOf) == 2 {
			// {"member": {...}} and, beside it, the members of an options schema.
			props = schema.Value.AllOf[0].Value.Properties
			options = genutil.RefName(schema.Value.AllOf[1])
		}
		if len(props) != 1 {
			return r, fmt.Errorf("the request body %s wraps %d members; want one resource (and options in an allOf)", genutil.RefName(schema), len(props))
		}
		for key, prop := range props {
			r.Body = &member{Key: key, Field: genutil.GoName(key), Type: genutil.RefName(prop), Arg: genutil.LowerFirst(genutil.GoName(key))}
		}
		r.BodyOptions = options
	}

	ok := o.Responses.Status(200)
	r.MaxRecords = 1
	var answer *openapi3.Schema
	if ok != nil {
		answer = ok.Value.Content.Get(t.mediaType).Schema.Value
		for name, prop := range answer.Properties {
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
	case len(answer.Properties) == 1:
		for key, prop := range answer.Properties {
			r.Result = "resource"
			r.Resource = &member{Key: key, Field: genutil.GoName(key), Type: genutil.RefName(prop)}
		}
	default:
		r.Result = "page"
		for _, key := range answer.Required {
			if key == "pagination" {
				continue
			}
			prop := answer.Properties[key]
			if !prop.Value.Type.Is("array") {
				return r, fmt.Errorf("the list member %s is not an array", key)
			}
			r.Items = &member{Key: key, Field: genutil.GoName(key), Type: genutil.RefName(prop.Value.Items)}
			item := prop.Value.Items.Value
			for _, id := range []string{"guid", "code"} {
				if item.Properties[id] != nil {
					r.ItemKey = &itemKey{Field: genutil.GoName(id)}
					break
				}
			}
		}
		if r.Items == nil || len(answer.Required) != 2 || len(answer.Properties) != 2 {
			return r, fmt.Errorf("a list answer must have exactly its records and its pagination, both required")
		}
	}
	r.Paginated = o.Parameters.GetByInAndName("query", "page") != nil && o.Parameters.GetByInAndName("query", "records_per_page") != nil
	if r.Paginated && r.Result != "page" && r.Result != "challenges" {
		return r, fmt.Errorf("a paginated operation that answers no list")
	}
	if r.Result == "challenges" {
		r.Items = &member{Key: "challenges", Field: "Challenges", Type: "Challenge"}
		r.ItemKey = &itemKey{Field: "GUID"}
	}
	return r, nil
}

var opsTemplate = template.Must(template.Must(template.New("ops").Funcs(template.FuncMap{
	"methodConst": func(m string) string { return "http.Method" + m[:1] + strings.ToLower(m[1:]) },
	"lower":       func(s string) string { return strings.ToLower(s[:1]) + s[1:] },
}).Parse(answerTemplate)).Parse(`// Code generated by gen/platform from {{.Spec}}. DO NOT EDIT.

package {{.Package}}

import (
	"context"
	"iter"
	"net/http"
)

// APIVersion is the version of the MX Platform API this package speaks, sent in the
// Accept-Version header of every request.
const APIVersion = "{{.Version}}"

// The operations of {{.Spec}}.
var (
{{- range .Ops}}
	op{{.GoName}} = &operation{id: "{{.ID}}", method: {{methodConst .Method}}, path: "{{.Path}}", repeat: {{.Repeat}}, maxRecords: {{.MaxRecords}}{{with .Items}}, items: "{{.Key}}"{{end}}}
{{- end}}
)

{{range .Ops}}
{{- $op := . -}}
{{range .Doc}}// {{.}}
{{end -}}
func (a *API) {{.GoName}}(ctx context.Context
	{{- range .PathParams}}, {{.Name}} {{.Type}}{{end}}
	{{- if .TakesParams}}, params *{{.GoName}}Params{{end}}
	{{- with .Body}}, {{.Arg}} {{.Type}}{{end}}
	{{- with .BodyOptions}}, options *{{.}}{{end}}, opts ...CallOption)
	{{- if eq .Result "none"}} error {
{{- else if eq .Result "job"}} (*JobResult, error) {
{{- else if eq .Result "challenges"}} (*MemberChallenges, error) {
{{- else if eq .Result "transaction"}} (*Transaction, error) {
{{- else if eq .Result "resource"}} (*{{.Resource.Type}}, error) {
{{- else}} (*Page[{{.Items.Type}}], error) {
{{- end}}
{{- $fail := "nil, " }}{{ if eq .Result "none" }}{{ $fail = "" }}{{ end }}
{{- if .PathParams}}
	if err := checkPath(op{{.GoName}}{{range .PathParams}}, string({{.Name}}){{end}}); err != nil {
		return {{$fail}}err
	}
{{- end}}
{{- with .Body}}
	body, err := encodeBody(op{{$op.GoName}}, struct {
		{{.Field}} {{.Type}} ` + "`json:\"{{.Key}}\"`" + `
		{{- with $op.BodyOptions}}
		*{{.}}
		{{- end}}
	}{ {{- .Arg}}{{with $op.BodyOptions}}, options{{end -}} })
	if err != nil {
		return {{$fail}}err
	}
{{- end}}
	build := func(server string) (*http.Request, error) {
		return new{{.GoName}}Request(server
		{{- range .PathParams}}, {{.Name}}{{end}}
		{{- if .TakesParams}}, params{{end}}
		{{- if .Body}}, body{{end}})
	}
{{- if eq .Result "none"}}
	_, err {{if not .Body}}:{{end}}= a.call(ctx, op{{.GoName}}, nil, opts, build)
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
	var out {{lower .GoName}}Answer
	resp, err := a.call(ctx, op{{.GoName}}, &out, opts, build)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNoContent {
		return &MemberChallenges{Challenged: false, Page: Page[Challenge]{Items: []Challenge{}}}, nil
	}
	if !out.found {
		return nil, missing(op{{.GoName}}, resp, "challenges")
	}
	if out.Pagination == nil {
		return nil, missing(op{{.GoName}}, resp, "pagination")
	}
	return &MemberChallenges{Challenged: true, Page: Page[Challenge]{Items: out.Items, Pagination: *out.Pagination}}, nil
}
{{template "answer" .}}
{{else if eq .Result "transaction"}}
	// MX describes this answer in two shapes: {"transaction": ...} and a list of one.
	var out struct {
		Transaction  *Transaction  ` + "`json:\"transaction\"`" + `
		Transactions []Transaction ` + "`json:\"transactions\"`" + `
	}
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
	var out {{lower .GoName}}Answer
	resp, err := a.call(ctx, op{{.GoName}}, &out, opts, build)
	if err != nil {
		return nil, err
	}
	if !out.found {
		return nil, missing(op{{.GoName}}, resp, "{{.Items.Key}}")
	}
	if out.Pagination == nil {
		return nil, missing(op{{.GoName}}, resp, "pagination")
	}
	return &Page[{{.Items.Type}}]{Items: out.Items, Pagination: *out.Pagination}, nil
}
{{template "answer" .}}
{{end}}
{{- if .Paginated}}
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
	return paginate(ctx, base.Page, base.RecordsPerPage, {{with .ItemKey}}func(x {{$op.Items.Type}}) string { return string(x.{{.Field}}) }{{else}}nil{{end}}, opts, func(ctx context.Context, page, perPage int, opts []CallOption) ([]{{.Items.Type}}, Pagination, error) {
		p := base
		p.Page, p.RecordsPerPage = &page, &perPage
		r, err := a.{{.GoName}}(ctx{{range .PathParams}}, {{.Name}}{{end}}, &p, opts...)
		if err != nil {
			return nil, Pagination{}, err
		}
		return r.Items, r.Pagination, nil
	})
}
{{end}}
{{end}}`))

// answerTemplate is the type a list's answer decodes into: its records, sized before decoding
// (see presizer), and its pagination.
const answerTemplate = `{{define "answer"}}
// {{lower .GoName}}Answer is the answer of {{.ID}}.
type {{lower .GoName}}Answer struct {
	Items      []{{.Items.Type}} ` + "`json:\"{{.Items.Key}}\"`" + `
	Pagination *Pagination ` + "`json:\"pagination\"`" + `
	found      bool
}

func (x *{{lower .GoName}}Answer) presize(n int) { x.Items, x.found = make([]{{.Items.Type}}, 0, n), true }
{{end}}`
