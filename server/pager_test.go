package server

import (
	"reflect"
	"strconv"
	"testing"
)

func TestNewPager(t *testing.T) {
	q := func(page string) string { // the URL of page n of a search for 养老
		if page == "" {
			return "/search?q=%E5%85%BB%E8%80%81"
		}
		return "/search?page=" + page + "&q=%E5%85%BB%E8%80%81"
	}
	links := func(cur int, ns ...int) []pageLink {
		var out []pageLink
		for _, n := range ns {
			p := ""
			if n > 1 {
				p = strconv.Itoa(n)
			}
			out = append(out, pageLink{N: n, URL: q(p), Current: n == cur})
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		page  int
		total int
		want  pager
	}{
		{"no hits", 1, 0, pager{}},
		{"one full page", 1, 10, pager{}},
		{"two pages, first", 1, 11, pager{Next: q("2"), PageLinks: links(1, 1, 2)}},
		{"two pages, second", 2, 11, pager{Prev: q(""), PageLinks: links(2, 1, 2)}},
		{"middle of many", 6, 200, pager{Prev: q("5"), Next: q("7"), PageLinks: links(6, 2, 3, 4, 5, 6, 7, 8, 9, 10)}},
		{"near the start", 2, 200, pager{Prev: q(""), Next: q("3"), PageLinks: links(2, 1, 2, 3, 4, 5, 6)}},
		{"last page", 20, 200, pager{Prev: q("19"), PageLinks: links(20, 16, 17, 18, 19, 20)}},
		{"beyond MaxFrom", 1000, 1 << 20, pager{Prev: q("999"), PageLinks: links(1000, 996, 997, 998, 999, 1000)}},
		{"past the end", 99, 25, pager{Prev: q("3"), PageLinks: links(0, 1, 2, 3), PastEnd: true, Last: 3, LastURL: q("3")}},
		{"past the only page", 2, 5, pager{Prev: q(""), PastEnd: true, Last: 1, LastURL: q("")}},
		{"past the end, no hits", 3, 0, pager{}},
	} {
		st := searchState{Query: "养老", Page: tc.page}
		if got := newPager(st, tc.total); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: newPager(page %d, %d hits) =\n%+v\nwant\n%+v", tc.name, tc.page, tc.total, got, tc.want)
		}
	}
}
