package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// writeYAML writes a tree as a YAML document. The document is built node by node, so that
// numbers keep their exact text (an amount stays 6893.20), keys keep their order (sorted, as
// in JSON), and text that YAML would read as another type ("true", "12") is quoted. Text
// holding a character that acts on a terminal or reorders text is written double-quoted with
// that character escaped, as in the other formats: YAML's double-quoted style reads \x1b and
// \u202e back as the characters, so the document still holds MX's exact text.
func writeYAML(out io.Writer, x any) error {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(yamlNode(x)); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := out.Write(escapeYAML(buf.Bytes()))
	return err
}

// yamlNode builds the node of a tree value.
func yamlNode(x any) *yaml.Node {
	scalar := func(tag, value string) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
	}
	switch v := x.(type) {
	case nil:
		return scalar("!!null", "null")
	case bool:
		return scalar("!!bool", strconv.FormatBool(v))
	case string:
		return yamlString(v)
	case json.Number:
		if _, err := v.Int64(); err == nil {
			return scalar("!!int", v.String())
		}
		return scalar("!!float", v.String())
	case int:
		return scalar("!!int", strconv.Itoa(v))
	case *big.Int:
		return scalar("!!int", v.String())
	case float64:
		return scalar("!!float", strconv.FormatFloat(v, 'g', -1, 64))
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, e := range v {
			n.Content = append(n.Content, yamlNode(e))
		}
		return n
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, k := range sortedKeys(v) {
			n.Content = append(n.Content, yamlString(k), yamlNode(v[k]))
		}
		return n
	}
	return yamlString(fmt.Sprint(x))
}

// yamlString is the node of a text: double-quoted when it holds a character printable
// escapes, so that escapeYAML may write those as escapes.
func yamlString(s string) *yaml.Node {
	s = strings.ToValidUTF8(s, "\uFFFD") // as encoding/json writes bytes that are not UTF-8
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if printable(s) != s {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// escapeYAML writes as \uNNNN the characters that act on a terminal or reorder text which
// the YAML encoder leaves raw (DEL, C1 controls, bidi controls): they occur only in the
// double-quoted scalars yamlString asked for, where the escape reads back as the character.
func escapeYAML(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == 0x7f || (r >= 0x80 && r <= 0x9f) || reordering(r) {
			if out == nil {
				out = append(make([]byte, 0, len(b)+16), b[:i]...)
			}
			out = fmt.Appendf(out, `\u%04x`, r)
		} else if out != nil {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	if out == nil {
		return b
	}
	return out
}
