package analyzer_test

import (
	"sort"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"reportsearch/analyzer"
)

// TestBleveIndex indexes a few report lines with the registered analyzer
// and searches them with the query-side one, as the index package does.
func TestBleveIndex(t *testing.T) {
	tm := bleve.NewTextFieldMapping()
	tm.Analyzer = analyzer.Name
	dm := bleve.NewDocumentMapping()
	dm.AddFieldMappingsAt("text", tm)
	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = analyzer.Name
	idx, err := bleve.NewMemOnly(im)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	docs := map[string]string{
		"tech":  "新认定高新技术企业50家,争取高新技术企业区级扶持830万元。",
		"green": "开展城市美化、亮化、绿化工程,建设纪翟路口袋公园。",
		"money": "预计全年完成财政总收入37.55亿元、同比增长28.5%;区级财政收入15.42亿元、同比增长35.6%。",
		"trad":  "舉辦華漕鎮優化營商環境投資促進會。",
		"latin": "打造“前湾YUE章”新时代文明实践品牌。",
	}
	for id, text := range docs {
		if err := idx.Index(id, map[string]string{"text": text}); err != nil {
			t.Fatal(err)
		}
	}
	search := func(q string, phrase bool) []string {
		var qq query.Query
		if phrase {
			mq := bleve.NewMatchPhraseQuery(q)
			mq.Analyzer = analyzer.QueryName
			mq.SetField("text")
			qq = mq
		} else {
			mq := bleve.NewMatchQuery(q)
			mq.Analyzer = analyzer.QueryName
			mq.SetOperator(query.MatchQueryOperatorAnd)
			mq.SetField("text")
			qq = mq
		}
		res, err := idx.Search(bleve.NewSearchRequest(qq))
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		sort.Strings(ids)
		return ids
	}
	tests := []struct {
		q      string
		phrase bool
		want   []string
	}{
		{"技术", false, []string{"tech"}},
		{"高新技术企业", false, []string{"tech"}},
		{"化工", false, nil},
		{"路口", false, nil},
		{"口袋公园", true, []string{"green"}},
		{"華漕", false, []string{"trad"}},
		{"华漕", false, []string{"trad"}},
		{"营商环境", true, []string{"trad"}},
		{"35.6%", false, []string{"money"}},
		{"37.55", false, []string{"money"}},
		{"亿元", false, []string{"money"}},
		{"35", false, nil},
		{"yue", false, []string{"latin"}},
		{"区级", false, []string{"money", "tech"}},
	}
	for _, tt := range tests {
		got := search(tt.q, tt.phrase)
		if !equal(got, tt.want) {
			t.Errorf("search %q (phrase %v) = %v; want %v", tt.q, tt.phrase, got, tt.want)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
