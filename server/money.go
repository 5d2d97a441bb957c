package server

import "math"

// moneyRange is one bucket of the engine's money facet: [Min, Max) in 元.
// TODO(server): use the index package's buckets once it exports them
// (requested); these mirror index/mapping.go, and TestMoneyRangesMatchEngine
// fails if the two drift apart.
type moneyRange struct {
	Key, Label string
	Min, Max   *float64 // nil: unbounded
}

// below returns the largest float64 under v: Request.Max is inclusive, a
// bucket's upper bound is not.
func below(v float64) *float64 {
	b := math.Nextafter(v, math.Inf(-1))
	return &b
}

func f64(v float64) *float64 { return &v }

var moneyRanges = []moneyRange{
	{Key: "lt1m", Label: "100万以下", Max: below(1e6)},
	{Key: "1m-10m", Label: "100万–1000万", Min: f64(1e6), Max: below(1e7)},
	{Key: "10m-100m", Label: "1000万–1亿", Min: f64(1e7), Max: below(1e8)},
	{Key: "ge100m", Label: "1亿以上", Min: f64(1e8)},
}
