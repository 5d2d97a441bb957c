package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"reportsearch/corpus"
)

// bareReport holds figures written with a bare multiplier, as money and as
// counts (the extractor reads a bare 万 beside a word for people as a count
// of 人), and figures of other kinds with the same values.
const bareReport = `01 数字

- ◆甲甲：农村贫困人口减少1386万。
- ◆乙乙：带动就业人员近3.6万。
- ◆丙丙：完成投资近3.6万元。
- ◆丁丁：新增企业3.58万户。
- ◆戊戊：招商引资约1亿。
- ◆己己：推动1亿左右农业转移人口落户。
- ◆庚庚：粮食产量3.6万吨。
- ◆辛辛：服务群众将近3000人。
- ◆壬壬：满意率将近33%。
- ◆癸癸：建成住房6，600套左右。
`

func bareTestIndex(t *testing.T) *Index {
	t.Helper()
	r, err := corpus.Parse(strings.NewReader(bareReport), "bare.txt")
	if err != nil {
		t.Fatal(err)
	}
	ix, err := New(context.Background(), []*corpus.Report{r}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// TestBareAndFoldedFigures checks that a figure typed with a multiplier and
// no unit word finds money and counts of its value (and only they), that a
// unit typed keeps to its kind, and that a query is folded like a report's
// text before its comparison words, units and numerals are read.
func TestBareAndFoldedFigures(t *testing.T) {
	ix := bareTestIndex(t)
	search := func(req Request) *Result {
		t.Helper()
		req.Size = 100
		res, err := ix.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("Search(%q): %v", req.Query, err)
		}
		return res
	}
	tests := []struct {
		q    string
		want []string // labels, sorted
	}{
		// a bare multiplier: money and counts of any counter, not weight
		{"近3.6万", []string{"丁丁", "丙丙", "乙乙"}},
		{"1亿左右", []string{"己己", "戊戊"}},
		{"1386万", []string{"甲甲"}},
		{"超过1000万", []string{"己己", "戊戊", "甲甲"}},
		{"3万到4万", []string{"丁丁", "丙丙", "乙乙"}},
		// a unit typed keeps to its kind
		{"近3.6万元", []string{"丙丙"}},
		{"3.6万人", []string{"乙乙"}},
		{"3.6万吨", []string{"庚庚"}},
		{"1亿元左右", []string{"戊戊"}},
		{"1亿人左右", []string{"己己"}},
		{"3万到4万户", []string{"丁丁"}},
		// folded: Traditional comparison words, units and numerals, full width
		{"將近3000人", []string{"辛辛"}},
		{"將近百分之三十三", []string{"壬壬"}},
		{"超過1000萬", []string{"己己", "戊戊", "甲甲"}},
		{"１億元以下", []string{"丙丙", "戊戊"}},
		{"接近３．６萬噸", []string{"庚庚"}},
		{"大約1億人", []string{"己己"}},
		// thousands separated by a Chinese comma, as the older reports write
		{"6，600套左右", []string{"癸癸"}},
		{"6,600套", []string{"癸癸"}},
		{"3.6萬人以上", []string{"乙乙", "己己", "甲甲"}},
	}
	for _, tt := range tests {
		got := labels(search(Request{Query: tt.q}))
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q) = %v; want %v", tt.q, got, tt.want)
		}
	}
	// sort=value reads the value of every kind a bare figure ranges over
	if got := labels(search(Request{Query: "近3.6万", Sort: SortValue})); len(got) != 3 || got[0] != "丁丁" {
		t.Errorf("Search(近3.6万, value) = %v; want 3.58万户 first", got)
	}
	if got := labels(search(Request{Query: "近3.6万", Sort: SortValueDesc})); len(got) != 3 || got[2] != "丁丁" {
		t.Errorf("Search(近3.6万, -value) = %v; want 3.58万户 last", got)
	}
	// the figure matched is marked, of either kind
	for _, h := range search(Request{Query: "近3.6万"}).Hits {
		marked := ""
		for _, s := range h.Spans {
			if s.Kind == SpanTyped {
				marked += h.Bullet.Text[s.Start:s.End]
			}
		}
		if !strings.Contains(marked, "3.") {
			t.Errorf("Search(近3.6万): %s marks %q; want its figure", h.Bullet.Text, marked)
		}
	}
}

// TestThousandsComma checks that a comma between thousands of one number
// stays in its query term and any other comma separates terms.
func TestThousandsComma(t *testing.T) {
	tests := []struct {
		q     string
		words []string
		figs  int
	}{
		{"6，600个左右", nil, 1},
		{"３，２９５，０００元", nil, 1},
		{"2023，100个", []string{"2023"}, 1},
		{"养老，服务", []string{"养老", "服务"}, 0},
		{"1，2", []string{"1", "2"}, 0},
		{"12，3456", []string{"12", "3456"}, 0},
	}
	for _, tt := range tests {
		p, err := parseQuery(tt.q)
		if err != nil || !slices.Equal(p.Words, tt.words) || len(p.Figures) != tt.figs {
			t.Errorf("parseQuery(%q) = words %q, %d figures, %v; want %q, %d", tt.q, p.Words, len(p.Figures), err, tt.words, tt.figs)
		}
	}
}
