package mxplatformtest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/mxsdk/mx-go/mxplatform/processor"
)

// TestSampleIsStableAndReadable loads the sample in two fakes of different seeds: the GUIDs
// of the records the sample makes itself are the same, and each can be read back through the
// API; the processor token opens the sample's account.
func TestSampleIsStableAndReadable(t *testing.T) {
	ctx := context.Background()
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	s, err := srv.Fake.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	other := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0), mxplatformtest.WithSeed(42))
	s2, err := other.Fake.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	// What the sample makes itself does not depend on the fake's seed.
	if s.User != s2.User || s.Tag != s2.Tag || s.Goal != s2.Goal || s.Notification != s2.Notification || s.PlanItem != s2.PlanItem || s.ProcessorToken != s2.ProcessorToken || s.ManualAccount != s2.ManualAccount || s.SpendingPlan != s2.SpendingPlan || s.Member != s2.Member {
		t.Errorf("the sample's GUIDs follow the seed:\n%+v\n%+v", s, s2)
	}
	api, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	u, err := api.ReadUser(ctx, mxplatformtest.SampleUserID)
	if err != nil || u.GUID != s.User || u.Email != "ada@example.com" {
		t.Fatalf("user %+v, %v", u, err)
	}
	m, err := api.ReadMember(ctx, mxplatformtest.SampleUserID, mxplatformtest.SampleMemberID)
	if err != nil || m.GUID != s.Member || m.ConnectionStatus != mxplatform.ConnectionStatusConnected {
		t.Fatalf("member %+v, %v", m, err)
	}
	st, err := api.ReadMemberStatus(ctx, mxplatformtest.SampleUserID, mxplatformtest.SampleChallengedMemberID)
	if err != nil || st.ConnectionStatus != mxplatform.ConnectionStatusChallenged {
		t.Fatalf("challenged member %+v, %v", st, err)
	}
	if tag, err := api.ReadTag(ctx, s.User, s.Tag); err != nil || tag.Name != "Business trip" {
		t.Errorf("tag %+v, %v", tag, err)
	}
	if tg, err := api.ReadTagging(ctx, s.User, s.Tagging); err != nil || tg.TagGUID != s.Tag || tg.TransactionGUID != s.Transaction {
		t.Errorf("tagging %+v, %v", tg, err)
	}
	if g, err := api.ReadGoal(ctx, s.User, s.Goal); err != nil || g.Name != "Trip to Lisbon" {
		t.Errorf("goal %+v, %v", g, err)
	}
	if b, err := api.ReadSpecificBudget(ctx, s.User, s.Budget); err != nil || b.GUID != s.Budget {
		t.Errorf("budget %+v, %v", b, err)
	}
	if h, err := api.ReadHolding(ctx, s.User, s.Holding); err != nil || h.GUID != s.Holding {
		t.Errorf("holding %+v, %v", h, err)
	}
	if a, err := api.ReadAccount(ctx, s.User, s.ManualAccount); err != nil || a.Name != "Cash jar" {
		t.Errorf("manual account %+v, %v", a, err)
	}
	p, err := processor.New(s.ProcessorToken, mxplatform.WithServerURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	bal, err := p.ReadAccountBalance(ctx)
	if err != nil || bal.AccountGUID == nil || *bal.AccountGUID != s.Account {
		t.Errorf("balance through the token: %+v, %v", bal, err)
	}
	d := s.Describe()
	for _, want := range []string{"user_id:", string(mxplatformtest.SampleUserID), string(s.Tag), s.ProcessorToken} {
		if !strings.Contains(d, want) {
			t.Errorf("Describe lacks %q:\n%s", want, d)
		}
	}
	if _, err := srv.Fake.LoadSample(); err == nil {
		t.Error("a second LoadSample succeeded over the first")
	}
}

// TestDeletingAUserDeletesItsRecords deletes the sample's user, which has records of every
// plain resource: none is left but the partner's ACH return, which reports what happened to
// a payment rather than belonging to the user.
func TestDeletingAUserDeletesItsRecords(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	s, err := srv.Fake.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	mx := newAPI(t, srv)
	ctx := context.Background()
	if insights, err := mx.ListInsightsUser(ctx, s.User, nil); err != nil || len(insights.Items) == 0 {
		t.Fatalf("the sample's insights: %+v, %v", insights, err) // derived, and stored, by this read
	}
	before := srv.Fake.Counts()
	if before.Records < 10 {
		t.Fatalf("the sample holds %d records", before.Records)
	}
	if err := mx.DeleteUser(ctx, s.User); err != nil {
		t.Fatal(err)
	}
	after := srv.Fake.Counts()
	if after != (mxplatformtest.Counts{Records: 1}) {
		t.Errorf("after deleting the sample's only user the fake holds %+v, want only the ACH return", after)
	}
	if ret, err := mx.ReadACHReturn(ctx, s.ACHReturn); err != nil || ret.GUID != s.ACHReturn {
		t.Errorf("ReadACHReturn after the user is gone = %+v, %v", ret, err)
	}
}
