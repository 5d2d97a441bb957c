package index

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"reportsearch/corpus"
)

// parsedQuery is the user's query string taken apart. It is never bleve
// syntax: every part becomes a query we build ourselves.
type parsedQuery struct {
	Words    []string // plain words, each cut into units (see Index.units)
	Plus     []bool   // Plus[i]: Words[i] was typed +word, required in every tier
	Phrases  []string // "quoted" (or “quoted”) text: must match as a phrase
	Excluded []string // -word or -"phrase": must not match
	Figures  []figureFilter
}

func (p parsedQuery) empty() bool {
	return len(p.Words) == 0 && len(p.Phrases) == 0 && len(p.Excluded) == 0 && len(p.Figures) == 0
}

// figureFilter is a range on the normalized value of one metric kind, typed
// in the query box as >1亿元, ≥50家, 1000万-1亿, 超过10亿, 10亿以上 …
type figureFilter struct {
	Text     string // as typed
	Kind     string
	Base     string // base unit; for counts it narrows the kind (家, 次 …)
	Min, Max float64
	MinIncl  bool
	MaxIncl  bool
	hasMin   bool
	hasMax   bool
}

// field is the numeric field the filter ranges over.
func (f figureFilter) field() string {
	if f.Kind == kindCount && f.Base != "" {
		return valuePrefix + countField(f.Base)
	}
	return valuePrefix + f.Kind
}

// matches reports whether a bullet's metric satisfies the filter.
func (f figureFilter) matches(m corpus.Metric) bool {
	if m.Kind != f.Kind || (f.Kind == kindCount && f.Base != "" && m.BaseUnit != f.Base) {
		return false
	}
	return f.contains(m.Normalized)
}

func (f figureFilter) contains(v float64) bool {
	if f.hasMin && (v < f.Min || (!f.MinIncl && v == f.Min)) {
		return false
	}
	if f.hasMax && (v > f.Max || (!f.MaxIncl && v == f.Max)) {
		return false
	}
	return true
}

// parseQuery splits a query string into words, phrases, exclusions and figure
// filters. Errors are *QueryError with Param "q".
func parseQuery(q string) (parsedQuery, error) {
	var p parsedQuery
	if !utf8.ValidString(q) {
		return p, &QueryError{Param: "q", Message: "query is not valid UTF-8"}
	}
	if n := utf8.RuneCountInString(q); n > MaxQueryRunes {
		return p, &QueryError{Param: "q", Message: "query is too long: " + itoa(n) + " characters, at most " + itoa(MaxQueryRunes)}
	}
	rs := []rune(q)
	count := 0
	add := func() error {
		count++
		if count > MaxTerms {
			return &QueryError{Param: "q", Message: "too many terms: at most " + itoa(MaxTerms)}
		}
		return nil
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		if unicode.IsSpace(r) || isSeparator(r) {
			i++
			continue
		}
		neg, plus := false, false
		if (r == '+' || r == '＋') && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && !isSeparator(rs[i+1]) {
			plus = true
			i++
			r = rs[i]
		}
		if !plus && (r == '-' || r == '－') && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && !isSeparator(rs[i+1]) && !unicode.IsDigit(rs[i+1]) {
			neg = true
			i++
			r = rs[i]
		}
		if close, ok := quoteClose(r); ok {
			j := i + 1
			for j < len(rs) && rs[j] != close && !(close == '"' && rs[j] == '”') {
				j++
			}
			text := strings.TrimSpace(string(rs[i+1 : min(j, len(rs))]))
			i = j + 1
			if text == "" {
				continue
			}
			if err := add(); err != nil {
				return p, err
			}
			if neg {
				p.Excluded = append(p.Excluded, text)
			} else {
				p.Phrases = append(p.Phrases, text)
			}
			continue
		}
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) && !isSeparator(rs[j]) {
			if _, ok := quoteClose(rs[j]); ok && j > i {
				break
			}
			j++
		}
		tok := string(rs[i:j])
		i = j
		if err := add(); err != nil {
			return p, err
		}
		if neg {
			p.Excluded = append(p.Excluded, tok)
			continue
		}
		word, fig, ok, err := splitFigure(tok)
		if err != nil {
			return p, err
		}
		if !ok {
			p.Words = append(p.Words, tok)
			p.Plus = append(p.Plus, plus)
			continue
		}
		if word != "" {
			p.Words = append(p.Words, word)
			p.Plus = append(p.Plus, plus)
		}
		p.Figures = append(p.Figures, fig)
	}
	return p, nil
}

// errNothingToSearch is the error for a query with text but nothing to
// search for in it: operators, quotes or punctuation alone (+, :, *, "", --).
func errNothingToSearch() error {
	return &QueryError{Param: "q", Message: "nothing to search for: the query has no word, phrase or figure, only operators, quotes or punctuation"}
}

func isSeparator(r rune) bool {
	switch r {
	case '，', ',', '、', '；', ';', '。', '　':
		return true
	}
	return false
}

// quoteClose returns the closing quote for an opening quote.
func quoteClose(r rune) (rune, bool) {
	switch r {
	case '"':
		return '"', true
	case '“':
		return '”', true
	case '「':
		return '」', true
	}
	return 0, false
}

// figureOp is an operator typed before (>1亿元) or after (10亿以上) a figure,
// and the bound it makes.
type figureOp struct {
	op        string
	lower     bool // a lower bound (else upper)
	inclusive bool
}

var figurePrefixes = []figureOp{
	{">=", true, true}, {"≥", true, true}, {"＞=", true, true}, {"不少于", true, true}, {"不低于", true, true},
	{"至少", true, true}, {"大于等于", true, true},
	{">", true, false}, {"＞", true, false}, {"超过", true, false}, {"大于", true, false}, {"多于", true, false},
	{"高于", true, false}, {"超", true, false},
	{"<=", false, true}, {"≤", false, true}, {"＜=", false, true}, {"不超过", false, true}, {"不高于", false, true},
	{"至多", false, true}, {"小于等于", false, true}, {"不多于", false, true},
	{"<", false, false}, {"＜", false, false}, {"低于", false, false}, {"小于", false, false}, {"少于", false, false},
	{"不足", false, false}, {"不到", false, false},
}

var figureSuffixes = []figureOp{
	{"及以上", true, true}, {"或以上", true, true}, {"以上", true, true},
	{"及以下", false, true}, {"或以下", false, true}, {"以下", false, true}, {"以内", false, true},
}

var rangeSeparators = []string{"-", "－", "~", "～", "–", "—", "至", "到"}

// splitFigure recognizes a figure filter in one query token, possibly after a
// word typed without a space (招商>1000万元). ok is false when tok is not a
// filter: a bare figure (37.55亿元) stays a word. A figure that parses but
// whose bounds make no sense is a *QueryError.
func splitFigure(tok string) (word string, f figureFilter, ok bool, err error) {
	// operators typed after a word: 招商>1000万元
	if k := strings.IndexAny(tok, "<>≥≤＞＜"); k > 0 {
		if f, ok, err := parseFigure(tok[k:]); ok || err != nil {
			return tok[:k], f, ok, err
		}
	}
	f, ok, err = parseFigure(tok)
	return "", f, ok, err
}

func parseFigure(tok string) (figureFilter, bool, error) {
	f := figureFilter{Text: tok}
	// bound makes a one-sided filter of an operator and the figure beside it.
	bound := func(op figureOp, figure string) (figureFilter, bool, error) {
		m, ok := corpus.ParseFigure(strings.TrimSpace(figure))
		if !ok || m.Kind == "" {
			return f, false, nil
		}
		f.Kind, f.Base = m.Kind, m.BaseUnit
		f.setBound(op.lower, m.Normalized, op.inclusive)
		return f, true, nil
	}
	for _, op := range figurePrefixes {
		if rest, found := strings.CutPrefix(tok, op.op); found {
			return bound(op, rest)
		}
	}
	for _, op := range figureSuffixes {
		if rest, found := strings.CutSuffix(tok, op.op); found {
			return bound(op, rest)
		}
	}
	for _, sep := range rangeSeparators {
		k := strings.Index(tok, sep)
		if k <= 0 || k+len(sep) >= len(tok) {
			continue
		}
		lo, hi := tok[:k], tok[k+len(sep):]
		mhi, ok := corpus.ParseFigure(hi)
		if !ok || mhi.Kind == "" {
			continue
		}
		if isBareNumber(lo) && mhi.Unit != "" {
			lo += mhi.Unit // 1000-2000万元: the low end takes the high end's unit
		}
		mlo, ok := corpus.ParseFigure(lo)
		if !ok {
			continue
		}
		if mlo.Kind != "" && (mlo.Kind != mhi.Kind || mlo.BaseUnit != mhi.BaseUnit) {
			return f, false, &QueryError{Param: "q", Message: "figure range " + tok + " mixes units"}
		}
		if mlo.Normalized > mhi.Normalized {
			return f, false, &QueryError{Param: "q", Message: "figure range " + tok + " has its low end above its high end"}
		}
		f.Kind, f.Base = mhi.Kind, mhi.BaseUnit
		f.setBound(true, mlo.Normalized, true)
		f.setBound(false, mhi.Normalized, true)
		return f, true, nil
	}
	return f, false, nil
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
