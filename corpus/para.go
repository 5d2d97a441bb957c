package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"reportsearch/corpus/fold"
)

// chunk is a paragraph candidate: one source line (lines layout) or a block
// of lines between blank lines (blocks layout), cleaned.
type chunk struct {
	text  string     // display text: lines joined, white space cleaned (cleanSpaces)
	key   string     // fold.String(text), for every decision on the text
	spans []lineSpan // where each source line starts in text
}

func newUnit(text string, spans []lineSpan) chunk {
	return chunk{text: text, key: fold.String(text), spans: spans}
}

// trailerOpeners start the licence notice wiki texts end with (本作品是中华
// 人民共和国的法律、法规…，属于公有领域。); from there on nothing is report text.
var trailerOpeners = []string{"本作品是", "本作品来自", "本作品在"}

// maxTrailerLines bounds the notice: an opener followed by more lines is
// report text after all.
const maxTrailerLines = 80

// trailerStart returns the index of the line where the licence notice
// starts, or len(lines).
func trailerStart(lines []srcLine) int {
	after := 0
	for i := len(lines) - 1; i >= 0 && after <= maxTrailerLines; i-- {
		if lines[i].text == "" {
			continue
		}
		after++
		for _, o := range trailerOpeners {
			if strings.HasPrefix(lines[i].text, o) {
				// The first opener of the notice wins.
				j := i
				for k := i - 1; k >= 0 && i-k <= maxTrailerLines; k-- {
					for _, o2 := range trailerOpeners {
						if strings.HasPrefix(lines[k].text, o2) {
							j = k
						}
					}
				}
				return j
			}
		}
	}
	return len(lines)
}

// blockLayout reports whether paragraphs are blocks of lines between blank
// lines (the wiki texts: blank lines between paragraphs, a sentence broken
// over several lines where it held a link) rather than one a line (the
// newspaper texts). Block texts have about one blank line per text line;
// line texts a few blank lines in all. The cut is at one blank line per
// three text lines.
func blockLayout(lines []srcLine) bool {
	first, last := -1, -1
	for i, l := range lines {
		if l.text != "" {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	blank, text := 0, 0
	for _, l := range lines[max(first, 0) : last+1] {
		if l.text == "" {
			blank++
		} else {
			text++
		}
	}
	return text > 0 && blank*3 >= text
}

// cleanLine removes a bullet marker (◆, - ◆) and cleans white space.
func cleanLine(s string) string {
	if loc := bulletRE.FindStringIndex(s); loc != nil {
		s = s[loc[1]:]
	}
	return cleanSpaces(s)
}

// cleanSpaces trims s and drops the white space inside it (including U+3000),
// except one space between two ASCII letters or a letter and a digit
// (Public domain, PM 2.5). Spaces inside Chinese text and between digits
// (1 9 9 3 年3 月) are typesetting, not text: dropping them shows
// 1993年3月, which is what search and figure extraction must see.
func cleanSpaces(s string) string {
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 && keepSpace(prev, r) {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func keepSpace(a, b rune) bool {
	a, b = fold.Rune(a), fold.Rune(b)
	if !isAlnum(a) || !isAlnum(b) {
		return false
	}
	return !(unicode.IsDigit(a) && unicode.IsDigit(b))
}

// lineSep is what joins two lines of one paragraph: nothing, except a space
// between two ASCII letters (an English phrase broken over lines).
func lineSep(a string, b string) string {
	x, _ := utf8.DecodeLastRuneInString(a)
	y, _ := utf8.DecodeRuneInString(b)
	x, y = fold.Rune(x), fold.Rune(y)
	if x < utf8.RuneSelf && y < utf8.RuneSelf && unicode.IsLetter(x) && unicode.IsLetter(y) {
		return " "
	}
	return ""
}

// makeUnits groups lines into units. In the lines layout each line is one.
// In the blocks layout a block is one, except that a ◆ line starts a new
// unit, and a numbered heading line at the start of a block or after a
// closed sentence is a unit of its own (with the next line when that is the
// rest of its title).
func makeUnits(lines []srcLine, blocks bool) []chunk {
	var units []chunk
	var b strings.Builder
	var spans []lineSpan
	var lastLine string
	isHeading := false // the unit being built is a heading line
	flush := func() {
		if b.Len() > 0 {
			units = append(units, newUnit(b.String(), spans))
		}
		b.Reset()
		spans, lastLine, isHeading = nil, "", false
	}
	for _, l := range lines {
		if l.text == "" {
			flush()
			continue
		}
		text := cleanLine(l.text)
		if text == "" {
			continue
		}
		if !blocks {
			units = append(units, newUnit(text, []lineSpan{{0, l.n}}))
			continue
		}
		key := fold.String(text)
		_, numbered := parseHeading(text, key, false)
		switch {
		case salutationRE.MatchString(key):
			// 各位代表： is a line of its own, even without a blank line
			// after it.
			flush()
			units = append(units, newUnit(text, []lineSpan{{0, l.n}}))
			continue
		case bulletRE.MatchString(l.text):
			flush()
		case isHeading && plainHeading(key) && utf8.RuneCountInString(lastLine+text) <= maxNumberedTitle:
			// the rest of the heading's title
		case isHeading:
			flush()
		case numbered && (b.Len() == 0 || closedPara(lastLine)):
			flush()
			isHeading = true
		}
		if b.Len() > 0 {
			b.WriteString(lineSep(lastLine, text))
		}
		spans = append(spans, lineSpan{b.Len(), l.n})
		b.WriteString(text)
		lastLine = text
		if isHeading {
			lastLine = b.String()
		}
	}
	flush()
	return units
}

// closedPara reports whether a paragraph ends here: a sentence end or a
// colon (the lead-in of a list) is its last character.
func closedPara(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return closed(s) || last == ':' || last == '：'
}

// parseParagraphs reads a report of the paragraph shapes: front matter into
// rep, then headings into sections and paragraphs into drafts.
func parseParagraphs(lines []srcLine, rep *Report) ([]Section, []draft) {
	lines = lines[:trailerStart(lines)]
	blocks := blockLayout(lines)
	units := makeUnits(lines, blocks)
	start := readFront(units, rep)
	b := &body{cur: -1, lastHeading: -1, lineLayout: !blocks}
	for _, u := range units[start:] {
		b.take(u)
	}
	b.finish()
	return b.tree.sections, b.drafts
}

// body turns the units after the front matter into sections and drafts.
type body struct {
	tree        sectionTree
	drafts      []draft
	cur         int    // current section, -1 before the first heading
	open        *para  // the paragraph being built
	pending     *chunk // a marker alone (一、, 一是, （一）) waiting for its text
	lastHeading int    // the section whose heading was the last unit, or -1
	lineLayout  bool
}

// para is a paragraph being built from units.
type para struct {
	b        strings.Builder
	spans    []lineSpan
	last     string // the last unit's text
	runes    int
	sentence bool // holds a sentence end
}

func (p *para) add(u chunk) {
	if p.b.Len() > 0 {
		p.b.WriteString(lineSep(p.last, u.text))
	}
	base := p.b.Len()
	for _, s := range u.spans {
		p.spans = append(p.spans, lineSpan{base + s.off, s.line})
	}
	p.b.WriteString(u.text)
	p.last = u.text
	p.runes += utf8.RuneCountInString(u.text)
	p.sentence = p.sentence || strings.ContainsAny(u.key, sentenceEnds+"。")
}

// continues reports whether the paragraph goes on in the next unit: it ends
// inside a sentence and is no heading-like line (it is long, holds a
// sentence end, or ends with a comma: 这是因为，). A wiki text breaks a sentence where it held a link, and
// sometimes over a line of zero-width characters.
func (p *para) continues() bool {
	return !closedPara(p.last) && (p.runes > maxPlainHeading || p.sentence || endsClause(p.last))
}

func (b *body) take(u chunk) {
	if strings.IndexFunc(u.text, unicode.IsLetter) < 0 {
		return // a page number, a rule, a lone formula fragment
	}
	if b.pending != nil {
		m := *b.pending
		b.pending = nil
		u = joinUnits(m, u)
	}
	if closingRE.MatchString(u.key) {
		b.close()
		b.lastHeading = -1
		return
	}
	if markerOnly.MatchString(u.key) {
		b.pending = &u
		return
	}
	if b.open != nil && b.open.continues() {
		if _, numbered := parseHeading(u.text, u.key, false); !numbered {
			b.open.add(u)
			return
		}
	}
	if h, rest, ok := inlineHeading(u.text, u.key); ok {
		b.close()
		b.cur = b.tree.enter(h)
		b.lastHeading = -1
		if rest { // the paragraph as printed, its heading included
			b.open = &para{}
			b.open.add(u)
		}
		return
	}
	if h, ok := parseHeading(u.text, u.key, true); ok {
		if b.lineLayout && h.style == stylePlain && b.lastHeading >= 0 {
			// A heading broken over two lines (三、持续提升政府 / 治理效能和服务水平).
			sec := &b.tree.sections[b.lastHeading]
			if utf8.RuneCountInString(sec.Title+h.title) <= maxNumberedTitle {
				sec.Title = joinText(sec.Title, "", h.title)
				b.lastHeading = -1
				return
			}
		}
		b.close()
		b.cur = b.tree.enter(h)
		b.lastHeading = -1
		if h.style != stylePlain && h.style != styleBare {
			b.lastHeading = b.cur
		}
		return
	}
	b.close()
	b.lastHeading = -1
	b.open = &para{}
	b.open.add(u)
}

// joinUnits joins a marker unit with the unit holding its text.
func joinUnits(a, u chunk) chunk {
	sep := lineSep(a.text, u.text)
	spans := append([]lineSpan(nil), a.spans...)
	for _, s := range u.spans {
		spans = append(spans, lineSpan{len(a.text) + len(sep) + s.off, s.line})
	}
	return newUnit(a.text+sep+u.text, spans)
}

// close ends the open paragraph, making it a draft.
func (b *body) close() {
	p := b.open
	if p == nil {
		return
	}
	b.open = nil
	sec := b.cur
	if sec < 0 {
		sec = b.tree.intro()
	}
	lines := make([]int, 0, len(p.spans))
	for _, s := range p.spans {
		if len(lines) == 0 || lines[len(lines)-1] != s.line {
			lines = append(lines, s.line)
		}
	}
	b.drafts = append(b.drafts, draft{sec: sec, text: p.b.String(), lines: lines, spans: p.spans})
}

func (b *body) finish() {
	if b.pending != nil {
		u := *b.pending
		b.pending = nil
		b.close()
		b.open = &para{}
		b.open.add(u)
	}
	b.close()
}
