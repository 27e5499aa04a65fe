package mxplatformtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// apiError is an answer other than 2xx that a handler returns as its error: the strict server
// hands it to writeHandlerError, which writes MX's error JSON with its status.
type apiError struct {
	status     int
	message    string
	retryAfter int // seconds, sent as Retry-After when positive
}

// Error returns the status and the message.
func (e *apiError) Error() string { return strconv.Itoa(e.status) + " " + e.message }

// errorf returns an *apiError with a formatted message.
func errorf(status int, format string, args ...any) error {
	return &apiError{status: status, message: fmt.Sprintf(format, args...)}
}

// The messages of errors that several operations answer.
var (
	errUserNotFound        = &apiError{status: http.StatusNotFound, message: "User not found."}
	errMemberNotFound      = &apiError{status: http.StatusNotFound, message: "Member not found."}
	errAccountNotFound     = &apiError{status: http.StatusNotFound, message: "Account not found."}
	errTransactionNotFound = &apiError{status: http.StatusNotFound, message: "Transaction not found."}
	errUnknownInstitution  = &apiError{status: http.StatusNotFound, message: "Unrecognized institution."}
	errStatementNotFound   = &apiError{status: http.StatusNotFound, message: "Statement not found."}
	errHoldingNotFound     = &apiError{status: http.StatusNotFound, message: "Holding not found."}
	errCategoryNotFound    = &apiError{status: http.StatusNotFound, message: "Category not found."}
	errMerchantNotFound    = &apiError{status: http.StatusNotFound, message: "Merchant not found."}
	errLocationNotFound    = &apiError{status: http.StatusNotFound, message: "Merchant location not found."}
	errCannotUseOAuth      = &apiError{status: http.StatusBadRequest, message: "Member cannot use OAuth"}
)

// errorBody is MX's error JSON.
type errorBody struct {
	Error struct {
		Message string `json:"message"`
	} `json:"error"`
}

// writeError answers status with MX's error JSON, {"error": {"message": "..."}}, in the media
// type of the request's version (see errorMediaType).
//
// An answer whose header has gone cannot be replaced: when the fake's writer says that the
// answer has started (the generated layer reports an error writing a body, most often because
// the client went away), writeError aborts the answer instead of sending a second header, and
// the client sees the connection close rather than a body it might take as whole.
func writeError(w http.ResponseWriter, r *http.Request, status int, message string) {
	if answerStarted(w) {
		panic(http.ErrAbortHandler)
	}
	var b errorBody
	b.Error.Message = message
	body, _ := json.Marshal(b) // a struct of one string always encodes
	h := w.Header()
	h.Set("Content-Type", errorMediaType(r))
	h.Set("Content-Length", strconv.Itoa(len(body)+1))
	h.Del("Content-Encoding")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

// writeHandlerError answers the error a handler returned: its own status for an *apiError, 500
// for anything else (a bug of the fake, described so that it can be reported).
func writeHandlerError(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	if errors.As(err, &ae) {
		if ae.retryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(ae.retryAfter))
		}
		writeError(w, r, ae.status, ae.message)
		return
	}
	writeError(w, r, http.StatusInternalServerError, "Internal server error: "+err.Error())
}

// writeBadRequest answers 400 for a request the generated layer could not decode.
func writeBadRequest(w http.ResponseWriter, r *http.Request, err error) {
	writeError(w, r, http.StatusBadRequest, "Invalid request: "+err.Error())
}
