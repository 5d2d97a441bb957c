package index

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"reportsearch/corpus"
)

// A figure series is one figure followed across reports: 粮食产量 in every
// national report, charted by year, or a figure compared across provinces.
//
// "The same figure" is matched on what the figure measures, its kind and
// whether it is a change or a level, and each report gives at most one
// point, its best passage:
//
//  1. The request's label is split into a subject and a change word:
//     国内生产总值增长 is the subject 国内生产总值 with a rise (增长, 上涨,
//     提高 …; 下降, 降低 … a fall; 涨幅, 增速 … either), 粮食产量 a level.
//  2. A figure qualifies when its kind is the one asked (when one is), its
//     change agrees (a level has no corpus.Metric.Change; a rise is
//     ChangeUp, or a level written right after 涨幅/增速 …) and its
//     context names the subject: the context is the sentence before the
//     figure (back to 。；！？ or the passage's start, at most
//     seriesContextRunes), together with the figure's own Label.
//  3. Its score is 1 when the subject occurs whole in the context, else the
//     share of the subject's character bigrams found there (国民生产总值
//     for 国内生产总值: 0.6), and at least seriesMinScore is needed. The
//     score is halved when another figure of the same kind stands between
//     the subject and the figure (the subject is that figure's), when a
//     share word (占, 比重 …) does and the subject has none (a share of the
//     subject is another figure), and multiplied by 0.8 for an average over
//     years (年均, 平均每年) between them, another figure than the year's.
//  4. Per report the highest score wins; ties go to the first in report
//     order, which puts a report's review of the past year before its
//     targets for the coming one.
//
// BENCHMARKS.md measures the choice against testdata/series-judged.json.

const (
	seriesContextRunes = 80
	seriesMinScore     = 0.6
	// MaxSeriesLabel bounds the label of a SeriesRequest, in runes.
	MaxSeriesLabel = 40
)

// Changes a SeriesRequest may ask for.
const (
	SeriesLevel = "level" // the figure itself: 粮食产量1.39万亿斤
	SeriesUp    = "up"    // a rise: 增长5.2%
	SeriesDown  = "down"  // a fall: 下降3.1%
	SeriesAny   = "any"   // a change either way: 涨幅3%
)

// SeriesRequest asks for one figure across reports.
type SeriesRequest struct {
	Label  string       // what the figure measures, as written: 粮食产量, 国内生产总值增长
	Kind   string       // a corpus kind (percent, weight …); "" for any
	Change string       // SeriesLevel, SeriesUp, SeriesDown, SeriesAny; "" to read it from Label (level when Label names no change)
	Filter FigureFilter // the reports (and sections) to look in; Kinds is ignored
}

// SeriesPoint is one report's figure in a series.
type SeriesPoint struct {
	Report  ReportInfo
	Bullet  corpus.Bullet // the passage; the figure is Bullet.Metrics[I]
	I       int
	Score   float64 // 0.6 to 1: how well the figure's context names the subject
	Context string  // the sentence before the figure, as matched
}

// Series is a figure across reports.
type Series struct {
	Subject string        // the label without its change word
	Kind    string        // as asked
	Change  string        // the change matched: SeriesLevel, SeriesUp …
	Points  []SeriesPoint // at most one per report, by year (unknown last), then report order
}

// The words that make a label a change, at its end.
var (
	riseWords   = []string{"增长", "上涨", "提高", "增加", "上升"}
	fallWords   = []string{"下降", "降低", "减少"}
	changeWords = []string{"增长率", "涨幅", "增幅", "增速", "降幅"}
	shareWords  = []string{"占", "比重", "之比", "比例"}
	averageWord = []string{"年均", "平均每年", "平均增长"}
)

// splitLabel cuts a label's change word off its end: the subject and the
// change it names ("" when none).
func splitLabel(label string) (subject, change string) {
	label = strings.Join(strings.FieldsFunc(label, unicode.IsSpace), "")
	for _, ws := range []struct {
		words  []string
		change string
	}{{changeWords, SeriesAny}, {riseWords, SeriesUp}, {fallWords, SeriesDown}} {
		for _, w := range ws.words {
			if s, ok := strings.CutSuffix(label, w); ok && s != "" {
				return s, ws.change
			}
		}
	}
	return label, ""
}

// Series lines up the figure req names across the reports its filter
// selects. An empty or over-long label (MaxSeriesLabel), or one whose
// subject is shorter than two characters, or an unknown change is a
// *QueryError; else the error is ctx's or the index's.
func (ix *Index) Series(ctx context.Context, req SeriesRequest) (*Series, error) {
	if utf8.RuneCountInString(req.Label) > MaxSeriesLabel {
		return nil, &QueryError{Param: "label", Message: fmt.Sprintf("longer than %d characters", MaxSeriesLabel)}
	}
	subject, change := splitLabel(req.Label)
	if utf8.RuneCountInString(subject) < 2 || slices.Contains(riseWords, subject) || slices.Contains(fallWords, subject) || slices.Contains(changeWords, subject) {
		return nil, &QueryError{Param: "label", Message: fmt.Sprintf("%q names no figure: give what it measures, such as 粮食产量", req.Label)}
	}
	switch req.Change {
	case "":
		change = cmp.Or(change, SeriesLevel)
	case SeriesLevel, SeriesUp, SeriesDown, SeriesAny:
		change = req.Change
	default:
		return nil, &QueryError{Param: "change", Message: fmt.Sprintf("%q is not level, up, down or any", req.Change)}
	}
	s := &Series{Subject: subject, Kind: req.Kind, Change: change}
	f := req.Filter
	f.Kinds = nil
	if req.Kind != "" {
		f.Kinds = []string{req.Kind}
	}
	grams := bigrams(subject)
	best := map[string]int{} // report → index in s.Points
	err := ix.EachFigure(ctx, f, func(row MetricRow) error {
		b := row.Bullet
		score, context := seriesScore(b, row.I, subject, grams, change)
		if score < seriesMinScore {
			return nil
		}
		p := SeriesPoint{Bullet: b, I: row.I, Score: score, Context: context}
		if i, ok := best[b.Report]; !ok {
			best[b.Report] = len(s.Points)
			s.Points = append(s.Points, p)
		} else if score > s.Points[i].Score {
			s.Points[i] = p
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range s.Points {
		s.Points[i].Report, _ = ix.ReportInfo(s.Points[i].Bullet.Report)
		if s.Points[i].Report.ID == "" {
			s.Points[i].Report.ID = s.Points[i].Bullet.Report
		}
	}
	order := map[string]int{}
	for i, r := range ix.meta.ReportInfo {
		order[r.ID] = i
	}
	slices.SortStableFunc(s.Points, func(a, b SeriesPoint) int {
		ya, yb := a.Report.Year, b.Report.Year
		if (ya == 0) != (yb == 0) {
			return cmp.Compare(yb, ya) // unknown years last
		}
		return cmp.Or(cmp.Compare(ya, yb), cmp.Compare(order[a.Report.ID], order[b.Report.ID]))
	})
	return s, nil
}

// seriesScore scores figure i of b as the series' figure: 0 when it does
// not qualify. It returns the context it matched in.
func seriesScore(b corpus.Bullet, i int, subject string, grams []string, change string) (float64, string) {
	m := b.Metrics[i]
	if m.Start < 0 || m.Start > len(b.Text) {
		return 0, ""
	}
	context := sentenceBefore(b.Text, m.Start)
	if !changeAgrees(m, context, change) {
		return 0, ""
	}
	at := strings.LastIndex(context, subject)
	score := 1.0
	if at < 0 {
		if end := spreadMatch(context, subject); end >= 0 {
			at, score = end-len(subject), spreadScore
		}
	}
	if at < 0 {
		score = max(coverage(grams, context), coverage(grams, m.Label))
		if score < seriesMinScore {
			return 0, context
		}
		at = 0 // the subject's words are somewhere in the sentence
	} else {
		at += len(subject)
	}
	gap := context[at:]
	start := m.Start - len(context) // the context's offset in the text
	for _, o := range b.Metrics[:i] {
		if o.Kind == m.Kind && o.Start >= start+at && o.End <= m.Start && changeAgrees(o, b.Text[max(o.Start-len(context), 0):o.Start], change) {
			score /= 2
			break
		}
	}
	if !containsAny(subject, shareWords) && containsAny(gap, shareWords) {
		score /= 2
	}
	if containsAny(gap, averageWord) {
		score *= 0.8
	}
	return score, context
}

// spreadScore is the score of a subject found with a character or two
// inside it (粮食总产量 for 粮食产量).
const spreadScore = 0.95

// spreadMatch finds subject's characters in order in s, spread over at
// most two more characters than subject has, and returns the byte offset
// where the last match ends (-1 when there is none).
func spreadMatch(s, subject string) int {
	want := []rune(subject)
	end := -1
	for i, r := range s {
		if r != want[0] {
			continue
		}
		k, extra := 0, 0
		for j, c := range s[i:] {
			if c == want[k] {
				k++
				if k == len(want) {
					end = i + j + utf8.RuneLen(c)
					break
				}
			} else if extra++; extra > 2 {
				break
			}
		}
	}
	return end
}

// changeAgrees tells whether m is the change (or level) asked for; context
// is the text before it.
func changeAgrees(m corpus.Metric, context, change string) bool {
	afterChangeWord := hasSuffixAny(trimLinks(context), changeWords)
	switch change {
	case SeriesLevel:
		return m.Change == "" && !afterChangeWord
	case SeriesUp:
		return m.Change == corpus.ChangeUp || m.Change == "" && afterChangeWord
	case SeriesDown:
		return m.Change == corpus.ChangeDown || m.Change == "" && afterChangeWord
	default:
		return m.Change != "" || afterChangeWord
	}
}

// seriesLinks are the words between a figure's name and its number
// (涨幅控制在3%): trimmed before looking for a change word.
var seriesLinks = []string{"控制在", "保持在", "稳定在", "降到", "达到", "为", "在", "是", "约", "拟按", "左右", "全年", "平均"}

func trimLinks(s string) string {
	for changed := true; changed; {
		changed = false
		for _, w := range seriesLinks {
			if t, ok := strings.CutSuffix(s, w); ok {
				s, changed = t, true
			}
		}
	}
	return s
}

// sentenceBefore is the text of the sentence before byte offset end: back
// to the last 。；！？ or line break, at most seriesContextRunes runes.
func sentenceBefore(text string, end int) string {
	start := end
	for n := 0; start > 0 && n < seriesContextRunes; n++ {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if strings.ContainsRune("。；;！？!?\n", r) {
			break
		}
		start -= size
	}
	return text[start:end]
}

// bigrams returns the character bigrams of s (s itself when it is one
// character).
func bigrams(s string) []string {
	rs := []rune(s)
	if len(rs) < 2 {
		return []string{s}
	}
	out := make([]string, 0, len(rs)-1)
	for i := 0; i+1 < len(rs); i++ {
		out = append(out, string(rs[i:i+2]))
	}
	return out
}

// coverage is the share of grams found in s.
func coverage(grams []string, s string) float64 {
	if len(grams) == 0 || s == "" {
		return 0
	}
	n := 0
	for _, g := range grams {
		if strings.Contains(s, g) {
			n++
		}
	}
	return float64(n) / float64(len(grams))
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func hasSuffixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// FigureSubject proposes the series label of figure i of b, for a link from
// the figure to its series: the subject its sentence names before it (the
// clause's words before the figure, else the previous clause's words
// before its own number: 国内生产总值 in 国内生产总值超过126万亿元，增长5.2%)
// with 增长 or 下降 after it for a change, else the figure's Label. It
// returns "" when neither gives at least two characters.
func FigureSubject(b corpus.Bullet, i int) string {
	if i < 0 || i >= len(b.Metrics) {
		return ""
	}
	m := b.Metrics[i]
	if m.Start < 0 || m.Start > len(b.Text) {
		return ""
	}
	sentence := sentenceBefore(b.Text, m.Start)
	clauses := strings.FieldsFunc(sentence, func(r rune) bool { return strings.ContainsRune("，,：:、", r) })
	subject := ""
	for k := len(clauses) - 1; k >= 0 && k >= len(clauses)-2; k-- {
		c := clauses[k]
		if k < len(clauses)-1 {
			c = beforeNumber(c)
		}
		c = trimSubject(c)
		if utf8.RuneCountInString(c) >= 2 {
			subject = c
			break
		}
	}
	if subject == "" {
		subject, _ = splitLabel(m.Label)
		subject = trimSubject(subject)
	}
	if utf8.RuneCountInString(subject) < 2 {
		return ""
	}
	if rs := []rune(subject); len(rs) > 16 {
		subject = string(rs[len(rs)-16:])
	}
	switch m.Change {
	case corpus.ChangeUp:
		subject += "增长"
	case corpus.ChangeDown:
		subject += "下降"
	}
	return subject
}

// beforeNumber is s up to its first digit or Chinese numeral.
func beforeNumber(s string) string {
	if i := strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsDigit(r) || strings.ContainsRune("一二三四五六七八九十百千万亿两零", r)
	}); i >= 0 {
		return s[:i]
	}
	return s
}

// subjectEnds are dropped from the end of a proposed subject: links and
// change words; subjectStarts from its start: times.
var (
	subjectEnds   = []string{"比上年", "同比", "达到", "超过", "突破", "增加到", "提高到", "控制在", "保持在", "稳定在", "分别", "实际", "累计", "首次", "平均", "为", "达", "约", "近", "共", "的"}
	subjectStarts = []string{"全年", "去年", "今年", "年末", "年均", "全国", "其中", "主要是", "实现"}
)

func trimSubject(s string) string {
	s = strings.TrimSpace(s)
	for changed := true; changed; {
		changed = false
		for _, ws := range [][]string{subjectEnds, riseWords, fallWords, changeWords} {
			for _, w := range ws {
				if t, ok := strings.CutSuffix(s, w); ok {
					s, changed = t, true
				}
			}
		}
		for _, w := range subjectStarts {
			if t, ok := strings.CutPrefix(s, w); ok {
				s, changed = t, true
			}
		}
	}
	return strings.Trim(s, "“”\"'（）() ——")
}
