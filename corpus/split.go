package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"reportsearch/corpus/fold"
)

// MaxPassageRunes is the longest passage, in characters: a longer paragraph
// (or ◆ bullet) is cut at its enumeration items or, failing that, at
// sentence ends, into pieces of at most this many characters.
//
// The bound comes from the real reports (../shared/reports, 7,585
// paragraphs): half of the paragraphs have at most 152 characters, three
// quarters at most 268, 90 % at most 406, the longest 1,342; the seed
// report's longest bullet has 288. 300 characters is about what a reader
// takes in at a glance in a result list (a few short sentences, 30–40
// seconds at the usual 400–600 characters a minute of Chinese); it keeps
// four paragraphs in five and every seed bullet whole and cuts the long
// tail, which is mostly paragraphs that list 一是…二是… items, at their
// items.
const MaxPassageRunes = 300

// splitPassage cuts text into pieces of at most max characters and returns
// their byte spans, in order, covering text. A text within the bound is one
// piece. Otherwise it is cut before its enumeration items (一是…二是…,
// 第一，…第二，…, ①…②…, （1）…（2）…, see enumItems), the lead-in
// staying with the first item when both fit; a piece still too long is cut
// after sentence ends (。！？；) into runs of whole sentences, a sentence
// too long after clause marks (，、：), and a clause too long every max
// characters. It takes time linear in len(text).
func splitPassage(text string, max int) [][2]int {
	if utf8.RuneCountInString(text) <= max {
		return [][2]int{{0, len(text)}}
	}
	var segs [][2]int
	if items := enumItems(text); len(items) >= 2 {
		start := 0
		if lead := items[0]; lead > 0 {
			next := len(text)
			if len(items) > 1 {
				next = items[1]
			}
			if utf8.RuneCountInString(text[:next]) > max {
				segs = append(segs, [2]int{0, lead})
				start = lead
			}
		}
		for k := range items {
			from := items[k]
			if k == 0 {
				from = start
			}
			to := len(text)
			if k+1 < len(items) {
				to = items[k+1]
			}
			segs = append(segs, [2]int{from, to})
		}
	} else {
		segs = [][2]int{{0, len(text)}}
	}
	var out [][2]int
	for _, s := range segs {
		out = pack(out, text, s[0], s[1], max, 0)
	}
	return out
}

// cut levels of pack: sentence ends, clause marks, characters.
const (
	sentenceEnds = "。！？；!?;…"
	clauseMarks  = "，、：,:"
)

// pack appends to out the pieces of text[a:b] cut at the given level
// (0 sentences, 1 clauses, 2 characters), packing consecutive units into
// pieces of about even size within max characters; a unit longer than max
// is cut at the next level.
func pack(out [][2]int, text string, a, b, max, level int) [][2]int {
	total := utf8.RuneCountInString(text[a:b])
	if total <= max {
		return append(out, [2]int{a, b})
	}
	// Aim at pieces of even size, so that no tiny rest is left at the end:
	// a piece ends once it reaches target, or before it would pass max.
	k := (total + max - 1) / max
	target := (total + k - 1) / k
	if level == 2 {
		n := 0
		start := a
		for i := range text[a:b] {
			if n == target {
				out = append(out, [2]int{start, a + i})
				start, n = a+i, 0
			}
			n++
		}
		return append(out, [2]int{start, b})
	}
	marks := sentenceEnds
	if level == 1 {
		marks = clauseMarks
	}
	// Units: text up to and including a mark and the closing quotes or
	// brackets right after it.
	pieceStart, pieceRunes := a, 0
	unitStart, unitRunes := a, 0
	// flush ends the piece before the current unit.
	flush := func() {
		if pieceRunes > 0 {
			out = append(out, [2]int{pieceStart, unitStart})
		}
		pieceStart, pieceRunes = unitStart, 0
	}
	endUnit := func(end int) {
		switch {
		case unitRunes > max:
			flush()
			out = pack(out, text, unitStart, end, max, level+1)
			pieceStart, pieceRunes = end, 0
		case pieceRunes+unitRunes > max || pieceRunes >= target:
			flush()
			pieceRunes = unitRunes
		default:
			pieceRunes += unitRunes
		}
		unitStart, unitRunes = end, 0
	}
	for i := a; i < b; {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		unitRunes++
		if !strings.ContainsRune(marks, r) {
			continue
		}
		for i < b {
			r2, n2 := utf8.DecodeRuneInString(text[i:])
			if !strings.ContainsRune(closingMarks, r2) && !strings.ContainsRune(marks, r2) {
				break
			}
			i += n2
			unitRunes++
		}
		endUnit(i)
	}
	if unitStart < b {
		endUnit(b)
	}
	if pieceStart < b {
		out = append(out, [2]int{pieceStart, b})
	}
	return out
}

// enumItems returns the byte offsets where the items of text's first
// enumeration start, or nil: a run of markers numbered 1, 2, 3 … in order,
// each at the start of the text or after punctuation, of one of the kinds
// 一是/一要 (二是 …), 第一，/第一、 (第二，…), ①②…, and （1）/(一) (folded,
// so full-width brackets and digits count).
func enumItems(text string) []int {
	var best []int
	for _, kind := range enumKinds {
		var chain []int
		for i, prevPunct := 0, true; i < len(text); {
			r, n := utf8.DecodeRuneInString(text[i:])
			if prevPunct {
				if num, ok := enumMarker(text[i:], kind); ok && num == len(chain)+1 {
					chain = append(chain, i)
				}
			}
			f := fold.Rune(r)
			prevPunct = unicode.IsPunct(f) || unicode.IsSpace(f) || strings.ContainsRune("。；：，！？", r)
			i += n
		}
		if len(chain) >= 2 && len(chain) > len(best) {
			best = chain
		}
	}
	return best
}

// enumKinds names the enumeration marker kinds enumMarker knows.
var enumKinds = [...]string{"shi", "di", "circled", "paren"}

// enumMarker reports whether s starts with an enumeration marker of the
// kind, and its number.
func enumMarker(s, kind string) (int, bool) {
	switch kind {
	case "shi": // 一是 / 一要
		n, rest := leadingCN(s)
		if n > 0 && (strings.HasPrefix(rest, "是") || strings.HasPrefix(rest, "要")) {
			return n, true
		}
	case "di": // 第一， / 第一、
		rest, ok := strings.CutPrefix(s, "第")
		if !ok {
			return 0, false
		}
		n, rest := leadingCN(rest)
		if r, _ := utf8.DecodeRuneInString(rest); n > 0 && (fold.Rune(r) == ',' || r == '、' || r == '是') {
			return n, true
		}
	case "circled": // ① … ⑳
		r, _ := utf8.DecodeRuneInString(s)
		if r >= '①' && r <= '⑳' {
			return int(r-'①') + 1, true
		}
	case "paren": // （1） (1) （一）
		r, n := utf8.DecodeRuneInString(s)
		if fold.Rune(r) != '(' {
			return 0, false
		}
		rest := s[n:]
		num, after := leadingDigits(rest)
		if num == 0 {
			num, after = leadingCN(rest)
		}
		if r2, _ := utf8.DecodeRuneInString(after); num > 0 && fold.Rune(r2) == ')' {
			return num, true
		}
	}
	return 0, false
}

// leadingCN reads a Chinese numeral from 一 to 九十九 at the start of s.
func leadingCN(s string) (int, string) {
	val, tens, i := 0, false, 0
	for i < len(s) && i < 9 {
		r, n := utf8.DecodeRuneInString(s[i:])
		d, ok := cnDigit(r)
		switch {
		case r == '十' && !tens:
			if val == 0 {
				val = 1
			}
			val *= 10
			tens = true
		case ok && d > 0 && (val == 0 || tens && val%10 == 0):
			val += d
		default:
			return val, s[i:]
		}
		i += n
	}
	return val, s[i:]
}

// leadingDigits reads up to two ASCII or full-width digits at the start of s.
func leadingDigits(s string) (int, string) {
	val, i := 0, 0
	for k := 0; k < 2 && i < len(s); k++ {
		r, n := utf8.DecodeRuneInString(s[i:])
		f := fold.Rune(r)
		if f < '0' || f > '9' {
			break
		}
		val = val*10 + int(f-'0')
		i += n
	}
	return val, s[i:]
}

// cnDigit is the value of a Chinese digit (〇/零 … 九, 两).
func cnDigit(r rune) (int, bool) {
	if i := strings.IndexRune("〇一二三四五六七八九", r); i >= 0 {
		return i / 3, true
	}
	switch r {
	case '零', '○', 'Ｏ', 'O':
		return 0, true
	case '两':
		return 2, true
	}
	return 0, false
}
