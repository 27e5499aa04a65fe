package mxplatformtest

import (
	"bytes"
	"fmt"
	"strings"
)

// minimalPDF writes a one-page PDF document (version 1.4) that shows lines of text in
// Helvetica, with a title in its information dictionary: the smallest document every PDF
// reader opens. It writes nothing that varies between runs (no creation date, no random
// identifier), so that the same lines always give the same bytes, and the same SHA-256 hash.
func minimalPDF(title string, lines []string) []byte {
	var content bytes.Buffer
	content.WriteString("BT\n/F1 11 Tf\n14 TL\n72 740 Td\n")
	for i, l := range lines {
		if i == 0 {
			content.WriteString("/F1 16 Tf\n")
		}
		fmt.Fprintf(&content, "(%s) Tj\nT*\n", pdfText(l))
		if i == 0 {
			content.WriteString("/F1 11 Tf\nT*\n")
		}
	}
	content.WriteString("ET\n")

	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		fmt.Sprintf("<< /Title (%s) /Producer (mxplatformtest) >>", pdfText(title)),
	}
	var out bytes.Buffer
	// The second line's bytes above 127 tell tools that the file is binary.
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return out.Bytes()
}

// pdfText escapes a line for a PDF literal string: backslashes and parentheses are escaped,
// and anything but printable ASCII becomes a question mark.
func pdfText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == '(' || r == ')':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < ' ' || r > '~':
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
