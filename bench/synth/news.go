package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// newsOrgs are organizations of the reference data, as articles name them.
var newsOrgs = []string{"NATO", "the European Union", "the United Nations", "the Pentagon", "the State Department",
	"the FBI", "the National Security Agency", "the Justice Department", "the Treasury", "CISA", "the GRU",
	"the Ministry of State Security", "the White House", "Congress", "the UN Security Council", "the G7"}

var newsTitles = []string{"Foreign Minister", "Defence Minister", "President", "Prime Minister", "Ambassador", "Secretary of State", "General"}

var newsOps = []string{"ransomware", "phishing", "wiper", "espionage", "supply-chain", "election-interference", "denial-of-service"}

var newsTargets = []string{"the power grid", "a water utility", "the parliament's email", "hospitals", "a defence contractor", "the election commission", "port logistics", "satellite ground stations"}

var newsFiller = []string{
	"The talks lasted more than three hours, according to people familiar with them.",
	"Markets showed little reaction to the news on the day.",
	"Analysts said the dispute could take months to settle.",
	"The statement came after weeks of quiet diplomacy behind closed doors.",
	"Officials declined to say what evidence had been shared with allies.",
	"Cyber security firms have tracked the group for several years.",
	"The ministry did not respond to a request for comment.",
	"Several of the systems were restored within a day, the operator said.",
	"Critics said the response came too late to deter further intrusions.",
	"The report runs to more than forty pages and includes technical indicators.",
	"Diplomats expect the issue to come up at the next summit.",
	"Insurance claims from the incident are still being assessed.",
}

var newsFurniture = []string{"Leave a Comment", "Read more", "Share this article", "Related posts", "Subscribe to our newsletter"}

// newsSyllables make up the people of the generated articles: enough of
// them that people keep being new as the corpus grows, as they do in an
// archive.
var newsSyllables = []string{"ka", "lo", "mi", "ra", "ten", "vo", "sa", "dru", "pel", "an", "ko", "ri", "sto", "mar", "gen", "ul", "ba", "tor", "fi", "nes"}

func newsName(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(newsSyllables[rng.IntN(len(newsSyllables))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// WriteNews writes n news-style articles for the end-to-end benchmark:
// each NAME.txt is a headline, a dateline and about 25 sentences (some 2
// KB, a short news story; real ones run longer) that accuse, attribute, back, deny,
// sanction and quote, between sentences that claim nothing and a line of
// page furniture now and then, naming countries, organizations of the
// reference data and officials whose names are generated, so that new
// people keep appearing as the corpus grows. Every fourth article has a
// curated NAME.annotations.yaml beside it with a claim quoting one of its
// sentences; the others go through extraction alone. The same seed writes
// the same files.
func WriteNews(dir string, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x6e657773))
	for i := range n {
		var text strings.Builder
		country := func() struct{ code, name string } { return articleCountries[rng.IntN(len(articleCountries))] }
		a, b, c := country(), country(), country()
		for b == a {
			b = country()
		}
		op := newsOps[rng.IntN(len(newsOps))]
		target := newsTargets[rng.IntN(len(newsTargets))]
		person := newsName(rng, 2) + " " + newsName(rng, 3)
		title := newsTitles[rng.IntN(len(newsTitles))]
		year, month, day := 2015+rng.IntN(11), 1+rng.IntN(12), 1+rng.IntN(28)
		fmt.Fprintf(&text, "%s blames %s for %s attack on %s\n\n", a.name, b.name, op, target)
		fmt.Fprintf(&text, "Published %04d-%02d-%02d by Synthetic Wire\n\n", year, month, day)
		accuse := fmt.Sprintf("%s accused %s of the %s attack on %s.", a.name, b.name, op, target)
		quote := fmt.Sprintf("%s %s of %s said the attack would not go unanswered.", title, person, a.name)
		sentences := []string{
			accuse,
			fmt.Sprintf("%s said hackers working for %s had been inside the network for months.", newsOrgs[rng.IntN(len(newsOrgs))], b.name),
			quote,
			fmt.Sprintf("%s and %s backed the attribution on %s.", c.name, country().name, []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}[rng.IntN(5)]),
			fmt.Sprintf("%s denied any involvement in the %s campaign.", b.name, op),
			fmt.Sprintf("%s sanctioned %s over the attack.", country().name, b.name),
			fmt.Sprintf("%s %s met %s's %s in %s to discuss a response.", newsTitles[rng.IntN(len(newsTitles))], newsName(rng, 2)+" "+newsName(rng, 2), c.name, strings.ToLower(newsTitles[rng.IntN(len(newsTitles))]), []string{"Brussels", "Geneva", "Vienna", "New York", "Tallinn"}[rng.IntN(5)]),
			fmt.Sprintf("%s warned %s against further attacks on %s.", newsOrgs[rng.IntN(len(newsOrgs))], b.name, newsTargets[rng.IntN(len(newsTargets))]),
			fmt.Sprintf("%s criticized %s for what it called reckless behaviour in cyberspace.", country().name, b.name),
		}
		for j, s := range sentences {
			sentences[j] = strings.ToUpper(s[:1]) + s[1:]
		}
		for range 14 + rng.IntN(6) {
			sentences = append(sentences, newsFiller[rng.IntN(len(newsFiller))])
		}
		// The claims first, in their order, with filler between them.
		rng.Shuffle(len(sentences)-9, func(x, y int) { sentences[9+x], sentences[9+y] = sentences[9+y], sentences[9+x] })
		k := 9
		for j, s := range sentences[:9] {
			text.WriteString(s)
			for range 1 + rng.IntN(2) {
				if k < len(sentences) {
					text.WriteString(" " + sentences[k])
					k++
				}
			}
			if j%2 == 1 {
				text.WriteString("\n\n")
			} else {
				text.WriteString(" ")
			}
		}
		for ; k < len(sentences); k++ {
			text.WriteString(sentences[k] + " ")
		}
		text.WriteString("\n\n")
		if rng.IntN(3) == 0 {
			text.WriteString(newsFurniture[rng.IntN(len(newsFurniture))] + "\n")
		}
		base := filepath.Join(dir, fmt.Sprintf("news-%06d", i))
		if err := os.WriteFile(base+".txt", []byte(text.String()), 0o644); err != nil {
			return err
		}
		if i%4 != 0 {
			continue
		}
		ann := fmt.Sprintf("document:\n  title: %s blames %s\n  publisher: Synthetic Wire\n  published: \"%04d-%02d-%02d\"\nclaims:\n"+
			"  - {subject: country:%s, type: ACCUSED, object: country:%s, confidence: 0.9, quote: '%s'}\n",
			a.name, b.name, year, month, day, a.code, b.code, strings.ReplaceAll(accuse, "'", "''"))
		if err := os.WriteFile(base+".annotations.yaml", []byte(ann), 0o644); err != nil {
			return err
		}
	}
	return nil
}
