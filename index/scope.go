package index

import (
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
)

// A word of the query may name reports rather than words of their text: a
// region (黑龙江 names the 黑龙江省 report, whose passages say 全省 or 龙江,
// not 黑龙江) or a year (2003 names the reports delivered in 2003, which
// plan it, and in 2004, which review it). Such a word matches, besides the
// passages that contain it, every passage of the reports it names, a
// little lower (reportScopeBoost): 黑龙江 粮食产量 finds the province's own
// passages on grain output first, and passages elsewhere that name the
// province with the topic still match.

// reportScopeBoost weighs a passage's matching a word by its report against
// matching it in its text (boost 1).
const reportScopeBoost = 0.3

// adminSuffixes end the names of regions: a query word followed by one of
// them names that region (内蒙古 → 内蒙古自治区, 上海 → 上海市).
var adminSuffixes = []string{"维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "省", "市", "区", "县", "镇", "乡"}

// regionParts cuts a region into its administrative parts, each ending
// with a suffix: 上海市闵行区华漕镇 → 上海市, 闵行区, 华漕镇. A region with
// no suffix (全国) has none.
func regionParts(region string) []string {
	var parts []string
	rest := region
	for rest != "" {
		cut := -1
		for i := range rest {
			for _, s := range adminSuffixes {
				if strings.HasPrefix(rest[i:], s) && i > 0 {
					cut = i + len(s)
					break
				}
			}
			if cut >= 0 {
				break
			}
		}
		if cut < 0 {
			break
		}
		parts = append(parts, rest[:cut])
		rest = rest[cut:]
	}
	return parts
}

// namesRegion reports whether word names the region part: the part itself,
// or the part without its suffix (of at least two characters).
func namesRegion(word, part string) bool {
	if word == part {
		return true
	}
	for _, s := range adminSuffixes {
		if base, ok := strings.CutSuffix(part, s); ok && base == word && len([]rune(base)) >= 2 {
			return true
		}
	}
	return false
}

// scopedReports returns the reports a query word names: by region or by
// year (the year delivered or the one before, which the report reviews).
func (ix *Index) scopedReports(word string) []string {
	var out []string
	year := 0
	if len(word) == 4 {
		if y, err := strconv.Atoi(word); err == nil && y >= MinYear {
			year = y
		}
	}
	for _, r := range ix.meta.ReportInfo {
		switch {
		case year != 0 && r.Year != 0 && (r.Year == year || r.Year == year+1):
			out = append(out, r.ID)
		case year == 0 && r.Region != "":
			for _, p := range regionParts(r.Region) {
				if namesRegion(word, p) {
					out = append(out, r.ID)
					break
				}
			}
		}
	}
	if len(out) == len(ix.meta.ReportInfo) {
		return nil // names every report: no narrowing, no ranking
	}
	return out
}

// withReportScope returns the clause of a query word, widened to the
// passages of the reports the word names (see scopedReports); q unchanged
// when it names none.
func (ix *Index) withReportScope(word string, q query.Query) query.Query {
	if len(ix.meta.ReportInfo) < 2 {
		return q
	}
	reps := ix.scopedReports(word)
	if len(reps) == 0 {
		return q
	}
	qs := []query.Query{q}
	for _, r := range reps {
		qs = append(qs, termQuery(fieldReport, r, reportScopeBoost))
	}
	return disjunction(1, qs...)
}
