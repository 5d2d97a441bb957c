package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"reportsearch/corpus/fold"
)

// MaxLineBytes is the longest source line Parse accepts. Longer lines (a
// binary or a corrupted file) are reported, never read whole into memory.
const MaxLineBytes = 1 << 20

// Error is a problem with one report file: its name, the 1-based line where
// it applies (0 for the whole file) and what is wrong.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s: line %d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// srcLine is one source line: its 1-based number and its text without
// ignorable characters (fold.Strip) and without surrounding white space
// (ASCII or the ideographic space U+3000). Blank lines have text "".
type srcLine struct {
	n    int
	text string
}

var errLineTooLong = errors.New("line too long")

// readLines reads every line of r, checking each: no NUL byte, valid UTF-8,
// at most MaxLineBytes. The first problem stops the reading with an *Error
// naming the file and line.
func readLines(r io.Reader, name string) ([]srcLine, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var lines []srcLine
	var buf []byte
	for n := 1; ; n++ {
		line, err := readLine(br, buf[:0])
		buf = line
		if err == errLineTooLong {
			return nil, &Error{File: name, Line: n, Msg: fmt.Sprintf("line longer than %d bytes (not a text report?)", MaxLineBytes)}
		}
		if err != nil && err != io.EOF {
			return nil, &Error{File: name, Line: n, Msg: err.Error()}
		}
		if err == io.EOF && len(line) == 0 {
			return lines, nil
		}
		if bytes.IndexByte(line, 0) >= 0 {
			return nil, &Error{File: name, Line: n, Msg: "NUL byte: binary file, not a text report"}
		}
		if !utf8.Valid(line) {
			return nil, &Error{File: name, Line: n, Msg: "invalid UTF-8"}
		}
		text := strings.TrimFunc(fold.Strip(string(line)), unicode.IsSpace)
		lines = append(lines, srcLine{n: n, text: text})
		if err == io.EOF {
			return lines, nil
		}
	}
}

// readLine reads one line without its end-of-line bytes, appending to buf.
// It stops with errLineTooLong as soon as the line exceeds MaxLineBytes.
func readLine(br *bufio.Reader, buf []byte) ([]byte, error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > MaxLineBytes+2 { // +2: room for "\r\n"
			return buf, errLineTooLong
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimRight(buf, "\r\n")
		if len(buf) > MaxLineBytes {
			return buf, errLineTooLong
		}
		return buf, err
	}
}
