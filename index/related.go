package index

// abbreviations returns the abbreviations or full forms of word found
// among the index's words (see abbrev.go); none yet.
func (ix *Index) abbreviations(word string) []string { return nil }
