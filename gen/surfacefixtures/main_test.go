package main

import (
	"strings"
	"testing"
)

// TestExtractWebhookRepairs runs the webhook extraction on an example written like the
// reference's: gutter lines, HTTP header lines, an unquoted value.
func TestExtractWebhookRepairs(t *testing.T) {
	doc := strings.Join([]string{
		"Example Payload", "", "_9", "POST /hooks", "_9", "content-type: application/json", "_9", "{",
		"_9", `"action": "created",`, "_9", `"account": {`, "_9", `"guid": "ACT-1",`, "_9", `"id": acct-1,`,
		"_9", `"is_closed": false`, "_9", "}", "_9", "}",
	}, "\n")
	fs, err := extractWebhook(strings.Split(doc, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].file != "account.created.json" {
		t.Fatalf("fixtures %+v", fs)
	}
	body := string(fs[0].body)
	if !strings.Contains(body, `"id": "acct-1"`) || !strings.Contains(body, `"is_closed": false`) || strings.Contains(body, "_9") || strings.Contains(body, "POST") {
		t.Errorf("body %s", body)
	}
	repairs := strings.Join(fs[0].repairs, "; ")
	for _, want := range []string{"10 code-gutter lines", "2 lines of HTTP", "`\"id\"`"} {
		if !strings.Contains(repairs, want) {
			t.Errorf("repairs %q lack %q", repairs, want)
		}
	}
}

func TestExtractFailsOnAChangedReference(t *testing.T) {
	if _, err := extractWebhook([]string{"Example Payload", "{", `"action": "x"`, "}"}); err == nil {
		t.Error("a payload without gutter lines was extracted")
	}
	if _, err := extractNexusMerge([]string{"no example"}); err == nil {
		t.Error("a merge document without --data was extracted")
	}
	if _, err := extractMoov([]string{"204 400", "ok", "A unique identifier used to trace requests."}); err == nil {
		t.Error("fewer descriptions than statuses were accepted")
	}
}
