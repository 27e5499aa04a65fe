package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/spf13/cobra"
)

// exampleSkips are the commands whose examples a test does not run, and why. An example line
// is skipped when it runs one of them.
var exampleSkips = map[string]string{
	"fake": "serves until interrupted; TestFakeSampleServesTheExamplesData runs it, " +
		"and TestHelpExamplesRunAgainstTheFake loads the same sample in a fake of its own",
	"login":           "asks its questions on a terminal",
	"webhooks listen": "serves until interrupted",
	"webhooks trigger": "posts to the listener of 'mx webhooks listen', which does not run here; " +
		"TestWebhooks* trigger a listener of their own",
	"demo": "starts a fake of its own and walks through an integration at its own pace, not the sample's",
}

// exampleLineSkips are example lines, by their beginning, that a test does not run, and why.
var exampleLineSkips = map[string]string{
	"mx config set processor_token": "reads the token from a file the reader keeps it in",
}

// example is one line of a command's help that runs mx.
type example struct {
	owner string            // the command whose help shows it
	env   map[string]string // the variables the line sets before mx
	stdin string            // what echo ... | gives mx
	args  []string          // after mx
	path  string            // the command it runs, "group name"
}

// destructive ranks the examples that remove or change records other examples name, so
// that they run after the others: 1 for deletions, 2 for what removes an owner of records
// that deletions above name, 3 for the deletion of the user; and -1 for the examples that
// make what other examples read.
func destructive(path string) int {
	switch path {
	case "config set": // makes the profiles the other config examples read
		return -1
	case "users delete":
		return 3
	case "users deactivate-holdings", "spending-plans delete", "members delete":
		return 2
	}
	_, name, _ := strings.Cut(path, " ")
	if strings.HasPrefix(name, "delete") || strings.HasPrefix(name, "unsplit") || name == "merge" {
		return 1
	}
	return 0
}

// examplesOf returns the example lines of every command under root that run mx, in the order
// of the tree, then reordered by destructive.
func examplesOf(t *testing.T, root *cobra.Command) []example {
	t.Helper()
	var out []example
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.HasSubCommands() && c != root && c.Annotations[annotationOperation] == "" {
			// A group's examples repeat those of its commands.
			for _, sub := range c.Commands() {
				walk(sub)
			}
			return
		}
		for _, line := range strings.Split(c.Example, "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			ex := example{owner: c.CommandPath(), env: map[string]string{}}
			if skipped(c, line) {
				continue
			}
			if echo, rest, ok := strings.Cut(line, " | "); ok && strings.HasPrefix(echo, "echo ") {
				words, err := exampleWords(strings.TrimPrefix(echo, "echo "))
				if err != nil {
					t.Errorf("%s: example %q: %v", c.CommandPath(), line, err)
					continue
				}
				ex.stdin, line = strings.Join(words, " ")+"\n", rest
			}
			words, err := exampleWords(line)
			if err != nil {
				t.Errorf("%s: example %q: %v", c.CommandPath(), line, err)
				continue
			}
			for len(words) > 0 && strings.Contains(words[0], "=") && !strings.HasPrefix(words[0], "-") {
				k, v, _ := strings.Cut(words[0], "=")
				ex.env[k] = v
				words = words[1:]
			}
			if len(words) == 0 || words[0] != "mx" {
				t.Errorf("%s: example %q does not run mx", c.CommandPath(), line)
				continue
			}
			ex.args = words[1:]
			ex.path = commandPath(root, ex.args)
			out = append(out, ex)
		}
		if c == root {
			for _, sub := range c.Commands() {
				walk(sub)
			}
		}
	}
	walk(root)
	slices.SortStableFunc(out, func(a, b example) int { return destructive(a.path) - destructive(b.path) })
	return out
}

// skipped reports whether an example line is left out: a line of the help of a
// command of exampleSkips, or one of exampleLineSkips. The lines that run such a command are
// left out by the caller once it knows what they run.
func skipped(c *cobra.Command, line string) bool {
	path := strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" ")
	for prefix := range exampleLineSkips {
		if strings.HasPrefix(line, prefix) {
			return true
		}
	}
	_, skip := exampleSkips[path]
	return skip
}

// commandPath returns the path below root of the command args run ("tags delete"), "" when
// they name none.
func commandPath(root *cobra.Command, args []string) string {
	c, _, err := root.Find(args)
	if err != nil || c == root {
		return ""
	}
	return strings.TrimPrefix(c.CommandPath(), root.Name()+" ")
}

// exampleWords splits an example line as a POSIX shell would for the forms examples use: words
// separated by blanks, '...' and "..." quotes, and $(...) command substitutions, kept whole
// with a "$(" prefix for the caller to run. Anything else a shell gives meaning to (&, |, >,
// ;, a lone $) ends the line's use as an example: it is refused.
func exampleWords(line string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		ch := line[i]
		switch {
		case ch == ' ' || ch == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case ch == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated quote")
			}
			cur.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case ch == '"':
			j := strings.IndexByte(line[i+1:], '"')
			if j < 0 {
				return nil, fmt.Errorf("unterminated quote")
			}
			inner := line[i+1 : i+1+j]
			if strings.ContainsAny(inner, "$`\\") {
				return nil, fmt.Errorf("expansions inside double quotes are not supported")
			}
			cur.WriteString(inner)
			i += j + 1
			inWord = true
		case ch == '$' && strings.HasPrefix(line[i:], "$("):
			depth, j := 0, i+1
			for ; j < len(line); j++ {
				if line[j] == '\'' {
					k := strings.IndexByte(line[j+1:], '\'')
					if k < 0 {
						return nil, fmt.Errorf("unterminated quote")
					}
					j += k + 1
					continue
				}
				if line[j] == '(' {
					depth++
				} else if line[j] == ')' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if j >= len(line) || inWord {
				return nil, fmt.Errorf("a command substitution must be a word of its own")
			}
			words = append(words, "$("+line[i+2:j])
			i = j
		case strings.IndexByte("&|;<>`$\\", ch) >= 0:
			return nil, fmt.Errorf("%q is not supported in examples", ch)
		default:
			cur.WriteByte(ch)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// TestHelpExamplesRunAgainstTheFake runs every example of every command's help against a
// fake holding the sample data set (as 'mx fake --sample' serves it), deletions last: each
// must exit 0. A $(mx ...) in an example runs first and gives its output, trimmed; echo ... |
// gives mx its standard input.
func TestHelpExamplesRunAgainstTheFake(t *testing.T) {
	srv, vars := fakeEnv(t)
	if _, err := srv.Fake.LoadSample(); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir()) // for the files examples write
	run := func(env map[string]string, stdin string, args []string) result {
		v := map[string]string{}
		for k, x := range vars {
			v[k] = x
		}
		for k, x := range env {
			v[k] = x
		}
		return mx(t, v, stdin, args...)
	}
	ran := map[string]bool{}
	for _, ex := range examplesOf(t, newRootCmd(&app{})) {
		line := strings.Join(ex.args, " ")
		if why, skip := exampleSkips[ex.path]; skip {
			t.Logf("skipped (%s): mx %s", why, line)
			continue
		}
		if ex.path == "" {
			t.Errorf("%s: example mx %s names no command", ex.owner, line)
			continue
		}
		args := slices.Clone(ex.args)
		failed := false
		for i, a := range args {
			inner, ok := strings.CutPrefix(a, "$(")
			if !ok {
				continue
			}
			words, err := exampleWords(inner)
			if err != nil || len(words) < 2 || words[0] != "mx" {
				t.Errorf("%s: $(%s) is not a command of mx", ex.owner, inner)
				failed = true
				break
			}
			r := run(nil, "", words[1:])
			if r.code != 0 || strings.TrimSpace(r.stdout) == "" {
				t.Errorf("%s: $(%s): exit %d, output %q\n%s", ex.owner, inner, r.code, r.stdout, r.stderr)
				failed = true
				break
			}
			args[i] = strings.TrimSpace(r.stdout)
		}
		if failed {
			continue
		}
		if slices.Contains(args, "--wait") {
			// The fake's jobs end at once: no need for the 3 s pause before the first read.
			args = append(args, "--interval", "10ms")
		}
		r := run(ex.env, ex.stdin, args)
		if r.code != 0 {
			t.Errorf("%s: mx %s: exit %d\n%s", ex.owner, line, r.code, r.stderr)
		}
		ran[ex.path] = true
	}
	// Every operation command has an example that ran.
	for cmd := range operationsOf(t, apiV20250224) {
		if !ran[cmd] {
			t.Errorf("mx %s: no example ran", cmd)
		}
	}
}

// TestShellWords: the splitter of examples keeps quoted words and substitutions whole, and
// refuses what it does not understand.
func TestShellWords(t *testing.T) {
	got, err := exampleWords(`A=b mx tags create --name 'Business trip' --x "two words" --id $(mx users list --jq '.[0].guid')`)
	want := []string{"A=b", "mx", "tags", "create", "--name", "Business trip", "--x", "two words", "--id", "$(mx users list --jq '.[0].guid'"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
	for _, bad := range []string{"mx fake &", "mx a | jq", "mx 'open", "mx a > f"} {
		if _, err := exampleWords(bad); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

// TestFakeSampleServesTheExamplesData starts 'mx fake --sample' in process: it prints the
// sample's names on stderr, and serves them with the GUIDs the examples use.
func TestFakeSampleServesTheExamplesData(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	home := t.TempDir()
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"fake", "--addr", "127.0.0.1:0", "--sample", "--step", "0"}, &env{
			stdin: strings.NewReader(""), stdout: stdout, stderr: stderr,
			getenv: func(k string) string { return map[string]string{"HOME": home}[k] },
		})
	}()
	waitFor(t, "the fake's URL", func() bool { return strings.HasSuffix(stdout.String(), "\n") })
	vars := map[string]string{
		"MX_BASE_URL": strings.TrimSpace(stdout.String()), "HOME": home,
		"MX_CLIENT_ID": mxplatformtest.DefaultClientID, "MX_API_KEY": mxplatformtest.DefaultAPIKey,
	}
	var user mxplatform.User
	ok(t, vars, &user, "users", "read", "--user", string(mxplatformtest.SampleUserID))
	var tags []mxplatform.Tag
	ok(t, vars, &tags, "tags", "list", "--user", string(user.GUID))
	if len(tags) == 0 || !strings.Contains(stderr.String(), string(tags[0].GUID)) || !strings.Contains(stderr.String(), string(user.GUID)) {
		t.Errorf("the sample printed on stderr lacks the user %s or its tags %+v:\n%s", user.GUID, tags, stderr.String())
	}
	// The examples name the same records.
	read, _, err := newRootCmd(&app{}).Find([]string{"tags", "read"})
	if err != nil || !strings.Contains(read.Example, string(tags[0].GUID)) {
		t.Errorf("the example of mx tags read does not name the sample's tag %s: %q", tags[0].GUID, read.Example)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("mx fake exited %d after the interruption:\n%s", code, stderr.String())
	}
}
