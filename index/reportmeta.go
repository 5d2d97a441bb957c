package index

import (
	"slices"

	"reportsearch/corpus"
)

// ReportInfo is what the index keeps of a report besides its passages: the
// corpus.Report fields a listing filters and labels by.
type ReportInfo struct {
	ID     string `json:"id"`
	Title  string `json:"title,omitempty"`
	Level  string `json:"level,omitempty"`  // corpus.LevelTown, LevelProvincial, LevelNational or ""
	Region string `json:"region,omitempty"` // 全国, 北京市 …; "" when unknown
	Year   int    `json:"year,omitempty"`   // delivered; 0 when unknown
	Date   string `json:"date,omitempty"`   // YYYY-MM-DD or ""
}

// figureCount is how many figures of one kind the passages of one section
// of one report hold: the table a figure listing's total is summed from
// without reading the passages.
type figureCount struct {
	Report  string `json:"report"`
	Section string `json:"section"`
	Kind    string `json:"kind"`
	N       int    `json:"n"`
}

// describeReports records each report's ReportInfo and the figure counts
// of its sections and kinds in m.
func (m *meta) describeReports(reports []*corpus.Report) {
	for _, r := range reports {
		m.ReportInfo = append(m.ReportInfo, ReportInfo{ID: r.ID, Title: r.Title, Level: r.Level, Region: r.Region, Year: r.Year, Date: r.Date})
		at := map[[2]string]int{} // section, kind → index in m.FigureCounts
		for _, b := range r.Bullets {
			for _, f := range b.Metrics {
				k := [2]string{b.Section.ID, f.Kind}
				i, ok := at[k]
				if !ok {
					i = len(m.FigureCounts)
					at[k] = i
					m.FigureCounts = append(m.FigureCounts, figureCount{Report: r.ID, Section: b.Section.ID, Kind: f.Kind})
				}
				m.FigureCounts[i].N++
			}
		}
	}
}

// ReportInfos lists the indexed reports in index order.
func (ix *Index) ReportInfos() []ReportInfo { return slices.Clone(ix.meta.ReportInfo) }

// reportInfo returns the ReportInfo of report id, false if the index has
// no such report.
func (ix *Index) reportInfo(id string) (ReportInfo, bool) {
	for _, r := range ix.meta.ReportInfo {
		if r.ID == id {
			return r, true
		}
	}
	return ReportInfo{}, false
}
