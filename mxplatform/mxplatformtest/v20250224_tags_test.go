package mxplatformtest_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// wantMessage fails the test unless err is an *mxplatform.Error with the status whose MX
// message contains every part.
func wantMessage(t testing.TB, err error, status int, parts ...string) {
	t.Helper()
	e := wantStatusErr(t, err, status)
	for _, p := range parts {
		if !strings.Contains(e.Message, p) {
			t.Errorf("%d message %q does not mention %q", status, e.Message, p)
		}
	}
}

// wantServed fails the test unless the fake served each operation at least once.
func wantServed(t testing.TB, srv *mxplatformtest.Server, ops ...string) {
	t.Helper()
	for _, op := range ops {
		if srv.Fake.Requests(op).Handled == 0 {
			t.Errorf("%s was never served", op)
		}
	}
}

// userTransactions returns every transaction of the user in the default window.
func userTransactions(t testing.TB, mx *mxplatform.API, ug mxplatform.UserGUID) []mxplatform.Transaction {
	t.Helper()
	txns, err := mxplatform.Collect(mx.ListTransactionsIter(context.Background(), ug, nil))
	if err != nil {
		t.Fatalf("ListTransactionsIter: %v", err)
	}
	if len(txns) < 3 {
		t.Fatalf("the user has %d transactions; the test needs at least 3", len(txns))
	}
	return txns
}

// guidsOf returns the GUIDs of records, in their order.
func guidsOf[T any, G ~string](items []T, guid func(T) G) []G {
	out := make([]G, len(items))
	for i, x := range items {
		out[i] = guid(x)
	}
	return out
}

func TestTags(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, _ := connectedUser(t, srv, mx)
	other, _ := connectedUser(t, srv, mx)

	tag, err := mx.CreateTag(ctx, ug, mxplatform.TagCreateRequest{Name: "Vacation"})
	if err != nil {
		t.Fatalf("CreateTag: %v", err)
	}
	if !strings.HasPrefix(string(tag.GUID), "TAG-") || tag.Name != "Vacation" || tag.UserGUID != ug {
		t.Errorf("CreateTag = %+v", tag)
	}
	if read, err := mx.ReadTag(ctx, ug, tag.GUID); err != nil || *read != *tag {
		t.Errorf("ReadTag = %+v, %v; want %+v", read, err, tag)
	}
	upd, err := mx.UpdateTag(ctx, ug, tag.GUID, mxplatform.TagUpdateRequest{Name: "Holidays"})
	if err != nil || upd.Name != "Holidays" || upd.GUID != tag.GUID {
		t.Fatalf("UpdateTag = %+v, %v", upd, err)
	}
	if read, err := mx.ReadTag(ctx, ug, tag.GUID); err != nil || read.Name != "Holidays" {
		t.Errorf("ReadTag after UpdateTag = %+v, %v; want the new name", read, err)
	}

	// Required fields, unknown GUIDs, and another user's tag.
	_, err = mx.CreateTag(ctx, ug, mxplatform.TagCreateRequest{})
	wantMessage(t, err, 400, "tag.name")
	_, err = mx.UpdateTag(ctx, ug, tag.GUID, mxplatform.TagUpdateRequest{Name: " "})
	wantMessage(t, err, 400, "tag.name")
	_, err = mx.ReadTag(ctx, ug, "TAG-unknown")
	wantMessage(t, err, 404, "Tag not found")
	_, err = mx.ReadTag(ctx, other, tag.GUID)
	wantStatusErr(t, err, 404)
	_, err = mx.UpdateTag(ctx, other, tag.GUID, mxplatform.TagUpdateRequest{Name: "Mine"})
	wantStatusErr(t, err, 404)
	wantStatusErr(t, mx.DeleteTag(ctx, other, tag.GUID), 404)
	_, err = mx.ListTags(ctx, "USR-unknown", nil)
	wantStatusErr(t, err, 404)

	// Pages of ten, in creation order, and the iterator reads them all.
	want := []mxplatform.TagGUID{tag.GUID}
	for i := range 11 {
		tg, err := mx.CreateTag(ctx, ug, mxplatform.TagCreateRequest{Name: fmt.Sprintf("tag %d", i)})
		if err != nil {
			t.Fatalf("CreateTag %d: %v", i, err)
		}
		want = append(want, tg.GUID)
	}
	p1, err := mx.ListTags(ctx, ug, &mxplatform.ListTagsParams{RecordsPerPage: mxplatform.Ptr(10)})
	if err != nil {
		t.Fatalf("ListTags: %v", err)
	}
	p2, err := mx.ListTags(ctx, ug, &mxplatform.ListTagsParams{Page: mxplatform.Ptr(2), RecordsPerPage: mxplatform.Ptr(10)})
	if err != nil {
		t.Fatalf("ListTags page 2: %v", err)
	}
	wantPage := mxplatform.Pagination{CurrentPage: 2, PerPage: 10, TotalEntries: 12, TotalPages: 2}
	if len(p1.Items) != 10 || len(p2.Items) != 2 || p2.Pagination != wantPage {
		t.Errorf("ListTags pages = %d and %d items, %+v; want 10 and 2, %+v", len(p1.Items), len(p2.Items), p2.Pagination, wantPage)
	}
	paged := guidsOf(append(p1.Items, p2.Items...), func(x mxplatform.Tag) mxplatform.TagGUID { return x.GUID })
	if !slices.Equal(paged, want) {
		t.Errorf("ListTags pages = %v, want %v", paged, want)
	}
	all, err := mxplatform.Collect(mx.ListTagsIter(ctx, ug, &mxplatform.ListTagsParams{RecordsPerPage: mxplatform.Ptr(10)}))
	if err != nil || !slices.Equal(guidsOf(all, func(x mxplatform.Tag) mxplatform.TagGUID { return x.GUID }), want) {
		t.Errorf("ListTagsIter = %d tags, %v; want %v", len(all), err, want)
	}
	if theirs, err := mx.ListTags(ctx, other, nil); err != nil || len(theirs.Items) != 0 {
		t.Errorf("another user's ListTags = %+v, %v; want none", theirs, err)
	}

	if err := mx.DeleteTag(ctx, ug, want[1]); err != nil {
		t.Fatalf("DeleteTag: %v", err)
	}
	_, err = mx.ReadTag(ctx, ug, want[1])
	wantStatusErr(t, err, 404)
	wantStatusErr(t, mx.DeleteTag(ctx, ug, want[1]), 404)
	if left, err := mx.ListTags(ctx, ug, nil); err != nil || left.Pagination.TotalEntries != 11 {
		t.Errorf("ListTags after DeleteTag = %+v, %v; want 11", left, err)
	}
	wantServed(t, srv, "listTags", "createTag", "readTag", "updateTag", "deleteTag")
}

func TestTaggings(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, _ := connectedUser(t, srv, mx)
	other, _ := connectedUser(t, srv, mx)
	txns := userTransactions(t, mx, ug)
	theirTxns := userTransactions(t, mx, other)

	trip, err := mx.CreateTag(ctx, ug, mxplatform.TagCreateRequest{Name: "Trip"})
	if err != nil {
		t.Fatal(err)
	}
	work, err := mx.CreateTag(ctx, ug, mxplatform.TagCreateRequest{Name: "Work"})
	if err != nil {
		t.Fatal(err)
	}
	theirTag, err := mx.CreateTag(ctx, other, mxplatform.TagCreateRequest{Name: "Theirs"})
	if err != nil {
		t.Fatal(err)
	}

	// Tag three transactions as a trip.
	var taggings []*mxplatform.Tagging
	for _, txn := range txns[:3] {
		tg, err := mx.CreateTagging(ctx, ug, mxplatform.TaggingCreateRequest{TagGUID: trip.GUID, TransactionGUID: txn.GUID})
		if err != nil {
			t.Fatalf("CreateTagging: %v", err)
		}
		if !strings.HasPrefix(string(tg.GUID), "TGN-") || tg.TagGUID != trip.GUID || tg.TransactionGUID != txn.GUID || tg.UserGUID != ug || !tg.MemberIsManagedByUser.Value() {
			t.Errorf("CreateTagging = %+v", tg)
		}
		taggings = append(taggings, tg)
	}
	if read, err := mx.ReadTagging(ctx, ug, taggings[0].GUID); err != nil || *read != *taggings[0] {
		t.Errorf("ReadTagging = %+v, %v; want %+v", read, err, taggings[0])
	}

	// Twice the same tag, a tag or a transaction of another user, fields left empty.
	_, err = mx.CreateTagging(ctx, ug, mxplatform.TaggingCreateRequest{TagGUID: trip.GUID, TransactionGUID: txns[0].GUID})
	wantMessage(t, err, 409, string(taggings[0].GUID))
	_, err = mx.CreateTagging(ctx, ug, mxplatform.TaggingCreateRequest{TagGUID: theirTag.GUID, TransactionGUID: txns[0].GUID})
	wantMessage(t, err, 400, "tag_guid")
	_, err = mx.CreateTagging(ctx, ug, mxplatform.TaggingCreateRequest{TagGUID: trip.GUID, TransactionGUID: theirTxns[0].GUID})
	wantMessage(t, err, 400, "transaction_guid")
	_, err = mx.CreateTagging(ctx, ug, mxplatform.TaggingCreateRequest{TransactionGUID: txns[0].GUID})
	wantMessage(t, err, 400, "tagging.tag_guid")
	_, err = mx.ReadTagging(ctx, ug, "TGN-unknown")
	wantMessage(t, err, 404, "Tagging not found")
	_, err = mx.ReadTagging(ctx, other, taggings[0].GUID)
	wantStatusErr(t, err, 404)

	// The transactions by tag are the ones tagged, newest first like every transaction list.
	byTag, err := mx.ListTransactionsByTag(ctx, ug, trip.GUID, nil)
	if err != nil {
		t.Fatalf("ListTransactionsByTag: %v", err)
	}
	wantTxns := guidsOf(txns[:3], func(x mxplatform.Transaction) mxplatform.TransactionGUID { return x.GUID })
	if got := guidsOf(byTag.Items, func(x mxplatform.Transaction) mxplatform.TransactionGUID { return x.GUID }); !slices.Equal(got, wantTxns) || byTag.Pagination.TotalEntries != 3 {
		t.Errorf("ListTransactionsByTag = %v (total %d), want %v", got, byTag.Pagination.TotalEntries, wantTxns)
	}
	if byTag.Items[0].Amount != txns[0].Amount || byTag.Items[0].Description != txns[0].Description {
		t.Errorf("ListTransactionsByTag's transaction = %+v, want %+v", byTag.Items[0], txns[0])
	}
	byID, err := mxplatform.Collect(mx.ListTransactionsByTagIter(ctx, ug, trip.GUID, &mxplatform.ListTransactionsByTagParams{RecordsPerPage: mxplatform.Ptr(10)}))
	if err != nil || len(byID) != 3 {
		t.Errorf("ListTransactionsByTagIter = %d, %v; want 3", len(byID), err)
	}
	_, err = mx.ListTransactionsByTag(ctx, ug, theirTag.GUID, nil)
	wantMessage(t, err, 404, "Tag not found")
	if none, err := mx.ListTransactionsByTag(ctx, ug, work.GUID, nil); err != nil || len(none.Items) != 0 {
		t.Errorf("ListTransactionsByTag of an unused tag = %+v, %v; want none", none, err)
	}

	// Moving a tagging to another tag moves its transaction.
	moved, err := mx.UpdateTagging(ctx, ug, taggings[2].GUID, mxplatform.TaggingUpdateRequest{TagGUID: work.GUID})
	if err != nil || moved.TagGUID != work.GUID || moved.TransactionGUID != txns[2].GUID {
		t.Fatalf("UpdateTagging = %+v, %v", moved, err)
	}
	if read, err := mx.ReadTagging(ctx, ug, moved.GUID); err != nil || read.TagGUID != work.GUID {
		t.Errorf("ReadTagging after UpdateTagging = %+v, %v", read, err)
	}
	if w, err := mx.ListTransactionsByTag(ctx, ug, work.GUID, nil); err != nil || len(w.Items) != 1 || w.Items[0].GUID != txns[2].GUID {
		t.Errorf("ListTransactionsByTag(work) = %+v, %v; want the moved transaction", w, err)
	}
	_, err = mx.UpdateTagging(ctx, ug, taggings[1].GUID, mxplatform.TaggingUpdateRequest{TagGUID: work.GUID})
	if err != nil {
		t.Fatalf("UpdateTagging: %v", err)
	}
	// taggings[0] and [1] tag different transactions, so both may carry work; the first cannot
	// take a tag its transaction has through another tagging.
	if _, err := mx.CreateTagging(ctx, ug, mxplatform.TaggingCreateRequest{TagGUID: trip.GUID, TransactionGUID: txns[2].GUID}); err != nil {
		t.Fatalf("CreateTagging: %v", err)
	}
	_, err = mx.UpdateTagging(ctx, ug, moved.GUID, mxplatform.TaggingUpdateRequest{TagGUID: trip.GUID})
	wantStatusErr(t, err, 409)
	_, err = mx.UpdateTagging(ctx, ug, moved.GUID, mxplatform.TaggingUpdateRequest{TagGUID: theirTag.GUID})
	wantStatusErr(t, err, 400)

	list, err := mx.ListTaggings(ctx, ug, nil)
	if err != nil || list.Pagination.TotalEntries != 4 {
		t.Fatalf("ListTaggings = %+v, %v; want 4", list, err)
	}
	iterated, err := mxplatform.Collect(mx.ListTaggingsIter(ctx, ug, nil))
	if err != nil || !slices.Equal(guidsOf(iterated, func(x mxplatform.Tagging) mxplatform.TaggingGUID { return x.GUID }), guidsOf(list.Items, func(x mxplatform.Tagging) mxplatform.TaggingGUID { return x.GUID })) {
		t.Errorf("ListTaggingsIter = %+v, %v; want the list", iterated, err)
	}

	// Deleting a tagging untags its transaction; deleting a tag deletes its taggings.
	if err := mx.DeleteTagging(ctx, ug, taggings[0].GUID); err != nil {
		t.Fatalf("DeleteTagging: %v", err)
	}
	_, err = mx.ReadTagging(ctx, ug, taggings[0].GUID)
	wantStatusErr(t, err, 404)
	wantStatusErr(t, mx.DeleteTagging(ctx, ug, taggings[0].GUID), 404)
	if w, err := mx.ListTransactionsByTag(ctx, ug, trip.GUID, nil); err != nil || len(w.Items) != 1 || w.Items[0].GUID != txns[2].GUID {
		t.Errorf("ListTransactionsByTag after DeleteTagging = %+v, %v; want only the third transaction", w, err)
	}
	if err := mx.DeleteTag(ctx, ug, work.GUID); err != nil {
		t.Fatalf("DeleteTag: %v", err)
	}
	for _, g := range []mxplatform.TaggingGUID{taggings[1].GUID, taggings[2].GUID} {
		_, err = mx.ReadTagging(ctx, ug, g)
		if !errors.Is(err, mxplatform.ErrNotFound) {
			t.Errorf("ReadTagging of a deleted tag's tagging: %v, want 404", err)
		}
	}
	_, err = mx.ListTransactionsByTag(ctx, ug, work.GUID, nil)
	wantStatusErr(t, err, 404)
	if left, err := mx.ListTaggings(ctx, ug, nil); err != nil || left.Pagination.TotalEntries != 1 {
		t.Errorf("ListTaggings after the deletes = %+v, %v; want 1", left, err)
	}
	wantServed(t, srv, "listTaggings", "createTagging", "readTagging", "updateTagging", "deleteTagging", "listTransactionsByTag")
}

func TestTransactionRules(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, _ := connectedUser(t, srv, mx)
	cats, err := mxplatform.Collect(mx.ListDefaultCategoriesIter(ctx, nil))
	if err != nil {
		t.Fatal(err)
	}
	travel := findCategory(t, cats, "Travel")
	gifts := findCategory(t, cats, "Gifts & Donations")

	rule, err := mx.CreateTransactionRule(ctx, ug, mxplatform.TransactionRuleCreateRequest{CategoryGUID: travel.GUID, MatchDescription: "airline", Description: mxplatform.Ptr("Flights")})
	if err != nil {
		t.Fatalf("CreateTransactionRule: %v", err)
	}
	if !strings.HasPrefix(string(rule.GUID), "TXR-") || rule.CategoryGUID != travel.GUID || rule.MatchDescription != "airline" || rule.Description != "Flights" || rule.UserGUID != ug || rule.CreatedAt == "" || rule.UpdatedAt != rule.CreatedAt {
		t.Errorf("CreateTransactionRule = %+v", rule)
	}
	if read, err := mx.ReadTransactionRule(ctx, ug, rule.GUID); err != nil || *read != *rule {
		t.Errorf("ReadTransactionRule = %+v, %v; want %+v", read, err, rule)
	}
	upd, err := mx.UpdateTransactionRule(ctx, ug, rule.GUID, mxplatform.TransactionRuleUpdateRequest{CategoryGUID: &gifts.GUID, MatchDescription: mxplatform.Ptr("charity")})
	if err != nil || upd.CategoryGUID != gifts.GUID || upd.MatchDescription != "charity" || upd.Description != "Flights" {
		t.Fatalf("UpdateTransactionRule = %+v, %v", upd, err)
	}
	if read, err := mx.ReadTransactionRule(ctx, ug, rule.GUID); err != nil || *read != *upd {
		t.Errorf("ReadTransactionRule after update = %+v, %v; want %+v", read, err, upd)
	}

	_, err = mx.CreateTransactionRule(ctx, ug, mxplatform.TransactionRuleCreateRequest{CategoryGUID: travel.GUID})
	wantMessage(t, err, 400, "transaction_rule.match_description")
	_, err = mx.CreateTransactionRule(ctx, ug, mxplatform.TransactionRuleCreateRequest{CategoryGUID: "CAT-unknown", MatchDescription: "x"})
	wantMessage(t, err, 400, "category_guid")
	_, err = mx.UpdateTransactionRule(ctx, ug, rule.GUID, mxplatform.TransactionRuleUpdateRequest{})
	wantMessage(t, err, 400, "at least one field")
	_, err = mx.ReadTransactionRule(ctx, ug, "TXR-unknown")
	wantMessage(t, err, 404, "Transaction rule not found")

	for i := range 10 {
		if _, err := mx.CreateTransactionRule(ctx, ug, mxplatform.TransactionRuleCreateRequest{CategoryGUID: travel.GUID, MatchDescription: fmt.Sprintf("match %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	p2, err := mx.ListTransactionRules(ctx, ug, &mxplatform.ListTransactionRulesParams{Page: mxplatform.Ptr(2), RecordsPerPage: mxplatform.Ptr(10)})
	if err != nil || len(p2.Items) != 1 || p2.Pagination.TotalEntries != 11 || p2.Items[0].MatchDescription != "match 9" {
		t.Errorf("ListTransactionRules page 2 = %+v, %v; want the last rule of 11", p2, err)
	}
	all, err := mxplatform.Collect(mx.ListTransactionRulesIter(ctx, ug, &mxplatform.ListTransactionRulesParams{RecordsPerPage: mxplatform.Ptr(10)}))
	if err != nil || len(all) != 11 || all[0].GUID != rule.GUID {
		t.Errorf("ListTransactionRulesIter = %d rules, %v; want 11 from the first", len(all), err)
	}

	if err := mx.DeleteTransactionRule(ctx, ug, rule.GUID); err != nil {
		t.Fatalf("DeleteTransactionRule: %v", err)
	}
	_, err = mx.ReadTransactionRule(ctx, ug, rule.GUID)
	wantStatusErr(t, err, 404)
	wantStatusErr(t, mx.DeleteTransactionRule(ctx, ug, rule.GUID), 404)
	wantServed(t, srv, "listTransactionRules", "createTransactionRule", "readTransactionRule", "updateTransactionRule", "deleteTransactionRule")
}

// A rule applies to the transactions aggregated after it: two users log in to MX Bank with the
// same login, which gathers the same transactions; the second has a rule first.
func TestTransactionRulesApply(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	first, _ := connectedUser(t, srv, mx)
	before := userTransactions(t, mx, first)
	cats, err := mxplatform.Collect(mx.ListDefaultCategoriesIter(ctx, nil))
	if err != nil {
		t.Fatal(err)
	}
	gifts := findCategory(t, cats, "Gifts & Donations")

	// Match part of one transaction's description, in other letter case.
	target := before[0]
	words := strings.Fields(target.Description)
	match := strings.ToUpper(words[0])
	matches := func(x mxplatform.Transaction) bool {
		return strings.Contains(strings.ToLower(x.Description), strings.ToLower(match)) || strings.Contains(strings.ToLower(x.OriginalDescription), strings.ToLower(match))
	}

	second := newUser(t, mx)
	if _, err := mx.CreateTransactionRule(ctx, second, mxplatform.TransactionRuleCreateRequest{CategoryGUID: gifts.GUID, MatchDescription: match, Description: mxplatform.Ptr("Ruled")}); err != nil {
		t.Fatal(err)
	}
	m := newMember(t, mx, second, "mxbank", mxplatformtest.PasswordConnect)
	if status(m) != mxplatform.ConnectionStatusConnected {
		srv.Fake.Settle()
	}
	after := userTransactions(t, mx, second)
	if len(after) != len(before) {
		t.Fatalf("the same login gathered %d then %d transactions", len(before), len(after))
	}
	ruled := 0
	for i, b := range before {
		a := after[i]
		if !a.Amount.Value().Equal(b.Amount.Value()) || a.Date != b.Date {
			t.Fatalf("transaction %d differs between the two logins: %+v and %+v", i, b, a)
		}
		if matches(b) {
			ruled++
			if a.CategoryGUID != gifts.GUID || a.Category != gifts.Name || a.Description != "Ruled" {
				t.Errorf("a matching transaction %q became %q in %s (%s), want Ruled in %s", b.Description, a.Description, a.Category, a.CategoryGUID, gifts.Name)
			}
		} else if a.CategoryGUID != b.CategoryGUID || a.Description != b.Description {
			t.Errorf("a transaction the rule does not match changed: %q in %s became %q in %s", b.Description, b.Category, a.Description, a.Category)
		}
	}
	if ruled == 0 {
		t.Fatalf("no transaction matched %q", match)
	}
	// The first user's transactions, gathered before any rule, stay as they were.
	if again, err := mx.ReadTransaction(ctx, first, target.GUID, nil); err != nil || again.Description != target.Description || again.CategoryGUID != target.CategoryGUID {
		t.Errorf("ReadTransaction of the first user = %+v, %v; want it unchanged", again, err)
	}
}

// Tags and taggings follow their user and transactions: a disabled user's answer 403, a
// deleted transaction takes its taggings with it, and the paths that take a user identifier
// take the partner's id.
func TestTagsFollowTheirUserAndTransactions(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug := newUser(t, mx)
	if _, err := mx.UpdateUser(ctx, ug, mxplatform.UserUpdateRequest{ID: mxplatform.Ptr(mxplatform.UserID("tagger"))}); err != nil {
		t.Fatal(err)
	}
	acct, err := mx.CreateManualAccount(ctx, ug, mxplatform.AccountCreateRequest{AccountType: mxplatform.AccountTypeChecking, Name: "Cash"})
	if err != nil {
		t.Fatal(err)
	}
	today := mxplatform.DateOf(srv.Fake.Now())
	var txns []*mxplatform.Transaction
	for _, d := range []string{"Coffee", "Train"} {
		x, err := mx.CreateManualTransaction(ctx, ug, acct.GUID, mxplatform.TransactionCreateRequest{Amount: mxplatform.MustDecimal("3.50"), Date: today, Description: d, Type: mxplatform.TransactionTypeDebit})
		if err != nil {
			t.Fatalf("CreateManualTransaction: %v", err)
		}
		txns = append(txns, x)
	}
	tag, err := mx.CreateTag(ctx, ug, mxplatform.TagCreateRequest{Name: "Daily"})
	if err != nil {
		t.Fatal(err)
	}
	var taggings []*mxplatform.Tagging
	for _, x := range txns {
		tg, err := mx.CreateTagging(ctx, ug, mxplatform.TaggingCreateRequest{TagGUID: tag.GUID, TransactionGUID: x.GUID})
		if err != nil {
			t.Fatal(err)
		}
		taggings = append(taggings, tg)
	}
	byID, err := mx.ListTransactionsByTag(ctx, mxplatform.UserID("tagger"), tag.GUID, nil)
	if err != nil || len(byID.Items) != 2 {
		t.Fatalf("ListTransactionsByTag(partner id) = %+v, %v; want the two transactions", byID, err)
	}

	// A body without the tag's name at all.
	resp := do(t, srv, request{method: "POST", path: "/users/" + string(ug) + "/tags", body: `{"tag": {}}`})
	if resp.status != 400 || !strings.Contains(resp.message(t), "name") {
		t.Errorf("createTag without a name answered %d %s, want 400 naming the field", resp.status, resp.body)
	}

	// Deleting a transaction deletes its taggings.
	if err := mx.DeleteManualTransactions(ctx, ug, txns[0].GUID); err != nil {
		t.Fatal(err)
	}
	_, err = mx.ReadTagging(ctx, ug, taggings[0].GUID)
	wantStatusErr(t, err, 404)
	if left, err := mx.ListTransactionsByTag(ctx, ug, tag.GUID, nil); err != nil || len(left.Items) != 1 || left.Items[0].GUID != txns[1].GUID {
		t.Errorf("ListTransactionsByTag after deleting a transaction = %+v, %v", left, err)
	}

	// A disabled user's tags answer 403 until the user is enabled again.
	if _, err := mx.UpdateUser(ctx, ug, mxplatform.UserUpdateRequest{IsDisabled: mxplatform.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	_, err = mx.ListTags(ctx, ug, nil)
	wantStatusErr(t, err, 403)
	_, err = mx.CreateTagging(ctx, ug, mxplatform.TaggingCreateRequest{TagGUID: tag.GUID, TransactionGUID: txns[1].GUID})
	wantStatusErr(t, err, 403)
	_, err = mx.ListTransactionsByTag(ctx, ug, tag.GUID, nil)
	wantStatusErr(t, err, 403)
	if _, err := mx.UpdateUser(ctx, ug, mxplatform.UserUpdateRequest{IsDisabled: mxplatform.Ptr(false)}); err != nil {
		t.Fatal(err)
	}
	if read, err := mx.ReadTag(ctx, ug, tag.GUID); err != nil || read.Name != "Daily" {
		t.Errorf("ReadTag once enabled = %+v, %v", read, err)
	}

	// Deleting the user deletes everything of theirs.
	if err := mx.DeleteUser(ctx, ug); err != nil {
		t.Fatal(err)
	}
	_, err = mx.ReadTag(ctx, ug, tag.GUID)
	wantStatusErr(t, err, 404)
	if c := srv.Fake.Counts(); c != (mxplatformtest.Counts{}) {
		t.Errorf("after deleting the only user the fake holds %+v", c)
	}
}
