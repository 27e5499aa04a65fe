package mxplatform

import (
	"net/http"
	"net/textproto"
)

// CallOption adjusts one call of an [API] method.
type CallOption func(*callSettings)

type callSettings struct {
	headers  http.Header
	response **http.Response
	prefetch int // pages a List...Iter method requests ahead; see WithPrefetch
}

func (c *callSettings) setHeader(k, v string) {
	if c.headers == nil {
		c.headers = http.Header{}
	}
	c.headers.Set(k, v)
}

// WithAcceptLanguage sets the Accept-Language header, the language of a widget
// (RequestWidgetURL): en-US (MX's default), en-CA, es, fr or fr-CA.
func WithAcceptLanguage(lang string) CallOption {
	return func(c *callSettings) { c.setHeader("Accept-Language", lang) }
}

// WithCallbackPayload sets the X-CALLBACK-PAYLOAD header: partner data (base64, at most 1024
// characters) that MX echoes back in the webhooks the call causes.
func WithCallbackPayload(payload string) CallOption {
	return func(c *callSettings) { c.setHeader("X-CALLBACK-PAYLOAD", payload) }
}

// WithHeader sets a header on the request, after the SDK's own: it can override Accept or
// User-Agent, but not the Authorization header, which always carries the API's credentials,
// nor Accept-Version, which always names the version this package's types describe
// ([APIVersion]).
func WithHeader(key, value string) CallOption {
	return func(c *callSettings) {
		switch textproto.CanonicalMIMEHeaderKey(key) {
		case "Authorization", "Accept-Version":
			return
		}
		c.setHeader(key, value)
	}
}

// CaptureResponse stores the call's HTTP response in *dst, for its status and headers (the body
// is already read and closed). It is set for error responses too, and left alone when no
// response arrived.
func CaptureResponse(dst **http.Response) CallOption {
	return func(c *callSettings) { c.response = dst }
}
