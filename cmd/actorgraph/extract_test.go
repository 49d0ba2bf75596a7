package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// `actorgraph extract SEED > x.annotations.yaml`, with the article copied
// beside it, loads without error: what extraction proposes is a valid
// annotation file a journalist can keep.
func TestExtractThenLoadThePair(t *testing.T) {
	seeds, _ := filepath.Glob("../../data/demo/*.txt")
	if len(seeds) != 3 {
		t.Fatalf("seeds %v", seeds)
	}
	dir := t.TempDir()
	for _, seed := range seeds {
		out, errOut, code := runBin(t, nil, "extract", seed)
		if code != 0 {
			t.Fatalf("extract %s: %d %s", seed, code, errOut)
		}
		for _, want := range []string{"# Annotations proposed by `actorgraph extract`", "extraction: off", "method: rule:", "quote: '"} {
			if !strings.Contains(out, want) {
				t.Fatalf("extract %s lacks %q:\n%s", seed, want, out)
			}
		}
		base := strings.TrimSuffix(filepath.Base(seed), ".txt")
		article, _ := os.ReadFile(seed)
		os.WriteFile(filepath.Join(dir, base+".txt"), article, 0o600)
		os.WriteFile(filepath.Join(dir, base+".annotations.yaml"), []byte(out), 0o600)
	}
	_, errOut, code := runBin(t, nil, "load", "--db", filepath.Join(t.TempDir(), "g.db"), dir)
	// The seeds name no date in their text: load warns that their citations
	// are incomplete, and nothing else.
	cited := regexp.MustCompile(`(?m)^warning: .*: its evidence cannot be cited in full$`).ReplaceAllString(errOut, "")
	if code != 0 || strings.Contains(errOut, "refused:") || strings.Contains(cited, "warning:") {
		t.Fatalf("load of the pairs: %d\n%s", code, errOut)
	}
	if !regexp.MustCompile(`loaded 3 documents \(0 refused\): 3 new documents, \d+ new nodes, \d+ new claims`).MatchString(errOut) {
		t.Fatalf("summary: %s", errOut)
	}
	if strings.Contains(errOut, "(annotations + extracted)") {
		t.Fatal("extraction: off was not honoured")
	}
}

func TestEvalPrintsTablesForBothSets(t *testing.T) {
	out, errOut, code := runBin(t, nil, "eval", "../../data/demo", "../../data/eval")
	if code != 0 {
		t.Fatalf("eval: %d %s", code, errOut)
	}
	for _, want := range []string{"../../data/demo: 3 articles with gold annotations", "../../data/eval: 9 articles with gold annotations",
		"all entities", "all claims", "ATTRIBUTED", "HOLDS_ROLE", "Misses (in the gold, not extracted)", "False positives"} {
		if !strings.Contains(out, want) {
			t.Fatalf("eval output lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runBin(t, nil, "eval", "--tables", "../../data/demo")
	if strings.Contains(out, "Misses") {
		t.Fatal("--tables printed the lists")
	}
}

func TestExtractAndEvalUsage(t *testing.T) {
	for _, args := range [][]string{{"extract"}, {"extract", "a.txt", "b.txt"}, {"eval"}} {
		if _, errOut, code := runBin(t, nil, args...); code != 2 || !strings.Contains(errOut, "Usage: actorgraph "+args[0]) {
			t.Errorf("%v: %d %s", args, code, errOut)
		}
	}
	if _, errOut, code := runBin(t, nil, "extract", "no-such-article.txt"); code != 1 || !strings.Contains(errOut, "no-such-article.txt") {
		t.Errorf("missing article: %d %s", code, errOut)
	}
	if _, errOut, code := runBin(t, nil, "eval", t.TempDir()); code != 1 || !strings.Contains(errOut, "no article with a gold annotation file") {
		t.Errorf("empty gold folder: %d %s", code, errOut)
	}
}

// `extract --explain` names, for each proposed item, the rule, where it is
// written and the words that fired it: the rules are data
// (constructions.yaml), each named with its trigger and slots — calls,
// attributions, sanctions, denials and roles alike.
func TestExtractExplain(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "a.txt")
	os.WriteFile(article, []byte("Chile blames Peru for port hack\n\nJapan and South Korea called on China to release the detained fishermen. "+
		"Chile on Monday blamed Peru for the hack of the port of Arica. Ecuador imposed sanctions on Peru over the hack. "+
		"Peru rejected the accusations. Chilean Defence Minister Ana Soto said the port was safe.\n"), 0o600)
	out, errOut, code := runBin(t, nil, "extract", "--explain", article)
	if code != 0 {
		t.Fatalf("extract --explain: %d %s", code, errOut)
	}
	for _, want := range []string{
		"country:JP -CALLED_FOR-> country:CN\n  rule:     rule:call-on@1 (data, loader/extract/constructions.yaml)\n  fired by: trigger “called on”; subject “Japan, South Korea”; object “China”",
		"rule:attribution@2 (data, loader/extract/constructions.yaml)\n  fired by: trigger “blamed”; subject “Chile”; object “Peru”; concerns hack of the port of Arica",
		"country:EC -SANCTIONED-> country:PE\n  rule:     rule:sanction-imposed@2 (data, loader/extract/constructions.yaml)\n  fired by: trigger “sanctions on”; subject “Ecuador”; object “Peru”",
		"country:PE -DENIED-> attribution:cl-hack-of-the-port-of-arica\n  rule:     rule:denial@4 (data, loader/extract/constructions.yaml)\n  fired by: trigger “rejected”; subject “Peru”",
		"sentence: Japan and South Korea called on China to release the detained fishermen.",
		"ROLE person:ana-soto country:CL (Defence Minister)\n  rule:     rule:role-title@1 (data, loader/extract/constructions.yaml)\n  fired by: pattern: a title right before a name; title “Defence Minister”",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("extract --explain lacks %q:\n%s", want, out)
		}
	}
	// Every item's rule is in the rule file, the roles a title gives too.
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "  rule:") && !strings.HasSuffix(line, "(data, loader/extract/constructions.yaml)") {
			t.Errorf("a rule not written as data: %q", line)
		}
	}
	if strings.Contains(out, "extraction: off") {
		t.Error("--explain printed the annotation file too")
	}
}
