package index

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"

	"reportsearch/corpus"
	"reportsearch/corpus/fold"
)

// Figures in the query: a stage of parse.go (the figures of a query token)
// and of plan.go (their bleve queries).
//
// Every figure, typed or written in a report, stands for an interval of
// values of its kind, and a typed figure matches a report's figure when
// their intervals overlap:
//
//   - In a report (figureSpan): an exact figure is its value; a range
//     (10-20亿元) is [Low, High]; an approximate one spans the digits its
//     writer rounded away, r being the place of its last non-zero digit
//     (corpus.RoundPlace: 2000 → 1000, 800 → 100, 99% → 1%): above
//     (逾2000件, 800余人次, 超99%) is (v, v+r], the digits 余 and 多 leave
//     unsaid. Below (不到1万) is [v−w, v), near (近3000) [v−w, v] and about
//     (约3000, 3000左右) [v−w/2, v+w/2], w being r but at most a tenth of
//     v (maxShortfall): 近3000 is [2700, 3000], 近3100 [3000, 3100]. So
//     逾2000件 answers >2000件 and never <2000件, and 近3000 answers <3000
//     and ≈3000.
//   - Typed without comparison, a figure names its values at the precision
//     typed, [v, v+step) where step is the place of the last digit typed
//     (corpus.QueryFigure.Step): 4亿 is [4亿, 5亿) and finds 4.3亿元,
//     4.3亿 is [4.3亿, 4.4亿), 37.55亿元 finds exactly it, 2000万 is
//     [2000万, 2001万), 两千万 is [2000万, 3000万) (a Chinese numeral writes
//     no trailing zeros). 九千多万 and 七百多部 are (9000万, 1亿) and (700, 800).
//     Such a figure also matches its own text as a word (15分钟 in a title).
//   - Compared, it is a half line. Bounds are half-open like the money
//     facet's buckets: 以上 includes its figure, 以下 and 以内 do not
//     (100万以下 is (−∞, 100万), 100万以上 [100万, ∞)), and a range typed,
//     X-Y, X到Y, X至Y(之间), is [X, Y): the bucket 100万–1000万元 typed
//     finds what the facet counts. Words that say "or equal" include it:
//     ≥ 不少于 不低于 至少 最少 达到 及以上 (lower); ≤ 不超过 不高于 不多于 至多
//     最多 及以下 (upper). > 超过 超 逾 突破 高于 大于 多于 exclude it below; < 低于
//     小于 少于 不到 不足 exclude it above. 近 and 约, ≈, 左右, 上下 make the
//     typed figure approximate, with the report's intervals above. A
//     lower and an upper bound typed on one kind (5亿以上10亿以下, ≥1亿 ≤10亿)
//     are one range (mergeBounds).
//
// A figure typed with a multiplier and no unit word (74万, 近3.6万, 1亿左右,
// 10-20亿) names no kind: a report writes so both money (投资10亿) and a
// count of people (农村贫困人口减少1386万), so it matches the figures of
// every kind whose base unit a multiplier scales directly, money and counts
// of any counter (bareKinds), by their normalized value: 近3.6万 finds 近3.6万
// people, 3.5万户 and 3.6万元. A unit typed says the kind: 3.6万人 finds
// counts of 人 only, 1亿元 money only.
//
// The query is folded like a report's text (fold.Map: Traditional to
// Simplified, full-width to half-width, zero-width characters dropped)
// before its comparison words, units and numerals are read: 將近百分之三十三
// is 将近百分之三十三, ＞１億 is >1亿.
//
// A number without a unit compared or approximate (<3000, 近3000) ranges
// over every figure's value as written, whatever its kind (writtenField):
// 近3000人 answers <3000 and ≈3000. A bare number (2197, 2023) stays a word
// and matches the text.

// figureFilter is an interval on the normalized value of one metric kind,
// typed in the query box: >1亿元, ≥50家, 1000万-1亿, 超过了10亿, 两千万以上, 4亿 …
type figureFilter struct {
	Text     string // as typed
	Kind     string
	Base     string // base unit; for counts it narrows the kind (家, 次 …)
	Min, Max float64
	MinIncl  bool
	MaxIncl  bool
	hasMin   bool
	hasMax   bool
	// Word is the figure's own text when it was typed without comparison
	// (4亿, 15分钟, 2400多万): a bullet with that text as a word matches
	// too (a figure in a title, or one the text around makes another kind:
	// 2400多万 people).
	Word string
	// Bare is true for a figure typed with a multiplier and no unit word
	// (corpus.QueryFigure.Bare): it ranges over bareKinds, not Kind.
	Bare bool
}

// bareKinds are the figure fields a figure typed with a multiplier and no
// unit word ranges over: the kinds a bare 万 or 亿 in a report is read as
// (money; a count, beside a word for people), whose base units a
// multiplier scales directly.
var bareKinds = []string{kindMoney, kindCount}

// filterOf is the filter of the kind of query figure qf, without bounds.
func filterOf(qf corpus.QueryFigure) figureFilter {
	return figureFilter{Kind: qf.Kind, Base: qf.BaseUnit, Bare: qf.Bare}
}

// figureField is the suffix of the value fields of metric m: its kind, or
// count_<base> for a count.
func figureField(kind, base string) string {
	if kind == kindCount && base != "" {
		return countField(base)
	}
	return kind
}

// writtenField is the figure field of every figure's value as written, of
// any kind, which a number typed without a unit ranges over (<3000, 近3000,
// 37.55): 37.55亿元 is 37.55 there, 近3000人 [2700, 3000].
const writtenField = "written"

// figureFields are the figure fields the filter ranges over: one, or
// bareKinds for a figure typed without a unit word.
func (f figureFilter) figureFields() []string {
	switch {
	case f.Kind == "":
		return []string{writtenField}
	case f.Bare:
		return bareKinds
	}
	return []string{figureField(f.Kind, f.Base)}
}

// fields are the numeric fields sort by value uses for the filter's
// figures: value_ and each of its figure fields.
func (f figureFilter) fields() []string {
	var out []string
	for _, ff := range f.figureFields() {
		out = append(out, valuePrefix+ff)
	}
	return out
}

// takes reports whether a figure of metric m is of the filter's kind.
func (f figureFilter) takes(m corpus.Metric) bool {
	if f.Bare {
		return slices.Contains(bareKinds, m.Kind)
	}
	return m.Kind == f.Kind && (f.Kind != kindCount || f.Base == "" || m.BaseUnit == f.Base)
}

// matches reports whether a bullet's metric satisfies the filter: its
// interval (figureSpan, or writtenSpan for a number without a unit)
// overlaps the filter's.
func (f figureFilter) matches(m corpus.Metric) bool {
	if f.Kind == "" {
		if m.Kind == "" {
			return false
		}
		lo, hi := writtenSpan(m)
		return f.overlaps(lo, hi)
	}
	if !f.takes(m) {
		return false
	}
	lo, hi := figureSpan(m)
	return f.overlaps(lo, hi)
}

// writtenSpan is figureSpan in the figure's Unit as written (37.55亿元:
// 37.55; 10-20亿元: [10, 20]).
func writtenSpan(m corpus.Metric) (lo, hi float64) {
	lo, hi = figureSpan(m)
	if lo == hi {
		return m.Value, m.Value
	}
	scale := 1.0
	if m.Normalized != 0 {
		scale = m.Value / m.Normalized
	}
	lo, hi = lo*scale, hi*scale
	return min(lo, hi), max(lo, hi)
}

// overlaps reports whether the closed interval [lo, hi] meets the filter.
func (f figureFilter) overlaps(lo, hi float64) bool {
	if f.hasMin && (hi < f.Min || (!f.MinIncl && hi == f.Min)) {
		return false
	}
	if f.hasMax && (lo > f.Max || (!f.MaxIncl && lo == f.Max)) {
		return false
	}
	return true
}

// contains reports whether the value v lies in the filter.
func (f figureFilter) contains(v float64) bool { return f.overlaps(v, v) }

// figureSpan is the closed interval of values a report's figure stands for
// (see the file comment); open ends are moved to the next float.
func figureSpan(m corpus.Metric) (lo, hi float64) {
	v := m.Normalized
	if m.Low != 0 || m.High != 0 {
		return min(m.Low, m.High), max(m.Low, m.High)
	}
	r := corpus.RoundPlace(m)
	w := min(r, math.Abs(v)*maxShortfall) // 近1亿 is not 0–1亿
	switch m.Direction {
	case corpus.DirAbove:
		return math.Nextafter(v, math.Inf(1)), max(math.Nextafter(v, math.Inf(1)), v+r)
	case corpus.DirBelow:
		return min(v-w, math.Nextafter(v, math.Inf(-1))), math.Nextafter(v, math.Inf(-1))
	case corpus.DirNear:
		return v - w, v
	case corpus.DirAbout:
		w = min(r/2, math.Abs(v)*maxShortfall)
		return v - w, v + w
	}
	return v, v
}

// maxShortfall bounds how far below its figure a near or below figure
// reaches, and how far either side an about figure does, as a share of the
// figure: a writer says 近1亿 or 不到1万 of 9000多万 or 9000多, not of 2000万
// or 2000.
const maxShortfall = 0.1

// figureOp is a comparison word typed before (>1亿元) or after (10亿以上) a
// figure, and what it makes of it.
type figureOp struct {
	op        string
	lower     bool // a lower bound (else upper)
	inclusive bool
	approx    string // corpus.DirNear or DirAbout: not a bound but an approximation
}

// figurePrefixes are the words typed before a figure, longest first where
// one begins another (不超过 before 超过 before 超).
var figurePrefixes = []figureOp{
	{op: ">=", lower: true, inclusive: true}, {op: "≥", lower: true, inclusive: true}, {op: "＞=", lower: true, inclusive: true},
	{op: "大于等于", lower: true, inclusive: true}, {op: "大于或等于", lower: true, inclusive: true},
	{op: "不少于", lower: true, inclusive: true}, {op: "不低于", lower: true, inclusive: true}, {op: "不小于", lower: true, inclusive: true},
	{op: "至少", lower: true, inclusive: true}, {op: "最少", lower: true, inclusive: true}, {op: "达到", lower: true, inclusive: true},
	{op: "<=", inclusive: true}, {op: "≤", inclusive: true}, {op: "＜=", inclusive: true},
	{op: "小于等于", inclusive: true}, {op: "小于或等于", inclusive: true},
	{op: "不超过", inclusive: true}, {op: "不高于", inclusive: true}, {op: "不多于", inclusive: true}, {op: "不大于", inclusive: true},
	{op: "至多", inclusive: true}, {op: "最多", inclusive: true},
	{op: ">", lower: true}, {op: "＞", lower: true}, {op: "超过", lower: true}, {op: "大于", lower: true}, {op: "多于", lower: true},
	{op: "高于", lower: true}, {op: "突破", lower: true}, {op: "逾", lower: true}, {op: "超", lower: true},
	{op: "<"}, {op: "＜"}, {op: "低于"}, {op: "小于"}, {op: "少于"}, {op: "不足"}, {op: "不到"},
	{op: "将近", approx: corpus.DirNear}, {op: "接近", approx: corpus.DirNear}, {op: "近", approx: corpus.DirNear},
	{op: "大约", approx: corpus.DirAbout}, {op: "约", approx: corpus.DirAbout}, {op: "≈", approx: corpus.DirAbout},
}

// figureSuffixes are the words typed after a figure.
var figureSuffixes = []figureOp{
	{op: "及以上", lower: true, inclusive: true}, {op: "或以上", lower: true, inclusive: true}, {op: "以上", lower: true, inclusive: true},
	{op: "及以下", inclusive: true}, {op: "或以下", inclusive: true}, {op: "以下"}, {op: "以内"},
	{op: "左右", approx: corpus.DirAbout}, {op: "上下", approx: corpus.DirAbout},
}

// rangeSeparators join the two ends of a range typed as two figures
// (1000万-1亿, 10亿到20亿); rangeBefore and rangeAfter wrap a range
// (在10亿到20亿之间, 介于5%至10%).
var (
	rangeSeparators = []string{"-", "－", "~", "～", "–", "—", "至", "到"}
	rangeBefore     = []string{"在", "介于"}
	rangeAfter      = []string{"之间", "以内"}
)

// splitFigures finds the figures of one query token and the words around
// them: 招商>1000万元 is the word 招商 and a filter, 七百多部电梯 a figure
// and 电梯, 超过了10亿 one filter. A token without a figure is one word. A
// range whose ends make no sense (mixed units, low end above the high one)
// is a *QueryError. The token is read folded (將近 is 将近); the words and
// the filters' Text are as typed.
func splitFigures(typed string) (words []string, figs []figureFilter, err error) {
	ft := fold.Map(typed)
	tok := ft.S
	// asTyped is tok[i:j] as typed, trimmed.
	asTyped := func(i, j int) string { return strings.TrimSpace(typed[ft.Source(i):ft.Source(j)]) }
	if f, ok, err := twoEnds(tok, typed); ok || err != nil {
		f.Text = strings.TrimSpace(typed)
		return nil, []figureFilter{f}, err
	}
	qfs := corpus.QueryFigures(tok)
	if len(qfs) == 0 {
		if f, ok := unitless(tok); ok {
			f.Text = strings.TrimSpace(typed)
			return nil, []figureFilter{f}, nil
		}
		return []string{typed}, nil, nil
	}
	pos := 0 // where the text not yet taken starts
	// take ends the text taken at end: the words before the figure
	// (before, which tok[pos:] begins with) and the figure f.
	take := func(before string, end int, f figureFilter) {
		if w := asTyped(pos, pos+len(before)); w != "" {
			words = append(words, w)
		}
		f.Text = asTyped(pos+len(before), end)
		figs = append(figs, f)
		pos = end
	}
	for k := 0; k < len(qfs); k++ {
		qf := qfs[k]
		before := tok[pos:qf.Start]
		end := qf.End
		// two figures joined by a separator: 1000万-1亿, 10亿到20亿
		if k+1 < len(qfs) && qf.Low == 0 && qf.High == 0 {
			if slices.Contains(rangeSeparators, tok[qf.End:qfs[k+1].Start]) && qfs[k+1].Low == 0 && qfs[k+1].High == 0 {
				f, err := typedRange(asTyped(qf.Start, qfs[k+1].End), qf, qfs[k+1])
				if err != nil {
					return nil, nil, err
				}
				end = qfs[k+1].End
				k++
				before, end = trimRange(tok, before, end)
				take(before, end, f)
				continue
			}
		}
		if qf.Low != 0 || qf.High != 0 {
			f := filterOf(qf)
			f.setBound(true, min(qf.Low, qf.High), true)
			f.setBound(false, max(qf.Low, qf.High), false)
			before, end = trimRange(tok, before, end)
			take(before, end, f)
			continue
		}
		f := filterOf(qf)
		rest := strings.TrimSuffix(before, "了") // 超过了10亿
		prefix, hasPrefix := cutOp(rest, figurePrefixes, true)
		hasPrefix = hasPrefix && !corpus.InWordMarker(rest) // 最近3年, 签约39台
		suffix, hasSuffix := cutOp(tok[end:], figureSuffixes, false)
		switch {
		case hasPrefix:
			before = strings.TrimSuffix(rest, prefix.op)
			f.bound(prefix, qf)
		case hasSuffix:
			f.bound(suffix, qf)
		default:
			f.at(qf)
			f.Word = asTyped(qf.Start, qf.End)
		}
		if hasSuffix {
			end += len(suffix.op)
		}
		take(before, end, f)
	}
	if w := asTyped(pos, len(tok)); w != "" {
		words = append(words, w)
	}
	return words, figs, nil
}

// mergeBounds joins a lower bound and an upper bound typed on the same
// figure field into one interval, which one figure must meet: 5亿以上10亿以下
// and ≥1亿 ≤10亿 are a range, not a bullet with a figure above 5亿 and
// another below 10亿. A bound typed without a unit word and one with a unit
// it may be are one range of the latter's kind (5亿以上10亿元以下: money).
// Other filters are kept as typed, in order.
func mergeBounds(figs []figureFilter) []figureFilter {
	var out []figureFilter
	for _, f := range figs {
		merged := false
		for i := range out {
			o := &out[i]
			kind, ok := sameKind(*o, f)
			if o.Word != "" || f.Word != "" || !ok {
				continue
			}
			switch {
			case o.hasMin && !o.hasMax && f.hasMax && !f.hasMin:
				o.Max, o.MaxIncl, o.hasMax = f.Max, f.MaxIncl, true
			case o.hasMax && !o.hasMin && f.hasMin && !f.hasMax:
				o.Min, o.MinIncl, o.hasMin = f.Min, f.MinIncl, true
			default:
				continue
			}
			o.Kind, o.Base, o.Bare = kind.Kind, kind.Base, kind.Bare
			merged = true // Text stays the first's, as typed
			break
		}
		if !merged {
			out = append(out, f)
		}
	}
	return out
}

// sameKind reports whether two filters range over one kind, and which: the
// same kind, or a figure typed without a unit word (Bare) and one with a
// unit of a kind it may be (5亿以上10亿元以下, 1000万-1亿人), which says the
// kind of both. The result has no bounds.
func sameKind(a, b figureFilter) (figureFilter, bool) {
	kindOf := func(f figureFilter) figureFilter { return figureFilter{Kind: f.Kind, Base: f.Base, Bare: f.Bare} }
	switch {
	case a.Kind == "" || b.Kind == "":
		return kindOf(a), a.Kind == b.Kind
	case a.Bare && b.Bare:
		return kindOf(a), true
	case a.Bare:
		return kindOf(b), slices.Contains(bareKinds, b.Kind)
	case b.Bare:
		return kindOf(a), slices.Contains(bareKinds, a.Kind)
	}
	return kindOf(a), a.Kind == b.Kind && a.Base == b.Base
}

// unitless reads a token that is a number without a unit, compared or
// approximate (<3000, 近3000, ≈3000, 超过三千, 3000以上): a filter on the
// figures' values as written, of any kind. A number alone (2197, 2023)
// stays a word.
func unitless(tok string) (figureFilter, bool) {
	rest, op, hasOp := tok, figureOp{}, false
	if o, ok := cutOp(tok, figurePrefixes, false); ok {
		rest, op, hasOp = strings.TrimPrefix(strings.TrimPrefix(tok, o.op), "了"), o, true
	} else if o, ok := cutOp(tok, figureSuffixes, true); ok {
		rest, op, hasOp = strings.TrimSuffix(tok, o.op), o, true
	}
	if !hasOp {
		return figureFilter{}, false
	}
	v, step, round, ok := corpus.ParseQueryNumber(rest)
	if !ok {
		return figureFilter{}, false
	}
	qf := corpus.QueryFigure{Metric: corpus.Metric{Text: rest, Value: v, Normalized: v}, Step: step, Round: round}
	f := figureFilter{Text: tok}
	f.bound(op, qf)
	return f, true
}

// bound makes f the half line or approximation of op at figure qf.
func (f *figureFilter) bound(op figureOp, qf corpus.QueryFigure) {
	if op.approx != "" {
		m := qf.Metric
		m.Direction = op.approx
		lo, hi := figureSpan(m)
		f.setBound(true, lo, true)
		f.setBound(false, hi, true)
		return
	}
	f.setBound(op.lower, qf.Normalized, op.inclusive)
}

// at makes f the values a figure typed without comparison names: those
// it rounds to at the precision typed, or above it for 多 and 余.
func (f *figureFilter) at(qf corpus.QueryFigure) {
	v := qf.Normalized
	f.Word = qf.Text
	if qf.Direction == corpus.DirAbove {
		f.setBound(true, v, false)
		if qf.Round > 0 {
			f.setBound(false, v+qf.Round, false)
		}
		return
	}
	f.setBound(true, v, true)
	if qf.Step > 0 {
		f.setBound(false, v+qf.Step, false)
	} else {
		f.setBound(false, v, true)
	}
}

// typedRange is the range [lo, hi) of two figures joined by a separator;
// text is the range as typed, for errors. An end typed without a unit word takes the other's unit (1000万-1亿元 is
// money, 1000万-1亿人 a count of 人, 700万到800万吨 a weight).
func typedRange(text string, lo, hi corpus.QueryFigure) (figureFilter, error) {
	switch {
	case lo.Bare && !hi.Bare:
		lo = withUnitOf(lo, hi)
	case hi.Bare && !lo.Bare:
		hi = withUnitOf(hi, lo)
	}
	f, ok := sameKind(filterOf(lo), filterOf(hi))
	if !ok {
		return f, &QueryError{Param: "q", Message: "figure range " + text + " mixes units"}
	}
	if lo.Normalized > hi.Normalized {
		return f, &QueryError{Param: "q", Message: "figure range " + text + " has its low end above its high end"}
	}
	f.setBound(true, lo.Normalized, true)
	f.setBound(false, hi.Normalized, false)
	return f, nil
}

// withUnitOf is the figure bare (typed without a unit word) with the unit
// of figure other: 700万 beside 800万吨 is 700万吨.
func withUnitOf(bare, other corpus.QueryFigure) corpus.QueryFigure {
	if other.UnitFactor == 0 {
		return bare
	}
	bare.Kind, bare.BaseUnit, bare.Bare, bare.UnitFactor = other.Kind, other.BaseUnit, false, other.UnitFactor
	bare.Normalized *= other.UnitFactor
	return bare
}

// twoEnds reads a token that is two whole figures around a range
// separator (1000万-1亿), also those the extractor leaves out as no range
// (1亿-1000万, 1亿-50家), which are a *QueryError saying why. tok is
// folded; typed is the token as typed, for errors.
func twoEnds(tok, typed string) (figureFilter, bool, error) {
	for _, sep := range rangeSeparators {
		k := strings.Index(tok, sep)
		if k <= 0 {
			continue
		}
		lo, hi := corpus.QueryFigures(tok[:k]), corpus.QueryFigures(tok[k+len(sep):])
		if len(lo) != 1 || len(hi) != 1 || lo[0].Start != 0 || lo[0].End != k || hi[0].Start != 0 || hi[0].End != len(tok)-k-len(sep) {
			continue
		}
		hi[0].Start, hi[0].End = hi[0].Start+k+len(sep), hi[0].End+k+len(sep)
		f, err := typedRange(strings.TrimSpace(typed), lo[0], hi[0])
		return f, true, err
	}
	return figureFilter{}, false, nil
}

// trimRange takes the words around a range (在 … 之间) into it: it returns
// what is left of before and the range's new end.
// A word of approximation before a range (约10-20亿, 大约10亿到20亿) is taken
// too: a range is already an interval of values.
func trimRange(tok, before string, end int) (string, int) {
	if op, ok := cutOp(before, figurePrefixes, true); ok && op.approx != "" && !corpus.InWordMarker(before) {
		before = strings.TrimSuffix(before, op.op)
	}
	if w, ok := cutAny(before, rangeBefore, true); ok {
		before = strings.TrimSuffix(before, w)
	}
	if w, ok := cutAny(tok[end:], rangeAfter, false); ok {
		end += len(w)
	}
	return before, end
}

// thousandsComma reports whether the comma rs[j] separates thousands of one
// number, as the reports of the 1950s–1980s write them (6，600个, 3,295,000元):
// a group of one to three digits before it (the first, or one after another
// such comma) and exactly three after it. A comma between other numbers
// (2023，100个) separates the query's terms.
func thousandsComma(rs []rune, j int) bool {
	if rs[j] != ',' && rs[j] != '，' {
		return false
	}
	isDigit := func(k int) bool {
		if k < 0 || k >= len(rs) {
			return false
		}
		r := fold.Rune(rs[k])
		return r >= '0' && r <= '9'
	}
	before := 0
	for isDigit(j - 1 - before) {
		before++
	}
	if before == 0 || before > 3 {
		return false
	}
	if k := j - 1 - before; k >= 0 && (rs[k] == ',' || rs[k] == '，') && !thousandsComma(rs, k) {
		return false
	}
	return isDigit(j+1) && isDigit(j+2) && isDigit(j+3) && !isDigit(j+4)
}

// cutOp returns the operator s ends with (suffix true: typed before a
// figure) or begins with, the longest one.
func cutOp(s string, ops []figureOp, atEnd bool) (figureOp, bool) {
	best, found := figureOp{}, false
	for _, op := range ops {
		ok := strings.HasPrefix(s, op.op)
		if atEnd {
			ok = strings.HasSuffix(s, op.op)
		}
		if ok && len(op.op) > len(best.op) {
			best, found = op, true
		}
	}
	return best, found
}

// cutAny returns the word of ws that s ends with (atEnd) or begins with.
func cutAny(s string, ws []string, atEnd bool) (string, bool) {
	for _, w := range ws {
		if atEnd && strings.HasSuffix(s, w) || !atEnd && strings.HasPrefix(s, w) {
			return w, true
		}
	}
	return "", false
}

func isBareNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.') {
			return false
		}
	}
	return true
}

func (f *figureFilter) setBound(lower bool, v float64, incl bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	if lower {
		f.Min, f.MinIncl, f.hasMin = v, incl, true
	} else {
		f.Max, f.MaxIncl, f.hasMax = v, incl, true
	}
}

// The numeric fields a figure filter ranges over, for each figure field F
// (a kind, or count_<base>): at_F holds the exact figures' values; the
// figures with a span (approximate ones and ranges: figureSpan) are
// numbered in each bullet, and the k-th one's span ends go to loK_F and
// hiK_F (spanFields), so that a query pairs the two ends of one figure and
// never the low end of one with the high end of another (12万元以上 and
// 超过90万亿元 are not a figure between 100万 and 1000万). A bullet has at
// most maxSpanSlots such pairs per field: its further spans share the last
// pair, where ends may pair across figures (a paragraph with more than 16
// approximate figures of one kind).
const (
	atPrefix     = "at_"
	maxSpanSlots = 16
)

// spanFields are the fields of the k-th span of figure field F.
func spanFields(k int, field string) (lo, hi string) {
	n := strconv.Itoa(k)
	return "lo" + n + "_" + field, "hi" + n + "_" + field
}

// rangeOn is a numeric range query on field, open ends unbounded.
func rangeOn(field string, lo, hi *float64, loIncl, hiIncl bool) query.Query {
	q := query.NewNumericRangeInclusiveQuery(lo, hi, &loIncl, &hiIncl)
	q.SetField(field)
	q.SetBoost(filterBoost)
	return q
}

// spanQuery matches the bullets having a figure of field (a figure field:
// a kind or count_<base>) whose span overlaps the filter: an exact value
// inside it, or a span (one of the index's spans pairs) meeting it.
func (f figureFilter) spanQuery(field string, spans int) query.Query {
	var lo, hi *float64
	if f.hasMin {
		lo = &f.Min
	}
	if f.hasMax {
		hi = &f.Max
	}
	qs := []query.Query{rangeOn(atPrefix+field, lo, hi, f.MinIncl, f.MaxIncl)}
	for k := range spans {
		loField, hiField := spanFields(k, field)
		var span []query.Query
		if f.hasMax {
			span = append(span, rangeOn(loField, nil, hi, false, f.MaxIncl))
		}
		if f.hasMin {
			span = append(span, rangeOn(hiField, lo, nil, f.MinIncl, false))
		}
		if len(span) == 0 {
			span = append(span, rangeOn(loField, nil, nil, false, false))
		}
		qs = append(qs, conjunction(span...))
	}
	return disjunction(1, qs...)
}

// figureQuery is the bleve query of a figure filter: its span query, or
// for a figure typed without comparison that or its text as a word.
func (ix *Index) figureQuery(f figureFilter) query.Query {
	var qs []query.Query
	for _, field := range f.figureFields() {
		qs = append(qs, f.spanQuery(field, ix.meta.Spans))
	}
	q := qs[0]
	if len(qs) > 1 {
		q = disjunction(1, qs...)
	}
	if f.Word == "" {
		return q
	}
	if w := tokensClause(ix.analyze(f.Word), 1); w != nil {
		return query.NewDisjunctionQuery([]query.Query{q, w})
	}
	return q
}

// boundFilters are the request's bounds on a figure's value (Request.Min,
// Max, inclusive) as figure filters, one per kind of the request (every
// kind of the index when none is given).
func (ix *Index) boundFilters(req Request) []figureFilter {
	if req.Min == nil && req.Max == nil {
		return nil
	}
	kinds := req.Kinds
	if len(kinds) == 0 {
		kinds = ix.meta.Kinds
	}
	var out []figureFilter
	for _, k := range kinds {
		f := figureFilter{Kind: k}
		if req.Min != nil {
			f.setBound(true, *req.Min, true)
		}
		if req.Max != nil {
			f.setBound(false, *req.Max, true)
		}
		out = append(out, f)
	}
	return out
}

// boundQuery matches the bullets having a figure within the request's
// bounds, nil when it has none.
func (ix *Index) boundQuery(req Request) query.Query {
	fs := ix.boundFilters(req)
	if fs == nil {
		return nil
	}
	var qs []query.Query
	for _, f := range fs {
		qs = append(qs, f.spanQuery(f.Kind, ix.meta.Spans))
	}
	if len(qs) == 0 {
		return query.NewMatchNoneQuery()
	}
	return disjunction(1, qs...)
}
