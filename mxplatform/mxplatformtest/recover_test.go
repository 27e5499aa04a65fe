package mxplatformtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestPanicAnswers500 makes an operation panic and checks that the fake answers 500 with MX's
// error JSON, and goes on serving.
func TestPanicAnswers500(t *testing.T) {
	fake, err := NewFake()
	if err != nil {
		t.Fatal(err)
	}
	fake.panicHook = func(op string) {
		if op == "listInstitutions" {
			panic("a bug in the fake")
		}
	}
	serve := func(path string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", path, nil)
		req.SetBasicAuth(DefaultClientID, DefaultAPIKey)
		versioned(req)
		rec := httptest.NewRecorder()
		fake.ServeHTTP(rec, req)
		return rec
	}
	rec := serve("/institutions")
	var body errorBody
	if rec.Code != http.StatusInternalServerError || json.Unmarshal(rec.Body.Bytes(), &body) != nil || !strings.Contains(body.Error.Message, "a bug in the fake") {
		t.Errorf("a panicking operation answered %d %s", rec.Code, rec.Body)
	}
	if rec := serve("/institutions/mxbank"); rec.Code != http.StatusOK {
		t.Errorf("after the panic: %d %s", rec.Code, rec.Body)
	}
}

// TestHandlerErrors checks the answers to errors the generated layer reports.
func TestHandlerErrors(t *testing.T) {
	rec := httptest.NewRecorder()
	writeHandlerError(rec, nil, errorf(http.StatusConflict, "taken"))
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), `"taken"`) {
		t.Errorf("apiError: %d %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	writeHandlerError(rec, nil, http.ErrBodyNotAllowed)
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), `"error"`) {
		t.Errorf("other error: %d %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	writeBadRequest(rec, nil, http.ErrNotSupported)
	if rec.Code != http.StatusBadRequest || rec.Header().Get("Content-Type") != mediaTypeJSON {
		t.Errorf("bad request: %d %s", rec.Code, rec.Header())
	}
}

// versioned makes req a request of the current version, as MX requires of every request.
func versioned(req *http.Request) {
	req.Header.Set("Accept", mediaTypeJSON)
	req.Header.Set("Accept-Version", versionCurrent)
}
