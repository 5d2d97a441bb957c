package index

import (
	"encoding/json"
	"errors"
	"fmt"

	"reportsearch/corpus"
)

// storedBullet is what the doc field keeps of a bullet: all a hit needs to
// be shown, in the index's own format. It names its JSON keys itself, so
// that renaming a field of corpus.Bullet or corpus.Metric (or their JSON
// tags) cannot change what an index holds on disk; a change here needs a
// new metaVersion.
type storedBullet struct {
	ID           string          `json:"id"`
	Report       string          `json:"report"`
	SectionID    string          `json:"section"`
	SectionTitle string          `json:"section_title"`
	Path         []storedSection `json:"path,omitempty"` // the enclosing sections, outermost first, ending with the bullet's
	Text         string          `json:"text"`
	Lines        []int           `json:"lines,omitempty"`
	Truncated    bool            `json:"truncated,omitempty"`
	Figures      []storedFigure  `json:"figures,omitempty"`
	SeeAlso      []string        `json:"see_also,omitempty"` // ids of the near duplicates in the same report
	Order        int             `json:"order"`              // position in its report
	Rank         int             `json:"rank"`               // position among all indexed bullets
}

// storedSection is a corpus.Section as the index keeps it.
type storedSection struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Parent string `json:"parent,omitempty"`
	Depth  int    `json:"depth"`
}

// storedFigure is a corpus.Metric as the index keeps it.
type storedFigure struct {
	Text       string  `json:"text"`
	Value      float64 `json:"value"`
	Unit       string  `json:"unit"`
	Normalized float64 `json:"normalized"`
	BaseUnit   string  `json:"base_unit"`
	Kind       string  `json:"kind"`
	Approx     bool    `json:"approx,omitempty"`
	Direction  string  `json:"direction,omitempty"`
	Change     string  `json:"change,omitempty"`
	Low        float64 `json:"low,omitempty"`
	High       float64 `json:"high,omitempty"`
	Label      string  `json:"label"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
}

// toStored returns what the index keeps of bullet b at rank.
func toStored(b corpus.Bullet, rank int) storedBullet {
	s := storedBullet{
		ID: b.ID, Report: b.Report, SectionID: b.Section.ID, SectionTitle: b.Section.Title,
		Text: b.Text, Lines: b.Lines, Truncated: b.Truncated, Order: b.Order, Rank: rank,
		SeeAlso: b.SeeAlso,
	}
	for _, p := range b.Path {
		s.Path = append(s.Path, storedSection(p))
	}
	for _, m := range b.Metrics {
		s.Figures = append(s.Figures, storedFigure(m))
	}
	return s
}

// bullet returns the stored bullet as a corpus.Bullet with slices of its own.
func (s storedBullet) bullet() corpus.Bullet {
	b := corpus.Bullet{
		ID: s.ID, Report: s.Report, Section: corpus.Section{ID: s.SectionID, Title: s.SectionTitle},
		Text: s.Text, Truncated: s.Truncated, Order: s.Order,
	}
	if len(s.Lines) > 0 {
		b.Lines = append([]int(nil), s.Lines...)
	}
	if len(s.SeeAlso) > 0 {
		b.SeeAlso = append([]string(nil), s.SeeAlso...)
	}
	for _, p := range s.Path {
		b.Path = append(b.Path, corpus.Section(p))
	}
	if n := len(b.Path); n > 0 && b.Path[n-1].ID == b.Section.ID {
		b.Section = b.Path[n-1]
	}
	for _, f := range s.Figures {
		b.Metrics = append(b.Metrics, corpus.Metric(f))
	}
	return b
}

// encodeStored is the doc field's value of bullet b at rank.
func encodeStored(b corpus.Bullet, rank int) ([]byte, error) {
	return json.Marshal(toStored(b, rank))
}

// decodeStored decodes a doc field's value.
func decodeStored(v interface{}) (storedBullet, error) {
	var s storedBullet
	var raw []byte
	switch x := v.(type) {
	case string:
		raw = []byte(x)
	case []byte:
		raw = x
	default:
		return s, errors.New("no stored bullet")
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return s, fmt.Errorf("stored bullet: %w", err)
	}
	return s, nil
}
