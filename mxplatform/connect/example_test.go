package connect_test

import (
	"errors"
	"fmt"

	"github.com/mxsdk/mx-go/mxplatform/connect"
)

// A page forwards the data of the widget's postMessage events; the decoder types them.
func ExampleParseMessage() {
	messages := []string{
		`{"type": "mx/connect/loaded", "mx": true, "metadata": {"user_guid": "USR-123", "session_guid": "ANS-123", "initial_step": "search"}}`,
		`{"type": "mx/connect/stepChange", "mx": true, "metadata": {"user_guid": "USR-123", "session_guid": "ANS-123", "previous": "search", "current": "enterCreds"}}`,
		`{"type": "mx/connect/memberStatusUpdate", "mx": true, "metadata": {"user_guid": "USR-123", "session_guid": "ANS-123", "member_guid": "MBR-123", "connection_status": 6}}`,
		`{"type": "mx/connect/memberConnected", "mx": true, "metadata": {"user_guid": "USR-123", "session_guid": "ANS-123", "member_guid": "MBR-123"}}`,
		`{"source": "another-frame"}`,
	}
	for _, m := range messages {
		ev, err := connect.ParseMessage([]byte(m))
		switch e := ev.(type) {
		case *connect.Loaded:
			fmt.Println("loaded on", e.InitialStep)
		case *connect.StepChange:
			fmt.Println("step", e.Previous, "->", e.Current)
		case *connect.MemberStatusUpdate:
			status, _ := e.ConnectionStatus.Status()
			fmt.Println(e.MemberGUID, "is", status)
		case *connect.MemberConnected:
			fmt.Println(e.MemberGUID, "connected")
		default:
			fmt.Println("ignored:", errors.Is(err, connect.ErrNotMX))
		}
	}
	// Output:
	// loaded on search
	// step search -> enterCreds
	// MBR-123 is CONNECTED
	// MBR-123 connected
	// ignored: true
}

// A WebView intercepts navigations: MX's are decoded and cancelled, others load.
func ExampleParseURL() {
	urls := []string{
		"mx://load",
		"appscheme://connect/oauthRequested?metadata=%7B%22user_guid%22%3A%22USR-123%22%2C%22url%22%3A%22https%3A%2F%2Fbank.example%2Foauth%22%7D",
		"appscheme://oauth_complete?status=success",
		"https://bank.example/help",
	}
	for _, u := range urls {
		ev, err := connect.ParseURL(u, "appscheme")
		switch e := ev.(type) {
		case *connect.OAuthRequested:
			fmt.Println("open", e.URL)
		case *connect.OAuthComplete:
			fmt.Println("oauth", e.Status)
		case nil:
			fmt.Println("load it:", errors.Is(err, connect.ErrNotMX))
		default:
			fmt.Println(e.EventType())
		}
	}
	// Output:
	// mx/load
	// open https://bank.example/oauth
	// oauth success
	// load it: true
}
