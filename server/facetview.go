package server

import (
	"cmp"
	"encoding/json"
	"slices"

	"reportsearch/corpus"
	"reportsearch/index"
)

// The search page's facets, filters in force and sort links: each is a
// link to a changed searchState.

// facetView is one facet value: a link that adds it to the filters, or
// removes it when Active.
type facetView struct {
	Value  string
	Label  string
	Count  int
	URL    string
	Active bool
}

// activeFilter is a filter in force and the link that removes it.
type activeFilter struct {
	Name      string
	Label     string
	RemoveURL string
}

// sortLink is a link to the same search in another order.
type sortLink struct {
	Label  string
	URL    string
	Active bool
}

// sortLabels are the orders a search page offers, in the order shown.
var sortLabels = []struct{ value, label string }{
	{index.SortRelevance, "相关度"},
	{index.SortOrder, "原文顺序"},
	{index.SortValueDesc, "数值从大到小"},
	{index.SortValue, "数值从小到大"},
}

// sortLinks links st to each order of sortLabels, back on the first page,
// and marks the order the hits are in. Without a query there is no
// relevance: the hits are in report order, so 原文顺序 is marked and 相关度
// not offered.
func sortLinks(st searchState) []sortLink {
	var out []sortLink
	used := usedSort(st)
	for _, so := range sortLabels {
		if so.value == index.SortRelevance && st.Query == "" {
			continue
		}
		next := st
		next.Sort, next.Page = so.value, 1
		out = append(out, sortLink{Label: so.label, URL: next.url(), Active: used == so.value})
	}
	return out
}

// usedSort is the order st's hits are in: relevance (the default) is
// report order when there is no query to rank by.
func usedSort(st searchState) string {
	so := cmp.Or(st.Sort, index.SortRelevance)
	if so == index.SortRelevance && st.Query == "" {
		return index.SortOrder
	}
	return so
}

// facetViews turns facet counts into links that toggle the value.
func facetViews(fs []index.FacetCount, st searchState, name string) []facetView {
	var out []facetView
	for _, f := range fs {
		if f.Count == 0 && !slices.Contains(st.Sections, f.Value) && !slices.Contains(st.Kinds, f.Value) && st.Money != f.Value {
			continue // nothing to narrow to
		}
		next := st
		next.Page = 1
		var active bool
		switch name {
		case "section":
			active = slices.Contains(st.Sections, f.Value)
			next.Sections = toggle(st.Sections, f.Value)
		case "kind":
			active = slices.Contains(st.Kinds, f.Value)
			next.Kinds = toggle(st.Kinds, f.Value)
		case "money":
			active = st.Money == f.Value
			next.Money = f.Value
			if active {
				next.Money = ""
			}
		}
		label := display(f.Label)
		if name == "kind" {
			label = corpus.KindLabel(f.Value)
		}
		out = append(out, facetView{Value: f.Value, Label: cmp.Or(label, f.Value), Count: f.Count, URL: next.url(), Active: active})
	}
	return out
}

// activeFilters lists the filters in force, each with a link that removes
// it; sections are named by their titles in sections.
func activeFilters(st searchState, sections []corpus.Section) []activeFilter {
	var out []activeFilter
	titles := make(map[string]string)
	for _, sec := range sections {
		titles[sec.ID] = sec.Title
	}
	for _, id := range st.Sections {
		next := st
		next.Page, next.Sections = 1, toggle(st.Sections, id)
		out = append(out, activeFilter{Name: "章节", Label: cmp.Or(titles[id], id), RemoveURL: next.url()})
	}
	for _, k := range st.Kinds {
		next := st
		next.Page, next.Kinds = 1, toggle(st.Kinds, k)
		out = append(out, activeFilter{Name: "数据类别", Label: corpus.KindLabel(k), RemoveURL: next.url()})
	}
	if st.Money != "" {
		next := st
		next.Page, next.Money = 1, ""
		out = append(out, activeFilter{Name: "金额", Label: moneyLabel(st.Money), RemoveURL: next.url()})
	}
	for _, id := range st.Reports {
		next := st
		next.Page, next.Reports = 1, toggle(st.Reports, id)
		out = append(out, activeFilter{Name: "报告", Label: display(id), RemoveURL: next.url()})
	}
	return out
}

// kindLabelsJSON is the JSON object kind → Chinese label (corpus.Kinds)
// that pages hand to their script in body[data-kinds].
func kindLabelsJSON() string {
	labels := make(map[string]string)
	for _, k := range corpus.Kinds() {
		labels[k.Name] = k.Label
	}
	b, err := json.Marshal(labels)
	if err != nil {
		panic(err) // a map of strings always encodes
	}
	return string(b)
}
