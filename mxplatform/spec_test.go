package mxplatform

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestSpecCoversEveryOperation compares the spec with the list of the operations of MX's
// description of the version (api/reference/mx-platform-v20250224-operations.txt): every
// operation MX does not deprecate is in the spec, at the same method and path, and the spec
// has no other.
func TestSpecCoversEveryOperation(t *testing.T) {
	f, err := os.Open("../api/reference/mx-platform-v20250224-operations.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]string{}
	deprecated := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 3 {
			t.Fatalf("malformed line %q", line)
		}
		if len(fields) == 4 && fields[3] == "deprecated" {
			deprecated[fields[0]] = true
			continue
		}
		want[fields[0]] = fields[1] + " " + fields[2]
	}
	if len(want)+len(deprecated) != 169 || len(deprecated) != 16 {
		t.Fatalf("%d operations, %d deprecated: the list is not MX's 169 with 16 deprecated", len(want)+len(deprecated), len(deprecated))
	}
	got := specOperations(t)
	for id, where := range want {
		o, ok := got[id]
		if !ok {
			t.Errorf("%s (%s) is not in the spec", id, where)
			continue
		}
		if o.Method+" "+o.Path != where {
			t.Errorf("%s is %s %s in the spec, %s in MX's description", id, o.Method, o.Path, where)
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("%s is in the spec but not among MX's operations (deprecated: %v)", id, deprecated[id])
		}
	}
}

// TestOperationListMatchesMXReference checks api/reference/mx-platform-v20250224-operations.txt
// against MX's reference of the version (operations-and-schemas.md), when that reference is at
// hand: in $MX_REFERENCE_DIR, or in ../shared/reference beside the repository. The committed list
// is what the spec test above reads, so that the spec test runs anywhere; this one keeps the
// list honest wherever the reference is.
func TestOperationListMatchesMXReference(t *testing.T) {
	dir := os.Getenv("MX_REFERENCE_DIR")
	if dir == "" {
		dir = "../../shared/reference"
	}
	ref, err := os.ReadFile(dir + "/v20250224/operations-and-schemas.md")
	if os.IsNotExist(err) {
		t.Skipf("MX's reference is not at %s (set MX_REFERENCE_DIR)", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	// A row of an operation: | `id` [**deprecated**] (Title) | `METHOD /path` | ...
	row := regexp.MustCompile("^\\| `([A-Za-z]+)`( \\*\\*deprecated\\*\\*)? \\(.*\\) \\| `([A-Z]+) (/[^`]*)` \\|")
	fromRef := map[string]string{}
	for _, line := range strings.Split(string(ref), "\n") {
		if m := row.FindStringSubmatch(line); m != nil {
			fromRef[m[1]] = strings.TrimSpace(m[3] + " " + m[4] + " " + strings.Trim(m[2], " *"))
		}
	}
	list, err := os.ReadFile("../api/reference/mx-platform-v20250224-operations.txt")
	if err != nil {
		t.Fatal(err)
	}
	fromList := map[string]string{}
	for _, line := range strings.Split(string(list), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			f := strings.Fields(line)
			fromList[f[0]] = strings.Join(f[1:], " ")
		}
	}
	if len(fromRef) != 169 {
		t.Errorf("read %d operations from MX's reference, want 169", len(fromRef))
	}
	for id, want := range fromRef {
		if got, ok := fromList[id]; !ok {
			t.Errorf("%s (%s) is missing from the list", id, want)
		} else if got != want {
			t.Errorf("%s is %q in the list, %q in MX's reference", id, got, want)
		}
	}
	for id := range fromList {
		if _, ok := fromRef[id]; !ok {
			t.Errorf("%s is in the list but not in MX's reference", id)
		}
	}
}
