package index

// The money filter (Request.Money) selects bullets by the money facet's
// ranges: the same bitmaps count the facet and apply the filter, so the
// count beside a range is the total a request for it gives.

// moneyRange returns the index in moneyRanges of the range key, or -1.
func moneyRange(key string) int {
	for i, r := range moneyRanges {
		if r.Key == key {
			return i
		}
	}
	return -1
}

// moneyRangeKeysAll lists the money ranges' keys in display order.
func moneyRangeKeysAll() []string {
	out := make([]string, len(moneyRanges))
	for i, r := range moneyRanges {
		out[i] = r.Key
	}
	return out
}

// moneyFilter is the one money range of a request as a figure filter on
// money, [Min, Max), for sort by value; false when the request has not
// exactly one.
func moneyFilter(req Request) (figureFilter, bool) {
	if len(req.Money) != 1 {
		return figureFilter{}, false
	}
	i := moneyRange(req.Money[0])
	if i < 0 {
		return figureFilter{}, false
	}
	r := moneyRanges[i]
	f := figureFilter{Kind: kindMoney}
	if i > 0 {
		f.setBound(true, r.Min, true)
	}
	if r.Max > 0 {
		f.setBound(false, r.Max, false)
	}
	return f, true
}
