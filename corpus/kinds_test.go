package corpus

import (
	"slices"
	"testing"
)

// TestEveryKindHasLabel checks that every kind a unit can give a figure is
// listed in Kinds with a label, and that Kinds lists no kind the parser
// cannot produce.
func TestEveryKindHasLabel(t *testing.T) {
	produced := map[string]bool{KindMoney: true} // a bare 亿/万 amount is money (parseFigure)
	for _, u := range units {
		produced[u.kind] = true
	}
	listed := map[string]bool{}
	for _, k := range Kinds() {
		if listed[k.Name] {
			t.Errorf("kind %q is listed twice", k.Name)
		}
		listed[k.Name] = true
		if k.Label == "" || k.Label == k.Name {
			t.Errorf("kind %q has no Chinese label", k.Name)
		}
		if !produced[k.Name] {
			t.Errorf("kind %q is listed but no unit produces it", k.Name)
		}
	}
	for k := range produced {
		if !listed[k] {
			t.Errorf("the parser produces kind %q, which Kinds does not list", k)
		}
	}
}

// TestKindsOfReport checks the kinds of the embedded report's figures
// against Kinds: the unit table is not the only way a kind is set.
func TestKindsOfReport(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range r.Bullets {
		for _, m := range b.Metrics {
			if !slices.ContainsFunc(Kinds(), func(k Kind) bool { return k.Name == m.Kind }) {
				t.Errorf("bullet %s: figure %q has kind %q, which Kinds does not list", b.ID, m.Text, m.Kind)
			}
		}
	}
}

func TestKindLabel(t *testing.T) {
	for _, tc := range []struct{ kind, want string }{
		{"money", "金额"},
		{"percent", "百分比"},
		{"points", "百分点"},
		{"count", "数量"},
		{"area", "面积"},
		{"length", "长度"},
		{"volume", "体积"},
		{"weight", "重量"},
		{"duration", "时长"},
		{"unknown", "unknown"},
		{"", ""},
	} {
		if got := KindLabel(tc.kind); got != tc.want {
			t.Errorf("KindLabel(%q) = %q; want %q", tc.kind, got, tc.want)
		}
	}
}

func TestKindsIsACopy(t *testing.T) {
	ks := Kinds()
	ks[0].Label = "changed"
	if KindLabel(KindMoney) != "金额" {
		t.Error("changing the slice Kinds returned changed the labels")
	}
}
