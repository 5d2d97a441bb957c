package corpus

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"reportsearch/corpus/fold"
)

// The seed shape: section headings "NN title" (two digits; also "NN、title",
// or the number alone on the line before its title), bullets that start with
// "◆" (optionally after "- "), and unnumbered text blocks (a few short
// heading lines followed by paragraphs) that form section IntroSectionID.
// Lines without any letter (page numbers, rules) are dropped. The report's
// flaws are repaired from the text alone:
//
//   - A bullet without closing punctuation whose next bullet starts in the
//     middle of a sentence is joined with it (see continues), and so is an
//     unmarked paragraph line right after it; otherwise it is kept and
//     marked Truncated.
//   - Bullets with the same clean text are kept once, at the first place, with
//     every source line; a truncated bullet whose text begins another bullet
//     of the report is a cut copy of it and merges into it the same way.

// piece is one source text unit before repairs: a bullet or a paragraph line.
type piece struct {
	sec   int // index in seedParser.sections
	text  string
	lines []int
	// adjacent: only blank lines separate this piece from the previous one
	// of the same section (no heading or title between).
	adjacent  bool
	plain     bool // an unmarked line (no ◆), not a bullet of its own
	truncated bool
	dropped   bool // joined into or merged with another piece
	pos       int  // place among the pieces kept after dedup
	// spans: where each joined line starts in text (nil when not joined),
	// so that the pieces of a long bullet name their own lines.
	spans []lineSpan
}

type seedParser struct {
	sections []Section
	pieces   []*piece
	numbered bool // a "NN title" heading was seen
	bullets  int  // ◆ bullets seen

	cur      int  // current section index, -1 before any
	adjacent bool // no heading/title since the last piece
	// titleOpen: the current section is unnumbered and has no text yet, so a
	// short unpunctuated line extends its title.
	titleOpen bool
	// pendingNum: a line that was only a section number ("01"); the next
	// line may be its title.
	pendingNum  string
	pendingLine int
}

var (
	// seedHeadingRE: "01 title" (the title may start with a digit: 01
	// 2024年工作回顾) or "01、title".
	seedHeadingRE = regexp.MustCompile(`^(\d{2})(?:\s+|\s*、\s*)(.+)$`)
	seedNumberRE  = regexp.MustCompile(`^\d{2}$`)
	bulletRE      = regexp.MustCompile(`^(?:[-*•·]\s*)?◆\s*`)
	dashRE        = regexp.MustCompile(`^[-*•]\s+`)
)

// isSeedShape reports whether lines are of the seed shape: at least one
// "NN title" heading and one ◆ bullet.
func isSeedShape(lines []srcLine) bool {
	heading, bullet := false, false
	for _, l := range lines {
		s := fold.String(normalizeSpace(l.text))
		if m := seedHeadingRE.FindStringSubmatch(s); m != nil && isSeedTitle(m[2]) {
			heading = true
		}
		if bulletRE.MatchString(s) {
			bullet = true
		}
		if heading && bullet {
			return true
		}
	}
	return false
}

func isSeedTitle(t string) bool {
	return hasLetter(t) && !closed(t) && utf8.RuneCountInString(t) <= 60
}

// parseSeed parses a report of the seed shape into its sections and drafts.
func parseSeed(lines []srcLine) ([]Section, []draft) {
	p := &seedParser{cur: -1}
	for _, l := range lines {
		p.line(l.n, l.text)
	}
	p.flush()
	return p.sections, p.build()
}

// flush handles a section number left alone on the last line.
func (p *seedParser) flush() {
	if p.pendingNum != "" {
		p.plainText(p.pendingLine, p.pendingNum)
		p.pendingNum = ""
	}
}

// line handles one source line (n is 1-based).
func (p *seedParser) line(n int, raw string) {
	s := normalizeSpace(raw)
	if s == "" {
		return
	}
	if num := p.pendingNum; num != "" {
		// "01" alone on a line, its title on the next one.
		p.pendingNum = ""
		if isTitleLine(s) && !bulletRE.MatchString(s) && !dashRE.MatchString(s) {
			s = num + " " + s
		} else {
			p.plainText(p.pendingLine, num) // not a heading after all
		}
	}
	// Decisions on folded text (０１ is 01); titles as printed.
	key := fold.String(s)
	if m := seedHeadingRE.FindStringSubmatchIndex(key); m != nil {
		if title := runeSlice(s, key, m[4], m[5]); isSeedTitle(title) {
			p.numbered = true
			p.enter(key[m[2]:m[3]], title)
			p.titleOpen = false
			return
		}
	}
	if seedNumberRE.MatchString(key) {
		p.pendingNum, p.pendingLine = key, n
		return
	}
	loc := bulletRE.FindStringIndex(s)
	if loc == nil && hasLetter(s) {
		loc = dashRE.FindStringIndex(s) // "- text", but not a page number "- 3 -"
	}
	if loc != nil {
		if text := s[loc[1]:]; text != "" { // an empty "◆" is no bullet
			p.bullets++
			p.add(n, text)
		}
		return
	}
	p.plainText(n, s)
}

// plainText handles an unmarked line: the rest of a cut bullet, a title line
// of an unnumbered block, or a paragraph.
func (p *seedParser) plainText(n int, s string) {
	if !hasLetter(s) {
		return // a page number or rule ("12", "- 3 -", "———"): no text
	}
	if last := p.last(); last != nil && p.adjacent && !closed(last.text) && (continues(last.text, s) || !isTitleLine(s)) {
		p.add(n, s)
		p.pieces[len(p.pieces)-1].plain = true
		return
	}
	if isTitleLine(s) {
		switch {
		case p.titleOpen && utf8.RuneCountInString(p.sections[p.cur].Title)+utf8.RuneCountInString(s) < maxNumberedTitle:
			sec := &p.sections[p.cur]
			sec.Title = joinText(sec.Title, " ", s)
		case p.titleOpen:
			// A title is short: more title-like lines are text.
			p.add(n, s)
		case p.introIndex() < 0:
			p.enter(IntroSectionID, s)
			p.titleOpen = true
		default:
			// A second unnumbered block: its lines join section 00 as text,
			// so nothing is lost.
			p.cur = p.introIndex()
			p.adjacent = false
			p.add(n, s)
		}
		return
	}
	if p.cur < 0 {
		p.enter(IntroSectionID, "")
	}
	p.titleOpen = false
	p.add(n, s)
}

// enter makes section id current, adding it on first sight.
func (p *seedParser) enter(id, title string) {
	p.adjacent = false
	for i, sec := range p.sections {
		if sec.ID == id {
			p.cur = i
			return
		}
	}
	p.sections = append(p.sections, Section{ID: id, Title: title, Depth: 1})
	p.cur = len(p.sections) - 1
}

func (p *seedParser) introIndex() int {
	for i, sec := range p.sections {
		if sec.ID == IntroSectionID {
			return i
		}
	}
	return -1
}

// last returns the last piece of the current section, or nil.
func (p *seedParser) last() *piece {
	if len(p.pieces) == 0 || p.cur < 0 {
		return nil
	}
	pc := p.pieces[len(p.pieces)-1]
	if pc.sec != p.cur {
		return nil
	}
	return pc
}

func (p *seedParser) add(n int, text string) {
	if text == "" {
		return
	}
	if p.cur < 0 {
		p.enter(IntroSectionID, "")
	}
	p.titleOpen = false
	p.pieces = append(p.pieces, &piece{sec: p.cur, text: text, lines: []int{n}, adjacent: p.adjacent && p.last() != nil})
	p.adjacent = true
}

// build applies the repairs (joins, truncation, duplicates) and returns the
// bullets in report order.
func (p *seedParser) build() []draft {
	pcs := p.pieces
	// 1. Joins across page breaks. The joined text is built once from its
	// parts, and the state the rules need (see joinState) is kept as the
	// parts come, so that a long run of continuation lines costs time in
	// proportion to its length.
	var parts []string
	for i := 0; i < len(pcs); i++ {
		a := pcs[i]
		if a.dropped || closed(a.text) {
			continue
		}
		st := newJoinState(a.text)
		parts = append(parts[:0], a.text)
		size := len(a.text)
		spans := []lineSpan{{0, a.lines[0]}}
		for j := i + 1; j < len(pcs); j++ {
			b := pcs[j]
			if b.dropped {
				continue
			}
			// An unmarked paragraph line right after a cut bullet is its
			// rest: every new bullet starts with ◆.
			if !b.adjacent || b.sec != a.sec || !(st.continues(b.text) || b.plain && !isTitleLine(b.text)) {
				break
			}
			if sep := joinSep(st.last, b.text); sep != "" {
				parts = append(parts, sep)
				size += len(sep)
			}
			spans = append(spans, lineSpan{size, b.lines[0]})
			parts = append(parts, b.text)
			size += len(b.text)
			st.add(b.text)
			a.lines = append(a.lines, b.lines...)
			b.dropped = true
			if st.closed() {
				break
			}
		}
		if len(parts) > 1 {
			a.text = strings.Join(parts, "")
			a.spans = spans
		}
		a.truncated = !st.closed()
	}
	// 2. Exact duplicates, anywhere in the report.
	first := map[string]*piece{}
	var kept []*piece
	for _, pc := range pcs {
		if pc.dropped {
			continue
		}
		if f, ok := first[pc.text]; ok {
			f.lines = append(f.lines, pc.lines...)
			pc.dropped = true
			continue
		}
		first[pc.text] = pc
		pc.pos = len(kept)
		kept = append(kept, pc)
	}
	// 3. A truncated bullet that is the beginning of another bullet is a cut
	// copy of it: keep one, at the first place, with the full text. In
	// sorted order, the texts that begin with a follow it directly.
	sorted := slices.Clone(kept)
	slices.SortStableFunc(sorted, func(x, y *piece) int { return strings.Compare(x.text, y.text) })
	for i, a := range sorted {
		if a.dropped || !a.truncated || utf8.RuneCountInString(a.text) < 8 {
			continue
		}
		for _, b := range sorted[i+1:] {
			if !strings.HasPrefix(b.text, a.text) {
				break
			}
			if b.dropped {
				continue
			}
			keep, drop := a, b
			if b.pos < a.pos {
				keep, drop = b, a
			}
			keep.text, keep.truncated, keep.spans = b.text, b.truncated, b.spans
			keep.lines = append(keep.lines, drop.lines...)
			drop.dropped = true
			break
		}
	}
	var out []draft
	for _, pc := range kept {
		if pc.dropped {
			continue
		}
		lines := slices.Clone(pc.lines)
		slices.Sort(lines)
		out = append(out, draft{sec: pc.sec, text: pc.text, lines: slices.Compact(lines), truncated: pc.truncated, spans: pc.spans})
	}
	return out
}
