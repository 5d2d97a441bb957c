// Command mkdict derives the analyzer's compact data files from maintained
// sources, so that the package embeds only what it uses:
//
//   - dict_zh.txt from gse's Simplified Chinese dictionary (data/dict/zh/s_1.txt
//     in the github.com/go-ego/gse module, Apache-2.0): the words made only
//     of Han characters, with the frequency gse itself would load (entries
//     below 2 dropped, single characters counted as 2), sorted by bytes, and
//     a "#total" line with the total frequency gse computes over the whole
//     file;
//   - t2s.txt from OpenCC's TSCharacters.txt (github.com/longbridgeapp/opencc
//     module, dictionary/, Apache-2.0): one "traditional simplified" character
//     pair a line, the first candidate of each entry, leaving out characters
//     that are themselves Simplified characters (keys of STCharacters.txt or
//     characters used by the Simplified dictionary), so that Simplified text
//     is never changed.
//
// Usage (from the module root, with the module sources at hand):
//
//	go run ./analyzer/internal/mkdict -gse GSEDIR -opencc OPENCCDIR -out analyzer -t2s corpus/fold/t2s.txt
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

func main() {
	gseDir := flag.String("gse", "", "root of the github.com/go-ego/gse module")
	ccDir := flag.String("opencc", "", "root of the github.com/longbridgeapp/opencc module")
	out := flag.String("out", "analyzer", "output directory of dict_zh.txt")
	t2sOut := flag.String("t2s", "corpus/fold/t2s.txt", "output file of the Traditional to Simplified table")
	flag.Parse()
	if *gseDir == "" || *ccDir == "" {
		log.Fatal("mkdict: -gse and -opencc are required")
	}
	simplified, err := writeDict(filepath.Join(*gseDir, "data/dict/zh/s_1.txt"), filepath.Join(*out, "dict_zh.txt"))
	if err != nil {
		log.Fatal(err)
	}
	if err := writeT2S(*ccDir, simplified, *t2sOut); err != nil {
		log.Fatal(err)
	}
}

func isHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

// writeDict writes the Han-only words of gse's dictionary and returns the
// set of characters its frequent words use.
func writeDict(src, dst string) (map[rune]bool, error) {
	f, err := os.Open(src)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	seen := map[string]bool{}
	freq := map[string]int{}
	used := map[rune]bool{}
	var total float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		word := strings.ToLower(fields[0]) // gse folds ASCII letters
		fr, err := strconv.ParseFloat(fields[1], 64)
		if err != nil || fr < 2 || seen[word] {
			continue
		}
		seen[word] = true
		if utf8.RuneCountInString(word) < 2 {
			fr = 2
		}
		total += fr
		if !isHan(word) {
			continue
		}
		freq[word] = int(fr)
		if fr >= 10 {
			for _, r := range word {
				used[r] = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	words := make([]string, 0, len(freq))
	for w := range freq {
		words = append(words, w)
	}
	sort.Strings(words)
	var b strings.Builder
	fmt.Fprintf(&b, "#total %d\n", int64(total))
	for _, w := range words {
		fmt.Fprintf(&b, "%s %d\n", w, freq[w])
	}
	return used, os.WriteFile(dst, []byte(b.String()), 0o644)
}

func readPairs(path string) (map[rune][]rune, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := map[rune][]rune{}
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 || utf8.RuneCountInString(fields[0]) != 1 {
			continue
		}
		k, _ := utf8.DecodeRuneInString(fields[0])
		for _, v := range fields[1:] {
			if utf8.RuneCountInString(v) == 1 {
				r, _ := utf8.DecodeRuneInString(v)
				m[k] = append(m[k], r)
			}
		}
	}
	return m, nil
}

func writeT2S(ccDir string, simplified map[rune]bool, dst string) error {
	ts, err := readPairs(filepath.Join(ccDir, "dictionary/TSCharacters.txt"))
	if err != nil {
		return err
	}
	st, err := readPairs(filepath.Join(ccDir, "dictionary/STCharacters.txt"))
	if err != nil {
		return err
	}
	var keys []rune
	for k, v := range ts {
		if len(v) == 0 || v[0] == k || st[k] != nil || simplified[k] {
			continue
		}
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	var b strings.Builder
	b.WriteString("# traditional -> simplified characters, derived from OpenCC TSCharacters.txt by internal/mkdict\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%c %c\n", k, ts[k][0])
	}
	return os.WriteFile(dst, []byte(b.String()), 0o644)
}
