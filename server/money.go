package server

import (
	"math"

	"reportsearch/index"
)

// moneyBounds turns a money facet's range key into the inclusive bounds of
// an index.Request (nil: unbounded).
func moneyBounds(key string) (lo, hi *float64, ok bool) {
	for _, mr := range index.MoneyRanges() {
		if mr.Key != key {
			continue
		}
		if mr.Min > 0 {
			lo = &mr.Min
		}
		if mr.Max > 0 {
			b := math.Nextafter(mr.Max, math.Inf(-1)) // Request.Max is inclusive, the bucket's is not
			hi = &b
		}
		return lo, hi, true
	}
	return nil, nil, false
}

// moneyKeys lists the money facet's range keys, in the facet's order.
func moneyKeys() []string {
	var out []string
	for _, mr := range index.MoneyRanges() {
		out = append(out, mr.Key)
	}
	return out
}

// moneyLabel is the label of a money facet's range key.
func moneyLabel(key string) string {
	for _, mr := range index.MoneyRanges() {
		if mr.Key == key {
			return mr.Label
		}
	}
	return key
}
