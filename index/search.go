package index

import (
	"context"
	"fmt"
	"math"
	"runtime/debug"
	"strings"
	"time"
)

// Search runs a request: at most MaxSize hits from MaxFrom on (see
// Request for the other bounds). Errors a client caused are *QueryError;
// ctx's error when it ends first; others are the index's. A panic while
// searching (a bug: bleve's or ours) is returned as an error that carries
// its stack, so that the server logs where it happened.
//
// The request goes through the stages of the package comment, each once:
// validate, parseQuery, plan, then browse (the empty query) or run, the
// facets of what matched, and the hits of the page.
func (ix *Index) Search(ctx context.Context, req Request) (res *Result, err error) {
	start := time.Now()
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("index: search %q panicked: %v\n%s", req.Query, r, debug.Stack())
		}
	}()
	if err := validate(&req); err != nil {
		return nil, err
	}
	if err := ix.resolveFilters(&req); err != nil {
		return nil, err
	}
	pq, err := parseQuery(req.Query)
	if err != nil {
		return nil, err
	}
	if pq.empty() && strings.TrimSpace(req.Query) != "" {
		return nil, errNothingToSearch()
	}
	p, err := ix.plan(pq, req)
	if err != nil {
		return nil, err
	}
	if browsing(pq, req) {
		res, err = ix.browse(ctx, req)
		if err != nil {
			return nil, err
		}
		res.FullTotal = res.Total // no word to lack
	} else {
		found, err := ix.run(ctx, p, req)
		if err != nil {
			return nil, err
		}
		res = &Result{Total: found.state.total(), FullTotal: found.state.full, Unmatched: found.unmatched(p)}
		res.Partial = res.FullTotal == 0 && res.Total > 0
		res.Facets = found.state.facets()
		if res.Hits, err = ix.hits(found.matches, p, req); err != nil {
			return nil, err
		}
	}
	res.Query = req.Query
	res.Took = time.Since(start)
	return res, nil
}

// browsing reports whether a request is the landing page's: no query and
// no filter browse cannot apply, in report order.
func browsing(pq parsedQuery, req Request) bool {
	return pq.empty() && req.Min == nil && req.Max == nil &&
		(req.Sort == SortRelevance || req.Sort == SortOrder)
}

// validate checks a request's bounds and fills in defaults.
func validate(req *Request) error {
	if req.From < 0 {
		return &QueryError{Param: "from", Message: "must not be negative"}
	}
	if req.From > MaxFrom {
		return &QueryError{Param: "from", Message: "at most " + itoa(MaxFrom)}
	}
	if req.Size < 0 {
		return &QueryError{Param: "size", Message: "must not be negative"}
	}
	if req.Size > MaxSize {
		return &QueryError{Param: "size", Message: "at most " + itoa(MaxSize)}
	}
	if req.Size == 0 {
		req.Size = DefaultSize
	}
	switch req.Sort {
	case "":
		req.Sort = SortRelevance
	case SortRelevance, SortOrder, SortValue, SortValueDesc:
	default:
		return &QueryError{Param: "sort", Message: fmt.Sprintf("unknown sort %q (want relevance, order, value or -value)", req.Sort)}
	}
	for _, f := range []struct {
		param string
		vals  []string
	}{{"section", req.Sections}, {"kind", req.Kinds}, {"money", req.Money}, {"report", req.Reports}} {
		if len(f.vals) > MaxValues {
			return &QueryError{Param: f.param, Message: "too many values, at most " + itoa(MaxValues)}
		}
		for _, v := range f.vals {
			if v == "" || len(v) > 200 {
				return &QueryError{Param: f.param, Message: fmt.Sprintf("bad value %q", v)}
			}
		}
	}
	for _, key := range req.Money {
		if moneyRange(key) < 0 {
			return &QueryError{Param: "money", Message: fmt.Sprintf("unknown money range %q (known: %s)", key, strings.Join(moneyRangeKeysAll(), ", "))}
		}
	}
	for _, b := range []struct {
		param string
		v     *float64
	}{{"min", req.Min}, {"max", req.Max}} {
		if b.v != nil && (math.IsNaN(*b.v) || math.IsInf(*b.v, 0)) {
			return &QueryError{Param: b.param, Message: "must be a finite number"}
		}
	}
	if req.Min != nil && req.Max != nil && *req.Min > *req.Max {
		return &QueryError{Param: "min", Message: "greater than max"}
	}
	return nil
}
