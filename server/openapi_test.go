package server

import (
	"encoding/json"
	"fmt"
	"math"
	"mime"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"reportsearch/index"
)

// The OpenAPI document is the API's contract: these tests call every
// documented operation on the real index and check each response, status and
// body, against what the document says, property by property.

type openAPI struct {
	OpenAPI    string                          `json:"openapi"`
	Paths      map[string]map[string]operation `json:"paths"`
	Components struct {
		Schemas map[string]*schema `json:"schemas"`
	} `json:"components"`
}

type operation struct {
	Parameters []struct {
		Name        string  `json:"name"`
		In          string  `json:"in"`
		Description string  `json:"description"`
		Schema      *schema `json:"schema"`
	} `json:"parameters"`
	Responses map[string]struct {
		Content map[string]struct {
			Schema *schema `json:"schema"`
		} `json:"content"`
	} `json:"responses"`
}

// schema is the part of JSON Schema 2020-12 the document uses.
type schema struct {
	Ref                  string             `json:"$ref"`
	Type                 any                `json:"type"` // a string or a list of strings
	Properties           map[string]*schema `json:"properties"`
	Required             []string           `json:"required"`
	AdditionalProperties *bool              `json:"additionalProperties"`
	Items                *schema            `json:"items"`
	Enum                 []any              `json:"enum"`
	Minimum              *float64           `json:"minimum"`
	Maximum              *float64           `json:"maximum"`
	MaxLength            *int               `json:"maxLength"`
	MaxItems             *int               `json:"maxItems"`
	Default              any                `json:"default"`
}

func loadOpenAPI(t *testing.T) *openAPI {
	t.Helper()
	var doc openAPI
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi = %q; want 3.1.0", doc.OpenAPI)
	}
	return &doc
}

// validate checks v against s and returns every violation, each with its
// JSON path.
func (doc *openAPI) validate(s *schema, v any, path string) []string {
	if s.Ref != "" {
		name, ok := strings.CutPrefix(s.Ref, "#/components/schemas/")
		target := doc.Components.Schemas[name]
		if !ok || target == nil {
			return []string{path + ": unresolvable $ref " + s.Ref}
		}
		return doc.validate(target, v, path)
	}
	var errs []string
	if s.Type != nil && !typeMatches(s.Type, v) {
		return []string{fmt.Sprintf("%s: %s is not of type %v", path, truncate(fmt.Sprint(v), 60), s.Type)}
	}
	if len(s.Enum) > 0 && !slices.Contains(s.Enum, v) {
		errs = append(errs, fmt.Sprintf("%s: %v is not one of %v", path, v, s.Enum))
	}
	switch v := v.(type) {
	case map[string]any:
		for _, name := range s.Required {
			if _, ok := v[name]; !ok {
				errs = append(errs, fmt.Sprintf("%s: required property %q missing", path, name))
			}
		}
		names := make([]string, 0, len(v))
		for name := range v {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			ps, ok := s.Properties[name]
			if !ok {
				if s.AdditionalProperties != nil && !*s.AdditionalProperties {
					errs = append(errs, fmt.Sprintf("%s: undocumented property %q", path, name))
				}
				continue
			}
			errs = append(errs, doc.validate(ps, v[name], path+"."+name)...)
		}
	case []any:
		if s.MaxItems != nil && len(v) > *s.MaxItems {
			errs = append(errs, fmt.Sprintf("%s: %d items, at most %d", path, len(v), *s.MaxItems))
		}
		if s.Items != nil {
			for i, item := range v {
				errs = append(errs, doc.validate(s.Items, item, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	case float64:
		if s.Minimum != nil && v < *s.Minimum || s.Maximum != nil && v > *s.Maximum {
			errs = append(errs, fmt.Sprintf("%s: %v out of range", path, v))
		}
	}
	return errs
}

func typeMatches(t any, v any) bool {
	var types []string
	switch t := t.(type) {
	case string:
		types = []string{t}
	case []any:
		for _, x := range t {
			types = append(types, fmt.Sprint(x))
		}
	}
	for _, typ := range types {
		switch x := v.(type) {
		case nil:
			if typ == "null" {
				return true
			}
		case bool:
			if typ == "boolean" {
				return true
			}
		case string:
			if typ == "string" {
				return true
			}
		case float64:
			if typ == "number" || typ == "integer" && x == math.Trunc(x) {
				return true
			}
		case []any:
			if typ == "array" {
				return true
			}
		case map[string]any:
			if typ == "object" {
				return true
			}
		}
	}
	return false
}

// TestValidatorCatchesMistakes shows that the schema check can fail.
func TestValidatorCatchesMistakes(t *testing.T) {
	doc := loadOpenAPI(t)
	s := &schema{Ref: "#/components/schemas/Section"}
	tests := []struct {
		body string
		bad  bool
	}{
		{`{"id":"01","title":"x"}`, false},
		{`{"id":"01"}`, true},                       // missing
		{`{"id":"01","title":"x","extra":1}`, true}, // undocumented
		{`{"id":1,"title":"x"}`, true},              // wrong type
		{`[]`, true},                                // not an object
	}
	for _, tt := range tests {
		var v any
		if err := json.Unmarshal([]byte(tt.body), &v); err != nil {
			t.Fatal(err)
		}
		if errs := doc.validate(s, v, "$"); (len(errs) > 0) != tt.bad {
			t.Errorf("validate(Section, %s) = %v; want bad=%v", tt.body, errs, tt.bad)
		}
	}
	hit := &schema{Ref: "#/components/schemas/Hit"}
	var v any
	json.Unmarshal([]byte(`{"id":"a","report":"r","section":{"id":"01","title":"t"},"text":"x","highlight":"x","score":1.5,"truncated":false,"metrics":[{"text":"5%"}],"lines":[1.5]}`), &v)
	errs := doc.validate(hit, v, "$")
	if len(errs) < 2 { // a metric lacks its properties; a line is not an integer
		t.Errorf("validate(Hit with a bad metric and line) = %v; want both caught", errs)
	}
}

// openAPISamples are requests for every documented operation, with the
// status each is expected to answer: the successes and the documented errors.
var openAPISamples = []struct {
	path, target string
	status       int
}{
	{"/api/search", "/api/search?q=" + url.QueryEscape("财政收入"), 200},
	{"/api/search", "/api/search?q=" + url.QueryEscape("企业 服务") + "&section=02&section=03&size=5&sort=order", 200},
	{"/api/search", "/api/search?kind=money&min=1e7&max=1e10&sort=-value&report=huacao-2023", 200},
	{"/api/search", "/api/search?q=" + url.QueryEscape("财政收入 火星"), 200},
	{"/api/search", "/api/search?q=" + url.QueryEscape("配套用房"), 200}, // near duplicates: see_also, folded
	{"/api/search", "/api/search?q=" + url.QueryEscape("养老服物"), 200}, // nothing found: suggestions
	{"/api/search", "/api/search?size=1000", 400},
	{"/api/search", "/api/search?q=" + strings.Repeat("x", maxURLBytes), 413},
	{"/api/bullets/{id}", "/api/bullets/huacao-2023:01-01", 200},
	{"/api/bullets/{id}", "/api/bullets/05-03", 200},
	{"/api/bullets/{id}", "/api/bullets/05-04", 200}, // see_also
	{"/api/bullets/{id}", "/api/bullets/nope", 404},
	{"/api/sections", "/api/sections", 200},
	{"/api/reports", "/api/reports", 200},
	{"/api/metrics", "/api/metrics", 200},
	{"/api/metrics", "/api/metrics?section=05&kind=percent&format=json", 200},
	{"/api/metrics", "/api/metrics?format=csv", 200},
	{"/api/metrics", "/api/metrics?kind=nope", 400},
	{"/api/metrics", "/api/metrics?report=huacao-2023&year=2020-2025&from=5&size=3", 200},
	{"/api/series", "/api/series?label=" + url.QueryEscape("财政总收入"), 200},
	{"/api/series", "/api/series?bullet=huacao-2023:02-01&figure=0&by=region", 200},
	{"/api/series", "/api/series?label=" + url.QueryEscape("财政总收入") + "&format=csv", 200},
	{"/api/series", "/api/series?label=" + url.QueryEscape("增"), 400},
	{"/healthz", "/healthz", 200},
	{"/api/openapi.json", "/api/openapi.json", 200},
}

func TestOpenAPIResponses(t *testing.T) {
	doc := loadOpenAPI(t)
	h, _ := newReal(t)
	answered := map[string]bool{}
	for _, sample := range openAPISamples {
		op, ok := doc.Paths[sample.path]["get"]
		if !ok {
			t.Errorf("%s is not documented", sample.path)
			continue
		}
		w := get(t, h, sample.target)
		if w.Code != sample.status {
			t.Errorf("GET %s: status %d; want %d\n%s", truncate(sample.target, 80), w.Code, sample.status, truncate(w.Body.String(), 300))
			continue
		}
		resp, ok := op.Responses[fmt.Sprint(w.Code)]
		if !ok {
			t.Errorf("GET %s: status %d is not documented for %s", truncate(sample.target, 80), w.Code, sample.path)
			continue
		}
		ct, _, _ := mime.ParseMediaType(w.Header().Get("Content-Type"))
		content, ok := resp.Content[ct]
		if !ok {
			t.Errorf("GET %s: content type %q is not documented for %d", sample.target, ct, w.Code)
			continue
		}
		if w.Code == 200 {
			answered[sample.path] = true
		}
		if ct != "application/json" {
			continue
		}
		var v any
		if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
			t.Errorf("GET %s: %v", sample.target, err)
			continue
		}
		for _, e := range doc.validate(content.Schema, v, "$") {
			t.Errorf("GET %s: %s", truncate(sample.target, 80), e)
		}
	}
	for path := range doc.Paths {
		if !answered[path] {
			t.Errorf("documented path %s was not answered with 200 by any sample", path)
		}
	}
}

// TestOpenAPIParameters sends every documented query parameter with a valid
// value and with an invalid one.
func TestOpenAPIParameters(t *testing.T) {
	doc := loadOpenAPI(t)
	h, _ := newReal(t)
	valid := map[string]string{
		"q": "养老", "section": "05", "kind": "money", "min": "1000", "max": "1e9", "report": "huacao-2023",
		"from": "1", "size": "5", "sort": "-value", "format": "csv", "money": "ge100m",
		"level": "town", "region": "全国", "year": "2023", "years": "2000-2024", "year_from": "2020", "year_to": "2024",
		"label": "财政总收入", "change": "up", "bullet": "huacao-2023:02-01", "figure": "0", "by": "year",
	}
	invalid := map[string]string{
		"q": strings.Repeat("长", index.MaxQueryRunes+1), "section": "77", "kind": "weight", "min": "x", "max": "y", "report": "other",
		"from": "-5", "size": "0", "sort": "random", "format": "pdf", "money": "huge",
		"level": "county", "region": strings.Repeat("省", 200), "year": "23", "years": "2024-2000", "year_from": "x", "year_to": "99999",
		"label": "增", "change": "sideways", "bullet": "nope", "figure": "-1", "by": "diagonal",
	}
	// a series needs a figure to follow: the other parameters are sent
	// with a passage's
	base := map[string]string{"/api/series": "bullet=huacao-2023:02-01&"}
	for path, ops := range doc.Paths {
		// a parameter the document does not list is refused, naming it
		if w := get(t, h, path+"?undocumented=1"); !strings.HasPrefix(path, "/api/bullets/") &&
			(w.Code != 400 || !strings.Contains(w.Body.String(), `"param":"undocumented"`)) {
			t.Errorf("GET %s?undocumented=1: %d %s; want 400 naming the parameter", path, w.Code, w.Body)
		}
		for _, p := range ops["get"].Parameters {
			if p.In != "query" {
				continue
			}
			if p.Name == "money" && !slices.Equal(p.Schema.Enum, toAny(moneyKeys())) {
				t.Errorf("%s: money's enum %v; the facet's keys are %v", path, p.Schema.Enum, moneyKeys())
			}
			good, ok1 := valid[p.Name]
			bad, ok2 := invalid[p.Name]
			if !ok1 || !ok2 {
				t.Errorf("%s: no test values for parameter %q", path, p.Name)
				continue
			}
			pre := base[path]
			if p.Name == "bullet" || p.Name == "label" {
				pre = ""
			}
			if w := get(t, h, path+"?"+pre+p.Name+"="+url.QueryEscape(good)); w.Code != 200 {
				t.Errorf("GET %s?%s%s=%s: %d; want 200\n%s", path, pre, p.Name, good, w.Code, w.Body)
			}
			w := get(t, h, path+"?"+pre+p.Name+"="+url.QueryEscape(bad))
			if w.Code != 400 || !strings.Contains(w.Body.String(), p.Name) {
				t.Errorf("GET %s?%s=%s: %d %s; want 400 naming %s", path, p.Name, truncate(bad, 20), w.Code, w.Body, p.Name)
			}
		}
	}
}

// TestOpenAPILimits ties every limit the document states on a parameter
// (maxLength, maximum, maxItems, default) to index.Request's bounds, and
// checks that each bound is stated.
func TestOpenAPILimits(t *testing.T) {
	doc := loadOpenAPI(t)
	type limit struct{ param, key string }
	want := map[limit]float64{
		{"q", "maxLength"}:       index.MaxQueryRunes,
		{"section", "maxItems"}:  index.MaxValues,
		{"level", "maxItems"}:    index.MaxValues,
		{"region", "maxItems"}:   index.MaxValues,
		{"year", "maxItems"}:     index.MaxValues,
		{"year", "maxLength"}:    float64(len("2018-2024")),
		{"year_from", "minimum"}: index.MinYear,
		{"year_from", "maximum"}: index.MaxYear,
		{"year_to", "minimum"}:   index.MinYear,
		{"year_to", "maximum"}:   index.MaxYear,
		{"kind", "maxItems"}:     index.MaxValues,
		{"report", "maxItems"}:   index.MaxValues,
		{"from", "maximum"}:      index.MaxFrom,
		{"from", "minimum"}:      0,
		{"from", "default"}:      0,
		{"size", "maximum"}:      index.MaxSize,
		{"size", "minimum"}:      1,
		{"size", "default"}:      index.DefaultSize,
	}
	// the figure listing's pages have bounds of their own
	perPath := map[string]map[limit]float64{
		"/api/metrics": {{"from", "maximum"}: index.MaxFigureFrom, {"from", "minimum"}: 0, {"from", "default"}: 0, {"size", "maximum"}: index.MaxFigureSize, {"size", "minimum"}: 1},
		"/api/series":  {{"label", "maxLength"}: index.MaxSeriesLabel, {"figure", "minimum"}: 0},
	}
	stated := map[limit]bool{}
	for path, ops := range doc.Paths {
		for _, p := range ops["get"].Parameters {
			s := p.Schema
			if s == nil {
				continue
			}
			got := map[string]float64{}
			if s.MaxLength != nil {
				got["maxLength"] = float64(*s.MaxLength)
			}
			if s.MaxItems != nil {
				got["maxItems"] = float64(*s.MaxItems)
			}
			if s.Maximum != nil {
				got["maximum"] = *s.Maximum
			}
			if s.Minimum != nil {
				got["minimum"] = *s.Minimum
			}
			if d, ok := s.Default.(float64); ok {
				got["default"] = d
			}
			for key, v := range got {
				l := limit{p.Name, key}
				w, ok := want[l]
				if pw, own := perPath[path][l]; own {
					w, ok = pw, true
				}
				switch {
				case !ok:
					t.Errorf("%s: parameter %s has %s %g, which no index bound backs", path, p.Name, key, v)
				case v != w:
					t.Errorf("%s: parameter %s has %s %g; index says %g", path, p.Name, key, v, w)
				}
				stated[l] = true
			}
			if p.Name == "q" && !strings.Contains(p.Description, fmt.Sprintf("at most %d characters", index.MaxQueryRunes)) {
				t.Errorf("%s: q's description %q does not say at most %d characters", path, p.Description, index.MaxQueryRunes)
			}
		}
	}
	for l := range want {
		if !stated[l] {
			t.Errorf("no parameter %s states its %s", l.param, l.key)
		}
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// TestOpenAPINumbersDouble checks that every number the document declares
// is a double: a generated client must not read 5,650,000,000 (56.5亿元)
// through a float32.
func TestOpenAPINumbersDouble(t *testing.T) {
	var doc any
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch v := v.(type) {
		case map[string]any:
			if v["type"] == "number" {
				n++
				if v["format"] != "double" {
					t.Errorf("%s: a number without format double", path)
				}
			}
			for k, x := range v {
				walk(x, path+"/"+k)
			}
		case []any:
			for i, x := range v {
				walk(x, fmt.Sprintf("%s/%d", path, i))
			}
		}
	}
	walk(doc, "#")
	if n == 0 {
		t.Fatal("the document declares no number")
	}
}

// TestOpenAPILintRules keeps the rules of Redocly's recommended set that
// the document once broke (checked in full with `npx @redocly/cli lint`):
// a server, security stated (none: the API is public), and a 4xx answer
// documented for every operation.
func TestOpenAPILintRules(t *testing.T) {
	var doc struct {
		Servers []struct {
			URL string `json:"url"`
		} `json:"servers"`
		Security *[]any                                           `json:"security"`
		Paths    map[string]map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Servers) == 0 || doc.Servers[0].URL == "" {
		t.Error("no server")
	}
	if doc.Security == nil {
		t.Error("security is not stated")
	}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			var o struct {
				Responses map[string]json.RawMessage `json:"responses"`
			}
			if err := json.Unmarshal(op["responses"], &o.Responses); err != nil {
				t.Fatal(err)
			}
			has4xx := false
			for code := range o.Responses {
				has4xx = has4xx || strings.HasPrefix(code, "4")
			}
			if !has4xx {
				t.Errorf("%s %s documents no 4xx answer", method, path)
			}
		}
	}
}
