package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The declarations below are what the generated commands call, one per parameter or field of
// a request, in the version the binder is declaring. Each declares its flag (or shares the
// flag another version declared) and registers how the flag's value reaches the request.

// required declares a string flag that must be given.
func required[T ~string](b *binder, dst *T, name, usage string) {
	value(b, dst, name, usage)
	b.require(name)
}

// value declares a string flag whose value is a field the request always carries, in an
// object sent only when one of its flags is given: the flag itself is optional.
func value[T ~string](b *binder, dst *T, name, usage string) {
	v := stringFlag(b, name, usage, "")
	b.onSet(name, func() error {
		if *v == "" {
			return fmt.Errorf("must not be empty")
		}
		*dst = T(*v)
		return nil
	})
}

// pathSegment declares a flag that must be given, whose value is a path parameter: one
// segment of the request's URL. It refuses "", "." and "..", which would drop the segment or
// climb out of it and so reach another endpoint (DELETE /users/.. is DELETE /), before any
// request is sent.
func pathSegment[T ~string](b *binder, dst *T, name, usage string) {
	v := stringFlag(b, name, usage, "")
	b.require(name)
	_ = b.cmd.Flags().SetAnnotation(name, annotationPath, []string{"segment"})
	b.onSet(name, func() error {
		switch *v {
		case "":
			return fmt.Errorf("must not be empty")
		case ".", "..":
			return fmt.Errorf("%q is not an identifier: in the URL it would call another endpoint", *v)
		}
		*dst = T(*v)
		return nil
	})
}

// optional declares a string flag.
func optional[T ~string](b *binder, dst **T, name, usage string) {
	v := stringFlag(b, name, usage, "")
	b.onSet(name, func() error {
		t := T(*v)
		*dst = &t
		return nil
	})
}

// enum declares a flag whose values are those of a spec enum, completed by the shell.
func enum[T ~string](b *binder, dst **T, name, usage string, values []T) {
	v := enumFlag(b, name, usage, "", values)
	b.onSet(name, func() error {
		if !slices.Contains(values, T(*v)) {
			return fmt.Errorf("%q is not one of %s", *v, joinValues(values))
		}
		t := T(*v)
		*dst = &t
		return nil
	})
}

// requiredEnum declares an enum flag that must be given.
func requiredEnum[T ~string](b *binder, dst *T, name, usage string, values []T) {
	v := enumFlag(b, name, usage, "", values)
	b.require(name)
	b.onSet(name, func() error {
		if !slices.Contains(values, T(*v)) {
			return fmt.Errorf("%q is not one of %s", *v, joinValues(values))
		}
		*dst = T(*v)
		return nil
	})
}

// defaultEnum declares an enum flag whose field the request always carries, def when the flag
// is not given.
func defaultEnum[T ~string](b *binder, dst *T, name, usage string, values []T, def T) {
	v := enumFlag(b, name, usage, string(def), values)
	*dst = def
	b.onSet(name, func() error {
		if !slices.Contains(values, T(*v)) {
			return fmt.Errorf("%q is not one of %s", *v, joinValues(values))
		}
		*dst = T(*v)
		return nil
	})
}

// enumFlag declares the string flag of an enum.
func enumFlag[T ~string](b *binder, name, usage, def string, values []T) *string {
	v := stringFlag(b, name, "", def)
	enumHelp(b, name, usage, values)
	return v
}

func joinValues[T ~string](values []T) string {
	s := make([]string, len(values))
	for i, v := range values {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// boolean declares a flag --name (or --name=false).
func boolean(b *binder, dst **bool, name, usage string) {
	v := boolFlag(b, name, usage)
	b.onSet(name, func() error {
		x := *v
		*dst = &x
		return nil
	})
}

// integer declares an integer flag.
func integer(b *binder, dst **int, name, usage string) {
	v := intFlag(b, name, usage)
	b.onSet(name, func() error {
		x := *v
		*dst = &x
		return nil
	})
}

// decimal declares an exact decimal flag, such as an amount.
func decimal(b *binder, dst **mxplatform.Decimal, name, usage string) {
	v := stringFlag(b, name, usage+" (a decimal such as 1234.56)", "")
	b.onSet(name, func() error {
		d, err := mxplatform.ParseDecimal(*v)
		if err != nil {
			return err
		}
		*dst = &d
		return nil
	})
}

// requiredDecimal declares an exact decimal flag that must be given.
func requiredDecimal(b *binder, dst *mxplatform.Decimal, name, usage string) {
	v := stringFlag(b, name, usage+" (a decimal such as 1234.56)", "")
	b.require(name)
	b.onSet(name, func() error {
		d, err := mxplatform.ParseDecimal(*v)
		if err != nil {
			return err
		}
		*dst = d
		return nil
	})
}

// list declares a repeatable string flag (--name a --name b, or --name a,b).
func list[T ~string](b *binder, dst *[]T, name, usage string) {
	v := listFlag(b, name, usage+" (repeatable)")
	b.onSet(name, func() error {
		*dst = convert[T](*v)
		return nil
	})
}

// requiredList declares a repeatable string flag that must be given.
func requiredList[T ~string](b *binder, dst *[]T, name, usage string) {
	list(b, dst, name, usage)
	b.require(name)
}

// enumList declares a repeatable flag whose values are those of a spec enum.
func enumList[T ~string](b *binder, dst *[]T, name, usage string, values []T) {
	v := listFlag(b, name, "")
	enumHelp(b, name, usage+" (repeatable)", values)
	b.onSet(name, func() error {
		for _, x := range *v {
			if !slices.Contains(values, T(x)) {
				return fmt.Errorf("%q is not one of %s", x, joinValues(values))
			}
		}
		*dst = convert[T](*v)
		return nil
	})
}

// enumHelp gives the flag of an enum its help, which lists the values (and those of another
// version, when they differ), and its completion, the values of every version.
func enumHelp[T ~string](b *binder, name, usage string, values []T) {
	d, f := b.flags[name], b.cmd.Flags().Lookup(name)
	if len(d.versions) == 1 {
		f.Usage = fmt.Sprintf("%s (%s)", usage, joinValues(values))
		_ = b.cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return d.values, cobra.ShellCompDirectiveNoFileComp
		})
	} else if !strings.Contains(f.Usage, "("+joinValues(values)+")") {
		f.Usage += fmt.Sprintf(" (%s: %s)", b.version, joinValues(values))
	}
	for _, x := range values {
		if !slices.Contains(d.values, string(x)) {
			d.values = append(d.values, string(x))
		}
	}
}

func listFlag(b *binder, name, usage string) *[]string {
	return holder(b, name, func(fs *pflag.FlagSet) *[]string {
		v := new([]string)
		fs.StringSliceVar(v, name, nil, usage)
		return v
	})
}

func convert[T ~string](v []string) []T {
	out := make([]T, len(v))
	for i, x := range v {
		out[i] = T(x)
	}
	return out
}

// object sets *dst to v, the nested object of a request whose fields the flags names fill,
// when one of them was given: an object none of whose flags was given is not sent.
func object[T any](b *binder, dst **T, v *T, names ...string) {
	b.always(func() error {
		for _, name := range names {
			if b.cmd.Flags().Changed(name) {
				*dst = v
				return nil
			}
		}
		return nil
	})
}

// pairs declares a repeatable GUID=VALUE flag, for credentials and MFA answers; mk makes one
// element of the list from a GUID and a value.
func pairs[T any](b *binder, dst *[]T, name, usage string, mk func(guid, value string) T) {
	v := holder(b, name, func(fs *pflag.FlagSet) *[]string {
		v := new([]string)
		fs.StringArrayVar(v, name, nil, usage+" (GUID=VALUE, repeatable)")
		return v
	})
	b.onSet(name, func() error {
		out, err := parsePairs(*v, mk)
		if err != nil {
			return err
		}
		*dst = out
		return nil
	})
}

func parsePairs[T any](v []string, mk func(guid, value string) T) ([]T, error) {
	var out []T
	for _, p := range v {
		guid, value, ok := strings.Cut(p, "=")
		if !ok || guid == "" {
			return nil, fmt.Errorf("%q is not GUID=VALUE", p)
		}
		out = append(out, mk(guid, value))
	}
	return out, nil
}

// credential and challengeAnswer make the elements of pairs.
func credential(guid, value string) mxplatform.CredentialRequest {
	return mxplatform.CredentialRequest{GUID: mxplatform.CredentialGUID(guid), Value: value}
}

func challengeAnswer(guid, value string) mxplatform.ChallengeAnswer {
	return mxplatform.ChallengeAnswer{GUID: mxplatform.ChallengeGUID(guid), Value: value}
}

// callFlags are the flags of per-call options: headers MX accepts on the operation.
type callFlags struct {
	acceptLanguage, callbackPayload *string
}

func acceptLanguageFlag(b *binder, c *callFlags) {
	c.acceptLanguage = stringFlag(b, "accept-language", "the widget's language: en-US, en-CA, es, fr or fr-CA", "")
}

func callbackPayloadFlag(b *binder, c *callFlags) {
	c.callbackPayload = stringFlag(b, "callback-payload", "base64 data (at most 1024 characters) MX echoes in the webhooks this call causes", "")
}

func (c *callFlags) options() []mxplatform.CallOption {
	var opts []mxplatform.CallOption
	if c.acceptLanguage != nil && *c.acceptLanguage != "" {
		opts = append(opts, mxplatform.WithAcceptLanguage(*c.acceptLanguage))
	}
	if c.callbackPayload != nil && *c.callbackPayload != "" {
		opts = append(opts, mxplatform.WithCallbackPayload(*c.callbackPayload))
	}
	return opts
}

// listFlags are the flags of list commands beyond the operation's parameters.
type listFlags struct {
	all      *bool
	limit    *int
	prefetch *int
}

// maxPrefetch is the most pages --prefetch requests ahead, as the SDK allows.
const maxPrefetch = 8

func addListFlags(b *binder) *listFlags {
	l := &listFlags{
		all:      boolFlag(b, "all", "fetch every page (the largest pages the list allows unless --records-per-page) and print them all"),
		limit:    intFlag(b, "limit", "print at most this many records, fetching pages until they are printed and no more"),
		prefetch: intFlag(b, "prefetch", fmt.Sprintf("with --all or --limit, pages to request ahead of the one printed, 0 to %d", maxPrefetch)),
	}
	b.onSet("limit", func() error { return atLeast(*l.limit, 1) })
	b.onSet("prefetch", func() error { return inRange(*l.prefetch, 0, maxPrefetch) })
	return l
}

// atLeast and inRange check the value of an integer flag; binder.onSet names the flag.
func atLeast(v, low int) error {
	if v < low {
		return fmt.Errorf("%d is less than %d", v, low)
	}
	return nil
}

func inRange(v, low, high int) error {
	if v < low || v > high {
		return fmt.Errorf("%d is out of range: %d to %d", v, low, high)
	}
	return nil
}

// every reports whether the command reads pages beyond the first: --all, or --limit.
func (l *listFlags) every() bool { return *l.all || *l.limit > 0 }

// max is the most records to print, 0 for all.
func (l *listFlags) max() int {
	if l == nil {
		return 0
	}
	return *l.limit
}

func (l *listFlags) options() []mxplatform.CallOption {
	if *l.prefetch > 0 {
		return []mxplatform.CallOption{mxplatform.WithPrefetch(*l.prefetch)}
	}
	return nil
}

// waitFlags are the flags of job commands that can wait for the member to settle.
type waitFlags struct {
	wait     *bool
	interval *time.Duration
	answers  *[]string // nil without --answer (resume takes its answers as the request)
}

func addWaitFlags(b *binder, mfa bool) *waitFlags {
	w := &waitFlags{
		wait: boolFlag(b, "wait", "wait until the member settles, showing its status on stderr; exit 4 or 5 unless it ends CONNECTED"),
		interval: holder(b, "interval", func(fs *pflag.FlagSet) *time.Duration {
			v := new(time.Duration)
			fs.DurationVar(v, "interval", 3*time.Second, "with --wait, the pause before the first status read, such as 500ms (the pause then grows)")
			return v
		}),
	}
	b.onSet("interval", func() error {
		if *w.interval <= 0 {
			return fmt.Errorf("%s is not a positive duration", *w.interval)
		}
		return nil
	})
	if mfa {
		w.answers = holder(b, "answer", func(fs *pflag.FlagSet) *[]string {
			v := new([]string)
			fs.StringArrayVar(v, "answer", nil, "with --wait, the answer to an MFA challenge (GUID=VALUE; the value may be an option's label); asked on the terminal otherwise (repeatable)")
			return v
		})
	}
	return w
}

// waiting reports whether --wait was given.
func (w *waitFlags) waiting() bool { return *w.wait }

// pathNumber declares an integer flag that must be given, whose value is a path parameter, such
// as the number of a spending plan's iteration. A negative number names nothing: it is refused
// before any request.
func pathNumber(b *binder, dst *int, name, usage string) {
	v := intFlag(b, name, usage)
	b.require(name)
	_ = b.cmd.Flags().SetAnnotation(name, annotationPath, []string{"number"})
	b.onSet(name, func() error {
		if err := atLeast(*v, 0); err != nil {
			return err
		}
		*dst = *v
		return nil
	})
}

// numberEnum declares a flag for a spec enum of numbers that stand for names (MX sends 0 for a
// recurring expense): the flag takes the name, written as words, or the number itself.
func numberEnum[T ~int](b *binder, dst **T, name, usage string, words []string, values []T) {
	v := enumFlag(b, name, usage, "", words)
	b.onSet(name, func() error {
		for i, w := range words {
			if *v == w || *v == strconv.Itoa(int(values[i])) {
				x := values[i]
				*dst = &x
				return nil
			}
		}
		return fmt.Errorf("%q is not one of %s (or their numbers, 0 for the first)", *v, joinValues(words))
	})
}

// goalPositions declares a repeatable GUID=POSITION flag that must be given: goals and their
// new ranks, 1 the first.
func goalPositions(b *binder, dst *[]mxplatform.GoalPosition, name, usage string) {
	v := holder(b, name, func(fs *pflag.FlagSet) *[]string {
		v := new([]string)
		fs.StringArrayVar(v, name, nil, usage+" (GUID=POSITION, 1 the first; repeatable)")
		return v
	})
	b.require(name)
	b.onSet(name, func() error {
		var out []mxplatform.GoalPosition
		for _, p := range *v {
			guid, rank, ok := strings.Cut(p, "=")
			n, err := strconv.Atoi(rank)
			if !ok || guid == "" || err != nil || n < 1 {
				return fmt.Errorf("%q is not GUID=POSITION with a position from 1", p)
			}
			out = append(out, mxplatform.GoalPosition{GUID: mxplatform.GoalGUID(guid), Position: n})
		}
		*dst = out
		return nil
	})
}

// recordsFlags completes the flags of a request body that is a list of records: the flags
// names fill one record (item), sent as a list of one, and --input sends the list of a JSON
// file instead (- for stdin), an array of records as MX's reference writes them; one or the
// other, never both. required are the flags a record from the flags must have. A field of the
// file that the record has not is an error, so that a misspelt key does not go unseen.
func recordsFlags[T any](b *binder, dst *[]T, item *T, noun string, required []string, names ...string) {
	input := stringFlag(b, "input", fmt.Sprintf("send the %ss of this JSON file, an array of them (- for stdin), instead of one from the flags", noun), "")
	for _, name := range required {
		b.cmd.Flags().Lookup(name).Usage += " (required unless --input)"
	}
	b.always(func() error {
		var given []string
		for _, name := range names {
			if b.cmd.Flags().Changed(name) {
				given = append(given, name)
			}
		}
		if b.cmd.Flags().Changed("input") {
			if len(given) > 0 {
				return fmt.Errorf("--input and --%s: give the %ss in the file, or one with the flags", given[0], noun)
			}
			data, err := b.a.readInput(*input)
			if err != nil {
				return err
			}
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			var list []T
			if err := dec.Decode(&list); err != nil {
				return fmt.Errorf("--input: %s is not a JSON array of %ss: %w", inputName(*input), noun, err)
			}
			if _, err := dec.Token(); !errors.Is(err, io.EOF) {
				return fmt.Errorf("--input: %s holds more than one JSON document", inputName(*input))
			}
			if len(list) == 0 {
				return fmt.Errorf("--input: %s holds no %s", inputName(*input), noun)
			}
			*dst = list
			return nil
		}
		if len(given) == 0 {
			return fmt.Errorf("no %s: give one with --%s, or a list with --input", noun, strings.Join(required, " and --"))
		}
		for _, name := range required {
			if !b.cmd.Flags().Changed(name) {
				return fmt.Errorf("--%s: required for a %s from the flags (or give a list with --input)", name, noun)
			}
		}
		*dst = []T{*item}
		return nil
	})
}

// processorTokenFlag declares --processor-token, the token of a payment processor's command.
func processorTokenFlag(b *binder) *string {
	return stringFlag(b, "processor-token", "the processor token MX issued for the account (default $MX_PROCESSOR_TOKEN, else the profile's processor_token; prefer those: flags show in process lists)", "")
}
