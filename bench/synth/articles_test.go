package synth

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteArticlesIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := WriteArticles(a, 3, 7); err != nil {
		t.Fatal(err)
	}
	WriteArticles(b, 3, 7)
	for _, name := range []string{"article-0002.txt", "article-0002.annotations.yaml"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || string(x) != string(y) {
			t.Fatalf("%s differs or is empty", name)
		}
	}
}
