package extract

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"gopkg.in/yaml.v3"
)

// Constructions are the claim rules, written as data (constructions.yaml)
// and run by the small engine below, so that a construction is added with a
// data entry and its examples, without touching Go. Each one says:
//
//   - trigger: the words that fire it, every form listed ("called on",
//     "calls on", ...; "a|b" offers alternatives, "*" is any one word but
//     the first); verbs: verb classes of lexicon.yaml whose forms fire it
//     too; trigger_suffix: word endings that fire it ("-sponsored" in "a
//     Chilean-sponsored resolution"). A trigger inside a quote, inside a
//     name, or negated ("did not attend", "has never recalled") does not
//     fire, unless negation is "keep". A trigger right after "the <noun>"
//     is read as a participle ("the diplomats expelled last week") and
//     fires nothing when the subject is read from its clause, unless
//     after_noun is "fire".
//   - after / not_after: words one of which must (must not) stand right
//     before the trigger; followed_by / not_followed_by: phrases one of
//     which must (must not) stand right after it (a "that" between is
//     passed over; "it|they|we" offers alternatives); followed_within:
//     words one of which must follow within `within` words, before any
//     punctuation but a comma ("called the accusation groundless").
//   - subject: who acts:
//     "clause" (the head actors of the trigger's clause, grammar.go's
//     subject, or the antecedent of "X, which ..."; with `pronoun`, "It
//     also sanctioned ..." is the body the sentence before is about);
//     "clause-or-main" (else the subject of the sentence's first clause,
//     for "..., calling on Y"); "clause-then-main" (the first clause's
//     subject after "and" or a comma, or when the clause has none); with
//     delegates, "Officials from A, B and C attended" makes A, B and C act.
//     "by-after" (the agent of a participle: "proposed by X"; with `via`,
//     the actors after one of those phrases within `within` tokens:
//     "launched at a summit hosted by X"). "list-after" (the actors right
//     after the trigger: "including A and B"). "before" (the thing of an
//     allowed kind the trigger is in apposition to, within 3 words or
//     `within`: "the Brigade, a unit of ...", "the attack on X");
//     "all-before" (every actor of the kinds allowed within `within`
//     tokens before: "the two men, A and B, belonged to"). "sentence" (the
//     first thing of the kinds allowed the sentence names outside the
//     trigger and the object; after "It" opening a sentence, what the
//     sentence before named). "prefix" (with trigger_suffix: the state or
//     body the words before the hyphen name). "verb-before" (the subject
//     of a verb of class `verbs` within `within` words before: "imposed
//     sweeping sanctions on"; without `verbs`, of the trigger or the
//     nearest word before that has one). "last-actor" (who made the last
//     claim of this type: "The sanctions target ..."). "speaker" (the
//     speaker of a verb of speech, speech.go). "operation" (the operation a
//     verb of harm is said of, "it" and "which" included). "proposed" (the
//     doctrine the article's actors proposed). Listed group members
//     ("among them A and B"), ", as did C" and a gapped "and D four" join
//     a clause subject. `kinds` lists the node kinds allowed (default:
//     Country, Person, Organization).
//   - object: what the claim points at:
//     "list-after" is the list of actors right after the trigger ("urged
//     Russia and China to ..."; `no_pronoun`: "urged them" names no one);
//     "items-after" a list read item by item ("the head of the GRU" is a
//     person, not the GRU; "ten officials" names no one; a verb ends it);
//     "first-after" the first mention of an allowed kind within `within`
//     tokens, in the clause (with `nearest`, only if the first mention
//     after the trigger is one); "last-in-clause" the last actor the
//     clause names after the trigger that is not the subject; "before" the
//     last one within `within` tokens before the trigger; "clause-subject"
//     what the trigger's clause is about ("Y was also listed");
//     "same-as-last" the objects of the last actor's claims of this type
//     ("the same sanctions"); "context" like first-after, or else the
//     fallbacks in order: "happening", "doctrine", "meeting" (the last one
//     named; `fallback_sentences` bounds how far back, `fallback_when:
//     bare` takes it only when nothing follows the trigger,
//     `fallback_unless` lists kinds that, named after the trigger, block
//     it), "current-doctrine", "attribution" (the last one found),
//     "operation". `kinds` lists the node kinds allowed (Event also covers
//     happenings; `event: meeting` or `event: happening` narrows it;
//     `subkinds` narrows by the kind property, "executive order"); `then`
//     words one of which must follow the object ("to", "of");
//     `unless_operation`: an operation named after `then` stops it; `via`
//     words one of which must stand between the trigger and the object;
//     `not_via` phrases none of which may ("the goals of"); `unless_next`
//     kinds that, named first after the trigger, stop it ("proposed a
//     treaty" is no call).
//     Objects that name a capability of the engine, for structure a slot
//     does not express: "blamed" (claim attribution: "X blamed Y for Z",
//     "Z on Y" after one of `inverse`, the passive "Y blamed for" after one
//     of `passive` and "by X", "accused Y of" an operation with `then` and
//     `operation: required`; rules.go attributionAt); "reported-blame"
//     (claim attribution: who what a speaker reports holds responsible,
//     with the words of responsibility `phrases`; rules.go
//     reportedAttributionAt); "same-attribution" ("issued similar
//     statements": the last state's attribution, now by the subject);
//     "attribution-named" ("backed the Chilean assessment": the
//     attribution the noun names); "targets" (what an operation hit, up to
//     the clause's end or with `until: complement` its complement; unknown
//     capitalized names become organizations); "answered" (claim DENIED:
//     the attributions a denial answers, answers.go; `answer: last` or
//     `own`, `nouns` that name what is denied); "quote" and "reported"
//     (claim statement: the words a speaker says, speech.go);
//     "name-given" (claim statement: "dismissed Y as “...”", with `as`;
//     "called Y a ...", characterize.go).
//   - claim: a relationship type of the vocabulary, "attribution" (the
//     subject attributes, the object is blamed, and the operation or
//     happening named after the object, else the story's, is concerned;
//     `basis: legal` for charges; `optional` objects make one of the
//     operation alone) or "statement". A PART_OF the reference data
//     already holds is not proposed again; no one backs or denies their
//     own attribution.
//   - properties: a claim property from "=words" (the words given: title
//     "=head" for "who heads"; a HOLDS_ROLE needs a title and is kept with
//     the person's other roles), "trigger" (the trigger's words),
//     "trigger-adverb" ("reacted angrily"), "object-phrase" (trigger to
//     object), "rest" (what follows the trigger, to the end of its clause),
//     "complement" (what follows the object and "of", "about" or
//     "against"), "before-via" (the words between the trigger and the via
//     phrase).
//   - statement: the subject's words are also a statement (statementSpec).
//   - modality: alleged when the sentence is hedged (or names one of
//     `hedges`, or the subject is a hedged operation), unless "asserted";
//     "alleged" always.
//   - pass: "reading" (default), "speech" or "answers" (see Pass).
//   - pattern (claim HOLDS_ROLE, no trigger or slots): a role the
//     recognizer gives while it finds people, by the pattern of a title
//     and a name (see Pattern).
//   - examples: sentences with the facts they must give and must not give;
//     TestConstructions runs every one.
//
// A claim made by a construction carries method "rule:<name>@<version>"
// and remembers what fired it, for `actorgraph extract --explain`.
// Constructions run in the order of the file, each over the whole
// sentence; a claim found twice in one sentence keeps the first rule that
// found it.

//go:embed constructions.yaml
var constructionsYAML []byte

type construction struct {
	Name    string     `yaml:"name"`
	Version int        `yaml:"version"`
	Doc     string     `yaml:"doc"`
	Claim   string     `yaml:"claim"`
	Trigger []string   `yaml:"trigger"`
	Verbs   stringList `yaml:"verbs"` // verb classes of lexicon.yaml whose forms are triggers too
	// TriggerSuffix fires on a word ending in one of these ("-sponsored"):
	// "a Chilean-sponsored resolution", with the actor before the hyphen
	// as subject (subject.from "prefix").
	TriggerSuffix []string `yaml:"trigger_suffix"`
	// Pattern (claim HOLDS_ROLE): the role a title gives a name, found
	// while people are recognized (a title is what makes a name a
	// person's): "title-name" ("Defence Minister Ana Soto"), "name-title"
	// ("Ana Soto, the defence minister"), "title-comma-name" ("the defence
	// minister, Ana Soto"). The titles are lexicon.yaml's; the body is the
	// one named with the title, the one the lexicon gives it, or the state
	// the text is about there (recognize.go, role). No trigger or slots.
	Pattern  stringList `yaml:"pattern"`
	Subject  slotSpec   `yaml:"subject"`
	Object   slotSpec   `yaml:"object"`
	Negation string     `yaml:"negation"`
	// After and NotAfter are words one of which must (must not) stand
	// right before the trigger: "to hold X accountable" is a threat, not
	// an attribution.
	After    []string `yaml:"after"`
	NotAfter []string `yaml:"not_after"`
	// FollowedBy are words one of which must stand right after the
	// trigger ("warning of ... if X refused").
	FollowedBy []string `yaml:"followed_by"`
	// FollowedWithin: one of these words must follow the trigger within
	// `within` words, outside quotes, before any punctuation but a comma
	// ("called the accusation groundless").
	FollowedWithin *struct {
		Words  []string `yaml:"words"`
		Within int      `yaml:"within"`
	} `yaml:"followed_within"`
	// Pass is when the construction runs: "reading" (default), sentence
	// by sentence as the text is read; "speech", once every sentence has
	// been read and attributions folded (quotes, which may run over
	// several sentences, and reported speech); "answers", after that, for
	// what answers the claims of the whole article (a denial answers
	// attributions reported after it; a characterization joins the
	// statement its speaker made in the same sentence).
	Pass string `yaml:"pass"`
	// NotFollowedBy are words none of which may stand right after it.
	NotFollowedBy []string `yaml:"not_followed_by"`
	Modality      string   `yaml:"modality"`
	// Basis (claim attribution): "legal" for an indictment or a warrant;
	// a denial of "the charges" answers these.
	Basis string `yaml:"basis"`
	// Hedges: words that, anywhere in the sentence, make this
	// construction's claims alleged besides the lexicon's hedges ("suggested" for
	// "modeled on").
	Hedges []string `yaml:"hedges"`
	// AfterNoun "fire": a trigger right after "the <noun>" still fires.
	// By default such a word is read as a participle qualifying the noun
	// ("the diplomats expelled last week") and fires nothing, unless the
	// subject is not read from the trigger's clause.
	AfterNoun string `yaml:"after_noun"`
	// Statement: the subject's words are also a statement (see
	// statementSpec).
	Statement  *statementSpec    `yaml:"statement"`
	Properties map[string]string `yaml:"properties"`
	Confidence float64           `yaml:"confidence"`
	Examples   []Example         `yaml:"examples"`

	followedBy [][]string
	pass       int
	phrases    [][]string    // Object.Phrases
	stmt       bool          // claim statement
	typ        graph.RelType // "" for attributions
	triggers   map[string][][]string
	subjK      []graph.NodeKind
	objK       []graph.NodeKind
	then       [][]string
	via        [][]string
	subjVia    [][]string
	// fallbackUnless are the kinds of Object.FallbackUnless
	fallbackUnless []graph.NodeKind
	unlessNext     []graph.NodeKind
	notVia         [][]string
	method         string
	order          int // position in the rule file
}

// statementSpec says when a construction's words are also a statement by
// its subject, about its object and what the words name.
type statementSpec struct {
	// When: one of these words must follow the trigger ("reacted
	// angrily, calling for ..."); what the statement is about is named
	// from that word on. Without When, the statement is always made, and
	// is about what the object's complement names.
	When []string `yaml:"when"`
	// Text: "sentence" (default), from the trigger to the sentence's end;
	// "complement", to the end of the clause after the object's `then`
	// word ("accused Y of interfering in the elections").
	Text string `yaml:"text"`
	// MadeAt: words after which the meeting named is where the words were
	// said ("..., during a Security Council meeting").
	MadeAt []string `yaml:"made_at"`
}

type slotSpec struct {
	From string `yaml:"from"`
	// Verbs (subject from verb-before): a verb class of lexicon.yaml; the
	// subject is that of such a verb shortly before the trigger
	// ("imposed sweeping sanctions on").
	Verbs string `yaml:"verbs"`
	// Pronoun (subject): "It also sanctioned ..." — "it" right before the
	// trigger is the body or state the sentence before is about.
	Pronoun bool     `yaml:"pronoun"`
	Kinds   []string `yaml:"kinds"`
	Within  int      `yaml:"within"`
	Then    []string `yaml:"then"`
	Via     []string `yaml:"via"`
	// Fallback: what a "context" object falls back on, in order:
	// "happening", "doctrine" or "meeting" (the last one the text named);
	// "current-doctrine" (the doctrine the text spoke of last),
	// "attribution" (the last attribution found), "operation" (the
	// operation or happening the text spoke of last).
	Fallback stringList `yaml:"fallback"`
	// FallbackWhen is "always" (default) or "bare": only when nothing
	// follows the trigger in its clause ("also signed up.").
	FallbackWhen string `yaml:"fallback_when"`
	// Event narrows the kind Event: "meeting" (summits, talks, not
	// happenings) or "happening" (strikes, poisonings).
	Event string `yaml:"event"`
	// Nearest: the first mention after the trigger must be of an allowed
	// kind ("launched a coalition", not "launched talks with the Lima
	// Group"); otherwise the first allowed one within `within` is taken.
	Nearest bool `yaml:"nearest"`
	// Subkinds narrows a doctrine or organization by its kind property
	// ("executive order", "law", "directive").
	Subkinds []string `yaml:"subkinds"`
	// Delegates (subject): "Officials from A, B and C attended" — the
	// actors after a delegate noun and "from" or "of" in the trigger's
	// clause act.
	Delegates bool `yaml:"delegates"`
	// FallbackSentences bounds how far back (in sentences) the fallback
	// of a "context" object looks; 0 is no bound.
	FallbackSentences int `yaml:"fallback_sentences"`
	// FallbackUnless lists node kinds that, named after the trigger in its
	// clause, block the fallback: "Bolivia joined the Andean Initiative"
	// joined no meeting of the text before.
	FallbackUnless []string `yaml:"fallback_unless"`
	// NoPronoun (object list-after): a list that starts with a pronoun
	// ("urged them to ...") names no one.
	NoPronoun bool `yaml:"no_pronoun"`
	// Passive, Inverse, Operation (object blamed): words that, right
	// after the trigger with no actor, make it passive ("Russia blamed
	// for ..."); words after an operation that name the blamed ("blamed
	// the intrusions on Y"); "required": the claim needs an operation
	// named after the object and its `then` word ("accused Y of <an
	// operation>").
	Passive   []string `yaml:"passive"`
	Inverse   []string `yaml:"inverse"`
	Operation string   `yaml:"operation"`
	// Phrases (object reported-blame): the words of responsibility in
	// what is reported ("was behind", "carried out"; "a|b" offers
	// alternatives, as in triggers).
	Phrases []string `yaml:"phrases"`
	// Optional (claim attribution): the attribution is made even when the
	// object names no one ("charged two nationals with the hack": of the
	// operation alone).
	Optional bool `yaml:"optional"`
	// UnlessOperation: an operation or happening named in the clause after
	// the object's `then` word stops the construction ("accused Y of the
	// hack" is an attribution, not ACCUSED).
	UnlessOperation bool `yaml:"unless_operation"`
	// Until (object targets): where the targets end, "clause" (default)
	// or "complement" (an operation's complement: "the attack on A and B
	// before ...").
	Until string `yaml:"until"`
	// As (object name-given): the name must follow "as" ("dismissed the
	// accusations as “spy mania”"); otherwise a quote, an indefinite noun
	// phrase or an adjective after the object gives it ("called the
	// expulsions a provocative gesture").
	As bool `yaml:"as"`
	// Answer (object answered): "last" for a specific denial (the
	// accusation reported last), "own" for words of one's own ("it was not
	// involved"); by default the convention of docs/annotations.md.
	Answer string `yaml:"answer"`
	// Nouns (object answered): words that name what is denied, besides the
	// lexicon's attribution_nouns ("involvement", "role").
	Nouns []string `yaml:"nouns"`
	// UnlessNext lists node kinds that, as the first thing named within
	// four words after the trigger, stop the construction ("proposed a
	// treaty" is a proposal, not a call).
	UnlessNext []string `yaml:"unless_next"`
	// NotVia are phrases that, standing between the trigger and the
	// object, say the claim is not about the object itself: "supported
	// the goals of the pledge" does not back the pledge.
	NotVia []string `yaml:"not_via"`
}

// Example is a sentence a construction is for, with facts it must give
// (Want) and must not give (Not), in the notation of the package tests
// ("country:FR -CALLED_FOR-> country:RU").
type Example struct {
	Text string   `yaml:"text"`
	Want []string `yaml:"want"`
	Not  []string `yaml:"not"`
}

// ConstructionExamples returns the name of every construction with its
// examples, for the tests.
func (x *Extractor) ConstructionExamples() map[string][]Example {
	out := map[string][]Example{}
	for _, c := range x.cons {
		out[c.Name] = c.Examples
	}
	return out
}

func loadConstructions(data []byte, lx *lexicon) ([]*construction, error) {
	var cs []*construction
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&cs); err != nil {
		return nil, fmt.Errorf("extraction constructions: %w", err)
	}
	seen := map[string]bool{}
	for _, c := range cs {
		bad := func(format string, a ...any) error {
			return fmt.Errorf("extraction constructions: %q: %s", c.Name, fmt.Sprintf(format, a...))
		}
		if c.Name == "" || seen[c.Name] {
			return nil, bad("every construction needs a unique name")
		}
		seen[c.Name] = true
		if c.Version < 1 {
			return nil, bad("version must be 1 or more")
		}
		switch c.Claim {
		case "attribution":
		case "statement":
			c.stmt = true
		default:
			t, err := graph.ParseRelType(c.Claim)
			if err != nil {
				return nil, bad("claim %q is neither \"attribution\", \"statement\" nor a relationship type of the vocabulary", c.Claim)
			}
			c.typ = t
		}
		switch c.Object.From {
		case "quote", "reported", "name-given":
			if !c.stmt {
				return nil, bad("object.from %s goes with claim statement", c.Object.From)
			}
		default:
			if c.stmt {
				return nil, bad("claim statement needs object.from quote, reported or name-given")
			}
		}
		if len(c.Pattern) > 0 {
			for _, p := range c.Pattern {
				switch p {
				case "title-name", "name-title", "title-comma-name":
				default:
					return nil, bad("pattern must be title-name, name-title or title-comma-name")
				}
			}
			if c.Claim != "HOLDS_ROLE" || len(c.Trigger) > 0 || len(c.Verbs) > 0 || c.Subject.From != "" || c.Object.From != "" {
				return nil, bad("a pattern goes with claim HOLDS_ROLE and no trigger, verbs, subject or object")
			}
			if c.Confidence <= 0 || c.Confidence > 1 {
				return nil, bad("confidence must be in (0, 1]")
			}
			c.typ = graph.RelHoldsRole
			c.method = fmt.Sprintf("rule:%s@%d", c.Name, c.Version)
			c.order = len(seen)
			continue
		}
		trig := phrases(expandAlternatives(c.Trigger), true)
		for _, p := range trig {
			if p[0] == "*" {
				return nil, bad("a trigger cannot start with *")
			}
		}
		for _, v := range c.Verbs {
			vs, ok := lx.verbs[v]
			if !ok {
				return nil, bad("verbs: lexicon.yaml has no verb class %q", v)
			}
			trig = append(trig, vs...)
		}
		if len(trig) == 0 && len(c.TriggerSuffix) == 0 {
			return nil, bad("no trigger")
		}
		for _, sfx := range c.TriggerSuffix {
			if !strings.HasPrefix(sfx, "-") || len(sfx) < 3 {
				return nil, bad("trigger_suffix %q must start with a hyphen", sfx)
			}
		}
		if (c.Subject.From == "prefix") != (len(c.TriggerSuffix) > 0) {
			return nil, bad("subject.from prefix goes with trigger_suffix, and trigger_suffix with it")
		}
		c.triggers = map[string][][]string{}
		for _, p := range trig {
			c.triggers[p[0]] = append(c.triggers[p[0]], p)
		}
		for _, ps := range c.triggers {
			slices.SortStableFunc(ps, func(a, b []string) int { return len(b) - len(a) })
		}
		switch c.Subject.From {
		case "clause", "clause-or-main", "by-after", "list-after", "before", "prefix", "all-before", "sentence", "verb-before", "last-actor", "clause-then-main", "speaker", "operation", "proposed":
		default:
			return nil, bad("subject.from must be clause, clause-or-main, clause-then-main, by-after, list-after, before, all-before, sentence, prefix, verb-before, last-actor, speaker, operation or proposed")
		}
		if c.Subject.Verbs != "" {
			if _, ok := lx.verbs[c.Subject.Verbs]; !ok || c.Subject.From != "verb-before" {
				return nil, bad("subject.verbs must be a verb class of lexicon.yaml, with subject.from verb-before")
			}
		}
		if c.Subject.From == "last-actor" && c.typ == "" {
			return nil, bad("subject.from last-actor needs a relationship type as claim")
		}
		switch c.AfterNoun {
		case "", "skip", "fire":
		default:
			return nil, bad("after_noun must be skip or fire")
		}
		if c.Subject.Delegates && c.Subject.From != "clause" && c.Subject.From != "clause-or-main" {
			return nil, bad("subject.delegates goes with subject.from clause or clause-or-main")
		}
		if len(c.Subject.Via) > 0 && c.Subject.From != "by-after" {
			return nil, bad("subject.via goes with subject.from by-after")
		}
		for _, sl := range []slotSpec{c.Subject, c.Object} {
			switch sl.Event {
			case "", "meeting", "happening":
			default:
				return nil, bad("event must be meeting or happening")
			}
		}
		switch c.Object.From {
		case "list-after", "first-after", "context", "before", "items-after", "same-as-last", "clause-subject", "last-in-clause":
		case "answered":
			if c.typ != graph.RelDenied {
				return nil, bad("object.from answered goes with claim DENIED")
			}
		case "quote", "reported", "name-given":
		case "blamed", "reported-blame", "same-attribution":
			if c.typ != "" || c.stmt {
				return nil, bad("object.from %s goes with claim attribution", c.Object.From)
			}
			if c.Object.From == "reported-blame" && len(c.Object.Phrases) == 0 {
				return nil, bad("object.from reported-blame needs object.phrases")
			}
		case "targets":
			switch c.Object.Until {
			case "", "clause", "complement":
			default:
				return nil, bad("object.until must be clause or complement")
			}
		case "attribution-named":
		default:
			return nil, bad("object.from must be list-after, first-after, context, before, items-after, same-as-last, clause-subject, last-in-clause, answered, blamed, reported-blame, same-attribution, attribution-named or targets")
		}
		if c.Statement != nil {
			switch c.Statement.Text {
			case "", "sentence", "complement":
			default:
				return nil, bad("statement.text must be sentence or complement")
			}
		}
		switch c.Object.Answer {
		case "", "last", "own":
		default:
			return nil, bad("object.answer must be last or own")
		}
		switch c.Pass {
		case "", "reading":
			c.pass = passReading
		case "speech":
			c.pass = passSpeech
		case "answers":
			c.pass = passAnswers
		default:
			return nil, bad("pass must be reading, speech or answers")
		}
		if c.FollowedWithin != nil && (len(c.FollowedWithin.Words) == 0 || c.FollowedWithin.Within < 1) {
			return nil, bad("followed_within needs words and within")
		}
		c.phrases = phrases(expandAlternatives(c.Object.Phrases), true)
		switch c.Basis {
		case "":
		case "legal":
			if c.typ != "" {
				return nil, bad("basis goes with claim attribution")
			}
		default:
			return nil, bad("basis must be legal")
		}
		switch c.Object.Operation {
		case "", "required":
		default:
			return nil, bad("object.operation must be required")
		}
		for _, p := range c.FollowedBy {
			c.followedBy = append(c.followedBy, strings.Fields(strings.ToLower(p)))
		}
		if len(c.Object.UnlessNext) > 0 {
			var err error
			if c.unlessNext, err = parseKinds(c.Object.UnlessNext, nil); err != nil {
				return nil, bad("unless_next: %v", err)
			}
		}
		if c.Object.From == "same-as-last" && c.typ == "" {
			return nil, bad("object.from same-as-last needs a relationship type as claim")
		}
		for _, f := range c.Object.Fallback {
			switch f {
			case "happening", "doctrine", "meeting", "current-doctrine", "attribution", "operation":
			default:
				return nil, bad("object.fallback must be happening, doctrine, meeting, current-doctrine, attribution or operation")
			}
		}
		switch c.Object.FallbackWhen {
		case "", "always", "bare":
		default:
			return nil, bad("object.fallback_when must be always or bare")
		}
		if c.Object.From == "context" && len(c.Object.Fallback) == 0 {
			return nil, bad("object.from context needs a fallback (happening, doctrine or meeting)")
		}
		switch c.Negation {
		case "", "drop", "keep":
		default:
			return nil, bad("negation must be drop or keep")
		}
		switch c.Modality {
		case "", "hedged", "asserted", "alleged":
		default:
			return nil, bad("modality must be hedged, asserted or alleged")
		}
		for k, v := range c.Properties {
			switch v {
			case "trigger", "trigger-adverb", "object-phrase", "rest", "complement", "before-via":
			default:
				if !strings.HasPrefix(v, "=") || len(v) < 2 {
					return nil, bad("property %s: %q is not trigger, trigger-adverb, object-phrase, rest, complement, before-via or =<words>", k, v)
				}
			}
		}
		if c.typ == graph.RelHoldsRole && !strings.HasPrefix(c.Properties["title"], "=") && c.Properties["title"] == "" {
			return nil, bad("claim HOLDS_ROLE needs a title property")
		}
		var err error
		if c.subjK, err = parseKinds(c.Subject.Kinds, []graph.NodeKind{graph.KindCountry, graph.KindPerson, graph.KindOrganization}); err != nil {
			return nil, bad("%v", err)
		}
		if c.objK, err = parseKinds(c.Object.Kinds, []graph.NodeKind{graph.KindCountry, graph.KindPerson, graph.KindOrganization}); err != nil {
			return nil, bad("%v", err)
		}
		if c.Object.Within == 0 {
			c.Object.Within = 8
		}
		c.then = phrases(c.Object.Then, true)
		c.via = phrases(c.Object.Via, true)
		c.subjVia = phrases(c.Subject.Via, true)
		c.notVia = phrases(c.Object.NotVia, true)
		if len(c.Object.FallbackUnless) > 0 {
			if c.fallbackUnless, err = parseKinds(c.Object.FallbackUnless, nil); err != nil {
				return nil, bad("fallback_unless: %v", err)
			}
		}
		if c.Subject.Within == 0 {
			c.Subject.Within = 12
			if c.Subject.From == "verb-before" {
				c.Subject.Within = 3
			}
		}
		if c.Confidence <= 0 || c.Confidence > 1 {
			return nil, bad("confidence must be in (0, 1]")
		}
		c.method = fmt.Sprintf("rule:%s@%d", c.Name, c.Version)
		c.order = len(seen)
	}
	return cs, nil
}

func parseKinds(names []string, def []graph.NodeKind) ([]graph.NodeKind, error) {
	if len(names) == 0 {
		return def, nil
	}
	var out []graph.NodeKind
	for _, n := range names {
		k, err := graph.ParseNodeKind(n)
		if err != nil {
			return nil, fmt.Errorf("kind %q: %w", n, err)
		}
		out = append(out, k)
	}
	return out, nil
}

// constructionIndex maps the first word of every trigger to the
// constructions it may fire, so a sentence is read once for all of them.
type constructionIndex map[string][]*construction

func indexConstructions(cs []*construction) constructionIndex {
	idx := constructionIndex{}
	for _, c := range cs {
		for w := range c.triggers {
			idx[w] = append(idx[w], c)
		}
	}
	return idx
}

// runConstructions fires every construction on sentence s, in the order of
// the rule file (each over the whole sentence, so a rule reads what the
// rules before it found); a construction fires once per trigger.
func (d *document) runConstructions(s *sentence, pass int) {
	type at struct {
		c *construction
		h hit
	}
	var hits []at
	for i := 0; i < len(s.toks); i++ {
		t := s.toks[i]
		if t.inQuote || t.kind != tWord {
			continue
		}
		// "a Chilean-sponsored resolution": the word may be inside the
		// doctrine's name.
		if len(d.x.consSuffix) > 0 && strings.IndexByte(t.lower, '-') > 0 {
			for _, c := range d.x.consSuffix {
				if c.pass != pass {
					continue
				}
				for _, sfx := range c.TriggerSuffix {
					if strings.HasSuffix(t.lower, sfx) && len(t.lower) > len(sfx) {
						hits = append(hits, at{c, hit{i, i + 1}})
						break
					}
				}
			}
		}
		if s.mat(i) != nil {
			continue
		}
		for _, c := range d.x.consIdx[t.lower] {
			if c.pass != pass {
				continue
			}
			for _, p := range c.triggers[t.lower] {
				if j, ok := phraseAt(s, i, p); ok {
					hits = append(hits, at{c, hit{i, j}})
					break
				}
			}
		}
	}
	slices.SortStableFunc(hits, func(a, b at) int { return a.c.order - b.c.order })
	for _, x := range hits {
		d.fire(x.c, s, x.h)
	}
}

// fire applies construction c to the trigger h.
func (d *document) fire(c *construction, s *sentence, h hit) {
	// A participle after a noun ("the four expelled from ...") makes no
	// clause, except where the construction reads its agent ("a treaty
	// drawn up by ...").
	if c.Negation != "keep" && d.negated(s, h.i) {
		return
	}
	if reducedRelative(s, h.i) && c.AfterNoun != "fire" && c.readsClause() {
		return
	}
	if prev := s.tok(h.i - 1).lower; len(c.After) > 0 && !slices.Contains(c.After, prev) || slices.Contains(c.NotAfter, prev) {
		return
	}
	if len(c.followedBy) > 0 && !followedBy(s, h.j, c.followedBy) || slices.Contains(c.NotFollowedBy, s.tok(h.j).lower) {
		return
	}
	if fw := c.FollowedWithin; fw != nil && !followedWithin(s, h.j, fw.Words, fw.Within) {
		return
	}
	switch c.Object.From {
	case "quote", "reported":
		d.statementAt(c, s, h)
		return
	case "blamed":
		d.attributionAt(c, s, h)
		return
	case "reported-blame":
		d.reportedAttributionAt(c, s, h)
		return
	}
	var who []*mention
	switch c.Subject.From {
	case "speaker":
		// the speaker of a verb of speech: ",” said X", "X said", "a note
		// from X says"
		for _, id := range d.speakers(s, h) {
			if e := d.entityByID(id); e != nil {
				who = append(who, &mention{s: s, i: h.i, j: h.i, ent: e})
			}
		}
	case "operation":
		// "NotPetya first struck ...", "the attack, which crippled ...":
		// the operation the verb is said of.
		if op := d.opSubject(s, h.i); op != nil {
			who = []*mention{{s: s, i: h.i, j: h.i, ent: op}}
		}
	case "proposed":
		// the doctrines the article's actors PROPOSED, first found first
		// (the one that is not the object is taken below)
		for _, cl := range d.out.claims {
			if cl.typ == graph.RelProposed {
				if e := d.entityByID(cl.obj); e != nil {
					who = append(who, &mention{s: s, i: h.i, j: h.i, ent: e})
				}
			}
		}
	case "prefix":
		// "Chilean-sponsored": the actor the words before the hyphen name.
		w := s.toks[h.i].text
		if e := d.prefixActor(w[:strings.LastIndexByte(w, '-')]); e != nil {
			who = []*mention{{s: s, i: h.i, j: h.j, ent: e, how: howDemonym}}
		}
	case "by-after":
		switch {
		case len(c.subjVia) > 0:
			// "launched at a meeting in Lima hosted by Chile": the agent
			// after a via phrase.
			for k := h.j; k < len(s.toks) && k < h.j+c.Subject.Within && k < s.endOfClause(h.j); k++ {
				if j, ok := anyPhraseAt(s, k, c.subjVia); ok && s.mat(k) == nil {
					who, _ = d.actorsAfter(s, j)
					break
				}
			}
		case s.tok(h.j).is("by"):
			// "a convention first proposed by Russia": the agent after "by".
			who, _ = d.actorsAfter(s, h.j+1)
		}
	case "list-after":
		// "the team, including Australia and Belgium": the list after.
		who, _ = d.actorsAfter(s, h.j)
	case "verb-before":
		// "Chile imposed sweeping sanctions on ...": the subject of the verb
		// of the class shortly before, else of the sentence's first clause;
		// with no class, of the trigger itself or of the nearest word
		// before that has one ("issued an arrest warrant for").
		if c.Subject.Verbs == "" {
			who = d.subject(s, h.i)
			for v := h.i - 1; len(who) == 0 && v >= 0 && v >= h.i-c.Subject.Within; v-- {
				who = d.subject(s, v)
			}
			break
		}
		for v := h.i - 1; v >= 0 && v >= h.i-c.Subject.Within; v-- {
			if d.isVerb(s, v, c.Subject.Verbs) {
				if c.Negation != "keep" && d.negated(s, v) {
					return // "has not imposed sanctions on"
				}
				if who = d.subject(s, v); len(who) == 0 {
					who = d.mainSubject(s, v)
				}
				break
			}
		}
	case "last-actor":
		// "The sanctions target ...", "Among those sanctioned is ...": who
		// made the last claim of this type (even one whose objects the
		// text did not name).
		who = d.lastActors(c.typ, s.n)
	case "sentence":
		// "In response to the attacks, Chile drew up the Lima Accord": what
		// of an allowed kind the sentence names outside the trigger (the
		// first that is not the object, chosen below); "It was drawn up in
		// response to ..." opening a sentence: what the sentence before
		// named first.
		for _, m := range s.ments {
			if m.ent != nil && !m.media && (m.j <= h.i || m.i >= h.j) && slices.Contains(c.subjK, m.ent.kind) {
				who = append(who, m)
			}
		}
		if s.toks[0].is("it", "this") && s.n > 0 {
			for _, m := range d.sents[s.n-1].ments {
				if m.ent != nil && !m.media && slices.Contains(c.subjK, m.ent.kind) {
					who = append(who, m)
				}
			}
		}
	case "all-before":
		// "the two men, Ana Soto and Luis Mora, belonged to ...": every
		// actor of an allowed kind named shortly before the trigger.
		for k := max(0, h.i-c.Subject.Within); k < h.i; k++ {
			if m := s.mentionAt(k); m != nil && m.actor() && !m.media && !s.toks[k].inQuote {
				who = append(who, m)
			}
		}
	case "before":
		// "the Missile Brigade, a unit of the armed forces": the actor
		// the trigger stands in apposition to (within 3 words, or
		// subject.within when less: 1 for "the attack on X").
		for k := h.i - 1; k >= 0 && k >= h.i-min(3, c.Subject.Within); k-- {
			if m := s.mat(k); m != nil {
				if m.ent != nil && slices.Contains(c.subjK, m.ent.kind) && !m.media {
					who = []*mention{m}
				}
				break
			}
		}
	default:
		// "Officials from A, B and C attended": the states they came from.
		if c.Subject.Delegates {
			for k := s.clauseStart(h.i); k < h.i; k++ {
				if d.x.lx.delegateNouns.has(s.toks[k].lower) && s.tok(k+1).is("from", "of") && s.mat(k) == nil {
					who, _ = d.actorsAfter(s, k+2)
					break
				}
			}
			if len(who) > 0 {
				break
			}
		}
		// "X condemned Y and called for Z": X acts, not Y.
		if (s.tok(h.i-1).is("and") || s.tok(h.i-1).text == ",") && (c.Subject.From == "clause-or-main" && !subordinateBefore(s, h.i) || c.Subject.From == "clause-then-main") {
			who = d.mainSubject(s, h.i)
		}
		if len(who) == 0 {
			who = d.subject(s, h.i)
		}
		if len(who) == 0 && c.Subject.Pronoun {
			if m := d.pronounActor(s, h.i); m != nil {
				who = []*mention{m}
			}
		}
		// "..., calling on Y", "X condemned it and urged Y": the subject of
		// the sentence's first clause, for a participle or a second verb
		// only (not "two days after the country severed ties").
		if len(who) == 0 && c.Subject.From == "clause-then-main" {
			who = d.mainSubject(s, h.i)
		}
		if len(who) == 0 && c.Subject.From == "clause-or-main" &&
			(isParticiple(s.toks[h.i].lower) || s.tok(h.i-1).is("and") || s.tok(h.i-2).is("and") ||
				s.tok(h.i-1).text == "," && !subordinateBefore(s, h.i)) {
			who = d.mainSubject(s, h.i)
		}
		// "Albania, which joined the alliance": the antecedent.
		if len(who) == 0 && s.tok(h.i-1).is("which", "who") && s.tok(h.i-2).text == "," {
			if m := s.mat(h.i - 3); m != nil && m.actor() {
				who = []*mention{m}
			}
		}
		// "Seventeen countries and the Commission signed it, among them
		// Chile and Peru": the members listed too.
		who = append(who, d.groupMembers(s, h)...)
	}
	who = append(who, d.asDid(s, h.j)...)
	who = append(who, d.gapped(s, h.j)...)
	who = slices.DeleteFunc(slices.Clone(who), func(m *mention) bool { return !slices.Contains(c.subjK, m.ent.kind) })
	if len(who) == 0 {
		return
	}
	switch c.Object.From {
	case "name-given":
		d.characterization(c, s, h, who)
		return
	case "answered":
		d.fireAnswered(c, s, h, who)
		return
	case "same-attribution":
		// "Canada and Australia issued similar statements": the last
		// attribution by a state or an international body, now by them.
		if a := d.latestStateAttribution(s.n); a != nil {
			d.attribute(&attrFinding{by: ids(who), blames: slices.Clone(a.blames), concerns: a.concerns, quote: s.text,
				sent: s.n, modality: a.modality, conf: c.Confidence, method: c.method,
				fired: fmt.Sprintf("trigger “%s”; subject “%s”; repeats %s", s.span(h.i, h.j), mentionWords(who), a.id)})
		}
		return
	}
	if len(c.unlessNext) > 0 {
		if e := d.firstNamedAfter(s, h.j); e != nil && slices.Contains(c.unlessNext, e.kind) {
			return
		}
	}
	objs, end := d.constructionObjects(c, s, h, who)
	if c.typ != "" {
		// who acted, for a later "the sanctions target ..." (last-actor)
		d.out.actors = append(d.out.actors, actorRecord{typ: c.typ, sent: s.n, ids: ids(who)})
	}
	if len(objs) == 0 && !(c.typ == "" && c.Object.Optional) {
		return
	}
	for k := h.j; k < end && len(c.notVia) > 0; k++ {
		if _, ok := anyPhraseAt(s, k, c.notVia); ok {
			return
		}
	}
	if c.Subject.From == "sentence" || c.Subject.From == "proposed" {
		// the first candidate that is not the object
		k := slices.IndexFunc(who, func(m *mention) bool { return !slices.Contains(objs, m.ent) })
		if k < 0 {
			return
		}
		who = who[k : k+1]
	}
	if len(c.then) > 0 {
		if _, ok := anyPhraseAt(s, end, c.then); !ok {
			return
		}
	}
	if c.Object.UnlessOperation && len(opsIn(s, end, s.endOfClause(end+1))) > 0 {
		return
	}
	mod := graph.Asserted
	switch c.Modality {
	case "alleged":
		mod = graph.Alleged // "could be a model"
	case "asserted":
	default:
		mod = d.modality(s, nil)
		for _, w := range s.toks {
			if slices.Contains(c.Hedges, w.lower) {
				mod = graph.Alleged
			}
		}
		// "the suspected Russian attack ... hit the port": a hedged
		// operation hedges what it is said to do.
		if slices.ContainsFunc(who, func(m *mention) bool { return m.ent.hedged }) {
			mod = graph.Alleged
		}
	}
	fired := fmt.Sprintf("trigger “%s”; subject “%s”; object “%s”", s.span(h.i, h.j), mentionWords(who), objectWords(objs))
	if c.typ == "" && !c.stmt {
		var op *entity
		for k := end; k < s.endOfClause(end) && op == nil; k++ {
			if m := s.mat(k); m != nil && isOp(m.ent) {
				op = m.ent
			}
		}
		if op == nil {
			op = d.opBefore(s, h.i)
		}
		if op != nil && op.hedged && c.Modality != "asserted" {
			mod = graph.Alleged
		}
		a := &attrFinding{by: ids(who), blames: objectIDs(objs), quote: s.text, sent: s.n, modality: mod,
			conf: confFor(c.Confidence, mod), method: c.method, fired: fired, basis: c.Basis, legal: c.Basis == "legal"}
		if op != nil {
			a.concerns = op.id
			a.fired += fmt.Sprintf("; concerns %s", op.name)
		}
		if got := d.attribute(a); got != nil && c.Basis == "legal" {
			got.legal, got.basis = true, c.Basis
		}
		return
	}
	var props map[string]string
	for k, v := range c.Properties {
		var val string
		switch v {
		case "trigger":
			val = s.span(h.i, h.j)
		case "trigger-adverb":
			// "reacted angrily"
			val = s.span(h.i, h.j)
			if adv := s.tok(h.j); strings.HasSuffix(adv.lower, "ly") {
				val += " " + adv.text
			}
		case "object-phrase":
			val = s.textOf(h.i, end)
		case "rest":
			val = s.textOf(h.j, s.endOfClause(h.j))
		case "complement":
			// "warned A and B of consequences": what follows the object
			// and "of", "about" or "against", to the end of the clause.
			if s.tok(end).is("of", "about", "against") {
				e := s.endOfClause(end + 1)
				if e <= end+1 {
					e = len(s.toks)
				}
				val = s.textOf(end+1, e)
			}
		case "before-via":
			// "warning of serious consequences if X refused": the words
			// between the trigger (and "of") and the via phrase.
			from := h.j
			if s.tok(from).is("of", "about", "against") {
				from++
			}
			for k := from; k < len(s.toks); k++ {
				if _, ok := anyPhraseAt(s, k, c.via); ok {
					val = s.textOf(from, k)
					break
				}
			}
		default:
			if w, ok := strings.CutPrefix(v, "="); ok {
				val = w // words the entry gives: "head" for "who heads"
			}
		}
		if val = strings.TrimSpace(val); val != "" {
			if props == nil {
				props = map[string]string{}
			}
			if v == "trigger" || v == "trigger-adverb" {
				val = strings.ToLower(val[:1]) + val[1:] // "Passed" opening a sentence; a name stays as written
			}
			props[k] = val
		}
	}
	if c.Statement != nil {
		d.statementAfter(c, s, h, who, objs, end, fired)
	}
	if c.typ == graph.RelHoldsRole {
		// a role is kept with the person's other roles (title, dates)
		for _, p := range who {
			for _, b := range objectIDs(objs) {
				if n := len(d.out.roles); p.ent.kind == graph.KindPerson {
					d.out.addRole(p.ent.id, props["title"], b, s, c.method, c.Confidence, roleSpan{})
					if len(d.out.roles) > n {
						d.out.roles[n].fired = fired
					}
				}
			}
		}
		return
	}
	for _, a := range ids(who) {
		for _, b := range objectIDs(objs) {
			if c.typ == graph.RelPartOf {
				if p, ok := d.x.reg.PartOf(a); ok && p == b {
					continue // the reference data says so already
				}
			}
			if at := d.out.attrByID(b); at != nil && slices.Contains(at.by, a) {
				continue // no one backs (denies) their own attribution
			}
			d.out.add(finding{subj: a, typ: c.typ, obj: b, quote: s.text, sent: s.n, modality: mod,
				conf: confFor(c.Confidence, mod), method: c.method, props: props, fired: fired})
		}
	}
}

// constructionObjects reads the object slot of c after trigger h; end is
// the token after the object (where `then` is looked for).
func (d *document) constructionObjects(c *construction, s *sentence, h hit, who []*mention) ([]*entity, int) {
	allowed := func(e *entity) bool {
		if e == nil || !slices.Contains(c.objK, e.kind) {
			return false
		}
		if e.kind == graph.KindEvent && (c.Object.Event == "meeting" && e.incident || c.Object.Event == "happening" && !e.incident) {
			return false
		}
		if len(c.Object.Subkinds) > 0 {
			sub := e.props["kind"]
			if e.kind == graph.KindOrganization {
				sub = e.orgKind
			}
			return slices.Contains(c.Object.Subkinds, sub)
		}
		return true
	}
	// A suffix trigger inside a name ("a Chilean-sponsored resolution on
	// cybercrime") qualifies that name.
	if m := s.mat(h.i); m != nil && len(c.TriggerSuffix) > 0 {
		if allowed(m.ent) {
			return []*entity{m.ent}, m.j
		}
		return nil, h.j
	}
	start := h.j
	if len(c.via) > 0 {
		found := false
		for k := h.j; k < len(s.toks) && k < h.j+c.Object.Within; k++ {
			if j, ok := anyPhraseAt(s, k, c.via); ok && s.mat(k) == nil {
				start, found = j, true
				break
			}
		}
		if !found && c.Object.From != "context" {
			return nil, h.j
		}
	}
	switch c.Object.From {
	case "items-after":
		// "sanctions on the head of the GRU, two of its officers and the
		// unit itself, APT28": the actors of the list's items.
		var out []*entity
		for _, m := range d.itemsAfter(s, start) {
			if allowed(m.ent) {
				out = append(out, m.ent)
			}
		}
		return out, start
	case "same-as-last":
		// "Peru imposed the same sanctions on them": the objects of the
		// claims of this type the last actor made.
		var out []*entity
		if prev := d.lastActors(c.typ, s.n); len(prev) > 0 {
			for _, cl := range d.out.claims {
				if cl.typ == c.typ && cl.subj == prev[0].ent.id {
					if e := d.entityByID(cl.obj); allowed(e) {
						out = append(out, e)
					}
				}
			}
		}
		return out, start
	case "targets":
		// what an operation hit: actors and events, a demonym before any
		// noun, a capitalized name the reference data does not know
		// (minted as an organization)
		until := s.endOfClause(h.j)
		if c.Object.Until == "complement" {
			until = d.complementEnd(s, h.j, "")
		}
		var out []*entity
		for _, id := range d.targetsIn(s, h.j, until) {
			if e := d.entityByID(id); allowed(e) {
				out = append(out, e)
			}
		}
		return out, until
	case "attribution-named":
		if a := d.attributionNamed(s, h, c.Object.Within); a != nil {
			return []*entity{{id: a.id, kind: graph.KindAttribution, name: a.id}}, h.j
		}
		return nil, start
	case "last-in-clause":
		// "called for talks between Chile and Peru": the last actor named
		// after the trigger in its clause, not the subject.
		var out []*entity
		for _, m := range s.mentionsIn(start, s.endOfClause(start)) {
			if m.actor() && m.how != howPronoun && allowed(m.ent) && !slices.ContainsFunc(who, func(w *mention) bool { return w.ent == m.ent }) {
				out = []*entity{m.ent}
			}
		}
		return out, start
	case "clause-subject":
		// "The institute was also listed": what the clause is about.
		var out []*entity
		for _, m := range d.subject(s, h.i) {
			if allowed(m.ent) {
				out = append(out, m.ent)
			}
		}
		return out, start
	case "before":
		// "a convention first proposed by Russia": what the participle
		// qualifies, the last mention of an allowed kind before it.
		for k := h.i - 1; k >= 0 && k >= h.i-c.Object.Within; k-- {
			if m := s.mat(k); m != nil && allowed(m.ent) && !m.media {
				return []*entity{m.ent}, h.j
			}
		}
		return nil, h.j
	case "list-after":
		ms, end := d.actorsAfter(s, start)
		if c.Object.NoPronoun && len(ms) > 0 && ms[0].how == howPronoun {
			return nil, start
		}
		var out []*entity
		for _, m := range ms {
			if allowed(m.ent) {
				out = append(out, m.ent)
			}
		}
		return out, end
	default:
		clauseEnd := quotedNameEnd(s, s.endOfClause(start))
		for k := start; k < len(s.toks) && k < start+c.Object.Within && k < clauseEnd; k++ {
			if m := s.mat(k); m != nil && m.ent != nil && !m.media {
				if allowed(m.ent) {
					return []*entity{m.ent}, m.j
				}
				if c.Object.Nearest {
					return nil, start
				}
				k = m.j - 1
			}
		}
		if c.Object.From != "context" {
			return nil, start
		}
		// Else the happening the text spoke of last ("Spain expelled four
		// diplomats" after "the Lisbon bombing"). A cyber operation is
		// answered in the text by attributions and sanctions, and a
		// doctrine is what was done, not what happened: a measure reacts
		// to either only when its clause names it ("over the hack", "in
		// protest at the pact").
		if c.Object.FallbackWhen == "bare" && !bareAfter(s, h.j) {
			return nil, start
		}
		for _, m := range s.mentionsIn(h.j, clauseEnd) {
			if m.ent != nil && slices.Contains(c.fallbackUnless, m.ent.kind) {
				return nil, start
			}
		}
		for _, f := range c.Object.Fallback {
			switch f {
			case "current-doctrine":
				if e := d.current(graph.KindDoctrine); e != nil {
					return []*entity{e}, h.j
				}
				continue
			case "attribution":
				if a := d.latestAttribution(s.n, nil); a != nil {
					return []*entity{{id: a.id, kind: graph.KindAttribution, name: a.id}}, h.j
				}
				continue
			case "operation":
				if op := d.opBefore(s, h.i); op != nil {
					return []*entity{op}, h.j
				}
				continue
			}
			if e := d.lastNamed(c, s, h, f, allowed); e != nil {
				return []*entity{e}, h.j
			}
		}
		return nil, start
	}
}

// lastNamed returns the last thing of fallback kind f (a happening, a
// doctrine, a meeting) the text named before trigger h, within the
// construction's fallback_sentences.
func (d *document) lastNamed(c *construction, s *sentence, h hit, f string, allowed func(*entity) bool) *entity {
	fits := func(e *entity) bool {
		switch f {
		case "happening":
			return e.incident
		case "meeting":
			return e.kind == graph.KindEvent && !e.incident
		default:
			return e.kind == graph.KindDoctrine
		}
	}
	for n := s.n; n >= 0 && (c.Object.FallbackSentences == 0 || n >= s.n-c.Object.FallbackSentences); n-- {
		ms := d.sents[n].ments
		for k := len(ms) - 1; k >= 0; k-- {
			if m := ms[k]; (n < s.n || m.i < h.i) && allowed(m.ent) && !m.media && fits(m.ent) {
				return m.ent
			}
		}
	}
	return nil
}

// firstNamedAfter returns the entity first named within four tokens from j
// (nil when the first mention is further, or none).
func (d *document) firstNamedAfter(s *sentence, j int) *entity {
	for k := j; k < len(s.toks) && k < j+4; k++ {
		if m := s.mat(k); m != nil {
			return m.ent
		}
	}
	return nil
}

// readsClause reports whether the construction's subject is read from the
// trigger's clause.
func (c *construction) readsClause() bool {
	switch c.Subject.From {
	case "clause", "clause-or-main", "clause-then-main":
		return true
	}
	return false
}

// stringList is a YAML scalar or sequence of strings.
type stringList []string

func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*l = []string{n.Value}
		return nil
	}
	var ss []string
	if err := n.Decode(&ss); err != nil {
		return err
	}
	*l = ss
	return nil
}

// isParticiple reports whether w is a verb's -ing form, not a preposition
// that ends like one ("during", "including").
func isParticiple(w string) bool {
	switch w {
	case "during", "according", "including", "regarding", "concerning", "following", "notwithstanding", "pending":
		return false
	}
	return strings.HasSuffix(w, "ing") && len(w) > 4
}

// subordinateBefore reports whether a subordinate clause opens before
// token i ("... comes two days after Trump accused China, during a
// meeting"): what follows the comma may be that clause's, not the main one's.
func subordinateBefore(s *sentence, i int) bool {
	for k := 1; k < i; k++ {
		if s.toks[k].is("after", "before", "when", "while", "because", "since", "although", "though", "whereas", "if") && s.mat(k) == nil {
			return true
		}
	}
	return false
}

// bareAfter reports whether nothing but adverbs follows token j in its
// clause: "Eight companies also signed up." takes no object.
func bareAfter(s *sentence, j int) bool {
	for k := j; k < len(s.toks); k++ {
		t := s.toks[k]
		if t.kind == tPunct || t.kind == tQuote {
			return true
		}
		if !(t.is("too", "also", "later", "then", "soon", "afterwards", "immediately") || strings.HasSuffix(t.lower, "ly")) {
			return false
		}
	}
	return true
}

// gapped reads a clause that repeats the verb by leaving it out: "each
// expelled four diplomats, and Lithuania and the Czech Republic three
// each", "Canada expelled four and Ukraine 13": the actors before a number.
func (d *document) gapped(s *sentence, j int) []*mention {
	for k := j; k+1 < len(s.toks); k++ {
		if !s.toks[k].is("and") || s.toks[k].inQuote {
			continue
		}
		ms, end := d.actorsAfter(s, k+1)
		if len(ms) == 0 || end >= len(s.toks) {
			continue
		}
		t := s.toks[end]
		if _, err := strconv.Atoi(t.text); err == nil || numberWords.has(t.lower) {
			// nothing but "each" or the sentence's end after the number
			if n := s.tok(end + 1); n.kind == tPunct || n.is("each", "apiece") {
				return ms
			}
		}
	}
	return nil
}

// asDid reads ", as did X and Y" after token j: they did the same.
func (d *document) asDid(s *sentence, j int) []*mention {
	for k := j; k+2 < len(s.toks); k++ {
		if s.toks[k].text == "," && s.toks[k+1].is("as") && s.toks[k+2].is("did", "does", "have", "has", "had", "were", "was") {
			ms, _ := d.actorsAfter(s, k+3)
			return ms
		}
	}
	return nil
}

// groupMembers reads who a group subject is when the text lists them:
// "Seventeen countries signed the pact, among them Chile, Peru and Spain",
// "Eight companies, Acme, Globex and Initech, also signed up", "... signed
// the accord, including Chile and Peru".
func (d *document) groupMembers(s *sentence, h hit) []*mention {
	// An apposition list between the group noun and the verb (its commas
	// end clauses, so the search starts at the sentence's start).
	start := s.clauseStart(h.i)
	for k := 0; k < h.i; k++ {
		if s.toks[k].text == "," && k > 0 && s.mat(k-1) == nil && d.x.lx.groupSubjects.has(s.toks[k-1].lower) {
			if ms, _ := d.actorsAfter(s, k+1); len(ms) > 1 && ms[len(ms)-1].j <= h.i {
				return ms
			}
		}
	}
	// A group noun before the verb, and "among them" or "including" after.
	group := false
	for k := start; k < h.i; k++ {
		if s.mat(k) == nil && d.x.lx.groupSubjects.has(s.toks[k].lower) {
			group = true
		}
	}
	if !group {
		return nil
	}
	for k := h.j; k+1 < len(s.toks); k++ {
		if s.toks[k].is("among") && s.toks[k+1].is("them", "whom") {
			ms, _ := d.actorsAfter(s, k+2)
			return ms
		}
		if s.toks[k].is("including") && s.tok(k-1).text == "," {
			ms, _ := d.actorsAfter(s, k+1)
			return ms
		}
	}
	return nil
}

// negated reports whether the verb at token i is negated: "did not
// attend", "has never recalled", "didn’t sign", "would not immediately
// join".
func (d *document) negated(s *sentence, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		t := s.toks[k]
		switch {
		case d.x.lx.negations.has(t.lower) && t.lower != "without" && t.lower != "nor":
			return true
		case auxiliaries.has(t.lower) || strings.HasSuffix(t.lower, "ly") || t.is("yet", "ever", "also", "even", "still"):
			continue
		}
		return false
	}
	return false
}

// reducedRelative reports whether the verb at i qualifies the noun before
// it rather than making a clause: "the four expelled from the
// Netherlands", "the diplomats expelled last week".
func reducedRelative(s *sentence, i int) bool {
	p := s.tok(i - 1)
	if p.kind != tWord || s.mat(i-1) != nil {
		return false
	}
	if _, err := strconv.Atoi(p.text); err == nil || numberWords.has(p.lower) {
		return true
	}
	return !p.capitalized() && !auxiliaries.has(p.lower) && !strings.HasSuffix(p.lower, "ly") &&
		determiners.has(s.tok(i-2).lower)
}

var numberWords = newSet([]string{"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "dozen", "dozens", "hundreds"})

// auxiliaries stand between a negation and its verb.
var auxiliaries = newSet([]string{"did", "does", "do", "has", "have", "had", "was", "were", "is", "are", "will",
	"would", "could", "can", "should", "may", "might", "must", "shall", "been", "be"})

func mentionWords(ms []*mention) string {
	var out []string
	for _, m := range ms {
		if m.s == nil || m.j <= m.i { // an actor remembered from before, or not named here
			out = append(out, m.ent.name)
			continue
		}
		out = append(out, m.text())
	}
	return strings.Join(out, ", ")
}

func objectWords(es []*entity) string {
	var out []string
	for _, e := range es {
		out = append(out, e.name)
	}
	return strings.Join(out, ", ")
}

func objectIDs(es []*entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.id)
	}
	return uniq(out)
}

// prefixActor resolves the words before a hyphen ("Chilean", "Chile",
// "EU") to the state or body they name, through the reference data.
func (d *document) prefixActor(w string) *entity {
	if id, ok := d.x.reg.Demonym(w); ok {
		return d.entityByID(id)
	}
	if id, ok := d.x.reg.ByName(w); ok {
		if e := d.entityByID(id); e != nil && (e.kind == graph.KindCountry || e.kind == graph.KindOrganization) {
			return e
		}
	}
	if id, ok := d.x.reg.Metonym(w); ok {
		return d.entityByID(id)
	}
	if id := d.x.stemDemonym(w); id != "" {
		return d.entityByID(id) // "Peruvian-drafted"
	}
	return nil
}

// agentiveWord reports whether w ends in the suffix of a construction's
// trigger_suffix ("chilean-sponsored", "french-led"): a word naming who
// did something to the name that follows, not a word of that name.
func (x *Extractor) agentiveWord(w string) bool {
	if strings.IndexByte(w, '-') <= 0 {
		return false
	}
	for _, c := range x.consSuffix {
		for _, sfx := range c.TriggerSuffix {
			if strings.HasSuffix(w, sfx) && len(w) > len(sfx) {
				return true
			}
		}
	}
	return false
}

// quotedNameEnd carries a clause's end (from endOfClause) over a quoted
// name: in "rallied behind the “Lima doctrine” on Monday" the opening quote
// does not end the clause, since a name stands right inside it.
func quotedNameEnd(s *sentence, end int) int {
	for end < len(s.toks) && s.toks[end].kind == tQuote && s.toks[end].open {
		m := s.mentionAt(end + 1)
		if m == nil || m.j >= len(s.toks) || s.toks[m.j].kind != tQuote {
			return end
		}
		end = s.endOfClause(m.j + 1)
	}
	return end
}

// statementAfter makes the subject's words a statement: "China reacted
// angrily, calling for more cooperation ..." (statement.when) says
// something about what it reacted to and what its words name; "X accused
// Y of interfering in the elections, during a Security Council meeting"
// is a statement about Y and the elections, made at the meeting.
// end is the token after the object.
func (d *document) statementAfter(c *construction, s *sentence, h hit, who []*mention, objs []*entity, end int, fired string) {
	sp := c.Statement
	from, to := end, len(s.toks)
	if len(sp.When) > 0 {
		from = -1
		for k := h.j; k < len(s.toks); k++ {
			if slices.Contains(sp.When, s.toks[k].lower) {
				from = k
				break
			}
		}
		if from < 0 {
			return
		}
	}
	if sp.Text == "complement" {
		to = s.endOfClause(end + 1)
	}
	about := objectIDs(objs)
	for _, m := range s.mentionsIn(from, to) {
		if m.ent != nil && !m.media {
			about = append(about, m.ent.id)
		}
	}
	st := &stmtFinding{speakers: ids(who), quote: s.text, text: s.textOf(h.i, to), about: about,
		first: s.n, last: s.n, para: s.para, method: c.method, conf: c.Confidence, fired: fired}
	for n := to; n < len(s.toks) && len(sp.MadeAt) > 0; n++ {
		if slices.Contains(sp.MadeAt, s.toks[n].lower) {
			if ev := d.eventAfter(s, n+1); ev != nil {
				st.madeAt = ev.id
			}
			break
		}
	}
	d.out.statement(st)
}

// The passes constructions run in (field pass).
const (
	passReading = iota
	passSpeech
	passAnswers
)

// followedBy reports whether one of the phrases ps stands at token j (or
// right after a "that" there: "said that it had nothing to do with"). A
// word written "a|b" matches either.
func followedBy(s *sentence, j int, ps [][]string) bool {
	for _, from := range []int{j, j + 1} {
		if from == j+1 && !s.tok(j).is("that") {
			break
		}
	next:
		for _, p := range ps {
			if from+len(p) > len(s.toks) {
				continue
			}
			for k, w := range p {
				t := s.toks[from+k].lower
				if t != w && !(strings.IndexByte(w, '|') >= 0 && slices.Contains(strings.Split(w, "|"), t)) {
					continue next
				}
			}
			return true
		}
	}
	return false
}

// followedWithin reports whether one of words follows token j within n
// tokens, outside quotes, before punctuation other than a comma.
func followedWithin(s *sentence, j int, words []string, n int) bool {
	for k := j; k < len(s.toks) && k < j+n; k++ {
		t := s.toks[k]
		if slices.Contains(words, t.lower) && !t.inQuote {
			return true
		}
		if t.kind == tPunct && t.text != "," {
			return false
		}
	}
	return false
}

// subjects and objects keep the mentions of the kinds the construction
// allows for its subject and object.
func (c *construction) subjects(ms []*mention) []*mention {
	return slices.DeleteFunc(slices.Clone(ms), func(m *mention) bool { return m.ent == nil || !slices.Contains(c.subjK, m.ent.kind) })
}

func (c *construction) objects(ms []*mention) []*mention {
	return slices.DeleteFunc(slices.Clone(ms), func(m *mention) bool { return m.ent == nil || !slices.Contains(c.objK, m.ent.kind) })
}

// expandAlternatives writes out the trigger phrases whose words offer
// alternatives: "issued|made similar" is "issued similar" and "made
// similar".
func expandAlternatives(ps []string) []string {
	var out []string
	for _, p := range ps {
		forms := []string{""}
		for _, w := range strings.Fields(p) {
			var next []string
			for _, f := range forms {
				for _, alt := range strings.Split(w, "|") {
					next = append(next, strings.TrimSpace(f+" "+alt))
				}
			}
			forms = next
		}
		out = append(out, forms...)
	}
	return out
}
