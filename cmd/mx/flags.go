package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/spf13/cobra"
)

// binder declares the flags of one command and, when it runs, copies the flags that were set
// into the request: a flag left unset leaves its field absent, so MX applies its own default.
type binder struct {
	cmd   *cobra.Command
	apply []func() error
}

func newBinder(cmd *cobra.Command) *binder { return &binder{cmd: cmd} }

// set copies every flag that was set into its field.
func (b *binder) set() error {
	for _, f := range b.apply {
		if err := f(); err != nil {
			return usageError{err}
		}
	}
	return nil
}

func (b *binder) onSet(name string, f func() error) {
	b.apply = append(b.apply, func() error {
		if !b.cmd.Flags().Changed(name) {
			return nil
		}
		if err := f(); err != nil {
			return fmt.Errorf("--%s: %w", name, err)
		}
		return nil
	})
}

// required declares a string flag that must be given.
func required[T ~string](b *binder, dst *T, name, usage string) {
	var v string
	b.cmd.Flags().StringVar(&v, name, "", usage)
	_ = b.cmd.MarkFlagRequired(name)
	b.onSet(name, func() error {
		if v == "" {
			return fmt.Errorf("must not be empty")
		}
		*dst = T(v)
		return nil
	})
}

// pathSegment declares a flag that must be given, whose value is a path parameter: one
// segment of the request's URL. It refuses "", "." and "..", which would drop the segment or
// climb out of it and so reach another endpoint (DELETE /users/.. is DELETE /), before any
// request is sent.
func pathSegment[T ~string](b *binder, dst *T, name, usage string) {
	var v string
	b.cmd.Flags().StringVar(&v, name, "", usage)
	_ = b.cmd.MarkFlagRequired(name)
	b.onSet(name, func() error {
		switch v {
		case "":
			return fmt.Errorf("must not be empty")
		case ".", "..":
			return fmt.Errorf("%q is not an identifier: in the URL it would call another endpoint", v)
		}
		*dst = T(v)
		return nil
	})
}

// optional declares a string flag.
func optional[T ~string](b *binder, dst **T, name, usage string) {
	var v string
	b.cmd.Flags().StringVar(&v, name, "", usage)
	b.onSet(name, func() error {
		t := T(v)
		*dst = &t
		return nil
	})
}

// enum declares a flag whose values are those of a spec enum, completed by the shell.
func enum[T ~string](b *binder, dst **T, name, usage string, values []T) {
	var v string
	b.cmd.Flags().StringVar(&v, name, "", fmt.Sprintf("%s (%s)", usage, joinValues(values)))
	_ = b.cmd.RegisterFlagCompletionFunc(name, completeValues(values))
	b.onSet(name, func() error {
		if !slices.Contains(values, T(v)) {
			return fmt.Errorf("%q is not one of %s", v, joinValues(values))
		}
		t := T(v)
		*dst = &t
		return nil
	})
}

// requiredEnum declares an enum flag that has a default.
func requiredEnum[T ~string](b *binder, dst *T, name, usage string, values []T, def T) {
	var v string
	b.cmd.Flags().StringVar(&v, name, string(def), fmt.Sprintf("%s (%s)", usage, joinValues(values)))
	_ = b.cmd.RegisterFlagCompletionFunc(name, completeValues(values))
	*dst = def
	b.onSet(name, func() error {
		if !slices.Contains(values, T(v)) {
			return fmt.Errorf("%q is not one of %s", v, joinValues(values))
		}
		*dst = T(v)
		return nil
	})
}

func joinValues[T ~string](values []T) string {
	s := make([]string, len(values))
	for i, v := range values {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

func completeValues[T ~string](values []T) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		s := make([]string, len(values))
		for i, v := range values {
			s[i] = string(v)
		}
		return s, cobra.ShellCompDirectiveNoFileComp
	}
}

// boolean declares a flag --name (or --name=false).
func boolean(b *binder, dst **bool, name, usage string) {
	var v bool
	b.cmd.Flags().BoolVar(&v, name, false, usage)
	b.onSet(name, func() error {
		*dst = &v
		return nil
	})
}

// integer declares an integer flag.
func integer(b *binder, dst **int, name, usage string) {
	var v int
	b.cmd.Flags().IntVar(&v, name, 0, usage)
	b.onSet(name, func() error {
		*dst = &v
		return nil
	})
}

// decimal declares an exact decimal flag, such as an amount.
func decimal(b *binder, dst **mxplatform.Decimal, name, usage string) {
	var v string
	b.cmd.Flags().StringVar(&v, name, "", usage+" (a decimal such as 1234.56)")
	b.onSet(name, func() error {
		d, err := mxplatform.ParseDecimal(v)
		if err != nil {
			return err
		}
		*dst = &d
		return nil
	})
}

// list declares a repeatable string flag (--name a --name b, or --name a,b).
func list(b *binder, dst *[]string, name, usage string) {
	var v []string
	b.cmd.Flags().StringSliceVar(&v, name, nil, usage+" (repeatable)")
	b.onSet(name, func() error {
		*dst = v
		return nil
	})
}

// pairs declares a repeatable GUID=VALUE flag, for credentials and MFA answers; mk makes one
// element of the list from a GUID and a value.
func pairs[T any](b *binder, dst *[]T, name, usage string, mk func(guid, value string) T) {
	var v []string
	b.cmd.Flags().StringArrayVar(&v, name, nil, usage+" (GUID=VALUE, repeatable)")
	b.onSet(name, func() error {
		out, err := parsePairs(v, mk)
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

// callFlags declares the flags of per-call options: headers MX accepts on the operation.
type callFlags struct {
	acceptLanguage, callbackPayload string
	cmd                             *cobra.Command
}

func acceptLanguageFlag(b *binder, c *callFlags) {
	c.cmd = b.cmd
	b.cmd.Flags().StringVar(&c.acceptLanguage, "accept-language", "", "the widget's language: en-US, en-CA, es, fr or fr-CA")
}

func callbackPayloadFlag(b *binder, c *callFlags) {
	c.cmd = b.cmd
	b.cmd.Flags().StringVar(&c.callbackPayload, "callback-payload", "", "base64 data (at most 1024 characters) MX echoes in the webhooks this call causes")
}

func (c *callFlags) options() []mxplatform.CallOption {
	var opts []mxplatform.CallOption
	if c.acceptLanguage != "" {
		opts = append(opts, mxplatform.WithAcceptLanguage(c.acceptLanguage))
	}
	if c.callbackPayload != "" {
		opts = append(opts, mxplatform.WithCallbackPayload(c.callbackPayload))
	}
	return opts
}

// listFlags are the flags of list commands beyond the operation's parameters.
type listFlags struct {
	all      bool
	prefetch int
}

func addListFlags(cmd *cobra.Command, l *listFlags) {
	cmd.Flags().BoolVar(&l.all, "all", false, "fetch every page (100 records a page unless --records-per-page) and print them all")
	cmd.Flags().IntVar(&l.prefetch, "prefetch", 0, "with --all, pages to request ahead (0-8)")
}

func (l *listFlags) options() []mxplatform.CallOption {
	if l.prefetch > 0 {
		return []mxplatform.CallOption{mxplatform.WithPrefetch(l.prefetch)}
	}
	return nil
}

// waitFlags are the flags of aggregation commands that can wait for the member to settle.
type waitFlags struct {
	wait     bool
	interval float64
	answers  []string
}

func addWaitFlags(cmd *cobra.Command, w *waitFlags, mfa bool) {
	cmd.Flags().BoolVar(&w.wait, "wait", false, "wait until the member settles, showing progress on stderr; exit 4 or 5 unless it ends CONNECTED")
	cmd.Flags().Float64Var(&w.interval, "interval", 3, "with --wait, seconds before the first status read (the pause then grows)")
	if mfa {
		cmd.Flags().StringArrayVar(&w.answers, "answer", nil, "with --wait, the answer to an MFA challenge (GUID=VALUE; the value may be an option's label); asked on the terminal otherwise (repeatable)")
	}
}
