package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxLineBytes is the longest source line Parse accepts. Longer lines (a
// binary or a corrupted file) are reported, never read whole into memory.
const MaxLineBytes = 1 << 20

// Error is a problem with one report file: its name, the 1-based line where
// it applies (0 for the whole file) and what is wrong.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s: line %d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// IntroSectionID is the id of the unnumbered section that holds text outside
// the numbered sections (in the Huacao report, the introduction 奋进2023 /
// 我们的年终答卷来了 between sections 03 and 04).
const IntroSectionID = "00"

// Default parses the embedded report (DefaultName).
func Default() (*Report, error) {
	return Parse(bytes.NewReader(defaultText), DefaultName)
}

// Parse reads one report; name is its file name (the report id is the name
// without extension).
//
// The shape it expects: section headings "NN title" (two digits; also
// "NN、title", or the number alone on the line before its title), bullets
// that start with "◆" (optionally after "- "), and unnumbered text blocks (a
// few short heading lines followed by paragraphs) that form section "00".
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
//
// Parse fails with an *Error on an empty file, invalid UTF-8, NUL bytes, a
// line longer than MaxLineBytes, or a file without a numbered section and a
// bullet.
func Parse(r io.Reader, name string) (*Report, error) {
	p := &parser{name: name}
	if err := p.read(r); err != nil {
		return nil, err
	}
	if p.nonBlank == 0 {
		return nil, &Error{File: name, Msg: "empty report"}
	}
	if !p.numbered || p.bullets == 0 {
		return nil, &Error{File: name, Msg: "no numbered section heading (\"01 title\") and ◆ bullet found; not a report"}
	}
	rep := p.build()
	return rep, nil
}

// ReportID is the report id for a file name: the base name without extension.
func ReportID(name string) string {
	base := filepath.Base(name)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// piece is one source text unit before repairs: a bullet or a paragraph line.
type piece struct {
	sec   int // index in parser.sections
	text  string
	lines []int
	// adjacent: only blank lines separate this piece from the previous one
	// of the same section (no heading or title between).
	adjacent  bool
	plain     bool // an unmarked line (no ◆), not a bullet of its own
	truncated bool
	dropped   bool // joined into or merged with another piece
	pos       int  // place among the pieces kept after dedup
}

type parser struct {
	name     string
	sections []Section
	pieces   []*piece
	nonBlank int
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
	headingRE = regexp.MustCompile(`^(\d{2})(?:\s+|\s*、\s*)(\D.*)$`)
	numberRE  = regexp.MustCompile(`^\d{2}$`)
	bulletRE  = regexp.MustCompile(`^(?:[-*•·]\s*)?◆\s*`)
	dashRE    = regexp.MustCompile(`^[-*•]\s+`)
)

func (p *parser) read(r io.Reader) error {
	p.cur = -1
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for n := 1; ; n++ {
		line, err := readLine(br, buf[:0])
		buf = line
		if err == errLineTooLong {
			return &Error{File: p.name, Line: n, Msg: fmt.Sprintf("line longer than %d bytes (not a text report?)", MaxLineBytes)}
		}
		if err != nil && err != io.EOF {
			return &Error{File: p.name, Line: n, Msg: err.Error()}
		}
		if err == io.EOF && len(line) == 0 {
			p.flush()
			return nil
		}
		if i := bytes.IndexByte(line, 0); i >= 0 {
			return &Error{File: p.name, Line: n, Msg: "NUL byte: binary file, not a text report"}
		}
		if !utf8.Valid(line) {
			return &Error{File: p.name, Line: n, Msg: "invalid UTF-8"}
		}
		s := string(line)
		if n == 1 {
			s = strings.TrimPrefix(s, "\uFEFF")
		}
		p.line(n, s)
		if err == io.EOF {
			p.flush()
			return nil
		}
	}
}

// flush handles a section number left alone on the last line.
func (p *parser) flush() {
	if p.pendingNum != "" {
		p.plainText(p.pendingLine, p.pendingNum)
		p.pendingNum = ""
	}
}

var errLineTooLong = errors.New("line too long")

// readLine reads one line without its end-of-line bytes, appending to buf.
// It stops with errLineTooLong as soon as the line exceeds MaxLineBytes.
func readLine(br *bufio.Reader, buf []byte) ([]byte, error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > MaxLineBytes+2 { // +2: room for "\r\n"
			return buf, errLineTooLong
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimRight(buf, "\r\n")
		if len(buf) > MaxLineBytes {
			return buf, errLineTooLong
		}
		return buf, err
	}
}

// line handles one source line (n is 1-based).
func (p *parser) line(n int, raw string) {
	s := normalizeSpace(raw)
	if s == "" {
		return
	}
	p.nonBlank++
	if num := p.pendingNum; num != "" {
		// "01" alone on a line, its title on the next one.
		p.pendingNum = ""
		if isTitleLine(s) && !bulletRE.MatchString(s) && !dashRE.MatchString(s) {
			s = num + " " + s
		} else {
			p.plainText(p.pendingLine, num) // not a heading after all
		}
	}
	if m := headingRE.FindStringSubmatch(s); m != nil && !closed(m[2]) && utf8.RuneCountInString(m[2]) <= 60 {
		p.numbered = true
		p.enter(m[1], m[2])
		p.titleOpen = false
		return
	}
	if numberRE.MatchString(s) {
		p.pendingNum, p.pendingLine = s, n
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
func (p *parser) plainText(n int, s string) {
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
		case p.titleOpen:
			sec := &p.sections[p.cur]
			sec.Title = joinText(sec.Title, " ", s)
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
func (p *parser) enter(id, title string) {
	p.adjacent = false
	for i, sec := range p.sections {
		if sec.ID == id {
			p.cur = i
			return
		}
	}
	p.sections = append(p.sections, Section{ID: id, Title: title})
	p.cur = len(p.sections) - 1
}

func (p *parser) introIndex() int {
	for i, sec := range p.sections {
		if sec.ID == IntroSectionID {
			return i
		}
	}
	return -1
}

// last returns the last piece of the current section, or nil.
func (p *parser) last() *piece {
	if len(p.pieces) == 0 || p.cur < 0 {
		return nil
	}
	pc := p.pieces[len(p.pieces)-1]
	if pc.sec != p.cur {
		return nil
	}
	return pc
}

func (p *parser) add(n int, text string) {
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

// build applies the repairs (joins, truncation, duplicates) and numbers the
// bullets.
func (p *parser) build() *Report {
	pcs := p.pieces
	// 1. Joins across page breaks.
	for i := 0; i < len(pcs); i++ {
		a := pcs[i]
		if a.dropped || closed(a.text) {
			continue
		}
		for j := i + 1; j < len(pcs); j++ {
			b := pcs[j]
			if b.dropped {
				continue
			}
			// An unmarked paragraph line right after a cut bullet is its
			// rest: every new bullet starts with ◆.
			if !b.adjacent || b.sec != a.sec || !(continues(a.text, b.text) || b.plain && !isTitleLine(b.text)) {
				break
			}
			a.text = joinText(a.text, "", b.text)
			a.lines = append(a.lines, b.lines...)
			b.dropped = true
			if closed(a.text) {
				break
			}
		}
		a.truncated = !closed(a.text)
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
			keep.text, keep.truncated = b.text, b.truncated
			keep.lines = append(keep.lines, drop.lines...)
			drop.dropped = true
			break
		}
	}
	rep := &Report{ID: ReportID(p.name), Sections: p.sections}
	count := map[int]int{}
	for _, pc := range kept {
		if pc.dropped {
			continue
		}
		count[pc.sec]++
		sec := p.sections[pc.sec]
		lines := slices.Clone(pc.lines)
		slices.Sort(lines)
		lines = slices.Compact(lines)
		metrics := ExtractMetrics(pc.text)
		if metrics == nil {
			metrics = []Metric{}
		}
		rep.Bullets = append(rep.Bullets, Bullet{
			ID:        fmt.Sprintf("%s-%02d", sec.ID, count[pc.sec]),
			Report:    rep.ID,
			Section:   sec,
			Text:      pc.text,
			Lines:     lines,
			Truncated: pc.truncated,
			Metrics:   metrics,
			Order:     len(rep.Bullets),
		})
	}
	return rep
}

// normalizeSpace trims s and turns every run of white space (including the
// ideographic space U+3000) into one ASCII space.
func normalizeSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\uFEFF' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// joinText joins two pieces of text: with sep, except that pieces of Chinese
// text glue directly and two ASCII words keep one space between them.
func joinText(a, sep, b string) string {
	if a == "" {
		return b
	}
	if sep == "" {
		x, _ := utf8.DecodeLastRuneInString(a)
		y, _ := utf8.DecodeRuneInString(b)
		if x < utf8.RuneSelf && y < utf8.RuneSelf && isAlnum(x) && isAlnum(y) {
			sep = " "
		}
	}
	return a + sep + b
}

// hasLetter reports whether s holds a letter (a Chinese character counts).
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

func isAlnum(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// Sentence-closing punctuation, and the closing marks that may follow it.
const (
	closingPunct = "。！？!?；;…"
	closingMarks = "”’」』）)》】\"'"
	openingMarks = "“‘「『（(《【"
	clausePunct  = "，,；;。！？!?：:"
)

// closed reports whether text ends a sentence: its last character (after any
// closing quotes or brackets) is 。！？；… . A text that ends with a closing
// quote or bracket alone (a title, a quoted name) also counts as closed.
func closed(text string) bool {
	t := strings.TrimRightFunc(text, unicode.IsSpace)
	if t == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	if strings.ContainsRune(closingMarks, last) {
		return !openQuote(t)
	}
	return strings.ContainsRune(closingPunct, last)
}

// openQuote reports whether text ends inside an unclosed “ quote.
func openQuote(text string) bool {
	return strings.LastIndex(text, "“") > strings.LastIndex(text, "”")
}

// isTitleLine reports whether an unmarked line reads as a heading: short and
// without sentence punctuation.
func isTitleLine(s string) bool {
	return utf8.RuneCountInString(s) <= 30 && !strings.ContainsAny(s, clausePunct+"、")
}

// continues reports whether next, the text after a bullet prev that has no
// closing punctuation, starts in the middle of prev's sentence, so that the
// two are one bullet cut by a page break. The rule uses only the text:
//
//  1. next starts with punctuation or a closing mark (，、。” …): a sentence
//     never starts there;
//  2. next closes a quote or bracket it never opened (家”全面覆盖…): the
//     opening mark is in prev;
//  3. next's first list item is a single character followed by 、
//     (疗、文体教育…): the rest of a word cut in two (健康医|疗);
//  4. prev ends inside a list (its last clause holds 、) and next's first
//     clause closes a list with 等 before any 、 of its own (智慧会议|
//     系统等项目投入运行。).
//
// Anything else starts a sentence of its own: a verb or a noun phrase with
// no subject is how nearly every bullet of a work report begins, so that
// alone is no evidence of a cut. In particular prev ending inside an open
// quote (实现12个行政村“户管) followed by a fresh verb phrase (全面覆盖,代理经租…)
// is NOT joined: the cut lost the rest of the quoted word and its closing
// mark (户管家”), gluing the pieces would print a word the report does not
// contain (“户管全面覆盖), so prev stays truncated and next stays a bullet.
func continues(prev, next string) bool {
	first, _ := utf8.DecodeRuneInString(next)
	if strings.ContainsRune(clausePunct+"、"+closingMarks+"—", first) {
		return true
	}
	if unopenedClose(next) {
		return true
	}
	clause := next
	if i := strings.IndexAny(clause, clausePunct); i >= 0 {
		clause = clause[:i]
	}
	if i := strings.Index(clause, "、"); i >= 0 && utf8.RuneCountInString(clause[:i]) == 1 {
		return true
	}
	lastClause := prev
	if i := lastIndexAny(prev, clausePunct); i >= 0 {
		lastClause = prev[i:]
	}
	if strings.Contains(lastClause, "、") {
		deng := strings.Index(clause, "等")
		dun := strings.Index(clause, "、")
		if deng > 0 && (dun < 0 || deng < dun) {
			return true
		}
	}
	return false
}

// unopenedClose reports whether s closes a quote or bracket before opening
// one of the same kind.
func unopenedClose(s string) bool {
	pairs := map[rune]rune{'”': '“', '’': '‘', '」': '「', '』': '『', '）': '（', ')': '(', '》': '《', '】': '【'}
	depth := map[rune]int{}
	for _, r := range s {
		if strings.ContainsRune(openingMarks, r) {
			depth[r]++
			continue
		}
		if o, ok := pairs[r]; ok {
			if depth[o] == 0 {
				return true
			}
			depth[o]--
		}
	}
	return false
}

func lastIndexAny(s, chars string) int {
	best := -1
	for _, r := range chars {
		if i := strings.LastIndex(s, string(r)); i > best {
			best = i
		}
	}
	return best
}
