package main

import (
	"context"

	"net"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// sessionStep is one command of the README's session: its words, stdin, and what it is
// expected to do.
type sessionStep struct {
	line       string
	words      []string
	stdin      string
	background bool
	wantCode   int
}

// TestREADMESession runs every mx line of the README's command line section, in order,
// against mx fake, as a reader would type them, and checks each exit code.
func TestREADMESession(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "## The command line: `mx`")
	if start < 0 {
		t.Fatal("no command line section")
	}
	section := text[start:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	// The session's addresses become free ones.
	fakeAddr, hookAddr := freeAddr(t), freeAddr(t)
	section = strings.NewReplacer("127.0.0.1:8080", fakeAddr, "127.0.0.1:8081", hookAddr).Replace(section)
	steps := parseSession(t, section)
	if len(steps) < 15 {
		t.Fatalf("%d steps in the README's session", len(steps))
	}

	vars := map[string]string{"HOME": t.TempDir()}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type bg struct {
		stdout *syncBuffer
		done   chan int
	}
	var background []bg
	var events *syncBuffer
	for _, s := range steps {
		if s.words[0] == "export" {
			for _, kv := range s.words[1:] {
				k, v, _ := strings.Cut(kv, "=")
				vars[k] = v
			}
			continue
		}
		if s.words[0] != "mx" {
			t.Fatalf("%q runs no mx command", s.line)
		}
		env := func(stdout, stderr interface{ Write([]byte) (int, error) }) *env {
			snapshot := map[string]string{}
			for k, v := range vars {
				snapshot[k] = v
			}
			return &env{stdin: strings.NewReader(s.stdin), stdout: stdout, stderr: stderr,
				getenv: func(k string) string { return snapshot[k] }, terminal: func() bool { return false },
				outTerminal: func() bool { return false }}
		}
		if s.background {
			out, errOut := &syncBuffer{}, &syncBuffer{}
			done := make(chan int, 1)
			e := env(out, errOut)
			go func() { done <- run(ctx, s.words[1:], e) }()
			background = append(background, bg{out, done})
			if s.words[1] == "webhooks" {
				events = out
				waitFor(t, s.line, func() bool { return strings.Contains(errOut.String(), "listening") })
			} else {
				waitFor(t, s.line, func() bool { return dialable(fakeAddr) })
			}
			continue
		}
		out, errOut := &syncBuffer{}, &syncBuffer{}
		if code := run(ctx, s.words[1:], env(out, errOut)); code != s.wantCode {
			t.Errorf("%s\nexit %d, want %d\nstdout: %s\nstderr: %s", s.line, code, s.wantCode, out, errOut)
		}
	}
	if events == nil {
		t.Fatal("the session listens for no webhooks")
	}
	waitFor(t, "the event", func() bool { return strings.Contains(events.String(), `"action":"created"`) })
	cancel()
	for _, b := range background {
		if code := <-b.done; code != 0 {
			t.Errorf("a background command ended with %d", code)
		}
	}
}

// parseSession reads the console blocks of a README section into steps.
func parseSession(t *testing.T, section string) []sessionStep {
	var steps []sessionStep
	blocks := regexp.MustCompile("(?s)```console\n(.*?)```").FindAllStringSubmatch(section, -1)
	comment := regexp.MustCompile(`\s+#\s[^'"]*$`)
	for _, block := range blocks {
		lines := strings.Split(block[1], "\n")
		for i := 0; i < len(lines); i++ {
			line, ok := strings.CutPrefix(lines[i], "$ ")
			if !ok {
				continue
			}
			for strings.HasSuffix(line, "\\") && i+1 < len(lines) {
				i++
				line = strings.TrimSuffix(line, "\\") + " " + strings.TrimSpace(lines[i])
			}
			s := sessionStep{line: line}
			line = comment.ReplaceAllString(line, "")
			if rest, ok := strings.CutSuffix(line, "; echo $?"); ok {
				line = rest
				// The code is the last line of the output.
				for j := i + 1; j < len(lines) && !strings.HasPrefix(lines[j], "$ "); j++ {
					if n, err := strconv.Atoi(strings.TrimSpace(lines[j])); err == nil {
						s.wantCode = n
					}
				}
			}
			if rest, ok := strings.CutSuffix(line, " &"); ok {
				line, s.background = rest, true
			}
			line = regexp.MustCompile(`\s+>\s*\S+$`).ReplaceAllString(line, "")
			if before, after, ok := strings.Cut(line, " | "); ok && strings.HasPrefix(line, "printf ") {
				words := shellWords(t, before)
				if len(words) < 2 || words[0] != "printf" || words[1] != `%s\n` {
					t.Fatalf("%q: only printf '%%s\\n' ... | mx is understood", s.line)
				}
				s.stdin = strings.Join(words[2:], "\n") + "\n"
				line = after
			}
			s.words = shellWords(t, line)
			steps = append(steps, s)
		}
	}
	return steps
}

// shellWords splits a command line as a POSIX shell does, for quotes and backslashes.
func shellWords(t *testing.T, line string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'':
			end := strings.IndexByte(line[i+1:], '\'')
			if end < 0 {
				t.Fatalf("unclosed quote in %q", line)
			}
			cur.WriteString(line[i+1 : i+1+end])
			i += end + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' && i+1 < len(line) && strings.ContainsRune(`"\$`, rune(line[i+1])) {
					i++
				}
				cur.WriteByte(line[i])
			}
			inWord = true
		case c == '\\' && i+1 < len(line):
			i++
			cur.WriteByte(line[i])
			inWord = true
		case c == '$':
			t.Fatalf("%q: variables are not expanded in the README's session", line)
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func dialable(addr string) bool {
	c, err := net.Dial("tcp", addr)
	if err == nil {
		c.Close()
	}
	return err == nil
}
