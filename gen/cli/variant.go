package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/mxsdk/mx-go/gen/internal/genutil"
)

// apiVersion is one version of the Platform API the CLI speaks.
type apiVersion struct {
	Name      string // MX's name, the value of --api-version: v20250224
	Spec      string // its document
	Pkg       string // the Go package of its models and methods, as cmd/mx imports it
	Client    string // the method of cmd/mx's app that returns its API
	Const     string // the constant of cmd/mx naming it
	MediaType string // the media type of its JSON answers
}

// versions are the versions the CLI speaks, the default (MX's current version) first.
var versions = []apiVersion{
	{Name: "v20250224", Spec: "api/platform-v20250224.yaml", Pkg: "mxplatform", Client: "client", Const: "apiV20250224", MediaType: "application/json"},
	{Name: "v20111101", Spec: "api/platform-v20111101.yaml", Pkg: "v20111101", Client: "clientV20111101", Const: "apiV20111101", MediaType: "application/vnd.mx.api.v1+json"},
}

// variant is one operation as one version describes it: the flags it declares and the call it
// makes.
type variant struct {
	Version                         apiVersion
	Method, Path, Description       string
	PathParams                      []param
	Flags                           []flag
	Objects                         []object // nested objects of the body, declared before the flags
	Params                          string   // Go type of the query parameters, "" for none
	Body                            string   // Go type of the body variable, "" for none
	BodyHook                        string   // function completing the body (see bodyHooks)
	Secret                          string   // a member of the answer printed only on request
	Options                         string   // Go type of the options beside the body, "" for none
	Records                         *records // a body that is a list of records: the record the flags fill
	AcceptLanguage, CallbackPayload bool
	// Processor marks an operation of a payment processor (security: a bearer token, not the
	// partner's basic credentials): its command calls package processor with the processor
	// token and never with the partner's credentials.
	Processor bool
	// Result is what the method returns and how the command shows it: none (a 204), resource
	// (one object: wrapped, bare, or either), list (records without pagination), text (one
	// string), page (a page of a list the command can page through: --all, --limit), onepage
	// (a page of a list without page parameters: the page MX chooses), challenges, job or
	// download.
	Result      string
	Wait        string // job: library call of --wait, "resume" for resume
	identifiers bool   // whether a path parameter takes the partner's id too
}

// records is the one record of a list body that a command's flags fill, sent as a list of
// one; --input sends a list from a file instead.
type records struct {
	Var, Type string   // the local variable of the record and its Go type
	Noun      string   // what a record is, for messages: "transaction"
	Required  []string // the flags a record from the flags must have
	Names     []string // every flag of the record
}

// param is a path parameter: the local variable holding it and its Go type.
type param struct{ Var, Type string }

// flag is the declaration of one flag: the binder call, and the flag's name and kind (the
// value pflag holds), which the versions of a command must agree on.
type flag struct{ Call, Name, Kind, Key string }

// object is a nested object of a request: a local variable of its type whose fields the flags
// fill, set into its field (Field) when any of its flags (Names) was given.
type object struct {
	Var, Type, Field string
	Names            []string
}

// Kinds of flag values.
const (
	kindString = "string"
	kindBool   = "bool"
	kindInt    = "int"
	kindList   = "list"  // a string slice: a,b or repeated
	kindPairs  = "pairs" // a string array of GUID=VALUE
)

// goName is the name of the SDK's method of an operation: its x-go-name (MX's misspelt
// operation IDs get a name spelt right), else the ID with a capital.
func goName(o *openapi3.Operation) string {
	if n, ok := o.Extensions["x-go-name"].(string); ok {
		return n
	}
	return strings.ToUpper(o.OperationID[:1]) + o.OperationID[1:]
}

// takesBearer reports whether an operation authenticates with a bearer token (a payment
// processor's) rather than the partner's basic credentials, as gen/platform decides which
// package has its method.
func takesBearer(o *openapi3.Operation) bool {
	if o.Security == nil || len(*o.Security) == 0 {
		return false
	}
	for _, r := range *o.Security {
		if _, ok := r["basicAuth"]; ok {
			return false
		}
	}
	return true
}

// buildVariant describes an operation of version v.
func buildVariant(v apiVersion, path, method string, o *openapi3.Operation) (variant, error) {
	vr := variant{Version: v, Method: method, Path: path, Description: strings.TrimSpace(o.Description), Processor: takesBearer(o)}
	goName := goName(o)
	for _, seg := range strings.Split(path, "/") {
		if !strings.HasPrefix(seg, "{") {
			continue
		}
		name := strings.Trim(strings.TrimSuffix(seg, ".pdf"), "{}")
		pr := o.Parameters.GetByInAndName("path", name)
		if pr == nil {
			return vr, fmt.Errorf("path parameter %s is not declared", name)
		}
		usage := firstLine(pr.Description)
		goType, _ := pr.Schema.Value.Extensions["x-go-type"].(string)
		if goType == "" {
			if !pr.Schema.Value.Type.Is("integer") {
				return vr, fmt.Errorf("path parameter %s: neither an x-go-type nor an integer", name)
			}
			// A number, such as the iteration of a spending plan.
			pv := genutil.LowerFirst(genutil.GoName(name))
			vr.PathParams = append(vr.PathParams, param{Var: pv, Type: "int"})
			vr.Flags = append(vr.Flags, flag{fmt.Sprintf("pathNumber(b, &%s, %q, %q)", pv, flagName(name), usage), flagName(name), kindInt, name})
			continue
		}
		if carrier, ok := identifierCarriers[goType]; ok {
			goType = carrier
			vr.identifiers = true
			usage += "; either is sent as given"
		}
		pv := genutil.LowerFirst(genutil.GoName(name))
		vr.PathParams = append(vr.PathParams, param{Var: pv, Type: "mxplatform." + goType})
		vr.Flags = append(vr.Flags, flag{fmt.Sprintf("pathSegment(b, &%s, %q, %q)", pv, flagName(name), usage), flagName(name), kindString, name})
	}
	for _, pr := range o.Parameters {
		pv := pr.Value
		switch pv.In {
		case "query":
			vr.Params = v.Pkg + "." + goName + "Params"
			field := genutil.GoName(pv.Name)
			if n, ok := pv.Extensions["x-go-name"].(string); ok {
				field = n
			}
			f, err := binderFor(v, "params."+field, flagName(pv.Name), pv.Name, pv.Description, pv.Schema, false, false)
			if err != nil {
				return vr, fmt.Errorf("parameter %s: %w", pv.Name, err)
			}
			vr.Flags = append(vr.Flags, f)
		case "header":
			switch pv.Name {
			case "Accept-Language":
				vr.AcceptLanguage = true
			case "X-CALLBACK-PAYLOAD":
				vr.CallbackPayload = true
			default:
				return vr, fmt.Errorf("header %s has no flag", pv.Name)
			}
		}
	}
	if rb := o.RequestBody; rb != nil {
		if err := bindBody(&vr, rb.Value.Content.Get("application/json").Schema); err != nil {
			return vr, err
		}
	}
	vr.Secret = secretMembers[o.OperationID]
	if f, ok := bodyHooks[o.OperationID][v.Name]; ok {
		if vr.Body == "" {
			return vr, fmt.Errorf("body hook %s for an operation without a body", f)
		}
		vr.BodyHook = f
	}
	if err := result(&vr, o); err != nil {
		return vr, err
	}
	return vr, nil
}

// bindBody declares the flags of a request body. The method takes what the body wraps (one
// member: an object, or a list of them), with the options beside it when the body has them (an
// allOf of the wrapper and an options schema), or the body itself when it is a model sent
// flat, as gen/platform decides.
func bindBody(vr *variant, ref *openapi3.SchemaRef) error {
	schema, pkg := ref.Value, vr.Version.Pkg
	if !genutil.WrapsRequest(schema) {
		vr.Body = pkg + "." + genutil.RefName(ref)
		return bindObject(vr, "body", "", schema)
	}
	props := schema.Properties
	if len(schema.AllOf) == 2 {
		props = schema.AllOf[0].Value.Properties
		options := schema.AllOf[1]
		vr.Options = pkg + "." + genutil.RefName(options)
		if err := bindObject(vr, "options", "", options.Value); err != nil {
			return err
		}
	}
	for key, prop := range props {
		if !prop.Value.Type.Is("array") {
			vr.Body = pkg + "." + genutil.RefName(prop)
			return bindObject(vr, "body", "", prop.Value)
		}
		items := prop.Value.Items
		vr.Body = "[]" + pkg + "." + genutil.RefName(items)
		usage := prop.Value.Description
		if usage == "" {
			usage = items.Value.Description // what one element is
		}
		if f, err := binderFor(vr.Version, "body", flagName(key), key, usage, prop, true, true); err == nil {
			// A list whose elements one flag gives, repeated (--goal GUID=POSITION).
			vr.Flags = append(vr.Flags, f)
			return nil
		}
		// A list of records: the flags fill one, --input gives many.
		rec := &records{Var: "item", Type: pkg + "." + genutil.RefName(items), Noun: strings.TrimSuffix(key, "s")}
		before := len(vr.Flags)
		if err := bindObject(vr, "item", key, items.Value); err != nil {
			return err
		}
		for _, f := range vr.Flags[before:] {
			rec.Names = append(rec.Names, f.Name)
			if slices.Contains(items.Value.Required, f.Key) {
				rec.Required = append(rec.Required, f.Name)
			}
		}
		vr.Records = rec
	}
	return nil
}

// result says what the method of the operation returns and how the command shows it. The
// shapes are those gen/platform gives the methods: see Result.
func result(vr *variant, o *openapi3.Operation) error {
	if job, _ := o.Extensions["x-mx-job"].(bool); job {
		// The wait helpers take the query parameters of the request that starts the job, as
		// the method does.
		vr.Result, vr.Wait = "job", waitCalls[o.OperationID]
		if vr.Wait == "" {
			return fmt.Errorf("a job operation without a --wait call in waitCalls")
		}
		return nil
	}
	if o.OperationID == "listMemberChallenges" {
		vr.Result = "challenges"
		return nil
	}
	ok := o.Responses.Status(200)
	if ok == nil {
		ok = o.Responses.Status(202)
	}
	if ok == nil {
		if o.Responses.Status(204) == nil {
			return fmt.Errorf("neither 200, 202 nor 204")
		}
		vr.Result = "none"
		return nil
	}
	for ct, mt := range ok.Value.Content {
		if strings.HasSuffix(ct, "pdf") && mt.Schema.Value.Type.Is("string") {
			vr.Result = "download"
			return nil
		}
		if ct != "application/json" && !strings.HasSuffix(ct, "+json") {
			continue
		}
		vr.Result = answerShape(o, mt.Schema.Value)
		if vr.Result == "" {
			return fmt.Errorf("an answer the CLI cannot show")
		}
		paged := o.Parameters.GetByInAndName("query", "page") != nil && o.Parameters.GetByInAndName("query", "records_per_page") != nil
		if vr.Result == "onepage" && paged {
			vr.Result = "page"
		}
		return nil
	}
	return fmt.Errorf("an answer the CLI cannot show")
}

// answerShape classifies a JSON answer as gen/platform does: the resource bare or wrapped, a
// resource or a list of it (a list when the operation lists), the resource itself, one
// member (a list without pagination, a text, or a resource), or a page of a list ("onepage",
// which result makes "page" when the operation takes page parameters).
func answerShape(o *openapi3.Operation, answer *openapi3.Schema) string {
	switch {
	case len(answer.AllOf) == 2 && answer.AllOf[0].Ref != "":
		return "resource" // bare or wrapped
	case len(answer.Required) == 0 && eitherShape(answer):
		if strings.HasPrefix(o.OperationID, "list") {
			return "list" // a list that may answer one record alone
		}
		return "resource"
	case !wraps(answer):
		return "resource" // the answer is the resource
	case len(answer.Properties) == 1:
		for _, prop := range answer.Properties {
			switch {
			case prop.Value.Type.Is("array"):
				return "list"
			case prop.Ref == "" && prop.Value.Type.Is("string"):
				return "text"
			}
		}
		return "resource"
	case answer.Properties["pagination"] != nil && len(answer.Properties) == 2:
		return "onepage"
	}
	return ""
}

// eitherShape reports whether an answer holds a resource K or a list of it under K+"s".
func eitherShape(answer *openapi3.Schema) bool {
	for key, prop := range answer.Properties {
		list := answer.Properties[key+"s"]
		if prop.Ref != "" && list != nil && list.Value.Type.Is("array") && genutil.RefName(list.Value.Items) == genutil.RefName(prop) {
			return true
		}
	}
	return false
}

// wraps reports whether an answer's schema wraps what it answers in members (gen/platform's
// rule): an allOf, one member, or members that are all references or lists.
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

// bindObject declares a flag per field of a request object, fields of nested objects
// included; outer is the name of the object holding s when s is nested, "" otherwise.
func bindObject(vr *variant, prefix, outer string, s *openapi3.Schema) error {
	for _, key := range genutil.SortedKeys(s.Properties) {
		prop := s.Properties[key]
		required := slices.Contains(s.Required, key)
		name := flagName(key)
		if outer != "" {
			if n, ok := flagNames[outer+"."+key]; ok {
				name = n
			}
		}
		if nested := prop.Value; nested.Type.Is("object") && prop.Ref != "" {
			if outer != "" || required {
				return fmt.Errorf("field %s: a nested object the CLI cannot fill", key)
			}
			obj := object{Var: prefix + genutil.GoName(key), Type: vr.Version.Pkg + "." + genutil.RefName(prop), Field: prefix + "." + genutil.GoName(key)}
			before := len(vr.Flags)
			if err := bindObject(vr, obj.Var, key, nested); err != nil {
				return err
			}
			for _, f := range vr.Flags[before:] {
				obj.Names = append(obj.Names, f.Name)
			}
			vr.Objects = append(vr.Objects, obj)
			continue
		}
		usage := prop.Value.Description
		if prop.Value.Deprecated {
			usage = firstLine(usage) + " (deprecated in " + vr.Version.Name + ")"
		}
		// A field required in an optional nested object is a value, but its flag stays
		// optional: the object is sent only when one of its flags is given.
		f, err := binderFor(vr.Version, prefix+"."+genutil.GoName(key), name, key, usage, prop, required, required && outer == "")
		if err != nil {
			return fmt.Errorf("field %s: %w", key, err)
		}
		vr.Flags = append(vr.Flags, f)
	}
	return nil
}

// binderFor returns the declaration of the flag of one field or parameter named key. value
// says that the destination is a value of the request, not a pointer (the field is required in
// its object); mark, that the flag must be given, unless it is an enum with a default.
func binderFor(v apiVersion, dst, name, key, description string, ref *openapi3.SchemaRef, value, mark bool) (flag, error) {
	usage := firstLine(description)
	s := ref.Value
	enumRef := ref.Ref
	def, hasDefault := enumDefaults[key]
	if d, ok := s.Default.(string); ok {
		def, hasDefault = d, true
	}
	if enumRef == "" && len(s.AllOf) == 1 {
		enumRef = s.AllOf[0].Ref
		s = s.AllOf[0].Value
	}
	if usage == "" {
		usage = firstLine(s.Description)
	}
	call := func(kind, format string, args ...any) (flag, error) {
		return flag{Call: fmt.Sprintf(format, args...), Name: name, Kind: kind, Key: key}, nil
	}
	switch {
	case len(s.Enum) > 0 && s.Type.Is("integer") && !value:
		// A number that stands for a name: the flag takes the name (or the number).
		names, _ := s.Extensions["x-enum-varnames"].([]any)
		if len(names) != len(s.Enum) {
			return flag{}, fmt.Errorf("an integer enum without x-enum-varnames")
		}
		words := make([]string, len(names))
		for i, n := range names {
			words[i] = fmt.Sprintf("%q", kebab(n.(string)))
		}
		typ := v.Pkg + "." + genutil.RefName(&openapi3.SchemaRef{Ref: enumRef})
		values := make([]string, len(s.Enum))
		for i, e := range s.Enum {
			values[i] = fmt.Sprint(e)
		}
		return call(kindString, "numberEnum(b, &%s, %q, %q, []string{%s}, []%s{%s})", dst, name, usage, strings.Join(words, ", "), typ, strings.Join(values, ", "))
	case len(s.Enum) > 0 && !value:
		return call(kindString, "enum(b, &%s, %q, %q, %s)", dst, name, usage, enumList(v, enumRef, s))
	case len(s.Enum) > 0 && mark && hasDefault:
		return call(kindString, "defaultEnum(b, &%s, %q, %q, %s, %q)", dst, name, usage, enumList(v, enumRef, s), def)
	case len(s.Enum) > 0 && mark:
		return call(kindString, "requiredEnum(b, &%s, %q, %q, %s)", dst, name, usage, enumList(v, enumRef, s))
	case len(s.Enum) > 0:
		return flag{}, fmt.Errorf("an enum value in an optional object")
	case s.Type.Is("string") && !value:
		return call(kindString, "optional(b, &%s, %q, %q)", dst, name, usage)
	case s.Type.Is("string") && mark:
		return call(kindString, "required(b, &%s, %q, %q)", dst, name, usage)
	case s.Type.Is("string"):
		return call(kindString, "value(b, &%s, %q, %q)", dst, name, usage)
	case s.Type.Is("boolean") && !value:
		return call(kindBool, "boolean(b, &%s, %q, %q)", dst, name, positive(name, usage))
	case s.Type.Is("integer") && !value:
		return call(kindInt, "integer(b, &%s, %q, %q)", dst, name, usage)
	case s.Type.Is("number") && s.Format == "decimal" && !value:
		return call(kindString, "decimal(b, &%s, %q, %q)", dst, name, usage)
	case s.Type.Is("number") && s.Format == "decimal" && mark:
		return call(kindString, "requiredDecimal(b, &%s, %q, %q)", dst, name, usage)
	case s.Type.Is("array"):
		items := s.Items
		switch genutil.RefName(items) {
		case "CredentialRequest":
			return call(kindPairs, "pairs(b, &%s, %q, %q, credential)", dst, name, usage)
		case "ChallengeAnswer":
			return call(kindPairs, "pairs(b, &%s, %q, %q, challengeAnswer)", dst, name, usage)
		case "GoalPosition":
			if !mark {
				break
			}
			return call(kindPairs, "goalPositions(b, &%s, %q, %q)", dst, name, usage)
		}
		it := items.Value
		fn := "list"
		if len(it.Enum) > 0 {
			fn = "enumList"
		} else if !it.Type.Is("string") {
			break
		}
		if mark && len(it.Enum) > 0 {
			return flag{}, fmt.Errorf("a required list of enum values, which cmd/mx has no flag for")
		}
		if mark {
			fn = "requiredList"
		}
		if len(it.Enum) > 0 {
			return call(kindList, "%s(b, &%s, %q, %q, %s)", fn, dst, name, usage, enumList(v, items.Ref, it))
		}
		return call(kindList, "%s(b, &%s, %q, %q)", fn, dst, name, usage)
	}
	return flag{}, fmt.Errorf("no flag for a %v (value: %v, must be given: %v)", s.Type, value, mark)
}

// enumList writes the values of an enum as a Go slice of its type.
func enumList(v apiVersion, ref string, s *openapi3.Schema) string {
	typ := v.Pkg + "." + genutil.RefName(&openapi3.SchemaRef{Ref: ref})
	values := make([]string, len(s.Enum))
	for i, e := range s.Enum {
		values[i] = fmt.Sprintf("%q", e)
	}
	return fmt.Sprintf("[]%s{%s}", typ, strings.Join(values, ", "))
}

// kebab writes a Go name as the word of a flag's value: RecurringExpense, recurring-expense.
func kebab(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte('-')
		}
		b.WriteRune(r)
	}
	return strings.ToLower(b.String())
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
