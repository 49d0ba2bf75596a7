package extract

import (
	"fmt"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/annotation"
)

// Explanation says which rule proposed one item of an extracted file and
// what in its sentence fired the rule: `actorgraph extract --explain`.
type Explanation struct {
	// Item is the claim in the notation of the tests: "country:JP
	// -CALLED_FOR-> country:CN", "ATTRIBUTION by=... blames=... concerns=...",
	// "STATEMENT by=...", "ROLE person:x org:y".
	Item string
	// Rule is the method ("rule:call-on@1") and Source where the rule is
	// written: the rule file for a rule written as data (every claim
	// rule), the recognizer for the roles a title gives.
	Rule, Source string
	// Fired names the words that fired the rule: for a construction its
	// trigger and slots (and what a capability found: the attribution a
	// denial answers, a statement's speaker); for a role a title gives,
	// the recognizer's pattern.
	Fired string
	// Sentence is the evidence quote.
	Sentence string
}

// Explain extracts like Extract and also explains every proposed item, in
// the order of the file: attributions, claims, statements, roles.
func (x *Extractor) Explain(doc graph.Document) (*annotation.File, []Explanation, error) {
	var expl []Explanation
	f, err := x.extract(doc, &expl)
	return f, expl, err
}

// explain records why an item was proposed, when explanations are asked for.
func (d *document) explain(item, method, fired, quote string) {
	if d.expl == nil {
		return
	}
	name := strings.TrimPrefix(method, "rule:")
	if at := strings.LastIndex(name, "@"); at >= 0 {
		name = name[:at]
	}
	source := "not in the rule file" // every rule is in it; a method it does not name is a bug to report
	if slices.ContainsFunc(d.x.cons, func(c *construction) bool { return c.method == method }) {
		source = "data, loader/extract/constructions.yaml"
	}
	*d.expl = append(*d.expl, Explanation{Item: item, Rule: method, Source: source, Fired: fired, Sentence: quote})
}

// itemOf* write an item in the notation of Explanation.Item.
func itemOfClaim(c annotation.Claim) string {
	return fmt.Sprintf("%s -%s-> %s", c.Subject, c.Type, c.Object)
}

func itemOfAttribution(a annotation.Attribution) string {
	return fmt.Sprintf("ATTRIBUTION %s by=%s blames=%s concerns=%s", a.ID, strings.Join(a.By, ","), strings.Join(a.Blames, ","), a.Concerns)
}

func itemOfStatement(s annotation.Statement) string {
	return fmt.Sprintf("STATEMENT by=%s about=%s", strings.Join(s.Speakers, ","), strings.Join(s.About, ","))
}
