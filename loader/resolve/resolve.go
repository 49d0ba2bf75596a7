// Package resolve knows the reference entities: countries from a maintained
// ISO 3166 dataset (github.com/pariz/gountries) and the organizations,
// government bodies and metonyms of organizations.yaml. Their nodes need no
// evidence: their Source names the reference. Ids are canonical:
// "country:RU" (ISO alpha-2), "org:nato".
package resolve

import (
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/pariz/gountries"
	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
)

//go:embed organizations.yaml
var organizationsYAML []byte

// Source values of reference nodes.
const (
	SourceCountries     = "reference:iso-3166"
	SourceOrganizations = "reference:actorgraph-organizations"
)

// Registry holds the reference entities. It is immutable once built and safe
// for concurrent use.
type Registry struct {
	nodes    map[string]graph.Node
	partOf   map[string]string // org id -> parent id
	metonyms map[string]string // text -> id
	names    map[string]string // lower-case name, alias or code -> id
	demonyms map[string]string // demonym -> country id
	links    []Link            // every PART_OF link of the reference data
}

// Link is one PART_OF link of the reference data: Child belongs to Parent,
// as Source says.
type Link struct {
	Child, Parent, Source string
}

type orgFile struct {
	Organizations []struct {
		ID      string   `yaml:"id"`
		Name    string   `yaml:"name"`
		Kind    string   `yaml:"kind"`
		PartOf  string   `yaml:"part_of"`
		Source  string   `yaml:"source"`
		Aliases []string `yaml:"aliases"`
	} `yaml:"organizations"`
	StateSponsored []struct {
		Group  string `yaml:"group"`
		PartOf string `yaml:"part_of"`
		Source string `yaml:"source"`
	} `yaml:"state_sponsored"`
	Metonyms []struct {
		Text string `yaml:"text"`
		For  string `yaml:"for"`
	} `yaml:"metonyms"`
	CountryAliases map[string][]string `yaml:"country_aliases"`
	Demonyms       map[string][]string `yaml:"demonyms"`
}

// Reference builds the registry from the embedded data.
func Reference() (*Registry, error) {
	r := &Registry{nodes: map[string]graph.Node{}, partOf: map[string]string{},
		metonyms: map[string]string{}, names: map[string]string{}, demonyms: map[string]string{}}
	var of orgFile
	if err := yaml.Unmarshal(organizationsYAML, &of); err != nil {
		return nil, fmt.Errorf("reference organizations: %w", err)
	}
	for code, c := range gountries.New().FindAllCountries() {
		code = strings.ToUpper(c.Alpha2)
		if code == "" {
			continue
		}
		id := "country:" + code
		aliases := graph.MergeAliases(c.Name.Common, nil, []string{c.Name.Official, c.Alpha3})
		aliases = graph.MergeAliases(c.Name.Common, aliases, of.CountryAliases[code])
		n := graph.Node{ID: id, Kind: graph.KindCountry, Name: c.Name.Common, Aliases: aliases, Source: SourceCountries}
		if c.Capital != "" {
			n.Props = map[string]string{"description": "capital: " + c.Capital}
		}
		r.add(n)
		r.names[strings.ToLower(code)] = id
	}
	for code, ds := range of.Demonyms {
		for _, d := range ds {
			r.demonyms[d] = "country:" + code
		}
	}
	r.deriveDemonyms()
	for _, o := range of.Organizations {
		n := graph.Node{ID: o.ID, Kind: graph.KindOrganization, Name: o.Name, Aliases: o.Aliases,
			Props: map[string]string{"kind": o.Kind}, Source: SourceOrganizations}
		if err := n.Validate(); err != nil {
			return nil, fmt.Errorf("reference organizations: %w", err)
		}
		r.add(n)
		if o.PartOf != "" {
			if strings.TrimSpace(o.Source) == "" {
				return nil, fmt.Errorf("reference organizations: %s is part of %s, but no source says so", o.ID, o.PartOf)
			}
			r.partOf[o.ID] = o.PartOf
			r.links = append(r.links, Link{o.ID, o.PartOf, o.Source})
		}
	}
	for _, g := range of.StateSponsored {
		if _, ok := r.nodes[g.Group]; !ok || strings.TrimSpace(g.Source) == "" {
			return nil, fmt.Errorf("reference organizations: state_sponsored %q: unknown group or no source", g.Group)
		}
		if _, ok := r.nodes[g.PartOf]; !ok {
			return nil, fmt.Errorf("reference organizations: %s is part of unknown %q", g.Group, g.PartOf)
		}
		r.links = append(r.links, Link{g.Group, g.PartOf, g.Source})
	}
	for _, m := range of.Metonyms {
		if _, ok := r.nodes[m.For]; !ok {
			return nil, fmt.Errorf("reference organizations: metonym %q stands for unknown %q", m.Text, m.For)
		}
		r.metonyms[m.Text] = m.For
	}
	for child, parent := range r.partOf {
		if _, ok := r.nodes[parent]; !ok {
			return nil, fmt.Errorf("reference organizations: %s is part of unknown %q", child, parent)
		}
	}
	return r, nil
}

// deriveDemonyms adds, for every country of the ISO dataset whose demonym
// organizations.yaml does not give, the forms English regularly derives
// from its common name: Albania → Albanian, Kenya → Kenyan, Mexico →
// Mexican, Senegal → Senegalese, Yemen → Yemeni, Iraq → Iraqi (and the
// plurals of the -an forms). A rule may make a word no one writes
// ("Omanese" beside "Omani"), which is harmless; a form two countries would
// share, or that is already a name, is left out, so a derived demonym is
// never ambiguous. The dataset carries no demonyms itself.
func (r *Registry) deriveDemonyms() {
	derived := map[string]string{}
	clash := map[string]bool{}
	given := map[string]bool{}
	for _, id := range r.demonyms {
		given[id] = true
	}
	// A form that is a word of a country's name ("Dominican" of the
	// Dominican Republic) would be read as that country's.
	nameWords := map[string]bool{}
	for _, n := range r.nodes {
		if n.Kind == graph.KindCountry {
			for _, w := range strings.Fields(n.Name) {
				nameWords[w] = true
			}
		}
	}
	for id, n := range r.nodes {
		if n.Kind != graph.KindCountry || given[id] {
			continue
		}
		for _, form := range demonymForms(n.Name) {
			if _, taken := r.demonyms[form]; taken || nameWords[form] {
				continue
			}
			if _, isName := r.names[strings.ToLower(form)]; isName {
				continue
			}
			if other, ok := derived[form]; ok && other != id {
				clash[form] = true
			}
			derived[form] = id
		}
	}
	for form, id := range derived {
		if !clash[form] {
			r.demonyms[form] = id
		}
	}
}

// demonymForms returns the regular English demonyms of a country name.
func demonymForms(name string) []string {
	words := strings.Fields(name)
	if len(words) == 0 || strings.ContainsAny(name, "(),'’") {
		return nil
	}
	last := words[len(words)-1]
	prefix := strings.Join(words[:len(words)-1], " ")
	var forms []string
	an := func(f string) { forms = append(forms, f, f+"s") }
	switch {
	case strings.HasSuffix(last, "stan"):
		forms = append(forms, last+"i")
	case strings.HasSuffix(last, "a"):
		an(last + "n") // Albanian, Kenyan, Korean
	case strings.HasSuffix(last, "o"):
		an(strings.TrimSuffix(last, "o") + "an") // Mexican, Moroccan
	case strings.HasSuffix(last, "y"):
		an(strings.TrimSuffix(last, "y") + "ian") // Italian, Hungarian
	case strings.HasSuffix(last, "e"):
		an(strings.TrimSuffix(last, "e") + "ian") // Ukrainian
		an(last + "an")                           // Chilean
	case strings.HasSuffix(last, "on"):
		forms = append(forms, strings.TrimSuffix(last, "on")+"ese") // Lebanese
	case strings.HasSuffix(last, "n"), strings.HasSuffix(last, "m"):
		forms = append(forms, last+"ese", last+"i") // Sudanese, Vietnamese; Yemeni, Omani
	case strings.HasSuffix(last, "l"):
		forms = append(forms, last+"ese") // Senegalese, Nepalese
	case strings.HasSuffix(last, "q"), strings.HasSuffix(last, "t"), strings.HasSuffix(last, "r"), strings.HasSuffix(last, "h"):
		forms = append(forms, last+"i") // Iraqi, Kuwaiti, Qatari, Bangladeshi
	}
	if prefix != "" {
		for i, f := range forms {
			forms[i] = prefix + " " + f
		}
	}
	return forms
}

func (r *Registry) add(n graph.Node) {
	r.nodes[n.ID] = n
	for _, name := range append([]string{n.Name}, n.Aliases...) {
		key := strings.ToLower(name)
		if _, taken := r.names[key]; !taken {
			r.names[key] = n.ID
		}
	}
}

// Node returns the reference node with the given id.
func (r *Registry) Node(id string) (graph.Node, bool) {
	n, ok := r.nodes[id]
	return n, ok
}

// PartOf returns the id of the body a reference organization belongs to.
func (r *Registry) PartOf(id string) (string, bool) {
	p, ok := r.partOf[id]
	return p, ok
}

// ByName resolves a name, alias or country code (case-insensitive) to an id.
func (r *Registry) ByName(name string) (string, bool) {
	id, ok := r.names[strings.ToLower(strings.TrimSpace(name))]
	return id, ok
}

// Metonym resolves a metonym ("Washington") to the id it stands for.
func (r *Registry) Metonym(text string) (string, bool) {
	id, ok := r.metonyms[text]
	return id, ok
}

// Demonym resolves a demonym ("Russian") to its country id.
func (r *Registry) Demonym(text string) (string, bool) {
	id, ok := r.demonyms[text]
	return id, ok
}

// IDs lists every reference id, sorted.
func (r *Registry) IDs() []string {
	ids := make([]string, 0, len(r.nodes))
	for id := range r.nodes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Links returns every PART_OF link of the reference data, ordered by child
// id: the bodies of organizations.yaml and the state-sponsored groups.
func (r *Registry) Links() []Link {
	out := slices.Clone(r.links)
	slices.SortFunc(out, func(a, b Link) int { return strings.Compare(a.Child, b.Child) })
	return out
}

// Metonyms returns a copy of the metonym table: text ("Washington") to the
// id it stands for. Extraction builds its gazetteer from it.
func (r *Registry) Metonyms() map[string]string { return maps.Clone(r.metonyms) }

// Demonyms returns a copy of the demonym table: demonym ("Russian") to
// country id.
func (r *Registry) Demonyms() map[string]string { return maps.Clone(r.demonyms) }
