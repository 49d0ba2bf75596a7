package extract_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/annotation"
	"github.com/actorgraph/actorgraph/loader/clean"
	"github.com/actorgraph/actorgraph/loader/extract"
	"github.com/actorgraph/actorgraph/loader/resolve"
)

func newExtractor(t testing.TB) (*extract.Extractor, *resolve.Registry) {
	t.Helper()
	reg, err := resolve.Reference()
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(reg)
	if err != nil {
		t.Fatal(err)
	}
	return x, reg
}

// facts flattens an annotation file into short lines a test can look for:
//
//	"country:US -WARNED-> country:RU [rule:warning@2] of=consequences"
//	"ATTRIBUTION by=country:US blames=country:RU concerns=op:x alleged [rule:attribution@2]"
//	"STATEMENT by=person:x about=country:US,country:RU at=event:y [rule:quote@1]"
//	"ROLE person:x org:y Title [rule:role-title@1]"
func facts(f *annotation.File) []string {
	var out []string
	for _, a := range f.Attributions {
		s := fmt.Sprintf("ATTRIBUTION by=%s blames=%s concerns=%s", strings.Join(a.By, ","), strings.Join(a.Blames, ","), a.Concerns)
		if a.Modality != "" {
			s += " " + a.Modality
		}
		if a.Basis != "" {
			s += " basis=" + a.Basis
		}
		out = append(out, s+" ["+a.Method+"]")
	}
	attr := map[string]string{}
	for _, a := range f.Attributions {
		attr[a.ID] = "ATTRIBUTION(" + strings.Join(a.By, ",") + ")"
	}
	name := func(id string) string {
		if n, ok := attr[id]; ok {
			return n
		}
		return id
	}
	for _, c := range f.Claims {
		s := fmt.Sprintf("%s -%s-> %s [%s]", name(c.Subject), c.Type, name(c.Object), c.Method)
		keys := make([]string, 0, len(c.Properties))
		for k := range c.Properties {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			s += " " + k + "=" + c.Properties[k]
		}
		if c.Modality != "" {
			s += " " + c.Modality
		}
		out = append(out, s)
	}
	for _, st := range f.Statements {
		about := make([]string, 0, len(st.About))
		for _, a := range st.About {
			about = append(about, name(a))
		}
		s := fmt.Sprintf("STATEMENT by=%s about=%s", strings.Join(st.Speakers, ","), strings.Join(about, ","))
		if st.MadeAt != "" {
			s += " at=" + st.MadeAt
		}
		out = append(out, s+" ["+st.Method+"]")
	}
	for _, r := range f.Roles {
		out = append(out, fmt.Sprintf("ROLE %s %s %s [%s]", r.Person, r.Organization, r.Title, r.Method))
	}
	return out
}

func extractFacts(t *testing.T, x *extract.Extractor, raw string) []string {
	t.Helper()
	c := clean.Clean(raw)
	f, err := x.Extract(graph.Document{Text: c.Text, Title: c.Title, Source: "test.txt"})
	if err != nil {
		t.Fatal(err)
	}
	return facts(f)
}

// hasPrefix reports whether a fact starts with want (so a test need not
// spell out every property).
func hasFact(got []string, want string) bool {
	return slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, want) })
}

// Each rule on the kinds of sentence it is for, and on one it must leave
// alone.
func TestRules(t *testing.T) {
	x, _ := newExtractor(t)
	const head = "Headline words here\n\n"
	for _, tc := range []struct {
		rule string
		text string
		want []string
		not  []string
	}{
		{"attribution: X blamed Y for Z", "The United States on Tuesday publicly blamed North Korea for the WannaCry ransomware attack.",
			[]string{"ATTRIBUTION by=country:US blames=country:KP concerns=op:wannacry [rule:attribution@2]"}, nil},
		{"attribution: pointed the finger, hedged, headline as more evidence",
			"Russia blamed for cyber attack on US elections\n\nThe suspected Russian cyber-attack in November hit the vote. As the US pointed the finger at a resurgent Russia in this case, allies met.",
			[]string{"ATTRIBUTION by=country:US blames=country:RU concerns=op:cyber-attack-on-us-elections alleged",
				"ATTRIBUTION(country:US) -BLAMES-> country:RU [rule:attribution@2] alleged"},
			[]string{"ATTRIBUTION by=country:RU"}},
		{"attribution: blamed Z on Y, a group it calls X",
			head + "A hack of Microsoft Exchange email servers hit thousands. Microsoft had blamed the intrusions in March on a Chinese state-sponsored group it calls Hafnium.",
			[]string{"ATTRIBUTION by=org:microsoft blames=org:hafnium concerns=op:hack-of-microsoft-exchange-email-servers"},
			[]string{"ATTRIBUTION by=org:microsoft blames=country:CN"}},
		{"attribution: operations before 'that X blamed on'",
			head + "One model may be the attribution from the WannaCry and NotPetya cyberattacks, that the U.S. blamed on foreign countries.",
			[]string{"ATTRIBUTION by=country:US blames= concerns=op:wannacry", "ATTRIBUTION by=country:US blames= concerns=op:notpetya"}, nil},
		{"attribution: accused Y of an operation",
			head + "The United States and its allies on Monday accused China of a massive hack of Microsoft Exchange email servers.",
			[]string{"ATTRIBUTION by=country:US blames=country:CN concerns=op:hack-of-microsoft-exchange-email-servers"},
			[]string{"country:US -ACCUSED->"}},
		{"attribution-reported: said ... were responsible",
			head + "The hack of Microsoft Exchange servers was broad. Britain said Chinese state-backed groups were responsible. The European Union said the hack had been carried out “from the territory of China”.",
			[]string{"ATTRIBUTION by=country:GB blames=country:CN concerns=op:hack-of-microsoft-exchange-servers [rule:attribution-reported@3]",
				"ATTRIBUTION by=org:eu blames=country:CN", "STATEMENT by=country:GB about=country:CN,op:hack-of-microsoft-exchange-servers"}, nil},
		{"attribution-reported: an attempt by Y to hack into Z",
			head + "Chile said on Thursday that it had foiled an attempt by Russia’s GRU military intelligence agency to hack into the Andean Water Authority in April.",
			[]string{"ATTRIBUTION by=country:CL blames=org:ru-gru concerns=op:attempt-to-hack-into-the-andean-water-authority",
				"op:attempt-to-hack-into-the-andean-water-authority -TARGETED-> org:andean-water-authority"}, nil},
		{"attribution-reported: a group known as X was behind it",
			head + "The Lima attack spread. Britain’s GCHQ had already concluded that a Chinese hacking group known as APT40 was highly likely behind the Lima attack.",
			[]string{"ATTRIBUTION by=org:uk-gchq blames=org:apt40 concerns=op:lima-attack"},
			[]string{"STATEMENT by=org:uk-gchq", "blames=country:CN,org:apt40"}},
		{"attribution-legal: charged, arrest warrant",
			head + "The 2019 cyber-attack on the Chilean senate was broad. The US Justice Department charged four GRU officers with hacking. Chilean prosecutors issued an arrest warrant for Oleg Marin in May.",
			[]string{"ATTRIBUTION by=org:us-justice-department blames=org:ru-gru concerns=op:2019-cyber-attack-on-the-chilean-senate basis=legal [rule:attribution-legal@2]",
				"ATTRIBUTION by=country:CL blames=person:oleg-marin"}, nil},
		{"backing: a doctrine",
			head + "Its Nato allies rallied behind what has become known as the “offender doctrine”. The US backed the doctrine.",
			[]string{"org:nato -BACKED-> doctrine:offender-doctrine [rule:backing-doctrine@2]", "country:US -BACKED-> doctrine:offender-doctrine"}, nil},
		{"backing: an attribution, whose it is",
			head + "Chile and Peru blamed Bolivia for the Lima cyber-attack. Ecuador, Colombia and Mexico backed the Chilean and Peruvian assessment.",
			[]string{"country:EC -BACKED-> ATTRIBUTION(country:CL,country:PE)", "country:MX -BACKED-> ATTRIBUTION(country:CL,country:PE)"}, nil},
		{"solidarity",
			head + "NATO said it stood in solidarity with the Polish and Estonian governments.",
			[]string{"org:nato -SUPPORTED-> country:PL [rule:solidarity@2]", "org:nato -SUPPORTED-> country:EE"}, nil},
		{"adoption: passed by, approved by",
			head + "Allies rallied behind the “offender doctrine”, passed by the Pentagon and approved by the US House of Representatives.",
			[]string{"org:us-pentagon -ADOPTED-> doctrine:offender-doctrine [rule:adopted-by@2] how=passed",
				"org:us-house -ADOPTED-> doctrine:offender-doctrine [rule:adopted-by@2] how=approved"}, nil},
		{"adoption: signed an executive order",
			head + "President Carla Vega signed an executive order that widens sanctions against Peru.",
			[]string{"person:carla-vega -ADOPTED-> doctrine:executive-order-that-widens-sanctions-against-peru [rule:adoption@2] how=signed"}, nil},
		{"proposal and model",
			head + "The State Department is developing a coalition of allies in cyberspace. It follows a 2017 executive order from President Donald Trump on cybersecurity. Experts have suggested a “proliferation security initiative” could be a model.",
			[]string{"org:us-state-department -PROPOSED-> doctrine:coalition-of-allies-in-cyberspace [rule:proposal@2]",
				"person:donald-trump -PROPOSED-> doctrine:2017-executive-order-on-cybersecurity",
				"doctrine:coalition-of-allies-in-cyberspace -MODELED_ON-> doctrine:proliferation-security-initiative [rule:model@2] alleged"}, nil},
		{"convening and attendance",
			head + "The U.S. on Friday convened a ministerial meeting on cybersecurity with like-minded nations. Officials from Australia, Chile, the Netherlands, the U.K. and the European Union attended.",
			[]string{"country:US -CONVENED-> event:ministerial-meeting-on-cybersecurity [rule:convening@2]",
				"country:AU -ATTENDED-> event:ministerial-meeting-on-cybersecurity [rule:attendance@2]",
				"country:NL -ATTENDED->", "country:GB -ATTENDED->", "org:eu -ATTENDED->"}, nil},
		{"warning: objects, and a participle with if",
			"Peru warns Chile, Bolivia and Ecuador of consequences of raids\n\nBolivia closed the border at Tambo, warning of “grave consequences” unless Peru withdrew its troops.",
			[]string{"country:PE -WARNED-> country:BO [rule:warning@2] of=consequences of raids",
				"country:BO -WARNED-> country:PE [rule:warning-if@2] of=grave consequences"}, nil},
		{"threat", head + "Russia threatened Ukraine with retaliation.", []string{"country:RU -THREATENED-> country:UA [rule:threat@2]"}, nil},
		{"accusation: with what, where, and the statement",
			head + "U.S. President Donald Trump accused China of attempting to interfere in the upcoming U.S. midterm elections in November, during a Security Council meeting.",
			[]string{"person:donald-trump -ACCUSED-> country:CN [rule:accusation@1] of=attempting to interfere in the upcoming U.S. midterm elections in November",
				"person:donald-trump -ATTENDED-> event:security-council-meeting [rule:presence@2]",
				"STATEMENT by=person:donald-trump about=country:CN,event:us-midterm-elections at=event:security-council-meeting [rule:accusation@1]",
				"ROLE person:donald-trump country:US President [rule:role-title@1]"}, nil},
		{"sanction: on, a list, a person named by post",
			head + "Chile imposed sanctions on the head of Russia’s GRU and one of its officers over the 2019 cyber-attack on the Chilean senate. The sanctions target Ivan Petrov, the head of the GRU, and Oleg Marin, as well as the unit itself, APT28.",
			[]string{"country:CL -SANCTIONED-> person:ivan-petrov [rule:sanction-targets@2]", "country:CL -SANCTIONED-> org:apt28"},
			[]string{"country:CL -SANCTIONED-> org:ru-gru", "country:CL -SANCTIONED-> country:RU"}},
		{"sanction: verb, and who is among the sanctioned",
			"US sanctions China over Andes Water hack\n\nAmong the organisations sanctioned is the Ministry of State Security.",
			[]string{"country:US -SANCTIONED-> country:CN", "country:US -SANCTIONED-> org:cn-mss [rule:sanction-among@2]"}, nil},
		{"sanction: a list ends at a verb",
			"Chile sanctions Russia and names GRU as Lima hackers\n\nThe GRU denied it.",
			[]string{"country:CL -SANCTIONED-> country:RU"}, []string{"-SANCTIONED-> org:ru-gru"}},
		{"denial: of the attribution that blames the denier; the charges are the legal one",
			head + "Chile blamed Bolivia for the Lima attack. The Justice Department charged two Bolivian hackers with the Lima attack. Bolivia denied playing any role in the attack. Bolivia denied the charges.",
			[]string{"country:BO -DENIED-> ATTRIBUTION(country:CL) [rule:denial@4]", "country:BO -DENIED-> ATTRIBUTION(org:us-justice-department)"}, nil},
		{"denial, general: answers every attribution blaming the denier or its own, whoever made it",
			head + "A cyber-attack on the Port of Valparaíso halted shipping in May. Chile blamed China for the attack on the Port of Valparaíso. Peru said APT40 had carried out the attack on the Port of Valparaíso. Beijing has denied any involvement.",
			[]string{"country:CN -DENIED-> ATTRIBUTION(country:CL) [rule:denial@4]", "country:CN -DENIED-> ATTRIBUTION(country:PE)"}, nil},
		{"denial: a gerund of five letters ('denied using') is a denial",
			head + "Chile blamed Bolivia for the bombing of the Lima metro. Bolivia denied using explosives.",
			[]string{"country:BO -DENIED-> ATTRIBUTION(country:CL)"}, nil},
		{"denial, general: 'denied using' is a denial; one naming an operation answers only that operation's attributions",
			head + "A bomb attack on the Lima metro killed nine people. Chile blamed Bolivia for the Lima bombing. A cyber-attack on the Port of Arica followed. Peru blamed Bolivia for the attack on the Port of Arica. Bolivia has denied using explosives in the Lima bombing.",
			[]string{"country:BO -DENIED-> ATTRIBUTION(country:CL)"}, []string{"country:BO -DENIED-> ATTRIBUTION(country:PE)"}},
		{"denial, specific: 'the accusation' answers one, the last reported that blames the denier",
			head + "Chile blamed Bolivia for the bombing of the Lima metro. Peru said Bolivia was behind the bombing of the Lima metro. Bolivian spokesman Luis Mora rejected the accusation.",
			[]string{"person:luis-mora -DENIED-> ATTRIBUTION(country:PE)"}, []string{"person:luis-mora -DENIED-> ATTRIBUTION(country:CL)"}},
		{"subjects: a fronted phrase of time ends at its date ('On Monday Peru ...', 'In 2019 Chile ...')",
			head + "A bomb attack on the Lima metro killed nine people. On Monday Peru blamed Bolivia for the Lima bombing. In 2019 Chile launched the Andean Data Initiative.",
			[]string{"ATTRIBUTION by=country:PE blames=country:BO", "country:CL -PROPOSED-> doctrine:andean-data-initiative"}, nil},
		{"denial: 'X said it had nothing to do with' the attack is X's denial",
			head + "Chile blamed Bolivia for the bombing of the Lima metro. Bolivia said it had nothing to do with the bombing. Peru said it was not involved either.",
			[]string{"country:BO -DENIED-> ATTRIBUTION(country:CL) [rule:denial-self@2]"}, []string{"country:PE -DENIED->"}},
		{"denial, specific: a possessive names whose accusations are denied",
			head + "Chile blamed Bolivia for the bombing of the Lima metro. Peru said Bolivia was behind the bombing of the Lima metro. Bolivian spokesman Luis Mora dismissed Chile’s accusations. Bolivia later rejected the investigators’ conclusions.",
			[]string{"person:luis-mora -DENIED-> ATTRIBUTION(country:CL)", "country:BO -DENIED-> ATTRIBUTION(country:PE)"},
			[]string{"person:luis-mora -DENIED-> ATTRIBUTION(country:PE)", "country:BO -DENIED-> ATTRIBUTION(country:CL)"}},
		{"reaction and call",
			head + "Allies rallied behind the “offender doctrine”. China reacted angrily on Wednesday, calling for more cooperation between the US and the People’s Liberation Army.",
			[]string{"country:CN -REACTED_TO-> doctrine:offender-doctrine [rule:reaction@1] how=reacted angrily",
				"country:CN -CALLED_FOR-> org:cn-pla [rule:call@2] what=more cooperation between the US and the People’s Liberation Army",
				"STATEMENT by=country:CN about=doctrine:offender-doctrine,country:US,org:cn-pla [rule:reaction@1]"}, nil},
		{"targeting",
			head + "The NotPetya malware first struck Ukrainian government agencies. It then spread to firms including the shipping group Maersk, causing damage. In Britain it disrupted the National Health Service.",
			[]string{"op:notpetya -TARGETED-> country:UA [rule:targeting-verb@1]", "op:notpetya -TARGETED-> org:maersk", "op:notpetya -TARGETED-> org:national-health-service"},
			[]string{"-TARGETED-> country:GB"}},
		{"membership and part-of",
			head + "Two journalists, Ana Soto and Luis Mora, belonged to a hacking group known as APT40. Carla Vega, an officer of the Defense Department’s National Security Agency, was named.",
			[]string{"person:ana-soto -MEMBER_OF-> org:apt40 [rule:membership@2]", "person:luis-mora -MEMBER_OF-> org:apt40",
				"org:us-nsa -PART_OF-> org:us-pentagon [rule:part-of-possessive@2]", "ROLE person:carla-vega org:us-nsa Officer [rule:role-apposition@1]"}, nil},
		{"criticism", head + "US Secretary of State Carla Vega condemned Chile’s cyber-attacks against Peru.",
			[]string{"person:carla-vega -CRITICIZED-> country:CL [rule:criticism@3]",
				"ROLE person:carla-vega org:us-state-department Secretary of State"}, nil},
		{"similar statements",
			head + "The European Union and Britain blamed Russia for a cyber-attack on the KA-SAT satellite network. Canada and Australia issued similar statements.",
			[]string{"ATTRIBUTION by=country:CA,country:AU blames=country:RU concerns=op:cyber-attack-on-the-ka-sat-satellite-network"}, nil},
		{"response",
			"Russia blamed for cyber attack on US elections\n\nIn response to alleged Russian interference in US elections, the US backed a new international doctrine.\n\nAllies rallied behind the “offender doctrine”.",
			[]string{"doctrine:offender-doctrine -RESPONDS_TO-> op:cyber-attack-on-us-elections [rule:response@2] alleged"}, nil},
		{"quote: before the speaker, a pronoun after",
			head + "“The United States is leading the response and Russia is certainly the poster child,” US defence secretary Jim Mattis said this week.\n\n“We have proposals of what we’re prepared to do with our allies,” he said.",
			[]string{"STATEMENT by=person:jim-mattis about=country:US,country:RU [rule:quote@1]",
				"STATEMENT by=person:jim-mattis about=country:US [rule:quote@1]",
				"ROLE person:jim-mattis org:us-pentagon Defence Secretary [rule:role-title@1]"}, nil},
		{"quote: split around the speaker, and a document that speaks",
			head + "Deputy Secretary of State John Sullivan spoke.\n\n" + `"It is not just Russia. It is not just China," Sullivan said of the state actors. "It could be North Korea or Iran."` +
				"\n\n“Deterrence keeps power balances balanced,” a joint explanatory note from the Pentagon and State Department says.",
			[]string{"STATEMENT by=person:john-sullivan about=country:RU,country:CN,country:KP,country:IR [rule:quote@1]",
				"STATEMENT by=org:us-pentagon,org:us-state-department about= [rule:quote@1]"}, nil},
		{"reported speech, place of speaking carried to the next statement",
			head + "Speaking to reporters on the sidelines of the United Nations General Assembly, U.S. Deputy Secretary of State John Sullivan said that there must be \"costs and consequences\" for cyberattacks on the U.S. by state actors. Those measures include \"sanctions,\" Sullivan said.",
			[]string{"STATEMENT by=person:john-sullivan about=country:US at=event:united-nations-general-assembly [rule:reported-speech@2]",
				"STATEMENT by=person:john-sullivan about= at=event:united-nations-general-assembly [rule:quote@1]",
				"ROLE person:john-sullivan org:us-state-department Deputy Secretary of State [rule:role-title@1]"}, nil},
		{"reported speech to media; the medium is no actor",
			head + "Rob Strayer, the deputy assistant secretary for cyber and international communications in the State Department, told Fifth Domain the agency is intending to work with the United States.",
			[]string{"STATEMENT by=person:rob-strayer about=country:US [rule:reported-speech@2]",
				"ROLE person:rob-strayer org:us-state-department Deputy Assistant Secretary for Cyber and International Communications [rule:role-apposition@1]"},
			[]string{"fifth-domain"}},
		{"negation: no evidence is no attribution; an unknown group named",
			head + "The FBI on Monday blamed a criminal group called BlackReef for the ransomware attack on the Andes Water Company. President Carla Vega said there was no evidence that the Russian government was involved.",
			[]string{"ATTRIBUTION by=org:us-fbi blames=org:blackreef", "ROLE person:carla-vega country:US President"},
			[]string{"blames=country:RU", "org:us-fbi President"}},
		{"roles: a company named before a company title",
			head + "Andes Water chief executive Tomas Reyes said the company had paid a ransom.",
			[]string{"ROLE person:tomas-reyes org:andes-water Chief Executive [rule:role-title@1]"}, nil},
		{"roles: apposition after a title, a title before a name with its body",
			head + "Russia summoned the US ambassador, Tom Reed. FBI Director Eva Marsh spoke. Kremlin spokesman Oleg Marin rejected the accusations.",
			[]string{"ROLE person:tom-reed country:US Ambassador", "ROLE person:eva-marsh org:us-fbi Director",
				"ROLE person:oleg-marin country:RU Spokesman"}, nil},
		// Issue 19: general constructions, on sentences written for them.
		{"negation: a negated verb asserts nothing",
			head + "Leaders met at the Oslo summit on cybersecurity. Italy did not attend the summit, and Spain has never backed the plan.",
			nil, []string{"country:IT -ATTENDED->", "country:ES -BACKED->"}},
		{"attribution of a happening: blamed Y for the poisoning of Z",
			head + "Norway blamed Iran for the poisoning of Ahmad Karimi in Bergen.",
			[]string{"ATTRIBUTION by=country:NO blames=country:IR concerns=event:"}, nil},
		{"characterization: dismissed the accusations as “...” is reported words",
			head + "Norway blamed Iran for the poisoning of Ahmad Karimi. Iran’s foreign ministry dismissed the accusations as “a fabrication”.",
			[]string{"STATEMENT by=country:IR about= [rule:characterization@2]", "country:IR -DENIED->"}, nil},
		{"characterization: called X a Y",
			head + "Chile’s government called the expulsions a hostile act.",
			[]string{"STATEMENT by=country:CL about= [rule:characterization-called@1]"}, nil},
		{"characterization: a group called X is a name, not words",
			head + "Hackers from a group called Blue Lynx struck banks.",
			nil, []string{"[rule:characterization@2]"}},
		{"acting for: a spokesperson's attribution is their government's, the person the speaker",
			head + "A bomb hit the Kenyan embassy in Oslo. White House press secretary Mara Lind said Iran was responsible for the bombing of the Kenyan embassy.",
			[]string{"ATTRIBUTION by=country:US blames=country:IR concerns=event:", "STATEMENT by=person:mara-lind"},
			[]string{"ATTRIBUTION by=person:mara-lind"}},
		{"acting for: a minister's own judgement stays the minister's",
			head + "A bomb hit the Kenyan embassy in Oslo. Norwegian Foreign Minister Per Dahl said Iran was responsible for the bombing of the Kenyan embassy.",
			[]string{"ATTRIBUTION by=person:per-dahl blames=country:IR"}, nil},
		{"roles: a state after the name (King X of Y)",
			head + "Chile hosted the talks. King Hassan IV of Morocco attended the talks.",
			[]string{"ROLE person:hassan-iv country:MA"}, []string{"ROLE person:hassan-iv country:CL"}},
		{"roles: an unknown body named before the title", head + "Chile hosted the talks. Andean Council President Rosa Vega said it went well.",
			[]string{"ROLE person:rosa-vega org:andean-council"}, []string{"ROLE person:rosa-vega country:CL"}},
		{"roles: an opposition leader holds no office of the state", head + "Peru jailed opposition leader Luis Mora.",
			nil, []string{"ROLE person:luis-mora"}},
		{"roles: the dateline state for a head of government the sentence gives no state",
			"Chile blames Peru\n\nLIMA -- Chile and Bolivia protested on Monday. Peru rejected it. Prime Minister Ana Soto said the claim was false.",
			[]string{"ROLE person:ana-soto country:PE"}, []string{"ROLE person:ana-soto country:CL"}},
		{"attendance: a list of titled people, and who did as they did",
			head + "Ministers met at a summit in Lima hosted by Chile. Kenyan President Ruth Wambui, King Hassan IV of Morocco and New Zealand Prime Minister Ana Kahu attended the summit, as did Acme chief executive Joe Bloggs.",
			[]string{"person:ruth-wambui -ATTENDED-> event:summit-in-lima", "person:hassan-iv -ATTENDED-> event:summit-in-lima",
				"person:ana-kahu -ATTENDED-> event:summit-in-lima", "person:joe-bloggs -ATTENDED-> event:summit-in-lima"},
			[]string{"country:NZ -ATTENDED->", "country:KE -ATTENDED->"}},
		{"speech: a participle's speaker is the sentence's subject",
			head + "Chile rejected the claim, saying Peru had no evidence.", []string{"STATEMENT by=country:CL"}, nil},
		{"speech: title, name, auxiliary, verb",
			head + "Acme’s chief executive, Joe Bloggs, has said that paying was right.", []string{"STATEMENT by=person:joe-bloggs"}, nil},
		{"characterization: called the accusation groundless",
			head + "Norway blamed Iran for the poisoning of Ahmad Karimi. Iranian spokesman Ali Rezai called the accusation groundless.",
			[]string{"STATEMENT by=person:ali-rezai about= [rule:characterization-called@1]"}, nil},
		{"backing: a position named for the states that took it",
			head + "Norway blamed Iran for the bombing of the Kenyan embassy. NATO backed the Norwegian position.",
			[]string{"org:nato -BACKED-> ATTRIBUTION(country:NO)"}, nil},
		{"made at: words said after the meeting",
			head + "Leaders met at a summit in Lima. Chile told reporters after the summit that the deal was fair.",
			[]string{"STATEMENT by=country:CL about= at=event:summit-in-lima"}, nil},
		{"attribution-reported: the innermost 'that' says who is responsible, and who holds them so",
			head + "A bomb hit the Kenyan embassy in Oslo. Norway said Chile and Peru were convinced that Iran was responsible for the bombing of the Kenyan embassy.",
			[]string{"ATTRIBUTION by=country:CL,country:PE blames=country:IR concerns=event:"}, []string{"blames=country:CL", "ATTRIBUTION by=country:NO"}},
		{"attribution-reported: the 'of' of a happening names no one blamed",
			head + "Chile said Peru was responsible for the downing of Acme Airlines flight 12.",
			[]string{"ATTRIBUTION by=country:CL blames=country:PE concerns=event:"}, []string{"blames=country:PE,org:acme-airlines"}},
		{"subjects: member states act, not their body",
			head + "United Nations member states on Monday opposed the Lima Resolution.", nil, []string{"org:un -REACTED_TO->"}},
		{"subjects: no main-clause subject for a verb after 'after'",
			head + "A bomb hit the Kenyan embassy in Oslo. Chile imposed sanctions two days after the Nordic country severed ties with Iran.",
			nil, []string{"country:CL -REACTED_TO->"}},
		{"sanctions: targets with an acronym in brackets, and one 'also listed'",
			head + "Chile imposed sanctions on four Peruvian officials and an institute. Those targeted include Luis Mora, the director of the Navy Intelligence Service (NIS), and Ana Soto, the deputy director. The Andean Institute of Marine Biology was also listed.",
			[]string{"country:CL -SANCTIONED-> person:luis-mora", "country:CL -SANCTIONED-> person:ana-soto",
				"country:CL -SANCTIONED-> org:andean-institute-of-marine-biology"}, nil},
		{"speech: ', said <name> had ...' is what is said, not who says it",
			head + "A bomb hit the Kenyan embassy in Oslo. President Ana Soto, speaking in Lima, said Peruvian President Luis Mora had ordered the bombing of the Kenyan embassy.",
			[]string{"STATEMENT by=person:ana-soto"}, []string{"STATEMENT by=country:PE", "STATEMENT by=person:luis-mora"}},
		{"attribution-reported: 'no explanation other than' affirms",
			head + "The poisoning of Ahmad Karimi shocked Bergen. Norway said there was no plausible explanation for the poisoning other than Iranian involvement.",
			[]string{"ATTRIBUTION by=country:NO blames=country:IR concerns=event:"}, nil},
		{"attribution-reported: agreed that; the involvement of a body named back",
			head + "The Navy Intelligence Service (NIS) watched Ahmad Karimi before his poisoning in Bergen. The European Union agreed that the poisoning was only possible with the involvement of the service.",
			[]string{"ATTRIBUTION by=org:eu blames=org:navy-intelligence-service concerns=event:"}, nil},
		{"attribution-reported: bore ultimate responsibility",
			head + "A missile blast in Narva killed two men. NATO said the blast was likely caused by an Estonian missile but that Russia bore ultimate responsibility.",
			[]string{"ATTRIBUTION by=org:nato blames=country:RU"}, nil},
		{"group references: 'the two presidents', 'the three countries'",
			head + "Mexican President Ana Soto and Cuban President Luis Mora met in Lima. In a joint statement, the two presidents said the border was open. Chile, Bolivia and Ecuador signed a pact, and Argentina urged the three countries to abandon it.",
			[]string{"STATEMENT by=person:ana-soto,person:luis-mora", "country:AR -CALLED_FOR-> country:CL", "country:AR -CALLED_FOR-> country:BO",
				"country:AR -CALLED_FOR-> country:EC"}, nil},
		{"calls: the subject of a list of verbs calls, not the object of the first",
			head + "Police detained Ana Ruiz, a journalist. US Secretary of State Tom Reed condemned the Cuban government’s action and called for Ruiz’s release. The EU condemned Cuba, called for the release of Ruiz, and asked the International Press Institute to investigate.",
			[]string{"person:tom-reed -CALLED_FOR-> person:ana-ruiz", "org:eu -CALLED_FOR-> person:ana-ruiz", "org:eu -CALLED_FOR-> org:international-press-institute"},
			[]string{"country:CU -CALLED_FOR->", "country:US -CALLED_FOR->", "org:eu -CALLED_FOR-> country:CU"}},
		{"calls: urged someone who is no actor, and a passive 'proposed by'",
			head + "Chile urged European carriers to stop flying over Peru. Delegates discussed a convention first proposed by Bolivia.",
			nil, []string{"-CALLED_FOR->"}},
		{"doctrines: a convention named by its subject, and the body that names it",
			head + "Chile ratified the United Nations Convention against Piracy in 2020.",
			[]string{"country:CL -ADOPTED-> doctrine:united-nations-convention-against-piracy"}, nil},
		{"speech: ', said <titled name> had ...' after an apposition",
			head + "President Ana Soto, speaking at her residence in Lima, said Cuban President Omar al-Rashid had launched a chemical attack on Hama.",
			[]string{"STATEMENT by=person:ana-soto", "ATTRIBUTION by=person:ana-soto blames=person:omar-al-rashid"}, []string{"STATEMENT by=country:CU"}},
		{"sanctions: 'the same sanctions' and 'It also sanctioned'",
			head + "The European Union imposed sanctions on Luis Mora, the deputy director. Chile imposed the same sanctions on him on Friday. The Chilean Treasury Department said the officers had broken the law. It also sanctioned the navy minister, Ana Soto.",
			[]string{"org:eu -SANCTIONED-> person:luis-mora", "country:CL -SANCTIONED-> person:luis-mora", "org:chilean-treasury-department -SANCTIONED-> person:ana-soto"}, []string{"org:us-treasury"}},
		{"subjects: the antecedent of ', who hosted'; words said addressing a meeting",
			head + "Leaders met at a summit in Lima. Kenyan President Ruth Wambui, who hosted the summit, had urged Chile to end the war. Chilean President Ana Soto, addressing the summit from Santiago, said the fighting must end.",
			[]string{"person:ruth-wambui -CONVENED-> event:summit-in-lima", "person:ruth-wambui -CALLED_FOR-> country:CL",
				"STATEMENT by=person:ana-soto about= at=event:summit-in-lima"}, nil},
		{"proposal: 'and set out a plan' after a speech, by the person a demonym qualifies",
			head + "Kenyan President Ruth Wambui, speaking to reporters, said the fighting must end and set out a 12-step truce plan.",
			[]string{"person:ruth-wambui -PROPOSED-> doctrine:12-step-truce-plan"}, []string{"country:KE -PROPOSED->"}},
		{"denial: calling the accusation groundless answers the one reported last",
			head + "Norway blamed Iran for the poisoning of the journalist Ahmad Karimi. Karimi has said he believes Iran was behind the poisoning. Iranian spokesman Ali Rezai called the accusation groundless and unacceptable.",
			[]string{"person:ali-rezai -DENIED-> ATTRIBUTION(person:ahmad-karimi)"}, []string{"person:ali-rezai -DENIED-> ATTRIBUTION(country:NO)"}},
		{"pronouns: 'He said' opening a sentence is the previous sentence's subject, not the last person it named",
			head + "President Tom Reed said Cuban President Omar al-Rashid had ordered the strike. He said the strike was unlawful.",
			[]string{"STATEMENT by=person:tom-reed about= "}, []string{"STATEMENT by=person:omar-al-rashid"}},
		{"group references: 'the two presidents' are two presidents, not the last two people named",
			head + "Mexican President Ana Soto and Cuban President Luis Mora met in Lima. Foreign Minister Tom Reed and Foreign Minister Eva Ruiz joined them. In a joint statement, the two presidents said the border was open.",
			[]string{"STATEMENT by=person:ana-soto,person:luis-mora"}, []string{"STATEMENT by=person:tom-reed"}},
		{"response: 'It was drawn up in response to' after a doctrine",
			head + "The Lima Accord was launched at a meeting in Paris. It was drawn up in response to the Oslo attacks.",
			[]string{"doctrine:lima-accord -RESPONDS_TO-> event:oslo-attacks"}, nil},
		{"speech: a relative clause inside what is said does not end it",
			head + "Chile said that the May intrusion, which cut power to the port for a day, had been orchestrated by Peru.",
			[]string{"STATEMENT by=country:CL about=country:PE", "ATTRIBUTION by=country:CL blames=country:PE"}, nil},
		{"roles: a derived demonym gives the state, not a country named nearby",
			head + "Ghana hosted the talks. Kenyan President Ruth Wambui said the deal was fair.",
			[]string{"ROLE person:ruth-wambui country:KE"}, []string{"ROLE person:ruth-wambui country:GH"}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			got := extractFacts(t, x, tc.text)
			for _, w := range tc.want {
				if !hasFact(got, w) {
					t.Errorf("missing %q\ngot:\n  %s", w, strings.Join(got, "\n  "))
				}
			}
			for _, n := range tc.not {
				if slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, n) }) {
					t.Errorf("unexpected %q\ngot:\n  %s", n, strings.Join(got, "\n  "))
				}
			}
		})
	}
}
