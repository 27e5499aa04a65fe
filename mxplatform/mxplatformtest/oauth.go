package mxplatformtest

import (
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The fake serves, outside the API and without authentication, the two kinds of page whose URLs
// the API hands out: OAuth windows (the institution's consent page; see [Fake.CompleteOAuth])
// and widgets (a stand-in for MX's Connect and other widgets).
const (
	oauthPath  = "/oauth/predirect_to/" // + member GUID + "/" + token
	widgetPath = "/md/"                 // + widget type + "/" + token
	// maxFormBody bounds the form posted to an OAuth window: the page's buttons send 14
	// bytes.
	maxFormBody = 4 << 10
)

// newOAuthSession gives the member a new OAuth window URI; the previous one stops working.
func (f *Fake) newOAuthSession(m *memberRec, redirect string, skip bool) {
	if m.oauth != nil {
		delete(f.st.oauthTokens, m.oauth.token)
	}
	m.oauth = &oauthSession{token: f.token(), redirectURL: redirect, skipAggregation: skip}
	f.st.oauthTokens[m.oauth.token] = m
}

// token returns a single-use token drawn from the seed.
func (f *Fake) token() string {
	var b [24]byte
	for i := range b {
		b[i] = byte(f.st.guids.Uint32())
	}
	return hex.EncodeToString(b[:])
}

// CompleteOAuth finishes the OAuth flow of a member as the end user would at the institution:
// approve moves it on (an aggregation starts, unless the window was requested with
// skip_aggregation, which leaves it CONNECTED without data); refusing leaves it DENIED. It
// fails for a member that has no OAuth window open. Visiting the member's oauth_window_uri and
// pressing a button does the same.
func (f *Fake) CompleteOAuth(userGUID mxplatform.UserGUID, memberGUID mxplatform.MemberGUID, approve bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	m, err := f.st.member(userGUID, memberGUID)
	if err != nil {
		return fmt.Errorf("mxplatformtest: CompleteOAuth: %w", err)
	}
	return f.completeOAuth(m, approve, now)
}

func (f *Fake) completeOAuth(m *memberRec, approve bool, now time.Time) error {
	if m.oauth == nil {
		return errors.New("mxplatformtest: the member has no OAuth window open")
	}
	sess := m.oauth
	delete(f.st.oauthTokens, sess.token)
	m.oauth = nil
	switch {
	case !approve:
		if m.job != nil {
			f.endJob(m.job, mxplatform.ConnectionStatusDenied, now)
			f.pruneJobs()
		}
		m.status = mxplatform.ConnectionStatusDenied
		m.authenticated = false
	case sess.skipAggregation:
		m.status = mxplatform.ConnectionStatusConnected
		m.authenticated = true
	case m.job == nil:
		f.startJob(m, jobAggregation, outcome{connect: true}, productsOf(jobAggregation, m), now)
	}
	return nil
}

// servePage serves the OAuth and widget pages; it reports whether the request was one.
func (f *Fake) servePage(w http.ResponseWriter, r *http.Request) bool {
	switch {
	case strings.HasPrefix(r.URL.Path, oauthPath):
		f.serveOAuthWindow(w, r)
	case strings.HasPrefix(r.URL.Path, widgetPath):
		serveWidget(w, r)
	case r.URL.Path == tokenPath:
		f.serveTokenExchange(w, r)
	default:
		return false
	}
	return true
}

// serveOAuthWindow shows the consent page of an OAuth window (GET) and takes its answer (POST
// with action=approve or action=deny). After an answer the end user is sent to the
// client_redirect_url, when there is one, with status=success or status=error and the
// member's GUID, as MX does.
func (f *Fake) serveOAuthWindow(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, oauthPath), "/")
	if len(parts) != 2 {
		writePage(w, http.StatusNotFound, "OAuth window not found", "<p>This OAuth window does not exist.</p>")
		return
	}
	if r.Method == http.MethodPost {
		// Read the form before anything changes, and at most maxFormBody of it: the page
		// sends action=approve or action=deny, and r.FormValue alone would read up to 10 MB
		// (32 MB of multipart) into memory.
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
		err := r.ParseForm() // ParseMultipartForm drops its error on other media types
		if err == nil {
			if err = r.ParseMultipartForm(maxFormBody); errors.Is(err, http.ErrNotMultipart) {
				err = nil
			}
		}
		if err != nil {
			status := http.StatusBadRequest
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				status = http.StatusRequestEntityTooLarge
			}
			writePage(w, status, "OAuth", "<p>The form could not be read.</p>")
			return
		}
	}
	f.mu.Lock()
	m, ok := f.st.oauthTokens[parts[1]]
	if !ok || string(m.guid) != parts[0] {
		f.mu.Unlock()
		writePage(w, http.StatusNotFound, "OAuth window not found", "<p>This OAuth window has been used, replaced or never existed. Request a new one with requestOAuthWindowURI.</p>")
		return
	}
	name := m.inst.Name
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		f.mu.Unlock()
		writePage(w, http.StatusOK, "Sign in to "+name, fmt.Sprintf(`<p>%s asks for access to your accounts at %s.</p>
<form method="post"><button name="action" value="approve">Approve</button> <button name="action" value="deny">Deny</button></form>`, "The application", html.EscapeString(name)))
	case http.MethodPost:
		approve := r.FormValue("action") != "deny" // the form is parsed already
		redirect := m.oauth.redirectURL
		err := f.completeOAuth(m, approve, f.sync())
		guid := m.guid
		f.mu.Unlock()
		if err != nil {
			writePage(w, http.StatusConflict, "OAuth", "<p>"+html.EscapeString(err.Error())+"</p>")
			return
		}
		status := "success"
		if !approve {
			status = "error"
		}
		if u, err := url.Parse(redirect); err == nil && redirect != "" && u.Scheme != "" {
			q := u.Query()
			q.Set("status", status)
			q.Set("member_guid", string(guid))
			u.RawQuery = q.Encode()
			http.Redirect(w, r, u.String(), http.StatusSeeOther)
			return
		}
		writePage(w, http.StatusOK, "Done", fmt.Sprintf("<p>OAuth %s. You can close this window.</p>", status))
	default:
		f.mu.Unlock()
		w.Header().Set("Allow", "GET, POST")
		writePage(w, http.StatusMethodNotAllowed, "Method not allowed", "")
	}
}

// serveWidget shows a stand-in for an MX widget.
func serveWidget(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, widgetPath), "/")
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		writePage(w, http.StatusNotFound, "Widget not found", "")
		return
	}
	writePage(w, http.StatusOK, "MX widget", "<p>This is where MX would show the "+html.EscapeString(parts[0])+". The fake server does not render widgets.</p>")
}

func writePage(w http.ResponseWriter, status int, title, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<!doctype html><html><head><title>%s</title></head><body><h1>%s</h1>%s</body></html>\n", html.EscapeString(title), html.EscapeString(title), body)
}
