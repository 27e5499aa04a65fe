package mxplatform

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestVerifyMicrodepositAndWait reports the amounts, then reads the microdeposit past
// DEPOSITED (not judged yet) to VERIFIED; a wait on a fresh microdeposit stops at DEPOSITED,
// where the owner acts.
func TestVerifyMicrodepositAndWait(t *testing.T) {
	recordSleeps(t)
	var mu sync.Mutex
	statuses := []MicrodepositStatus{MicrodepositStatusRequested, MicrodepositStatusDeposited, MicrodepositStatusDeposited, MicrodepositStatusVerified}
	reads, sent := 0, ""
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", mediaType)
		switch {
		case r.Method == http.MethodPut && r.URL.Path == "/micro_deposits/MIC-1/verify":
			b, _ := io.ReadAll(r.Body)
			sent = string(b)
			_ = json.NewEncoder(w).Encode(map[string]any{"micro_deposit": Microdeposit{GUID: "MIC-1", Status: MicrodepositStatusDeposited}})
		case r.Method == http.MethodGet && r.URL.Path == "/users/USR-1/micro_deposits/MIC-1":
			s := statuses[min(reads, len(statuses)-1)]
			reads++
			_ = json.NewEncoder(w).Encode(map[string]any{"micro_deposit": Microdeposit{GUID: "MIC-1", Status: s}})
		default:
			w.WriteHeader(404)
		}
	}))
	defer srv.Close()
	a := newTestAPI(t, srv.URL)

	m, err := a.WaitForMicrodeposit(context.Background(), "USR-1", "MIC-1", nil)
	if err != nil || m.Status != MicrodepositStatusDeposited || reads != 2 {
		t.Fatalf("waited to %v after %d reads: %v", m, reads, err)
	}
	amounts := MicrodepositVerifyRequest{DepositAmount1: MustDecimal("0.07"), DepositAmount2: MustDecimal("0.21")}
	m, err = a.VerifyMicrodepositAndWait(context.Background(), "USR-1", "MIC-1", amounts, nil)
	if err != nil || m.Status != MicrodepositStatusVerified {
		t.Fatalf("verified to %v: %v", m, err)
	}
	if !strings.Contains(sent, `"deposit_amount_1":0.07`) || !strings.Contains(sent, `"deposit_amount_2":0.21`) {
		t.Errorf("sent %s", sent)
	}
	for s, settled := range map[MicrodepositStatus]bool{
		MicrodepositStatusInitiated: false, MicrodepositStatusRequested: false, "SOMETHING_NEW": false,
		MicrodepositStatusDeposited: true, MicrodepositStatusVerified: true, MicrodepositStatusDenied: true, MicrodepositStatusPrevented: true,
	} {
		if s.Settled() != settled {
			t.Errorf("%s settled %v", s, !settled)
		}
	}
}

func TestProcessorScope(t *testing.T) {
	got := ProcessorScope("USR-1", "MBR-2", "ACT-3")
	if want := "user-guid:USR-1 member-guid:MBR-2 account-guid:ACT-3 read-protected"; got != want {
		t.Errorf("scope %q, want %q", got, want)
	}
}
