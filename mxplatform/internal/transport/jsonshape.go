package transport

import "fmt"

// MaxJSONDepth is the deepest nesting of objects and arrays MeasureJSON can follow.
const MaxJSONDepth = 64

// Shape is what MeasureJSON measures of a JSON text.
type Shape struct {
	Values        int // objects, arrays, strings, numbers, booleans and nulls (keys are not counted)
	Objects       int // objects alone: each costs a whole struct once decoded
	Depth         int // how deep objects and arrays nest
	LongestNumber int // the length of the longest number, in bytes
	// KeyFound and KeyItems describe the member named key of the top-level object (see
	// MeasureJSON): whether it is there and not null, and how many elements it has when it is
	// an array.
	KeyFound bool
	KeyItems int
}

// MeasureJSON measures a JSON text without decoding it and without allocating, so that what
// decoding it would cost can be bounded first: a few bytes such as {} decode into a struct of a
// kilobyte, so the size of a body does not bound its cost. It stops as soon as the values pass
// maxValues or the depth passes maxDepth (at most MaxJSONDepth). Text that is not JSON is
// measured as if it were: any other byte outside strings starts a value. When key is not "",
// it also finds the member key of the top-level object and counts its elements, so that a list
// can be decoded into a slice of the right size.
func MeasureJSON(b []byte, maxValues, maxDepth int, key string) Shape {
	maxDepth = min(maxDepth, MaxJSONDepth)
	var s Shape
	var objects uint64 // bit d is set when the container open at depth d+1 is an object
	depth := 0
	isKey := false // the next string is an object key
	scalar := -1   // where the number or literal being read began
	inKey := false // the value being read is that of the member key of the top-level object
	for i := 0; i <= len(b) && s.Values <= maxValues; i++ {
		if scalar >= 0 {
			if i < len(b) && !endsScalar(b[i]) {
				continue
			}
			if c := b[scalar]; c == '-' || '0' <= c && c <= '9' {
				s.LongestNumber = max(s.LongestNumber, i-scalar)
			}
			scalar = -1
		}
		if i == len(b) {
			break
		}
		switch c := b[i]; c {
		case '"':
			start := i + 1
			for i++; i < len(b) && b[i] != '"'; i++ { // to the closing quote
				if b[i] == '\\' {
					i++ // past the escaped character
				}
			}
			if isKey {
				if depth == 1 && key != "" {
					inKey = string(b[start:min(i, len(b))]) == key
				}
			} else {
				s.Values++
				s.count(depth, inKey && (depth != 2 || objects&2 == 0))
			}
			isKey = false
		case '{', '[':
			s.Values++
			s.count(depth, inKey && (depth != 2 || objects&2 == 0))
			if depth == maxDepth {
				s.Depth = maxDepth + 1
				return s
			}
			bit := uint64(1) << depth
			if c == '{' {
				s.Objects++
				objects |= bit
			} else {
				objects &^= bit
			}
			depth++
			s.Depth = max(s.Depth, depth)
			isKey = c == '{'
		case '}', ']':
			if depth > 0 {
				depth--
			}
			isKey = false
		case ',':
			isKey = depth > 0 && objects&(1<<(depth-1)) != 0
			if depth == 1 {
				inKey = false
			}
		case ':':
			isKey = false
		case ' ', '\t', '\n', '\r':
		default:
			s.Values++
			s.count(depth, inKey && (depth != 2 || objects&2 == 0))
			if depth == 1 && inKey && (c == 'n') {
				s.KeyFound = false // null: as good as absent
			}
			scalar = i
			isKey = false
		}
	}
	return s
}

// count notes a value that starts at depth (the depth of its container) while the member key of
// the top-level object is being read: the member itself, or an element of its array (inKey is
// false for the members of an object).
func (s *Shape) count(depth int, inKey bool) {
	switch {
	case !inKey:
	case depth == 1:
		s.KeyFound = true
	case depth == 2:
		s.KeyItems++
	}
}

// endsScalar reports whether c ends a number or literal of JSON.
func endsScalar(c byte) bool {
	switch c {
	case ',', ':', '}', ']', ' ', '\t', '\n', '\r', '"', '{', '[':
		return true
	}
	return false
}

// The bounds of what decoding one answer may cost, per record it may hold. A few bytes of JSON
// such as {} decode into a struct of a kilobyte, so the size of a body alone does not bound
// its cost.
const (
	valuesPerRecord    = 512 // an MX account has 123 fields, a transaction with its includes fewer
	objectsPerRecord   = 16  // a transaction with its includes has 5
	answerMarginValues = 8192
	answerMarginObject = 1024
	maxAnswerDepth     = 32 // MX's answers nest 5 deep at most
)

// CheckAnswerCost refuses an answer that would cost more to decode than one holding records
// records may (a page's records_per_page at most, 1 for one resource): more values or objects
// than they can hold, or nested deeper than any answer. It measures without decoding, so that a
// small hostile body (a gzip of {"accounts":[{},{},...]}) is refused before it costs anything.
//
// For a list, key names the member that holds its records: the shape says whether it is there
// and how many records it holds.
func CheckAnswerCost(body []byte, records int, key string) (Shape, error) {
	values := valuesPerRecord*records + answerMarginValues
	s := MeasureJSON(body, values, maxAnswerDepth, key)
	switch {
	case s.Values > values:
		return s, fmt.Errorf("the answer holds more than %d JSON values, more than %d records can", values, records)
	case s.Objects > objectsPerRecord*records+answerMarginObject:
		return s, fmt.Errorf("the answer holds %d objects, more than %d records can", s.Objects, records)
	case s.Depth > maxAnswerDepth:
		return s, fmt.Errorf("the answer nests deeper than %d", maxAnswerDepth)
	}
	return s, nil
}
