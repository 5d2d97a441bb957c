package server

// moneyRange is one bucket of the engine's money facet.
// TODO(server): use the index package's exported buckets once they exist
// (requested); these mirror index/mapping.go.
type moneyRange struct {
	Key, Label string
	Min, Max   *float64 // nil: unbounded
}

func f64(v float64) *float64 { return &v }

var moneyRanges = []moneyRange{
	{Key: "lt1m", Label: "100万以下", Max: f64(1e6)},
	{Key: "1m-10m", Label: "100万–1000万", Min: f64(1e6), Max: f64(1e7)},
	{Key: "10m-100m", Label: "1000万–1亿", Min: f64(1e7), Max: f64(1e8)},
	{Key: "ge100m", Label: "1亿以上", Min: f64(1e8)},
}
