// Package corpus holds the report files (the embedded default report) and the
// parser that turns a report's text into sections, passages and metrics.
//
// It is pure Go and knows nothing of bleve: text → Report (with its
// metadata) → Sections (nested) → passages (type Bullet) → Metrics. Parse
// reads one file, Load a file or a folder (with its manifest.json).
package corpus

import (
	_ "embed"
)

// DefaultName is the file name of the embedded default report; its report id
// is the name without ".txt".
const DefaultName = "huacao-2023.txt"

//go:embed huacao-2023.txt
var defaultText []byte

// Report is one parsed report file with its metadata.
//
// ID, Title, Level, Region, Year and Source come from the folder's
// manifest.json when it lists the file (see Load); otherwise ID is the file
// name without extension and Title, Date, Speaker and Year are read from the
// report's front matter (title lines, "——2024年3月5日在…会议上", the speaker
// line).
type Report struct {
	ID       string    `json:"id"`                // manifest id, or the file name without extension
	Title    string    `json:"title,omitempty"`   // 政府工作报告, 2025年北京市政府工作报告 …
	Level    string    `json:"level,omitempty"`   // LevelTown, LevelProvincial, LevelNational, or "" when unknown
	Region   string    `json:"region,omitempty"`  // 全国, 北京市 … (manifest only)
	Year     int       `json:"year,omitempty"`    // the year the report was delivered; 0 when unknown
	Date     string    `json:"date,omitempty"`    // delivery date YYYY-MM-DD from the date line, "" when absent
	Speaker  string    `json:"speaker,omitempty"` // office and name as printed, spaces inside the name dropped: 国务院总理 李强
	Source   string    `json:"source,omitempty"`  // where the text comes from: the manifest's source, else the report's 来源 line
	File     string    `json:"file,omitempty"`    // the file as given to Parse (a path below the corpus folder for Load)
	Sections []Section `json:"sections"`          // in report order, parents before their children
	Bullets  []Bullet  `json:"bullets"`           // the passages, in report order
}

// Report levels (manifest "level").
const (
	LevelTown       = "town"
	LevelProvincial = "provincial"
	LevelNational   = "national"
)

// Section is one heading of a report: a numbered section of the seed shape
// (01 … 06), a heading of the other shapes (一、…, （一）…, 第一部分 …, or an
// unnumbered heading line), or the introduction (IntroSectionID).
//
// IDs are unique within a report and URL-safe (digits and dots). In the seed
// shape they are the heading numbers ("01"); otherwise they are the
// section's place among its siblings, two digits a level, joined with dots:
// "02" is the second top-level section, "02.03" its third sub-section.
type Section struct {
	ID     string `json:"id"`
	Title  string `json:"title"`            // the heading as printed, with its number (一、2024年工作回顾); the seed shape without it
	Parent string `json:"parent,omitempty"` // the enclosing section's ID, "" at the top
	Depth  int    `json:"depth"`            // 1 at the top, 2 for its sub-sections …
}

// Bullet is one passage, the unit that is indexed and returned: a ◆ item
// where the report has them, otherwise a paragraph or a piece of a long
// paragraph (see MaxPassageRunes). The type keeps its historical name.
type Bullet struct {
	ID        string    `json:"id"` // "SS-NN": section id and order within it
	Report    string    `json:"report"`
	Section   Section   `json:"section"` // the innermost section
	Path      []Section `json:"path"`    // the enclosing sections, outermost first, ending with Section
	Text      string    `json:"text"`
	Lines     []int     `json:"lines"` // 1-based source lines, every copy
	Truncated bool      `json:"truncated"`
	Metrics   []Metric  `json:"metrics"`
	SeeAlso   []string  `json:"see_also,omitempty"` // ids of the near duplicates in the same report (NearDupThreshold), sorted
	Order     int       `json:"-"`                  // position in the report (file order after joins and dedup), from 0
}

// Key names the bullet across reports: "report:SS-NN". It is the bleve
// document id and the permalink; the bare ID is unique within its report.
func (b Bullet) Key() string { return b.Report + ":" + b.ID }

// Metric is one figure of achievement or size found in a passage.
//
// For 4万余户: Text "4万余户", Value 4, Unit "万户" (multiplier and unit word,
// without the approximation marker, which stays in Text), Normalized 40000,
// BaseUnit "户", Kind "count", Approx true, Direction "above". For
// 增长5%—6%: Text "5%—6%", Value 5, Normalized 5, Low 5, High 6, Change "up".
// Unit is folded (亿元 for 億元, % for ％). Values are finite, computed
// exactly from the digits as written and then rounded to the nearest
// float64 (a value with no finite decimal, as 100亩 = 66666.666… 平方米, to
// 12 significant digits).
type Metric struct {
	Text       string  `json:"text"`                // surface text with its markers (超99%), == passage text[Start:End]
	Value      float64 `json:"value"`               // the number as written, in Unit: 37.55 for 37.55亿元, 2600 for 两千六百万; a range's low end
	Unit       string  `json:"unit"`                // multiplier and unit: 亿元, %, ‰, 成, 分之, 万户, 平方米, 番 …
	Normalized float64 `json:"normalized"`          // Value in BaseUnit: 3755000000 for 37.55亿元; a range's low end
	BaseUnit   string  `json:"base_unit"`           // 元, %, 平方米, 米, 吨, 千瓦时, 千瓦, 倍; for counts and durations the unit word (家, 人次, 天)
	Kind       string  `json:"kind"`                // KindMoney, KindPercent, KindArea, KindCount, …
	Approx     bool    `json:"approx"`              // Direction != "": 余, 多, 超, 超过, 约, 近, 逾, 以上 …
	Direction  string  `json:"direction,omitempty"` // DirAbout, DirNear, DirAbove, DirBelow, or "" for an exact figure
	Change     string  `json:"change,omitempty"`    // ChangeUp, ChangeDown for a change (增长5%), "" for a level
	Low        float64 `json:"low,omitempty"`       // a range's ends in BaseUnit (10-20亿元: 1e9, 2e9); both 0 when not a range
	High       float64 `json:"high,omitempty"`
	Label      string  `json:"label"` // what it measures: 财政总收入, 同比增长 …
	Start      int     `json:"start"` // byte offsets in the passage text
	End        int     `json:"end"`
}
