package extract

import (
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// The dates a sentence gives a role reach its HOLDS_ROLE (names and
// sentences invented; none is from an evaluation set).
func TestRoleDates(t *testing.T) {
	x := testExtractor(t)
	for _, c := range []struct {
		text, person, from, to string
	}{
		{"Marta Velkova, Norway’s foreign minister since 2019, said the attack was reckless.", "person:marta-velkova", "2019", ""},
		{"Marta Velkova, Norway’s defence minister from 2014 to 2018, said the attack was reckless.", "person:marta-velkova", "2014", "2018"},
		{"Marta Velkova, Norway’s defence minister between May 2014 and 2018, said the attack was reckless.", "person:marta-velkova", "2014-05", "2018"},
		{"Marta Velkova, Norway’s defence minister (2014-2018), said the attack was reckless.", "person:marta-velkova", "2014", "2018"},
		{"Marta Velkova, Norway’s defence minister (2014–2018), said the attack was reckless.", "person:marta-velkova", "2014", "2018"},
		{"Marta Velkova, Norway’s foreign minister since May 2019, said the attack was reckless.", "person:marta-velkova", "2019-05", ""},
		{"Marta Velkova, Norway’s defence minister until March 2018, said the attack was reckless.", "person:marta-velkova", "", "2018-03"},
		{"Former Norwegian defence minister Marta Velkova said the attack was reckless.", "person:marta-velkova", "", "2021-03-02"},
		{"Marta Velkova, Norway’s former defence minister, said the attack was reckless.", "person:marta-velkova", "", "2021-03-02"},
		// Silent texts, and a date that belongs to the rest of the sentence.
		{"Marta Velkova, Norway’s foreign minister, said the attacks had gone on since 2019.", "person:marta-velkova", "", ""},
		{"Norwegian defence minister Marta Velkova said since 2019 the attacks had grown.", "person:marta-velkova", "", ""},
		// Backwards is a misreading, not dates.
		{"Marta Velkova, Norway’s defence minister from 2018 to 2014, said the attack was reckless.", "person:marta-velkova", "", ""},
	} {
		t.Run(c.text, func(t *testing.T) {
			f, err := x.Extract(graph.Document{Text: c.text, Title: "Test", Source: "test.txt", Published: "2021-03-02"})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, r := range f.Roles {
				if r.Person != c.person {
					continue
				}
				found = true
				if r.From != c.from || r.To != c.to {
					t.Errorf("role %s of %s (%q): from %q to %q, want from %q to %q", r.Title, r.Organization, r.Person, r.From, r.To, c.from, c.to)
				}
			}
			if !found {
				t.Fatalf("no role of %s; roles: %+v", c.person, f.Roles)
			}
		})
	}
}
