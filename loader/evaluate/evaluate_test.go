package evaluate_test

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/annotation"
	"github.com/actorgraph/actorgraph/loader/evaluate"
	"github.com/actorgraph/actorgraph/loader/resolve"
)

const text = "Britain and US blame Russia for NotPetya\n\n" +
	"Britain and the United States on Thursday blamed Russia for the NotPetya cyber-attack. " +
	"Australia backed the assessment. " +
	"“It was reckless,” Lord Ahmad said.\n"

func gold() *annotation.File {
	return &annotation.File{
		Entities: []annotation.Entity{
			{ID: "op:notpetya", Kind: "CyberOperation", Name: "NotPetya"},
			{ID: "person:tariq-ahmad", Kind: "Person", Name: "Tariq Ahmad", Aliases: []string{"Lord Ahmad"}},
		},
		Attributions: []annotation.Attribution{{ID: "attribution:joint", By: []string{"country:GB", "country:US"},
			Blames: []string{"country:RU"}, Concerns: "op:notpetya", Quote: "blamed Russia for the NotPetya cyber-attack"}},
		Claims: []annotation.Claim{{Subject: "country:AU", Type: "BACKED", Object: "attribution:joint", Quote: "Australia backed the assessment."}},
		Statements: []annotation.Statement{{Speakers: []string{"person:tariq-ahmad"}, Quote: "“It was reckless,” Lord Ahmad said.",
			About: []string{"op:notpetya"}}},
	}
}

func score(t *testing.T, got *annotation.File) *evaluate.Result {
	t.Helper()
	reg, err := resolve.Reference()
	if err != nil {
		t.Fatal(err)
	}
	return evaluate.Score("a", text, gold(), got, reg)
}

func TestIdenticalFilesScoreOne(t *testing.T) {
	r := score(t, gold())
	for _, c := range []evaluate.Counts{r.AllEntities(), r.AllClaims()} {
		if c.Precision() != 1 || c.Recall() != 1 || c.F1() != 1 || c.Gold == 0 {
			t.Fatalf("%+v", c)
		}
	}
	if len(r.Misses)+len(r.FalsePositives) != 0 {
		t.Fatalf("lists %v %v", r.Misses, r.FalsePositives)
	}
}

// Two attributions, one per attributor, score as the joint one; minted ids
// align by name; a statement aligns by speaker and sentence.
func TestAlignmentAndConventions(t *testing.T) {
	got := &annotation.File{
		Entities: []annotation.Entity{
			{ID: "op:notpetya-cyber-attack", Kind: "CyberOperation", Name: "NotPetya cyber-attack", Aliases: []string{"NotPetya"}},
			{ID: "person:lord-ahmad", Kind: "Person", Name: "Lord Ahmad"},
		},
		Attributions: []annotation.Attribution{
			{ID: "attribution:gb", By: []string{"country:GB"}, Blames: []string{"country:RU"}, Concerns: "op:notpetya-cyber-attack", Quote: "blamed Russia"},
			{ID: "attribution:us", By: []string{"country:US"}, Blames: []string{"country:RU"}, Concerns: "op:notpetya-cyber-attack", Quote: "blamed Russia"},
		},
		Claims: []annotation.Claim{
			{Subject: "country:AU", Type: "BACKED", Object: "attribution:gb", Quote: "Australia backed"},
			{Subject: "country:AU", Type: "BACKED", Object: "attribution:us", Quote: "Australia backed"},
		},
		Statements: []annotation.Statement{{Speakers: []string{"person:lord-ahmad"}, Quote: "Lord Ahmad said.",
			About: []string{"op:notpetya-cyber-attack"}}},
	}
	r := score(t, got)
	if c := r.AllClaims(); c.Precision() != 1 || c.Recall() != 1 {
		t.Fatalf("claims %+v\nmisses %v\nfalse %v", c, r.Misses, r.FalsePositives)
	}
	if c := r.AllEntities(); c.Precision() != 1 || c.Recall() != 1 {
		t.Fatalf("entities %+v %v %v", c, r.Misses, r.FalsePositives)
	}
}

func TestMissesAndFalsePositives(t *testing.T) {
	got := gold()
	got.Claims = []annotation.Claim{{Subject: "country:CA", Type: "BACKED", Object: "attribution:joint", Quote: "Australia backed"}}
	got.Statements[0].About = []string{"country:RU"}
	r := score(t, got)
	b := r.Claims[graph.RelBacked]
	if b.Gold != 2 || b.Found != 2 || b.Match != 0 {
		t.Fatalf("BACKED %+v (one per attributor of the joint attribution)", b)
	}
	if a := r.Claims[graph.RelAbout]; a.Match != 0 || a.Gold != 1 || a.Found != 1 {
		t.Fatalf("ABOUT %+v", a)
	}
	if c := r.AllClaims(); c.Recall() >= 1 || c.Precision() >= 1 {
		t.Fatalf("all %+v", c)
	}
	miss := strings.Join(r.Misses, "\n")
	fp := strings.Join(r.FalsePositives, "\n")
	if !strings.Contains(miss, "country:AU -BACKED-> attribution[country:GB → op:notpetya]") || !strings.Contains(fp, "country:CA -BACKED->") ||
		!strings.Contains(fp, "-ABOUT-> country:RU") {
		t.Fatalf("misses:\n%s\nfalse positives:\n%s", miss, fp)
	}
	// country:CA is an entity the gold does not have, country:AU one it missed.
	if c := r.Entities[graph.KindCountry]; c.Match != c.Gold-1 || c.Found != c.Gold {
		t.Fatalf("countries %+v", c)
	}
	var sb strings.Builder
	r.Write(&sb, "test set", true)
	for _, want := range []string{"test set: 1 articles", "precision", "BACKED", "all claims", "Misses (in the gold, not extracted)", "False positives"} {
		if !strings.Contains(sb.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, sb.String())
		}
	}
}

func TestCountsEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		c       evaluate.Counts
		p, r, f float64
	}{
		{evaluate.Counts{}, 1, 1, 1},
		{evaluate.Counts{Gold: 2}, 0, 0, 0},
		{evaluate.Counts{Found: 2}, 0, 1, 0},
		{evaluate.Counts{Gold: 2, Found: 1}, 0, 0, 0},
		{evaluate.Counts{Gold: 4, Found: 2, Match: 2}, 1, 0.5, 2.0 / 3},
	} {
		if tc.c.Precision() != tc.p || tc.c.Recall() != tc.r || tc.c.F1()-tc.f > 1e-9 || tc.f-tc.c.F1() > 1e-9 {
			t.Errorf("%+v: %v %v %v", tc.c, tc.c.Precision(), tc.c.Recall(), tc.c.F1())
		}
	}
}
