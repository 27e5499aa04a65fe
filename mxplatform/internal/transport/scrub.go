package transport

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// credentialHeaders are the request headers that carry a client's credentials.
var credentialHeaders = []string{"Authorization", "MD-SESSION-TOKEN"}

// Scrub removes from b the credentials that req carried, in every form a server or a proxy
// could echo them (as sent, JSON-escaped, URL-escaped; for basic credentials also the decoded
// password and user:password), replacing each with Redacted. Clients apply it to whatever they
// keep of an answer (error bodies, messages, excerpts), so that a page echoing the request
// cannot put the credentials into an error.
func Scrub(req *http.Request, b []byte) []byte {
	if req == nil || len(b) == 0 {
		return b
	}
	var secrets []string
	for _, h := range credentialHeaders {
		v := req.Header.Get(h)
		if v == "" {
			continue
		}
		secrets = append(secrets, v)
		scheme, token, ok := strings.Cut(v, " ")
		if !ok {
			continue
		}
		secrets = append(secrets, token)
		if strings.EqualFold(scheme, "Basic") {
			if raw, err := base64.StdEncoding.DecodeString(token); err == nil {
				_, password, _ := strings.Cut(string(raw), ":")
				secrets = append(secrets, string(raw), password)
			}
		}
	}
	out := string(b)
	changed := false
	for _, s := range secrets {
		if len(s) < 4 {
			continue // too short to tell from ordinary text
		}
		quoted, _ := json.Marshal(s)
		forms := []string{s, string(quoted[1 : len(quoted)-1]), strings.ReplaceAll(s, "/", `\/`), url.QueryEscape(s), url.PathEscape(s)}
		for _, f := range forms {
			if strings.Contains(out, f) {
				out = strings.ReplaceAll(out, f, Redacted)
				changed = true
			}
		}
	}
	if !changed {
		return b
	}
	return []byte(out)
}
