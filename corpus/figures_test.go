package corpus

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readerFigure is one figure of testdata/figures-judged.json.
type readerFigure struct {
	Text       string  `json:"text"`
	Value      float64 `json:"value"`
	Unit       string  `json:"unit"`
	Normalized float64 `json:"normalized"`
	BaseUnit   string  `json:"base_unit"`
	Kind       string  `json:"kind"`
	Direction  string  `json:"direction"`
	Change     string  `json:"change"`
	Low        float64 `json:"low"`
	High       float64 `json:"high"`
}

type readerPassage struct {
	Report  string         `json:"report"`
	Text    string         `json:"text"`
	Figures []readerFigure `json:"figures"`
	Traps   []string       `json:"traps"`
}

// sameValue compares values to 12 significant digits (how the judged file
// writes values without a finite decimal).
func sameValue(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 1e-11*math.Max(math.Abs(a), math.Abs(b))
}

// diffFigure lists the fields in which m differs from the judged figure w.
func diffFigure(m Metric, w readerFigure) []string {
	var d []string
	add := func(name string, got, want any) { d = append(d, fmt.Sprintf("%s %v (want %v)", name, got, want)) }
	if !sameValue(m.Value, w.Value) {
		add("value", m.Value, w.Value)
	}
	if m.Unit != w.Unit {
		add("unit", m.Unit, w.Unit)
	}
	if !sameValue(m.Normalized, w.Normalized) {
		add("normalized", m.Normalized, w.Normalized)
	}
	if m.BaseUnit != w.BaseUnit {
		add("base_unit", m.BaseUnit, w.BaseUnit)
	}
	if m.Kind != w.Kind {
		add("kind", m.Kind, w.Kind)
	}
	if m.Direction != w.Direction {
		add("direction", m.Direction, w.Direction)
	}
	if m.Change != w.Change {
		add("change", m.Change, w.Change)
	}
	if !sameValue(m.Low, w.Low) || !sameValue(m.High, w.High) {
		add("range", [2]float64{m.Low, m.High}, [2]float64{w.Low, w.High})
	}
	return d
}

// TestFiguresJudged scores extraction on testdata/figures-judged.json:
// figures judged by hand from passages of the real reports (national
// reports 1954–2025, in Traditional and Simplified characters, and
// provincial reports of 2025), with traps (non-figures). A figure is found
// when an extracted figure has its text at its place; it is right when
// every field matches. Floors: F1 ≥ 0.98, every normalized value of a
// found figure right, no trap extracted.
func TestFiguresJudged(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "figures-judged.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Passages []readerPassage `json:"passages"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var tp, fp, fn, wrongNorm, wrongField, trapsHit, traps int
	for _, p := range doc.Passages {
		got := ExtractMetrics(p.Text)
		used := make([]bool, len(got))
		from := 0
		for _, w := range p.Figures {
			at := strings.Index(p.Text[from:], w.Text)
			if at < 0 {
				t.Fatalf("%s: judged figure %q not in its passage (after offset %d)", p.Report, w.Text, from)
			}
			at += from
			from = at + len(w.Text)
			k := -1
			for j, m := range got {
				if !used[j] && m.Start == at && m.End == at+len(w.Text) {
					k = j
					break
				}
			}
			if k < 0 {
				fn++
				t.Logf("%s: missed %q", p.Report, w.Text)
				continue
			}
			used[k] = true
			tp++
			m := got[k]
			if !sameValue(m.Normalized, w.Normalized) {
				wrongNorm++
			}
			if d := diffFigure(m, w); len(d) > 0 {
				wrongField++
				t.Logf("%s: %q: %s", p.Report, w.Text, strings.Join(d, ", "))
			}
		}
		for j, m := range got {
			if !used[j] {
				fp++
				t.Logf("%s: extra %q (%v %s %s)", p.Report, m.Text, m.Normalized, m.BaseUnit, m.Kind)
			}
		}
		for _, trap := range p.Traps {
			traps++
			at := strings.Index(p.Text, trap)
			if at < 0 {
				t.Fatalf("%s: trap %q not in its passage", p.Report, trap)
			}
			for ; at >= 0; at = nextIndex(p.Text, trap, at) {
				for _, m := range got {
					if m.Start < at+len(trap) && at < m.End {
						trapsHit++
						t.Errorf("%s: trap %q extracted as %q", p.Report, trap, m.Text)
					}
				}
			}
		}
	}
	precision := float64(tp) / float64(max(1, tp+fp))
	recall := float64(tp) / float64(max(1, tp+fn))
	f1 := 2 * precision * recall / math.Max(precision+recall, 1e-9)
	t.Logf("judged figures: %d passages, %d figures, %d traps: precision %.3f recall %.3f F1 %.3f; %d found with a wrong normalized value, %d with some field wrong; %d traps extracted",
		len(doc.Passages), tp+fn, traps, precision, recall, f1, wrongNorm, wrongField, trapsHit)
	if f1 < 0.98 {
		t.Errorf("F1 %.3f below the floor 0.98", f1)
	}
	if wrongNorm > 0 {
		t.Errorf("%d figures with a wrong normalized value", wrongNorm)
	}
}

func nextIndex(s, sub string, at int) int {
	k := strings.Index(s[at+len(sub):], sub)
	if k < 0 {
		return -1
	}
	return at + len(sub) + k
}
