package main

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"text/template"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/mxsdk/mx-go/gen/internal/genutil"
)

// retryDocs end the doc of a method with when its request is sent again, by x-mx-retry.
var retryDocs = map[string]string{
	"always":         "Retries: sent again after any failure the retry policy retries; repeating it cannot change the outcome.",
	"if-not-applied": "Retries: sent again only after an answer that says nothing was applied (429, 503, a connection that never carried it); after any other failure the error matches [%sErrOutcomeUnknown].",
	"never":          "Retries: never sent again; after a lost answer the error matches [%sErrOutcomeUnknown].",
}

// pathParam matches a parameter of a path template: {user_guid}.
var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

// challengesOp is the list that answers 204 for a member that is not challenged: its method
// says which (MemberChallenges.Challenged).
const challengesOp = "listMemberChallenges"

type param struct {
	Name, Type string
	Conv       string // the Go expression of its value as a string
	Nilable    bool   // an interface: nil is refused
}

type member struct{ Key, Field, Type, Arg string }

// itemKey names the field that identifies the records of a list, for the iterator to yield each
// once: guid, or else code (institutions).
type itemKey struct{ Field string }

type op struct {
	ID, GoName, Method, Path string
	Core                     string // the qualifier of package mxplatform's types ("" within it)
	Repeat                   string // the Repeat constant of its x-mx-retry
	Accept                   string // the media type of its success answer
	MaxRecords               uint64 // the most records an answer holds (the maxItems of its arrays), 1 for a resource
	Doc                      []string
	PathParams               []param
	TakesParams              bool    // the operation has query parameters: the method takes *<GoName>Params
	Body                     *member // the resource a request body wraps, taken unwrapped
	BodyOptions              string  // the type of the body's members beside the resource, taken as a pointer
	// Result is the shape of what the method returns: none, job (a member and whether a job
	// started; x-mx-job), challenges, either (the answer holds a resource or a list of it),
	// eitherList (a list whose answer may hold one record alone),
	// bare (the resource, bare or wrapped), whole (the answer is the resource), resource, text
	// (one string), page, list (records
	// without pagination), or stream (a binary body).
	Result    string
	Resource  *member // the resource answered (job, either, bare, resource)
	Items     *member // a list: the member holding the records
	ItemKey   *itemKey
	Paginated bool // a list with page and records_per_page: the method has an iterator
}

// writeOperations writes the methods of the package's API for the operations of doc (the spec
// as written, wrappers included) to path.
func writeOperations(t target, doc *openapi3.T, path string) error {
	var ops []op
	for p, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			if !t.serves(o) {
				continue
			}
			built, err := buildOp(t, p, method, o)
			if err != nil {
				return fmt.Errorf("%s: %w", o.OperationID, err)
			}
			ops = append(ops, built)
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].GoName < ops[j].GoName })
	recv := "a"
	if t.core != "" {
		recv = "a.core"
	}
	var buf bytes.Buffer
	err := opsTemplate.Execute(&buf, map[string]any{
		"Spec": t.spec, "Package": t.pkg, "Version": doc.Info.Version, "Ops": ops,
		"Core": t.core, "Recv": recv,
	})
	if err != nil {
		return err
	}
	return genutil.WriteGo(path, buf.Bytes())
}

func buildOp(t target, path, method string, o *openapi3.Operation) (op, error) {
	r := op{
		ID:     o.OperationID,
		GoName: strings.ToUpper(o.OperationID[:1]) + o.OperationID[1:],
		Core:   t.core,
		Method: method,
		Path:   path,
	}
	if n, ok := o.Extensions["x-go-name"].(string); ok {
		r.GoName = n // MX's misspelled ids keep their id and get a Go name spelled right
	}
	r.Doc = append(r.Doc, fmt.Sprintf("%s calls %s (%s %s): %s.", r.GoName, r.ID, method, path, genutil.LowerFirst(o.Summary)))
	r.Doc = append(r.Doc, "")
	r.Doc = append(r.Doc, strings.Split(strings.TrimSpace(o.Description), "\n")...)
	repeat, value, err := genutil.Repeat(o)
	if err != nil {
		return r, err
	}
	r.Repeat = t.core + repeat
	r.Doc = append(r.Doc, "", strings.ReplaceAll(retryDocs[value], "%s", t.core))
	if o.Deprecated {
		r.Doc = append(r.Doc, "", "Deprecated: MX keeps this operation for existing integrations; use RequestWidgetURL.")
	}

	// Path parameters in URL order.
	for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
		name := m[1]
		p := o.Parameters.GetByInAndName("path", name)
		if p == nil {
			return r, fmt.Errorf("no path parameter %s", name)
		}
		typ, _ := p.Schema.Value.Extensions["x-go-type"].(string)
		pp := param{Name: genutil.LowerFirst(genutil.GoName(name)), Type: typ}
		switch {
		case typ == "" && p.Schema.Value.Type.Is("integer"):
			pp.Type, pp.Conv = "int", "fmt.Sprint("+pp.Name+")"
		case typ == "":
			pp.Type, pp.Conv = "string", pp.Name
		case isIdentifierInterface(typ):
			pp.Type, pp.Conv, pp.Nilable = t.core+typ, "identifierValue("+pp.Name+")", true
		default:
			pp.Type, pp.Conv = t.core+typ, "string("+pp.Name+")"
		}
		r.PathParams = append(r.PathParams, pp)
	}
	for _, p := range o.Parameters {
		if p.Value.In == "query" {
			r.TakesParams = true
		}
	}

	if rb := o.RequestBody; rb != nil {
		schema := jsonContent(rb.Value.Content)
		if schema == nil {
			return r, fmt.Errorf("a request body without JSON")
		}
		props, options := schema.Value.Properties, ""
		if len(schema.Value.AllOf) == 2 {
			// {"member": {...}} and, beside it, the members of an options schema.
			props = schema.Value.AllOf[0].Value.Properties
			options = genutil.RefName(schema.Value.AllOf[1])
		}
		if !genutil.WrapsRequest(schema.Value) {
			// The body is the resource itself, sent flat.
			name := genutil.RefName(schema)
			props = nil
			r.Body = &member{Type: name, Arg: genutil.LowerFirst(genutil.GoName(name))}
		} else if len(props) != 1 {
			return r, fmt.Errorf("the request body %s wraps %d members; want one resource (and options in an allOf)", genutil.RefName(schema), len(props))
		}
		for key, prop := range props {
			typ := genutil.RefName(prop)
			if prop.Value.Type.Is("array") {
				typ = "[]" + genutil.RefName(prop.Value.Items) // a body of several resources
			}
			r.Body = &member{Key: key, Field: genutil.GoName(key), Type: typ, Arg: genutil.LowerFirst(genutil.GoName(key))}
		}
		r.BodyOptions = options
	}

	success := o.Responses.Status(200)
	if success == nil {
		success = o.Responses.Status(202)
	}
	r.MaxRecords = 1
	var answer *openapi3.Schema
	if success != nil {
		for media, mt := range success.Value.Content {
			r.Accept = media
			if mt.Schema != nil {
				answer = mt.Schema.Value
			}
		}
		if len(success.Value.Content) != 1 {
			return r, fmt.Errorf("the success answer has %d media types; want one", len(success.Value.Content))
		}
		if answer != nil {
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
	}
	if r.Accept == "" {
		// An answer without body: the media type of the operation's other answers (errors).
		for _, code := range genutil.SortedKeys(o.Responses.Map()) {
			for media := range o.Responses.Value(code).Value.Content {
				if r.Accept == "" && isJSON(media) {
					r.Accept = media
				}
			}
		}
	}
	job, _ := o.Extensions["x-mx-job"].(bool)
	switch {
	case success == nil:
		if o.Responses.Status(204) == nil {
			return r, fmt.Errorf("neither 200, 202 nor 204")
		}
		r.Result = "none"
	case !isJSON(r.Accept):
		r.Result = "stream"
	case job:
		if answer.Properties["member"] == nil {
			return r, fmt.Errorf("a job operation (x-mx-job) answers no member")
		}
		r.Result = "job"
	case r.ID == challengesOp:
		r.Result = "challenges"
	case len(answer.AllOf) == 2 && answer.AllOf[0].Ref != "":
		// The resource bare, or wrapped in one member.
		inner := answer.AllOf[1].Value.Properties
		if len(inner) != 1 {
			return r, fmt.Errorf("a bare-or-wrapped answer must wrap one member")
		}
		for key, prop := range inner {
			if genutil.RefName(prop) != genutil.RefName(answer.AllOf[0]) {
				return r, fmt.Errorf("a bare-or-wrapped answer must wrap the resource it is")
			}
			r.Result = "bare"
			r.Resource = &member{Key: key, Field: genutil.GoName(key), Type: genutil.RefName(prop)}
		}
	case len(answer.Required) == 0 && eitherShape(answer) != "":
		key := eitherShape(answer)
		r.Result = "either"
		if strings.HasPrefix(r.ID, "list") {
			r.Result = "eitherList" // a list that may answer one record alone: every record
		}
		r.Resource = &member{Key: key, Field: genutil.GoName(key), Type: genutil.RefName(answer.Properties[key])}
		r.Items = &member{Key: key + "s", Field: genutil.GoName(key + "s"), Type: r.Resource.Type}
	case !wraps(answer):
		// The answer is the resource itself, bare.
		r.Result = "whole"
		r.Resource = &member{Type: genutil.RefName(success.Value.Content[r.Accept].Schema)}
	case len(answer.Properties) == 1:
		for key, prop := range answer.Properties {
			if prop.Value.Type.Is("array") {
				// A list MX answers whole, without pagination.
				r.Result = "list"
				r.Items = &member{Key: key, Field: genutil.GoName(key), Type: genutil.RefName(prop.Value.Items)}
				continue
			}
			if prop.Ref == "" && prop.Value.Type.Is("string") {
				// One piece of text (a verifiable credential).
				r.Result = "text"
				r.Resource = &member{Key: key, Field: "Text", Type: "string"}
				continue
			}
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
		}
		if r.Items == nil || len(answer.Required) != 2 || len(answer.Properties) != 2 {
			return r, fmt.Errorf("a list answer must have exactly its records and its pagination, both required")
		}
	}
	if r.Result == "challenges" {
		r.Items = &member{Key: "challenges", Field: "Challenges", Type: "Challenge"}
	}
	if r.Items != nil && r.Result != "either" && r.Result != "eitherList" {
		item := answer.Properties[r.Items.Key].Value.Items.Value
		for _, id := range []string{"guid", "code"} {
			if item.Properties[id] != nil {
				r.ItemKey = &itemKey{Field: genutil.GoName(id)}
				break
			}
		}
	}
	r.Paginated = o.Parameters.GetByInAndName("query", "page") != nil && o.Parameters.GetByInAndName("query", "records_per_page") != nil
	if r.Paginated && r.Result == "list" {
		return r, fmt.Errorf("a paginated operation whose answer has no pagination")
	}
	if r.Paginated && r.Result != "page" && r.Result != "challenges" {
		return r, fmt.Errorf("a paginated operation that answers no list")
	}
	return r, nil
}

// eitherShape returns K when the answer holds the resource K or a list of it under K+"s", and
// "" otherwise.
func eitherShape(answer *openapi3.Schema) string {
	for key, prop := range answer.Properties {
		list := answer.Properties[key+"s"]
		if prop.Ref != "" && list != nil && list.Value.Type.Is("array") && genutil.RefName(list.Value.Items) == genutil.RefName(prop) {
			return key
		}
	}
	return ""
}

// jsonContent returns the schema of the JSON media type of content, or nil.
func jsonContent(content openapi3.Content) *openapi3.SchemaRef {
	for media, mt := range content {
		if isJSON(media) {
			return mt.Schema
		}
	}
	return nil
}

// isIdentifierInterface reports whether an x-go-type names an identifier that takes one of
// several kinds (UserIdentifier: a UserGUID or a UserID), an interface.
func isIdentifierInterface(typ string) bool { return strings.HasSuffix(typ, "Identifier") }

var opsTemplate = template.Must(template.Must(template.New("ops").Funcs(template.FuncMap{
	"methodConst": func(m string) string { return "http.Method" + m[:1] + strings.ToLower(m[1:]) },
	"lower":       func(s string) string { return strings.ToLower(s[:1]) + s[1:] },
}).Parse(answerTemplate)).Parse(`// Code generated by gen/platform from {{.Spec}}. DO NOT EDIT.

package {{.Package}}

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"net/http"

{{- if .Core}}

	"github.com/mxsdk/mx-go/mxplatform"
{{- end}}
	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

var (
	_ = io.EOF
	_ iter.Seq[int]
	_ = transport.CheckPath
)

// APIVersion is the version of the MX Platform API this package speaks, sent in the
// Accept-Version header of every request.
const APIVersion = "{{.Version}}"

{{- $core := .Core}}{{$recv := .Recv}}

// The operations of {{.Spec}}.
var (
{{- range .Ops}}
	op{{.GoName}} = &{{$core}}Operation{ID: "{{.ID}}", Path: "{{.Path}}", Repeat: {{.Repeat}}, MaxRecords: {{.MaxRecords}}{{with .Items}}, Items: "{{.Key}}"{{end}}, Version: APIVersion, Accept: "{{.Accept}}"}
{{- end}}
)

// invalid reports an argument of a call of op that cannot be right.
func invalid(op *{{$core}}Operation, err error) error {
	return fmt.Errorf("mxplatform: %s: %w: %w", op.ID, {{$core}}ErrInvalidArgument, err)
}

// missing reports a 2xx answer of op whose body lacks a member the operation answers.
func missing(op *{{$core}}Operation, resp *http.Response, member string) error {
	return &{{$core}}DecodeError{Operation: op.ID, StatusCode: resp.StatusCode, Err: fmt.Errorf("the response has no %q", member)}
}

// encodeBody encodes the body of a request of op.
func encodeBody(op *{{$core}}Operation, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("mxplatform: %s: encoding the request body: %w", op.ID, err)
	}
	return b, nil
}

// jobOutcome says whether the answer of a job operation started a job.
func jobOutcome(resp *http.Response) {{$core}}JobOutcome {
	if resp.StatusCode == http.StatusAccepted {
		return {{$core}}JobAlreadyRunning
	}
	return {{$core}}JobStarted
}

{{range .Ops}}
{{- $op := . -}}
{{range .Doc}}// {{.}}
{{end -}}
func (a *API) {{.GoName}}(ctx context.Context
	{{- range .PathParams}}, {{.Name}} {{.Type}}{{end}}
	{{- if .TakesParams}}, params *{{.GoName}}Params{{end}}
	{{- with .Body}}, {{.Arg}} {{.Type}}{{end}}
	{{- with .BodyOptions}}, options *{{.}}{{end}}, opts ...{{$core}}CallOption)
	{{- if eq .Result "none"}} error {
{{- else if eq .Result "stream"}} (io.ReadCloser, error) {
{{- else if eq .Result "job"}} (*{{$core}}JobResult, error) {
{{- else if eq .Result "challenges"}} (*{{$core}}MemberChallenges, error) {
{{- else if eq .Result "page"}} (*{{$core}}Page[{{.Items.Type}}], error) {
{{- else if eq .Result "list"}} ([]{{.Items.Type}}, error) {
{{- else if eq .Result "text"}} (string, error) {
{{- else if eq .Result "eitherList"}} ([]{{.Items.Type}}, error) {
{{- else}} (*{{.Resource.Type}}, error) {
{{- end}}
{{- $fail := "nil, " }}{{ if eq .Result "none" }}{{ $fail = "" }}{{ end }}{{ if eq .Result "text" }}{{ $fail = "\"\", " }}{{ end }}
{{- range .PathParams}}{{if .Nilable}}
	if {{.Name}} == nil {
		return {{$fail}}invalid(op{{$op.GoName}}, fmt.Errorf("the path parameter {{.Name}} is nil"))
	}
{{- end}}{{end}}
{{- if .PathParams}}
	if err := transport.CheckPath(op{{.GoName}}.Path{{range .PathParams}}, {{.Conv}}{{end}}); err != nil {
		return {{$fail}}invalid(op{{.GoName}}, err)
	}
{{- end}}
{{- with .Body}}
{{- if .Key}}
	body, err := encodeBody(op{{$op.GoName}}, struct {
		{{.Field}} {{.Type}} ` + "`json:\"{{.Key}}\"`" + `
		{{- with $op.BodyOptions}}
		*{{.}}
		{{- end}}
	}{ {{- .Arg}}{{with $op.BodyOptions}}, options{{end -}} })
{{- else}}
	body, err := encodeBody(op{{$op.GoName}}, {{.Arg}})
{{- end}}
	if err != nil {
		return {{$fail}}err
	}
{{- end}}
	req, err := new{{.GoName}}Request("/"
		{{- range .PathParams}}, {{.Name}}{{end}}
		{{- if .TakesParams}}, params{{end}}
		{{- if .Body}}, body{{end}})
	if err != nil {
		return {{$fail}}fmt.Errorf("mxplatform: %s: building the request: %w", op{{.GoName}}.ID, err)
	}
{{- if eq .Result "none"}}
	_, err = {{$recv}}.Do(ctx, op{{.GoName}}, req, nil, opts...)
	return err
}
{{else if eq .Result "stream"}}
	var body io.ReadCloser
	if _, err := {{$recv}}.Do(ctx, op{{.GoName}}, req, &body, opts...); err != nil {
		return nil, err
	}
	return body, nil
}
{{else if eq .Result "job"}}
	var out struct {
		Member *{{$core}}Member ` + "`json:\"member\"`" + `
	}
	resp, err := {{$recv}}.Do(ctx, op{{.GoName}}, req, &out, opts...)
	if err != nil {
		return nil, err
	}
	if out.Member == nil {
		return nil, missing(op{{.GoName}}, resp, "member")
	}
	return &{{$core}}JobResult{Member: out.Member, Outcome: jobOutcome(resp)}, nil
}
{{else if eq .Result "challenges"}}
	var out {{lower .GoName}}Answer
	resp, err := {{$recv}}.Do(ctx, op{{.GoName}}, req, &out, opts...)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNoContent {
		return &{{$core}}MemberChallenges{Challenged: false, Page: {{$core}}Page[{{$core}}Challenge]{Items: []{{$core}}Challenge{}}}, nil
	}
	if !out.found {
		return nil, missing(op{{.GoName}}, resp, "challenges")
	}
	if out.Pagination == nil {
		return nil, missing(op{{.GoName}}, resp, "pagination")
	}
	return &{{$core}}MemberChallenges{Challenged: true, Page: {{$core}}Page[{{$core}}Challenge]{Items: out.Items, Pagination: *out.Pagination}}, nil
}
{{template "answer" .}}
{{else if eq .Result "either"}}
	// MX describes this answer in two shapes: {"{{.Resource.Key}}": ...} and a list of one.
	var out struct {
		{{.Resource.Field}} *{{.Resource.Type}} ` + "`json:\"{{.Resource.Key}}\"`" + `
		{{.Items.Field}} []{{.Items.Type}} ` + "`json:\"{{.Items.Key}}\"`" + `
	}
	resp, err := {{$recv}}.Do(ctx, op{{.GoName}}, req, &out, opts...)
	if err != nil {
		return nil, err
	}
	switch {
	case out.{{.Resource.Field}} != nil:
		return out.{{.Resource.Field}}, nil
	case len(out.{{.Items.Field}}) > 0:
		return &out.{{.Items.Field}}[0], nil
	}
	return nil, missing(op{{.GoName}}, resp, "{{.Resource.Key}}")
}
{{else if eq .Result "eitherList"}}
	// MX describes this answer in two shapes: {"{{.Items.Key}}": [...], "pagination": ...} and
	// one record alone, {"{{.Resource.Key}}": ...}. Both are read.
	var out struct {
		{{.Resource.Field}} *{{.Resource.Type}} ` + "`json:\"{{.Resource.Key}}\"`" + `
		{{.Items.Field}} []{{.Items.Type}} ` + "`json:\"{{.Items.Key}}\"`" + `
	}
	resp, err := {{$recv}}.Do(ctx, op{{.GoName}}, req, &out, opts...)
	if err != nil {
		return nil, err
	}
	switch {
	case out.{{.Items.Field}} != nil:
		return out.{{.Items.Field}}, nil
	case out.{{.Resource.Field}} != nil:
		return []{{.Items.Type}}{*out.{{.Resource.Field}}}, nil
	}
	return nil, missing(op{{.GoName}}, resp, "{{.Items.Key}}")
}
{{else if eq .Result "bare"}}
	// MX describes this answer as the bare {{.Resource.Key}}; other creates wrap it in
	// {"{{.Resource.Key}}": ...}. Both are read.
	var out struct {
		{{.Resource.Type}}
		Wrapped *{{.Resource.Type}} ` + "`json:\"{{.Resource.Key}}\"`" + `
	}
	resp, err := {{$recv}}.Do(ctx, op{{.GoName}}, req, &out, opts...)
	if err != nil {
		return nil, err
	}
	switch {
	case out.Wrapped != nil:
		return out.Wrapped, nil
	case out.{{.Resource.Type}}.GUID != "":
		return &out.{{.Resource.Type}}, nil
	}
	return nil, missing(op{{.GoName}}, resp, "{{.Resource.Key}}")
}
{{else if eq .Result "list"}}
	var out {{lower .GoName}}Answer
	resp, err := {{$recv}}.Do(ctx, op{{.GoName}}, req, &out, opts...)
	if err != nil {
		return nil, err
	}
	if !out.found {
		return nil, missing(op{{.GoName}}, resp, "{{.Items.Key}}")
	}
	return out.Items, nil
}
{{template "answer" .}}
{{else if eq .Result "whole"}}
	var out {{.Resource.Type}}
	if _, err := {{$recv}}.Do(ctx, op{{.GoName}}, req, &out, opts...); err != nil {
		return nil, err
	}
	return &out, nil
}
{{else if eq .Result "text"}}
	var out struct {
		Text *string ` + "`json:\"{{.Resource.Key}}\"`" + `
	}
	resp, err := {{$recv}}.Do(ctx, op{{.GoName}}, req, &out, opts...)
	if err != nil {
		return "", err
	}
	if out.Text == nil {
		return "", missing(op{{.GoName}}, resp, "{{.Resource.Key}}")
	}
	return *out.Text, nil
}
{{else if eq .Result "resource"}}
	var out struct {
		{{.Resource.Field}} *{{.Resource.Type}} ` + "`json:\"{{.Resource.Key}}\"`" + `
	}
	resp, err := {{$recv}}.Do(ctx, op{{.GoName}}, req, &out, opts...)
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
	resp, err := {{$recv}}.Do(ctx, op{{.GoName}}, req, &out, opts...)
	if err != nil {
		return nil, err
	}
	if !out.found {
		return nil, missing(op{{.GoName}}, resp, "{{.Items.Key}}")
	}
	if out.Pagination == nil {
		return nil, missing(op{{.GoName}}, resp, "pagination")
	}
	return &{{$core}}Page[{{.Items.Type}}]{Items: out.Items, Pagination: *out.Pagination}, nil
}
{{template "answer" .}}
{{end}}
{{- if .Paginated}}
// {{.GoName}}Iter iterates over the {{.Items.Key}} of every page of [API.{{.GoName}}], from
// params.Page (default 1) with params.RecordsPerPage records per page (default {{.MaxRecords}},
// the most the operation allows). params is not modified. The loop may stop at any time; an
// error is yielded once and ends the iteration. See [{{$core}}WithPrefetch] to fetch pages
// ahead.{{if .ItemKey}} Each record is yielded once, even when the list changes while it is
// read (see [{{$core}}Paginate]).{{end}}
func (a *API) {{.GoName}}Iter(ctx context.Context
	{{- range .PathParams}}, {{.Name}} {{.Type}}{{end}}, params *{{.GoName}}Params, opts ...{{$core}}CallOption) iter.Seq2[{{.Items.Type}}, error] {
	var base {{.GoName}}Params
	if params != nil {
		base = *params
	}
	page, perPage := 1, {{.MaxRecords}}
	if base.Page != nil {
		page = *base.Page
	}
	if base.RecordsPerPage != nil {
		perPage = *base.RecordsPerPage
	}
	return {{$core}}Paginate(ctx, page, perPage, {{with .ItemKey}}func(x {{$op.Items.Type}}) string { return string(x.{{.Field}}) }{{else}}nil{{end}}, func(ctx context.Context, page, perPage int, opts []{{$core}}CallOption) ([]{{.Items.Type}}, {{$core}}Pagination, error) {
		p := base
		p.Page, p.RecordsPerPage = &page, &perPage
		r, err := a.{{.GoName}}(ctx{{range .PathParams}}, {{.Name}}{{end}}, &p, opts...)
		if err != nil {
			return nil, {{$core}}Pagination{}, err
		}
		return r.Items, r.Pagination, nil
	}, opts...)
}
{{end}}
{{end}}`))

// answerTemplate is the type a list's answer decodes into: its records, sized before decoding
// (see Operation.Items), and its pagination.
const answerTemplate = `{{define "answer"}}
// {{lower .GoName}}Answer is the answer of {{.ID}}.
type {{lower .GoName}}Answer struct {
	Items      []{{.Items.Type}} ` + "`json:\"{{.Items.Key}}\"`" + `
{{- if ne .Result "list"}}
	Pagination *{{.Core}}Pagination ` + "`json:\"pagination\"`" + `
{{- end}}
	found      bool
}

// Presize makes the records a slice of n records' capacity, before decoding.
func (x *{{lower .GoName}}Answer) Presize(n int) { x.Items, x.found = make([]{{.Items.Type}}, 0, n), true }
{{end}}`
