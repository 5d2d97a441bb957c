package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// TestGolden compares the whole parsed embedded report with
// testdata/huacao-2023.golden.json (rewrite with go test ./corpus -update).
func TestGolden(t *testing.T) {
	rep, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "huacao-2023.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("parsed report differs from %s; run go test ./corpus -update and review the diff", golden)
	}
}

func TestDefaultShape(t *testing.T) {
	rep, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if rep.ID != "huacao-2023" {
		t.Errorf("ID = %q; want huacao-2023", rep.ID)
	}
	var ids []string
	for _, s := range rep.Sections {
		ids = append(ids, s.ID)
	}
	if got, want := strings.Join(ids, " "), "01 02 03 00 04 05 06"; got != want {
		t.Errorf("section ids = %s; want %s", got, want)
	}
	if rep.Sections[3].Title != "奋进2023 我们的年终答卷来了" || rep.Sections[0].Title != "深入学习贯彻党的二十大精神 主题教育取得实效" {
		t.Errorf("sections = %+v", rep.Sections)
	}
	perSection := map[string]int{}
	seenID := map[string]bool{}
	seenText := map[string]bool{}
	lineOwner := map[int]string{}
	for i, b := range rep.Bullets {
		perSection[b.Section.ID]++
		if b.Order != i {
			t.Errorf("%s: Order = %d; want %d", b.ID, b.Order, i)
		}
		if seenID[b.ID] || seenText[b.Text] {
			t.Errorf("%s: duplicate id or text", b.ID)
		}
		seenID[b.ID], seenText[b.Text] = true, true
		if !strings.HasPrefix(b.ID, b.Section.ID+"-") || b.Report != rep.ID {
			t.Errorf("%s: section %s, report %s", b.ID, b.Section.ID, b.Report)
		}
		if strings.ContainsAny(b.Text, "◆\n\t") || strings.HasPrefix(b.Text, "-") || strings.TrimSpace(b.Text) != b.Text {
			t.Errorf("%s: text not clean: %q", b.ID, b.Text)
		}
		if len(b.Lines) == 0 || !slices.IsSorted(b.Lines) {
			t.Errorf("%s: lines %v", b.ID, b.Lines)
		}
		for _, l := range b.Lines {
			if o, ok := lineOwner[l]; ok {
				t.Errorf("line %d belongs to %s and %s", l, o, b.ID)
			}
			lineOwner[l] = b.ID
		}
		if b.Metrics == nil {
			t.Errorf("%s: Metrics is nil; want [] in JSON", b.ID)
		}
	}
	// Every ◆ line and the introduction paragraph belong to some bullet.
	for i, line := range strings.Split(string(defaultText), "\n") {
		if strings.Contains(line, "◆") || strings.HasPrefix(line, "2023年,") {
			if _, ok := lineOwner[i+1]; !ok {
				t.Errorf("line %d is in no bullet: %.40s", i+1, line)
			}
		}
	}
	want := map[string]int{"01": 11, "02": 19, "03": 7, "00": 1, "04": 19, "05": 22, "06": 25}
	for id, n := range want {
		if perSection[id] != n {
			t.Errorf("section %s has %d bullets; want %d", id, perSection[id], n)
		}
	}
	if len(rep.Bullets) != 104 {
		t.Errorf("%d bullets; want 104", len(rep.Bullets))
	}
}

// TestHardCases pins the report's page breaks, truncations and duplicates.
func TestHardCases(t *testing.T) {
	rep, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Bullet{}
	for _, b := range rep.Bullets {
		byID[b.ID] = b
	}
	tests := []struct {
		name, id  string
		text      string // full text, or prefix…
		lines     []int
		truncated bool
	}{
		{"page break inside 健康医|疗, cut copy in the repeat", "05-18",
			"建成并运营华漕国际社区中心,提供健康医疗、文体教育等4大类191项服务。提速老旧小区加装电梯,新增签约39台,开工20台,完工13台。",
			[]int{108, 127, 129}, false},
		{"page break inside a list 智慧会议|系统", "06-19",
			"聚焦数字政务,效能管理平台2.0版、智慧会议系统等项目投入运行。", []int{156, 158}, false},
		{"truncated before the introduction", "03-07",
			"巩固都市生态肌底,落实环保督查整改工作,加强待开发土地和环保违法违规建设项", []int{52}, true},
		{"truncated 汇", "06-11", "成立首批园区统战议事会,完成侨联换届,汇", []int{147}, true},
		{"truncated inside a quote 户管", "04-06",
			"创新“代理经租”“户管家”管理模式,加强“城中村”人房管理,实现12个行政村“户管", []int{69}, true},
		{"after 户管: its own bullet", "04-07",
			"全面覆盖,代理经租签约民房98户、公寓355套,“户管家”签约3503户,经验做法得到全市推广。", []int{71}, false},
		{"introduction paragraph", "00-01", "2023年,在区委、区政府的坚强领导下,…", []int{60}, false},
		{"bullet without dash", "01-11", "基层党组织开展短平快调研,有效解决82个与百姓息息相关的现实问题。", []int{16}, false},
		{"duplicate in section 04", "04-04",
			"完成4个小区标准化垃圾厢房改造,创建2个垃圾分类2.0版精品示范居住区。", []int{67, 79}, false},
		{"section 05 repeated", "05-01", "深化就业优先战略,…", []int{91, 110}, false},
		{"near duplicate stays (1)", "02-15", "制定《华漕镇机关办公及公建配套用房使用管理办法》,新增小区周边社区配套用房1.6万平方米。", []int{36}, false},
		{"near duplicate stays (2)", "02-19", "新增5个小区周边社区配套用房1.6万平方米,…", []int{40}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, ok := byID[tt.id]
			if !ok {
				t.Fatalf("no bullet %s", tt.id)
			}
			if prefix, ok := strings.CutSuffix(tt.text, "…"); ok {
				if !strings.HasPrefix(b.Text, prefix) {
					t.Errorf("%s text = %q; want prefix %q", tt.id, b.Text, prefix)
				}
			} else if b.Text != tt.text {
				t.Errorf("%s text = %q; want %q", tt.id, b.Text, tt.text)
			}
			if !slices.Equal(b.Lines, tt.lines) || b.Truncated != tt.truncated {
				t.Errorf("%s lines %v truncated %v; want %v %v", tt.id, b.Lines, b.Truncated, tt.lines, tt.truncated)
			}
		})
	}
	// The pieces of joined bullets are not bullets of their own.
	for _, b := range rep.Bullets {
		if strings.HasPrefix(b.Text, "疗") || strings.HasPrefix(b.Text, "系统等") || (strings.HasSuffix(b.Text, "提供健康医") && b.ID != "05-18") {
			t.Errorf("%s is a piece of a joined bullet: %q", b.ID, b.Text)
		}
	}
	// The truncated bullet of section 03 is followed by the introduction.
	if b := byID["03-07"]; rep.Bullets[b.Order+1].ID != "00-01" {
		t.Errorf("after 03-07 comes %s; want 00-01", rep.Bullets[b.Order+1].ID)
	}
}

// TestRepairRules checks the join, truncation and duplicate rules on small
// synthetic reports, one rule at a time.
func TestRepairRules(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // "id lines truncated text" per bullet, ";"-separated
	}{
		{"continuation starts with punctuation",
			"01 标题\n- ◆完成改造\n\n- ◆,新增3所学校。\n",
			"01-01 [2 4] false 完成改造,新增3所学校。"},
		{"continuation closes a quote it did not open",
			"01 标题\n- ◆实现12个行政村“户管\n- ◆家”全面覆盖。\n",
			"01-01 [2 3] false 实现12个行政村“户管家”全面覆盖。"},
		{"continuation: the rest of a cut word before 、",
			"01 标题\n- ◆提供健康医\n- ◆疗、文体教育等服务。\n",
			"01-01 [2 3] false 提供健康医疗、文体教育等服务。"},
		{"continuation closes a list with 等",
			"01 标题\n- ◆建成平台、智慧会议\n- ◆系统等项目投入运行。\n",
			"01-01 [2 3] false 建成平台、智慧会议系统等项目投入运行。"},
		{"no continuation: a fresh verb phrase",
			"01 标题\n- ◆完成侨联换届,汇\n- ◆聚力保障全过程人民民主。\n",
			"01-01 [2] true 完成侨联换届,汇;01-02 [3] false 聚力保障全过程人民民主。"},
		{"an unmarked continuation line",
			"01 标题\n- ◆加强违法违规建设项\n目整治,完成8项。\n",
			"01-01 [2 3] false 加强违法违规建设项目整治,完成8项。"},
		{"an unmarked title line after a cut bullet starts the introduction",
			"01 标题\n- ◆加强违法违规建设项\n奋进2023\n正文。\n",
			"01-01 [2] true 加强违法违规建设项;00-01 [4] false 正文。"},
		{"an unmarked line starting with punctuation",
			"01 标题\n- ◆加强违法违规建设\n,完成8项。\n",
			"01-01 [2 3] false 加强违法违规建设,完成8项。"},
		{"no join across a heading",
			"01 标题\n- ◆提供健康医\n02 另一节\n- ◆疗、文体教育等服务。\n",
			"01-01 [2] true 提供健康医;02-01 [4] false 疗、文体教育等服务。"},
		{"last bullet unclosed is truncated",
			"01 标题\n- ◆完成改造\n",
			"01-01 [2] true 完成改造"},
		{"ending with a closing mark is closed",
			"01 标题\n- ◆出台《实施意见》\n- ◆完成改造。\n",
			"01-01 [2] false 出台《实施意见》;01-02 [3] false 完成改造。"},
		{"duplicates keep the first place and every line",
			"01 标题\n- ◆完成改造。\n- ◆新增3所学校。\n02 二\n- ◆完成改造。\n",
			"01-01 [2 5] false 完成改造。;01-02 [3] false 新增3所学校。"},
		{"a cut copy merges into the full bullet",
			"01 标题\n- ◆建成并运营华漕国际社区中心,提供健康医\n- ◆完成改造。\n- ◆建成并运营华漕国际社区中心,提供健康医\n- ◆疗、文体教育等服务。\n",
			"01-01 [2 4 5] false 建成并运营华漕国际社区中心,提供健康医疗、文体教育等服务。;01-02 [3] false 完成改造。"},
		{"whitespace normalised, markers removed",
			"\uFEFF01  标题\r\n  -   ◆ 完成\t改造  HC   Service 。\r\n◆新增。\n",
			"01-01 [2] false 完成 改造 HC Service 。;01-02 [3] false 新增。"},
		{"introduction between sections",
			"01 一\n- ◆完成。\n奋进2023\n\n我们的年终答卷来了\n2023年,华漕镇奋发有为。\n02 二\n- ◆新增。\n",
			"01-01 [2] false 完成。;00-01 [6] false 2023年,华漕镇奋发有为。;02-01 [8] false 新增。"},
		{"number and title on two lines, 、 after the number",
			"01\n\n学习\n- ◆完成。\n02、发展\n- ◆新增。\n",
			"01-01 [4] false 完成。;02-01 [6] false 新增。"},
		{"page numbers are dropped",
			"01 学习\n- ◆完成。\n\n12\n- 3 -\n———\n- ◆新增。\n",
			"01-01 [2] false 完成。;01-02 [7] false 新增。"},
		{"a page number does not break a join",
			"01 学习\n- ◆提供健康医\n\n- 3 -\n\n- ◆疗、文体教育等服务。\n",
			"01-01 [2 6] false 提供健康医疗、文体教育等服务。"},
		{"a title that starts with a digit",
			"01 2024年工作回顾\n- ◆完成。\n",
			"01-01 [2] false 完成。"},
		{"full-width section number",
			"０１ 民生\n- ◆完成。\n０２\n发展\n- ◆新增。\n",
			"01-01 [2] false 完成。;02-01 [5] false 新增。"},
		{"text before the first heading",
			"2023年,华漕镇奋发有为。\n01 一\n- ◆完成。\n",
			"00-01 [1] false 2023年,华漕镇奋发有为。;01-01 [3] false 完成。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Parse(strings.NewReader(tt.in), "t.txt")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range rep.Bullets {
				got = append(got, strings.TrimSpace(strings.Join([]string{b.ID, fmtLines(b.Lines), boolStr(b.Truncated), b.Text}, " ")))
			}
			if g := strings.Join(got, ";"); g != tt.want {
				t.Errorf("Parse(%q):\n got %s\nwant %s", tt.in, g, tt.want)
			}
		})
	}
}

func fmtLines(ls []int) string {
	b, _ := json.Marshal(ls)
	return strings.ReplaceAll(string(b), ",", " ")
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// TestLineEndings: the report with CRLF line endings and a BOM parses the
// same.
func TestLineEndings(t *testing.T) {
	want, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	crlf := "\uFEFF" + strings.ReplaceAll(string(defaultText), "\n", "\r\n")
	got, err := Parse(strings.NewReader(crlf), DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(want)
	b, _ := json.Marshal(got)
	if !bytes.Equal(a, b) {
		t.Error("CRLF report parses differently")
	}
}

func TestIntroTitle(t *testing.T) {
	rep, err := Parse(strings.NewReader("01 一\n- ◆完成。\n奋进2023\n我们的年终答卷来了\n正文。\n"), "x.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sections) != 2 || rep.Sections[1] != (Section{ID: "00", Title: "奋进2023 我们的年终答卷来了", Depth: 1}) {
		t.Errorf("sections = %+v", rep.Sections)
	}
}

// endless is a reader of one endless line.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), e.n)
	for i := range p[:n] {
		p[i] = 'a'
	}
	e.n -= n
	return int(n), nil
}

func TestParseBadInput(t *testing.T) {
	tests := []struct {
		name string
		r    io.Reader
		want string // in the error
	}{
		{"empty", strings.NewReader(""), "bad.txt: empty report"},
		{"blank lines only", strings.NewReader("\n \n\t\n"), "bad.txt: empty report"},
		{"plain text", strings.NewReader("hello world\nthis is not a report.\n"), "bad.txt: no passage of Chinese text"},
		{"heading without text", strings.NewReader("01 标题\n"), "bad.txt: no passage of Chinese text"},
		{"front matter only", strings.NewReader("政府工作报告\n来源：北京日报\n各位代表：\n"), "bad.txt: no passage of Chinese text"},
		{"invalid UTF-8", strings.NewReader("01 标题\n- ◆完成\xff\xfe。\n"), "bad.txt: line 2: invalid UTF-8"},
		{"GBK text", strings.NewReader("01 \xb1\xea\xcc\xe2\n"), "bad.txt: line 1: invalid UTF-8"},
		{"binary", bytes.NewReader([]byte("01 标题\n\x00\x01\x02\x03")), "bad.txt: line 2: NUL byte"},
		{"50 MB single line", &endless{50 << 20}, "bad.txt: line 1: line longer than"},
		{"long line after good lines", io.MultiReader(strings.NewReader("01 标题\n- ◆完成。\n"), &endless{MaxLineBytes + 1}), "bad.txt: line 3: line longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Parse(tt.r, "bad.txt")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse = %v, %v; want error containing %q", rep, err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.File != "bad.txt" {
				t.Errorf("error %v is not an *Error naming the file", err)
			}
		})
	}
}

func TestParseLongLineLimit(t *testing.T) {
	// A line of exactly MaxLineBytes is accepted.
	n := (MaxLineBytes - len("- ◆")) / len("很")
	text := "01 标题\n- ◆" + strings.Repeat("很", n) + strings.Repeat("a", MaxLineBytes-len("- ◆")-n*len("很")) + "\n"
	rep, err := Parse(strings.NewReader(text), "ok.txt")
	if err != nil {
		t.Fatalf("Parse of a %d-byte line: %v", MaxLineBytes, err)
	}
	// The line is one bullet, cut into pieces of MaxPassageRunes.
	want := (n+MaxPassageRunes-1)/MaxPassageRunes + 0
	if len(rep.Bullets) < want || !utf8.ValidString(rep.Bullets[0].Text) {
		t.Errorf("got %d bullets; want at least %d", len(rep.Bullets), want)
	}
}

func TestReportID(t *testing.T) {
	for in, want := range map[string]string{"huacao-2023.txt": "huacao-2023", "dir/a.b.txt": "a.b", "noext": "noext"} {
		if got := ReportID(in); got != want {
			t.Errorf("ReportID(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestHugeFigure: a figure that overflows a float is no figure, and the
// report still parses and encodes.
func TestHugeFigure(t *testing.T) {
	in := "各位代表：\n投入1" + strings.Repeat("0", 300) + "万亿元，增长5%。\n"
	rep, err := Parse(strings.NewReader(in), "huge.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Fatalf("json: %v", err)
	}
	for _, b := range rep.Bullets {
		for _, m := range b.Metrics {
			if m.Value != m.Value || m.Normalized > 1e300 {
				t.Errorf("non-finite figure %+v", m)
			}
		}
	}
}

// TestSeedTitleWithDigit: "01 2024年工作回顾" is section 01 (it was
// section 00 when a title had to start with a non-digit).
func TestSeedTitleWithDigit(t *testing.T) {
	rep, err := Parse(strings.NewReader("01 2024年工作回顾\n- ◆完成。\n02 2025年工作安排\n- ◆新增。\n"), "x.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sections) != 2 || rep.Sections[0].ID != "01" || rep.Sections[0].Title != "2024年工作回顾" || rep.Bullets[1].Section.ID != "02" {
		t.Errorf("sections = %+v", rep.Sections)
	}
}

// TestLongBulletPieceLines: the pieces of a long joined bullet name the
// lines they come from, not every line of the bullet.
func TestLongBulletPieceLines(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("01 标题\n- ◆建成平台、智慧会议\n")
	for range 200 {
		sb.WriteString("，系统等项目投入运行和平台\n")
	}
	sb.WriteString("，系统等项目投入运行。\n")
	rep, err := Parse(strings.NewReader(sb.String()), "t.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Bullets) < 2 {
		t.Fatalf("%d bullets; want the long bullet cut", len(rep.Bullets))
	}
	next := 2
	for _, b := range rep.Bullets {
		if len(b.Lines) == 0 || b.Lines[0] > next || len(b.Lines) > MaxPassageRunes/10 {
			t.Fatalf("%s: lines %v (from %d)", b.ID, b.Lines, next)
		}
		next = b.Lines[len(b.Lines)-1]
	}
	if next != 203 {
		t.Errorf("last line %d; want 203", next)
	}
}
