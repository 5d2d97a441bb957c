package index

import (
	"fmt"
	"reflect"
	"testing"
)

// checkSpans returns an error unless spans are sorted, within text, on
// character boundaries, not empty, apart from each other, and touching
// only when their kinds differ.
func checkSpans(text string, spans []Span) error {
	for i, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			return fmt.Errorf("span %v outside the text or empty", s)
		}
		if !boundary(text, s.Start) || !boundary(text, s.End) {
			return fmt.Errorf("span %v splits a character", s)
		}
		if s.Kind != SpanTyped && s.Kind != SpanRelated {
			return fmt.Errorf("span %v of unknown kind", s)
		}
		if i > 0 {
			p := spans[i-1]
			if s.Start < p.End || (s.Start == p.End && s.Kind == p.Kind) {
				return fmt.Errorf("spans %v and %v overlap or touch", p, s)
			}
		}
	}
	return nil
}

func TestMergeSpans(t *testing.T) {
	const T, R = SpanTyped, SpanRelated
	tests := []struct {
		text        string
		spans, want []Span
	}{
		{"上海市平安", []Span{{0, 6, T}, {0, 9, T}}, []Span{{0, 9, T}}},             // overlapping: word and sub-word
		{"城市更新", []Span{{0, 6, T}, {6, 12, T}}, []Span{{0, 12, T}}},            // touching
		{"上海", []Span{{1, 4, T}, {0, 99, T}, {3, 3, T}, {-1, 3, R}}, nil},      // not on character boundaries, out of range, empty
		{"路口袋", []Span{{3, 9, T}, {0, 3, T}}, []Span{{0, 9, T}}},               // unsorted
		{"长者老人", []Span{{0, 6, R}, {6, 12, T}}, []Span{{0, 6, R}, {6, 12, T}}}, // kinds touching stay apart
		{"上海市平安", []Span{{0, 9, R}, {0, 6, T}}, []Span{{0, 6, T}, {6, 9, R}}},  // typed hides related
		{"一二三四五", []Span{{0, 15, R}, {3, 6, T}, {9, 12, T}}, []Span{{0, 3, R}, {3, 6, T}, {6, 9, R}, {9, 12, T}, {12, 15, R}}},
		{"一二三", []Span{{3, 6, R}, {0, 9, T}}, []Span{{0, 9, T}}},
		{"x&y", nil, nil},
	}
	for _, tt := range tests {
		got := mergeSpans(tt.text, tt.spans)
		if !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("mergeSpans(%q, %v) = %v; want %v", tt.text, tt.spans, got, tt.want)
		}
		if err := checkSpans(tt.text, got); err != nil {
			t.Errorf("mergeSpans(%q, %v): %v", tt.text, tt.spans, err)
		}
	}
}

// FuzzMergeSpans: any spans over any text merge into spans that pass
// checkSpans and cover every character a valid typed span covered.
func FuzzMergeSpans(f *testing.F) {
	f.Add("上海市平安&<b>", 0, 6, 3, 9, true)
	f.Add("路口袋", 3, 9, 0, 3, false)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int, related bool) {
		kind := SpanTyped
		if related {
			kind = SpanRelated
		}
		in := []Span{{a, b, SpanTyped}, {c, d, kind}}
		got := mergeSpans(text, in)
		if err := checkSpans(text, got); err != nil {
			t.Fatalf("mergeSpans(%q, %v) = %v: %v", text, in, got, err)
		}
		if checkSpans(text, in[:1]) == nil {
			for i := a; i < b; i++ {
				covered := false
				for _, s := range got {
					covered = covered || (s.Start <= i && i < s.End && s.Kind == SpanTyped)
				}
				if !covered {
					t.Fatalf("mergeSpans(%q, %v) = %v: byte %d of a typed span is not typed", text, in, got, i)
				}
			}
		}
	})
}

// TestSpanKinds checks that a typed word is marked typed and the words it
// widens to (synonyms) related.
func TestSpanKinds(t *testing.T) {
	ix, _ := reportIndex(t)
	res := mustSearch(t, ix, Request{Query: "老人", Size: 100})
	kinds := map[string]SpanKind{}
	for _, h := range res.Hits {
		if err := checkSpans(h.Bullet.Text, h.Spans); err != nil {
			t.Fatalf("hit %s: %v", h.Bullet.ID, err)
		}
		for _, s := range h.Spans {
			kinds[h.Bullet.Text[s.Start:s.End]] = s.Kind
		}
	}
	if k, ok := kinds["老人"]; ok && k != SpanTyped {
		t.Errorf("老人 marked %v; want typed", k)
	}
	related := 0
	for _, w := range []string{"长者", "为老", "适老"} {
		if k, ok := kinds[w]; ok {
			if k != SpanRelated {
				t.Errorf("synonym %s marked %v; want related", w, k)
			}
			related++
		}
	}
	if related == 0 {
		t.Errorf("no synonym of 老人 marked: %v", kinds)
	}
}
