package server

import (
	"net/http/httptest"
	"reflect"
	"slices"
	"testing"

	"reportsearch/index"
)

// full is a state with every part set.
var full = searchState{
	Query:    "养老 服务&x",
	Sections: []string{"huacao-2023:05", "huacao-2023:02"},
	Kinds:    []string{"money"},
	Money:    "ge100m",
	Reports:  []string{"huacao-2023"},
	Sort:     index.SortOrder,
	Page:     3,
}

func TestSearchStateURL(t *testing.T) {
	for _, tc := range []struct {
		st   searchState
		want string
	}{
		{searchState{}, "/"},
		{searchState{Page: 1, Sort: index.SortRelevance}, "/"},
		{searchState{Query: "养老"}, "/search?q=%E5%85%BB%E8%80%81"},
		{searchState{Query: `"a b"&c=d`}, "/search?q=%22a+b%22%26c%3Dd"},
		{searchState{Sections: []string{"05"}, Sort: index.SortOrder}, "/search?section=05&sort=order"},
		{searchState{Query: "x", Sort: index.SortValueDesc, Page: 2}, "/search?page=2&q=x&sort=-value"},
		{full, "/search?kind=money&money=ge100m&page=3&q=%E5%85%BB%E8%80%81+%E6%9C%8D%E5%8A%A1%26x&report=huacao-2023&section=huacao-2023:05&section=huacao-2023:02&sort=order"},
	} {
		if got := tc.st.url(); got != tc.want {
			t.Errorf("%+v.url() = %q; want %q", tc.st, got, tc.want)
		}
	}
}

// TestSearchStateRoundTrip decodes the URL of each state and checks that it
// gives back the state and the engine request the page runs.
func TestSearchStateRoundTrip(t *testing.T) {
	s := New(realIndex(t), Options{})
	for _, tc := range []struct {
		st   searchState
		want index.Request
	}{
		{searchState{Page: 1}, index.Request{Size: pageSize}},
		{searchState{Query: "养老", Page: 2}, index.Request{Query: "养老", From: 10, Size: pageSize}},
		{searchState{Sections: []string{"huacao-2023:02"}, Sort: index.SortOrder, Page: 1}, index.Request{Sections: []string{"huacao-2023:02"}, Sort: index.SortOrder, Size: pageSize}},
		// the money range is the money filter, not bounds on every kind
		{full, index.Request{Query: full.Query, Sections: full.Sections, Kinds: full.Kinds, Money: []string{"ge100m"}, Reports: full.Reports, Sort: index.SortOrder, From: 20, Size: pageSize}},
		{searchState{Money: "ge100m", Page: 1}, index.Request{Money: []string{"ge100m"}, Size: pageSize}},
		{searchState{Kinds: []string{"count"}, Money: "1m-10m", Page: 1}, index.Request{Kinds: []string{"count"}, Money: []string{"1m-10m"}, Size: pageSize}},
	} {
		st, req, err := s.parseSearchState(httptest.NewRequest("GET", tc.st.url(), nil))
		if err != nil {
			t.Errorf("%s: %v", tc.st.url(), err)
			continue
		}
		if !reflect.DeepEqual(st, tc.st) {
			t.Errorf("%s decodes to %+v; want %+v", tc.st.url(), st, tc.st)
		}
		if !reflect.DeepEqual(req, tc.want) {
			t.Errorf("%s runs %+v; want %+v", tc.st.url(), req, tc.want)
		}
	}
}

func TestParseSearchStateErrors(t *testing.T) {
	s := New(realIndex(t), Options{})
	for _, target := range []string{
		"/search?page=0",
		"/search?page=1001", // beyond index.MaxFrom
		"/search?page=x",
		"/search?money=lots",
		"/search?money=lt1m&money=ge100m",
		"/search?section=99",
		"/search?sort=best",
		"/search?q=%zz",
	} {
		if _, _, err := s.parseSearchState(httptest.NewRequest("GET", target, nil)); err == nil {
			t.Errorf("parseSearchState(%s) succeeded", target)
		}
	}
}

func TestToggle(t *testing.T) {
	for _, tc := range []struct {
		list  []string
		value string
		want  []string
	}{
		{nil, "a", []string{"a"}},
		{[]string{"a"}, "a", []string{}},
		{[]string{"a", "b"}, "c", []string{"a", "b", "c"}},
		{[]string{"a", "b", "c"}, "b", []string{"a", "c"}},
	} {
		orig := slices.Clone(tc.list)
		got := toggle(tc.list, tc.value)
		if !slices.Equal(got, tc.want) {
			t.Errorf("toggle(%q, %q) = %q; want %q", tc.list, tc.value, got, tc.want)
		}
		if !slices.Equal(tc.list, orig) {
			t.Errorf("toggle(%q, %q) changed its argument to %q", orig, tc.value, tc.list)
		}
	}
}

func TestHiddenInputs(t *testing.T) {
	want := []hiddenInput{{"section", "huacao-2023:05"}, {"section", "huacao-2023:02"}, {"kind", "money"}, {"money", "ge100m"}, {"report", "huacao-2023"}, {"sort", "order"}}
	if got := hiddenInputs(full); !reflect.DeepEqual(got, want) {
		t.Errorf("hiddenInputs = %v; want %v (no q, no page)", got, want)
	}
	if got := hiddenInputs(searchState{Query: "x", Page: 4}); got != nil {
		t.Errorf("hiddenInputs without filters = %v; want none", got)
	}
}

func TestAPIParams(t *testing.T) {
	lo, hi := 1e6, 9999999.5
	for _, tc := range []struct {
		req  index.Request
		want string
	}{
		{index.Request{Query: "x", From: 20}, "size=10"},
		{index.Request{Sections: []string{"05", "02"}, Kinds: []string{"money"}, Reports: []string{"r"}, Min: &lo, Max: &hi, Sort: "order"},
			"kind=money&max=9.9999995e%2B06&min=1e%2B06&report=r&section=05&section=02&size=10&sort=order"},
	} {
		if got := apiParams(tc.req); got != tc.want {
			t.Errorf("apiParams(%+v) = %q; want %q", tc.req, got, tc.want)
		}
	}
}
