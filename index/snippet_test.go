package index

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// spansOf marks every occurrence of the words in text, as Hit.Spans.
func spansOf(text string, words ...string) []Span {
	var spans []Span
	for i := 0; i < len(text); {
		hit := false
		for _, w := range words {
			if strings.HasPrefix(text[i:], w) {
				spans = append(spans, Span{Start: i, End: i + len(w)})
				i += len(w)
				hit = true
				break
			}
		}
		if !hit {
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
		}
	}
	return spans
}

func TestFragmentsShortPassageIsWhole(t *testing.T) {
	text := "粮食产量1.3万亿斤，创历史新高。"
	fs := Fragments(text, spansOf(text, "粮食"))
	if len(fs) != 1 || fs[0].Start != 0 || fs[0].End != len(text) || len(fs[0].Spans) != 1 {
		t.Errorf("Fragments(short) = %+v; want the whole text with its span", fs)
	}
}

func TestFragmentsLongPassage(t *testing.T) {
	filler := strings.Repeat("推进各项改革任务落实，", 6) + "持续改善营商环境。"
	text := filler + "南水北调东中线一期工程全面通水，惠及沿线群众。" + filler + filler + "加快南水北调后续工程建设，推进重大水利工程。" + filler
	spans := spansOf(text, "南水北调", "水利")
	fs := Fragments(text, spans)
	if len(fs) == 0 || len(fs) > maxFragments {
		t.Fatalf("Fragments = %+v; want 1 or 2", fs)
	}
	for _, f := range fs {
		part := text[f.Start:f.End]
		if n := utf8.RuneCountInString(part); n > FragmentRunes {
			t.Errorf("fragment %q has %d runes; want at most %d", part, n, FragmentRunes)
		}
		if !strings.Contains(part, "南水北调") || len(f.Spans) == 0 {
			t.Errorf("fragment %q lacks the match", part)
		}
		// sentence boundaries: starts after a sentence end, ends with one
		if f.Start > 0 {
			r, _ := utf8.DecodeLastRuneInString(text[:f.Start])
			if !isSentenceEnd(r) {
				t.Errorf("fragment %q starts mid-sentence (after %q)", part, r)
			}
		}
		if r, _ := utf8.DecodeLastRuneInString(part); !isSentenceEnd(r) {
			t.Errorf("fragment %q ends mid-sentence", part)
		}
		for _, s := range f.Spans {
			if s.Start < f.Start || s.End > f.End {
				t.Errorf("span %+v outside fragment %d-%d", s, f.Start, f.End)
			}
		}
	}
	// the sentence with both words wins over the one with one word
	if !strings.Contains(text[fs[0].Start:fs[0].End], "水利") && (len(fs) < 2 || !strings.Contains(text[fs[1].Start:fs[1].End], "水利")) {
		t.Errorf("fragments %+v miss the sentence with both words", fs)
	}
	if len(fs) == 2 && fs[0].Start >= fs[1].Start {
		t.Errorf("fragments out of text order: %+v", fs)
	}
}

// A sentence longer than FragmentRunes is cut around its first match, on
// rune boundaries.
func TestFragmentsLongSentence(t *testing.T) {
	text := strings.Repeat("推进改革", 60) + "南水北调" + strings.Repeat("建设工程", 60) + "。"
	fs := Fragments(text, spansOf(text, "南水北调"))
	if len(fs) != 1 {
		t.Fatalf("Fragments = %+v; want one", fs)
	}
	part := text[fs[0].Start:fs[0].End]
	if !utf8.ValidString(part) || !strings.Contains(part, "南水北调") || utf8.RuneCountInString(part) > FragmentRunes {
		t.Errorf("fragment %q; want at most %d runes around the match", part, FragmentRunes)
	}
}

func FuzzFragments(f *testing.F) {
	f.Add("南水北调工程。粮食产量创新高！", "南水北调")
	f.Add(strings.Repeat("改革。", 100), "改")
	f.Fuzz(func(t *testing.T, text, word string) {
		if word == "" || !utf8.ValidString(text) {
			return
		}
		spans := spansOf(text, word)
		for _, fr := range Fragments(text, spans) {
			if fr.Start < 0 || fr.End > len(text) || fr.Start > fr.End || !utf8.ValidString(text[fr.Start:fr.End]) {
				t.Fatalf("fragment %d-%d of %d bytes is not a valid part", fr.Start, fr.End, len(text))
			}
		}
	})
}

// BenchmarkFragments picks the fragments of a 300-character passage with
// six matches of two words.
func BenchmarkFragments(b *testing.B) {
	filler := strings.Repeat("推进各项改革任务落实，", 6) + "持续改善营商环境。"
	text := filler + "南水北调东中线一期工程全面通水，惠及沿线群众。" + filler + "加快南水北调后续工程建设，推进重大水利工程。" + filler
	spans := spansOf(text, "南水北调", "工程")
	b.ReportAllocs()
	for b.Loop() {
		Fragments(text, spans)
	}
}
