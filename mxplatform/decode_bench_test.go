package mxplatform

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform/internal/baseline"
)

// pageOf builds a page of n copies of the object under key in a fixture, each with its money
// fields given distinct values with cents, as a JSON document {"<list>": [...], "pagination"}.
func pageOf(b *testing.B, op, key, list string, n int) []byte {
	var doc map[string]map[string]any
	if err := json.Unmarshal(readFixture(b, op, "200.json"), &doc); err != nil {
		b.Fatal(err)
	}
	item := doc[key]
	var items []string
	for i := range n {
		for field, v := range item {
			if _, isNumber := v.(float64); isNumber && field != "day_payment_is_due" && field != "merchant_category_code" {
				item[field] = json.Number(fmt.Sprintf("%d.%02d", 1000+i*37, i%100))
			}
		}
		raw, err := json.Marshal(item)
		if err != nil {
			b.Fatal(err)
		}
		items = append(items, string(raw))
	}
	return []byte(fmt.Sprintf(`{"%s": [%s], "pagination": {"current_page": 1, "per_page": %d, "total_entries": %d, "total_pages": 1}}`, list, strings.Join(items, ","), n, n))
}

// transactionsPage is a page of transactions as MX answers it.
type transactionsPage struct {
	Transactions []Transaction `json:"transactions"`
	Pagination   Pagination    `json:"pagination"`
}

// BenchmarkDecodeTransactions decodes a page of 100 transactions as the SDK does (measured, then
// decoded into the answer of the list, its models: money as Decimal, text as values) and into
// the models of the spec with every field a pointer and money as *float64 (the baseline), with
// encoding/json.
func BenchmarkDecodeTransactions(b *testing.B) {
	page := pageOf(b, "readTransaction", "transaction", "transactions", 100)
	b.Run("decimal", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		b.ReportAllocs()
		for b.Loop() {
			var v listTransactionsAnswer
			if err, _ := decodeAnswer(opListTransactions, page, &v); err != nil || len(v.Items) != 100 {
				b.Fatal(err)
			}
		}
	})
	b.Run("float64", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		b.ReportAllocs()
		for b.Loop() {
			var v baseline.TransactionsResponseBody
			if err := json.Unmarshal(page, &v); err != nil || len(v.Transactions) != 100 {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDecodeAccounts decodes a page of 100 accounts, as BenchmarkDecodeTransactions does.
func BenchmarkDecodeAccounts(b *testing.B) {
	page := pageOf(b, "readAccount", "account", "accounts", 100)
	b.Run("decimal", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		b.ReportAllocs()
		for b.Loop() {
			var v listUserAccountsAnswer
			if err, _ := decodeAnswer(opListUserAccounts, page, &v); err != nil || len(v.Items) != 100 {
				b.Fatal(err)
			}
		}
	})
	b.Run("float64", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		b.ReportAllocs()
		for b.Loop() {
			var v baseline.AccountsResponseBody
			if err := json.Unmarshal(page, &v); err != nil || len(v.Accounts) != 100 {
				b.Fatal(err)
			}
		}
	})
}
