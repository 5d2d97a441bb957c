package corpus

import (
	"fmt"
	"strings"
	"testing"
)

// fig renders a metric compactly for table tests.
func fig(m Metric) string {
	s := fmt.Sprintf("%s=%v%s(%v %s %s)", m.Text, m.Value, m.Unit, m.Normalized, m.BaseUnit, m.Kind)
	if m.Approx {
		s += "~"
	}
	if m.High != 0 {
		s += fmt.Sprintf("[%v,%v]", m.Low, m.High)
	}
	return s
}

func figs(ms []Metric) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, fig(m))
	}
	return strings.Join(parts, " ")
}

// TestExtractMetricsClasses covers every class of figure and non-figure.
func TestExtractMetricsClasses(t *testing.T) {
	tests := []struct {
		class, text, want string
	}{
		// Money: 元, 万元, 亿元, bare 万/亿.
		{"money 亿元", "完成财政总收入37.55亿元、", "37.55亿元=37.55亿元(3.755e+09 元 money)"},
		{"money 万元", "新增税收实现9283万元。", "9283万元=9283万元(9.283e+07 元 money)"},
		{"money 元", "人均补贴500元。", "500元=500元(500 元 money)"},
		{"money decimal 万元", "募集爱心捐款500.7万元,", "500.7万元=500.7万元(5.007e+06 元 money)"},
		{"money bare 亿", "总投资10亿,", "10亿=10亿(1e+09 元 money)"},
		{"bare 亿 before a word", "打造百亿级产业,10亿级平台", ""},
		{"万 with a counter", "服务10万人口", "10万人=10万人(100000 人 count)"},
		{"money thousands separator", "资金1,200万元。", "1,200万元=1200万元(1.2e+07 元 money)"},
		// Percent and percentage points.
		{"percent", "同比增长28.5%;", "28.5%=28.5%(28.5 % percent)"},
		{"percent full width", "增长12％。", "12％=12%(12 % percent)"},
		{"percent approx 超", "当场办结率超99%,", "超99%=99%(99 % percent)~"},
		{"percent attributive", "成为首个完成率100%的街镇", "100%=100%(100 % percent)"},
		{"percent 以上 approx", "覆盖率达90%以上。", "90%以上=90%(90 % percent)~"},
		{"percentage points", "提高2个百分点。", "2个百分点=2个百分点(2 百分点 points)"},
		// Area.
		{"area 万平方米", "去化面积6.35万平方米。", "6.35万平方米=6.35万平方米(63500 平方米 area)"},
		{"area 亩", "腾地441亩,", "441亩=441亩(294000 平方米 area)"},
		{"area decimal 亩", "整治106.5亩。", "106.5亩=106.5亩(71000 平方米 area)"},
		{"area 公顷", "绿地3公顷。", "3公顷=3公顷(30000 平方米 area)"},
		// Counts.
		{"count 家", "新认定高新技术企业50家,", "50家=50家(50 家 count)"},
		{"count 万余户", "共走访4万余户企业居民,", "4万余户=4万户(40000 户 count)~"},
		{"count 余个", "解决问题200余个。", "200余个=200个(200 个 count)~"},
		{"count 多个", "设立100多个站点。", "100多个=100个(100 个 count)~"},
		{"count 人次 before 人", "惠及4312人次。", "4312人次=4312人次(4312 人次 count)"},
		{"count 大类", "等10大类服务940余次", "10大类=10大类(10 大类 count) 940余次=940次(940 次 count)~"},
		{"count list", "代理经租签约民房98户、公寓355套", "98户=98户(98 户 count) 355套=355套(355 套 count)"},
		{"count 签约 is not 约", "“户管家”签约3503户,", "3503户=3503户(3503 户 count)"},
		{"count 约 approx", "约300名志愿者", "约300名=300名(300 名 count)~"},
		{"count 近 approx", "惠及近2000人。", "近2000人=2000人(2000 人 count)~"},
		{"count after quotes", "形成“组织保障”“重点项目”2张清单", "2张=2张(2 张 count)"},
		{"money after ASCII quotes", `投入"专项"资金1.5亿元,"口袋公园"3个`, "1.5亿元=1.5亿元(1.5e+08 元 money) 3个=3个(3 个 count)"},
		{"count in parentheses", "园堂路(一期)3条动迁安置房配套道路", "3条=3条(3 条 count)"},
		{"full-width digits", "完成财政总收入３７．５５亿元、增长２８．５％", "３７．５５亿元=37.55亿元(3.755e+09 元 money) ２８．５％=28.5%(28.5 % percent)"},
		// Length, weight, volume, other currencies.
		{"length 公里", "新建绿道5.2公里,", "5.2公里=5.2公里(5200 米 length)"},
		{"length 米", "拓宽道路800米。", "800米=800米(800 米 length)"},
		{"weight 万吨", "减排1.5万吨。", "1.5万吨=1.5万吨(15000 吨 weight)"},
		{"volume 立方米", "清淤3万立方米。", "3万立方米=3万立方米(30000 立方米 volume)"},
		{"money 美元", "外资到位2000万美元。", "2000万美元=2000万美元(2e+07 美元 money)"},
		// Durations.
		{"duration 天", "举办主题教育专题读书班8天、", "8天=8天(8 天 duration)"},
		{"duration 年", "连续5年获评。", "5年=5年(5 年 duration)"},
		{"duration 个月", "用时3个月。", "3个月=3个月(3 月 duration)"},
		// Non-figures.
		{"year", "荣获2023年上海市五一劳动奖状", ""},
		{"year range", "行动计划(2023-2025年)", ""},
		{"other range", "每户3-5个", "3-5个=3个(3 个 count)[3,5]"},
		{"percent range", "增长5%-10%", "5%-10%=5%(5 % percent)[5,10]"},
		{"month range", "1-9月累计完成", ""},
		{"ordinal 第", "有序推进第5次经济普查", ""},
		{"ordinal 期", "完成3期工程", ""},
		{"Chinese numerals", "深耕三大支柱产业,开展十大乱象整治,六单位联学,第五次普查,三期、四期", ""},
		{"metro line", "轨交13号线西延段", ""},
		{"bus routes", "优化调整闵行28路、华漕5路、华漕社区班线2路。", ""},
		{"hotline in quotes", "聚焦“12345”热线平台", ""},
		{"version", "创建2个垃圾分类2.0版精品示范居住区", "2个=2个(2 个 count)"},
		{"road code", "完成S26人城段灯光改造", ""},
		{"name with digits", "南虹桥一期、二期、206安置基地等10个动迁回搬小区", "10个=10个(10 个 count)"},
		{"police code", "处置110分派纠纷类警情", ""},
		{"programme codes", "构建“1+5+48+228”网格,建立“1+3+29”矩阵,完善“1+23+13”阵地,锚定“2246”目标", ""},
		{"quoted counts", "完成“1队2站”消防救援队伍组建,启动“15分钟就业服务圈”建设", ""},
		{"unquoted programme code", "构建1+5+48网格", ""},
		{"title marks", "编制《华漕镇三年行动计划(2023-2025年)》,新增3所学校。", "3所=3所(3 所 count)"},
		{"threshold in a definition", "梳理1000平方米以上规模物业,", ""},
		{"threshold 以上的", "面积100平方米以上的商铺", ""},
		{"date", "于10月1日开业", ""},
		{"rank", "位居全区前3名", ""},
		{"bound 以内", "失业率控制在3.5%以内。", "3.5%以内=3.5%(3.5 % percent)~"},
		{"grade and decade", "3年级学生,90年代建成", ""},
		{"bare number", "奋进2023", ""},
		{"letters around digits", "部署5G基站,建成A3地块", ""},
	}
	for _, tt := range tests {
		t.Run(tt.class, func(t *testing.T) {
			got := figs(ExtractMetrics(tt.text))
			if got != tt.want {
				t.Errorf("ExtractMetrics(%q) = %s; want %s", tt.text, got, tt.want)
			}
		})
	}
}

// TestExtractMetricsOffsets checks that offsets point at the surface text and
// include the approximation markers.
func TestExtractMetricsOffsets(t *testing.T) {
	text := "当场办结率超99%,共走访4万余户企业居民。"
	ms := ExtractMetrics(text)
	if len(ms) != 2 {
		t.Fatalf("ExtractMetrics(%q) = %s; want 2 metrics", text, figs(ms))
	}
	for _, m := range ms {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("text[%d:%d] = %q; want %q", m.Start, m.End, text[m.Start:m.End], m.Text)
		}
	}
	if ms[0].Start != strings.Index(text, "超") || ms[1].Text != "4万余户" {
		t.Errorf("got %+v", ms)
	}
}

func TestLabels(t *testing.T) {
	tests := []struct{ text, figure, want string }{
		{"预计全年完成财政总收入37.55亿元、同比增长28.5%;", "37.55亿元", "财政总收入"},
		{"预计全年完成财政总收入37.55亿元、同比增长28.5%;", "28.5%", "同比增长"},
		{"新认定高新技术企业50家,", "50家", "高新技术企业"},
		{"积极对接13家单位,", "13家", "单位"},
		{"推动智慧电梯物联网建设,23个居民住宅小区712部电梯完成安装。", "712部", "电梯"},
		{"按时办结率达100%。", "100%", "按时办结率"},
		{"有效解决82个与百姓息息相关的现实问题。", "82个", "现实问题"},
		{"设立6处“平安客厅”,", "6处", "平安客厅"},
		{"成为全区首个完成率100%的街镇。", "100%", "全区首个完成率"},
		{"及时办理“区长直通车”等平台诉求41件。", "41件", "平台诉求"},
		{"新增税收实现9283万元。", "9283万元", "税收"},
		{"提供健康医疗、文体教育等4大类191项服务。", "4大类", "服务"},
	}
	for _, tt := range tests {
		var got string
		found := false
		for _, m := range ExtractMetrics(tt.text) {
			if m.Text == tt.figure {
				got, found = m.Label, true
			}
		}
		if !found || got != tt.want {
			t.Errorf("label of %s in %q = %q (found %v); want %q", tt.figure, tt.text, got, found, tt.want)
		}
	}
}

// TestEveryMetricHasLabel checks the embedded report: every figure gets a
// non-empty label of at most 16 characters taken from its bullet.
func TestEveryMetricHasLabel(t *testing.T) {
	rep, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range rep.Bullets {
		for _, m := range b.Metrics {
			if n := len([]rune(m.Label)); n == 0 || n > 16 {
				t.Errorf("%s: %s has label %q", b.ID, m.Text, m.Label)
			}
		}
	}
}

func TestParseFigure(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when not a figure
	}{
		{"1亿元", "1亿元=1亿元(1e+08 元 money)"},
		{"1亿", "1亿=1亿(1e+08 元 money)"},
		{"10亿", "10亿=10亿(1e+09 元 money)"},
		{"1000万", "1000万=1000万(1e+07 元 money)"},
		{"1000万元", "1000万元=1000万元(1e+07 元 money)"},
		{"37.55亿元", "37.55亿元=37.55亿元(3.755e+09 元 money)"},
		{"50家", "50家=50家(50 家 count)"},
		{"4万户", "4万户=4万户(40000 户 count)"},
		{"35.6%", "35.6%=35.6%(35.6 % percent)"},
		{"1.6万平方米", "1.6万平方米=1.6万平方米(16000 平方米 area)"},
		{"100亩", "100亩=100亩(66666.6666667 平方米 area)"},
		{"441亩", "441亩=441亩(294000 平方米 area)"},
		{" 8天 ", "8天=8天(8 天 duration)"},
		{"５０家", "５０家=50家(50 家 count)"},
		{"３７．５５亿元", "３７．５５亿元=37.55亿元(3.755e+09 元 money)"},
		{"1,000万元", "1,000万元=1000万元(1e+07 元 money)"},
		{"", ""},
		{"50", ""},
		{"万元", ""},
		{"一亿", "一亿=1亿(1e+08 元 money)"},
		{"百分之十五", "百分之十五=15%(15 % percent)"},
		{"3.5万亿", "3.5万亿=3.5万亿(3.5e+12 元 money)"},
		{"16.4亿", "16.4亿=16.4亿(1.64e+09 元 money)"},
		{"1万600元", "1万600元=10600元(10600 元 money)"},
		{"10-20亿元", ""},
		{"约1亿元", ""},
		{"2023年", ""},
		{"13号线", ""},
		{"50家企业", ""},
		{">1亿元", ""},
		{"超过10亿", ""},
		{"1亿元-2亿元", ""},
		{"S26", ""},
		{"2.0版", ""},
		{"abc", ""},
	}
	for _, tt := range tests {
		m, ok := ParseFigure(tt.in)
		got := ""
		if ok {
			got = fig(m)
		}
		if got != tt.want {
			t.Errorf("ParseFigure(%q) = %s, %v; want %s", tt.in, got, ok, tt.want)
		}
	}
}
