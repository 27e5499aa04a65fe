package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Text from MX (descriptions, names, error messages, challenge labels) and from the command
// line reaches a terminal in tables, notes, prompts and error lines. Printed raw, a control
// character in it would act on the terminal (ESC[2J clears the screen, ESC]0; sets the
// window title), a CR, LF or tab would forge lines and table cells, and a bidi control would
// reorder what follows. Every such text goes through printable; JSON output goes through
// jsonText, which escapes without changing the data.

// printable returns s with each character that acts on a terminal or reorders text written
// as a visible escape, as in a Go string literal: \t, \n and \r, \xNN for the other C0
// controls, DEL and bytes that are not UTF-8, \uNNNN for C1 controls (U+0080-U+009F), bidi
// controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the line and paragraph
// separators (U+2028, U+2029). Other text, backslashes included, is kept: the result is for
// people, and -o json gives the exact data.
func printable(s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if escaped(r, size) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case !escaped(r, size):
			b.WriteString(s[i : i+size])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
	}
	return b.String()
}

// escaped reports whether printable writes the rune r, of size bytes, as an escape.
func escaped(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1: // not UTF-8: a lone 0x9B is CSI on some terminals
		return true
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	}
	return reordering(r)
}

// reordering reports whether r is a bidi control or a line or paragraph separator.
func reordering(r rune) bool {
	switch {
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// linef writes one line for people: the formatted text made printable, then a newline.
func linef(w io.Writer, format string, args ...any) {
	fmt.Fprintln(w, printable(fmt.Sprintf(format, args...)))
}

// jsonText escapes, as \uNNNN, the characters of JSON text that encoding/json leaves raw and a
// terminal may act on: DEL, C1 controls and bidi controls (it escapes C0 controls and the line
// and paragraph separators itself). Such characters occur only inside JSON strings, so the
// result is valid JSON that decodes to exactly the same values.
func jsonText(b []byte) []byte {
	i := 0
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if r == 0x7f || (r >= 0x80 && r <= 0x9f) || reordering(r) {
			break
		}
		i += size
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	out = append(out, b[:i]...)
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if r == 0x7f || (r >= 0x80 && r <= 0x9f) || reordering(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}
