// Command cli writes cmd/mx/commands.gen.go: one cobra command per operation of the Platform API
// versions the CLI speaks (api/platform-v20250224.yaml, the default, and
// api/platform-v20111101.yaml), with a flag for every path, query and header parameter and for
// every field of the request body. An operation both versions have is one command, which
// declares the flags of both and calls the package of the version --api-version selects; the
// flags of one version only say so in their help, and the command refuses them under the
// other. The tables of table.go place each operation in its resource group and give it a name
// and an example; everything else comes from the specs.
//
// Run from the repository root: go run ./gen/cli
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

const outputPath = "cmd/mx/commands.gen.go"

// command is one command of the CLI: an operation, in every version that has it.
type command struct {
	ID, GoName, Group, Name, Short, Long, Example string
	Variants                                      []variant // in the order of versions
	Elsewhere                                     string    // what to use under a version without the operation
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "cli:", err)
		os.Exit(1)
	}
}

// webhookSpec is the document of MX's webhooks, whose amounts mx webhooks prints.
const webhookSpec = "api/webhooks.yaml"

func run() error {
	names, err := sampleNames()
	if err != nil {
		return fmt.Errorf("loading the sample the examples name: %w", err)
	}
	byID := map[string]*command{}
	var docs []*openapi3.T
	for _, v := range versions {
		doc, err := openapi3.NewLoader().LoadFromFile(v.Spec)
		if err != nil {
			return err
		}
		docs = append(docs, doc)
		for path, item := range doc.Paths.Map() {
			for method, o := range item.Operations() {
				p, ok := commands[o.OperationID]
				if !ok {
					return fmt.Errorf("%s %s: not placed in a group", v.Name, o.OperationID)
				}
				vr, err := buildVariant(v, path, method, o)
				if err != nil {
					return fmt.Errorf("%s %s: %w", v.Name, o.OperationID, err)
				}
				c := byID[o.OperationID]
				if c == nil {
					example, err := expand(p.example, names)
					if err != nil {
						return fmt.Errorf("%s: %w", o.OperationID, err)
					}
					c = &command{
						ID: o.OperationID, GoName: goName(o),
						Group: p.group, Name: p.name, Short: o.Summary, Example: "  " + strings.ReplaceAll(example, "\n", "\n  "),
						Elsewhere: elsewhere[o.OperationID],
					}
					byID[o.OperationID] = c
				}
				c.Variants = append(c.Variants, vr)
			}
		}
	}
	if len(byID) != len(commands) {
		return fmt.Errorf("%d operations, %d placed", len(byID), len(commands))
	}
	hooks, err := openapi3.NewLoader().LoadFromFile(webhookSpec)
	if err != nil {
		return err
	}
	amounts, err := amountFields(append(docs, hooks))
	if err != nil {
		return err
	}
	var cmds []*command
	for _, c := range byID {
		if err := check(c); err != nil {
			return fmt.Errorf("%s: %w", c.ID, err)
		}
		c.Long = forPeople(long(c), c, byID)
		c.Short = forPeople(c.Short, c, byID)
		for i := range c.Variants {
			for j, f := range c.Variants[i].Flags {
				c.Variants[i].Flags[j].Call = forPeople(f.Call, c, byID)
			}
		}
		if c.Variants[0].Version.Name != versions[0].Name {
			// Listed in its group's help under the default version, which does not have it.
			c.Short += fmt.Sprintf(" (%s only)", c.Variants[0].Version.Name)
		}
		noteGUIDOnly(c)
		cmds = append(cmds, c)
	}
	sort.Slice(cmds, func(i, j int) bool {
		if cmds[i].Group != cmds[j].Group {
			return cmds[i].Group < cmds[j].Group
		}
		return cmds[i].Name < cmds[j].Name
	})
	var groupNames []string
	for g := range groups {
		groupNames = append(groupNames, g)
	}
	sort.Strings(groupNames)
	examples := map[string]string{}
	for _, c := range cmds {
		if _, ok := groups[c.Group]; !ok {
			return fmt.Errorf("%s: no group %q", c.ID, c.Group)
		}
		examples[c.Group] += c.Example + "\n"
	}
	var buf bytes.Buffer
	err = tmpl.Execute(&buf, map[string]any{
		"Amounts": amounts, "Commands": cmds, "Groups": groupNames, "GroupShort": groups, "GroupAliases": groupAliases, "GroupExamples": examples, "Versions": versions, "Notes": notes,
	})
	if err != nil {
		return err
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return fmt.Errorf("formatting: %w\n%s", err, buf.Bytes())
	}
	return os.WriteFile(outputPath, src, 0o644)
}

// check refuses flags that cobra or the binder of cmd/mx would refuse when the command is
// built: two flags of one name in a version, a name cmd/mx declares itself, or one name with
// two kinds of value across the versions.
func check(c *command) error {
	kinds := map[string]string{}
	for _, vr := range c.Variants {
		seen := map[string]bool{}
		reserved := func(name string) bool {
			return reservedFlags[name] || (name == "answer" && vr.Result == "job" && vr.Wait != "resume")
		}
		for _, f := range vr.Flags {
			switch {
			case seen[f.Name]:
				return fmt.Errorf("%s: two flags --%s", vr.Version.Name, f.Name)
			case reserved(f.Name):
				return fmt.Errorf("%s: --%s is a flag of cmd/mx itself", vr.Version.Name, f.Name)
			case kinds[f.Name] != "" && kinds[f.Name] != f.Kind:
				return fmt.Errorf("--%s holds a %s in one version and a %s in another", f.Name, kinds[f.Name], f.Kind)
			}
			seen[f.Name], kinds[f.Name] = true, f.Kind
		}
	}
	return nil
}

// long is the help of a command: what the operation does, as the first version that has it
// describes it, then the request it sends in each version.
func long(c *command) string {
	first := c.Variants[0]
	s := first.Description + fmt.Sprintf("\n\nSends %s %s", first.Method, first.Path)
	if len(c.Variants) == len(versions) {
		for _, vr := range c.Variants[1:] {
			if vr.Path != first.Path || vr.Method != first.Method {
				s += fmt.Sprintf("; in API version %s, %s %s", vr.Version.Name, vr.Method, vr.Path)
			}
		}
		return s + "."
	}
	s += fmt.Sprintf(".\nAPI version %s only", first.Version.Name)
	if first.Version.Name == versions[0].Name {
		s += " (the default)"
	} else {
		s += ": pass --api-version " + first.Version.Name + " or set MX_API_VERSION=" + first.Version.Name
	}
	s += "."
	if first.Processor {
		s += "\n\n" + processorNote
	}
	return s
}

// processorNote ends the help of the commands of a payment processor.
const processorNote = `Authenticates with the processor token of --processor-token, else MX_PROCESSOR_TOKEN, else
the profile's processor_token, and never with the partner's client ID and API key; without a
token the command refuses to run. The token is never printed.`

// noteGUIDOnly adds to the help of a flag that takes the partner's id or MX's GUID in one
// version that another version of the command takes the GUID only.
func noteGUIDOnly(c *command) {
	var guidOnly []string
	for _, vr := range c.Variants {
		if !vr.identifiers {
			guidOnly = append(guidOnly, vr.Version.Name)
		}
	}
	if len(guidOnly) == 0 {
		return
	}
	for i := range c.Variants {
		for j, f := range c.Variants[i].Flags {
			if strings.HasPrefix(f.Call, "pathSegment(") {
				c.Variants[i].Flags[j].Call = strings.Replace(f.Call, "; either is sent as given", fmt.Sprintf("; either is sent as given (%s: the GUID only)", strings.Join(guidOnly, ", ")), 1)
			}
		}
	}
}
