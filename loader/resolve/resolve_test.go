package resolve_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/resolve"
)

func TestReference(t *testing.T) {
	r, err := resolve.Reference()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"Estonia": "country:EE", "the United States": "country:US", "U.S.": "country:US", "Britain": "country:GB",
		"North Korea": "country:KP", "nato": "org:nato", "State Department": "org:us-state-department",
		"Foreign, Commonwealth and Development Office": "org:uk-foreign-office", "Fancy Bear": "org:apt28",
		"Sandworm Team": "org:sandworm", "OPCW": "org:opcw", "People’s Liberation Army": "org:cn-pla",
	} {
		if got, ok := r.ByName(name); !ok || got != want {
			t.Errorf("ByName(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	// A comma inside a name must not make a second alias of its first word.
	if id, ok := r.ByName("Foreign"); ok {
		t.Errorf("\"Foreign\" resolves to %s", id)
	}
	if p, ok := r.PartOf("org:ru-gru"); !ok || p != "country:RU" {
		t.Errorf("GRU part of %q", p)
	}
	for text, id := range r.Metonyms() {
		if _, ok := r.Node(id); !ok {
			t.Errorf("metonym %q stands for unknown %s", text, id)
		}
	}
	for text, id := range r.Demonyms() {
		if n, ok := r.Node(id); !ok || n.Kind != graph.KindCountry {
			t.Errorf("demonym %q is of %s, not a country", text, id)
		}
	}
	if id, _ := r.Demonym("Dutch"); id != "country:NL" {
		t.Errorf("Dutch: %s", id)
	}
	// The copies are copies: the registry stays immutable.
	m := r.Metonyms()
	maps.DeleteFunc(m, func(string, string) bool { return true })
	if len(r.Metonyms()) == 0 {
		t.Error("Metonyms returned the registry's own map")
	}
}

// Two reference entities must not share a name or alias: the first one
// would silently take it.
func TestReferenceNamesAreUnambiguous(t *testing.T) {
	r, err := resolve.Reference()
	if err != nil {
		t.Fatal(err)
	}
	owner := map[string]string{}
	for _, id := range r.IDs() {
		n, _ := r.Node(id)
		for _, a := range append([]string{n.Name}, n.Aliases...) {
			k := strings.ToLower(a)
			if o, ok := owner[k]; ok && o != id && !slices.Contains([]string{o, id}, "") {
				t.Errorf("%q is a name of both %s and %s", a, o, id)
			}
			owner[k] = id
		}
	}
}

// Demonyms the organizations file does not give are derived from the ISO
// names by the regular English endings, never two countries for one form.
func TestDerivedDemonyms(t *testing.T) {
	r, err := resolve.Reference()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ demonym, id string }{
		{"Albanian", "country:AL"}, {"Albanians", "country:AL"}, {"Senegalese", "country:SN"},
		{"Indonesian", "country:ID"}, {"Mexican", "country:MX"}, {"Iraqi", "country:IQ"},
		{"Yemeni", "country:YE"}, {"Lebanese", "country:LB"}, {"Kenyan", "country:KE"},
		{"Hungarian", "country:HU"}, {"Uzbekistani", "country:UZ"}, {"Chilean", "country:CL"},
		{"Russian", "country:RU"}, {"Dutch", "country:NL"}, // given ones stay
	} {
		if id, ok := r.Demonym(tc.demonym); !ok || id != tc.id {
			t.Errorf("Demonym(%q) = %q, %v; want %s", tc.demonym, id, ok, tc.id)
		}
	}
	// "Dominican" is a word of "Dominican Republic": not Dominica's demonym.
	if id, ok := r.Demonym("Dominican"); ok {
		t.Errorf("Dominican resolved to %s; an ambiguous form must be left out", id)
	}
}
