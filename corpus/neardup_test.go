package corpus

import (
	"slices"
	"strings"
	"testing"
)

func TestNearDupsSeed(t *testing.T) {
	rep, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, b := range rep.Bullets {
		if len(b.SeeAlso) > 0 {
			got[b.ID] = b.SeeAlso
		}
	}
	want := map[string][]string{
		"02-15": {"02-19"}, "02-19": {"02-15"},
		"05-04": {"05-16"}, "05-16": {"05-04"},
	}
	if len(got) != len(want) {
		t.Errorf("passages with near duplicates: %v; want %v", got, want)
	}
	for id, w := range want {
		if !slices.Equal(got[id], w) {
			t.Errorf("%s see also %v; want %v", id, got[id], w)
		}
	}
}

func TestNearDupsKinds(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"same sentences in another order",
			"制定《社区用房使用管理办法》，新增小区周边社区配套用房1.6万平方米。",
			"新增5个小区周边社区配套用房1.6万平方米，制定《社区用房使用管理办法》，高品质打造社区商业。", true},
		{"short passage whose figures a longer one repeats",
			"完成101户适老化改造，通过老年认知障碍友好社区市级验收。",
			"新建综合为老服务中心分中心、家门口养老服务点。3家社区长者食堂提供助餐服务96315人次。完成适老化改造101户，老年认知障碍友好社区建设通过市级验收。", true},
		{"template lines with other figures",
			"铁：全部建成后增加的年产能力将为五百七十五万吨，五年内增加的年产能力为二百八十万吨。",
			"原煤：全部建成后增加的年产能力将为九千三百一十万吨，五年内增加的年产能力为五千三百八十五万吨。", false},
		{"heading and the paragraph that elaborates it",
			"五是为孕产妇、新生儿提供出生缺陷筛查服务和增加普惠托育服务供给；",
			"五、为孕产妇、新生儿提供出生缺陷筛查服务和增加普惠托育服务供给。为超61万名孕妇免费提供地中海贫血、唐氏综合征筛查，新增普惠托位2万个。", false},
		{"short lines are never paired", "坚持稳中求进。", "坚持稳中求进，推动高质量发展。", false},
		{"unrelated passages",
			"完成101户适老化改造，通过老年认知障碍友好社区市级验收。",
			"新增5个小区周边社区配套用房1.6万平方米，高品质打造社区商业。", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "一、工作回顾\n" + tt.a + "\n" + tt.b + "\n"
			rep, err := Parse(strings.NewReader(text), "t.txt")
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Bullets) != 2 {
				t.Fatalf("passages %d; want 2: %+v", len(rep.Bullets), rep.Bullets)
			}
			a, b := rep.Bullets[0], rep.Bullets[1]
			got := slices.Equal(a.SeeAlso, []string{b.ID}) && slices.Equal(b.SeeAlso, []string{a.ID})
			if got != tt.want || (!tt.want && (len(a.SeeAlso) > 0 || len(b.SeeAlso) > 0)) {
				t.Errorf("see also %v / %v; want paired %v", a.SeeAlso, b.SeeAlso, tt.want)
			}
		})
	}
}

func TestNearDupsCollectionSymmetric(t *testing.T) {
	reps, err := Collection()
	if err != nil {
		t.Fatal(err)
	}
	pairs := 0
	for _, r := range reps {
		ids := map[string][]string{}
		for _, b := range r.Bullets {
			ids[b.ID] = b.SeeAlso
		}
		for _, b := range r.Bullets {
			for _, o := range b.SeeAlso {
				pairs++
				if o == b.ID || !slices.Contains(ids[o], b.ID) {
					t.Errorf("%s %s see also %s, which does not see it back", r.ID, b.ID, o)
				}
			}
		}
	}
	if pairs == 0 {
		t.Error("no near duplicates in the collection")
	}
}
