package corpus

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Heading limits, in characters. Numbered headings of the real reports have
// titles of up to 45 characters (（八）深入践行人民城市理念，…), unnumbered
// ones up to 33 (五年来，在改革开放的推动下，…); paragraphs are rarely that
// short and always end with sentence punctuation.
const (
	maxNumberedTitle = 60
	maxPlainHeading  = 40
)

// A heading's style names how it is numbered; the section tree nests styles
// in the order the report first uses them (see sectionTree).
const (
	stylePart     = "part"     // 第一部分, 第一篇
	styleChapter  = "chapter"  // 第一章
	styleJie      = "jie"      // 第一节
	styleCN       = "cn"       // 一、
	styleParenCN  = "paren-cn" // （一） (一)
	styleParenNum = "paren-1"  // （1） (1)
	styleOrdinal  = "ordinal"  // 第一，title (a heading only when short and unpunctuated)
	styleDigits   = "digits"   // 01 title, 01、title
	styleArabic   = "arabic"   // 1. title
	styleBare     = "bare"     // 一 alone on its line
	stylePlain    = "plain"    // an unnumbered heading line
	styleAppendix = "appendix" // 附件1, 附录, 结束语: always at the top
)

const cnNum = `[一二三四五六七八九十百零〇两]+`

// headingPatterns recognize numbered headings on folded text (fold.String:
// full-width brackets and digits are ASCII). Group 1 is the number, the
// last group the title.
var headingPatterns = []struct {
	style string
	re    *regexp.Regexp
}{
	{"", regexp.MustCompile(`^第(` + cnNum + `|\d{1,3})(部分|篇|章|节)\s*(.*)$`)},
	{styleCN, regexp.MustCompile(`^(` + cnNum + `)\s*[、.]\s*(.*)$`)},
	{styleParenCN, regexp.MustCompile(`^\(\s*(` + cnNum + `)\s*\)\s*(.*)$`)},
	{styleParenNum, regexp.MustCompile(`^\(\s*(\d{1,2})\s*\)\s*(.*)$`)},
	{styleOrdinal, regexp.MustCompile(`^第(` + cnNum + `)\s*[,、]\s*(.*)$`)},
	{styleDigits, regexp.MustCompile(`^(\d{2})(?:\s+|\s*、\s*)(.*)$`)},
	{styleArabic, regexp.MustCompile(`^(\d{1,2})\s*\.\s*(.*)$`)},
	{styleAppendix, regexp.MustCompile(`^(附件|附录)\s*(\d{0,2})\s*(.*)$`)},
	{styleAppendix, regexp.MustCompile(`^(结束语|结语)()$`)},
	{styleBare, regexp.MustCompile(`^(` + cnNum + `)$`)},
}

// markerOnly matches a unit that is only an enumeration or section marker,
// its text on the next line: 一、 一是 一要 第一 第一， （一） （1）.
var markerOnly = regexp.MustCompile(`^(?:` + cnNum + `\s*[、.]|` + cnNum + `[是要]|第` + cnNum + `[,、]?|\(\s*(?:` + cnNum + `|\d{1,2})\s*\))$`)

// heading is a recognized heading line.
type heading struct {
	style string
	title string // the heading as printed (display text)
	num   int    // its number (一 is 1, （3） is 3), 0 when unnumbered
}

// parseHeading reports whether a unit is a heading; key is fold.String of
// text, the display text. plain allows unnumbered headings.
func parseHeading(text, key string, plain bool) (heading, bool) {
	for _, p := range headingPatterns {
		m := p.re.FindStringSubmatch(key)
		if m == nil {
			continue
		}
		style, title := p.style, m[len(m)-1]
		num := headingNumber(m[1])
		switch style {
		case "":
			switch m[2] {
			case "部分", "篇":
				style = stylePart
			case "章":
				style = styleChapter
			default:
				style = styleJie
			}
			if title == "" { // 第一部分 alone
				return heading{style, text, num}, true
			}
		case styleBare:
			return heading{style, text, num}, true
		case styleAppendix:
			if title == "" || headingTitle(title) {
				return heading{style, text, num}, true
			}
			return heading{}, false
		}
		if headingTitle(title) {
			return heading{style, text, num}, true
		}
		return heading{}, false // numbered, but a paragraph (一、我国人民…。)
	}
	if plain && plainHeading(key) {
		return heading{stylePlain, text, 0}, true
	}
	return heading{}, false
}

// headingNumber reads a heading's number, in digits or Chinese numerals; 0
// when it is none.
func headingNumber(s string) int {
	if n, rest := leadingDigits(s); n > 0 {
		for rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			n, rest = n*10+int(rest[0]-'0'), rest[1:]
		}
		return n
	}
	n, _ := leadingCN(s)
	return n
}

// headingTitle reports whether the title part of a numbered line reads as a
// heading: some letters, at most maxNumberedTitle characters, no sentence
// punctuation, not ending inside a clause.
func headingTitle(t string) bool {
	return t != "" && utf8.RuneCountInString(t) <= maxNumberedTitle && strings.IndexFunc(t, unicode.IsLetter) >= 0 &&
		!strings.ContainsAny(t, sentenceEnds+"。") && !endsClause(t)
}

// plainHeading reports whether an unnumbered line reads as a heading: short,
// with Chinese text, no sentence punctuation, not starting with punctuation
// (the rest of a broken sentence) and not ending inside a clause.
func plainHeading(key string) bool {
	if utf8.RuneCountInString(key) > maxPlainHeading || strings.IndexFunc(key, isHan) < 0 ||
		strings.ContainsAny(key, sentenceEnds+"。") || endsClause(key) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(key)
	return !unicode.IsPunct(first) && !unicode.IsSymbol(first) && strings.Count(key, ",")+strings.Count(key, "、") <= maxHeadingCommas
}

// maxHeadingCommas: an unnumbered heading has at most two clauses marks
// (五年来，国民经济保持良好发展势头，经济结构战略性调整迈出重要步伐); a short
// line with more is a sentence that lost its full stop.
const maxHeadingCommas = 2

// endsClause reports whether s ends with a clause mark, an opening bracket or
// a dash: it goes on.
func endsClause(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(clauseMarks+"，、：,:"+openingMarks+"—-(", last)
}

// sectionTree builds the section tree as headings come. Styles nest in the
// order the report uses them: a heading whose style is open continues the
// numbering of that level (its number follows the open one) and closes
// what is below it; a heading whose number restarts at 1 (一、 again while
// 三、 is open) or whose style is new opens a level below the current
// heading. Appendix headings are always at the top; an unnumbered heading
// below a numbered one is a sub-heading of its text, and a numbered style
// that comes after it is its sibling, not its child.
type sectionTree struct {
	sections []Section
	stack    []frame
	children map[string]int // parent id → children so far
}

type frame struct {
	style string
	num   int
	sec   int
}

// level returns the depth (0 at the top) where h goes.
func (t *sectionTree) level(h heading) int {
	if h.style == styleAppendix {
		return 0
	}
	if h.num == 0 { // unnumbered: the level of its style, if open
		for i, f := range t.stack {
			if f.style == h.style {
				return i
			}
		}
		return t.newLevel(h)
	}
	inner := -1
	for i := len(t.stack) - 1; i >= 0; i-- {
		if t.stack[i].style == h.style {
			inner = i
			break
		}
	}
	switch {
	case inner < 0:
		return t.newLevel(h)
	case h.num == t.stack[inner].num+1 || h.num == t.stack[inner].num:
		return inner
	case h.num == 1:
		return t.newLevel(h) // a list restarting below the current heading
	}
	for i := inner - 1; i >= 0; i-- {
		if t.stack[i].style == h.style && h.num == t.stack[i].num+1 {
			return i
		}
	}
	return inner // a number skipped: still the same level
}

// newLevel returns the depth of a level opened for h below the current
// heading, or beside an unnumbered sub-heading.
func (t *sectionTree) newLevel(h heading) int {
	depth := len(t.stack)
	if depth > 1 && t.stack[depth-1].style == stylePlain && h.style != stylePlain {
		depth--
	}
	return depth
}

// enter adds the section for h and returns its index.
func (t *sectionTree) enter(h heading) int {
	if t.children == nil {
		t.children = map[string]int{}
	}
	depth := t.level(h)
	t.stack = t.stack[:depth]
	parent := ""
	if depth > 0 {
		parent = t.sections[t.stack[depth-1].sec].ID
	}
	t.children[parent]++
	id := fmt.Sprintf("%02d", t.children[parent])
	if parent != "" {
		id = parent + "." + id
	}
	t.sections = append(t.sections, Section{ID: id, Title: h.title, Parent: parent, Depth: depth + 1})
	t.stack = append(t.stack, frame{h.style, h.num, len(t.sections) - 1})
	return len(t.sections) - 1
}

// intro returns the index of the introduction section, adding it first.
func (t *sectionTree) intro() int {
	for i, s := range t.sections {
		if s.ID == IntroSectionID {
			return i
		}
	}
	t.sections = append(t.sections, Section{ID: IntroSectionID, Depth: 1})
	return len(t.sections) - 1
}

// inlineParenRE matches a paragraph that opens with a bracketed number:
// （一）坚持协同联动，推动区域协调发展。强化资源共享…
var inlineParenRE = regexp.MustCompile(`^\(\s*(` + cnNum + `)\s*\)`)

// inlineHeading reports whether a paragraph opens with a （一） heading
// written as its first sentence, the text following on the same line (the
// usual layout of sub-sections in the newspaper texts): the heading is the
// first sentence without its full stop; rest says whether text follows.
// Other numbered styles at the start of a paragraph are list items.
func inlineHeading(text, key string) (h heading, rest, ok bool) {
	if !inlineParenRE.MatchString(key) {
		return heading{}, false, false
	}
	end := strings.IndexAny(key, sentenceEnds+"。")
	if end < 0 {
		return heading{}, false, false
	}
	m := inlineParenRE.FindStringSubmatchIndex(key)
	if !headingTitle(strings.TrimSpace(key[m[1]:end])) {
		return heading{}, false, false
	}
	_, size := utf8.DecodeRuneInString(key[end:])
	rest = strings.TrimSpace(key[end+size:]) != ""
	return heading{styleParenCN, runeSlice(text, key, 0, end), headingNumber(key[m[2]:m[3]])}, rest, true
}
