// Command loadprobe measures the start-up cost of the analyzer in a fresh
// process: the time from start to the first analysed text (the dictionaries
// load on first use), the time to analyse FILE, and the peak RSS. With -gse
// it measures gse's own loader (gse.NewEmbed("zh_s") and Segment) instead.
//
//	go run ./analyzer/internal/loadprobe [-gse] FILE
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/go-ego/gse"

	"reportsearch/analyzer"
)

func main() {
	useGse := flag.Bool("gse", false, "measure gse.NewEmbed(\"zh_s\") and Segment instead")
	flag.Parse()
	start := time.Now()
	data, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	var first, all time.Duration
	var n int
	if *useGse {
		seg, err := gse.NewEmbed("zh_s")
		if err != nil {
			log.Fatal(err)
		}
		seg.Segment([]byte("华漕"))
		first = time.Since(start)
		n = len(seg.Segment(data))
	} else {
		analyzer.Analyze("华漕", true)
		first = time.Since(start)
		n = len(analyzer.Analyze(string(data), false))
	}
	all = time.Since(start)
	fmt.Printf("first analysis after %v, %d bytes analysed (%d tokens) after %v, peak RSS %s\n",
		first.Round(time.Millisecond), len(data), n, all.Round(time.Millisecond), peakRSS())
}

// peakRSS reads VmHWM from /proc/self/status (Linux).
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
