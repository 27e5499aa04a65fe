package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// runFunc makes the call of one command in one API version, once its flags are set.
type runFunc func(ctx context.Context) error

// binder builds one operation command. The generated code declares the command's flags once
// per API version that has the operation (serve), each declaration filling that version's
// request; a flag several versions declare is one pflag whose value each version's
// declaration reads. When the command runs, the binder refuses the flags the selected version
// lacks, checks those it requires, and copies the flags that were set into its request: a flag
// left unset leaves its field absent, so MX applies its own default.
type binder struct {
	a         *app
	cmd       *cobra.Command
	operation string // MX's operation ID
	elsewhere string // what to use under a version without the operation
	version   apiVersion
	served    []apiVersion
	runs      map[apiVersion]runFunc
	flags     map[string]*flagDecl
	names     []string // flag names in declaration order
	apply     map[apiVersion][]func() error
}

// flagDecl is one flag of a command and the versions that declare it.
type flagDecl struct {
	holder   any          // the value pflag sets: *string, *bool, *int, *[]string...
	versions []apiVersion // the versions that declare the flag
	required []apiVersion // the versions in which it must be given
	values   []string     // enum flags: the values of every version, for completion
}

func newBinder(a *app, cmd *cobra.Command, operation, elsewhere string) *binder {
	return &binder{
		a: a, cmd: cmd, operation: operation, elsewhere: elsewhere,
		runs: map[apiVersion]runFunc{}, flags: map[string]*flagDecl{}, apply: map[apiVersion][]func() error{},
	}
}

// serve declares the flags of the operation in version v, with declare, which returns the
// call.
func (b *binder) serve(v apiVersion, declare func(*app, *binder) runFunc) {
	b.version = v
	b.served = append(b.served, v)
	b.runs[v] = declare(b.a, b)
}

// command finishes the command: it marks the flags every version requires as required (for
// cobra's check and completion), says in the help of the others which versions have or require
// them, and records the versions that serve the operation, which the root command checks
// against the selected one before anything else.
func (b *binder) command() *cobra.Command {
	for _, name := range b.names {
		d := b.flags[name]
		f := b.cmd.Flags().Lookup(name)
		if len(d.versions) < len(b.served) {
			f.Usage += fmt.Sprintf(" (%s only)", joinVersions(d.versions))
		}
		switch {
		case len(d.required) == len(b.served):
			_ = b.cmd.MarkFlagRequired(name)
		case len(d.required) > 0 && len(d.versions) > len(d.required):
			f.Usage += fmt.Sprintf(" (required in %s)", joinVersions(d.required))
		case len(d.required) > 0:
			f.Usage += " (required)"
		}
	}
	b.cmd.Annotations = map[string]string{
		annotationOperation: b.operation,
		annotationVersions:  joinVersions(b.served),
		annotationElsewhere: b.elsewhere,
	}
	b.cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		v := b.a.version
		run, ok := b.runs[v]
		if !ok {
			return unservedError(cmd, v)
		}
		if err := b.set(v); err != nil {
			return err
		}
		return run(cmd.Context())
	}
	return b.cmd
}

// set refuses a flag that version v does not declare and a missing flag that v requires, then
// copies every flag that was set into v's request.
func (b *binder) set(v apiVersion) error {
	for _, name := range b.names {
		d := b.flags[name]
		changed := b.cmd.Flags().Changed(name)
		switch {
		case changed && !slices.Contains(d.versions, v):
			return usageError{fmt.Errorf("--%s: not a flag of %s in API version %s, only in %s", name, b.cmd.CommandPath(), v, joinVersions(d.versions))}
		case !changed && slices.Contains(d.required, v):
			return usageError{fmt.Errorf("--%s: required in API version %s", name, v)}
		}
	}
	for _, f := range b.apply[v] {
		if err := f(); err != nil {
			return usageError{err}
		}
	}
	return nil
}

// onSet registers, for the version being declared, what to do with the flag name when it was
// set.
func (b *binder) onSet(name string, f func() error) {
	b.always(func() error {
		if !b.cmd.Flags().Changed(name) {
			return nil
		}
		if err := f(); err != nil {
			return fmt.Errorf("--%s: %w", name, err)
		}
		return nil
	})
}

// always registers, for the version being declared, a step that runs once the flags are set,
// after those registered before it.
func (b *binder) always(f func() error) {
	b.apply[b.version] = append(b.apply[b.version], f)
}

// require marks the flag name as required in the version being declared.
func (b *binder) require(name string) {
	d := b.flags[name]
	d.required = append(d.required, b.version)
}

// holder declares the flag name for the version being declared and returns the value pflag
// sets. The first declaration creates the flag (create); the next ones share its value. Two
// declarations of one name in one version, or of one name with two kinds of value, are
// mistakes of the generator, which checks for them: they panic when the command is built.
func holder[H any](b *binder, name string, create func(fs *pflag.FlagSet) *H) *H {
	d, ok := b.flags[name]
	if !ok {
		d = &flagDecl{holder: create(b.cmd.Flags())}
		b.flags[name] = d
		b.names = append(b.names, name)
	}
	if slices.Contains(d.versions, b.version) {
		panic(fmt.Sprintf("%s: --%s declared twice in %s", b.operation, name, b.version))
	}
	d.versions = append(d.versions, b.version)
	h, ok := d.holder.(*H)
	if !ok {
		panic(fmt.Sprintf("%s: --%s holds a %T, not a %T", b.operation, name, d.holder, h))
	}
	return h
}

// stringFlag declares a string flag with a default value.
func stringFlag(b *binder, name, usage, def string) *string {
	return holder(b, name, func(fs *pflag.FlagSet) *string {
		v := new(string)
		fs.StringVar(v, name, def, usage)
		return v
	})
}

func boolFlag(b *binder, name, usage string) *bool {
	return holder(b, name, func(fs *pflag.FlagSet) *bool {
		v := new(bool)
		fs.BoolVar(v, name, false, usage)
		return v
	})
}

func intFlag(b *binder, name, usage string) *int {
	return holder(b, name, func(fs *pflag.FlagSet) *int {
		v := new(int)
		fs.IntVar(v, name, 0, usage)
		return v
	})
}

func joinVersions(vs []apiVersion) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}
