package analyzer

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"reportsearch/corpus/fold"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// TokenizerName is the index-side tokenizer: words, numbers with their
// units, and Latin words, each followed by its sub-words at the same
// position.
const TokenizerName = "reportsearch_zh_tokenizer"

// QueryTokenizerName is the query-side tokenizer: the same words without
// sub-words.
const QueryTokenizerName = "reportsearch_zh_query_tokenizer"

// Tokenizer segments text with gse's shortest-path method: each run of Han
// characters is cut into the sequence of dictionary words of greatest
// probability (characters not in the dictionary stand alone), after folding
// characters (see FoldFilter) so that full-width and Traditional text
// segments as Simplified text does. Offsets point into the original text.
//
// A number is one token with its decimals (35.6) and, when a unit follows,
// one token with it (2.76亿元, 35.6%). In search mode (the index side) a
// word is followed at its own position by its sub-words, the words gse's
// search mode finds inside it (高新技术企业: 高新技术, 高新, 技术, 企业), and a
// number with a unit by the number and the unit.
//
// Terms are the text as written: FoldFilter normalises them.
type Tokenizer struct {
	// Search emits sub-words (index side).
	Search bool
	// Dict is the vocabulary; nil means DefaultDictionary.
	Dict *Dictionary
}

// TokenizerConstructor builds the index-side tokenizer over the embedded
// words and the words listed in config[WordsConfig], if any.
func TokenizerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Tokenizer, error) {
	d, err := dictionaryOfConfig(config)
	if err != nil {
		return nil, err
	}
	return &Tokenizer{Search: true, Dict: d}, nil
}

// QueryTokenizerConstructor builds the query-side tokenizer, with the words
// of config[WordsConfig] as TokenizerConstructor.
func QueryTokenizerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Tokenizer, error) {
	d, err := dictionaryOfConfig(config)
	if err != nil {
		return nil, err
	}
	return &Tokenizer{Search: false, Dict: d}, nil
}

// Tokenize implements analysis.Tokenizer.
func (t *Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	d := t.Dict
	if d == nil {
		d = DefaultDictionary()
	}
	s := scanner{in: input, search: t.Search, dict: d}
	s.run()
	return s.out
}

// scanners keeps the buffers of finished IndexTokens calls for the next.
var scanners = sync.Pool{New: func() any { return new(scanner) }}

// IndexTokens calls fn for every token the index-side analyzer over d
// (d.Analyzer(true)) makes of text, in order, with the same folded term,
// byte offsets and position (a sub-word has its word's position): the
// analyzer without a token stream, reusing its buffers from call to call,
// for an indexer that keeps counts and locations rather than tokens. term
// points into text unless folding changed it; neither may be changed.
func (d *Dictionary) IndexTokens(text []byte, fn func(term []byte, start, end, position int)) {
	s := scanners.Get().(*scanner)
	*s = scanner{
		in: text, search: true, dict: d, emitFn: fn,
		runes: s.runes[:0], offs: s.offs[:0],
		runMatches: s.runMatches[:0], matchAt: s.matchAt[:0],
		spans: s.spans[:0], best: s.best, from: s.from, matches: s.matches[:0],
	}
	s.run()
	s.in, s.emitFn, s.dict = nil, nil, nil
	if cap(s.runes) > 1<<16 {
		*s = scanner{} // a very long text: do not keep its buffers
	}
	scanners.Put(s)
}

// scanner holds the state of one tokenization.
type scanner struct {
	in     []byte
	search bool
	dict   *Dictionary
	runes  []rune // folded characters
	offs   []int  // offs[i] is the byte offset of runes[i]; offs[len(runes)] = len(in)
	out    analysis.TokenStream
	pos    int
	emitFn func(term []byte, start, end, position int) // if set, tokens go here (IndexTokens), not to out

	// tokens not handed out yet, allocated in chunks
	slab []analysis.Token

	// The dictionary words found at each character of the Han run being
	// segmented, [runStart, runEnd) when inRun: those at runStart+k are
	// runMatches[matchAt[k]:matchAt[k+1]]. The sub-words of a word are
	// among them, so its segmentation needs no lookups.
	inRun            bool
	runStart, runEnd int
	runMatches       []match
	matchAt          []int32

	// buffers reused by segment
	spans   [][2]int // a stack: segment appends, its callers truncate
	best    []float32
	from    []int
	matches []match
}

// class of a folded character.
const (
	clOther = iota
	clHan
	clDigit
	clAlnum // letters, marks and non-ASCII digits of alphabetic scripts
)

func classOf(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return clDigit
	case r < 0x80:
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return clAlnum
		}
		return clOther
	case r == utf8.RuneError:
		return clOther
	case isHan(r):
		return clHan
	case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
		return clAlnum
	}
	return clOther
}

func (s *scanner) run() {
	if s.runes == nil {
		s.runes = make([]rune, 0, len(s.in)/2)
		s.offs = make([]int, 0, len(s.in)/2+1)
	}
	for i := 0; i < len(s.in); {
		r, n := utf8.DecodeRune(s.in[i:])
		if !fold.Ignorable(r) { // a zero-width space inside 养老 splits nothing
			s.runes = append(s.runes, foldRune(r))
			s.offs = append(s.offs, i)
		}
		i += n
	}
	s.offs = append(s.offs, len(s.in))
	if s.emitFn == nil {
		s.out = make(analysis.TokenStream, 0, len(s.in)/4+1)
	}
	n := len(s.runes)
	for i := 0; i < n; {
		switch classOf(s.runes[i]) {
		case clHan:
			j := i + 1
			for j < n && classOf(s.runes[j]) == clHan {
				j++
			}
			s.han(i, j)
			i = j
		case clDigit:
			i = s.number(i)
		case clAlnum:
			j := i + 1
			for j < n && (classOf(s.runes[j]) == clAlnum || classOf(s.runes[j]) == clDigit) {
				j++
			}
			s.emit(i, j, analysis.AlphaNumeric, false)
			i = j
		default:
			i++
		}
	}
}

// emit appends the token for runes [i, j); a sub-word takes the position
// of the token before it.
func (s *scanner) emit(i, j int, typ analysis.TokenType, sub bool) {
	if !sub {
		s.pos++
	}
	start, end := s.offs[i], s.offs[j]
	if s.emitFn != nil {
		s.emitFn(foldTerm(s.in[start:end:end]), start, end, s.pos)
		return
	}
	if len(s.slab) == 0 {
		s.slab = make([]analysis.Token, min(max(len(s.in)/4, 16), 512))
	}
	t := &s.slab[0]
	s.slab = s.slab[1:]
	*t = analysis.Token{
		Term:     s.in[start:end:end],
		Start:    start,
		End:      end,
		Position: s.pos,
		Type:     typ,
	}
	s.out = append(s.out, t)
}

// han segments the run of Han characters [i, j).
func (s *scanner) han(i, j int) {
	s.lookupRun(i, j)
	defer func() { s.inRun = false }()
	top := len(s.spans)
	s.segment(i, j, false)
	for k := top; k < len(s.spans); k++ {
		w := s.spans[k]
		s.emit(w[0], w[1], analysis.Ideographic, false)
		if s.search {
			s.subwords(w[0], w[1])
		}
	}
	s.spans = s.spans[:top]
}

// subwords emits the sub-words of the word [i, j): the words of two or more
// characters of its segmentation without itself, and theirs.
func (s *scanner) subwords(i, j int) {
	if j-i < 3 {
		return
	}
	top := len(s.spans)
	s.segment(i, j, true)
	for k := top; k < len(s.spans); k++ {
		w := s.spans[k]
		if w[1]-w[0] >= 2 && !s.cutsNumeral(w[0]) && !s.cutsNumeral(w[1]) {
			s.emit(w[0], w[1], analysis.Ideographic, true)
			s.subwords(w[0], w[1])
		}
	}
	s.spans = s.spans[:top]
}

// cutsNumeral reports whether a boundary before character k falls inside a
// Chinese numeral: a sub-word must not start or end there (十大 is not a
// sub-word of 二十大, nor 二次 of 第十二次).
func (s *scanner) cutsNumeral(k int) bool {
	return k > 0 && k < len(s.runes) && isNumeral(s.runes[k-1]) && isNumeral(s.runes[k])
}

func isNumeral(r rune) bool {
	return strings.ContainsRune("〇零一二两三四五六七八九十百千万亿", r)
}

// lookupRun finds the dictionary words at each character of the Han run
// [i, j) for segment.
func (s *scanner) lookupRun(i, j int) {
	s.inRun, s.runStart, s.runEnd = false, i, j
	if j-i < 2 {
		return
	}
	ms, mat := s.runMatches[:0], s.matchAt[:0]
	for k := i; k < j; k++ {
		mat = append(mat, int32(len(ms)))
		ms = s.dict.lookup(s.runes[k:j], ms)
	}
	s.runMatches, s.matchAt = ms, append(mat, int32(len(ms)))
	s.inRun = true
}

// segment cuts the Han characters [i, j) into the most probable sequence of
// words (gse's shortest path: the sum of -log2 p(word) is smallest). With
// sub set, the whole span is not a candidate. It appends the words' rune
// spans to s.spans.
func (s *scanner) segment(i, j int, sub bool) {
	n := j - i
	if n == 1 {
		s.spans = append(s.spans, [2]int{i, j})
		return
	}
	cached := s.inRun && s.runStart <= i && j <= s.runEnd
	best := grow(s.best, n+1)
	from := grow(s.from, n+1)
	s.best, s.from = best, from
	best[0] = 0
	for k := 1; k <= n; k++ {
		best[k] = math.MaxFloat32
	}
	for k := 0; k < n; k++ {
		base := best[k]
		single := false
		var ms []match
		if cached {
			c := i - s.runStart + k
			ms = s.runMatches[s.matchAt[c]:s.matchAt[c+1]]
		} else {
			s.matches = s.dict.lookup(s.runes[i+k:j], s.matches[:0])
			ms = s.matches
		}
		for _, m := range ms {
			e := k + m.nrunes
			if e > n || sub && k == 0 && e == n {
				continue
			}
			if m.nrunes == 1 {
				single = true
			}
			if d := base + m.dist; d < best[e] {
				best[e], from[e] = d, k
			}
		}
		if !single {
			if d := base + unknownDist; d < best[k+1] {
				best[k+1], from[k+1] = d, k
			}
		}
	}
	top := len(s.spans)
	for e := n; e > 0; e = from[e] {
		s.spans = append(s.spans, [2]int{i + from[e], i + e})
	}
	spans := s.spans[top:]
	for a, b := 0, len(spans)-1; a < b; a, b = a+1, b-1 {
		spans[a], spans[b] = spans[b], spans[a]
	}
}

// grow returns b resized to n, reusing its storage when it can.
func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// magnitudes may follow a number before its unit (2.76亿元, 4万余户).
var magnitudes = []rune{'万', '亿', '千', '百'}

// units are the measure words and units that join the number before them
// into one token. Longer units come first where one is a prefix of another.
var units = []string{
	"平方公里", "平方米", "立方米", "千瓦时", "千瓦", "公里", "公顷", "千米", "米", "亩", "吨",
	"个百分点", "百分点", "个月", "人次", "户次", "号线", "小时", "分钟",
	"美元", "元", "家", "个", "人", "户", "名", "位", "所", "项", "件", "次", "场", "台",
	"辆", "部", "处", "座", "条", "张", "套", "间", "栋", "幢", "批", "类", "年", "月",
	"日", "天", "周", "岁", "期", "届", "倍", "号", "册", "本", "篇", "份", "支", "队",
	"组", "轮", "棵", "株", "盏", "层", "床", "路",
}

// number tokenizes the number starting at i and returns where it ends.
func (s *scanner) number(i int) int {
	n := len(s.runes)
	j := i
	for j < n && classOf(s.runes[j]) == clDigit {
		j++
	}
	if j+1 < n && s.runes[j] == '.' && classOf(s.runes[j+1]) == clDigit {
		j += 2
		for j < n && classOf(s.runes[j]) == clDigit {
			j++
		}
	}
	if j < n && classOf(s.runes[j]) == clAlnum { // 5G, 3D: a Latin word
		for j < n && (classOf(s.runes[j]) == clAlnum || classOf(s.runes[j]) == clDigit) {
			j++
		}
		s.emit(i, j, analysis.AlphaNumeric, false)
		return j
	}
	numEnd := j
	unitStart, unitEnd := s.unit(j)
	if unitEnd == j {
		s.emit(i, j, analysis.Numeric, false)
		return j
	}
	s.emit(i, unitEnd, analysis.Numeric, false)
	if s.search {
		s.emit(i, numEnd, analysis.Numeric, true)
		// the number with its magnitude: 2.76亿 in 2.76亿元
		magEnd := numEnd
		for magEnd < unitEnd && isMagnitude(s.runes[magEnd]) {
			magEnd++
		}
		if magEnd > numEnd && magEnd < unitEnd {
			s.emit(i, magEnd, analysis.Numeric, true)
		}
		if s.runes[unitStart] != '%' && s.runes[unitStart] != '‰' {
			s.emit(unitStart, unitEnd, analysis.Ideographic, true)
			s.subwords(unitStart, unitEnd)
		}
	}
	return unitEnd
}

func isMagnitude(r rune) bool {
	for _, m := range magnitudes {
		if r == m {
			return true
		}
	}
	return false
}

// unit finds the unit after a number ending at j: a percent or per-mille
// sign, or up to two magnitudes, an optional 余/多 and a unit from units. It
// returns the span of the unit proper (without 余/多) and where it ends; end
// == j when there is none.
func (s *scanner) unit(j int) (start, end int) {
	n := len(s.runes)
	if j < n && (s.runes[j] == '%' || s.runes[j] == '‰') {
		return j, j + 1
	}
	k := j
	for k < n && k < j+2 && isMagnitude(s.runes[k]) {
		k++
	}
	mag := k
	if k < n && (s.runes[k] == '余' || s.runes[k] == '多') {
		k++
	}
	for _, u := range units {
		if s.hasAt(k, u) {
			end = k + utf8.RuneCountInString(u)
			if mag > j {
				// 4万余户: the unit is 户; 2.76亿元: 亿元
				if k > mag {
					return k, end
				}
				return j, end
			}
			return k, end
		}
	}
	if mag > j {
		return j, mag
	}
	return j, j
}

// hasAt reports whether the folded characters at k spell u.
func (s *scanner) hasAt(k int, u string) bool {
	for _, r := range u {
		if k >= len(s.runes) || s.runes[k] != r {
			return false
		}
		k++
	}
	return true
}
