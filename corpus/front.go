package corpus

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// datePart matches a date; the year in digits or Chinese digits
// (一九七九年六月十八日).
const datePart = `(\d{4}|[〇○o零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日`

// Front matter: the lines before the text of a report that are no passage.
// Their kinds, as frontKind tells them apart on folded text.
const (
	fkNone   = iota
	fkTitle  // 政府工作报告; 政府工作报 / 告 (a title broken over lines)
	fkSource // 来源：北京日报
	fkDate   // ——2024年3月5日在第十四届全国人民代表大会第二次会议上 (a speaker may follow)
	fkOffice // 国务院总理　李　强, 重庆市人民政府市长 胡衡华, 国务院总理 (its name on the next line)
	fkName   // 李克强, 周恩来: a name alone, after a date or office line
	fkSalute // 各位代表：
)

var (
	// salutationRE matches the address that opens a report and, alone on a
	// line, closes it (各位代表！); closingRE adds the other closing formulas.
	salutationRE = regexp.MustCompile(`^各位代表(?:、各位委员)?\s*[:!,]?$`)
	closingRE    = regexp.MustCompile(`^(?:各位代表(?:、各位委员)?|谢谢(?:大家)?)\s*[:!,.。]?$`)
	sourceRE     = regexp.MustCompile(`^来\s*源\s*:\s*(.+)$`)
	// dateRE: a delivery date at the start of a line, after dashes.
	dateRE    = regexp.MustCompile(`^[-—–─~\s]*` + datePart)
	dateAnyRE = regexp.MustCompile(datePart)
	officeRE  = regexp.MustCompile(`(?:总理|省长|市长|主席|区长|县长|镇长|乡长|州长)\s*(?:[\p{Han}·]{2,8})?$`)
	nameRE    = regexp.MustCompile(`^[\p{Han}·]{2,8}$`)
	officeIn  = regexp.MustCompile(`总理|省长|市长|主席|区长|县长|镇长|乡长|州长`)
)

// frontKind tells what front-matter line a unit is, from its folded text.
func frontKind(key string) int {
	compact := strings.Join(strings.Fields(key), "")
	n := utf8.RuneCountInString(key)
	switch {
	case salutationRE.MatchString(key):
		return fkSalute
	case sourceRE.MatchString(key):
		return fkSource
	case n <= 120 && dateRE.MatchString(key) && (strings.Contains(key, "会议") || strings.Contains(key, "讲话") || strings.Contains(key, "报告")):
		return fkDate
	case n <= 30 && officeRE.MatchString(compact) && !strings.ContainsAny(key, "，。；：,;:"):
		return fkOffice
	}
	if _, numbered := parseHeading(key, key, false); numbered {
		return fkNone // the first heading of the text
	}
	switch {
	case nameRE.MatchString(compact) && utf8.RuneCountInString(compact) <= 5:
		return fkName
	case plainHeading(key):
		return fkTitle
	}
	return fkNone
}

// readFront reads the front matter at the start of units into rep (Title,
// Date, Speaker, Source, Year, Level) and returns how many units it spans.
// Front matter is the run of front-matter lines before the text that ends
// with a line only front matter has (来源, date, office, 各位代表); title-like
// lines alone (a report that starts with a heading) are none.
func readFront(units []chunk, rep *Report) int {
	kinds := make([]int, 0, 12)
	end := 0
	for i := 0; i < len(units) && i < 12; i++ {
		k := frontKind(units[i].key)
		if k == fkName && (i == 0 || kinds[i-1] != fkDate && kinds[i-1] != fkOffice && kinds[i-1] != fkTitle) {
			k = fkTitle
		}
		if k == fkNone {
			break
		}
		kinds = append(kinds, k)
		if k == fkSource || k == fkDate || k == fkOffice || k == fkSalute ||
			k == fkName && (kinds[i-1] == fkDate || kinds[i-1] == fkOffice) {
			end = i + 1
		}
		if k == fkSalute {
			break
		}
	}
	var title, speaker strings.Builder
	titleDone := false
	for i := 0; i < end; i++ {
		u := units[i]
		switch kinds[i] {
		case fkTitle:
			if !titleDone {
				title.WriteString(u.text)
			}
			continue
		case fkSource:
			m := sourceRE.FindStringSubmatchIndex(u.key)
			val := m[2]
			// 来源：江西省人民政府2025年1月17日在…会议上省长叶建春作政府工作报告
			if d := dateAnyRE.FindStringIndex(u.key[val:]); d != nil && d[0] > 0 {
				at := val + d[0]
				rep.Source = runeSlice(u.text, u.key, val, at)
				rep.Date = parseDate(u.key[at:])
				if sp := dateSpeaker(runeSlice(u.text, u.key, at, len(u.key)), u.key[at:]); sp != "" && speaker.Len() == 0 {
					speaker.WriteString(sp)
				}
			} else {
				rep.Source = runeSlice(u.text, u.key, val, len(u.key))
			}
		case fkDate:
			rep.Date = parseDate(u.key)
			if s := dateSpeaker(u.text, u.key); s != "" && speaker.Len() == 0 {
				speaker.WriteString(s)
			}
		case fkOffice:
			if speaker.Len() == 0 {
				speaker.WriteString(cleanSpeaker(u.text))
			}
		case fkName:
			name := strings.Join(strings.Fields(u.text), "")
			if speaker.Len() > 0 && i > 0 && kinds[i-1] == fkOffice {
				speaker.WriteString(" ")
			} else if speaker.Len() > 0 {
				continue
			}
			speaker.WriteString(name)
		}
		titleDone = true
	}
	rep.Title = title.String()
	rep.Speaker = speaker.String()
	if len(rep.Date) >= 4 {
		fmt.Sscanf(rep.Date[:4], "%d", &rep.Year)
	} else if m := leadingYear.FindStringSubmatch(rep.Title); m != nil {
		fmt.Sscanf(m[1], "%d", &rep.Year)
	}
	rep.Level = guessLevel(rep.Title + " " + rep.Speaker)
	return end
}

var leadingYear = regexp.MustCompile(`^(\d{4})年`)

// guessLevel tells the level of a report from its title and speaker, where
// they say it: 国务院 (national), 省 or 自治区 (provincial), 镇 or 乡 (town).
func guessLevel(s string) string {
	switch {
	case strings.Contains(s, "国务院"):
		return LevelNational
	case strings.Contains(s, "省") || strings.Contains(s, "自治区"):
		return LevelProvincial
	case strings.Contains(s, "镇") || strings.Contains(s, "乡"):
		return LevelTown
	}
	return ""
}

// runeSlice returns the part of text that key[i:j] folds, key being
// fold.String(text) (one character for one character).
func runeSlice(text, key string, i, j int) string {
	a := utf8.RuneCountInString(key[:i])
	n := utf8.RuneCountInString(key[i:j])
	start := 0
	for k := 0; k < a && start < len(text); k++ {
		_, w := utf8.DecodeRuneInString(text[start:])
		start += w
	}
	end := start
	for k := 0; k < n && end < len(text); k++ {
		_, w := utf8.DecodeRuneInString(text[end:])
		end += w
	}
	return text[start:end]
}

// parseDate returns the date at the start of key as YYYY-MM-DD, or "" when
// it is no date.
func parseDate(key string) string {
	m := dateRE.FindStringSubmatch(key)
	if m == nil {
		return ""
	}
	y := 0
	for _, r := range m[1] {
		d, ok := cnDigit(r)
		if r >= '0' && r <= '9' {
			d, ok = int(r-'0'), true
		}
		if !ok {
			return ""
		}
		y = y*10 + d
	}
	mo, d := smallNumber(m[2]), smallNumber(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}

// smallNumber reads 1–99 written in digits or Chinese numerals.
func smallNumber(s string) int {
	if n, rest := leadingDigits(s); n > 0 && rest == "" {
		return n
	}
	if n, rest := leadingCN(s); rest == "" {
		return n
	}
	return 0
}

// dateSpeaker returns the speaker a date line names, or "": after the
// meeting (…会议上北京市市长 殷勇同志作政府工作报告) or between the date and
// the meeting (——2025年1月14日海南省省长 刘小明在…).
func dateSpeaker(text, key string) string {
	m := dateRE.FindStringIndex(key)
	rest := key[m[1]:]
	if i := strings.LastIndex(rest, "会议"); i >= 0 {
		a := m[1] + i + len("会议")
		if strings.HasPrefix(key[a:], "上") {
			a += len("上")
		}
		b := len(key)
		b = a + len(strings.TrimRightFunc(key[a:], unicode.IsPunct))
		for _, suf := range []string{"的讲话", "的政府工作报告", "作政府工作报告", "作报告", "同志"} {
			if strings.HasSuffix(key[a:b], suf) {
				b -= len(suf)
			}
		}
		if officeIn.MatchString(key[a:b]) {
			return cleanSpeaker(runeSlice(text, key, a, b))
		}
	}
	if i := strings.Index(rest, "在"); i > 0 && officeIn.MatchString(rest[:i]) {
		return cleanSpeaker(runeSlice(text, key, m[1], m[1]+i))
	}
	return ""
}

// cleanSpeaker tidies a speaker: office and name with one space between
// them (国务院总理 李强, 北京市市长 殷勇), none inside the name, no trailing
// punctuation; a name before its office stays as printed (龚正市长).
func cleanSpeaker(s string) string {
	s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "")
	s = strings.TrimRightFunc(s, unicode.IsPunct)
	locs := officeIn.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return s
	}
	end := locs[len(locs)-1][1]
	if end == len(s) {
		return s
	}
	return s[:end] + " " + s[end:]
}
