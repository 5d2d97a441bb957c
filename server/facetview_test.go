package server

import (
	"reflect"
	"testing"

	"reportsearch/corpus"
	"reportsearch/index"
)

func TestFacetViews(t *testing.T) {
	st := searchState{Query: "x", Sections: []string{"02"}, Kinds: []string{"count"}, Money: "lt1m", Page: 3}
	for _, tc := range []struct {
		name string
		fs   []index.FacetCount
		want []facetView
	}{
		{"section", []index.FacetCount{
			{Value: "02", Label: "聚力发展", Count: 4},
			{Value: "03", Label: "城市更新", Count: 0}, // nothing to narrow to: left out
			{Value: "05", Label: "", Count: 2},     // no label: the value
		}, []facetView{
			{Value: "02", Label: "聚力发展", Count: 4, URL: "/search?kind=count&money=lt1m&q=x", Active: true},
			{Value: "05", Label: "05", Count: 2, URL: "/search?kind=count&money=lt1m&q=x&section=02&section=05"},
		}},
		{"kind", []index.FacetCount{
			{Value: "count", Label: "ignored", Count: 0}, // active: kept even at 0
			{Value: "points", Count: 1},
			{Value: "newkind", Count: 1},
		}, []facetView{
			{Value: "count", Label: "数量", Count: 0, URL: "/search?money=lt1m&q=x&section=02", Active: true},
			{Value: "points", Label: "百分点", Count: 1, URL: "/search?kind=count&kind=points&money=lt1m&q=x&section=02"},
			{Value: "newkind", Label: "newkind", Count: 1, URL: "/search?kind=count&kind=newkind&money=lt1m&q=x&section=02"},
		}},
		{"money", []index.FacetCount{
			{Value: "lt1m", Label: "100万以下", Count: 3},
			{Value: "ge100m", Label: "1亿以上", Count: 1},
		}, []facetView{
			{Value: "lt1m", Label: "100万以下", Count: 3, URL: "/search?kind=count&q=x&section=02", Active: true},
			{Value: "ge100m", Label: "1亿以上", Count: 1, URL: "/search?kind=count&money=ge100m&q=x&section=02"},
		}},
	} {
		if got := facetViews(tc.fs, st, tc.name); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("facetViews(%s) =\n%+v\nwant\n%+v", tc.name, got, tc.want)
		}
	}
}

func TestActiveFilters(t *testing.T) {
	st := searchState{Query: "x", Sections: []string{"02", "09"}, Kinds: []string{"percent"}, Money: "ge100m", Reports: []string{"r1"}, Page: 2}
	secs := []corpus.Section{{ID: "02", Title: "聚力发展"}}
	want := []activeFilter{
		{Name: "章节", Label: "聚力发展", RemoveURL: "/search?kind=percent&money=ge100m&q=x&report=r1&section=09"},
		{Name: "章节", Label: "09", RemoveURL: "/search?kind=percent&money=ge100m&q=x&report=r1&section=02"},
		{Name: "数据类别", Label: "百分比", RemoveURL: "/search?money=ge100m&q=x&report=r1&section=02&section=09"},
		{Name: "金额", Label: "1亿元以上", RemoveURL: "/search?kind=percent&q=x&report=r1&section=02&section=09"},
		{Name: "报告", Label: "r1", RemoveURL: "/search?kind=percent&money=ge100m&q=x&section=02&section=09"},
	}
	if got := activeFilters(st, secs); !reflect.DeepEqual(got, want) {
		t.Errorf("activeFilters =\n%+v\nwant\n%+v", got, want)
	}
	if got := activeFilters(searchState{Query: "x"}, secs); got != nil {
		t.Errorf("activeFilters without filters = %+v; want none", got)
	}
}

func TestSortLinks(t *testing.T) {
	for _, tc := range []struct {
		sort   string
		active string
	}{
		{"", "相关度"},
		{index.SortRelevance, "相关度"},
		{index.SortOrder, "原文顺序"},
		{index.SortValueDesc, "数值从大到小"},
		{index.SortValue, "数值从小到大"},
	} {
		got := sortLinks(searchState{Query: "x", Sort: tc.sort, Page: 4})
		want := []sortLink{
			{Label: "相关度", URL: "/search?q=x"},
			{Label: "原文顺序", URL: "/search?q=x&sort=order"},
			{Label: "数值从大到小", URL: "/search?q=x&sort=-value"},
			{Label: "数值从小到大", URL: "/search?q=x&sort=value"},
		}
		for i := range want {
			want[i].Active = want[i].Label == tc.active
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("sortLinks(sort %q) =\n%+v\nwant\n%+v", tc.sort, got, want)
		}
	}
	// browsing a section without a query: the hits are in report order
	for _, so := range []string{"", index.SortRelevance, index.SortOrder} {
		got := sortLinks(searchState{Sections: []string{"02"}, Sort: so})
		want := []sortLink{
			{Label: "原文顺序", URL: "/search?section=02&sort=order", Active: true},
			{Label: "数值从大到小", URL: "/search?section=02&sort=-value"},
			{Label: "数值从小到大", URL: "/search?section=02&sort=value"},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("sortLinks(section 02, sort %q) =\n%+v\nwant\n%+v", so, got, want)
		}
	}
}
