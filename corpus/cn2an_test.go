package corpus

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// cn2anSentence puts a numeral of cn2an's cases in a sentence: 投入X元, or
// 投入X when X already ends in its money unit (壹拾壹元整, 壹拾壹元壹角).
func cn2anSentence(x string) string {
	for _, end := range []string{"元", "圆", "整", "正", "角", "分"} {
		if strings.HasSuffix(x, end) {
			return "投入" + x + "。"
		}
	}
	return "投入" + x + "元。"
}

// TestCn2anCases measures extraction against an independent peer: the value
// cases of the Ailln/cn2an library's own tests (testdata/cn2an-cases.json,
// MIT licence in testdata/cn2an-LICENSE). Each numeral, put in a sentence,
// must give one money figure with its value; each string that is not a
// number must give none. cn2an's strict mode refuses digit strings (一一)
// that its normal mode reads: those two-digit strings count with the value
// cases (they are read as no number here: two digits side by side are a
// range or a word in the reports, 唯一一家).
func TestCn2anCases(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "cn2an-cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	values := map[string]float64{}
	for _, key := range []string{"strict_data_dict", "normal_data_dict", "smart_data_dict"} {
		var m map[string]float64
		if err := json.Unmarshal(doc[key], &m); err != nil {
			t.Fatal(key, err)
		}
		for k, v := range m {
			values[k] = v
		}
	}
	var notNumbers []string
	seen := map[string]bool{}
	for _, key := range []string{"error_strict_datas", "error_normal_datas", "error_smart_datas"} {
		var l []string
		if err := json.Unmarshal(doc[key], &l); err != nil {
			t.Fatal(key, err)
		}
		for _, s := range l {
			if _, isValue := values[s]; !isValue && !seen[s] {
				seen[s] = true
				notNumbers = append(notNumbers, s)
			}
		}
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	right := 0
	for _, x := range keys {
		want := values[x]
		ms := ExtractMetrics(cn2anSentence(x))
		if len(ms) == 1 && ms[0].Kind == KindMoney && sameValue(ms[0].Normalized, want) {
			right++
			continue
		}
		t.Logf("%s = %v: got %s", x, want, figs(ms))
	}
	rejected := 0
	for _, x := range notNumbers {
		ms := ExtractMetrics(cn2anSentence(x))
		if len(ms) == 0 {
			rejected++
			continue
		}
		t.Logf("%q is not a number: got %s", x, figs(ms))
	}
	share := float64(right) / float64(len(keys))
	t.Logf("cn2an value cases: %d of %d right (%.1f%%); not numbers: %d of %d without a figure",
		right, len(keys), 100*share, rejected, len(notNumbers))
	if share < 0.95 {
		t.Errorf("%d of %d value cases right (%.1f%%), below the floor 95%%", right, len(keys), 100*share)
	}
	if rejected < len(notNumbers) {
		t.Errorf("%d of %d strings that are not numbers gave a figure", len(notNumbers)-rejected, len(notNumbers))
	}
}
