package index

import (
	"slices"
	"testing"
)

func TestRegionParts(t *testing.T) {
	for region, want := range map[string][]string{
		"上海市闵行区华漕镇": {"上海市", "闵行区", "华漕镇"},
		"内蒙古自治区":    {"内蒙古自治区"},
		"新疆维吾尔自治区":  {"新疆维吾尔自治区"},
		"全国":        nil,
		"黑龙江省":      {"黑龙江省"},
	} {
		if got := regionParts(region); !slices.Equal(got, want) {
			t.Errorf("regionParts(%q) = %q; want %q", region, got, want)
		}
	}
	for _, c := range []struct {
		word, part string
		want       bool
	}{
		{"新疆", "新疆维吾尔自治区", true}, {"内蒙古", "内蒙古自治区", true}, {"上海", "上海市", true},
		{"华漕", "华漕镇", true}, {"上海市", "上海市", true}, {"海", "上海市", false}, {"上", "上海市", false},
		{"全国", "全国", true}, {"江苏", "江西省", false},
	} {
		if got := namesRegion(c.word, c.part); got != c.want {
			t.Errorf("namesRegion(%q, %q) = %v; want %v", c.word, c.part, got, c.want)
		}
	}
}

// A region word finds its report's passages that do not name it; a year
// finds the reports of that year and the next.
func TestReportScope(t *testing.T) {
	ix := twoReports(t) // a: national 2024 (全国), b: provincial 2025 (北京市)
	res := mustSearch(t, ix, Request{Query: "北京 养老"})
	// a's passage on 养老 may follow as a partial match (it lacks 北京)
	if res.Total == 0 || res.Hits[0].Bullet.Report != "b" {
		t.Errorf("北京 养老: %v; want b's passage on 养老, which does not say 北京, first", ids(res))
	}
	if got := ix.scopedReports("2024"); got != nil {
		t.Errorf("scopedReports(2024) = %v; want nil: 2024 and the 2025 report reviewing it are every report", got)
	}
	if got := ix.scopedReports("2025"); !slices.Equal(got, []string{"b"}) {
		t.Errorf("scopedReports(2025) = %v; want [b]", got)
	}
	if got := ix.scopedReports("全国"); got != nil {
		t.Errorf("scopedReports(全国) = %v; want none: 全国 has no administrative suffix", got)
	}
}
