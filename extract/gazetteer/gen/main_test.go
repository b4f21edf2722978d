package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDataIsCurrent regenerates the data files from ../shared and compares them with the
// committed ones: a difference means the generator or a hand-written input changed without
// `go run ./extract/gazetteer/gen` being run. It is skipped where ../shared is absent.
func TestDataIsCurrent(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "..", "shared", "data", "gazetteers")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("no upstream data: %v", err)
	}
	data := filepath.Join("..", "data")
	tmp := t.TempDir()
	for _, f := range []string{"countries_extra.tsv", "organisations_extra.tsv", "cities_extra.tsv", "titles.txt"} {
		b, err := os.ReadFile(filepath.Join(data, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tmp, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := run(shared, tmp); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"countries.tsv", "organisations.tsv", "cities.tsv.gz"} {
		want, got := readMaybeGz(t, filepath.Join(data, f)), readMaybeGz(t, filepath.Join(tmp, f))
		if !bytes.Equal(want, got) {
			t.Errorf("%s is not what the generator makes now: run `go run ./extract/gazetteer/gen` from the repository root", f)
		}
	}
}

func readMaybeGz(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(path, ".gz") {
		return b
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestHelpers(t *testing.T) {
	for in, want := range map[string]string{
		"Côte d'Ivoire":                      "cote-divoire",
		"North Atlantic Treaty Organisation": "north-atlantic-treaty-organisation",
		"Nigeria–São Tomé and Príncipe":      "nigeria-sao-tome-and-principe",
		"Xi’an":                              "xian",
		"Washington":                         "washington",
		"Åland Islands":                      "aland-islands",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"Azerbaijani": "Azerbaijanis", "American": "Americans", "Greek": "Greeks", "Czech": "Czechs",
		"French": "", "Chinese": "", "Swiss": "", "Filipino": "Filipinos", "Mosotho": "",
	} {
		if got := demonymPlural(in); got != want {
			t.Errorf("demonymPlural(%q) = %q, want %q", in, got, want)
		}
	}
	if got := foldASCII("Kandahār"); got != "Kandahar" {
		t.Errorf("foldASCII(Kandahār) = %q", got)
	}
	if got := foldASCII("Баку"); got != "" {
		t.Errorf("foldASCII(Баку) = %q, want \"\"", got)
	}
}
