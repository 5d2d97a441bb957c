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
}

// newPager builds the links for st's page of total hits, pageSize hits a
// page. The last page is the one index.MaxFrom still reaches.
func newPager(st searchState, total int) pager {
	var p pager
	last := min((total+pageSize-1)/pageSize, index.MaxFrom/pageSize)
	if last <= 1 {
		return p
	}
	at := func(n int) string {
		next := st
		next.Page = n
		return next.url()
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
