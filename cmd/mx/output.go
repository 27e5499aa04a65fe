package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"reflect"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/mxsdk/mx-go/mxplatform"
)

// Output. Every command that prints data turns it into a JSON tree first (tree: maps, slices,
// strings, booleans, nil and json.Number, amounts written with their scale), then --jq filters
// the tree and -o writes it as JSON, a table, CSV or YAML. So one value prints the same in
// every format: a balance MX sent as 6893.2 is 6893.20 in each.

// outputFormats are the values of -o.
var outputFormats = []string{"json", "table", "csv", "yaml"}

// print writes one resource.
func (a *app) print(v any) error {
	x, err := toTree(v)
	if err != nil {
		return err
	}
	return a.emit(x, typeName(reflect.TypeOf(v)))
}

// printPage writes the items of one page and says on stderr when there are more pages.
func printPage[T any](a *app, items []T, p mxplatform.Pagination) error {
	if p.TotalPages > p.CurrentPage {
		linef(a.stderr, "page %d of %d (%d records); --page %d for the next, --all for every page", p.CurrentPage, p.TotalPages, p.TotalEntries, p.CurrentPage+1)
	}
	return printItems(a, items)
}

// printOnePage writes the items of the one page a list without page parameters answers (MX
// chooses the page), and says on stderr when MX holds more records than it sent.
func printOnePage[T any](a *app, items []T, p mxplatform.Pagination) error {
	if p.TotalPages > p.CurrentPage {
		linef(a.stderr, "page %d of %d (%d records): MX answers this list one page at a time and takes no page to ask for", p.CurrentPage, p.TotalPages, p.TotalEntries)
	}
	return printItems(a, items)
}

// printText writes an answer that is one text, such as a verifiable credential (a JWT): without
// -o and --jq, the text itself on a line, as jq -r prints a string, made printable; otherwise
// as a string in the -o format (-o json and -o yaml keep it exact).
func (a *app) printText(s string) error {
	if !a.global.outputSet && a.global.jq == "" {
		linef(a.stdout, "%s", s)
		return nil
	}
	return a.emit(s, "")
}

// printAll writes the items of an iterator, at most --limit of them: the iterator is stopped
// there, so that no page past the last one printed is requested. Plain JSON streams, item by
// item, so that a long listing shows as it comes; the other formats and --jq need the whole
// list.
func printAll[T any](a *app, l *listFlags, seq iter.Seq2[T, error]) error {
	kind := typeName(reflect.TypeFor[T]())
	limit := l.max()
	if a.global.output != "json" || a.global.jq != "" {
		var items []any
		for item, err := range seq {
			if err != nil {
				return err
			}
			x, err := toTree(item)
			if err != nil {
				return err
			}
			if items = append(items, x); len(items) == limit {
				break
			}
		}
		return a.emit(orEmpty(items), kind)
	}
	n := 0
	for item, err := range seq {
		if err != nil {
			if n > 0 {
				fmt.Fprintln(a.stdout, "\n]")
			}
			return err
		}
		x, err := toTree(item)
		if err != nil {
			return err
		}
		a.conceal(x)
		b, err := marshalJSON(x, "  ")
		if err != nil {
			return err
		}
		sep := ",\n"
		if n == 0 {
			sep = "[\n"
		}
		fmt.Fprintf(a.stdout, "%s  %s", sep, b)
		if n++; n == limit {
			break
		}
	}
	if n == 0 {
		_, err := fmt.Fprintln(a.stdout, "[]")
		return err
	}
	_, err := fmt.Fprintln(a.stdout, "\n]")
	return err
}

// printItems writes a list.
func printItems[T any](a *app, items []T) error {
	out := make([]any, len(items))
	for i, item := range items {
		x, err := toTree(item)
		if err != nil {
			return err
		}
		out[i] = x
	}
	return a.emit(out, typeName(reflect.TypeFor[T]()))
}

func orEmpty(items []any) []any {
	if items == nil {
		return []any{}
	}
	return items
}

// typeName names the resource type of a value, for its table columns.
func typeName(t reflect.Type) string {
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice) {
		t = t.Elem()
	}
	if t == nil {
		return ""
	}
	return t.Name()
}

// emit filters a tree with --jq and writes it in the -o format. kind names the resource type
// whose preferred columns a table shows ("" for all columns).
func (a *app) emit(x any, kind string) error {
	a.conceal(x)
	if a.global.jq != "" {
		results, err := a.runJQ(x)
		if err != nil {
			return err
		}
		if a.global.output == "json" {
			// As jq prints: one result a line, text without quotes.
			for _, r := range results {
				if s, ok := r.(string); ok {
					linef(a.stdout, "%s", s)
					continue
				}
				b, err := marshalJSON(r, "")
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "%s\n", b)
			}
			return nil
		}
		x, kind = any(results), ""
		if len(results) == 1 {
			x = results[0]
		}
	}
	switch a.global.output {
	case "table":
		return writeTable(a.stdout, x, kind)
	case "csv":
		return writeCSV(a.stdout, x, kind)
	case "yaml":
		return writeYAML(a.stdout, x)
	}
	b, err := marshalJSON(x, "")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "%s\n", b)
	return err
}

// conceal replaces, in place, the text of every member of a tree that a.hidden names (secrets
// of the answer, such as processor tokens) with <redacted>, before --jq or a format sees it.
func (a *app) conceal(x any) {
	if len(a.hidden) == 0 {
		return
	}
	switch v := x.(type) {
	case map[string]any:
		for k, e := range v {
			if _, text := e.(string); text && slices.Contains(a.hidden, k) {
				v[k] = redacted
			} else {
				a.conceal(e)
			}
		}
	case []any:
		for _, e := range v {
			a.conceal(e)
		}
	}
}

// toTree turns a value into its JSON tree, numbers kept exact and amounts given their scale.
func toTree(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return decodeTree(b)
}

// decodeTree decodes JSON text into a tree, numbers kept exact and amounts given their scale.
func decodeTree(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return nil, err
	}
	return scaleAmounts(x), nil
}

// marshalJSON writes a tree as indented JSON, each line after the first starting with prefix,
// the characters a terminal acts on escaped (see jsonText).
func marshalJSON(x any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(x); err != nil {
		return nil, err
	}
	return jsonText(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}

// tableColumns are the columns a list of each resource shows in a table, those the answer
// holds; the types of both API versions share their names. A resource not named here shows
// all its fields.
var tableColumns = map[string][]string{
	"User":          {"guid", "id", "email", "is_disabled", "metadata"},
	"Member":        {"guid", "name", "institution_code", "connection_status", "is_being_aggregated", "successfully_aggregated_at"},
	"Account":       {"guid", "name", "type", "subtype", "balance", "available_balance", "currency_code", "member_guid"},
	"AccountNumber": {"account_guid", "account_number", "routing_number", "institution_number", "transit_number", "passed_validation"},
	"AccountOwner":  {"account_guid", "owner_name", "email", "phone", "city", "state", "country"},
	"Transaction":   {"guid", "date", "description", "amount", "currency_code", "type", "status", "category", "account_guid"},
	"Institution":   {"code", "name", "supports_oauth", "supported_products", "supports_account_verification", "url"},
	"Credential":    {"guid", "label", "field_name", "field_type", "display_order"},
	"Challenge":     {"guid", "type", "label"},
	"Statement":     {"guid", "account_guid", "created_at", "content_hash"},
	"Holding":       {"guid", "account_guid", "symbol", "description", "holding_type", "quantity", "market_value", "currency_code"},
	"Category":      {"guid", "name", "parent_guid", "is_default", "is_income"},
	"Merchant":      {"guid", "name", "website_url"},

	"Tag":                       {"guid", "name"},
	"Tagging":                   {"guid", "tag_guid", "transaction_guid"},
	"TransactionRule":           {"guid", "match_description", "description", "category_guid"},
	"RepeatingTransaction":      {"guid", "description", "amount", "recurrence_type", "predicted_occurs_on", "last_posted_date", "account_guid"},
	"EnhancedTransaction":       {"id", "description", "amount", "type", "category", "merchant_guid", "is_subscription"},
	"Budget":                    {"guid", "name", "amount", "transaction_total", "percent_spent", "is_exceeded", "category_guid"},
	"Goal":                      {"guid", "position", "name", "goal_type_name", "amount", "current_amount", "is_complete", "account_guid"},
	"SpendingPlan":              {"guid", "current_iteration_number", "created_at"},
	"SpendingPlanAccount":       {"guid", "account_guid"},
	"SpendingPlanIteration":     {"guid", "iteration_number", "start_on", "end_on"},
	"SpendingPlanIterationItem": {"guid", "item_type", "planned_amount", "actual_amount", "category_guid"},
	"Insight":                   {"guid", "title", "active_at", "has_been_displayed", "is_dismissed"},
	"ScheduledPayment":          {"guid", "description", "amount", "occurs_on", "recurrence_type", "is_completed"},
	"Notification":              {"guid", "subject", "channel", "has_been_delivered", "has_been_viewed", "created_at"},
	"Microdeposit":              {"guid", "status", "institution_name", "updated_at", "verified_at"},
	"Reward":                    {"guid", "description", "balance", "balance_type", "unit_type", "expires_on", "account_guid"},
	"ACHReturn":                 {"guid", "id", "return_code", "return_status", "returned_at", "transaction_amount", "account_guid"},
	"ProcessorToken":            {"payment_processor_guid", "active", "expires_at", "access_token"},
}

// listKinds name the resource type of the records of MX's lists by the member holding them,
// for the columns of `mx api`'s tables.
var listKinds = map[string]string{
	"users": "User", "members": "Member", "accounts": "Account", "account_numbers": "AccountNumber",
	"account_owners": "AccountOwner", "transactions": "Transaction", "institutions": "Institution",
	"credentials": "Credential", "challenges": "Challenge", "statements": "Statement",
	"holdings": "Holding", "categories": "Category", "merchants": "Merchant",
	"tags": "Tag", "taggings": "Tagging", "transaction_rules": "TransactionRule", "repeating_transactions": "RepeatingTransaction",
	"budgets": "Budget", "goals": "Goal", "spending_plans": "SpendingPlan", "spending_plan_accounts": "SpendingPlanAccount",
	"iterations": "SpendingPlanIteration", "iteration_items": "SpendingPlanIterationItem", "insights": "Insight",
	"scheduled_payments": "ScheduledPayment", "notifications": "Notification", "micro_deposits": "Microdeposit",
	"rewards": "Reward", "ach_returns": "ACHReturn", "tokens": "ProcessorToken",
}

// rowsOf returns the records of a tree as rows: a list's objects, an object alone, or a
// value of each scalar in a column named value. columns are the preferred columns of kind
// that the rows hold, else every column a row holds outside nested objects.
func rowsOf(x any, kind string, every bool) (rows []map[string]any, columns []string) {
	switch v := x.(type) {
	case []any:
		for _, item := range v {
			if m, ok := item.(map[string]any); ok {
				rows = append(rows, m)
			} else {
				rows = append(rows, map[string]any{"value": item})
			}
		}
	case map[string]any:
		rows = []map[string]any{v}
	default:
		rows = []map[string]any{{"value": v}}
	}
	present := map[string]bool{}
	for _, row := range rows {
		for k, v := range row {
			if _, nested := v.(map[string]any); !nested {
				present[k] = true
			}
		}
	}
	for _, c := range tableColumns[kind] {
		if present[c] {
			columns = append(columns, c)
		}
	}
	if len(columns) == 0 || every {
		for _, c := range sortedKeys(present) {
			if !slices.Contains(columns, c) {
				columns = append(columns, c)
			}
		}
	}
	return rows, columns
}

// writeTable writes a list as a table with one row per item, and one object as FIELD VALUE
// lines.
func writeTable(out io.Writer, x any, kind string) error {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	if m, ok := x.(map[string]any); ok {
		fmt.Fprintln(w, "FIELD\tVALUE")
		for _, k := range sortedKeys(m) {
			fmt.Fprintf(w, "%s\t%s\n", printable(k), cell(m[k]))
		}
		return w.Flush()
	}
	rows, columns := rowsOf(x, kind, false)
	header := make([]string, len(columns))
	for i, c := range columns {
		header[i] = printable(strings.ToUpper(c))
	}
	fmt.Fprintln(w, strings.Join(header, "\t"))
	for _, row := range rows {
		cells := make([]string, len(columns))
		for i, c := range columns {
			cells[i] = cell(row[c])
		}
		fmt.Fprintln(w, strings.Join(cells, "\t"))
	}
	return w.Flush()
}

// writeCSV writes a list as CSV with a header line and one line per item (one object is one
// line), every field that is not a nested object a column, the preferred ones first. Cells are
// made printable as in tables: CSV is for people and spreadsheets, -o json for exact data.
func writeCSV(out io.Writer, x any, kind string) error {
	rows, columns := rowsOf(x, kind, true)
	w := csv.NewWriter(out)
	header := make([]string, len(columns))
	for i, c := range columns {
		header[i] = printable(c)
	}
	if err := w.Write(header); err != nil {
		return err
	}
	for _, row := range rows {
		cells := make([]string, len(columns))
		for i, c := range columns {
			cells[i] = cell(row[c])
		}
		if err := w.Write(cells); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// cell shows a value in a table or CSV cell: text made printable, so that a tab or a line
// break in MX's data cannot add cells or rows; a list or object as compact JSON.
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return printable(x)
	case json.Number:
		return x.String()
	case bool:
		return fmt.Sprint(x)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return printable(strings.TrimSuffix(buf.String(), "\n"))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
