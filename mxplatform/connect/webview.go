package connect

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// DefaultScheme is the URL scheme of WebView navigation events unless the widget URL was
// requested with another ui_message_webview_url_scheme.
const DefaultScheme = "mx"

// OAuthStatus is how an OAuth flow ended.
type OAuthStatus string

// The OAuth outcomes of {scheme}://oauth_complete?status=...
const (
	OAuthStatusSuccess OAuthStatus = "success"
	OAuthStatusError   OAuthStatus = "error"
)

// OAuthComplete is the navigation that sends the user back to the app at the end of an OAuth
// flow: {scheme}://oauth_complete?status=success or status=error.
type OAuthComplete struct {
	Status OAuthStatus
}

// EventType returns [TypeOAuthComplete].
func (*OAuthComplete) EventType() Type { return TypeOAuthComplete }

// ParseURL decodes a URL the widget navigates to in a WebView:
//
//	{scheme}://{path}?metadata={json}      the event of type mx/{path}, as ParseMessage
//	{scheme}://oauth_complete?status=...   an [*OAuthComplete]
//
// The scheme must be mx (the default, which the widget also uses for mx://load) or one of
// appSchemes, the ui_message_webview_url_scheme values the app requested, compared without
// case; another scheme is [ErrNotMX], and the WebView should load the URL. The metadata
// parameter may be percent-encoded or not; it may be absent, as in mx://load.
func ParseURL(rawURL string, appSchemes ...string) (Event, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if !schemeAllowed(u.Scheme, appSchemes) {
		return nil, ErrNotMX
	}
	if u.Opaque != "" || u.Host == "" {
		return nil, fmt.Errorf("%w: %s is not {scheme}://{path}", ErrMalformed, quote(rawURL))
	}
	path := strings.Trim(u.Host+u.Path, "/")
	if path == string(TypeOAuthComplete) {
		return oauthComplete(u)
	}
	metadata, err := metadataParam(u.RawQuery)
	if err != nil {
		return nil, err
	}
	return decode(Type("mx/"+path), metadata)
}

func schemeAllowed(scheme string, appSchemes []string) bool {
	if strings.EqualFold(scheme, DefaultScheme) {
		return true
	}
	for _, s := range appSchemes {
		if s != "" && strings.EqualFold(scheme, strings.TrimSuffix(s, "://")) {
			return true
		}
	}
	return false
}

func oauthComplete(u *url.URL) (Event, error) {
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, fmt.Errorf("%w: oauth_complete query: %v", ErrMalformed, err)
	}
	switch s := OAuthStatus(q.Get("status")); s {
	case OAuthStatusSuccess, OAuthStatusError:
		return &OAuthComplete{Status: s}, nil
	default:
		return nil, fmt.Errorf("%w: oauth_complete status %s, want success or error", ErrMalformed, quote(string(s)))
	}
}

// metadataParam returns the JSON of the metadata query parameter, or nil when there is none.
// The widget sends one parameter; its JSON may come percent-encoded, or raw with characters
// (& = +) that a query parser would split on, so both readings are tried.
func metadataParam(rawQuery string) (json.RawMessage, error) {
	if rawQuery == "" {
		return nil, nil
	}
	if q, err := url.ParseQuery(rawQuery); err == nil {
		if vs, ok := q["metadata"]; ok && len(vs) == 1 && json.Valid([]byte(vs[0])) {
			return json.RawMessage(vs[0]), nil
		}
	}
	rest, ok := strings.CutPrefix(rawQuery, "metadata=")
	if !ok {
		return nil, fmt.Errorf("%w: the query %s has no metadata parameter", ErrMalformed, quote(rawQuery))
	}
	if json.Valid([]byte(rest)) {
		return json.RawMessage(rest), nil
	}
	if unescaped, err := url.PathUnescape(rest); err == nil && json.Valid([]byte(unescaped)) {
		return json.RawMessage(unescaped), nil
	}
	return nil, fmt.Errorf("%w: the metadata parameter is not JSON", ErrMalformed)
}
