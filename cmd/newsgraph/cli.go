package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"
)

// Exit codes, documented in the README and in `newsgraph --help`.
const (
	exitOK          = 0   // done
	exitFailure     = 1   // the command failed (a database in use, a query error, nothing loaded...)
	exitUsage       = 2   // the command line is wrong: unknown command or flag, missing argument
	exitInterrupted = 130 // stopped by a second Ctrl-C (load)
)

const exitCodesHelp = `EXIT CODES:
   0 done; 1 the command failed; 2 the command line is wrong (unknown command or flag,
   missing argument); 130 stopped by a second Ctrl-C`

// usageError marks an error of the command line, so that main exits with exitUsage.
type usageError struct{ error }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// exitCode maps an error returned by the app to the process's exit status.
func exitCode(err error) int {
	var ue usageError
	var ec cli.ExitCoder
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		return exitUsage
	case errors.As(err, &ec):
		return ec.ExitCode()
	}
	return exitFailure
}

// onUsageError is every command's OnUsageError: a bad flag or value is a usage error, said
// in one line with a pointer to the help (urfave prints the whole help page otherwise).
func onUsageError(c *cli.Context, err error, _ bool) error {
	name := c.App.Name
	if c.Command != nil && c.Command.Name != "" && c.Command.Name != c.App.Name {
		name += " " + c.Command.Name
	}
	hint := ""
	if bad, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: "); ok && cli.SuggestFlag != nil {
		var flags []cli.Flag
		if c.Command != nil {
			flags = c.Command.Flags
		}
		if s := quoted(cli.SuggestFlag(append(flags, c.App.Flags...), strings.TrimLeft(bad, "-"), false)); s != "" {
			hint = fmt.Sprintf(": did you mean %s?", s)
		}
	}
	return usageError{fmt.Errorf("%w%s (see %s --help)", err, hint, name)}
}

// unknownCommand is the app's own Action: it runs only when the first argument is not a
// command, and says which command was probably meant.
func unknownCommand(c *cli.Context) error {
	if c.NArg() == 0 {
		return cli.ShowAppHelp(c)
	}
	name := c.Args().First()
	msg := fmt.Sprintf("no command %q", name)
	if s := suggest(c.App.Commands, name); s != "" {
		msg += fmt.Sprintf(": did you mean %q?", s)
	}
	return usagef("%s (newsgraph help lists the commands)", msg)
}

// suggest is the command closest to name, by urfave's own suggestion (Jaro-Winkler), or "".
func suggest(cmds []*cli.Command, name string) string {
	if cli.SuggestCommand == nil {
		return ""
	}
	return quoted(cli.SuggestCommand(cmds, name))
}

// quoted is the word urfave's suggestion sentence quotes: `Did you mean "entity"?`.
func quoted(s string) string {
	if i, j := strings.IndexAny(s, "\"'"), strings.LastIndexAny(s, "\"'"); i >= 0 && j > i {
		return s[i+1 : j]
	}
	return s
}

// version is the module's version and VCS revision as the Go toolchain stamped them: a
// `go install ...@v1.2.3` binary has its tag, a `go build` in a clone its commit.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown (built without module information)"
	}
	return versionOf(bi)
}

func versionOf(bi *debug.BuildInfo) string {
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, at, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", modified"
			}
		}
	}
	if rev == "" {
		return v + " (no VCS revision: built by go run or go test, outside a clone, or with -buildvcs=false)"
	}
	return fmt.Sprintf("%s (revision %s, %s%s; %s)", v, rev, at, dirty, bi.GoVersion)
}

// reorderArgs moves every flag of a command line before its arguments, since urfave/cli v2
// stops reading flags at the first argument ("entity Bayramov --json" would look up
// "Bayramov --json"); the app's global flags found after the command name go before it.
// "--" ends the flags as usual; "-" (standard input) is an argument.
func reorderArgs(app *cli.App, args []string) []string {
	if len(args) < 2 || args[len(args)-1] == "--generate-bash-completion" {
		return args // urfave reads the completion flag as the last word
	}
	var global []string
	i := 1
	for ; i < len(args) && isFlag(args[i]); i++ { // global flags before the command name
		global = append(global, args[i])
		if f := findFlag(app.Flags, args[i]); f != nil && takesValue(f, args[i]) && i+1 < len(args) {
			i++
			global = append(global, args[i])
		}
	}
	if i == len(args) {
		return args
	}
	cmd := app.Command(args[i])
	if cmd == nil || cmd.SkipFlagParsing || len(cmd.Subcommands) > 0 {
		return args
	}
	name := args[i]
	var flags, positional []string
	for i++; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if !isFlag(a) {
			positional = append(positional, a)
			continue
		}
		f, to := findFlag(cmd.Flags, a), &flags
		if f == nil {
			if g := findFlag(app.Flags, a); g != nil {
				f, to = g, &global
			}
		}
		*to = append(*to, a)
		if f != nil && takesValue(f, a) && i+1 < len(args) {
			i++
			*to = append(*to, args[i])
		}
	}
	out := append(append(append([]string{args[0]}, global...), name), flags...)
	if hasDashArg(positional) {
		out = append(out, "--") // arguments that look like flags stay arguments
	}
	return append(out, positional...)
}

// hasDashArg reports whether an argument would be read as a flag were it not after "--".
func hasDashArg(args []string) bool {
	for _, a := range args {
		if isFlag(a) {
			return true
		}
	}
	return false
}

func isFlag(a string) bool { return len(a) > 1 && a[0] == '-' && a != "--" }

// findFlag is the flag a command-line word names ("--db", "-f", "--limit=3"), or nil.
func findFlag(flags []cli.Flag, a string) cli.Flag {
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil // urfave's own --help, or a mistake urfave will name
}

// takesValue reports whether the flag named by a reads the next word as its value.
func takesValue(f cli.Flag, a string) bool {
	if strings.Contains(a, "=") {
		return false
	}
	if df, ok := f.(cli.DocGenerationFlag); ok {
		return df.TakesValue()
	}
	return true
}

// completionCommand prints a shell's completion script; the scripts call the binary with
// urfave's --generate-bash-completion, which lists the commands and a command's flags.
func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a completion script for bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: "bash:  source <(newsgraph completion bash)      (or save it in /etc/bash_completion.d/newsgraph)\n" +
			"   zsh:   source <(newsgraph completion zsh)\n" +
			"   fish:  newsgraph completion fish > ~/.config/fish/completions/newsgraph.fish",
		Action: func(c *cli.Context) error {
			switch shell := c.Args().First(); shell {
			case "bash":
				fmt.Fprint(os.Stdout, strings.ReplaceAll(bashCompletion, "PROG", c.App.Name))
			case "zsh":
				fmt.Fprint(os.Stdout, strings.ReplaceAll(zshCompletion, "PROG", c.App.Name))
			case "fish":
				s, err := c.App.ToFishCompletion()
				if err != nil {
					return err
				}
				fmt.Fprint(os.Stdout, s)
			default:
				return usagef("give the shell: bash, zsh or fish (not %q)", shell)
			}
			return nil
		},
	}
}

// bashCompletion and zshCompletion are urfave/cli v2's autocomplete scripts
// (autocomplete/bash_autocomplete, zsh_autocomplete), which the module does not embed.
const bashCompletion = `# bash completion for PROG (newsgraph completion bash)
_PROG_bash_autocomplete() {
  if [[ "${COMP_WORDS[0]}" != "source" ]]; then
    local cur opts
    COMPREPLY=()
    cur="${COMP_WORDS[COMP_CWORD]}"
    if [[ "$cur" == "-"* ]]; then
      opts=$("${COMP_WORDS[@]:0:$COMP_CWORD}" "${cur}" --generate-bash-completion 2>/dev/null)
    else
      opts=$("${COMP_WORDS[@]:0:$COMP_CWORD}" --generate-bash-completion 2>/dev/null)
    fi
    COMPREPLY=($(compgen -W "${opts}" -- "${cur}"))
    return 0
  fi
}
complete -o bashdefault -o default -F _PROG_bash_autocomplete PROG
`

const zshCompletion = `#compdef PROG
# zsh completion for PROG (newsgraph completion zsh)
_PROG_zsh_autocomplete() {
  local -a opts
  local cur
  cur=${words[-1]}
  if [[ "$cur" == "-"* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion)}")
  fi
  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}
compdef _PROG_zsh_autocomplete PROG
`
