package analyzer

import (
	"bufio"
	"encoding/json"
	"math/rand"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/go-ego/gse"
)

// Benchmarks compare the analyzers with bleve's cjk analyzer and raw gse on
// the same texts:
//
//	report  the embedded test report (testdata/huacao-2023.txt, 20 KB)
//	modern  modern Simplified prose (manpages and LibreOffice help) from the
//	        bench corpus: set REPORTSEARCH_BENCH_CORPUS to a JSON-lines file
//	        with a "text" field (see BENCHMARKS.md); skipped otherwise
//	random  1 MB of random Han characters (long unknown runs: must stay
//	        linear; random100k is its first 100 KB)
//
// go test -run '^$' -bench . -benchmem ./analyzer/

var benchTexts = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	if data, err := os.ReadFile("testdata/huacao-2023.txt"); err == nil {
		m["report"] = string(data)
	}
	if path := os.Getenv("REPORTSEARCH_BENCH_CORPUS"); path != "" {
		if f, err := os.Open(path); err == nil {
			var b strings.Builder
			sc := bufio.NewScanner(f)
			sc.Buffer(nil, 1<<20)
			for sc.Scan() && b.Len() < 1<<20 {
				var doc struct{ Text string }
				if json.Unmarshal(sc.Bytes(), &doc) == nil {
					b.WriteString(doc.Text)
					b.WriteByte('\n')
				}
			}
			f.Close()
			m["modern"] = b.String()
		}
	}
	r := rand.New(rand.NewSource(1))
	var b strings.Builder
	for b.Len() < 1<<20 {
		b.WriteRune(rune(0x4E00 + r.Intn(0x9FA5-0x4E00)))
	}
	m["random"] = b.String()
	m["random100k"] = m["random"][:100002] // 3-byte characters
	return m
})

func benchEach(b *testing.B, fn func(b *testing.B, text []byte)) {
	for _, name := range []string{"report", "modern", "random100k", "random"} {
		text, ok := benchTexts()[name]
		b.Run(name, func(b *testing.B) {
			if !ok {
				b.Skip("REPORTSEARCH_BENCH_CORPUS not set")
			}
			fn(b, []byte(text))
		})
	}
}

func benchAnalyzer(b *testing.B, a analysis.Analyzer) {
	benchEach(b, func(b *testing.B, text []byte) {
		a.Analyze(text) // load dictionaries outside the timing
		b.SetBytes(int64(len(text)))
		cpu0 := cpuTime()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			a.Analyze(text)
		}
		b.StopTimer()
		// CPU time (the process's, garbage collection included) varies
		// less than wall time on a shared machine.
		b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	})
}

func BenchmarkAnalyzeIndex(b *testing.B) { benchAnalyzer(b, DefaultDictionary().Analyzer(true)) }
func BenchmarkAnalyzeQuery(b *testing.B) { benchAnalyzer(b, DefaultDictionary().Analyzer(false)) }

// BenchmarkCJK is bleve's cjk analyzer (bigrams) on the same texts.
func BenchmarkCJK(b *testing.B) {
	a, err := registry.NewCache().AnalyzerNamed(cjk.AnalyzerName)
	if err != nil {
		b.Fatal(err)
	}
	benchAnalyzer(b, a)
}

var gseSeg = sync.OnceValues(func() (*gse.Segmenter, error) {
	seg, err := gse.NewEmbed("zh_s")
	return &seg, err
})

// BenchmarkGseSegment is raw gse Segment with its full embedded zh_s
// dictionary (loaded once, outside the timing).
func BenchmarkGseSegment(b *testing.B) {
	seg, err := gseSeg()
	if err != nil {
		b.Fatal(err)
	}
	benchEach(b, func(b *testing.B, text []byte) {
		b.SetBytes(int64(len(text)))
		for i := 0; i < b.N; i++ {
			seg.Segment(text)
		}
	})
}

// BenchmarkLoad is the cost of loading the dictionaries (the embedded
// general one and the domain words), with the heap they keep.
func BenchmarkLoad(b *testing.B) {
	var before, after runtime.MemStats
	var keep *Dictionary
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		keep = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		base := loadBase(zhData)
		keep = &Dictionary{base: base, extra: newExtraDict(base, parseWordList(domainData))}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.StartTimer()
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-heap")
	runtime.KeepAlive(keep)
}

// BenchmarkGseLoad is the cost of gse's own loader for the same dictionary
// (gse.NewEmbed("zh_s")), for comparison; it takes seconds per op.
func BenchmarkGseLoad(b *testing.B) {
	var before, after runtime.MemStats
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		seg, err := gse.NewEmbed("zh_s")
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(seg)
		b.StartTimer()
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-heap")
}
