package main

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/spf13/cobra"
)

// versionInfo is what mx version prints.
type versionInfo struct {
	SDK         string   `json:"sdk"`
	APIVersions []string `json:"api_versions"`
	Default     string   `json:"default_api_version"`
	Go          string   `json:"go"`
	Platform    string   `json:"platform"`
}

func currentVersion() versionInfo {
	v := versionInfo{SDK: mxplatform.Version, Default: string(apiVersions[0]), Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	for _, x := range apiVersions {
		v.APIVersions = append(v.APIVersions, string(x))
	}
	return v
}

// versionLine is the version in one line, for --version.
func versionLine() string {
	v := currentVersion()
	return fmt.Sprintf("mx %s (MX Platform API %s, default %s; %s %s)", v.SDK, strings.Join(v.APIVersions, ", "), v.Default, v.Go, v.Platform)
}

func cmdVersion(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the versions of mx, of the SDK, of the API it speaks and of Go",
		Long: `version prints the version of mx and of the SDK it is built on (one number: mx ships with
the SDK), the MX Platform API versions it speaks and the default one, and the Go version and
platform it was built for. With -o json (or -o yaml) the same as fields; mx --version prints
the line.`,
		Example: "  mx version\n  mx version -o json --jq .sdk",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("output") && a.global.jq == "" {
				linef(a.stdout, "%s", versionLine())
				return nil
			}
			return a.print(currentVersion())
		},
	}
}

// completeProfiles completes --profile with the profiles of the config file.
func (a *app) completeProfiles(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	path, named := configPath(a.global.configFile, a.getenv)
	f, err := readConfigFile(path, named)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return f.profileNames(), cobra.ShellCompDirectiveNoFileComp
}

// completeInstitutions completes the flags that take an institution code with the codes of the
// institutions whose name or code starts with what was typed, read from MX when credentials
// are configured (nothing otherwise).
func completeInstitutions(root *cobra.Command, a *app) {
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for _, name := range []string{"institution", "current-institution"} {
			if c.Flags().Lookup(name) != nil {
				_ = c.RegisterFlagCompletionFunc(name, a.institutionCodes)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func (a *app) institutionCodes(cmd *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if _, err := resolveVersion(a.global.apiVersion, a.getenv); err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	api, err := a.client()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	ctx, cancel := context.WithTimeout(cmd.Context(), 5*time.Second)
	defer cancel()
	params := &mxplatform.ListInstitutionsParams{RecordsPerPage: mxplatform.Ptr(100)}
	if toComplete != "" {
		params.Name = &toComplete
	}
	page, err := api.ListInstitutions(ctx, params)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, inst := range page.Items {
		code := string(inst.Code)
		if strings.HasPrefix(code, toComplete) || strings.Contains(strings.ToLower(inst.Name), strings.ToLower(toComplete)) {
			out = append(out, printable(code)+"\t"+printable(inst.Name))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
