// Package corpus holds the report files (the embedded default report) and the
// parser that turns a report's text into sections, bullets and metrics.
//
// It is pure Go and knows nothing of bleve: text → Report → Sections →
// Bullets → Metrics.
package corpus

import (
	_ "embed"
)

// DefaultName is the file name of the embedded default report; its report id
// is the name without ".txt".
const DefaultName = "huacao-2023.txt"

//go:embed huacao-2023.txt
var defaultText []byte

// Report is one parsed report file.
type Report struct {
	ID       string    `json:"id"`       // from the file name, without extension
	Sections []Section `json:"sections"` // in report order
	Bullets  []Bullet  `json:"bullets"`  // in report order, duplicates removed
}

// Section is a numbered section (01 … 06) or the introduction.
type Section struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Bullet is one ◆ item (or the introduction paragraph), cleaned.
type Bullet struct {
	ID        string   `json:"id"` // "SS-NN": section id and order within it
	Report    string   `json:"report"`
	Section   Section  `json:"section"`
	Text      string   `json:"text"`
	Lines     []int    `json:"lines"` // 1-based source lines, every copy
	Truncated bool     `json:"truncated"`
	Metrics   []Metric `json:"metrics"`
	Order     int      `json:"-"` // position in the report (file order after joins and dedup), from 0
}

// Key names the bullet across reports: "report:SS-NN". It is the bleve
// document id and the permalink; the bare ID is unique within its report.
func (b Bullet) Key() string { return b.Report + ":" + b.ID }

// Metric is one figure of achievement or size found in a bullet.
//
// For 4万余户: Text "4万余户", Value 4, Unit "万户" (multiplier and unit word,
// without the approximation marker, which stays in Text), Normalized 40000,
// BaseUnit "户", Kind "count", Approx true.
type Metric struct {
	Text       string  `json:"text"`       // surface text with its markers (超99%), == bullet.Text[Start:End]
	Value      float64 `json:"value"`      // the number as written: 37.55 for 37.55亿元
	Unit       string  `json:"unit"`       // multiplier and unit as written: 亿元, %, 万户, 平方米 …
	Normalized float64 `json:"normalized"` // Value in BaseUnit: 3755000000 for 37.55亿元
	BaseUnit   string  `json:"base_unit"`  // 元, %, 平方米, 米, 吨; for counts and durations the unit word (家, 人次, 天)
	Kind       string  `json:"kind"`       // KindMoney, KindPercent, KindArea, KindCount, …
	Approx     bool    `json:"approx"`     // 余, 多, 超, 超过, 约, 近, 逾, 以上 …
	Label      string  `json:"label"`      // what it measures: 财政总收入, 同比增长 …
	Start      int     `json:"start"`      // byte offsets in Bullet.Text
	End        int     `json:"end"`
}
