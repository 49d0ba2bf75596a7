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
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadConstructions([]byte(tc.yaml), lx)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one naming %q", err, tc.want)
			}
		})
	}
}
