package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"reflect"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/mxsdk/mx-go/mxplatform"
)

// print writes one resource: indented JSON, or a FIELD VALUE table.
func (a *app) print(v any) error {
	if a.global.output == "table" {
		row, err := toRow(v)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "FIELD\tVALUE")
		for _, k := range sortedKeys(row) {
			fmt.Fprintf(w, "%s\t%s\n", printable(k), cell(row[k]))
		}
		return w.Flush()
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "%s\n", jsonText(b))
	return err
}

// printPage writes the items of one page and says on stderr when there are more pages.
func printPage[T any](a *app, items []T, p mxplatform.Pagination) error {
	if p.TotalPages > p.CurrentPage {
		linef(a.stderr, "page %d of %d (%d records); --page %d for the next, --all for every page", p.CurrentPage, p.TotalPages, p.TotalEntries, p.CurrentPage+1)
	}
	return printItems(a, items)
}

// printAll writes every item of an iterator: as a JSON array written item by item, so that a
// long listing streams, or as one table.
func printAll[T any](a *app, seq iter.Seq2[T, error]) error {
	if a.global.output == "table" {
		items, err := mxplatform.Collect(seq)
		if err != nil {
			return err
		}
		return printItems(a, items)
	}
	n := 0
	for item, err := range seq {
		if err != nil {
			if n > 0 {
				fmt.Fprintln(a.stdout, "\n]")
			}
			return err
		}
		b, err := json.MarshalIndent(item, "  ", "  ")
		if err != nil {
			return err
		}
		sep := ",\n"
		if n == 0 {
			sep = "[\n"
		}
		fmt.Fprintf(a.stdout, "%s  %s", sep, jsonText(b))
		n++
	}
	if n == 0 {
		_, err := fmt.Fprintln(a.stdout, "[]")
		return err
	}
	_, err := fmt.Fprintln(a.stdout, "\n]")
	return err
}

// printItems writes a list: a JSON array, or a table with one row per item.
func printItems[T any](a *app, items []T) error {
	if items == nil {
		items = []T{}
	}
	if a.global.output != "table" {
		return a.print(items)
	}
	rows := make([]map[string]any, len(items))
	present := map[string]bool{}
	for i, item := range items {
		row, err := toRow(item)
		if err != nil {
			return err
		}
		rows[i] = row
		for k, v := range row {
			if _, nested := v.(map[string]any); !nested {
				present[k] = true
			}
		}
	}
	var columns []string
	for _, c := range tableColumns[reflect.TypeFor[T]().Name()] {
		if present[c] {
			columns = append(columns, c)
		}
	}
	if len(columns) == 0 {
		columns = sortedKeys(present)
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
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
}

// toRow turns a resource into its JSON members, numbers kept exact.
func toRow(v any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var row map[string]any
	if err := dec.Decode(&row); err != nil {
		return nil, err
	}
	return row, nil
}

// cell shows a value in a table cell: text made printable, so that a tab or a line break in
// MX's data cannot add cells or rows.
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
	b, _ := json.Marshal(v)
	return printable(string(b))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
