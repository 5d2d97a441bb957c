package analyzer

import (
	"math/rand"
	"os"
	"slices"
	"sort"
	"testing"
)

// TestPrefixesAgainstScan checks the dictionary's prefix search (pairs
// table and per-character narrowing) against a plain binary search for
// every prefix, at every character of the report, of random common
// characters and of dictionary words with characters outside the CJK
// array (extension B).
func TestPrefixesAgainstScan(t *testing.T) {
	d := sharedBase()
	isWord := func(w string) (float32, bool) {
		i := sort.Search(len(d.start), func(i int) bool { return d.word(uint32(i)) >= w })
		if i < len(d.start) && d.word(uint32(i)) == w {
			return d.dist[i], true
		}
		return 0, false
	}
	var texts [][]rune
	data, err := os.ReadFile("testdata/huacao-2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, []rune(foldString(string(data))))
	r := rand.New(rand.NewSource(1))
	common := []rune("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞")
	for n := 0; n < 200; n++ {
		rs := make([]rune, 2+r.Intn(12))
		for i := range rs {
			rs[i] = common[r.Intn(len(common))]
		}
		texts = append(texts, rs)
	}
	for i := range d.start {
		if w := []rune(d.word(uint32(i))); w[0] >= nearEnd || w[0] < nearBase {
			texts = append(texts, append(w, '的'))
		}
	}
	if len(texts) < 210 {
		t.Fatalf("no dictionary word outside the CJK array: %d texts", len(texts))
	}
	checked := 0
	for _, rs := range texts {
		for k := range rs {
			if !isHan(rs[k]) {
				continue
			}
			end := k
			for end < len(rs) && isHan(rs[end]) {
				end++
			}
			var want []match
			for n := 1; n <= end-k && n <= maxWordRunes; n++ {
				if dist, ok := isWord(string(rs[k : k+n])); ok {
					want = append(want, match{n, dist})
				}
			}
			got := d.prefixes(rs[k:end], nil)
			if !slices.Equal(got, want) {
				t.Fatalf("prefixes(%q) = %v, want %v", string(rs[k:end]), got, want)
			}
			checked += len(want)
		}
	}
	if checked < 1000 {
		t.Errorf("only %d words found: the test checks too little", checked)
	}
}
