package extract

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed lexicon.yaml
var lexiconYAML []byte

// lexiconFile is the shape of lexicon.yaml.
type lexiconFile struct {
	Titles struct {
		Heads         []string `yaml:"heads"`
		Modifiers     []string `yaml:"modifiers"`
		Honorifics    []string `yaml:"honorifics"`
		StateTitles   []string `yaml:"state_titles"`
		CompanyTitles []string `yaml:"company_titles"`
		SpokesTitles  []string `yaml:"spokes_titles"`
		NonStateMods  []string `yaml:"non_state_modifiers"`
		Bodies        []struct {
			Title   string `yaml:"title"`
			Country string `yaml:"country"`
			Org     string `yaml:"org"`
		} `yaml:"bodies"`
	} `yaml:"titles"`
	Media              []string            `yaml:"media"`
	CountryCodes       []string            `yaml:"country_codes"`
	AmbiguousCountries []string            `yaml:"ambiguous_countries"`
	Locative           []string            `yaml:"locative"`
	Operations         []string            `yaml:"operations"`
	OperationNouns     []string            `yaml:"operation_nouns"`
	OperationHeads     []string            `yaml:"operation_heads"`
	CyberWords         []string            `yaml:"cyber_words"`
	OperationAnaphors  []string            `yaml:"operation_anaphors"`
	DoctrineNouns      []string            `yaml:"doctrine_nouns"`
	DoctrineAnaphors   []string            `yaml:"doctrine_anaphors"`
	EventNouns         []string            `yaml:"event_nouns"`
	HappeningNouns     []string            `yaml:"happening_nouns"`
	HappeningMods      []string            `yaml:"happening_modifiers"`
	EventExclusions    []string            `yaml:"event_exclusions"`
	ElectionKinds      []string            `yaml:"election_kinds"`
	AgentNouns         []string            `yaml:"agent_nouns"`
	CompanyNouns       []string            `yaml:"company_nouns"`
	OrgHeads           []string            `yaml:"org_heads"`
	InstitutionHeads   []string            `yaml:"institution_heads"`
	CompanyHeads       []string            `yaml:"company_heads"`
	OrgAnaphors        map[string][]string `yaml:"org_anaphors"`
	PersonNouns        []string            `yaml:"person_nouns"`
	DelegateNouns      []string            `yaml:"delegate_nouns"`
	GroupSubjects      []string            `yaml:"group_subjects"`
	AttributionNouns   []string            `yaml:"attribution_nouns"`
	LegalNouns         []string            `yaml:"legal_nouns"`
	GroupNouns         []string            `yaml:"group_nouns"`
	Negations          []string            `yaml:"negations"`
	Hedges             []string            `yaml:"hedges"`
	Verbs              map[string][]string `yaml:"verbs"`
}

// titleBody is what a title says about the body its holder serves.
type titleBody struct {
	country string // ISO alpha-2, "" when any
	org     string // reference id, "" for the state itself
}

// lexicon is lexicon.yaml made ready for lookups: word sets are lower-case,
// multi-word phrases are split into words. Built once by New, read-only
// afterwards.
type lexicon struct {
	titleHeads, titleMods  set
	honorifics             set
	stateTitles            set // lower-case whole titles
	companyTitles          set
	spokesTitles           []string // lower-case title endings
	nonStateMods           set
	bodies                 map[string]titleBody // lower-case title
	media                  [][]string
	countryCodes           set
	ambiguousCountries     set
	locative               set
	operations             [][]string
	opNouns, opHeads       set
	cyberWords, opAnaphors set
	doctrineNouns          set
	doctrineAnaphors       set
	eventNouns             set
	happeningNouns         set
	happeningMods          set
	eventExclusions        [][]string
	electionKinds          set
	agentNouns             set
	companyNouns           set
	orgHeads, companyHeads set
	institutionHeads       set
	orgAnaphors            map[string][]string
	personNouns            set
	delegateNouns          set
	groupSubjects          set
	attributionNouns       set
	legalNouns             set
	groupNouns             set
	negations              set
	hedges                 set
	verbs                  map[string][][]string            // class -> phrases as lower-case words
	verbFirst              map[string]map[string][][]string // class -> first word -> phrases, longest first
}

// set is a set of lower-case words.
type set map[string]bool

func newSet(words []string) set {
	s := make(set, len(words))
	for _, w := range words {
		s[strings.ToLower(w)] = true
	}
	return s
}

func (s set) has(w string) bool { return s[w] || s[strings.ToLower(w)] }

// phrases splits each phrase into its words, lower-cased.
func phrases(ps []string, lower bool) [][]string {
	out := make([][]string, 0, len(ps))
	for _, p := range ps {
		if lower {
			p = strings.ToLower(p)
		}
		out = append(out, strings.Fields(p))
	}
	return out
}

// requiredVerbClasses are the verb classes the recognizer reads by name
// (a speech verb after a name makes it a person's, "charged" a defendant's,
// "convened" and "proposed" a meeting's and a doctrine's); a lexicon
// without one of them is a broken lexicon, not a quiet rule that never
// fires. A class a construction names is checked when constructions.yaml
// is read.
func requiredVerbClasses() []string {
	return []string{"speech", "name", "convene", "propose", "adopt", "charge"}
}

func loadLexicon(data []byte) (*lexicon, error) {
	var f lexiconFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("extraction lexicon: %w", err)
	}
	lx := &lexicon{
		titleHeads: newSet(f.Titles.Heads), titleMods: newSet(f.Titles.Modifiers),
		honorifics: set{}, bodies: map[string]titleBody{},
		stateTitles: newSet(f.Titles.StateTitles), companyTitles: newSet(f.Titles.CompanyTitles),
		groupNouns: newSet(f.GroupNouns), negations: newSet(f.Negations),
		media: phrases(f.Media, false), countryCodes: set{}, ambiguousCountries: set{},
		locative: newSet(f.Locative), operations: phrases(f.Operations, false),
		opNouns: newSet(f.OperationNouns), opHeads: newSet(f.OperationHeads),
		cyberWords: newSet(f.CyberWords), opAnaphors: newSet(f.OperationAnaphors),
		doctrineNouns: newSet(f.DoctrineNouns), doctrineAnaphors: newSet(f.DoctrineAnaphors),
		eventNouns: newSet(f.EventNouns), happeningNouns: newSet(f.HappeningNouns), happeningMods: newSet(f.HappeningMods), eventExclusions: phrases(f.EventExclusions, true),
		electionKinds: newSet(f.ElectionKinds), agentNouns: newSet(f.AgentNouns),
		companyNouns: newSet(f.CompanyNouns), orgHeads: newSet(f.OrgHeads), institutionHeads: newSet(f.InstitutionHeads), companyHeads: newSet(f.CompanyHeads), orgAnaphors: f.OrgAnaphors,
		personNouns: newSet(f.PersonNouns), delegateNouns: newSet(f.DelegateNouns), groupSubjects: newSet(f.GroupSubjects),
		attributionNouns: newSet(f.AttributionNouns), legalNouns: newSet(f.LegalNouns),
		hedges: newSet(f.Hedges), verbs: map[string][][]string{}, verbFirst: map[string]map[string][][]string{},
	}
	// Case matters for these: "Lord" is an honorific, "lord" a word.
	lx.nonStateMods = newSet(f.Titles.NonStateMods)
	for _, t := range f.Titles.SpokesTitles {
		lx.spokesTitles = append(lx.spokesTitles, strings.ToLower(t))
	}
	for _, h := range f.Titles.Honorifics {
		lx.honorifics[h] = true
	}
	for _, c := range f.CountryCodes {
		lx.countryCodes[c] = true
	}
	for _, c := range f.AmbiguousCountries {
		lx.ambiguousCountries[c] = true
	}
	for _, b := range f.Titles.Bodies {
		lx.bodies[strings.ToLower(b.Title)] = titleBody{country: b.Country, org: b.Org}
	}
	for class, vs := range f.Verbs {
		lx.verbs[class] = phrases(vs, true)
		// Indexed by first word, longest phrase first: the rules ask "does
		// a verb of this class start here?" at every token.
		idx := map[string][][]string{}
		for _, p := range lx.verbs[class] {
			idx[p[0]] = append(idx[p[0]], p)
		}
		for _, ps := range idx {
			sort.SliceStable(ps, func(i, j int) bool { return len(ps[i]) > len(ps[j]) })
		}
		lx.verbFirst[class] = idx
	}
	for _, c := range requiredVerbClasses() {
		if len(lx.verbs[c]) == 0 {
			return nil, fmt.Errorf("extraction lexicon: verb class %q is missing or empty", c)
		}
	}
	if len(lx.titleHeads) == 0 || len(lx.opHeads) == 0 {
		return nil, fmt.Errorf("extraction lexicon: titles.heads and operation_heads must not be empty")
	}
	return lx, nil
}
