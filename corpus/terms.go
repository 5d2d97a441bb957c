package corpus

import (
	"strings"
	"unicode/utf8"
)

// HarvestTerms returns the terms text puts in quotes (“…”, ‘…’, 「…」, 『…』) or
// in title marks (《…》, 〈…〉) that are 2 to 10 characters long and not
// only digits or punctuation, in order of first appearance and without
// repeats. The index adds them to its dictionary so that a report's own terms
// (“一网通办”, “城中村”) are kept whole.
func HarvestTerms(text string) []string {
	pairs := map[rune]rune{'“': '”', '‘': '’', '「': '」', '『': '』', '《': '》', '〈': '〉'}
	var out []string
	seen := map[string]bool{}
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		closer, ok := pairs[rs[i]]
		if !ok {
			continue
		}
		for j := i + 1; j < len(rs) && j <= i+11; j++ {
			if rs[j] == closer {
				term := strings.TrimSpace(string(rs[i+1 : j]))
				n := utf8.RuneCountInString(term)
				if n >= 2 && n <= 10 && hasLetter(term) && !seen[term] {
					seen[term] = true
					out = append(out, term)
				}
				break
			}
			if _, nested := pairs[rs[j]]; nested || rs[j] == '\n' {
				break
			}
		}
	}
	return out
}
