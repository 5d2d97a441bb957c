package index

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// querySeeds are queries that once mattered: operators, bleve syntax that
// must stay text, figures, quotes of every kind, long runs, bad UTF-8.
var querySeeds = []string{
	"", "企业", "财政收入", `"一网通办"`, `“口袋公园”`, "「枫桥经验」", "-物联网 电梯", `-"数字 政务"`,
	">1亿元", "招商>1000万元", "≥50家", "1000万-1亿", "1000-2000万元", "10亿以上", "超过10亿", "1亿-1万", "1亿元-50家",
	"+", "-", ":", "*", "?", "~", "^", "\\", `"`, `""`, `"企业`, "企业\"", "“", "--", "-\"",
	"section:02", "text:企业", "_all:企业", "企业~5", "企业^5", "/企.*/", "企*", "+企业 -服务", "企业 AND 服务", "(企业", "{1 TO 5}",
	"\x00", "a\x00b", "\xff\xfe", "企\xe4", strings.Repeat("龘", 70), strings.Repeat("企业 ", 33), strings.Repeat("a", 300),
	"５０家", "1,000万元", "≥", "超", "以上", "1-", "-1", "－1亿", "1e308亿元", "99999999999999999999999亿元",
	"超过了10亿", "两千万以上", "七百多部电梯", "在10亿到20亿之间", "近3000人", "4亿", "-2023", "-28.5%", "1亿1亿1亿1亿1亿",
}

// FuzzQueryParser checks parseQuery on any string: no panic; a failure is a
// *QueryError about q; a success has at most MaxTerms parts, none empty,
// words and exclusions taken from the query as typed, sound figure bounds.
func FuzzQueryParser(f *testing.F) {
	for _, s := range querySeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		p, err := parseQuery(q)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) || qe.Param != "q" || qe.Message == "" {
				t.Fatalf("parseQuery(%q) error %#v; want a *QueryError about q", q, err)
			}
			return
		}
		if !utf8.ValidString(q) || utf8.RuneCountInString(q) > MaxQueryRunes {
			t.Fatalf("parseQuery(%q) accepted an invalid or overlong query", q)
		}
		if n := len(p.Words) + len(p.Phrases) + len(p.Excluded) + len(p.Figures); n > MaxTerms*2 {
			t.Fatalf("parseQuery(%q): %d parts; at most %d terms", q, n, MaxTerms)
		}
		for _, list := range [][]string{p.Words, p.Phrases, p.Excluded} {
			for _, w := range list {
				if strings.TrimSpace(w) == "" || !utf8.ValidString(w) {
					t.Fatalf("parseQuery(%q) = %+v: empty or invalid part %q", q, p, w)
				}
			}
		}
		for _, w := range p.Words {
			if !strings.Contains(q, w) {
				t.Fatalf("parseQuery(%q): word %q is not in the query", q, w)
			}
		}
		for _, fl := range p.Figures {
			if (fl.Kind == "" && fl.Word != "") || !strings.Contains(q, fl.Text) {
				t.Fatalf("parseQuery(%q): figure %+v is a bare number without a kind or is not in the query", q, fl)
			}
			if fl.hasMin && fl.hasMax && fl.Min > fl.Max {
				t.Fatalf("parseQuery(%q): figure %+v has min above max", q, fl)
			}
			if fl.Min != fl.Min || fl.Max != fl.Max {
				t.Fatalf("parseQuery(%q): figure %+v has a NaN bound", q, fl)
			}
		}
	})
}

// FuzzSearch runs any query with any paging and sort on the embedded report:
// no panic, a *QueryError or a result whose hits fit the page and whose
// spans are sorted, apart and on character boundaries of the hit's text.
func FuzzSearch(f *testing.F) {
	for i, s := range querySeeds {
		f.Add(s, uint8(i), uint8(i%3*10), uint8(i%5))
	}
	sorts := []string{"", SortRelevance, SortOrder, SortValue, SortValueDesc}
	ix, _ := reportIndex(f)
	f.Fuzz(func(t *testing.T, q string, size, from, sort uint8) {
		req := Request{Query: q, Size: int(size) % (MaxSize + 2), From: int(from), Sort: sorts[int(sort)%len(sorts)]}
		res, err := ix.Search(context.Background(), req)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) || qe.Message == "" {
				t.Fatalf("Search(%+v) error %v; want a *QueryError", req, err)
			}
			return
		}
		pageSize := req.Size
		if pageSize == 0 {
			pageSize = DefaultSize
		}
		if len(res.Hits) > pageSize || uint64(len(res.Hits)) > res.Total {
			t.Fatalf("Search(%+v): %d hits of %d; page size %d", req, len(res.Hits), res.Total, pageSize)
		}
		if res.Query != q {
			t.Fatalf("Search(%+v).Query = %q", req, res.Query)
		}
		for _, h := range res.Hits {
			if err := checkSpans(h.Bullet.Text, h.Spans); err != nil {
				t.Fatalf("Search(%q) hit %s: %v", q, h.Bullet.ID, err)
			}
		}
	})
}

// TestSearchNothingToSearch checks that a query of operators, quotes or
// punctuation alone is a *QueryError, not a search for everything (as "" and
// -- were) or for nothing (as + and : were), and that such noise next to a
// figure or an exclusion is dropped rather than matching nothing.
func TestSearchNothingToSearch(t *testing.T) {
	ix, _ := reportIndex(t)
	for _, q := range []string{"+", "-", ":", "*", "?", "\\", ">", `"`, `""`, "“”", "“", "--", `-"`, "，", "+ : *", "、；"} {
		res, err := ix.Search(context.Background(), Request{Query: q})
		var qe *QueryError
		if !errors.As(err, &qe) || qe.Param != "q" || !strings.Contains(qe.Message, "nothing to search for") {
			t.Errorf("Search(%q) = %+v, %v; want a QueryError: nothing to search for", q, res, err)
		}
	}
	want, err := ix.Search(context.Background(), Request{Query: ">1亿元"})
	if err != nil || want.Total == 0 {
		t.Fatalf("Search(>1亿元) = %+v, %v", want, err)
	}
	for _, q := range []string{"+ >1亿元", ": >1亿元 *"} {
		got, err := ix.Search(context.Background(), Request{Query: q})
		if err != nil || got.Total != want.Total {
			t.Errorf("Search(%q) = %v hits, %v; want the %d hits of >1亿元", q, got, err, want.Total)
		}
	}
	// an empty query still browses, and an exclusion alone still works
	for _, q := range []string{"", "  ", "-企业"} {
		res, err := ix.Search(context.Background(), Request{Query: q})
		if err != nil || res.Total == 0 {
			t.Errorf("Search(%q) = %+v, %v; want hits", q, res, err)
		}
	}
}
