package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The label of a figure is a short phrase from the text around it saying
// what it measures. The rule:
//
//   - before: the text between the previous boundary (clause punctuation
//     ，、；。：, or the end of the previous figure) and the figure, with
//     linking words (达, 为, 共计, 各 …) dropped from its end; if it holds
//     one of the action verbs below (完成, 新增, 实现 …), only what follows the
//     last one (完成财政总收入 → 财政总收入);
//   - after: the noun right after the unit, up to punctuation, a digit or an
//     action verb (13家单位 → 单位, 712部电梯完成安装 → 电梯), or after the
//     next figure when one follows directly (4大类191项服务 → 服务).
//
// A count takes the noun after it when there is one (it says what is
// counted), else the phrase before; other kinds take the phrase before, else
// the noun after. A phrase left empty by the verb rule falls back to the
// whole phrase (覆盖800余人次 → 覆盖). Quotes around a label are dropped, and
// a label longer than 10 characters keeps what follows its last 的.
//
// text is the passage as written; the figure is text[start:end], the
// previous one ends at prevEnd (0 when none) and the next one, when it
// follows directly, ends at nextEnd (else -1).
func label(text string, start, end int, kind string, prevEnd, nextEnd int) string {
	before := phraseBefore(text, start, prevEnd)
	lb := afterLastVerb(before)
	la := nounAfter(text[end:])
	if la == "" && nextEnd > end {
		la = nounAfter(text[nextEnd:]) // 4大类191项服务: both count 服务
	}
	var l string
	switch {
	case kind == KindCount && la != "":
		l = la
	case lb != "":
		l = lb
	case la != "":
		l = la
	case before != "":
		l = before
	default:
		l = phraseAfter(text[end:])
	}
	return tidyLabel(l)
}

// labelVerbs are the action verbs that introduce a figure's object.
var labelVerbs = []string{
	"预计", "全年", "累计", "完成", "实现", "新增", "新认定", "开展", "举办", "对接",
	"推动", "争取", "引进", "兑现", "建成", "新建", "发放", "募集", "使用", "惠及",
	"收集", "梳理", "解决", "走访", "覆盖", "落实", "设立", "打造", "建立", "储备",
	"选派", "选送", "选树", "整合", "受理", "公示", "公开", "办理", "处置", "接待",
	"解答", "收到", "调处", "释放", "攻坚", "保障", "推进", "编制", "开设", "提供",
	"完善", "创建", "发布", "成为", "形成", "带动", "新签约", "签约", "开工", "完工",
	"通过", "流转", "纳入", "安装", "组建", "建设", "腾地",
}

// stopWords end the noun after a figure: verbs and adverbs that start the
// rest of the clause.
var stopWords = append([]string{
	"共计", "有力", "有效", "全面", "基本", "已", "均", "正在", "留作", "荣获", "获评",
	"位于", "位居", "深入", "下挂", "至", "挂职", "参与", "向基层", "进入", "投入",
	"得到", "成立", "被", "提升", "及", "和", "按", "落细", "落地",
}, labelVerbs...)

// linkWords are dropped from the end of the phrase before a figure.
var linkWords = []string{"控制在", "保持在", "稳定在", "达到", "共计", "合计", "总计", "实现", "达", "为", "共", "各", "计", "等", "的"}

// maxPhrase bounds, in bytes, how far a label looks around its figure, so
// that labelling stays linear in a passage without punctuation (a label is
// a short phrase: at most 16 characters are kept).
const maxPhrase = 240

func phraseBefore(text string, start, prevEnd int) string {
	from := max(prevEnd, start-maxPhrase)
	for from < start && !utf8.RuneStart(text[from]) {
		from++
	}
	seg := text[from:start]
	if i := lastIndexOfAny(seg, figurePunct+"、"); i >= 0 {
		_, n := utf8.DecodeRuneInString(seg[i:])
		seg = seg[i+n:]
	}
	seg = strings.TrimSpace(seg)
	for {
		w, ok := suffixAny(seg, linkWords)
		if !ok || w == seg {
			break
		}
		seg = strings.TrimSpace(strings.TrimSuffix(seg, w))
	}
	return seg
}

// afterLastVerb returns what follows the last action verb in s, or s when
// none occurs; "" when s ends with the verb.
func afterLastVerb(s string) string {
	best, bestEnd := -1, 0
	for i, r := range s {
		for _, v := range labelVerbsByRune[r] {
			if !strings.HasPrefix(s[i:], v) {
				continue
			}
			// 完成率, 覆盖率, 建设量: a verb before 率/量/数/额 is part of a noun.
			if _, noun := prefixAny(s[i+len(v):], []string{"率", "量", "数", "额"}); noun {
				continue
			}
			if i+len(v) > bestEnd {
				best, bestEnd = i, i+len(v)
			}
		}
	}
	if best < 0 {
		return s
	}
	return strings.TrimSpace(s[bestEnd:])
}

// labelVerbsByRune indexes labelVerbs by their first character (read only).
var labelVerbsByRune = func() map[rune][]string {
	m := map[rune][]string{}
	for _, v := range labelVerbs {
		r, _ := utf8.DecodeRuneInString(v)
		m[r] = append(m[r], v)
	}
	return m
}()

// nounAfter is the run of Chinese text after a figure, up to punctuation, a
// digit, a quote or a stop word.
func nounAfter(s string) string {
	if len(s) > maxPhrase {
		cut := maxPhrase
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	if rest, ok := strings.CutPrefix(s, "“"); ok {
		if i := strings.Index(rest, "”"); i > 0 {
			return rest[:i] // a quoted name: 6处“平安客厅”
		}
	}
	end := 0
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if _, ok := prefixAny(s[end:], stopWordsByRune[r]); ok {
			if end == 0 {
				return ""
			}
			break
		}
		if !unicode.Is(unicode.Han, r) {
			break
		}
		end += n
	}
	return s[:end]
}

// stopWordsByRune indexes stopWords by their first character (read only).
var stopWordsByRune = func() map[rune][]string {
	m := map[rune][]string{}
	for _, w := range stopWords {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = append(m[r], w)
	}
	return m
}()

// phraseAfter is the text after a figure up to the next punctuation.
func phraseAfter(s string) string {
	if len(s) > maxPhrase {
		cut := maxPhrase
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	if i := strings.IndexAny(s, figurePunct+"、"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

func tidyLabel(l string) string {
	// "A的B", "A等B": B names the thing measured.
	for _, w := range []string{"的", "等"} {
		if i := strings.LastIndex(l, w); i >= 0 && i+len(w) < len(l) {
			l = l[i+len(w):]
		}
	}
	// A long list "A和B": keep the last item.
	if utf8.RuneCountInString(l) > 10 {
		for _, w := range []string{"和", "及", "与"} {
			if i := strings.LastIndex(l, w); i >= 0 && i+len(w) < len(l) {
				l = l[i+len(w):]
			}
		}
	}
	return dropQuotes.Replace(strings.TrimSpace(l))
}

var dropQuotes = strings.NewReplacer("“", "", "”", "", "‘", "", "’", "", "《", "", "》", "", "\"", "")

// lastIndexOfAny returns the offset of the last character of s that is in
// chars, or -1.
func lastIndexOfAny(s, chars string) int {
	for i := len(s); i > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		i -= n
		if strings.ContainsRune(chars, r) {
			return i
		}
	}
	return -1
}
