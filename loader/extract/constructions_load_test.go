package extract

import (
	"strings"
	"testing"
)

// A rule file with a mistake is refused with a message that names the
// construction and the field, not read half-way.
func TestLoadConstructionsRefuses(t *testing.T) {
	lx, err := loadLexicon(lexiconYAML)
	if err != nil {
		t.Fatal(err)
	}
	const head = "- name: x\n  version: 1\n  claim: PROPOSED\n  confidence: 0.5\n"
	for _, tc := range []struct{ name, yaml, want string }{
		{"unknown field", head + "  trigger: [tabled]\n  subject: {from: clause}\n  object: {from: before}\n  colour: red\n", "colour"},
		{"unknown relationship type", strings.Replace(head, "PROPOSED", "INVENTED", 1) + "  trigger: [tabled]\n  subject: {from: clause}\n  object: {from: before}\n", "INVENTED"},
		{"no trigger", head + "  subject: {from: clause}\n  object: {from: before}\n", "no trigger"},
		{"a suffix without a hyphen", head + "  trigger_suffix: [sponsored]\n  subject: {from: prefix}\n  object: {from: first-after}\n", "hyphen"},
		{"a suffix without the prefix subject", head + "  trigger_suffix: [-sponsored]\n  subject: {from: clause}\n  object: {from: first-after}\n", "prefix"},
		{"the prefix subject without a suffix", head + "  trigger: [tabled]\n  subject: {from: prefix}\n  object: {from: first-after}\n", "prefix"},
		{"subject via without by-after", head + "  trigger: [tabled]\n  subject: {from: clause, via: [hosted by]}\n  object: {from: before}\n", "subject.via"},
		{"delegates on a by-after subject", head + "  trigger: [tabled]\n  subject: {from: by-after, delegates: true}\n  object: {from: before}\n", "delegates"},
		{"an unknown event narrowing", head + "  trigger: [tabled]\n  subject: {from: clause}\n  object: {from: first-after, event: party}\n", "event"},
		{"an unknown fallback_unless kind", head + "  trigger: [tabled]\n  subject: {from: clause}\n  object: {from: context, fallback: meeting, fallback_unless: [Planet]}\n", "fallback_unless"},
		{"an unknown property source", head + "  trigger: [tabled]\n  subject: {from: clause}\n  object: {from: before}\n  properties: {how: mood}\n", "mood"},
		{"subject verbs without verb-before", head + "  trigger: [tabled]\n  subject: {from: clause, verbs: impose}\n  object: {from: before}\n", "subject.verbs"},
		{"subject verbs naming no class", head + "  trigger: [tabled]\n  subject: {from: verb-before, verbs: levitate}\n  object: {from: before}\n", "subject.verbs"},
		{"last-actor for an attribution", strings.Replace(head, "PROPOSED", "attribution", 1) + "  trigger: [tabled]\n  subject: {from: last-actor}\n  object: {from: list-after}\n", "last-actor"},
		{"answered for a claim that is no denial", head + "  trigger: [tabled]\n  subject: {from: clause}\n  object: {from: answered}\n", "answered"},
		{"blamed for a claim that is no attribution", head + "  trigger: [tabled]\n  subject: {from: clause}\n  object: {from: blamed}\n", "blamed"},
		{"reported-blame without phrases", strings.Replace(head, "PROPOSED", "attribution", 1) + "  trigger: [tabled]\n  subject: {from: speaker}\n  object: {from: reported-blame}\n", "phrases"},
		{"a statement without a statement object", strings.Replace(head, "PROPOSED", "statement", 1) + "  trigger: [tabled]\n  subject: {from: clause}\n  object: {from: list-after}\n", "statement"},
		{"a quote for a relationship", head + "  trigger: [tabled]\n  subject: {from: speaker}\n  object: {from: quote}\n", "quote"},
		{"an unknown pass", head + "  trigger: [tabled]\n  subject: {from: clause}\n  object: {from: before}\n  pass: later\n", "pass"},
		{"an unknown fallback", head + "  trigger: [tabled]\n  subject: {from: clause}\n  object: {from: context, fallback: [yesterday]}\n", "fallback"},
		{"an unknown answer", strings.Replace(head, "PROPOSED", "DENIED", 1) + "  trigger: [tabled]\n  subject: {from: clause}\n  object: {from: answered, answer: maybe}\n", "answer"},
		{"a legal basis for a relationship", head + "  trigger: [tabled]\n  basis: legal\n  subject: {from: clause}\n  object: {from: before}\n", "basis"},
		{"a role without a title", strings.Replace(head, "PROPOSED", "HOLDS_ROLE", 1) + "  trigger: [who heads]\n  subject: {from: before}\n  object: {from: first-after}\n", "title"},
		{"followed_within without words", head + "  trigger: [tabled]\n  followed_within: {within: 3}\n  subject: {from: clause}\n  object: {from: before}\n", "followed_within"},
		{"a trigger starting with *", head + "  trigger: [\"* tabled\"]\n  subject: {from: clause}\n  object: {from: before}\n", "*"},
		{"an unknown role pattern", strings.Replace(head, "PROPOSED", "HOLDS_ROLE", 1) + "  pattern: title-after-lunch\n", "pattern"},
		{"a role pattern with a trigger", strings.Replace(head, "PROPOSED", "HOLDS_ROLE", 1) + "  pattern: title-name\n  trigger: [heads]\n", "pattern"},
		{"a role pattern for another claim", head + "  pattern: title-name\n", "pattern"},
		{"an unknown after_noun", head + "  trigger: [tabled]\n  after_noun: maybe\n  subject: {from: clause}\n  object: {from: before}\n", "after_noun"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadConstructions([]byte(tc.yaml), lx)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one naming %q", err, tc.want)
			}
		})
	}
}
