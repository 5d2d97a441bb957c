package index

// figureCount is how many figures of one kind the passages of one section
// of one report hold: the table a figure listing's total is summed from
// without reading the passages (counted by metaCounter, stream.go).
type figureCount struct {
	Report  string `json:"report"`
	Section string `json:"section"` // the section's key, report:id
	Kind    string `json:"kind"`
	N       int    `json:"n"`
}
