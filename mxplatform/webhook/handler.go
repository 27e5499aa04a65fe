package webhook

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// DefaultMaxBodySize is the largest body a [Handler] reads unless [WithMaxBodySize] says
// otherwise: 256 KiB. The reference's example payload, an account with all 102 of its fields,
// most of them null, is 3.3 KB (2.7 KB without its indentation); with every field set it stays
// under 8 KiB. Only metadata, the partner's own data, which MX does not bound, could make a
// real payload larger, and a payload refused with 413 would come back with every retry of MX,
// so the limit is generous; decoding a payload costs at most about a dozen times its size
// (long amounts are refused before they are parsed), 3.5 MB at this limit.
const DefaultMaxBodySize = 256 << 10

// AccountFunc takes one account event. It runs before the handler answers MX, so it should
// store or enqueue the event and return quickly. A nil error answers 200; an error answers
// 500, and MX may send the event again, so taking an event twice must be harmless (the
// account's revision tells a repeat from news).
type AccountFunc func(ctx context.Context, event *AccountEvent) error

// Handler is the http.Handler that receives account webhooks: it authenticates MX, checks and
// decodes the request, and calls an [AccountFunc]. Build one with [NewHandler]; it is safe for
// concurrent use.
type Handler struct {
	// matches reports whether a request's basic credentials are the expected ones. The
	// credentials live only in its closure, where no printing of a Handler can reach them.
	matches func(user, password string) bool
	fn      AccountFunc
	maxBody int64
	logger  *slog.Logger
}

// Option configures a [Handler] in [NewHandler].
type Option func(*Handler) error

// WithMaxBodySize sets the largest body the handler reads; larger ones are answered 413.
// Default: [DefaultMaxBodySize].
func WithMaxBodySize(n int64) Option {
	return func(h *Handler) error {
		if n <= 0 {
			return fmt.Errorf("webhook: max body size must be positive, got %d", n)
		}
		h.maxBody = n
		return nil
	}
}

// WithLogger logs every refused request (info level, with its status and reason) and every
// error of the AccountFunc (error level) to l. Credentials and bodies are never logged.
// Default: no logging.
func WithLogger(l *slog.Logger) Option {
	return func(h *Handler) error {
		if l == nil {
			return errors.New("webhook: nil logger")
		}
		h.logger = l
		return nil
	}
}

// NewHandler returns a [Handler] that accepts requests with the HTTP basic credentials user
// and password (those configured for the webhook with MX) and passes each account event to fn.
// Both credentials and fn are required.
func NewHandler(user, password string, fn AccountFunc, opts ...Option) (*Handler, error) {
	if user == "" || password == "" {
		return nil, errors.New("webhook: the basic credentials must not be empty: MX webhooks carry no signature, so they are the only proof that a request comes from MX")
	}
	if fn == nil {
		return nil, errors.New("webhook: nil AccountFunc")
	}
	h := &Handler{
		matches: credentialCheck(user, password),
		fn:      fn,
		maxBody: DefaultMaxBodySize,
		logger:  slog.New(slog.DiscardHandler),
	}
	for _, opt := range opts {
		if opt == nil {
			return nil, errors.New("webhook: nil option")
		}
		if err := opt(h); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// String describes the handler without its credentials.
func (h Handler) String() string {
	return fmt.Sprintf("webhook.Handler{credentials: %s, maxBody: %d}", transport.Redacted, h.maxBody)
}

// GoString is String, so that %#v does not print the credentials' digests either.
func (h Handler) GoString() string { return h.String() }

// Format prints String for every verb: fmt would otherwise print the unexported fields of a
// Handler value.
func (h Handler) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(h.String())) }

// ServeHTTP authenticates, checks and decodes one webhook request and passes its event to the
// AccountFunc. See the package documentation for the statuses it answers.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Basic realm="MX webhooks", charset="UTF-8"`)
		h.refuse(w, r, http.StatusUnauthorized, "missing or wrong basic credentials")
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.refuse(w, r, http.StatusMethodNotAllowed, "only POST is accepted")
		return
	}
	if reason := checkContentType(r.Header.Get("Content-Type")); reason != "" {
		h.refuse(w, r, http.StatusUnsupportedMediaType, reason)
		return
	}
	if r.ContentLength > h.maxBody {
		h.refuse(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d bytes", h.maxBody))
		return
	}
	body, err := transport.ReadLimited(http.MaxBytesReader(w, r.Body, h.maxBody+1), h.maxBody)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.Is(err, transport.ErrTooLarge) || errors.As(err, &tooLarge):
		h.refuse(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d bytes", h.maxBody))
		return
	case err != nil:
		h.refuse(w, r, http.StatusBadRequest, "the body could not be read")
		return
	}
	event, err := ParseAccountEvent(body)
	switch {
	case errors.Is(err, ErrMalformed):
		h.refuse(w, r, http.StatusBadRequest, err.Error())
		return
	case err != nil:
		h.refuse(w, r, http.StatusUnprocessableEntity, err.Error())
		return
	}
	if err := h.fn(r.Context(), event); err != nil {
		h.logger.ErrorContext(r.Context(), "mx account webhook not taken", "action", event.Action, "account", event.Account.GUID, "error", err)
		http.Error(w, "the event was not taken", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// authorized compares the request's basic credentials with the expected ones in constant time:
// both are hashed, so that neither their content nor their length shows in the timing, and
// both comparisons always run.
func (h *Handler) authorized(r *http.Request) bool {
	user, password, ok := r.BasicAuth()
	return h.matches(user, password) && ok
}

// credentialCheck returns a function that compares credentials with user and password in
// constant time. It keeps MACs of them under a random key of its own, so that even its
// closure holds nothing from which the credentials could be guessed offline.
func credentialCheck(user, password string) func(string, string) bool {
	key := make([]byte, sha256.Size)
	_, _ = rand.Read(key) // crypto/rand.Read never fails
	mac := func(s string) []byte {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(s))
		return m.Sum(nil)
	}
	wantUser, wantPassword := mac(user), mac(password)
	return func(u, p string) bool {
		return subtle.ConstantTimeCompare(mac(u), wantUser)&subtle.ConstantTimeCompare(mac(p), wantPassword) == 1
	}
}

// checkContentType returns why a Content-Type is refused, or "" for JSON in UTF-8.
func checkContentType(v string) string {
	if v == "" {
		return "no Content-Type; want application/json"
	}
	mt, params, err := mime.ParseMediaType(v)
	if err != nil || mt != "application/json" {
		return "Content-Type " + quote(v) + "; want application/json"
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return "charset " + quote(cs) + "; want utf-8"
	}
	return ""
}

// refuse answers a request the handler does not take, without calling the AccountFunc.
func (h *Handler) refuse(w http.ResponseWriter, r *http.Request, status int, reason string) {
	h.logger.InfoContext(r.Context(), "mx account webhook refused", "status", status, "reason", reason, "method", r.Method, "remote", r.RemoteAddr)
	http.Error(w, reason, status)
}
