package server

import (
	"encoding/csv"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"reportsearch/corpus"
)

func TestTextCell(t *testing.T) {
	for in, want := range map[string]string{
		"":          "",
		"养老":        "养老",
		"37.55亿元":   "37.55亿元",
		"huacao-23": "huacao-23",
		"01":        "\t01",
		"01-01":     "\t01-01",
		"28.5%":     "\t28.5%",
		"3:30":      "\t3:30",
		"1,000":     "\t1,000",
		"=1+1":      "'=1+1",
		"+1":        "'+1",
		"-5%":       "'-5%",
		"@SUM(A1)":  "'@SUM(A1)",
		"\t=1":      "'\t=1",
		"＝1+1":      "'＝1+1",
		"＋1":        "'＋1",
		"－1":        "'－1",
		"＠A1":       "'＠A1",
		"\u202e=1":  "'=1", // the hidden control goes first, then the = is defused
		"e":         "e",
	} {
		if got := textCell(in); got != want {
			t.Errorf("textCell(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestMetricsCSV checks the CSV a spreadsheet opens: Chinese headers, ids
// and figure texts kept as text, labels as the page shows them, and a link
// back to each figure's bullet on the host asked.
func TestMetricsCSV(t *testing.T) {
	h, _ := newReal(t)
	req := httptest.NewRequest("GET", "/api/metrics?format=csv", nil)
	req.Host = "reports.example:8080"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != 200 {
		t.Fatalf("GET /api/metrics?format=csv: %d", w.Code)
	}
	body := w.Body.String()
	if !strings.HasPrefix(body, "\ufeff") {
		t.Fatal("no byte-order mark")
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(records[0], csvHeader) || records[0][0] != "报告" {
		t.Fatalf("header %q", records[0])
	}
	col := func(name string) int { return slices.Index(csvHeader, name) }
	kindLabels := map[string]bool{}
	for _, k := range corpus.Kinds() {
		kindLabels[k.Label] = true
	}
	sawPercent := false
	for _, rec := range records[1:] {
		for i, cell := range rec {
			if i == col("数值") || i == col("标准值") {
				continue // numbers, meant to be numbers
			}
			if looksNumeric(cell) {
				t.Errorf("column %s: %q would be read as a number or date", csvHeader[i], cell)
			}
			if cell != "" && strings.ContainsRune("=+-@＝＋－＠", []rune(cell)[0]) {
				t.Errorf("column %s: %q would start a formula", csvHeader[i], cell)
			}
		}
		if got := rec[col("章节")]; got != "\t"+strings.TrimPrefix(got, "\t") || !looksNumeric(strings.TrimPrefix(got, "\t")) {
			t.Errorf("section id cell %q; want a tab before the digits", got)
		}
		if strings.HasSuffix(rec[col("原文数字")], "%") {
			sawPercent = true
		}
		if !kindLabels[rec[col("类别")]] {
			t.Errorf("kind %q is not a label of corpus.Kinds", rec[col("类别")])
		}
		key := rec[col("条目")]
		if want := "http://reports.example:8080/b/" + key; rec[col("链接")] != want || !strings.Contains(key, ":") {
			t.Errorf("link %q for %q; want %q", rec[col("链接")], key, want)
		}
		if a := rec[col("约数")]; a != "是" && a != "否" {
			t.Errorf("约数 %q", a)
		}
	}
	if !sawPercent {
		t.Error("no percentage figure checked")
	}
	// a Host that is not a plain host name gives paths
	req = httptest.NewRequest("GET", "/api/metrics?format=csv&section=02", nil)
	req.Host = "evil\"host"
	w = httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if strings.Contains(w.Body.String(), "evil") || !strings.Contains(w.Body.String(), ",/b/huacao-2023:02-") {
		t.Errorf("a bad Host reached the links:\n%s", truncate(w.Body.String(), 400))
	}
}
