package corpus

import (
	"errors"
	"io"
)

// Parse reads one report; name is its file name (the report id is the name
// without extension). TODO(corpus owner): implement.
func Parse(r io.Reader, name string) (*Report, error) {
	return nil, errors.New("corpus: not implemented yet")
}

// Default parses the embedded report.
func Default() (*Report, error) { return nil, errors.New("corpus: not implemented yet") }

// Load reads a report file, or every .txt report in a folder. With a folder,
// good reports are returned together with an error naming each bad file.
func Load(path string) ([]*Report, error) { return nil, errors.New("corpus: not implemented yet") }

// ParseFigure parses a standalone figure as typed in a query ("1亿元", "50家",
// "1000万", "35.6%") into a Metric with Value, Unit, Normalized, BaseUnit and
// Kind set; ok is false when s is not a figure.
func ParseFigure(s string) (m Metric, ok bool) { return Metric{}, false }

// ExtractMetrics finds every figure of achievement or size in a bullet's text.
func ExtractMetrics(text string) []Metric { return nil }
