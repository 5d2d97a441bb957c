package main

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestAnalyzeCommand(t *testing.T) {
	type token struct {
		Term     string `json:"term"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		Position int    `json:"position"`
		Type     string `json:"type"`
	}
	decode := func(out string) []token {
		var ts []token
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var tk token
			if err := json.Unmarshal([]byte(line), &tk); err != nil {
				t.Fatalf("line %q: %v", line, err)
			}
			ts = append(ts, tk)
		}
		return ts
	}
	tests := []struct {
		args []string
		want []token
	}{
		{[]string{"analyze", "--query", "華漕2.76亿元"}, []token{
			{"华漕", 0, 6, 1, "word"}, {"2.76亿元", 6, 16, 2, "number"},
		}},
		{[]string{"analyze", "高新技术企业"}, []token{
			{"高新技术企业", 0, 18, 1, "word"}, {"高新技术", 0, 12, 1, "subword"}, {"高新", 0, 6, 1, "subword"},
			{"技术", 6, 12, 1, "subword"}, {"企业", 12, 18, 1, "subword"},
		}},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), tt.args, &out, &errOut); err != nil {
			t.Fatalf("run(%q) = %v; stderr %s", tt.args, err, errOut.String())
		}
		if got := decode(out.String()); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("run(%q) printed %v; want %v", tt.args, got, tt.want)
		}
	}
}

func TestAnalyzeCommandErrors(t *testing.T) {
	for _, args := range [][]string{{"analyze"}, {"analyze", "--query"}, {"analyze", "--nope", "x"}} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), args, &out, &errOut); err == nil {
			t.Errorf("run(%q) = nil error; want one", args)
		}
		if out.Len() != 0 {
			t.Errorf("run(%q) printed %q on stdout", args, out.String())
		}
	}
}
