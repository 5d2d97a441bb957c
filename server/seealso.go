package server

import (
	"net/url"

	"reportsearch/corpus"
	"reportsearch/index"
)

// Near duplicates (corpus.Bullet.SeeAlso: passages of one report that tell
// the same facts twice) are shown once on a page of hits: the higher-ranked
// one stays, marked "另见 …" with a link to the other, and the other is
// left out of that page.

// nearDupKeys returns the keys ("report:SS-NN") of b's near duplicates, in
// b.SeeAlso's order; nil when it has none.
func nearDupKeys(b corpus.Bullet) []string {
	var out []string
	for _, id := range b.SeeAlso {
		out = append(out, b.Report+":"+id)
	}
	return out
}

// foldedHit is a hit to show and the near duplicates among the page's
// other (lower-ranked) hits that are shown with it instead of on their own.
type foldedHit struct {
	index.Hit
	Folded []corpus.Bullet
}

// foldNearDups returns hits (in rank order) without those that are near
// duplicates of a higher-ranked hit shown on the same page, each kept hit
// with the ones folded into it. A hit is folded only into a hit that is
// itself shown, so a chain A~B~C shows A (with B) and C.
func foldNearDups(hits []index.Hit) []foldedHit {
	at := make(map[string]int, len(hits))
	for i, h := range hits {
		at[h.Bullet.Key()] = i
	}
	gone := make([]bool, len(hits))
	var out []foldedHit
	for i, h := range hits {
		if gone[i] {
			continue
		}
		f := foldedHit{Hit: h}
		for _, k := range nearDupKeys(h.Bullet) {
			if j, ok := at[k]; ok && j > i && !gone[j] {
				gone[j] = true
				f.Folded = append(f.Folded, hits[j].Bullet)
			}
		}
		out = append(out, f)
	}
	return out
}

// seeAlsoView is a link to a near duplicate: "另见 第 19 条".
type seeAlsoView struct {
	Label string // where the other passage is: "第 19 条", with its section id when that differs: "05 第 16 条"
	URL   string // its permalink /b/{key}
	Text  string // its text, for the link's title
}

// newSeeAlsoView is the link from passage b to its near duplicate o.
func newSeeAlsoView(b, o corpus.Bullet) seeAlsoView {
	label := place(o)
	if label == "" {
		label = "第 " + o.ID + " 条"
	}
	if o.Section.ID != b.Section.ID {
		label = o.Section.ID + " " + label
	}
	return seeAlsoView{Label: label, URL: "/b/" + url.PathEscape(o.Key()), Text: o.Text}
}
