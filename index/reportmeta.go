package index

import (
	"reportsearch/corpus"
)

// figureCount is how many figures of one kind the passages of one section
// of one report hold: the table a figure listing's total is summed from
// without reading the passages.
type figureCount struct {
	Report  string `json:"report"`
	Section string `json:"section"` // the section's key, report:id
	Kind    string `json:"kind"`
	N       int    `json:"n"`
}

// describeReports records the figure counts of each report's sections and
// kinds in m (newMeta records its ReportInfo).
func (m *meta) describeReports(reports []*corpus.Report) {
	for _, r := range reports {
		at := map[[2]string]int{} // section, kind → index in m.FigureCounts
		for _, b := range r.Bullets {
			for _, f := range b.Metrics {
				sec := sectionKey(r.ID, b.Section.ID)
				k := [2]string{sec, f.Kind}
				i, ok := at[k]
				if !ok {
					i = len(m.FigureCounts)
					at[k] = i
					m.FigureCounts = append(m.FigureCounts, figureCount{Report: r.ID, Section: sec, Kind: f.Kind})
				}
				m.FigureCounts[i].N++
			}
		}
	}
}
