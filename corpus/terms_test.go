package corpus

import (
	"reflect"
	"testing"
)

func TestHarvestTerms(t *testing.T) {
	got := HarvestTerms("制定“一方案两清单”,《华漕镇“15分钟社区生活圈”行动计划》“城中村”“x”“一方案两清单”《华漕镇招商资源宣传册》“12345”《华漕镇关于进一步加强年轻干部教育管理监督工作的实施意见》")
	want := []string{"一方案两清单", "15分钟社区生活圈", "城中村", "华漕镇招商资源宣传册"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("HarvestTerms = %q; want %q", got, want)
	}
	terms := HarvestTerms(string(defaultText))
	for _, w := range []string{"枫桥经验", "一网通办", "前湾YUE章", "鹿鸣苑", "城中村"} {
		found := false
		for _, tm := range terms {
			found = found || tm == w
		}
		if !found {
			t.Errorf("HarvestTerms(report) lacks %q", w)
		}
	}
}
