package corpus

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// sectionsOf lists a report's sections as "id depth title" lines.
func sectionsOf(rep *Report) string {
	var out []string
	for _, s := range rep.Sections {
		out = append(out, fmt.Sprintf("%s %d %s", s.ID, s.Depth, s.Title))
	}
	return strings.Join(out, "; ")
}

// passagesOf lists a report's passages as "id [lines] text".
func passagesOf(rep *Report) string {
	var out []string
	for _, b := range rep.Bullets {
		out = append(out, b.ID+" "+fmtLines(b.Lines)+" "+b.Text)
	}
	return strings.Join(out, "; ")
}

func mustParse(t *testing.T, in string) *Report {
	t.Helper()
	rep, err := Parse(strings.NewReader(in), "t.txt")
	if err != nil {
		t.Fatalf("Parse(%q): %v", in, err)
	}
	return rep
}

// TestHeadingShapes: each numbered and unnumbered heading shape opens a
// section, in both layouts, whatever the width of its characters. Titles
// are cleaned like all text (cleanSpaces): the space between a number and
// Chinese text goes.
func TestHeadingShapes(t *testing.T) {
	tests := []struct {
		name, heading, title string
	}{
		{"chinese number", "一、2024年工作回顾", "一、2024年工作回顾"},
		{"full-width brackets", "（一）扩大内需", "（一）扩大内需"},
		{"ASCII brackets", "(一)扩大内需", "(一)扩大内需"},
		{"arabic in brackets", "（1）扩大内需", "（1）扩大内需"},
		{"full-width digit in brackets", "（１）扩大内需", "（１）扩大内需"},
		{"part", "第一部分 总体要求", "第一部分总体要求"},
		{"part alone", "第二部分", "第二部分"},
		{"chapter", "第三章 发展目标", "第三章发展目标"},
		{"ordinal heading", "第一，全国动员，大办农业", "第一，全国动员，大办农业"},
		{"two digits", "01 深化改革", "01深化改革"},
		{"two digits, title with a digit", "01 2024年工作回顾", "012024年工作回顾"},
		{"one digit and a dot", "1. 工作回顾", "1.工作回顾"},
		{"bare number", "三", "三"},
		{"unnumbered", "过去五年的回顾", "过去五年的回顾"},
		{"unnumbered with a comma", "五年来，外交工作开创新局面", "五年来，外交工作开创新局面"},
		{"traditional", "一、過去一年的工作", "一、過去一年的工作"},
		{"zero-width inside", "一、2024年\u200b工作回顾", "一、2024年工作回顾"},
		{"U+3000 indent", "\u3000\u3000二、2025年工作安排", "二、2025年工作安排"},
		{"appendix", "附件1", "附件1"},
		{"closing section", "结束语", "结束语"},
	}
	for _, tt := range tests {
		for _, layout := range []string{"\n", "\n\n"} {
			in := "各位代表：" + layout + "现在，我代表政府作报告。" + layout + tt.heading + layout + "过去一年，经济运行稳中有进。" + layout
			t.Run(tt.name+fmt.Sprint(len(layout)), func(t *testing.T) {
				rep := mustParse(t, in)
				want := "00 1 ; 01 1 " + tt.title
				if got := sectionsOf(rep); got != want {
					t.Errorf("sections = %q; want %q", got, want)
				}
				if got, want := passagesOf(rep), "00-01 [3] 现在，我代表政府作报告。; 01-01 [7] 过去一年，经济运行稳中有进。"; len(layout) == 2 && got != want {
					t.Errorf("passages = %q; want %q", got, want)
				}
			})
		}
	}
}

// TestNotHeadings: numbered or short lines that are text.
func TestNotHeadings(t *testing.T) {
	for _, line := range []string{
		"一、我国人民已经推翻了帝国主义者在中国的统治。", // a numbered sentence
		"第一，在工商业方面，我们基本上完成了改造。",
		"具体要做好以下工作：",                               // a lead-in
		"现在，我代表国务院，向大会报告政府工作，请各位代表审议，并请全国政协委员提出意见", // four commas
		"2.5", // no letter: dropped
	} {
		rep, err := Parse(strings.NewReader("各位代表：\n"+line+"\n正文。\n"), "t.txt")
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Sections) != 1 || rep.Sections[0].ID != IntroSectionID {
			t.Errorf("%q: sections %s; want only the introduction", line, sectionsOf(rep))
		}
	}
}

// TestSectionPaths: sections nest in the order the report uses the styles.
func TestSectionPaths(t *testing.T) {
	in := `各位代表：
一、2024年工作回顾
过去一年成绩显著。
（一）扩大内需
消费增长5%。
（二）深化改革
改革取得进展。
1. 国企改革
完成改制。
二、2025年工作安排
（一）稳增长
今年增长5%左右。
结束语
让我们团结奋斗。
`
	rep := mustParse(t, in)
	want := "01 1 一、2024年工作回顾; 01.01 2 （一）扩大内需; 01.02 2 （二）深化改革; 01.02.01 3 1.国企改革; 02 1 二、2025年工作安排; 02.01 2 （一）稳增长; 03 1 结束语"
	if got := sectionsOf(rep); got != want {
		t.Errorf("sections:\n got %s\nwant %s", got, want)
	}
	var paths []string
	for _, b := range rep.Bullets {
		var p []string
		for _, s := range b.Path {
			p = append(p, s.ID)
		}
		paths = append(paths, b.ID+"="+strings.Join(p, ">"))
	}
	if got, want := strings.Join(paths, " "), "01-01=01 01.01-01=01>01.01 01.02-01=01>01.02 01.02.01-01=01>01.02>01.02.01 02.01-01=02>02.01 03-01=03"; got != want {
		t.Errorf("paths:\n got %s\nwant %s", got, want)
	}
	for _, b := range rep.Bullets {
		if b.Section != b.Path[len(b.Path)-1] || b.Section.Parent != "" && b.Path[len(b.Path)-2].ID != b.Section.Parent {
			t.Errorf("%s: section %+v, path %+v", b.ID, b.Section, b.Path)
		}
	}
}

// TestPlainSubheadings: an unnumbered heading under a numbered one is a
// sub-heading; a numbered heading of a new style after it is its sibling;
// unnumbered headings at the top keep numbered ones below them.
func TestPlainSubheadings(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"一、过去五年的回顾\n\n正文。\n\n五年来，经济持续增长\n\n正文。\n\n（一）坚持扩大内需\n\n正文。\n\n二、今年的工作\n\n正文。\n",
			"01 1 一、过去五年的回顾; 01.01 2 五年来，经济持续增长; 01.02 2 （一）坚持扩大内需; 02 1 二、今年的工作"},
		{"过去五年的回顾\n\n正文。\n\n（一）关于经济建设\n\n正文。\n\n今后五年的主要任务\n\n正文。\n",
			"01 1 过去五年的回顾; 01.01 2 （一）关于经济建设; 02 1 今后五年的主要任务"},
	} {
		if got := sectionsOf(mustParse(t, tt.in)); got != tt.want {
			t.Errorf("sections:\n got %s\nwant %s", got, tt.want)
		}
	}
}

// TestFrontMatter: title, source, date, speaker and the salutation fill the
// metadata and are no passages.
func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name, in                     string
		title, date, speaker, source string
	}{
		{"national, blocks", "政府工作报告\n\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理　\n李　强\n\n各位代表：\n\n现在，我代表国务院作报告。\n",
			"政府工作报告", "2024-03-05", "国务院总理 李强", ""},
		{"title broken over lines", "\u200b\n政府工作报\n告\n\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n\n国务院总理\n　李克强\n\n各位代表：\n\n现在，我代表国务院作报告。\n",
			"政府工作报告", "2017-03-05", "国务院总理 李克强", ""},
		{"newspaper, date and speaker on one line", "2025年北京市政府工作报告\n来源：北京日报\n2025年1月14日在北京市第十六届人民代表大会第三次会议上北京市市长 殷勇同志作政府工作报告。\n各位代表：\n　　现在，我代表北京市人民政府作报告。\n",
			"2025年北京市政府工作报告", "2025-01-14", "北京市市长 殷勇", "北京日报"},
		{"speaker between date and meeting", "2025年海南省政府工作报告\n来源：海南日报\n——2025年1月14日海南省省长 刘小明在海南省第七届人民代表大会第四次会议上的讲话\n各位代表：\n现在，我代表省人民政府作报告。\n",
			"2025年海南省政府工作报告", "2025-01-14", "海南省省长 刘小明", "海南日报"},
		{"speaker line", "2025年重庆市政府工作报告\n来源 : 重庆日报\n——2025年1月19日在重庆市第六届人民代表大会第三次会议上\n重庆市人民政府市长 胡衡华\n各位代表：\n现在作报告。\n",
			"2025年重庆市政府工作报告", "2025-01-19", "重庆市人民政府市长 胡衡华", "重庆日报"},
		{"chinese-numeral date, traditional", "政府工作報告\n\n一九七九年六月十八日在第五屆全國人民代表大會第二次會議上\n\n華國鋒\n\n各位代表：\n\n現在作報告。\n",
			"政府工作報告", "1979-06-18", "華國鋒", ""},
		{"full-width date", "政府工作报告\n\n１９９５年３月５日在第八届全国人民代表大会第三次会议上\n\n各位代表：\n\n现在作报告。\n",
			"政府工作报告", "1995-03-05", "", ""},
		{"salutation only", "各位代表：\n\n现在作报告。\n", "", "", "", ""},
		{"salutation with the text in its block", "各位代表：\n现在作报告。\n\n\n\n", "", "", "", ""},
		{"no front matter", "过去五年的回顾\n\n现在作报告。\n", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := mustParse(t, tt.in)
			if rep.Title != tt.title || rep.Date != tt.date || rep.Speaker != tt.speaker || rep.Source != tt.source {
				t.Errorf("title %q date %q speaker %q source %q; want %q %q %q %q", rep.Title, rep.Date, rep.Speaker, rep.Source, tt.title, tt.date, tt.speaker, tt.source)
			}
			if tt.date != "" && rep.Year != int(tt.date[0]-'0')*1000+int(tt.date[1]-'0')*100+int(tt.date[2]-'0')*10+int(tt.date[3]-'0') {
				t.Errorf("year %d; want that of %s", rep.Year, tt.date)
			}
			if len(rep.Bullets) != 1 || !strings.HasPrefix(rep.Bullets[0].Text, "现在") && !strings.HasPrefix(rep.Bullets[0].Text, "現在") {
				t.Errorf("passages %s; want only the text", passagesOf(rep))
			}
		})
	}
}

// TestClosingFormulas: a salutation alone in the text is no passage; one
// that starts a sentence is kept.
func TestClosingFormulas(t *testing.T) {
	rep := mustParse(t, "各位代表：\n现在作报告。\n各位代表！\n让我们团结奋斗！\n各位代表，使命重在担当。\n谢谢大家！\n")
	if got, want := passagesOf(rep), "00-01 [2] 现在作报告。; 00-02 [4] 让我们团结奋斗！; 00-03 [5] 各位代表，使命重在担当。"; got != want {
		t.Errorf("passages:\n got %s\nwant %s", got, want)
	}
}

// TestParagraphJoins: how lines become paragraphs in both layouts.
func TestParagraphJoins(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"one paragraph a line, indented",
			"各位代表：\n\u3000\u3000经济平稳。\n\u3000\u3000就业稳定。\n",
			"00-01 [2] 经济平稳。; 00-02 [3] 就业稳定。"},
		{"blocks: links broke a sentence over lines",
			"各位代表：\n\n\n\n\n我们听了刘少奇同志\n关于宪法草案的报告\n并进行了讨论，通过了\n中华人民共和国宪法\n，接着又通过了几个法律。\n\n第二段。\n",
			"00-01 [6 7 8 9 10] 我们听了刘少奇同志关于宪法草案的报告并进行了讨论，通过了中华人民共和国宪法，接着又通过了几个法律。; 00-02 [12] 第二段。"},
		{"blocks: a lead sentence line and its text",
			"各位代表：\n\n国民经济快速增长。\n在1992年快速增长的基础上继续发展。\n\n",
			"00-01 [3 4] 国民经济快速增长。在1992年快速增长的基础上继续发展。"},
		{"blocks: a sentence broken over a blank line of zero-width spaces",
			"各位代表：\n\n战争的危险依然存在。但是，由于社会主义阵营的壮大和各国\n\u200b\n人民要求和平的呼声的增长，和平是有希望的。\n\n",
			"00-01 [3 5] 战争的危险依然存在。但是，由于社会主义阵营的壮大和各国人民要求和平的呼声的增长，和平是有希望的。"},
		{"a marker alone joins its text",
			"各位代表：\n\n一、\n我国人民推翻了帝国主义的统治。\n\n一是\n依法打击刑事犯罪；\n\n",
			"00-01 [3 4] 一、我国人民推翻了帝国主义的统治。; 00-02 [6 7] 一是依法打击刑事犯罪；"},
		{"a lead-in ending with a comma goes on",
			"各位代表：\n\n这是因为，\n\n第一，在工商业方面完成了改造。\n\n",
			"00-01 [3 5] 这是因为，第一，在工商业方面完成了改造。"},
		{"digits with spaces inside, full width kept",
			"各位代表：\n本届政府从1 9 9 3 年3 月就职，增长１２％。\n",
			"00-01 [2] 本届政府从1993年3月就职，增长１２％。"},
		{"ASCII words keep their space",
			"各位代表：\n细颗粒物（PM 2.5）浓度下降，Public domain 文本。\n",
			"00-01 [2] 细颗粒物（PM 2.5）浓度下降，Public domain文本。"},
		{"◆ bullets without seed headings",
			"一、民生\n◆新增3所学校。\n- ◆完成改造。\n",
			"01-01 [2] 新增3所学校。; 01-02 [3] 完成改造。"},
		{"zero-width and bidi characters dropped",
			"各位代表：\n养\u200b老服务\u202e覆盖全镇。\n",
			"00-01 [2] 养老服务覆盖全镇。"},
		{"a heading broken over two lines",
			"各位代表：\n三、持续提升政府\n治理效能和服务水平\n人民满意是标准。\n",
			"01-01 [4] 人民满意是标准。"},
		{"licence notice of wiki texts",
			"各位代表：\n\n现在作报告。\n\n本作品是中华人民共和国的\n法律\n、\n法规\n。\n\nPublic domain\n",
			"00-01 [3] 现在作报告。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := mustParse(t, tt.in)
			if got := passagesOf(rep); got != tt.want {
				t.Errorf("passages:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
	rep := mustParse(t, "各位代表：\n三、持续提升政府\n治理效能和服务水平\n人民满意是标准。\n")
	if got := sectionsOf(rep); got != "01 1 三、持续提升政府治理效能和服务水平" {
		t.Errorf("broken heading: sections %s", got)
	}
}

// TestSplitPassage: long paragraphs are cut at their enumeration items, or
// at sentence ends, into pieces within MaxPassageRunes.
func TestSplitPassage(t *testing.T) {
	long := func(s string, n int) string { return strings.Repeat(s, n) }
	item := long("推进重点工作取得实效", 10) + "。" // 101 characters
	tests := []struct {
		name string
		text string
		want []string // piece prefixes
	}{
		{"short stays whole", "经济平稳。就业稳定。", []string{"经济平稳"}},
		{"一是 items, the lead-in with the first", "主要做了以下工作：一是" + item + "二是" + item + "三是" + item,
			[]string{"主要做了以下工作：一是", "二是", "三是"}},
		{"第一， items", "第一，" + item + item + "第二，" + item + "第三，" + item,
			[]string{"第一，", "第二，", "第三，"}},
		{"circled items", "①" + item + item + "②" + item + "③" + item, []string{"①", "②", "③"}},
		{"bracketed items", "（1）" + item + item + "（2）" + item + "（3）" + item, []string{"（1）", "（2）", "（3）"}},
		{"not an item inside a word: 统一是", "统一是" + item + item + "二是" + item + "。" + item, []string{"统一是", "二是"}},
		{"sentences packed", long("经济运行稳中有进，主要指标好于预期。", 30), []string{"经济", "经济"}},
		{"no punctuation: cut by length into even pieces", long("推进", 400), []string{"推进", "进推", "推进"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pieces := splitPassage(tt.text, MaxPassageRunes)
			var got []string
			end := 0
			for _, p := range pieces {
				if p[0] != end || p[1] <= p[0] {
					t.Fatalf("pieces %v do not cover the text in order", pieces)
				}
				end = p[1]
				s := tt.text[p[0]:p[1]]
				if n := utf8.RuneCountInString(s); n > MaxPassageRunes {
					t.Errorf("piece of %d characters", n)
				}
				got = append(got, s)
			}
			if end != len(tt.text) {
				t.Fatalf("pieces end at %d of %d", end, len(tt.text))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%d pieces; want %d: %q", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("piece %d = %.20q…; want prefix %q", i, got[i], w)
				}
			}
		})
	}
}

// TestSplitLines: the pieces of a long paragraph name the lines they come
// from.
func TestSplitLines(t *testing.T) {
	item := strings.Repeat("推进重点工作取得实效", 12) + "。"
	in := "各位代表：\n\n\n\n\n\n主要做了以下工作：\n一是" + item + "\n二是" + item + "\n三是" + item + "\n\n"
	rep := mustParse(t, in)
	var got []string
	for _, b := range rep.Bullets {
		got = append(got, b.ID+fmtLines(b.Lines))
	}
	if g, want := strings.Join(got, " "), "00-01[7 8] 00-02[9] 00-03[10]"; g != want {
		t.Errorf("pieces %s; want %s", g, want)
	}
}

// TestFrontMatterEndsAtHeading: a numbered heading right after the front
// matter is the first section, not a title line.
func TestFrontMatterEndsAtHeading(t *testing.T) {
	rep := mustParse(t, "2025年某省政府工作报告\n来源：某日报\n一、2024年工作回顾\n经济稳中有进。\n")
	if rep.Title != "2025年某省政府工作报告" || rep.Source != "某日报" || sectionsOf(rep) != "01 1 一、2024年工作回顾" {
		t.Errorf("title %q source %q sections %s", rep.Title, rep.Source, sectionsOf(rep))
	}
}

// TestInlineHeadings: a paragraph that opens with a （一） sentence opens
// that section; the paragraph keeps its whole text. Other numbers at the
// start of a paragraph are list items.
func TestInlineHeadings(t *testing.T) {
	in := "各位代表：\n一、2025年工作安排\n（一）坚持协同联动，推动区域协调发展。强化资源共享，缩小地区差距。\n扎实推动共同富裕。\n（二）加强和改善宏观调控。\n（1）稳增长。今年增长5%。\n"
	rep := mustParse(t, in)
	if got, want := sectionsOf(rep), "01 1 一、2025年工作安排; 01.01 2 （一）坚持协同联动，推动区域协调发展; 01.02 2 （二）加强和改善宏观调控"; got != want {
		t.Errorf("sections:\n got %s\nwant %s", got, want)
	}
	if got, want := passagesOf(rep), "01.01-01 [3] （一）坚持协同联动，推动区域协调发展。强化资源共享，缩小地区差距。; 01.01-02 [4] 扎实推动共同富裕。; 01.02-01 [6] （1）稳增长。今年增长5%。"; got != want {
		t.Errorf("passages:\n got %s\nwant %s", got, want)
	}
}

// TestRestartedNumbering: a heading whose number restarts at 一 while the
// same style is open is a list below the current heading; a number that
// follows an outer level's (and not the list's) closes it; a skipped number
// stays on its level.
func TestRestartedNumbering(t *testing.T) {
	in := "一、回顾\n\n正文。\n\n二、基本任务\n\n正文。\n\n一、确定增长率\n\n正文。\n\n二、规定投资规模\n\n正文。\n\n三、科技进步\n\n四、出口创汇\n\n三、经济体制改革\n\n正文。\n\n（一）市场\n\n正文。\n\n（三）企业\n\n正文。\n"
	want := "01 1 一、回顾; 02 1 二、基本任务; 02.01 2 一、确定增长率; 02.02 2 二、规定投资规模; 02.03 2 三、科技进步; 02.04 2 四、出口创汇; 03 1 三、经济体制改革; 03.01 2 （一）市场; 03.02 2 （三）企业"
	if got := sectionsOf(mustParse(t, in)); got != want {
		t.Errorf("sections:\n got %s\nwant %s", got, want)
	}
}
