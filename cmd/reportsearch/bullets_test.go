package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type jsonSection struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Parent string `json:"parent"`
	Depth  int    `json:"depth"`
}

// jsonBullet mirrors the documented JSON line of "reportsearch bullets".
type jsonBullet struct {
	ID        string        `json:"id"`
	Report    string        `json:"report"`
	Section   jsonSection   `json:"section"`
	Path      []jsonSection `json:"path"`
	Text      string        `json:"text"`
	Lines     []int         `json:"lines"`
	Truncated bool          `json:"truncated"`
	SeeAlso   []string      `json:"see_also"` // near duplicates in the same report; absent when none
	Metrics   []struct {
		Text       string  `json:"text"`
		Value      float64 `json:"value"`
		Unit       string  `json:"unit"`
		Normalized float64 `json:"normalized"`
		BaseUnit   string  `json:"base_unit"`
		Kind       string  `json:"kind"`
		Approx     bool    `json:"approx"`
		Direction  string  `json:"direction"`
		Change     string  `json:"change"`
		Low        float64 `json:"low"`
		High       float64 `json:"high"`
		Label      string  `json:"label"`
		Start      int     `json:"start"`
		End        int     `json:"end"`
	} `json:"metrics"`
}

func decodeLines(t *testing.T, out []byte) []jsonBullet {
	t.Helper()
	var bs []jsonBullet
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		var b jsonBullet
		if err := dec.Decode(&b); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		bs = append(bs, b)
	}
	return bs
}

func TestBulletsCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"bullets", "--corpus", seedCorpus}, &out, &errOut); err != nil {
		t.Fatalf("run bullets: %v (stderr %q)", err, errOut.String())
	}
	bs := decodeLines(t, out.Bytes())
	if len(bs) != 104 {
		t.Fatalf("%d bullets; want 104", len(bs))
	}
	if bytes.Contains(out.Bytes(), []byte(`\u003c`)) || strings.Contains(out.String(), `"metrics":null`) {
		t.Errorf("output escapes HTML or has null metrics")
	}
	var b *jsonBullet
	for i := range bs {
		if bs[i].ID == "02-01" {
			b = &bs[i]
		}
	}
	if b == nil {
		t.Fatal("no bullet 02-01")
	}
	if b.Report != "huacao-2023" || b.Section.ID != "02" || b.Section.Title != "聚力发展第一要务 在稳进提质中推动经济平稳运行" ||
		len(b.Lines) != 1 || b.Lines[0] != 22 || b.Truncated || !strings.HasPrefix(b.Text, "预计全年完成财政总收入37.55亿元") {
		t.Errorf("bullet 02-01 = %+v", *b)
	}
	if len(b.Metrics) != 4 {
		t.Fatalf("02-01 has %d metrics; want 4", len(b.Metrics))
	}
	m := b.Metrics[0]
	if m.Text != "37.55亿元" || m.Value != 37.55 || m.Unit != "亿元" || m.Normalized != 3755000000 || m.BaseUnit != "元" ||
		m.Kind != "money" || m.Approx || m.Label != "财政总收入" || b.Text[m.Start:m.End] != m.Text {
		t.Errorf("first metric of 02-01 = %+v", m)
	}
	// the seed's two pairs of near duplicates, and no other
	seeAlso := map[string]string{}
	for _, b := range bs {
		if len(b.SeeAlso) > 0 {
			seeAlso[b.ID] = strings.Join(b.SeeAlso, ",")
		}
	}
	if want := map[string]string{"02-15": "02-19", "02-19": "02-15", "05-04": "05-16", "05-16": "05-04"}; !maps.Equal(seeAlso, want) {
		t.Errorf("see_also %v; want %v", seeAlso, want)
	}
}

func TestBulletsCommandCorpusFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("01 一节\n- ◆新增3所学校。\n- ◆完成改造\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.txt"), []byte{0, 1, 2}, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	// The bad file is named on stderr; the good one is printed.
	err := run(context.Background(), []string{"bullets", "--corpus", dir}, &out, &errOut)
	if err != nil || !strings.Contains(errOut.String(), "bad.txt: line 1: NUL byte") {
		t.Errorf("run = %v, stderr %q; want success and stderr naming bad.txt", err, errOut.String())
	}
	bs := decodeLines(t, out.Bytes())
	if len(bs) != 2 || bs[0].Report != "a" || bs[0].ID != "01-01" || bs[1].ID != "01-02" || !bs[1].Truncated {
		t.Errorf("bullets = %+v", bs)
	}
	if len(bs) > 0 && (len(bs[0].Metrics) != 1 || bs[0].Metrics[0].Text != "3所") {
		t.Errorf("metrics of a.txt 01-01 = %+v", bs[0].Metrics)
	}
}

func TestBulletsCommandErrors(t *testing.T) {
	onlyBad := t.TempDir()
	if err := os.WriteFile(filepath.Join(onlyBad, "bad.txt"), []byte{0, 1, 2}, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"bullets", "--corpus", onlyBad},
		{"bullets", "--nope"},
		{"bullets", "extra"},
		{"bullets", "--corpus", filepath.Join(t.TempDir(), "missing.txt")},
	} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), args, &out, &errOut); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
		if out.Len() != 0 {
			t.Errorf("run(%q) printed %q", args, out.String())
		}
	}
}

// TestBulletsCommandRealReports prints every passage of the real reports
// (../shared/reports from the repository root; skipped when absent).
func TestBulletsCommandRealReports(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "reports")
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		t.Skipf("no real reports: %v", err)
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"bullets", "--corpus", dir}, &out, &errOut); err != nil || errOut.Len() > 0 {
		t.Fatalf("run = %v, stderr %q", err, errOut.String())
	}
	reports := map[string]int{}
	for _, b := range decodeLines(t, out.Bytes()) {
		reports[b.Report]++
		if b.ID == "" || b.Text == "" || len(b.Path) == 0 || b.Path[len(b.Path)-1] != b.Section || b.Metrics == nil {
			t.Errorf("passage %+v", b)
		}
	}
	if len(reports) != 73 || reports["huacao-2023"] != 104 || reports["national-1954"] == 0 || reports["beijing-2025"] == 0 {
		t.Errorf("passages per report: %v", reports)
	}
}
