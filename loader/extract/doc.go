// Package extract proposes annotations for an article nobody has annotated:
// the entities it is about and the claims it makes, each with its sentence
// as evidence, in the format of curated annotation files
// (loader/annotation, docs/annotations.md). `actorgraph extract` prints them
// for a journalist to correct and keep; `actorgraph load` stores them for
// articles without an annotation file, and adds those a curated file does
// not mention (Merge).
//
// Extraction is rules over the cleaned text (loader/clean has already
// removed page furniture), sentence by sentence (loader/segment), with no
// statistical model: every claim can be traced to the rule that made it and
// the words it matched, and a newcomer can extend the rules by adding words
// to lexicon.yaml or a construction to constructions.yaml. `make eval`
// measures the result against gold files (loader/evaluate) on three sets:
// the demo corpus, data/eval and, beside the checkout, eval-external.
//
// # Recognition
//
// In document order, so that later sentences can refer back:
//
//   - Reference names (gazetteer.go): countries by name, official name,
//     spelling ("U.S.", "Britain") and the codes news prose uses ("US",
//     "UK"; not "IT" or "CA", which are words); demonyms ("Russian"); capitals
//     standing for governments ("Washington warns"; not "in Brussels");
//     organizations of loader/resolve; media, which are sources and never
//     actors (plus the article's own publisher); well-known operation names.
//   - Companies by descriptor ("the shipping group Maersk") and hacking
//     groups by name ("a criminal group called DarkSide", "the DarkSide
//     gang"), which the reference data cannot list.
//   - Officials: a title before a name ("U.S. Deputy Secretary of State
//     John Sullivan"), a name, a comma and a title ("Rob Strayer, the deputy
//     assistant secretary for cyber ... in the State Department"), a title, a
//     comma and a name ("the US ambassador, John Sullivan"), names listed after
//     a noun for people ("the two men, Zhu Hua and Zhang Shilong") or before a
//     speech verb. Each title makes a HOLDS_ROLE, whose body is the body named
//     with the title ("FBI Director", "in the State Department"), the body the
//     lexicon gives the title ("Secretary of State" is the State Department),
//     the state named with it, or the state the text is about there; a head
//     of state always serves a state.
//   - Later mentions: surnames ("Sullivan said"), titles ("the president
//     said"), he and she, and "the bureau", "the agency’s", "the bloc".
//   - Operations: by name ("WannaCry", any CamelCase name before an operation
//     noun), by a name before the noun ("the Microsoft Exchange hack"), by
//     description ("a hack of Microsoft Exchange email servers", "an attempt
//     by Russia’s GRU to hack into the OPCW"), and by reference back ("the
//     attack", "these actions", "alleged Russian interference"). Descriptions
//     that share an entity or most words with an operation already met are
//     that operation; "Researchers call the campaign Cloud Hopper" renames it.
//   - Events ("a Security Council meeting", "convened a ministerial meeting
//     on cybersecurity", "on the sidelines of the United Nations General
//     Assembly", one state's elections) and doctrines (quoted or capitalized
//     names ending in a doctrine noun, executive orders, what an actor is
//     "developing", and "the doctrine", "the State Department’s plan").
//
// Minted ids are canonical like curated ones: "person:john-sullivan",
// "op:notpetya", "event:ministerial-meeting-on-cybersecurity".
//
//   - Happenings (happenings.go): events that are not meetings — "the
//     Harwich poisoning", "the downing of flight KX204", "a chemical
//     weapons attack", "the blast in Tarnowo" — which attributions,
//     denials and reactions can concern like cyber operations.
//   - Organizations by the noun their name ends in ("Human Rights Watch",
//     "Kenya Airways": not a person, not Malaysia), companies listed
//     after a plural ("eight companies, Amazon, Google and ..."), and a
//     country's name as a surname ("Daniel Jordan"). Demonyms the reference
//     data does not give are derived from the ISO names (loader/resolve).
//
// # Rules as data
//
// Every claim rule is a construction of constructions.yaml — a trigger, a
// subject slot, an object slot with the kinds allowed, the claim,
// negation, modality and example sentences — run by the small engine of
// constructions.go; each entry's examples are a test (TestConstructions).
// `actorgraph extract --explain FILE` shows, for each proposed item, the
// rule, where it is written and the words that fired it. The entries,
// grouped by family: attributions (attribution, attribution-finger,
// -attribute, -accuse, -reported, -concluded, -legal, -warrant, similar,
// backing of an attribution), sanctions (sanction-imposed, sanction-same,
// sanction, sanction-targets, sanction-among, sanction-listed), calls and
// reactions (call-urge, call, call-on, call-for-*, reaction), denials
// (denial, denial-called, denial-self), statements (quote,
// reported-speech, characterization, characterization-called, accusation),
// targets (targeting, targeting-verb), models (model, modeled-on), roles
// (role-title, role-apposition, role-heads),
// doctrines, meetings and membership (proposal, adoption, convening,
// attendance, participation, presence, membership, part-of-*, ...).
//
// What the engine does in Go is what a slot cannot say, as capabilities a
// construction selects by name in its data (constructions.go documents
// each value):
//
//   - where a slot is read (subject.from, object.from): a clause's
//     subject, the speaker of a verb of speech, a list item by item, the
//     last actor of a claim type, what an operation hit, a quote's extent;
//   - attributions: the structure of "blamed Y for Z / Z on Y / Y blamed
//     for Z by X" (object blamed) and of what a speaker reports (object
//     reported-blame); after reading, an attribution reported again is
//     more evidence, one that names no operation folds into one that does
//     (foldAttributions), and "Y blamed for Z" with no author is evidence
//     for the attribution that blames Y (attachAgentless);
//   - denials answer the attributions of the whole article by the
//     convention of docs/annotations.md (object answered, answers.go), so
//     they run in the pass "answers", after every sentence is read;
//   - statements: quotes that run over sentences, reported speech, words
//     given without a verb of speech (objects quote, reported,
//     name-given), in the pass "speech"; a construction's words can also
//     be a statement (field statement);
//   - an official acting for a state makes the state the actor
//     (actingfor.go).
//
// The roles a title gives (role-title, role-apposition) are entries too,
// but they name a pattern of the recognizer (field pattern: title-name,
// name-title, title-comma-name) rather than a trigger: a title is what
// makes a name a person's, and the body the role gives is used by the rest
// of recognition, so the recognizer gives them while it finds people
// (recognize.go), with the titles of lexicon.yaml (titles.heads,
// modifiers, bodies, state_titles). Other words that give a role are
// ordinary constructions ("X, who heads Y": role-heads).
//
// A negated verb ("did not attend", "has never backed") fires no rule,
// except a verb of speech. A spokesperson's attribution is their state's,
// the person stays the speaker (actingfor.go).
//
// # Claim rules
//
// Each claim is made by one construction and carries its method,
// "rule:<name>@<version>" (the version goes up when what a rule finds
// changes), a confidence, and modality "alleged" when the sentence or the
// operation is hedged ("suspected", "alleged", "reportedly"). An
// attribution is one per attributor and operation as the sentence reports
// it; the same attribution reported again is more evidence for it, and one
// that names no operation folds into one that does. A statement is about
// what its words name (a person's "we" is their state), and a reported
// attribution's statement about the operation.
//
// # Output
//
// Extract returns an annotation.File: every quote is a whole sentence (or
// run of sentences) copied verbatim from the cleaned text, minted entities
// are declared with their aliases, and claims whose ends the vocabulary
// forbids are dropped. Encode writes it in the layout of the curated files.
// FuzzExtract (package loader) checks that any text gives a file that
// decodes, builds and passes a store's batch checks.
package extract
