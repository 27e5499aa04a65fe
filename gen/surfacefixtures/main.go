// Command surfacefixtures extracts the JSON examples of the documents beside the Platform API
// reference into api/testdata, one folder per document, each with a README listing every file,
// the line of the reference it comes from and every repair made to it:
//
//   - api/reference/mx-account-webhook.txt: the account webhook's example payload, into
//     api/testdata/webhooks;
//   - api/reference/mx-nexus-merge-accounts.txt: the merge request body and response, into
//     api/testdata/nexus/mergeAccounts (the block document has no JSON example);
//   - api/reference/moov-disconnect-account.txt: the documented error bodies, by status, into
//     api/testdata/moov/disconnectAccount.
//
// It fails when an expected example is missing, so that a changed reference is noticed.
//
// Run from the repository root (make generate does): go run ./gen/surfacefixtures
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/mxsdk/mx-go/gen/internal/genutil"
)

// fixture is one extracted example.
type fixture struct {
	file    string // path below the folder of its document
	line    int    // 1-based line of the reference where the example starts
	what    string // what the example is
	repairs []string
	body    []byte
}

// document is one reference document and the folder its examples go to.
type document struct {
	reference string // path of the reference document
	dir       string // output folder
	title     string // heading of the README
	intro     string // what the folder holds and how tests use it
	extract   func(lines []string) ([]fixture, error)
}

var documents = []document{
	{
		reference: "api/reference/mx-account-webhook.txt",
		dir:       "api/testdata/webhooks",
		title:     "Account webhook fixtures",
		intro: "The example payload MX POSTs to a partner when an account is created, updated or deleted.\n" +
			"Tests validate it against the request body of `api/webhooks.yaml`, decode it strictly into\n" +
			"`webhook.AccountEvent` and feed it to the handler and to the decoder's fuzz target.",
		extract: extractWebhook,
	},
	{
		reference: "api/reference/mx-nexus-merge-accounts.txt",
		dir:       "api/testdata/nexus",
		title:     "Nexus API fixtures",
		intro: "`<operationId>/request.json` is a request body and `<operationId>/<status>.json` a response of\n" +
			"`api/nexus.yaml`. The block document (`api/reference/mx-nexus-block-account.txt`) has no JSON\n" +
			"example. Tests validate every file against the spec and decode it strictly.",
		extract: extractNexusMerge,
	},
	{
		reference: "api/reference/moov-disconnect-account.txt",
		dir:       "api/testdata/moov",
		title:     "Moov fixtures",
		intro: "`disconnectAccount/<status>.json` is the error body Moov documents for that status of\n" +
			"`api/moov.yaml`. Tests validate every file against the spec and decode it strictly.",
		extract: extractMoov,
	},
}

func main() {
	for _, d := range documents {
		if err := run(d); err != nil {
			fmt.Fprintf(os.Stderr, "surfacefixtures: %s: %v\n", d.reference, err)
			os.Exit(1)
		}
	}
}

func run(d document) error {
	raw, err := os.ReadFile(d.reference)
	if err != nil {
		return err
	}
	fixtures, err := d.extract(strings.Split(string(raw), "\n"))
	if err != nil {
		return err
	}
	if err := os.RemoveAll(d.dir); err != nil {
		return err
	}
	for _, f := range fixtures {
		path := filepath.Join(d.dir, f.file)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, f.body, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(d.dir, "README.md"), manifest(d, fixtures), 0o644)
}

var (
	gutterLine = regexp.MustCompile(`^_[0-9]+$`)
	// A JSON member whose value is a bare word that is not a JSON literal.
	unquotedValue = regexp.MustCompile(`^(\s*"[a-z_]+": )([A-Za-z][A-Za-z0-9_-]*)(,?)$`)
	httpLine      = regexp.MustCompile(`^(POST|PUT|GET|DELETE) /`)
)

// extractWebhook takes the example payload: the code block after "Example Payload", written
// with a gutter line (`_114`) before every line and preceded by the HTTP request line and
// headers.
func extractWebhook(lines []string) ([]fixture, error) {
	start := slices.Index(lines, "Example Payload")
	if start < 0 {
		return nil, errors.New(`no "Example Payload" section`)
	}
	type numbered struct {
		n    int
		text string
	}
	var code []numbered
	gutters := 0
	for i := start + 1; i < len(lines); i++ {
		text := strings.TrimRight(lines[i], " \t\r")
		if gutterLine.MatchString(text) {
			gutters++
			continue
		}
		if gutters > 0 {
			code = append(code, numbered{i + 1, text})
		}
	}
	if gutters == 0 {
		return nil, errors.New("the example payload has no gutter lines; update the extraction")
	}
	open := slices.IndexFunc(code, func(l numbered) bool { return l.text == "{" })
	if open < 0 || !httpLine.MatchString(code[0].text) {
		return nil, errors.New("the example payload does not start with an HTTP request line followed by a body")
	}
	var header []string
	for _, l := range code[:open] {
		header = append(header, l.text)
	}
	var body []string
	var quoted []string
	for _, l := range code[open:] {
		text := l.text
		if m := unquotedValue.FindStringSubmatch(text); m != nil && !slices.Contains([]string{"true", "false", "null"}, m[2]) {
			text = m[1] + `"` + m[2] + `"` + m[3]
			quoted = append(quoted, fmt.Sprintf("`%s` (line %d)", strings.TrimSuffix(strings.TrimSpace(m[1]), ":"), l.n))
		}
		body = append(body, text)
	}
	f := fixture{
		line: code[open].n,
		repairs: []string{
			fmt.Sprintf("removed the %d code-gutter lines (`_114`) between the lines of the example", gutters),
			fmt.Sprintf("removed the %d lines of HTTP request line and headers before the body (%q ... %q)", len(header), header[0], header[len(header)-1]),
		},
	}
	for _, q := range quoted {
		f.repairs = append(f.repairs, "quoted the unquoted value of "+q)
	}
	text := strings.Join(body, "\n")
	if !json.Valid([]byte(text)) {
		return nil, fmt.Errorf("line %d: invalid JSON after repairs:\n%s", f.line, text)
	}
	var probe struct {
		Action string `json:"action"`
	}
	if err := json.Unmarshal([]byte(text), &probe); err != nil || probe.Action == "" {
		return nil, fmt.Errorf("line %d: the example has no action", f.line)
	}
	f.file = "account." + probe.Action + ".json"
	f.what = "the example account webhook payload (action " + probe.Action + ")"
	f.body = genutil.IndentJSON([]byte(text))
	return []fixture{f}, nil
}

// extractNexusMerge takes the request body of the curl example (its --data '...' argument) and
// the response example that follows it.
func extractNexusMerge(lines []string) ([]fixture, error) {
	data := slices.IndexFunc(lines, func(l string) bool { return strings.TrimSpace(l) == "--data '" })
	if data < 0 {
		return nil, errors.New("no curl --data argument")
	}
	reqText, end, err := block(lines, data+1)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(lines[end+1]) != "'" {
		return nil, fmt.Errorf("line %d: the --data argument does not end after its JSON", end+2)
	}
	respText, _, err := block(lines, end+2)
	if err != nil {
		return nil, err
	}
	req, err := makeFixture("mergeAccounts/request.json", data+2, "request body of mergeAccounts (the curl example's --data)", reqText)
	if err != nil {
		return nil, err
	}
	resp, err := makeFixture("mergeAccounts/200.json", end+3, "200 response of mergeAccounts: the account that remains", respText)
	if err != nil {
		return nil, err
	}
	return []fixture{req, resp}, nil
}

// extractMoov takes the JSON error bodies of the responses section: a line listing the statuses
// ("204 400 401 ..."), then one description per status, in that order, each ending with the
// x-request-id header's description.
func extractMoov(lines []string) ([]fixture, error) {
	statusLine := regexp.MustCompile(`^[1-5][0-9]{2}( [1-5][0-9]{2})+$`)
	at := slices.IndexFunc(lines, func(l string) bool { return statusLine.MatchString(strings.TrimSpace(l)) })
	if at < 0 {
		return nil, errors.New("no line listing the response statuses")
	}
	statuses := strings.Fields(lines[at])
	var out []fixture
	section := 0
	for i := at + 1; i < len(lines) && section < len(statuses); i++ {
		text := strings.TrimSpace(lines[i])
		switch {
		case text == "A unique identifier used to trace requests.":
			section++
		case text == "{":
			body, end, err := block(lines, i)
			if err != nil {
				return nil, err
			}
			f, err := makeFixture("disconnectAccount/"+statuses[section]+".json", i+1, "the "+statuses[section]+" error body of disconnectAccount", body)
			if err != nil {
				return nil, err
			}
			out = append(out, f)
			i = end
		}
	}
	if section != len(statuses) {
		return nil, fmt.Errorf("found %d response descriptions for %d statuses", section, len(statuses))
	}
	if len(out) == 0 {
		return nil, errors.New("no error body")
	}
	return out, nil
}

// block returns the lines from start, which must open a JSON object with "{", to the line that
// closes it, and the index of that line.
func block(lines []string, start int) (string, int, error) {
	if start >= len(lines) || strings.TrimSpace(lines[start]) != "{" {
		return "", 0, fmt.Errorf("line %d: expected a JSON object", start+1)
	}
	var b strings.Builder
	depth := 0
	for i := start; i < len(lines); i++ {
		text := strings.TrimRight(lines[i], " \t\r")
		b.WriteString(text)
		b.WriteByte('\n')
		depth += genutil.BraceDelta(text)
		if depth == 0 {
			return b.String(), i, nil
		}
	}
	return "", 0, fmt.Errorf("line %d: the JSON object is not closed", start+1)
}

func makeFixture(file string, line int, what, text string) (fixture, error) {
	if !json.Valid([]byte(text)) {
		return fixture{}, fmt.Errorf("line %d (%s): invalid JSON:\n%s", line, file, text)
	}
	return fixture{file: file, line: line, what: what, body: genutil.IndentJSON([]byte(text))}, nil
}

func manifest(d document, fixtures []fixture) []byte {
	sorted := slices.Clone(fixtures)
	slices.SortFunc(sorted, func(a, b fixture) int { return strings.Compare(a.file, b.file) })
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", d.title)
	fmt.Fprintf(&b, "Generated by `go run ./gen/surfacefixtures` (part of `make generate`) from the JSON examples of\n`%s`; do not edit.\n", d.reference)
	b.WriteString(d.intro)
	b.WriteString("\n\n| file | reference line | what | repairs |\n|---|---|---|---|\n")
	for _, f := range sorted {
		repairs := "none"
		if len(f.repairs) > 0 {
			repairs = strings.Join(f.repairs, "; ")
		}
		fmt.Fprintf(&b, "| `%s` | %d | %s | %s |\n", f.file, f.line, f.what, repairs)
	}
	fmt.Fprintf(&b, "\n%d files.\n", len(sorted))
	return []byte(b.String())
}
