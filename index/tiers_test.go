package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"reportsearch/corpus"
)

// smallIndex builds an index of one report whose bullets are texts.
func smallIndex(t *testing.T, texts ...string) *Index {
	t.Helper()
	sec := corpus.Section{ID: "01", Title: "一"}
	r := &corpus.Report{ID: "r", Sections: []corpus.Section{sec}}
	for i, text := range texts {
		r.Bullets = append(r.Bullets, corpus.Bullet{
			ID: "01-" + string(rune('a'+i)), Report: "r", Section: sec, Text: text, Order: i,
			Metrics: corpus.ExtractMetrics(text),
		})
	}
	ix, err := New(context.Background(), []*corpus.Report{r}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// checkTiers checks what every result must hold: the full matches first,
// as many as FullTotal, none lacking a word; the partial ones after them,
// each lacking some.
func checkTiers(t *testing.T, q string, res *Result) {
	t.Helper()
	for i, h := range res.Hits {
		if full := uint64(i) < res.FullTotal; full != (len(h.Missing) == 0) {
			t.Errorf("Search(%q): hit %d (%s) missing %q with %d full matches", q, i, h.Bullet.ID, h.Missing, res.FullTotal)
		}
	}
	if res.Partial != (res.FullTotal == 0 && res.Total > 0) {
		t.Errorf("Search(%q): Partial %v with %d full of %d", q, res.Partial, res.FullTotal, res.Total)
	}
}

func TestMatchTiers(t *testing.T) {
	ix := smallIndex(t,
		"河道整治工程完工，沿岸绿化提升。", // a: 河道 整治 绿化
		"河道整治全面推进。",        // b: 河道 整治
		"绿化养护标准提高。",        // c: 绿化
		"道路整治与绿化同步实施。",     // d: 整治 绿化
		"图书馆开放时间延长。",       // e: none
	)
	res := mustSearch(t, ix, Request{Query: "河道 整治 绿化", Size: 10})
	checkTiers(t, "河道 整治 绿化", res)
	if got := ids(res); len(got) != 4 || got[0] != "01-a" || res.FullTotal != 1 || res.Total != 4 {
		t.Fatalf("Search(河道 整治 绿化) = %v, full %d, total %d; want 01-a alone in full, then b and d (two words), then c", got, res.FullTotal, res.Total)
	}
	if got := ids(res); got[3] != "01-c" {
		t.Errorf("hits %v: the one with one word of three must come last", got)
	}
	for _, h := range res.Hits[1:] {
		want := map[string][]string{"01-b": {"绿化"}, "01-c": {"河道", "整治"}, "01-d": {"河道"}}[h.Bullet.ID]
		if !slices.Equal(h.Missing, want) {
			t.Errorf("hit %s misses %q; want %q", h.Bullet.ID, h.Missing, want)
		}
	}

	// +word and a quoted phrase are required in every tier
	for _, q := range []string{"河道 整治 +绿化", `河道 整治 "绿化"`} {
		res := mustSearch(t, ix, Request{Query: q, Size: 10})
		checkTiers(t, q, res)
		for _, h := range res.Hits {
			if !strings.Contains(h.Bullet.Text, "绿化") {
				t.Errorf("Search(%q): hit %s lacks the required 绿化", q, h.Bullet.ID)
			}
		}
		if res.Total != 3 {
			t.Errorf("Search(%q): %v; want the 3 bullets with 绿化", q, ids(res))
		}
	}

	// a word found nowhere is named, and no hit is a full match
	res = mustSearch(t, ix, Request{Query: "河道 潜艇", Size: 10})
	checkTiers(t, "河道 潜艇", res)
	if !slices.Equal(res.Unmatched, []string{"潜艇"}) || res.FullTotal != 0 || res.Total != 2 || !res.Partial {
		t.Errorf("Search(河道 潜艇): unmatched %q, full %d, total %d; want [潜艇], 0, 2", res.Unmatched, res.FullTotal, res.Total)
	}
}

// The out-of-scope queries: the town's name and a topic the report
// never covers find partial hits that name the missing topic, never full
// matches.
func TestOutOfScopeNeverFull(t *testing.T) {
	ix, _ := reportIndex(t)
	for q, missing := range map[string]string{"华漕 地震": "地震", "华漕镇 旅游": "旅游", "华漕 潜水艇": "潜水艇"} {
		res := mustSearch(t, ix, Request{Query: q, Size: 20})
		checkTiers(t, q, res)
		if res.FullTotal != 0 {
			t.Errorf("Search(%q): %d full matches; want none", q, res.FullTotal)
		}
		for _, h := range res.Hits {
			if !slices.Contains(h.Missing, missing) {
				t.Errorf("Search(%q): hit %s does not say it lacks %s: %q", q, h.Bullet.ID, missing, h.Missing)
			}
		}
	}
	res := mustSearch(t, ix, Request{Query: "华漕 地震"})
	if !slices.Equal(res.Unmatched, []string{"地震"}) {
		t.Errorf("Search(华漕 地震).Unmatched = %q; want [地震]", res.Unmatched)
	}
}

// Typing without spaces means the same as with them.
func TestNoSpaceSameAsSpaces(t *testing.T) {
	ix, _ := reportIndex(t)
	for _, pair := range [][2]string{
		{"小区电梯", "小区 电梯"}, {"垃圾分类示范", "垃圾分类 示范"}, {"信访矛盾", "信访 矛盾"},
		{"养老服务", "养老 服务"}, {"城市更新项目", "城市 更新 项目"}, {"国际社区中心", "国际 社区 中心"},
	} {
		a := mustSearch(t, ix, Request{Query: pair[0], Size: 100})
		b := mustSearch(t, ix, Request{Query: pair[1], Size: 100})
		checkTiers(t, pair[0], a)
		if !slices.Equal(ids(a), ids(b)) || a.FullTotal != b.FullTotal {
			t.Errorf("Search(%q) = %v (%d full); Search(%q) = %v (%d full); want the same", pair[0], ids(a), a.FullTotal, pair[1], ids(b), b.FullTotal)
		}
	}
	// 小区电梯: only the bullets with both words are full matches
	res := mustSearch(t, ix, Request{Query: "小区电梯", Size: 100})
	for _, h := range res.Hits[:res.FullTotal] {
		if !strings.Contains(h.Bullet.Text, "小区") || !strings.Contains(h.Bullet.Text, "电梯") {
			t.Errorf("Search(小区电梯): full match %s lacks a word: %s", h.Bullet.ID, h.Bullet.Text)
		}
	}
}

// Function and question words never decide what matches: a question finds
// what its words find.
func TestQuestionsFindWhatTheirWordsFind(t *testing.T) {
	ix, _ := reportIndex(t)
	for q, words := range map[string]string{
		"加装电梯签约了多少台":     "加装电梯签约",
		"垃圾分类做得怎么样":      "垃圾分类",
		"有没有社区食堂":        "社区食堂",
		"新增了几所学校":        "新增 学校",
		"电动自行车充电场所建了多少处": "电动自行车 充电 场所",
		"举办了哪些招商活动":      "举办 招商 活动",
		"一网通办的情况如何":      "一网通办",
	} {
		a := mustSearch(t, ix, Request{Query: q, Size: 100})
		b := mustSearch(t, ix, Request{Query: words, Size: 100})
		if !slices.Equal(ids(a), ids(b)) || a.FullTotal != b.FullTotal || a.Partial != b.Partial {
			t.Errorf("Search(%q) = %v (%d full); Search(%q) = %v (%d full); want the same", q, ids(a), a.FullTotal, words, ids(b), b.FullTotal)
		}
		if len(a.Hits) > 0 && len(b.Hits) > 0 && !sameScore(a.Hits[0].Score, b.Hits[0].Score) {
			t.Errorf("Search(%q) scores %g, Search(%q) %g; want the same", q, a.Hits[0].Score, words, b.Hits[0].Score)
		}
	}
}

// A word inside a longer dictionary word is a real match: 服务中心 in
// 为老服务中心 scores like the word, not a sub-word afterthought.
func TestWordInsideLongerWordScoresAsMatch(t *testing.T) {
	ix, r := reportIndex(t)
	res := mustSearch(t, ix, Request{Query: "服务中心", Size: 100})
	checkTiers(t, "服务中心", res)
	// 服务中心 means 服务 中心: the bullets with the compound itself first
	want := bulletsWhere(r, func(b corpus.Bullet) bool { return strings.Contains(b.Text, "服务中心") })
	if got := ids(res)[:len(want)]; !sameSet(got, want) {
		t.Errorf("Search(服务中心) first hits %v; want the bullets with 服务中心 %v", got, want)
	}
	top := res.Hits[0].Score
	for _, h := range res.Hits[:len(want)] {
		if h.Score < top/10 {
			t.Errorf("Search(服务中心): %s scores %g, top %g: a word inside a longer word must score as a match", h.Bullet.ID, h.Score, top)
		}
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// Single characters and quoted phrases match the text itself, across word
// boundaries: exactly the bullets whose text holds them.
func TestCharactersAndPhrasesMatchText(t *testing.T) {
	ix, r := reportIndex(t)
	for _, q := range []string{"桥", "侨", "河", "税", `"区级财政"`, `"技术研究院"`, `"务中"`, `"招商活动"`} {
		text := strings.Trim(q, `"`)
		want := bulletsWhere(r, func(b corpus.Bullet) bool { return strings.Contains(b.Text, text) })
		res := mustSearch(t, ix, Request{Query: q, Size: 100})
		checkTiers(t, q, res)
		if len(want) == 0 {
			t.Fatalf("no bullet holds %s", text)
		}
		if got := ids(res)[:res.FullTotal]; !sameSet(got, want) {
			t.Errorf("Search(%s): full matches %v; want the bullets holding it %v", q, got, want)
		}
		for _, h := range res.Hits[:res.FullTotal] {
			if !strings.Contains(marked(h), "<mark>") || !strings.Contains(markedTyped(h), text) {
				t.Errorf("Search(%s): %s does not mark %s as typed: %s", q, h.Bullet.ID, text, marked(h))
			}
		}
	}
}

// markedTyped returns the text of h's typed spans, joined.
func markedTyped(h Hit) string {
	var b strings.Builder
	for _, s := range h.Spans {
		if s.Kind == SpanTyped {
			b.WriteString(h.Bullet.Text[s.Start:s.End])
		}
	}
	return b.String()
}

// Text outside the dictionary is matched as text, not as its characters
// anywhere: 道整 is in 河道整治, never in 道路 … 整治.
func TestTextOutsideDictionary(t *testing.T) {
	ix := smallIndex(t, "河道整治工程完工。", "道路宽阔，整治有序。", "时来运转的故事。")
	for q, want := range map[string][]string{"道整": {"01-a"}, "时来": {"01-c"}, "运转时": nil} {
		res := mustSearch(t, ix, Request{Query: q, Size: 10})
		checkTiers(t, q, res)
		if got := ids(res)[:res.FullTotal]; !slices.Equal(got, want) {
			t.Errorf("Search(%s): full matches %v; want %v", q, got, want)
		}
	}
}

// Numbers and codes are single tokens: A3-1 is not A3 … 1万.
func TestCodesAreOneToken(t *testing.T) {
	ix := smallIndex(t, "A3-1地块完成出让。", "A3地块投资1万元。", "G60科创走廊建设。", "2023-2025年行动计划。", "2023年完成2025户。",
		"2023.12.01起施行，9:30开放。", "12月1日9时30分，共30人。")
	for q, want := range map[string][]string{"A3-1": {"01-a"}, "2023-2025": {"01-d"}, "g60": {"01-c"}, "2023.12.01": {"01-f"}, "9:30": {"01-f"}} {
		res := mustSearch(t, ix, Request{Query: q, Size: 10})
		if got := ids(res); !slices.Equal(got, want) || res.FullTotal != uint64(len(want)) {
			t.Errorf("Search(%s) = %v (%d full); want %v", q, got, res.FullTotal, want)
		}
	}
}

// Abbreviations and full forms meet by rule, ranked below the typed word
// and marked as related.
func TestAbbreviations(t *testing.T) {
	for _, c := range []struct {
		abbr, full string
		want       bool
	}{
		{"长三角", "长江三角洲", true}, {"上海交大", "上海交通大学", true}, {"华师大", "华东师范大学", true},
		{"高企", "高新技术企业", true}, {"爱卫", "爱国卫生运动", true}, {"非遗", "非物质文化遗产", true},
		{"北大", "北京大学", true}, {"奥运会", "奥林匹克运动会", true}, {"五经普", "第五次经济普查", true},
		{"长江", "长江三角洲", false}, {"三角", "长江三角洲", false}, {"江洲", "长江三角洲", false},
		{"大学", "北京大学", false}, {"长江三角洲", "长江三角洲", false},
	} {
		ix, _ := reportIndex(t)
		got := abbreviates([]rune(c.abbr), []rune(c.full), ix.segmentOf(c.full))
		if got != c.want {
			t.Errorf("abbreviates(%s, %s) = %v; want %v", c.abbr, c.full, got, c.want)
		}
	}
	ix := smallIndex(t, "服务长三角一体化国家战略。", "新认定高新技术企业50家。", "长江三角洲区域合作。", "企业服务提质。")
	for q, want := range map[string][]string{"长江三角洲": {"01-c", "01-a"}, "高企": {"01-b"}} {
		res := mustSearch(t, ix, Request{Query: q, Size: 10})
		if got := ids(res); !slices.Equal(got, want) {
			t.Errorf("Search(%s) = %v; want %v", q, got, want)
		}
		for _, h := range res.Hits {
			if h.Bullet.ID == want[len(want)-1] && (len(h.Missing) == 0 || !strings.Contains(marked(h), "<mark>") || markedTyped(h) != "") {
				t.Errorf("Search(%s): %s holds only a related form; missing %q, typed %q", q, h.Bullet.ID, h.Missing, markedTyped(h))
			}
		}
	}
}

// Related words never make a full match nor outrank the typed word, and
// 培训 (training) does not widen to 学习 or 教育 (主题教育 is a study
// campaign).
func TestRelatedBelowTyped(t *testing.T) {
	ix, _ := reportIndex(t)
	for _, q := range []string{"培训", "老人", "看病", "电梯", "税收"} {
		res := mustSearch(t, ix, Request{Query: q, Size: 100})
		checkTiers(t, q, res)
		for _, h := range res.Hits[:res.FullTotal] {
			if !strings.Contains(markedTyped(h), q) {
				t.Errorf("Search(%s): full match %s has no typed %s: %s", q, h.Bullet.ID, q, marked(h))
			}
		}
	}
	for _, h := range mustSearch(t, ix, Request{Query: "培训", Size: 100}).Hits {
		for _, s := range h.Spans {
			if w := h.Bullet.Text[s.Start:s.End]; s.Kind == SpanRelated && (strings.Contains(w, "学习") || strings.Contains(w, "教育")) {
				t.Errorf("Search(培训) reaches %s through %s: %s", h.Bullet.ID, w, h.Bullet.Text)
			}
		}
	}
}

// An abbreviation typed finds its full form spread over several words of
// the text (四农普 → 第四次 农业普查), ranked as a related match; a full form
// typed finds the abbreviation that keeps the most of its words (城运中心,
// not 城管 or 城中 of 城中村); and an abbreviation whose full form is one
// word of the index does not also match a phrase of unrelated words.
func TestAbbreviationsAcrossWords(t *testing.T) {
	ix := smallIndex(t,
		"有序推进第四次农业普查,完成普查登记。", // a
		"城运中心等18家单位入驻。",       // b
		"城管执法队开展专项整治。",        // c
		"完成城中村改造项目认定。",        // d
		"新认定高新技术企业50家。",       // e
		"培育高质量企业集群。",          // f
		"农业生产稳定。",             // g
	)
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"四农普", []string{"01-a"}},
		{"城市运行管理中心", []string{"01-b"}},
		{"高企", []string{"01-e"}},
	} {
		res := mustSearch(t, ix, Request{Query: c.q, Size: 10})
		checkTiers(t, c.q, res)
		if got := ids(res); len(got) == 0 || got[0] != c.want[0] || (c.q != "城市运行管理中心" && !slices.Equal(got, c.want)) {
			t.Errorf("Search(%s) = %v; want %v first", c.q, got, c.want)
		}
		for _, h := range res.Hits {
			if h.Bullet.ID == c.want[0] && (len(h.Missing) == 0 || !strings.Contains(marked(h), "<mark>")) {
				t.Errorf("Search(%s): %s holds only a related form, yet missing %q, marked %s", c.q, h.Bullet.ID, h.Missing, marked(h))
			}
		}
	}
	if got := ix.abbreviations("城市运行管理中心"); !slices.Equal(got, []string{"城运中心"}) {
		t.Errorf("abbreviations(城市运行管理中心) = %q; want [城运中心]", got)
	}
}

// A related word standing as a word of its own (卫生 in a list of sectors)
// ranks above the same word inside a longer word, where it often means
// something else (卫生 in 爱国卫生运动 is sanitation, not health care).
func TestRelatedWholeAboveInside(t *testing.T) {
	ix := smallIndex(t, "推进爱国卫生运动。", "综合布局教育、卫生、养老等公共服务设施,提升供给水平。")
	res := mustSearch(t, ix, Request{Query: "看病", Size: 10})
	checkTiers(t, "看病", res)
	if got := ids(res); !slices.Equal(got, []string{"01-b", "01-a"}) {
		t.Errorf("Search(看病) = %v; want [01-b 01-a]: 卫生 as a word above 卫生 inside 爱国卫生", got)
	}
}
