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
// Constructions (constructions.go, constructions.yaml) are claim rules
// written as data — a trigger, a subject slot, an object slot with the
// kinds allowed, the claim, negation, modality and example sentences — and
// run by a small engine; each entry's examples are a test
// (TestConstructions). `actorgraph extract --explain FILE` shows, for each
// proposed item, the rule, where it is written and the words that fired
// it. Every entry of constructions.yaml is a construction (its name and doc
// say what it finds); among them the rules once written in Go: proposal,
// proposal-order, adoption, adopted-by, convening, attendance,
// participation, membership, part-of-possessive, warning, warning-if,
// response, solidarity, threat, criticism. The rules listed below are still written in Go, because they
// read structure the engine does not express: attributions assembled over
// several sentences and folded, statements and their quotes, sanctions
// lists with their apposition, calls and reactions that make statements,
// targets minted from capitalized names, denials that answer attributions
// found after all sentences are read.
//
// A negated verb ("did not attend", "has never backed") fires no rule,
// except a verb of speech. A spokesperson's attribution is their state's,
// the person stays the speaker (actingfor.go).
//
// # Claim rules
//
// Each claim is made by one rule and carries its method,
// "rule:<name>@<version>" (the version goes up when what a rule finds
// changes), a confidence, and modality "alleged" when the sentence or the
// operation is hedged ("suspected", "alleged", "reportedly"):
//
//	attribution@1           X blamed Y for Z, blamed Z on Y, pointed the finger at Y,
//	                        attributed Z to Y, accused Y of <an operation>; "Y blamed
//	                        for Z" adds evidence to an attribution found elsewhere
//	attribution-reported@1  X said / concluded that Y was responsible for, behind,
//	                        involved in Z; "an attempt by Y to hack into Z"; not when
//	                        negated ("no evidence that Y was involved")
//	attribution-legal@1     X charged / indicted Y; an arrest warrant for Y
//	backing@1               X backed / rallied behind / joined a doctrine or an
//	                        attribution ("the British and American assessment")
//	model@1                 a doctrine could be a model (MODELED_ON, alleged)
//	presence@1              X accused ... during an event (ATTENDED)
//	accusation@1            X accused Y of <not an operation> (ACCUSED, and a
//	                        statement made at the event named)
//	sanction@1              X imposed sanctions on a list; X sanctioned Y; the
//	                        sanctions target ...; among those sanctioned is ...
//	denial@2                X denied any involvement / rejected the accusations /
//	                        said it had nothing to do with / was not involved in /
//	                        denied using ...: every attribution blaming X or its
//	                        own (of the operation named, if one is); "the
//	                        charges": the legal ones; "the accusation": the
//	                        last one (docs/annotations.md, "Denials")
//	reaction@1, call@1      X reacted angrily (to Y), calling for / urged ...
//	targeting@1             an operation on / against X; it struck / hit / disrupted X
//	characterization@1      X dismissed the accusations as “...”, X called Y a ...:
//	                        reported words without a verb of speech
//	quote@1                 “...,” X said; X said: “...”; a quote split around "X said"
//	reported-speech@1       X said (that) ...; X told reporters ...; according to X
//
// An attribution is one per attributor and operation as the sentence
// reports it; the same attribution reported again is more evidence for it,
// and one that names no operation folds into one that does. "Canada and
// Australia issued similar statements" repeats the last state attribution.
// A statement is about what its words name (a person's "we" is their
// state), and a reported attribution's statement about the operation.
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
