package sqlitestore

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Opening anything that is not an actorgraph database must fail with an
// error that names the file and says what is wrong, never panic, and never
// modify the file.
func TestOpenRefusesForeignFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("These are my private notes, not a database.\n"), 0o600)

	other := filepath.Join(dir, "other.sqlite")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE invoices(id INTEGER PRIMARY KEY, amount REAL)`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	newer := filepath.Join(dir, "newer.db")
	s, err := Open(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, _ = sql.Open("sqlite", newer)
	if _, err := db.Exec(`PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	corrupt := filepath.Join(dir, "corrupt.db")
	s, err = Open(ctx, corrupt)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, _ := os.ReadFile(corrupt)
	for i := 100; i < len(raw); i++ { // keep the magic header, smash the rest
		raw[i] = 0xA5
	}
	os.WriteFile(corrupt, raw, 0o600)
	os.Remove(corrupt + "-wal")
	os.Remove(corrupt + "-shm")

	for _, tc := range []struct {
		name, path, want string
	}{
		{"text file", text, "not an actorgraph database"},
		{"other application's SQLite", other, "another application"},
		{"newer schema", newer, "newer actorgraph"},
		{"corrupted", corrupt, ""},
		{"directory", dir, "is a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := os.ReadFile(tc.path)
			s, err := Open(ctx, tc.path)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%s) succeeded", tc.name)
			}
			if !strings.Contains(err.Error(), tc.path) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q should name %s and say %q", err, tc.path, tc.want)
			}
			if after, _ := os.ReadFile(tc.path); string(after) != string(before) {
				t.Fatalf("Open modified %s", tc.path)
			}
		})
	}
}

func TestOpenCreatesAndReopens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.db")
	for i := 0; i < 2; i++ {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open #%d: %v", i+1, err)
		}
		st, err := s.Stats(ctx)
		if err != nil || st.TotalNodes() != 0 {
			t.Fatalf("stats of a new store: %v %v", st, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
