package analyzer

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// render shows the index-side tokens of text, one word after another with
// its sub-words in parentheses: 高新技术企业(高新技术 高新 技术 企业) 50家(50 家).
func render(text string) string {
	var b strings.Builder
	ts := Analyze(text, false)
	for i, t := range ts {
		sub := t.Type == "subword"
		switch {
		case sub && ts[i-1].Type != "subword":
			b.WriteString("(")
		case sub:
			b.WriteString(" ")
		case i > 0:
			if ts[i-1].Type == "subword" {
				b.WriteString(")")
			}
			b.WriteString(" ")
		}
		b.WriteString(t.Term)
	}
	if len(ts) > 0 && ts[len(ts)-1].Type == "subword" {
		b.WriteString(")")
	}
	return b.String()
}

// TestReportGolden compares the segmentation of every report line with
// testdata/huacao-2023.golden; run with -update after a deliberate change
// and review the diff.
func TestReportGolden(t *testing.T) {
	var b strings.Builder
	for _, l := range reportLines(t) {
		b.WriteString(render(l))
		b.WriteString("\n")
	}
	got := b.String()
	const path = "testdata/huacao-2023.golden"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Errorf("line %d:\n got %s\nwant %s", i+1, gl[i], wl[i])
			}
		}
		if len(gl) != len(wl) {
			t.Errorf("got %d lines; want %d", len(gl), len(wl))
		}
	}
}
