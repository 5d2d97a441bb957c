package server

import "reportsearch/index"

// pageLink is a numbered link of the pager.
type pageLink struct {
	N       int
	URL     string
	Current bool
}

// pager holds the links between the pages of a search's hits.
type pager struct {
	Prev      string     // the previous page; "" on the first
	Next      string     // the next page; "" on the last
	PageLinks []pageLink // up to 4 pages either side of the current one; none when the hits fit on one page
	// Past the end: the page asked for is beyond the last page of hits.
	// Last is that last page's number and LastURL its link.
	PastEnd bool
	Last    int
	LastURL string
}

// newPager builds the links for st's page of total hits, pageSize hits a
// page. The last page is the one index.MaxFrom still reaches.
//
// A page past the last one (page=99 of 3) keeps the pager, centred on the
// last page, with a link back to it: the hits did not vanish, the page
// number is too high.
func newPager(st searchState, total int) pager {
	var p pager
	last := min((total+pageSize-1)/pageSize, index.MaxFrom/pageSize)
	at := func(n int) string {
		next := st
		next.Page = n
		return next.url()
	}
	if total > 0 && max(st.Page, 1) > last {
		p.PastEnd, p.Last, p.LastURL = true, last, at(last)
		p.Prev = p.LastURL
		if last > 1 {
			for n := max(1, last-4); n <= last; n++ {
				p.PageLinks = append(p.PageLinks, pageLink{N: n, URL: at(n)})
			}
		}
		return p
	}
	if last <= 1 {
		return p
	}
	if st.Page > 1 {
		p.Prev = at(st.Page - 1)
	}
	if st.Page < last {
		p.Next = at(st.Page + 1)
	}
	for n := max(1, st.Page-4); n <= min(last, st.Page+4); n++ {
		p.PageLinks = append(p.PageLinks, pageLink{N: n, URL: at(n), Current: n == st.Page})
	}
	return p
}
