package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
		if !plus && (r == '-' || r == '－') && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && !isSeparator(rs[i+1]) {
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
		for j < len(rs) && !unicode.IsSpace(rs[j]) && (!isSeparator(rs[j]) || thousandsComma(rs, j)) {
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
		words, figs, err := splitFigures(tok)
		if err != nil {
			return p, err
		}
		for range len(words) + len(figs) - 1 { // 七百多部电梯: a figure and a word
			if err := add(); err != nil {
				return p, err
			}
		}
		for _, w := range words {
			p.Words = append(p.Words, w)
			p.Plus = append(p.Plus, plus)
		}
		p.Figures = append(p.Figures, figs...)
	}
	p.Figures = mergeBounds(p.Figures)
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
