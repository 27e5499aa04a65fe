package mxplatformtest_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

func TestNotifications(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug := newUser(t, mx)
	other := newUser(t, mx)

	n, err := mx.CreateNotification(ctx, ug, mxplatform.NotificationCreateRequest{Subject: "Budget", Content: "You are over budget."})
	if err != nil {
		t.Fatalf("CreateNotification: %v", err)
	}
	if !strings.HasPrefix(string(n.GUID), "NTF-") || n.Subject != "Budget" || n.Content != "You are over budget." || n.NotificationType != "CUSTOM" ||
		n.Channel != mxplatform.NotificationChannelInApp || !n.HasBeenDelivered.Value() || n.DeliveredAt == "" || n.HasBeenViewed.Value() || n.CreatedAt == "" {
		t.Errorf("CreateNotification = %+v", n)
	}
	if read, err := mx.ReadNotifications(ctx, ug, n.GUID); err != nil || *read != *n {
		t.Errorf("ReadNotifications = %+v, %v; want %+v", read, err, n)
	}

	_, err = mx.CreateNotification(ctx, ug, mxplatform.NotificationCreateRequest{Content: "no subject"})
	wantMessage(t, err, 400, "notification.subject")
	_, err = mx.CreateNotification(ctx, ug, mxplatform.NotificationCreateRequest{Subject: "no content"})
	wantMessage(t, err, 400, "notification.content")
	_, err = mx.ReadNotifications(ctx, ug, "NTF-unknown")
	wantMessage(t, err, 404, "Notification not found")
	_, err = mx.ReadNotifications(ctx, other, n.GUID)
	wantStatusErr(t, err, 404)
	_, err = mx.CreateNotification(ctx, "USR-unknown", mxplatform.NotificationCreateRequest{Subject: "s", Content: "c"})
	wantStatusErr(t, err, 404)

	want := []mxplatform.NotificationGUID{n.GUID}
	for i := range 10 {
		x, err := mx.CreateNotification(ctx, ug, mxplatform.NotificationCreateRequest{Subject: fmt.Sprintf("s%d", i), Content: "c"})
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, x.GUID)
	}
	p2, err := mx.ListNotifications(ctx, ug, &mxplatform.ListNotificationsParams{Page: mxplatform.Ptr(2), RecordsPerPage: mxplatform.Ptr(10)})
	if err != nil || len(p2.Items) != 1 || p2.Items[0].GUID != want[10] || p2.Pagination != (mxplatform.Pagination{CurrentPage: 2, PerPage: 10, TotalEntries: 11, TotalPages: 2}) {
		t.Errorf("ListNotifications page 2 = %+v, %v", p2, err)
	}
	all, err := mxplatform.Collect(mx.ListNotificationsIter(ctx, ug, &mxplatform.ListNotificationsParams{RecordsPerPage: mxplatform.Ptr(10)}))
	if err != nil || !slices.Equal(guidsOf(all, func(x mxplatform.Notification) mxplatform.NotificationGUID { return x.GUID }), want) {
		t.Errorf("ListNotificationsIter = %d, %v; want %v", len(all), err, want)
	}
	if theirs, err := mx.ListNotifications(ctx, other, nil); err != nil || len(theirs.Items) != 0 {
		t.Errorf("another user's ListNotifications = %+v, %v", theirs, err)
	}
	wantServed(t, srv, "listNotifications", "createNotification", "readNotifications")
}

func TestACHReturns(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, mg := connectedUser(t, srv, mx)
	other, otherMember := connectedUser(t, srv, mx)
	accts, err := mx.ListMemberAccounts(ctx, ug, mg, nil)
	if err != nil || len(accts.Items) < 2 {
		t.Fatalf("ListMemberAccounts = %+v, %v", accts, err)
	}
	acct := accts.Items[0]
	theirs, err := mx.ListMemberAccounts(ctx, other, otherMember, nil)
	if err != nil {
		t.Fatal(err)
	}
	member, err := mx.ReadMember(ctx, ug, mg)
	if err != nil {
		t.Fatal(err)
	}
	returned := mxplatform.Timestamp("2026-03-02T10:00:00Z")
	req := mxplatform.ACHReturnCreateRequest{
		ID: "return-1", UserGUID: ug, MemberGUID: mg, AccountGUID: acct.GUID, ReturnCode: "R01",
		TransactionAmount: mxplatform.Ptr(mxplatform.MustDecimal("1234.56")), ReturnedAt: &returned, SecCode: mxplatform.Ptr("WEB"),
	}
	r, err := mx.CreateACHReturn(ctx, req)
	if err != nil {
		t.Fatalf("CreateACHReturn: %v", err)
	}
	wantLast := acct.AccountNumber[max(0, len(acct.AccountNumber)-4):]
	if !strings.HasPrefix(string(r.GUID), "ACH-") || r.ID != "return-1" || r.UserGUID != ug || r.MemberGUID != mg || r.AccountGUID != acct.GUID ||
		r.ReturnCode != "R01" || r.ReturnStatus != "SUBMITTED" || r.SubmittedAt == "" || r.AccountType != acct.Type ||
		r.InstitutionGUID != member.InstitutionGUID || r.AccountNumberLastFour != wantLast || r.SecCode != "WEB" || r.ClientGUID == "" {
		t.Errorf("CreateACHReturn = %+v (want last four %q, institution %s)", r, wantLast, member.InstitutionGUID)
	}
	wantAmount(t, "transaction_amount", r.TransactionAmount, dec("1234.56"))
	if read, err := mx.ReadACHReturn(ctx, r.GUID); err != nil || read.GUID != r.GUID || read.ID != r.ID || read.ReturnedAt == "" || read.AccountNumberLastFour != wantLast {
		t.Errorf("ReadACHReturn = %+v, %v; want %+v", read, err, r)
	}

	// The partner's id is unique; the user, member and account must go together.
	_, err = mx.CreateACHReturn(ctx, req)
	wantMessage(t, err, 409, "return-1")
	bad := req
	bad.ID, bad.AccountGUID = "return-x", theirs.Items[0].GUID
	_, err = mx.CreateACHReturn(ctx, bad)
	wantStatusErr(t, err, 400)
	bad = req
	bad.ID, bad.MemberGUID = "return-x", otherMember
	_, err = mx.CreateACHReturn(ctx, bad)
	wantStatusErr(t, err, 400)
	bad = req
	bad.ID, bad.AccountGUID = "return-x", "ACT-unknown"
	_, err = mx.CreateACHReturn(ctx, bad)
	wantMessage(t, err, 400, "account_guid")
	bad = req
	bad.ID, bad.ReturnCode = "return-x", ""
	_, err = mx.CreateACHReturn(ctx, bad)
	wantMessage(t, err, 400, "ach_return.return_code")
	_, err = mx.ReadACHReturn(ctx, "ACH-unknown")
	wantMessage(t, err, 404, "ACH return not found")

	// The digits the partner sends stand; others are filtered.
	second, err := mx.CreateACHReturn(ctx, mxplatform.ACHReturnCreateRequest{
		ID: "return-2", UserGUID: ug, MemberGUID: mg, AccountGUID: accts.Items[1].GUID, ReturnCode: "R03", AccountNumberLastFour: mxplatform.Ptr("9876"),
	})
	if err != nil || second.AccountNumberLastFour != "9876" || second.AccountType != accts.Items[1].Type {
		t.Fatalf("CreateACHReturn(last four) = %+v, %v", second, err)
	}
	third, err := mx.CreateACHReturn(ctx, mxplatform.ACHReturnCreateRequest{ID: "return-3", UserGUID: other, MemberGUID: otherMember, AccountGUID: theirs.Items[0].GUID, ReturnCode: "R01"})
	if err != nil {
		t.Fatal(err)
	}
	filter := func(what string, p *mxplatform.ListACHReturnsParams, want ...mxplatform.ACHReturnGUID) {
		t.Helper()
		page, err := mx.ListACHReturns(ctx, p)
		if err != nil {
			t.Fatalf("ListACHReturns(%s): %v", what, err)
		}
		if got := guidsOf(page.Items, func(x mxplatform.ACHReturn) mxplatform.ACHReturnGUID { return x.GUID }); !slices.Equal(got, want) || page.Pagination.TotalEntries != len(want) {
			t.Errorf("ListACHReturns(%s) = %v, want %v", what, got, want)
		}
	}
	filter("all", nil, r.GUID, second.GUID, third.GUID)
	filter("return_code", &mxplatform.ListACHReturnsParams{ReturnCode: mxplatform.Ptr("R01")}, r.GUID, third.GUID)
	filter("institution_guid", &mxplatform.ListACHReturnsParams{InstitutionGUID: &member.InstitutionGUID, ReturnCode: mxplatform.Ptr("R03")}, second.GUID)
	filter("returned_at", &mxplatform.ListACHReturnsParams{ReturnedAt: mxplatform.Ptr("2026-03-02")}, r.GUID)
	filter("returned_at in Unix time", &mxplatform.ListACHReturnsParams{ReturnedAt: mxplatform.Ptr(fmt.Sprint(time.Date(2026, 3, 2, 23, 0, 0, 0, time.UTC).Unix()))}, r.GUID)
	filter("another returned_at", &mxplatform.ListACHReturnsParams{ReturnedAt: mxplatform.Ptr("2026-03-03")})
	filter("return_status", &mxplatform.ListACHReturnsParams{ReturnStatus: mxplatform.Ptr("SUBMITTED")}, r.GUID, second.GUID, third.GUID)
	filter("another return_status", &mxplatform.ListACHReturnsParams{ReturnStatus: mxplatform.Ptr("RESOLVED")})

	// Pages and the iterator.
	for i := range 9 {
		if _, err := mx.CreateACHReturn(ctx, mxplatform.ACHReturnCreateRequest{ID: mxplatform.ACHReturnID(fmt.Sprintf("more-%d", i)), UserGUID: ug, MemberGUID: mg, AccountGUID: acct.GUID, ReturnCode: "R02"}); err != nil {
			t.Fatal(err)
		}
	}
	p2, err := mx.ListACHReturns(ctx, &mxplatform.ListACHReturnsParams{Page: mxplatform.Ptr(2), RecordsPerPage: mxplatform.Ptr(10)})
	if err != nil || len(p2.Items) != 2 || p2.Pagination.TotalPages != 2 || p2.Pagination.TotalEntries != 12 {
		t.Errorf("ListACHReturns page 2 = %+v, %v", p2, err)
	}
	all, err := mxplatform.Collect(mx.ListACHReturnsIter(ctx, &mxplatform.ListACHReturnsParams{ReturnCode: mxplatform.Ptr("R02"), RecordsPerPage: mxplatform.Ptr(10)}))
	if err != nil || len(all) != 9 {
		t.Errorf("ListACHReturnsIter(R02) = %d, %v; want 9", len(all), err)
	}

	// Returns report what happened: they stay when their user goes.
	if err := mx.DeleteUser(ctx, ug); err != nil {
		t.Fatal(err)
	}
	if read, err := mx.ReadACHReturn(ctx, r.GUID); err != nil || read.UserGUID != ug {
		t.Errorf("ReadACHReturn after DeleteUser = %+v, %v; want the return kept", read, err)
	}
	wantServed(t, srv, "listACHRetruns", "createACHReturn", "readACHRetrun")
}
