package corpus

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"
	"unicode"
)

// IntroSectionID is the id of the unnumbered section that holds text outside
// the headed sections: in the seed report the introduction 奋进2023 /
// 我们的年终答卷来了 between sections 03 and 04; in the other shapes the
// paragraphs before the first heading.
const IntroSectionID = "00"

// Default parses the embedded report (DefaultName).
func Default() (*Report, error) {
	return Parse(bytes.NewReader(defaultText), DefaultName)
}

// Parse reads one report; name is its file name (the report id is the name
// without extension, see ReportID). It reads two families of shapes:
//
//   - The seed shape (a "NN title" heading and ◆ bullets): each bullet is a
//     passage, with the seed report's page breaks and duplicates repaired
//     (see parseSeed).
//   - Every other shape: headings 一、… （一）… (一)… 第一部分 … 01 title,
//     or unnumbered heading lines; paragraphs laid out one a line
//     (newspaper texts, U+3000 indents) or as blocks of lines between blank
//     lines (wiki texts, whose inline links break sentences over lines).
//     Front matter (title, 来源, date, speaker, 各位代表：) fills the report's
//     metadata and is no passage (see parseParagraphs).
//
// In both, a passage longer than MaxPassageRunes is cut into pieces (see
// splitPassage). Ignorable characters (fold.Ignorable) are dropped; the rest
// of the text is shown as printed.
//
// Parse fails with an *Error naming the file (and the line, where one
// applies) on an empty file, invalid UTF-8, NUL bytes, a line longer than
// MaxLineBytes, or a file without any passage of Chinese text.
func Parse(r io.Reader, name string) (*Report, error) {
	lines, err := readLines(r, name)
	if err != nil {
		return nil, err
	}
	nonBlank := 0
	for _, l := range lines {
		if l.text != "" {
			nonBlank++
		}
	}
	if nonBlank == 0 {
		return nil, &Error{File: name, Msg: "empty report"}
	}
	rep := &Report{ID: ReportID(name), File: name}
	var sections []Section
	var drafts []draft
	if isSeedShape(lines) {
		sections, drafts = parseSeed(lines)
	} else {
		sections, drafts = parseParagraphs(lines, rep)
	}
	if !hasHan(drafts) {
		return nil, &Error{File: name, Msg: "no passage of Chinese text found; not a work report"}
	}
	assemble(rep, sections, drafts)
	markNearDups(rep)
	return rep, nil
}

// ReportID is the report id for a file name: the base name without extension.
func ReportID(name string) string {
	base := filepath.Base(name)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// draft is a passage before it is cut to size and numbered.
type draft struct {
	sec       int    // index in the sections
	text      string // cleaned text, trimmed
	lines     []int  // sorted source lines of the whole text
	truncated bool
	// spans maps byte offsets of text to source lines: spans[i].line holds
	// text from spans[i].off on. A text kept whole gets all of lines (with
	// the lines of its repeats); the pieces of a cut text get the lines of
	// their spans, or all of lines when spans is nil.
	spans []lineSpan
}

// lineSpan says that a draft's text from byte off on comes from a line.
type lineSpan struct {
	off, line int
}

func hasHan(ds []draft) bool {
	for _, d := range ds {
		if strings.IndexFunc(d.text, isHan) >= 0 {
			return true
		}
	}
	return false
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// assemble cuts the drafts to size, numbers them per section ("SS-NN"),
// extracts their figures and fills rep.Sections and rep.Bullets.
func assemble(rep *Report, sections []Section, drafts []draft) {
	rep.Sections = sections
	paths := make([][]Section, len(sections))
	byID := map[string]int{}
	for i, s := range sections {
		byID[s.ID] = i
		if j, ok := byID[s.Parent]; ok && s.Parent != "" {
			paths[i] = append(append([]Section(nil), paths[j]...), s)
		} else {
			paths[i] = []Section{s}
		}
	}
	count := make([]int, len(sections))
	for _, d := range drafts {
		pieces := splitPassage(d.text, MaxPassageRunes)
		lines := d.pieceLines(pieces)
		for k, pc := range pieces {
			text := strings.TrimFunc(d.text[pc[0]:pc[1]], unicode.IsSpace)
			if text == "" {
				continue
			}
			count[d.sec]++
			sec := sections[d.sec]
			metrics := finite(ExtractMetrics(text))
			rep.Bullets = append(rep.Bullets, Bullet{
				ID:        fmt.Sprintf("%s-%02d", sec.ID, count[d.sec]),
				Report:    rep.ID,
				Section:   sec,
				Path:      paths[d.sec],
				Text:      text,
				Lines:     lines[k],
				Truncated: d.truncated && k == len(pieces)-1,
				Metrics:   metrics,
				Order:     len(rep.Bullets),
			})
		}
	}
}

// pieceLines returns the source lines of each piece of d.text (pieces in
// order, not overlapping), walking d.spans once.
func (d draft) pieceLines(pieces [][2]int) [][]int {
	out := make([][]int, len(pieces))
	if d.spans == nil || len(pieces) == 1 {
		for k := range out {
			out[k] = d.lines
		}
		return out
	}
	end := func(i int) int {
		if i+1 < len(d.spans) {
			return d.spans[i+1].off
		}
		return len(d.text)
	}
	i := 0
	for k, pc := range pieces {
		for i < len(d.spans)-1 && end(i) <= pc[0] {
			i++
		}
		var ls []int
		for j := i; j < len(d.spans) && d.spans[j].off < pc[1]; j++ {
			if end(j) > pc[0] && (len(ls) == 0 || ls[len(ls)-1] != d.spans[j].line) {
				ls = append(ls, d.spans[j].line)
			}
		}
		if ls == nil {
			ls = d.lines
		}
		out[k] = ls
	}
	return out
}

// finite returns ms without the figures whose value is not a finite number
// (1 followed by 300 zeros 万亿元 overflows), so that no value of one report
// can stop the encoding or indexing of the others; never nil.
func finite(ms []Metric) []Metric {
	out := ms[:0:0]
	for _, m := range ms {
		if !math.IsInf(m.Value, 0) && !math.IsNaN(m.Value) && !math.IsInf(m.Normalized, 0) && !math.IsNaN(m.Normalized) {
			out = append(out, m)
		}
	}
	if out == nil {
		out = []Metric{}
	}
	return out
}
