package extract

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

// recognize finds the mentions of every sentence, in document order, so
// that a later sentence can refer back to what an earlier one introduced
// ("Sullivan", "the bureau", "the attack"). Anaphors with nothing before
// them are resolved at the end to the first fitting entity of the document
// (a headline often says "the doctrine" before the text names it).
func (d *document) recognize() {
	for _, s := range d.sents {
		d.gazetteerPass(s)
		d.namedOrgs(s)
		d.coordinatedOrgs(s)
		d.companies(s)
		d.groups(s)
		d.orgAnaphors(s)
		d.persons(s)
		d.happenings(s)
		d.operations(s)
		d.events(s)
		d.doctrines(s)
		d.references(s)
	}
	d.resolvePending()
}

// gazetteerPass marks the reference names: countries, organizations,
// capitals used for governments, demonyms, media and known operations.
func (d *document) gazetteerPass(s *sentence) {
	lx := d.x.lx
	for i := 0; i < len(s.toks); i++ {
		if s.toks[i].kind != tWord {
			continue
		}
		if d.publisherAt(s, i) {
			continue
		}
		e, j, ok := d.x.gz.match(s.toks, i)
		if !ok {
			// "Peruvian President Luis Mora": a demonym the reference data
			// lacks, derived from the country's name.
			if id := d.x.stemDemonym(s.toks[i].text); id != "" && s.mat(i) == nil {
				d.addMention(s, i, i+1, d.entityByID(id), howDemonym)
			}
			continue
		}
		switch e.kind {
		case gzMedia:
			if m := d.addMention(s, i, j, nil, howName); m != nil {
				m.media = true
			}
		case gzOperation:
			d.registerNamedOp(s, i, j, e.text)
		case gzMetonym:
			// "in Brussels" is a place; "Brussels said" the EU.
			if i > 0 && lx.locative.has(s.toks[i-1].lower) {
				break
			}
			if i > 1 && s.toks[i-1].lower == "the" && lx.locative.has(s.toks[i-2].lower) {
				break
			}
			d.addMention(s, i, j, d.entityByID(e.id), howMetonym)
		case gzDemonym:
			d.addMention(s, i, j, d.entityByID(e.id), howDemonym)
		default:
			// "Chad Wolf" is a person, not Chad.
			if j == i+1 && lx.ambiguousCountries[s.toks[i].text] && s.tok(j).capitalized() {
				break
			}
			if e.node == graph.KindCountry && d.surnameAt(s, i) {
				break // "Daniel Jordan": a surname, not Jordan
			}
			// "Kenya Airways", "Qatar Airways": an organization named
			// after the country.
			if e.node == graph.KindCountry && d.orgNamedAfter(s, i, j) {
				break
			}
			// "the Chilean Treasury Department" is not the US Treasury
			// whose alias it shares: a state's body named with another
			// state.
			if e.node == graph.KindOrganization && d.otherStateBefore(s, i, e.id) {
				break
			}
			// "the Andean Regional Security Council" is not the (UN) Security
			// Council whose alias of two words or more ends its name: a
			// capitalized word that belongs to no other name extends it.
			if e.node == graph.KindOrganization && j-i >= 2 && d.longerNameBefore(s, i) {
				break
			}
			d.addMention(s, i, j, d.entityByID(e.id), howName)
		}
		if s.mat(i) != nil {
			i = s.mat(i).j - 1
		}
	}
}

// otherStateBefore reports whether the state or demonym right before token
// i is not the state the reference body id belongs to.
func (d *document) otherStateBefore(s *sentence, i int, id string) bool {
	m := s.mat(i - 1)
	if m == nil || m.ent == nil || m.ent.kind != graph.KindCountry {
		return false
	}
	own := d.countryOf(d.entityByID(id))
	return own != "" && own != m.ent.id
}

// surnameAt reports whether the country name at token i is a surname: it
// follows a capitalized word that is no name of anything, no title and no
// sentence adverb ("Daniel Jordan", "Deputy Treasury Secretary Daniel Jordan").
func (d *document) surnameAt(s *sentence, i int) bool {
	if i == 0 {
		return false
	}
	p := s.toks[i-1]
	if p.kind != tWord || s.mat(i-1) != nil || !p.capitalized() || capStops.has(p.lower) || d.isTitleWord(s, i-1) ||
		isAcronym(p.text) || strings.HasSuffix(p.lower, "ly") || d.x.lx.honorifics[p.text] {
		return false
	}
	// A sentence-initial word is capitalized anyway ("Yesterday Chile
	// said"), so a name at the very start is left to the country.
	return i-1 > 0
}

// orgNamedAfter reports whether the name at [i, j) starts an
// organization's name that ends in an organization noun ("Malaysia
// Airlines", "Human Rights Watch"), and if so records that organization.
func (d *document) orgNamedAfter(s *sentence, i, j int) bool {
	end, ok := d.capRun(s, j, 4)
	if !ok || !d.x.lx.orgHeads.has(s.toks[end-1].lower) {
		return false
	}
	d.namedOrg(s, i, end, d.headKind(s, end-1))
	return true
}

// headKind is the kind of organization whose name ends in token k.
func (d *document) headKind(s *sentence, k int) string {
	switch w := s.toks[k].lower; {
	case d.x.lx.companyHeads.has(w):
		return "company"
	case w == "service" || w == "agency" || w == "bureau" || w == "directorate" || w == "centre" || w == "center":
		return "agency"
	case w == "ministry" || w == "department" || w == "office" || w == "authority":
		return "government"
	case w == "brigade" || w == "battalion" || w == "regiment":
		return "military"
	}
	return "other"
}

// namedOrg records the organization named by tokens [i, j): a known one,
// or one minted with the given kind.
func (d *document) namedOrg(s *sentence, i, j int, kind string) *entity {
	name := s.span(i, j)
	id := "org:" + slug(name)
	if rid, ok := d.x.reg.ByName(name); ok && !d.otherStateBefore(s, i, rid) {
		id = rid
	} else if ok {
		// "the Chilean Treasury Department": named with its state.
		name = s.span(i-1, j)
		id = "org:" + slug(name)
	}
	e := d.entityByID(id)
	if e == nil {
		// "Acme" after "Acme Pipeline": the organization met before.
		for _, o := range d.order {
			if o.kind == graph.KindOrganization && !o.ref && strings.HasPrefix(o.name, name+" ") {
				e = o
				break
			}
		}
	}
	if e == nil {
		e = d.mint(id, graph.KindOrganization, name, s, methodCompany)
		e.orgKind = kind
	}
	d.addMention(s, i, j, e, howName)
	return e
}

// namedOrgs finds organizations the reference data does not know by the
// noun their name ends in: "Human Rights Watch", "the Joint Investigation
// Team", "Naval Group", "Amnesty International" — a run of two to five
// capitalized words, none of them a known name, ending in an organization
// noun (lexicon org_heads). Without it such a name before "said" is taken
// for a person's.
func (d *document) namedOrgs(s *sentence) {
	for i := 0; i < len(s.toks); i++ {
		t := s.toks[i]
		if t.kind != tWord || s.mat(i) != nil || !t.capitalized() || capStops.has(t.lower) || t.inQuote {
			continue
		}
		j, _ := d.capRun(s, i, 5)
		institution := d.x.lx.institutionHeads.has(s.toks[j-1].lower)
		if (j-i < 2 || !d.x.lx.orgHeads.has(s.toks[j-1].lower)) && !institution || d.isTitleWord(s, i) && !institution {
			i = j - 1
			continue
		}
		// "Ministry of Intelligence and Security", "State Research
		// Institute of Organic Chemistry and Technology", "Council of
		// Europe": an institution's name goes on through "of" and "for".
		if institution {
			// Inside the name any capitalized word goes ("Intelligence and
			// Security"), even one that starts no name of its own.
			nameWords := func(k, max int) int {
				n := k
				for n < len(s.toks) && n < k+max && s.toks[n].kind == tWord && s.toks[n].capitalized() && s.mat(n) == nil &&
					!s.toks[n].is("the", "a", "an") {
					n++
				}
				return n
			}
			e := j
			for s.tok(e).is("of", "for", "on", "against") && nameWords(e+1, 4) > e+1 {
				n := nameWords(e+1, 4)
				for s.tok(n).is("and") && nameWords(n+1, 3) > n+1 {
					n = nameWords(n+1, 3)
				}
				e = n
			}
			// "Ministry" alone names nothing; "the Foreign Ministry" is
			// its state's (the state speaks), a title's words and a noun.
			allTitle := true
			for k := i; k < j-1; k++ {
				allTitle = allTitle && d.isTitleWord(s, k)
			}
			if e == j && (j-i < 2 || allTitle && j-i == 2) {
				i = j - 1
				continue
			}
			kindAt := j - 1
			j = e
			d.namedOrg(s, i, j, d.headKind(s, kindAt))
			i = j - 1
			continue
		}
		// "the 53rd Anti-Aircraft Missile Brigade": an ordinal is part of
		// the name.
		start := i
		if p := s.tok(i - 1); p.kind == tWord && s.mat(i-1) == nil && isOrdinal(p.lower) {
			start = i - 1
		}
		d.namedOrg(s, start, j, d.headKind(s, j-1))
		i = j - 1
	}
}

// publisherAt marks the article's own publisher as media.
func (d *document) publisherAt(s *sentence, i int) bool {
	if len(d.publisher) == 0 || i+len(d.publisher) > len(s.toks) {
		return false
	}
	for k, w := range d.publisher {
		if s.toks[i+k].text != w {
			return false
		}
	}
	if m := d.addMention(s, i, i+len(d.publisher), nil, howName); m != nil {
		m.media = true
		return true
	}
	return false
}

// coordinatedOrgs reads "Temple and Columbia Universities" as two known
// bodies, Temple University and Columbia University, when the reference
// data knows them under those names.
func (d *document) coordinatedOrgs(s *sentence) {
	for i := 0; i+3 < len(s.toks); i++ {
		a, and, b, head := s.toks[i], s.toks[i+1], s.toks[i+2], s.toks[i+3]
		if s.mat(i) != nil || and.lower != "and" || !a.capitalized() || !b.capitalized() || !head.capitalized() {
			continue
		}
		sing := singular(head.text)
		if sing == head.text {
			continue
		}
		ida, oka := d.x.reg.ByName(a.text + " " + sing)
		idb, okb := d.x.reg.ByName(b.text + " " + sing)
		if oka && okb {
			d.addMention(s, i, i+1, d.entityByID(ida), howName)
			d.addMention(s, i+2, i+4, d.entityByID(idb), howName)
		}
	}
}

func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies"):
		return strings.TrimSuffix(w, "ies") + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return strings.TrimSuffix(w, "s")
	}
	return w
}

// companies: "the shipping group Maersk", "the American company Viasat",
// "the drugmaker Merck" name a company that the reference data does not
// know.
func (d *document) companies(s *sentence) {
	lx := d.x.lx
	for i := 0; i+1 < len(s.toks); i++ {
		// "Eight companies, Amazon, Acme and Globex, signed", "firms
		// including Acme and Globex": a list of names after a plural.
		if s.toks[i].is("companies", "firms", "platforms", "carriers", "airlines", "banks") && !s.toks[i].inQuote &&
			(s.tok(i+1).text == "," || s.tok(i+1).text == ":" || s.tok(i+1).is("including")) {
			d.companyList(s, i+2)
			continue
		}
		if !lx.companyNouns.has(s.toks[i].lower) || s.mat(i) != nil || s.toks[i].inQuote {
			continue
		}
		// A determiner within three words before the descriptor.
		det := false
		for k := i - 1; k >= 0 && k >= i-4; k-- {
			if determiners.has(s.toks[k].lower) {
				det = true
				break
			}
		}
		j, ok := d.capRun(s, i+1, 4)
		if !det || !ok {
			continue
		}
		d.namedOrg(s, i+1, j, "company")
	}
}

// companyList reads a list of company names starting at token k: names of
// one to three capitalized words, separated by commas and a final "and".
// A list of fewer than two names is no list.
func (d *document) companyList(s *sentence, k int) {
	type span struct{ i, j int }
	var names []span
	for k < len(s.toks) {
		if m := s.mentionAt(k); m != nil {
			names = append(names, span{-1, -1})
			k = m.j
		} else if j, ok := d.capRun(s, k, 3); ok {
			names = append(names, span{k, j})
			k = j
		} else {
			break
		}
		if s.tok(k).text == "," {
			k++
		}
		if s.tok(k).is("and") {
			k++
		} else if s.tok(k-1).text != "," {
			break
		}
	}
	if len(names) < 2 {
		return
	}
	for _, n := range names {
		if n.i >= 0 {
			d.namedOrg(s, n.i, n.j, "company")
		}
	}
}

// capRunBefore returns the start of a run of capitalized, unmarked words
// that ends right before token j (j itself when there is none).
func (d *document) capRunBefore(s *sentence, j int) int {
	k := j
	for k > 0 && k > j-4 && s.mat(k-1) == nil && s.toks[k-1].kind == tWord && s.toks[k-1].capitalized() &&
		!capStops.has(s.toks[k-1].lower) && !d.isTitleWord(s, k-1) {
		k--
	}
	return k
}

// capRun returns the end of a run of at most max capitalized, unmarked
// words starting at i.
func (d *document) capRun(s *sentence, i, max int) (int, bool) {
	j := i
	for j < len(s.toks) && j-i < max && s.mat(j) == nil && s.toks[j].kind == tWord && s.toks[j].capitalized() &&
		!capStops.has(s.toks[j].lower) {
		j++
	}
	return j, j > i
}

// groups finds hacking groups the reference data does not know: "a
// criminal group called DarkSide", "the DarkSide gang", "a group known as
// Evil Corp".
func (d *document) groups(s *sentence) {
	lx := d.x.lx
	register := func(i, j int) {
		name := s.span(i, j)
		id := "org:" + slug(name)
		e := d.entityByID(id)
		if e == nil {
			e = d.mint(id, graph.KindOrganization, name, s, methodGroup)
			e.orgKind = "threat-group"
		}
		d.addMention(s, i, j, e, howName)
	}
	for i := 0; i < len(s.toks); i++ {
		t := s.toks[i]
		if s.mat(i) != nil || t.kind != tWord {
			continue
		}
		// "<group noun> called|known as|dubbed X"
		if lx.groupNouns.has(t.lower) || t.is("hackers") {
			if e, ok := d.verbAt(s, i+1, "name"); ok {
				if j, ok := d.capRun(s, e, 3); ok {
					register(e, j)
					i = j - 1
				}
			}
			continue
		}
		// "the DarkSide gang": a CamelCase or capitalized name before a
		// group noun, not a state ("the Chinese group") nor a known body.
		if (isCamel(t.text) || t.capitalized() && i > 0) && !capStops.has(t.lower) && lx.groupNouns.has(s.tok(i+1).lower) && s.tok(i+1).lower != "group" {
			register(i, i+1)
		}
	}
}

// orgAnaphors resolves "the bureau", "the agency’s", "the bloc",
// "Prosecutors" to the most recent organization of a fitting kind.
func (d *document) orgAnaphors(s *sentence) {
	for i := 0; i < len(s.toks); i++ {
		t := s.toks[i]
		kinds, ok := d.x.lx.orgAnaphors[t.lower]
		if !ok || s.mat(i) != nil {
			continue
		}
		// "the bureau" or sentence-initial "Prosecutors"; not "German
		// prosecutors" (a demonym makes the state the actor) nor "a unit".
		prev := s.tok(i - 1)
		if !(prev.lower == "the" || prev.lower == "its" || i == 0) {
			continue
		}
		// "the ministry" after "Iran’s Ministry of Intelligence": the body
		// named with that noun, before any other of its kind.
		e := d.recentOrgNamed(s, t.lower)
		if e == nil {
			e = d.recentOrg(s, kinds)
		}
		if e != nil {
			d.addMention(s, i, i+1, e, howAnaphor)
		}
	}
}

// recentOrgNamed returns the organization mentioned last whose name has
// the noun as a word.
func (d *document) recentOrgNamed(s *sentence, noun string) *entity {
	for n := s.n; n >= 0 && n >= s.n-6; n-- {
		ms := d.sents[n].ments
		for k := len(ms) - 1; k >= 0; k-- {
			e := ms[k].ent
			if e == nil || e.kind != graph.KindOrganization || ms[k].how == howAnaphor {
				continue
			}
			for _, w := range strings.Fields(strings.ToLower(e.name)) {
				if w == noun {
					return e
				}
			}
		}
	}
	return nil
}

// recentOrg returns the organization of one of the kinds mentioned last,
// in this sentence before the anaphor or in an earlier one.
func (d *document) recentOrg(s *sentence, kinds []string) *entity {
	for n := s.n; n >= 0 && n >= s.n-6; n-- {
		ms := d.sents[n].ments
		for k := len(ms) - 1; k >= 0; k-- {
			e := ms[k].ent
			if e != nil && e.kind == graph.KindOrganization && slices.Contains(kinds, e.orgKind) && ms[k].how != howAnaphor {
				return e
			}
		}
	}
	return nil
}

// persons finds people by their names in the contexts that say a name is a
// person's: a title before it ("US defence secretary Jim Mattis"), a title
// after it ("Rob Strayer, the deputy assistant secretary ..."), a title and
// a comma before it ("the US ambassador, John Sullivan"), a list after a
// noun for people ("the two men, Zhu Hua and Zhang Shilong"), or a speech
// verb ("Ciaran Martin said").
func (d *document) persons(s *sentence) {
	for i := 0; i < len(s.toks); i++ {
		j, ok := d.nameAt(s, i)
		if !ok {
			continue
		}
		name := s.span(i, j)
		switch {
		case d.titleBefore(s, i) != nil:
			tb := d.titleBefore(s, i)
			tb.nameEnd = j
			p := d.registerPerson(s, i, j, name)
			d.roleByPattern(s, p, tb, "title-name")
		case d.titleAfter(s, j) != nil:
			p := d.registerPerson(s, i, j, name)
			d.roleByPattern(s, p, d.titleAfter(s, j), "name-title")
		case s.tok(i-1).text == "," && d.titleBefore(s, i-1) != nil:
			p := d.registerPerson(s, i, j, name)
			d.roleByPattern(s, p, d.titleBefore(s, i-1), "title-comma-name")
		case d.afterPersonNoun(s, i) || d.speechNear(s, i, j) || d.chargedBefore(s, i) || d.personApposition(s, j):
			if j-i >= 2 {
				d.registerPerson(s, i, j, name)
			}
		}
		if m := s.mat(i); m != nil {
			i = m.j - 1
		}
	}
}

// nameAt returns the end of a personal name starting at token i: two to
// four capitalized words not known as anything else ("Kim Jong Un"), or an
// honorific and a name ("Lady Harrow").
func (d *document) nameAt(s *sentence, i int) (int, bool) {
	lx := d.x.lx
	t := s.tok(i)
	if t.kind != tWord || s.mat(i) != nil || !t.capitalized() {
		return i, false
	}
	isNameWord := func(k int) bool {
		w := s.tok(k)
		if k > i && prefixedName(w.text) && s.mat(k) == nil {
			return true // "Bashar al-Assad"
		}
		if w.kind != tWord || s.mat(k) != nil || !w.capitalized() || capStops.has(w.lower) {
			return false
		}
		if lx.titleHeads.has(w.lower) || lx.titleMods.has(w.lower) {
			return false
		}
		if isAcronym(w.text) || strings.ContainsAny(w.text, "0123456789") || isCamel(w.text) {
			return false
		}
		return true
	}
	j := i
	isNameWord0 := isNameWord
	isNameWord = func(k int) bool {
		// "Abdullah II": a regnal number ends a name.
		if k > i && isNameWord0(k-1) && romanNumerals.has(s.tok(k).text) {
			return true
		}
		// "Theresa May", "Kim June": a month inside a name.
		if k > i && s.tok(k).capitalized() && months.has(s.tok(k).lower) && s.mat(k) == nil &&
			!strings.ContainsAny(s.tok(k+1).text, "0123456789") && isNameWord0(k-1) {
			return true
		}
		return isNameWord0(k)
	}
	if lx.honorifics[t.text] {
		j = i + 1
		if !isNameWord(j) {
			return i, false
		}
		for j < len(s.toks) && isNameWord(j) && j-i < 3 {
			j++
		}
		return j, true
	}
	if !isNameWord(i) {
		return i, false
	}
	for j < len(s.toks) && j-i < 4 {
		switch {
		case isNameWord(j):
			j++
		case j > i && len(s.toks[j].text) == 1 && s.toks[j].capitalized() && s.tok(j+1).text == "." && isNameWord(j+2):
			j += 2 // an initial: John J. Sullivan
		case j > i && isParticle(s.toks[j].lower) && isNameWord(j+1):
			j++
		default:
			return j, j-i >= 2
		}
	}
	return j, j-i >= 2
}

// isOrdinal reports whether w is a numeral ordinal: "53rd", "1st", "10th".
func isOrdinal(w string) bool {
	n := strings.TrimRight(w, "0123456789stndrh")
	return n == "" && len(w) > 2 && w[0] >= '0' && w[0] <= '9' &&
		(strings.HasSuffix(w, "st") || strings.HasSuffix(w, "nd") || strings.HasSuffix(w, "rd") || strings.HasSuffix(w, "th"))
}

var romanNumerals = set{"II": true, "III": true, "IV": true, "V": true, "VI": true, "VII": true, "VIII": true}

var months = newSet([]string{"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december"})

// prefixedName reports whether w is a name with a lower-case particle
// joined by a hyphen: "al-Assad", "bin-Salman", "el-Sisi".
func prefixedName(w string) bool {
	p, rest, ok := strings.Cut(w, "-")
	if !ok || rest == "" || !unicode.IsUpper([]rune(rest)[0]) {
		return false
	}
	switch p {
	case "al", "el", "ad", "as", "bin", "ibn", "abu", "bint":
		return true
	}
	return false
}

func isParticle(w string) bool {
	switch w {
	case "de", "van", "von", "der", "den", "bin", "al", "da", "di", "le", "la", "du", "del":
		return true
	}
	return false
}

// isAcronym reports whether w is all capitals (two letters or more): "FBI".
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// titleSpan is a title found next to a name.
type titleSpan struct {
	s         *sentence
	i, j      int      // title words
	qualifier *mention // the state or body named with the title ("US", "FBI", "Britain’s")
	body      *mention // the body named after it ("in the State Department")
	nameEnd   int      // the token after the holder's name, for a title before it
}

func (t *titleSpan) title() string { return titleCase(t.s.span(t.i, t.j)) }

// isTitleWord reports whether token k can be part of a title.
func (d *document) isTitleWord(s *sentence, k int) bool {
	t := s.tok(k)
	return t.kind == tWord && s.mat(k) == nil && (d.x.lx.titleHeads.has(t.lower) || d.x.lx.titleMods.has(t.lower))
}

// titleBefore reads the title that ends right before token i ("U.S. Deputy
// Secretary of State"), with the state or body that qualifies it.
func (d *document) titleBefore(s *sentence, i int) *titleSpan {
	k := i - 1
	head := false
	for k >= 0 {
		if d.isTitleWord(s, k) {
			head = head || d.x.lx.titleHeads.has(s.toks[k].lower)
			k--
			continue
		}
		// "of", "for" and "and" inside a title: "Secretary of State".
		if (s.toks[k].is("of", "for", "and")) && d.isTitleWord(s, k-1) && d.isTitleWord(s, k+1) {
			k--
			continue
		}
		break
	}
	if !head || k+1 >= i {
		return nil
	}
	ts := &titleSpan{s: s, i: k + 1, j: i}
	// The qualifier: "US", "Britain’s", "North Korean", "FBI", "Kremlin".
	q := k
	if s.tok(q).lower == "’s" {
		q--
	}
	if q >= 0 {
		if m := s.mat(q); m != nil && m.actor() {
			ts.qualifier = m
		}
	}
	// Title words must not start inside quotes when the name does not.
	if s.toks[ts.i].inQuote != s.tok(i).inQuote {
		return nil
	}
	return ts
}

// titleAfter reads ", the deputy assistant secretary for cyber ... in the
// State Department," after a name that ends at token j.
func (d *document) titleAfter(s *sentence, j int) *titleSpan {
	if s.tok(j).text != "," {
		return nil
	}
	k := j + 1
	if t := s.tok(k); t.is("the", "a", "an", "its", "his", "her", "their") {
		k++
	}
	// A state or body before the title: "the country’s foreign minister".
	var qual *mention
	if m := s.mentionAt(k); m != nil && m.actor() {
		qual = m
		k = m.j
		if s.tok(k).lower == "’s" {
			k++
		}
	}
	start := k
	head := false
	for k < len(s.toks) {
		if d.isTitleWord(s, k) {
			head = head || d.x.lx.titleHeads.has(s.toks[k].lower)
			k++
			continue
		}
		if s.toks[k].is("of", "for", "and") && d.isTitleWord(s, k+1) {
			k++
			continue
		}
		break
	}
	if !head {
		return nil
	}
	ts := &titleSpan{s: s, i: start, j: k, qualifier: qual}
	// The body after the title: "in the State Department", "of the GRU",
	// "of the agency’s Unit 26165".
	if s.tok(k).is("in", "at", "of", "with") {
		n := k + 1
		for n < len(s.toks) && n < k+6 && s.toks[n].kind == tWord {
			if m := s.mentionAt(n); m != nil && m.actor() {
				ts.body = m
				n = m.j
				if s.tok(n).lower == "’s" {
					n++
					continue
				}
				break
			}
			n++
		}
	}
	return ts
}

// afterPersonNoun reports whether the name at i follows "the two men," or
// another name of such a list.
func (d *document) afterPersonNoun(s *sentence, i int) bool {
	k := i - 1
	if s.tok(k).lower == "and" || s.tok(k).text == "," {
		k--
	}
	if m := s.mat(k); m != nil && m.ent != nil && m.ent.kind == graph.KindPerson {
		return d.afterPersonNoun(s, m.i)
	}
	return d.x.lx.personNouns.has(s.tok(k).lower)
}

// personApposition reports whether the name ending at j is followed by an
// apposition that says it is a person's: "Oleg Marin, a 26-year-old
// journalist", "Sofia Sapega, his girlfriend".
func (d *document) personApposition(s *sentence, j int) bool {
	if s.tok(j).text != "," {
		return false
	}
	for k := j + 1; k < len(s.toks) && k <= j+5; k++ {
		t := s.toks[k]
		if t.kind != tWord || s.mat(k) != nil {
			return false
		}
		if d.x.lx.personNouns.has(t.lower) {
			return k > j+1
		}
	}
	return false
}

// chargedBefore reports whether the name at i is whom a charge names:
// "an arrest warrant for Dmitry Badin", "charged Zhu Hua".
func (d *document) chargedBefore(s *sentence, i int) bool {
	if s.tok(i-1).is("for", "against") && s.tok(i-2).is("warrant", "warrants", "indictment", "charges") {
		return true
	}
	_, ok := d.verbAt(s, i-1, "charge")
	return ok
}

// speechNear reports whether the name [i, j) is the subject of a speech
// verb right after it, or comes right after "said".
func (d *document) speechNear(s *sentence, i, j int) bool {
	if _, ok := d.verbAt(s, j, "speech"); ok {
		return true
	}
	return i > 0 && s.toks[i-1].is("said", "says", "according") || i > 1 && s.toks[i-2].lower == "according"
}

// registerPerson adds a person mention over [i, j) and returns the person.
func (d *document) registerPerson(s *sentence, i, j int, name string) *entity {
	// "Lady Harrow": the honorific is no part of the name; it stays an alias.
	full := name
	if words := strings.Fields(name); len(words) > 1 && d.x.lx.honorifics[words[0]] {
		name = strings.Join(words[1:], " ")
	}
	id := "person:" + slug(name)
	e, ok := d.ents[id]
	if !ok {
		e = d.mint(id, graph.KindPerson, name, s, methodPerson)
		words := strings.Fields(name)
		e.surname = words[len(words)-1]
		if len(words) > 1 {
			e.addAlias(e.surname)
		}
	}
	if full != name {
		e.addAlias(full)
	}
	d.addMention(s, i, j, e, howName)
	return e
}

// role records the HOLDS_ROLE of a person from a title. The body is, in
// order: the body named after the title ("in the State Department"), the
// body or state named before it ("FBI Director", "Kremlin spokesman"), the
// body the lexicon gives the title ("Secretary of State" is the State
// Department, for the US), the state named with it ("Dutch Defence
// Minister"), and failing all, the state the text is about at that point.
func (d *document) role(s *sentence, p *entity, t *titleSpan, method string, conf float64) {
	title := t.title()
	lower := strings.ToLower(title)
	var body string
	qualCountry := ""
	if t.qualifier != nil {
		qualCountry = d.countryOf(t.qualifier.ent)
	}
	switch {
	case t.body != nil:
		body = t.body.ent.id
	case t.qualifier != nil && t.qualifier.ent.kind == graph.KindOrganization:
		body = t.qualifier.ent.id
	}
	if body == "" {
		if b, ok := d.x.lx.bodies[lower]; ok && (qualCountry == "" || "country:"+b.country == qualCountry) {
			switch {
			case b.org != "":
				body = b.org
			case b.country != "":
				body = "country:" + b.country
			}
		}
	}
	if body == "" && qualCountry != "" {
		body = qualCountry
	}
	// "Acme Pipeline chief executive Joe Blow", "Acme’s chief
	// executive", "European Council President Donald Tusk": a body the
	// reference data does not know, named right before the title (a
	// company when the title is a company's).
	namedBefore := false
	if body == "" && t.qualifier == nil {
		end := t.i
		if s.tok(end-1).lower == "’s" {
			end--
		}
		// One capitalized word alone ("Peruvian President") may be a
		// demonym the data lacks: a body only with a possessive or a
		// company title.
		if start := d.capRunBefore(s, end); start < end && (end-start > 1 || end < t.i || d.x.lx.companyTitles.has(lower)) {
			kind := "other"
			if d.x.lx.companyTitles.has(lower) {
				kind = "company"
			}
			body = d.namedOrg(s, start, end, kind).id
			namedBefore = true
		}
	}
	// "King Abdullah II of Jordan": the state after the name.
	if body == "" && s.tok(t.nameEnd).is("of") {
		if m := s.mentionAt(t.nameEnd + 1); m != nil && m.ent != nil && m.ent.kind == graph.KindCountry {
			body = m.ent.id
		}
	}
	// "opposition leader Ilya Sorokin" holds no office of a state.
	if body == "" && d.x.lx.nonStateMods.has(s.tok(t.i-1).lower) {
		return
	}
	// "Prime Minister Tomas Vell" with no state named before the title in
	// its sentence: the state of the dateline ("TIRANA -- "), where the
	// story is told from, rather than whichever state the text named last.
	if body == "" && d.x.lx.stateTitles.has(lower) && !d.stateBefore(s, t.i) {
		body = d.datelineState()
	}
	if body == "" {
		body = d.contextActor(s, t.i)
	}
	// A head of state serves a state, whatever body the text names near;
	// the president of a body of no state (the European Commission) keeps
	// that body.
	if d.x.lx.stateTitles.has(lower) && body != "" && !strings.HasPrefix(body, "country:") {
		named := t.qualifier != nil || t.body != nil || namedBefore
		if c := d.countryOf(d.entityByID(body)); c != "" || !named && !d.isIGO(body) {
			body = c
		}
	}
	if body == "" || d.entityByID(body) == nil {
		return
	}
	p.roleBody = body
	p.titles = append(p.titles, lower)
	d.out.addRole(p.id, title, body, s, method, conf, d.roleDates(s, t))
}

// stateBefore reports whether a state is named before token i of s.
func (d *document) stateBefore(s *sentence, i int) bool {
	for _, m := range s.mentionsIn(0, i) {
		if m.ent != nil && m.ent.kind == graph.KindCountry {
			return true
		}
	}
	return false
}

// isIGO reports whether id is an organization of no state: an
// international body.
func (d *document) isIGO(id string) bool {
	e := d.entityByID(id)
	return e != nil && e.kind == graph.KindOrganization && (e.orgKind == "igo" || e.orgKind == "alliance")
}

// datelineState returns the state whose capital opens the article's first
// paragraph as its dateline ("TIRANA -- ...", "Tirana (Reuters) -") when
// the text names that state, or "".
func (d *document) datelineState() string {
	for _, s := range d.sents {
		if len(s.toks) < 3 {
			continue
		}
		k := 0
		for k < len(s.toks) && k < 4 && s.toks[k].kind == tWord && s.toks[k].capitalized() {
			k++
		}
		if k == 0 || !(strings.HasPrefix(s.tok(k).text, "-") || s.tok(k).text == "—" || s.tok(k).text == "–" || s.tok(k).text == "(") {
			continue
		}
		// Only a state the story is about: a Brussels dateline tells of
		// the EU, not of Belgium, unless the text names Belgium.
		st := d.x.capitals[strings.ToLower(s.span(0, k))]
		for _, x := range d.sents {
			for _, m := range x.ments {
				if m.ent != nil && m.ent.id == st && m.how != howMetonym {
					return st
				}
			}
		}
		return ""
	}
	return ""
}

// contextActor returns the state or government body the text is about at
// token i of s: the nearest one before it in the sentence (outside
// quotes), else the first one of the previous sentences, else the state
// the document mentions most.
func (d *document) contextActor(s *sentence, i int) string {
	govKind := func(e *entity) bool {
		if e == nil {
			return false
		}
		if e.kind == graph.KindCountry {
			return true
		}
		return e.kind == graph.KindOrganization && e.orgKind != "company" && e.orgKind != "media" && e.orgKind != "threat-group" && e.orgKind != "academic"
	}
	for k := i - 1; k >= 0; k-- {
		if m := s.mat(k); m != nil && !s.toks[k].inQuote && govKind(m.ent) {
			return m.ent.id
		}
	}
	for n := s.n - 1; n >= 0 && n >= s.n-2; n-- {
		for _, m := range d.sents[n].ments {
			if !m.s.toks[m.i].inQuote && govKind(m.ent) {
				return m.ent.id
			}
		}
	}
	counts := map[string]int{}
	best := ""
	for _, x := range d.sents {
		for _, m := range x.ments {
			if m.ent != nil && m.ent.kind == graph.KindCountry {
				counts[m.ent.id]++
				if counts[m.ent.id] > counts[best] {
					best = m.ent.id
				}
			}
		}
	}
	return best
}

// longerNameBefore reports whether the word before token i is a capitalized
// word of a longer name: no determiner, preposition or other stop word, no
// title's head ("President"), no mention of its own.
func (d *document) longerNameBefore(s *sentence, i int) bool {
	if i < 2 {
		return false // a capitalized first word may be any word
	}
	p := s.toks[i-1]
	return p.kind == tWord && p.capitalized() && s.mat(i-1) == nil && !capStops.has(p.lower) && !d.x.lx.titleHeads.has(p.lower) &&
		!strings.HasSuffix(p.lower, "ly")
}

// rolePatternWords describe the patterns of constructions that give roles,
// for --explain.
var rolePatternWords = map[string]string{
	"title-name":       "a title right before a name",
	"name-title":       "a name, a comma and a title",
	"title-comma-name": "a title, a comma and a name",
}

// roleByPattern gives person p the role title t gives, once for each
// construction of the rule file with that pattern (role-title,
// role-apposition); none, when the file has none.
func (d *document) roleByPattern(s *sentence, p *entity, t *titleSpan, pattern string) {
	for _, c := range d.x.rolePatterns[pattern] {
		n := len(d.out.roles)
		d.role(s, p, t, c.method, c.Confidence)
		if len(d.out.roles) > n {
			d.out.roles[n].fired = fmt.Sprintf("pattern: %s; title “%s”", rolePatternWords[pattern], t.title())
		}
	}
}
