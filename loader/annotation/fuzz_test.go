package annotation

import (
	"errors"
	"strings"
	"testing"
)

// FuzzDecode: whatever the bytes, Decode returns a File or a positioned
// *Error, never panics, and never reports a position outside the file.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("document:\n  title: x\nentities:\n  - {id: person:a, kind: Person, name: A}\n"))
	f.Add([]byte("claims:\n  - {subject: country:EE, type: ATTENDED, object: event:x, quote: 'q', confidence: 0.5}\n"))
	f.Add([]byte("a: &x [1]\nb: *x\n"))
	f.Add([]byte("\xff\xfe"))
	f.Add([]byte("statements:\n  - speakers: [a]\n    about: {x: 1}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Decode("f.yaml", data)
		if err == nil {
			if file == nil {
				t.Fatal("nil file without error")
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error is not positioned: %v", err)
		}
		lines := strings.Count(string(data), "\n") + 2
		if e.Pos.Line < 1 || e.Pos.Line > lines || e.Pos.Column < 1 {
			t.Fatalf("position %+v outside a file of %d lines: %v", e.Pos, lines, err)
		}
	})
}
