package mxplatform

import (
	"bufio"
	"os"
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
