// Command cli writes cmd/mx/commands.gen.go: one cobra command per operation of
// api/platform-v20111101.yaml, with a flag for every path, query and header parameter and for every
// field of the request body. The command table below places each operation in its resource
// group and gives it a name and an example; everything else comes from the spec.
//
// Run from the repository root: go run ./gen/cli
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"sort"
	"strings"
	"text/template"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/mxsdk/mx-go/gen/internal/genutil"
)

const (
	specPath   = "api/platform-v20111101.yaml"
	outputPath = "cmd/mx/commands.gen.go"
	mediaType  = "application/vnd.mx.api.v1+json"
)

type placement struct{ group, name, example string }

// commands places each operation. Examples use the GUID placeholders of the reference.
var commands = map[string]placement{
	"createUser":                 {"users", "create", "mx users create --id u-1 --email ada@example.com --metadata '{\"plan\": \"pro\"}'"},
	"deleteUser":                 {"users", "delete", "mx users delete --user USR-123"},
	"listMembers":                {"members", "list", "mx members list --user USR-123 --all -o table"},
	"createMember":               {"members", "create", "mx members create --user USR-123 --institution mxbank --credential CRD-1=mxuser --credential CRD-2=password"},
	"readMember":                 {"members", "read", "mx members read --user USR-123 --member MBR-123"},
	"updateMember":               {"members", "update", "mx members update --user USR-123 --member MBR-123 --credential CRD-2=password"},
	"deleteMember":               {"members", "delete", "mx members delete --user USR-123 --member MBR-123"},
	"readMemberStatus":           {"members", "status", "mx members status --user USR-123 --member MBR-123"},
	"aggregateMember":            {"members", "aggregate", "mx members aggregate --user USR-123 --member MBR-123 --wait"},
	"checkBalances":              {"members", "check-balance", "mx members check-balance --user USR-123 --member MBR-123 --wait"},
	"resumeAggregation":          {"members", "resume", "mx members resume --user USR-123 --member MBR-123 --answer CRD-9=blue --wait"},
	"listMemberChallenges":       {"members", "challenges", "mx members challenges --user USR-123 --member MBR-123"},
	"listMemberCredentials":      {"members", "credentials", "mx members credentials --user USR-123 --member MBR-123"},
	"requestOAuthWindowURI":      {"members", "oauth-window-uri", "mx members oauth-window-uri --user USR-123 --member MBR-123 --referral-source APP"},
	"listInstitutions":           {"institutions", "list", "mx institutions list --name chase -o table"},
	"listFavoriteInstitutions":   {"institutions", "favorites", "mx institutions favorites"},
	"readInstitution":            {"institutions", "read", "mx institutions read --institution chase"},
	"listInstitutionCredentials": {"institutions", "credentials", "mx institutions credentials --institution mxbank"},
	"listUserAccounts":           {"accounts", "list", "mx accounts list --user USR-123 -o table"},
	"readAccount":                {"accounts", "read", "mx accounts read --user USR-123 --account ACT-123"},
	"updateAccountByMember":      {"accounts", "update", "mx accounts update --user USR-123 --member MBR-123 --account ACT-123 --is-hidden"},
	"listTransactions":           {"transactions", "list", "mx transactions list --user USR-123 --from 2026-01-01 --all"},
	"listTransactionsByAccount":  {"transactions", "list-by-account", "mx transactions list-by-account --user USR-123 --account ACT-123 --all -o table"},
	"listTransactionsByMember":   {"transactions", "list-by-member", "mx transactions list-by-member --user USR-123 --member MBR-123"},
	"readTransaction":            {"transactions", "read", "mx transactions read --user USR-123 --transaction TRN-123"},
	"updateTransaction":          {"transactions", "update", "mx transactions update --user USR-123 --transaction TRN-123 --memo 'Team lunch'"},
	"requestWidgetURL":           {"widgets", "url", "mx widgets url --user USR-123 --current-member MBR-123 --accept-language fr-CA"},
	"requestConnectWidgetURL":    {"widgets", "connect-url", "mx widgets connect-url --user USR-123 --mode verification"},
}

// groups describes the resource groups.
var groups = map[string]string{
	"users":        "Create and delete users",
	"members":      "Connect users to institutions: create, aggregate, answer MFA",
	"institutions": "Search institutions and the credentials they require",
	"accounts":     "Read and update accounts",
	"transactions": "List, read and update transactions",
	"widgets":      "Request Connect widget URLs",
}

// flagNames renames parameters and fields whose flag would otherwise be long or unclear.
var flagNames = map[string]string{
	"user_guid": "user", "member_guid": "member", "account_guid": "account", "transaction_guid": "transaction",
	"institution_code": "institution", "from_date": "from", "to_date": "to", "credentials": "credential",
	"challenges": "answer", "use_cases": "use-case", "use_case": "use-case", "iso_country_code": "country",
	"category_guid": "category", "category_guid[]": "categories", "top_level_category_guid": "top-level-category",
	"top_level_category_guid[]": "top-level-categories", "current_institution_code": "current-institution",
	"current_institution_guid": "current-institution-guid", "current_member_guid": "current-member",
}

// waitCalls are the library calls that --wait uses for the aggregation-type operations.
var waitCalls = map[string]string{
	"aggregateMember": "AggregateAndWait",
	"checkBalances":   "CheckBalancesAndWait",
}

// bodyDefaults name, per operation, a hand-written function of cmd/mx that gives the request
// body the library's defaults for what the flags leave unset, so that the command asks for
// what the library asks for. It is called as f(b, &body) once the flags are declared.
var bodyDefaults = map[string]string{
	"requestWidgetURL": "connectWidgetDefaults", // mxplatform.ConnectWidget(): ui_message_version
}

type command struct {
	ID, GoName, Group, Name, Short, Long, Example string
	Deprecated                                    bool
	PathParams                                    []param
	Flags                                         []string // binder calls
	HasParams, TakesParams                        bool
	Body                                          string // Go type of the body variable, "" for none
	BodyDefaults                                  string // function giving the body the library's defaults
	BodyArg                                       string // expression passed to the method
	Options                                       string // Go type of the options beside the body, "" for none
	AcceptLanguage, CallbackPayload               bool
	Result                                        string // none, resource, page, challenges, job, transaction
	Items                                         string // page: field of the items
	ItemType                                      string
	Wait                                          string // job: library call of --wait, "resume" for resume
}

type param struct{ Var, Type string }

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "cli:", err)
		os.Exit(1)
	}
}

func run() error {
	doc, err := openapi3.NewLoader().LoadFromFile(specPath)
	if err != nil {
		return err
	}
	var cmds []command
	for path, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			c, err := build(path, method, o)
			if err != nil {
				return fmt.Errorf("%s: %w", o.OperationID, err)
			}
			cmds = append(cmds, c)
		}
	}
	if len(cmds) != len(commands) {
		return fmt.Errorf("%d operations, %d placed", len(cmds), len(commands))
	}
	sort.Slice(cmds, func(i, j int) bool {
		if cmds[i].Group != cmds[j].Group {
			return cmds[i].Group < cmds[j].Group
		}
		return cmds[i].Name < cmds[j].Name
	})
	var groupNames []string
	for g := range groups {
		groupNames = append(groupNames, g)
	}
	sort.Strings(groupNames)
	var buf bytes.Buffer
	examples := map[string]string{}
	for _, c := range cmds {
		examples[c.Group] += c.Example + "\n"
	}
	if err := tmpl.Execute(&buf, map[string]any{"Commands": cmds, "Groups": groupNames, "GroupShort": groups, "GroupExamples": examples}); err != nil {
		return err
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return fmt.Errorf("formatting: %w\n%s", err, buf.Bytes())
	}
	return os.WriteFile(outputPath, src, 0o644)
}

func build(path, method string, o *openapi3.Operation) (command, error) {
	p, ok := commands[o.OperationID]
	if !ok {
		return command{}, fmt.Errorf("not placed in a group")
	}
	c := command{
		ID: o.OperationID, GoName: strings.ToUpper(o.OperationID[:1]) + o.OperationID[1:],
		Group: p.group, Name: p.name, Short: o.Summary, Example: "  " + p.example, Deprecated: o.Deprecated,
		Long: strings.TrimSpace(o.Description) + fmt.Sprintf("\n\nMX operation %s: %s %s.", o.OperationID, method, path),
	}
	for _, seg := range strings.Split(path, "/") {
		if !strings.HasPrefix(seg, "{") {
			continue
		}
		name := strings.Trim(seg, "{}")
		pp := o.Parameters.GetByInAndName("path", name).Schema.Value
		typ := "mxplatform." + pp.Extensions["x-go-type"].(string)
		v := genutil.LowerFirst(genutil.GoName(name))
		c.PathParams = append(c.PathParams, param{Var: v, Type: typ})
		c.Flags = append(c.Flags, fmt.Sprintf("pathSegment(b, &%s, %q, %q)", v, flagName(name), firstLine(o.Parameters.GetByInAndName("path", name).Description)))
	}
	for _, pr := range o.Parameters {
		pv := pr.Value
		switch pv.In {
		case "query":
			c.HasParams, c.TakesParams = true, true
			field := genutil.GoName(pv.Name)
			if n, ok := pv.Extensions["x-go-name"].(string); ok {
				field = n
			}
			binder, err := binderFor("params."+field, flagName(pv.Name), pv.Description, pv.Schema, false)
			if err != nil {
				return c, fmt.Errorf("parameter %s: %w", pv.Name, err)
			}
			c.Flags = append(c.Flags, binder)
		case "header":
			c.HasParams = true
			switch pv.Name {
			case "Accept-Language":
				c.AcceptLanguage = true
			case "X-CALLBACK-PAYLOAD":
				c.CallbackPayload = true
			default:
				return c, fmt.Errorf("header %s has no flag", pv.Name)
			}
		}
	}
	if rb := o.RequestBody; rb != nil {
		// The method takes the object the body wraps, and the options beside it when the body
		// has them (an allOf of the wrapper and an options schema): bind their fields.
		schema := rb.Value.Content.Get("application/json").Schema.Value
		props := schema.Properties
		if len(schema.AllOf) == 2 {
			props = schema.AllOf[0].Value.Properties
			options := schema.AllOf[1]
			c.Options = "mxplatform." + genutil.RefName(options)
			if err := bindObject(&c, "options", options.Value); err != nil {
				return c, err
			}
		}
		if len(props) != 1 {
			return c, fmt.Errorf("a request body that wraps %d members", len(props))
		}
		for _, prop := range props {
			c.Body, c.BodyArg = "mxplatform."+genutil.RefName(prop), "body"
			if err := bindObject(&c, "body", prop.Value); err != nil {
				return c, err
			}
		}
	}
	if f, ok := bodyDefaults[o.OperationID]; ok {
		if c.Body == "" {
			return c, fmt.Errorf("defaults %s for an operation without a body", f)
		}
		c.BodyDefaults = f
	}
	okResp := o.Responses.Status(200)
	switch {
	case o.OperationID == "aggregateMember" || o.OperationID == "checkBalances":
		c.Result, c.Wait = "job", waitCalls[o.OperationID]
	case o.OperationID == "resumeAggregation":
		c.Result, c.Wait = "job", "resume"
	case o.OperationID == "listMemberChallenges":
		c.Result = "challenges"
	case o.OperationID == "readTransaction":
		c.Result = "resource"
	case okResp == nil:
		c.Result = "none"
	default:
		s := okResp.Value.Content.Get(mediaType).Schema.Value
		c.Result = "resource"
		if _, paged := s.Properties["pagination"]; paged {
			c.Result = "page"
			for key, prop := range s.Properties {
				if prop.Value.Type.Is("array") {
					c.Items, c.ItemType = genutil.GoName(key), "mxplatform."+genutil.RefName(prop.Value.Items)
				}
			}
		}
	}
	return c, nil
}

// bindObject declares a flag per field of a request object.
func bindObject(c *command, prefix string, s *openapi3.Schema) error {
	for _, key := range genutil.SortedKeys(s.Properties) {
		prop := s.Properties[key]
		b, err := binderFor(prefix+"."+genutil.GoName(key), flagName(key), prop.Value.Description, prop, contains(s.Required, key))
		if err != nil {
			return fmt.Errorf("field %s: %w", key, err)
		}
		c.Flags = append(c.Flags, b)
	}
	return nil
}

// binderFor returns the Go call declaring the flag of one field or parameter.
func binderFor(dst, name, description string, ref *openapi3.SchemaRef, required bool) (string, error) {
	usage := firstLine(description)
	s := ref.Value
	enumRef := ref.Ref
	if enumRef == "" && len(s.AllOf) == 1 {
		enumRef = s.AllOf[0].Ref
		s = s.AllOf[0].Value
	}
	if usage == "" {
		usage = firstLine(s.Description)
	}
	switch {
	case len(s.Enum) > 0:
		typ := "mxplatform." + genutil.RefName(&openapi3.SchemaRef{Ref: enumRef})
		var values []string
		for _, e := range s.Enum {
			values = append(values, fmt.Sprintf("%q", e))
		}
		list := fmt.Sprintf("[]%s{%s}", typ, strings.Join(values, ", "))
		if required {
			return fmt.Sprintf("requiredEnum(b, &%s, %q, %q, %s, %s)", dst, name, usage, list, values[0]), nil
		}
		return fmt.Sprintf("enum(b, &%s, %q, %q, %s)", dst, name, usage, list), nil
	case s.Type.Is("string"):
		if required {
			return fmt.Sprintf("required(b, &%s, %q, %q)", dst, name, usage), nil
		}
		return fmt.Sprintf("optional(b, &%s, %q, %q)", dst, name, usage), nil
	case s.Type.Is("boolean"):
		return fmt.Sprintf("boolean(b, &%s, %q, %q)", dst, name, usage), nil
	case s.Type.Is("integer"):
		return fmt.Sprintf("integer(b, &%s, %q, %q)", dst, name, usage), nil
	case s.Type.Is("number") && s.Format == "decimal":
		return fmt.Sprintf("decimal(b, &%s, %q, %q)", dst, name, usage), nil
	case s.Type.Is("array") && s.Items.Value.Type.Is("string"):
		return fmt.Sprintf("list(b, &%s, %q, %q)", dst, name, usage), nil
	case s.Type.Is("array") && genutil.RefName(s.Items) == "CredentialRequest":
		return fmt.Sprintf("pairs(b, &%s, %q, %q, credential)", dst, name, usage), nil
	case s.Type.Is("array") && genutil.RefName(s.Items) == "ChallengeAnswer":
		return fmt.Sprintf("pairs(b, &%s, %q, %q, challengeAnswer)", dst, name, usage), nil
	}
	return "", fmt.Errorf("no flag for a %v", s.Type)
}

func flagName(name string) string {
	if n, ok := flagNames[name]; ok {
		return n
	}
	return strings.ReplaceAll(strings.TrimSuffix(name, "[]"), "_", "-")
}

// firstLine returns the first sentence of a description, for a flag's usage. Backquotes go:
// pflag would take the quoted word for the flag's value name.
func firstLine(s string) string {
	s = strings.TrimSpace(strings.NewReplacer("\n", " ", "`", "").Replace(s))
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i+1]
	}
	return strings.TrimSuffix(s, ".")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var tmpl = template.Must(template.New("cli").Funcs(template.FuncMap{"quote": func(s string) string { return fmt.Sprintf("%q", s) }}).Parse(`// Code generated by gen/cli from api/platform-v20111101.yaml. DO NOT EDIT.

package main

import (
	"fmt"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/spf13/cobra"
)

// addOperationCommands adds a command per operation of the MX Platform API, in its group.
func addOperationCommands(root *cobra.Command, a *app) {
	groups := map[string]*cobra.Command{}
{{- range .Groups}}
	groups["{{.}}"] = &cobra.Command{Use: "{{.}}", Short: {{index $.GroupShort . | quote}}, Example: {{index $.GroupExamples . | quote}}, RunE: groupRun}
	root.AddCommand(groups["{{.}}"])
{{- end}}
{{- range .Commands}}
	groups["{{.Group}}"].AddCommand(cmd{{.GoName}}(a))
{{- end}}
}
{{range .Commands}}
func cmd{{.GoName}}(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "{{.Name}}",
		Short:   {{quote .Short}},
		Long:    {{quote .Long}},
		Example: {{quote .Example}},
		Args:    cobra.NoArgs,
	}
	b := newBinder(cmd)
{{- range .PathParams}}
	var {{.Var}} {{.Type}}
{{- end}}
{{- if .TakesParams}}
	var params mxplatform.{{.GoName}}Params
{{- end}}
{{- if .Body}}
	var body {{.Body}}
{{- end}}
{{- if .Options}}
	options := &{{.Options}}{}
{{- end}}
{{- range .Flags}}
	{{.}}
{{- end}}
{{- if .BodyDefaults}}
	{{.BodyDefaults}}(b, &body)
{{- end}}
	var call callFlags
{{- if .AcceptLanguage}}
	acceptLanguageFlag(b, &call)
{{- end}}
{{- if .CallbackPayload}}
	callbackPayloadFlag(b, &call)
{{- end}}
{{- if or (eq .Result "page") (eq .Result "challenges")}}
	var lf listFlags
	addListFlags(cmd, &lf)
{{- end}}
{{- if eq .Result "job"}}
	var wf waitFlags
	addWaitFlags(cmd, &wf, {{if eq .Wait "resume"}}false{{else}}true{{end}})
{{- end}}
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := b.set(); err != nil {
			return err
		}
		{{- if .Deprecated}}
		fmt.Fprintln(a.stderr, "note: MX keeps this endpoint for existing integrations only; new ones use 'mx widgets url'")
		{{- end}}
		api, err := a.client()
		if err != nil {
			return err
		}
		ctx := cmd.Context()
		opts := call.options()
{{- $args := "" -}}
{{- range .PathParams}}{{$args = printf "%s, %s" $args .Var}}{{end -}}
{{- $call := printf "api.%s(ctx%s" .GoName $args -}}
{{- if .TakesParams}}{{$call = printf "%s, &params" $call}}{{end -}}
{{- if .Body}}{{$call = printf "%s, %s" $call .BodyArg}}{{end -}}
{{- if .Options}}{{$call = printf "%s, options" $call}}{{end -}}
{{- $call = printf "%s, opts...)" $call}}
{{- if eq .Result "none"}}
		if err := {{$call}}; err != nil {
			return err
		}
		fmt.Fprintln(a.stderr, "deleted")
		return nil
{{- else if eq .Result "resource"}}
		v, err := {{$call}}
		if err != nil {
			return err
		}
		return a.print(v)
{{- else if eq .Result "page"}}
		if lf.all {
			return printAll(a, api.{{.GoName}}Iter(ctx{{$args}}, &params, append(opts, lf.options()...)...))
		}
		v, err := {{$call}}
		if err != nil {
			return err
		}
		return printPage(a, v.Items, v.Pagination)
{{- else if eq .Result "challenges"}}
		if lf.all {
			return printAll(a, api.{{.GoName}}Iter(ctx{{$args}}, &params, append(opts, lf.options()...)...))
		}
		v, err := {{$call}}
		if err != nil {
			return err
		}
		if !v.Challenged {
			fmt.Fprintln(a.stderr, "the member is not challenged")
		}
		return printPage(a, v.Items, v.Pagination)
{{- else if eq .Result "job"}}
{{- if eq .Wait "resume"}}
		v, err := {{$call}}
		if err != nil {
			return err
		}
		if !wf.wait {
			return a.printJob(v)
		}
		r, err := api.WaitForJob(ctx{{$args}}, a.waitOptions(&wf), opts...)
		if err != nil {
			return err
		}
		return a.settle(ctx, api{{$args}}, r, &wf)
{{- else}}
		if wf.wait {
			r, err := api.{{.Wait}}(ctx{{$args}}{{if .TakesParams}}, &params{{end}}, a.waitOptions(&wf), opts...)
			if err != nil {
				return err
			}
			linef(a.stderr, "job %s", r.Job)
			return a.settle(ctx, api{{$args}}, r, &wf)
		}
		v, err := {{$call}}
		if err != nil {
			return err
		}
		return a.printJob(v)
{{- end}}
{{- end}}
	}
	return cmd
}
{{end}}`))
