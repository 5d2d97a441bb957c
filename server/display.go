package server

import (
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"reportsearch/corpus"
	"reportsearch/corpus/fold"
	"reportsearch/index"
)

// Text that cannot deceive: the invisible format characters of fold.Ignorable
// (bidirectional controls such as U+202E RIGHT-TO-LEFT OVERRIDE, zero-width
// characters, the byte order mark) could reorder or hide what a reader sees
// of a report or of a query. They are dropped from every text the server
// shows or sends: page titles, pages, JSON and CSV. The engine's text is not
// changed; display* makes the shown copy.

// display is s without its ignorable characters.
func display(s string) string { return fold.Strip(s) }

// displayBullet returns b as it is shown: its text, section title and
// figures without ignorable characters, the figures' byte offsets moved onto
// the stripped text. b is not changed; a bullet with nothing to strip is
// returned as it is.
func displayBullet(b corpus.Bullet) corpus.Bullet {
	if !bulletHasIgnorable(b) {
		return b
	}
	b.Section.Title = display(b.Section.Title)
	text, at := stripMapped(b.Text)
	b.Text = text
	b.Metrics = slices.Clone(b.Metrics)
	for i := range b.Metrics {
		m := &b.Metrics[i]
		m.Text, m.Label = display(m.Text), display(m.Label)
		if 0 <= m.Start && m.Start <= m.End && m.End < len(at) {
			m.Start, m.End = at[m.Start], at[m.End]
		}
	}
	return b
}

func bulletHasIgnorable(b corpus.Bullet) bool {
	if hasIgnorable(b.Text) || hasIgnorable(b.Section.Title) {
		return true
	}
	for _, m := range b.Metrics {
		if hasIgnorable(m.Text) || hasIgnorable(m.Label) {
			return true
		}
	}
	return false
}

func hasIgnorable(s string) bool { return strings.ContainsFunc(s, fold.Ignorable) }

// displaySection is sec with its title as shown.
// displaySpans moves spans (byte offsets into text) onto display(text), as
// displayBullet moves figures; spans that shrink to nothing are dropped.
func displaySpans(text string, spans []index.Span) []index.Span {
	if len(spans) == 0 || display(text) == text {
		return spans
	}
	_, at := stripMapped(text)
	out := make([]index.Span, 0, len(spans))
	for _, sp := range spans {
		if sp.Start < 0 || sp.Start > sp.End || sp.End >= len(at) {
			continue
		}
		sp.Start, sp.End = at[sp.Start], at[sp.End]
		if sp.Start < sp.End {
			out = append(out, sp)
		}
	}
	return out
}

func displaySection(sec corpus.Section) corpus.Section {
	sec.Title = display(sec.Title)
	return sec
}

// stripMapped drops the ignorable characters of s and returns, for each byte
// offset i of s (0 ≤ i ≤ len(s)), the offset at[i] in the result of the
// first byte kept at or after i.
func stripMapped(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	at := make([]int, len(s)+1)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		for k := i; k < i+n; k++ {
			at[k] = b.Len()
		}
		if r == utf8.RuneError || !fold.Ignorable(r) {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	at[len(s)] = b.Len()
	return b.String(), at
}

// charOffsets converts a byte offset of text into characters: code points
// (Python's str, Go's []rune) and UTF-16 code units (JavaScript's String,
// Java, C#). An offset beyond text or inside a character counts the
// characters before it.
func charOffsets(text string, byteOff int) (codePoints, utf16Units int) {
	byteOff = min(max(byteOff, 0), len(text))
	for _, r := range text[:byteOff] {
		codePoints++
		utf16Units += utf16.RuneLen(r) // an invalid byte is U+FFFD: one unit
	}
	return codePoints, utf16Units
}

// sections is the engine's sections with their titles as shown.
func (s *Server) sections() []index.SectionInfo {
	secs := s.engine.Sections()
	for i := range secs {
		secs[i].Section = displaySection(secs[i].Section)
	}
	return secs
}
