package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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
		sep = joinSep(x, b)
	}
	return a + sep + b
}

// joinSep is the separator joinText puts between text ending with rune x
// and b: one space between two ASCII letters or digits, else nothing.
func joinSep(x rune, b string) string {
	y, _ := utf8.DecodeRuneInString(b)
	if isAlnum(x) && isAlnum(y) {
		return " "
	}
	return ""
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
	return continuesAfter(lastClauseHasDun(prev), next)
}

// lastClauseHasDun reports whether the last clause of s (after its last
// clause punctuation) holds a 、.
func lastClauseHasDun(s string) bool {
	if i := lastIndexAny(s, clausePunct); i >= 0 {
		s = s[i:]
	}
	return strings.Contains(s, "、")
}

// continuesAfter is continues for a prev whose last clause holds a 、 when
// dun is set.
func continuesAfter(dun bool, next string) bool {
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
	if dun {
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

// lastIndexAny returns the byte index of the last character of s that is
// one of chars, or -1, in one backward pass.
func lastIndexAny(s, chars string) int {
	for i := len(s); i > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		i -= n
		if strings.ContainsRune(chars, r) {
			return i
		}
	}
	return -1
}

// joinState follows a text built by appending parts, keeping what closed and
// continues need without rescanning the text: each part is looked at once.
type joinState struct {
	last rune // last character of the text
	open bool // the text ends inside an unclosed “ quote (openQuote)
	dun  bool // the last clause holds a 、 (lastClauseHasDun)
}

func newJoinState(s string) *joinState {
	st := &joinState{}
	st.add(s)
	return st
}

// add records that s (trimmed, non-empty) was appended.
func (st *joinState) add(s string) {
	if s == "" {
		return
	}
	st.last, _ = utf8.DecodeLastRuneInString(s)
	if i, j := strings.LastIndex(s, "“"), strings.LastIndex(s, "”"); i >= 0 || j >= 0 {
		st.open = i > j
	}
	if i := lastIndexAny(s, clausePunct); i >= 0 {
		st.dun = strings.Contains(s[i:], "、")
	} else if strings.Contains(s, "、") {
		st.dun = true
	}
}

// closed is closed(text) for the text followed.
func (st *joinState) closed() bool {
	if strings.ContainsRune(closingMarks, st.last) {
		return !st.open
	}
	return strings.ContainsRune(closingPunct, st.last)
}

// continues is continues(text, next) for the text followed.
func (st *joinState) continues(next string) bool { return continuesAfter(st.dun, next) }
