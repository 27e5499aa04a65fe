package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/spf13/cobra"
)

const apiLong = `api sends one request to any path of the MX Platform API, with the configured credentials, the
API version of --api-version in Accept-Version, and the SDK's retries: a GET, PUT or DELETE is
sent again after a failure that may be passing, a POST or PATCH only when MX cannot have
applied it. It prints MX's answer as other commands print theirs (-o, --jq); a 204 prints
nothing.

Fields. -f key=value adds a text field; -F key=value adds a typed one: true, false, null and
numbers become JSON's (12.50 stays 12.50), anything else is text. For GET and DELETE, and when
--input gives the body, fields go in the query string, their keys as written (MX's own lists
use category_guid[]=...). Otherwise they form a JSON body, in which brackets nest:
  -f 'user[email]=ada@example.com'            {"user": {"email": "ada@example.com"}}
  -f 'member[credentials][][guid]=CRD-1'      starts an object in the list credentials;
  -f 'member[credentials][][value]=mxuser'    a key the last object has not got joins it
  -f 'data_request[products][]=transactions'  adds text to the list products
Dots are not special: a key with a dot is one key. --input FILE (- for stdin) sends a JSON
document as the body instead.

--paginate follows MX's pagination: it asks for page 1, 2... (records_per_page 100 unless the
path or a field says otherwise) until the last page, and prints every record of the list, the
array member of the answer beside its pagination, as one list; --limit N stops once N records
are printed, without asking for the next page.`

func cmdAPI(a *app) *cobra.Command {
	var (
		textFields, typedFields []string
		input                   string
		paginate                bool
		limit                   int
	)
	cmd := &cobra.Command{
		Use:   "api METHOD PATH",
		Short: "Send any request to the MX Platform API",
		Long:  apiLong,
		Example: "  mx api GET /institutions -f name=mx -o table\n" +
			"  mx api POST /users -f 'user[id]=grace-1' -f 'user[email]=grace@example.com' -F 'user[is_disabled]=false'\n" +
			"  mx api GET /users --paginate --limit 3 --jq '.[].guid'\n" +
			"  echo '{\"user\": {\"email\": \"lin@example.com\"}}' | mx api POST /users --input -\n" +
			"  mx api GET /users/u-1\n" +
			"  mx api GET /institutions/mxbank --api-version v20111101",
		Args: cobra.ExactArgs(2),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return apiMethods, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			method := strings.ToUpper(args[0])
			if !slices.Contains(apiMethods, method) {
				return usageError{fmt.Errorf("METHOD: %q is not one of %s", args[0], strings.Join(apiMethods, ", "))}
			}
			if cmd.Flags().Changed("limit") {
				if err := atLeast(limit, 1); err != nil {
					return usageError{fmt.Errorf("--limit: %w", err)}
				}
				if !paginate {
					return usageError{errors.New("--limit: only with --paginate")}
				}
			}
			if paginate && method != http.MethodGet {
				return usageError{errors.New("--paginate: only with GET")}
			}
			req, err := a.apiRequest(method, args[1], textFields, typedFields, input)
			if err != nil {
				return usageError{err}
			}
			if paginate {
				return a.paginate(cmd.Context(), req, limit)
			}
			var raw json.RawMessage
			if err := a.send(cmd.Context(), req, &raw); err != nil {
				return err
			}
			if len(raw) == 0 {
				return nil
			}
			x, err := decodeTree(raw)
			if err != nil {
				return err
			}
			if a.global.output == "table" || a.global.output == "csv" {
				if records, key := listOf(x); key != "" {
					return a.emit(records, listKinds[key])
				}
			}
			return a.emit(x, "")
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&textFields, "raw-field", "f", nil, "a text field, key=value (repeatable)")
	f.StringArrayVarP(&typedFields, "field", "F", nil, "a typed field, key=value: true, false, null and numbers as JSON's (repeatable)")
	f.StringVar(&input, "input", "", "send the JSON document in this file as the body (- for stdin)")
	f.BoolVar(&paginate, "paginate", false, "follow the pages of a list and print every record")
	f.IntVar(&limit, "limit", 0, "with --paginate, print at most this many records and fetch no further page")
	return cmd
}

// apiMethods are the methods mx api sends.
var apiMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// apiRequest builds the request of mx api: the path (with its query), the fields and the body.
func (a *app) apiRequest(method, path string, text, typed []string, input string) (*http.Request, error) {
	u, err := url.Parse(path)
	if err != nil {
		return nil, fmt.Errorf("PATH: %w", err)
	}
	if u.Scheme != "" || u.Host != "" || u.User != nil {
		return nil, fmt.Errorf("PATH: %q is a URL: give the path under the MX server, such as /users", path)
	}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path
	}
	if slices.Contains(strings.Split(u.Path, "/"), "..") {
		return nil, fmt.Errorf("PATH: %q has a .. segment, which would climb out of the API", path)
	}
	var fields []field
	for _, kv := range text {
		f, err := parseField(kv, false)
		if err != nil {
			return nil, fmt.Errorf("--raw-field: %w", err)
		}
		fields = append(fields, f)
	}
	for _, kv := range typed {
		f, err := parseField(kv, true)
		if err != nil {
			return nil, fmt.Errorf("--field: %w", err)
		}
		fields = append(fields, f)
	}
	var body []byte
	switch {
	case input != "":
		if body, err = a.readInput(input); err != nil {
			return nil, err
		}
		if !json.Valid(body) {
			return nil, fmt.Errorf("--input: %s is not a JSON document", inputName(input))
		}
		fallthrough
	case method == http.MethodGet || method == http.MethodDelete:
		q := u.Query()
		for _, f := range fields {
			q.Add(f.key, f.text())
		}
		u.RawQuery = q.Encode()
	case len(fields) > 0:
		doc, err := nest(fields)
		if err != nil {
			return nil, err
		}
		if body, err = json.Marshal(doc); err != nil {
			return nil, err
		}
	}
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, u.String(), r)
	if err != nil {
		return nil, err
	}
	return req, nil
}

func inputName(input string) string {
	if input == "-" {
		return "stdin"
	}
	return input
}

// readInput reads the body of --input: a file, or stdin for -.
func (a *app) readInput(input string) ([]byte, error) {
	var r io.Reader = a.stdin
	if input != "-" {
		f, err := os.Open(input)
		if err != nil {
			return nil, fmt.Errorf("--input: %w", err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("--input: %w", err)
	case len(b) > maxInput:
		return nil, fmt.Errorf("--input: %s is larger than %d MiB", inputName(input), maxInput>>20)
	}
	return b, nil
}

// maxInput bounds the body --input sends: far beyond any request of MX's.
const maxInput = 4 << 20

// field is one -f or -F: its key, as written, and its value.
type field struct {
	key   string
	value any // string, or with -F bool, nil or json.Number
}

// text is the value as a query string carries it.
func (f field) text() string {
	switch v := f.value.(type) {
	case nil:
		return ""
	case string:
		return v
	case json.Number:
		return v.String()
	}
	return fmt.Sprint(f.value)
}

// parseField reads key=value; typed reads the value as -F does.
func parseField(kv string, typed bool) (field, error) {
	key, value, ok := strings.Cut(kv, "=")
	if !ok || key == "" {
		return field{}, fmt.Errorf("%q is not key=value", kv)
	}
	f := field{key: key, value: value}
	if !typed {
		return f, nil
	}
	switch value {
	case "true":
		f.value = true
	case "false":
		f.value = false
	case "null":
		f.value = nil
	default:
		if isJSONNumber(value) {
			f.value = json.Number(value)
		}
	}
	return f, nil
}

// isJSONNumber reports whether s is a number as JSON writes one.
func isJSONNumber(s string) bool {
	if _, err := strconv.ParseFloat(s, 64); err != nil {
		return false
	}
	var n json.Number
	return json.Unmarshal([]byte(s), &n) == nil
}

// nest builds the JSON body of fields, brackets nesting: a[b]=1 is {"a": {"b": 1}}, a[]=1
// appends 1 to the list a, and a[][b]=1 sets b in the last object of the list a, or in a new
// one when that object has b already.
func nest(fields []field) (map[string]any, error) {
	root := map[string]any{}
	for _, f := range fields {
		path, err := keyPath(f.key)
		if err != nil {
			return nil, err
		}
		if err := place(root, path, f.value, f.key); err != nil {
			return nil, err
		}
	}
	return root, nil
}

// keyPath splits a[b][][c] into a, b, "", c ("" for a list).
func keyPath(key string) ([]string, error) {
	i := strings.IndexByte(key, '[')
	if i < 0 {
		return []string{key}, nil
	}
	path := []string{key[:i]}
	rest := key[i:]
	for rest != "" {
		end := strings.IndexByte(rest, ']')
		if rest[0] != '[' || end < 0 {
			return nil, fmt.Errorf("key %q: brackets do not match", key)
		}
		path = append(path, rest[1:end])
		rest = rest[end+1:]
	}
	if path[0] == "" {
		return nil, fmt.Errorf("key %q has no name before its brackets", key)
	}
	for i, p := range path[1:] {
		if p == "" && i+2 < len(path) && path[i+2] == "" {
			return nil, fmt.Errorf("key %q: a list of lists cannot be written with brackets; use --input", key)
		}
	}
	return path, nil
}

// place sets value at path in the object m.
func place(m map[string]any, path []string, value any, key string) error {
	name := path[0]
	if len(path) == 1 {
		if _, taken := m[name]; taken {
			return fmt.Errorf("key %q is given twice", key)
		}
		m[name] = value
		return nil
	}
	if path[1] != "" { // an object
		child, ok := m[name].(map[string]any)
		if !ok {
			if _, taken := m[name]; taken {
				return fmt.Errorf("key %q: %s is not an object", key, name)
			}
			child = map[string]any{}
			m[name] = child
		}
		return place(child, path[1:], value, key)
	}
	list, ok := m[name].([]any)
	if !ok {
		if _, taken := m[name]; taken {
			return fmt.Errorf("key %q: %s is not a list", key, name)
		}
	}
	if len(path) == 2 { // a[]=value
		m[name] = append(list, value)
		return nil
	}
	// a[][b]...: into the last object, unless it has b already.
	var last map[string]any
	if len(list) > 0 {
		last, _ = list[len(list)-1].(map[string]any)
	}
	if _, has := last[path[2]]; last == nil || (has && len(path) == 3) {
		last = map[string]any{}
		list = append(list, last)
	}
	m[name] = list
	return place(last, path[2:], value, key)
}

// send sends a request of mx api through the SDK, with the version's headers, and decodes
// the JSON answer into out (nothing for an empty answer).
func (a *app) send(ctx context.Context, req *http.Request, out *json.RawMessage) error {
	api, err := a.client()
	if err != nil {
		return err
	}
	op := &mxplatform.Operation{
		ID:   "api",
		Path: req.URL.Path,
		// What a raw answer may cost to decode is bounded as for MX's largest pages.
		MaxRecords: 1000,
		Version:    string(a.version),
	}
	if a.version == apiV20111101 {
		op.Accept = "application/vnd.mx.api.v1+json"
	}
	req = req.WithContext(ctx)
	_, err = api.Do(ctx, op, req, out)
	return err
}

// listOf returns the records of a list's answer and the member holding them: the one array
// of an object beside its pagination.
func listOf(x any) ([]any, string) {
	m, ok := x.(map[string]any)
	if !ok {
		return nil, ""
	}
	var key string
	var records []any
	for k, v := range m {
		if list, ok := v.([]any); ok {
			if key != "" {
				return nil, "" // two lists: not one list's answer
			}
			key, records = k, list
		}
	}
	return records, key
}

// paginate prints every record of a list, page after page, at most limit (0: all).
func (a *app) paginate(ctx context.Context, req *http.Request, limit int) error {
	q := req.URL.Query()
	first, perPage := 1, 100
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return usageError{fmt.Errorf("page %q is not a page number", p)}
		}
		first = n
	}
	if p := q.Get("records_per_page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return usageError{fmt.Errorf("records_per_page %q is not a number of records", p)}
		}
		perPage = n
	}
	var listKey string
	fetch := func(ctx context.Context, page, perPage int, _ []mxplatform.CallOption) ([]any, mxplatform.Pagination, error) {
		r := req.Clone(ctx)
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(page))
		q.Set("records_per_page", strconv.Itoa(perPage))
		r.URL.RawQuery = q.Encode()
		var raw json.RawMessage
		if err := a.send(ctx, r, &raw); err != nil {
			return nil, mxplatform.Pagination{}, err
		}
		var answer struct {
			Pagination *mxplatform.Pagination `json:"pagination"`
		}
		if err := json.Unmarshal(raw, &answer); err != nil || answer.Pagination == nil {
			return nil, mxplatform.Pagination{}, fmt.Errorf("--paginate: the answer to %s is not a page of a list (no pagination)", r.URL.Path)
		}
		x, err := decodeTree(raw)
		if err != nil {
			return nil, mxplatform.Pagination{}, err
		}
		records, key := listOf(x)
		if key == "" {
			return nil, mxplatform.Pagination{}, fmt.Errorf("--paginate: the answer to %s holds no one list of records", r.URL.Path)
		}
		listKey = key
		return records, *answer.Pagination, nil
	}
	guid := func(x any) string {
		m, _ := x.(map[string]any)
		s, _ := m["guid"].(string)
		return s
	}
	var records []any
	for record, err := range mxplatform.Paginate(ctx, first, perPage, guid, fetch) {
		if err != nil {
			return err
		}
		if records = append(records, record); len(records) == limit {
			break
		}
	}
	return a.emit(orEmpty(records), listKinds[listKey])
}
