package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/resolve"
)

func testExtractor(t testing.TB) *Extractor {
	t.Helper()
	reg, err := resolve.Reference()
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(reg)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// mentionsOf recognizes the text and returns its mentions as "text=id",
// in order.
func mentionsOf(x *Extractor, text string) []string {
	d := x.newDocument(graph.Document{Text: text, Source: "test"})
	d.recognize()
	d.finalizeIDs()
	var out []string
	for _, s := range d.sents {
		for _, m := range s.ments {
			id := "media"
			if m.ent != nil {
				id = m.ent.id
			} else if !m.media {
				id = "?"
			}
			out = append(out, m.text()+"="+id)
		}
	}
	return out
}

// Recognition: what a journalist would circle in the text, with the id it
// resolves to. want lists mentions that must be there; not those that must
// not.
func TestRecognition(t *testing.T) {
	x := testExtractor(t)
	for _, tc := range []struct {
		name string
		text string
		want []string
		not  []string
	}{
		{"country by name", "Estonia and the Netherlands joined.", []string{"Estonia=country:EE", "Netherlands=country:NL"}, nil},
		{"demonyms the reference data lacks, from the country's one-word name", "Peruvian, Ecuadorian, Brazilian, Haitian and Canadian ships arrived, with Argentine and Kuwaiti crews.",
			[]string{"Peruvian=country:PE", "Ecuadorian=country:EC", "Brazilian=country:BR", "Haitian=country:HT", "Canadian=country:CA",
				"Argentine=country:AR", "Kuwaiti=country:KW"}, nil},
		{"a reference alias at the end of a longer capitalized name is not that body",
			"The Andean Security Council spokesperson Ana Soto spoke.", nil, []string{"Security Council=org:un-security-council"}},
		{"the alias alone, or after a name of its own, still is",
			"The Security Council met, and the UN Security Council voted. Later NATO met, and Acme-owned Microsoft spoke.",
			[]string{"Security Council=org:un-security-council", "UN Security Council=org:un-security-council", "NATO=org:nato",
				"Microsoft=org:microsoft"}, nil},
		{"first names are no demonyms", "Adrian Soto, Christian Rey, Julian Vera and Dorian Gil spoke.", nil,
			[]string{"=country:"}},
		{"country by code and spelling", "The U.S. and the UK agreed; America said so and the US did too.",
			[]string{"U.S.=country:US", "UK=country:GB", "America=country:US", "US=country:US"}, nil},
		{"no ISO code that is an English word", "IT systems and AI tools were hit in CA.", nil,
			[]string{"IT=country:IT", "AI=country:AI", "CA=country:CA"}},
		{"demonym as modifier", "The suspected Russian cyber-attack hit Ukrainian banks.", []string{"Russian=country:RU", "Ukrainian=country:UA"}, nil},
		{"capital for a government", "Washington warns Moscow.", []string{"Washington=country:US", "Moscow=country:RU"}, nil},
		{"capital as a place", "Flags are seen outside NATO headquarters in Brussels.", []string{"NATO=org:nato"}, []string{"Brussels=org:eu"}},
		{"a name that is also a country", "Chad Wolf said so.", nil, []string{"Chad=country:TD"}},
		{"reference organizations", "The Pentagon and the State Department wrote to the People’s Liberation Army and Nato.",
			[]string{"Pentagon=org:us-pentagon", "State Department=org:us-state-department", "People’s Liberation Army=org:cn-pla", "Nato=org:nato"}, nil},
		{"coordinated organizations", "said a paper from Temple and Columbia Universities.",
			[]string{"Temple=org:temple-university", "Columbia Universities=org:columbia-university"}, nil},
		{"company by descriptor", "It spread to the shipping group Maersk and the drugmaker Merck.",
			[]string{"Maersk=org:maersk", "Merck=org:merck"}, nil},
		{"publisher is a source", "Rob Strayer told Fifth Domain the plan would work.", []string{"Fifth Domain=media"}, []string{"Fifth Domain=org:fifth-domain"}},
		{"official by title and name", "US defence secretary Jim Mattis said this week.", []string{"US=country:US", "Jim Mattis=person:jim-mattis"}, nil},
		{"official by name and title", "Rob Strayer, the deputy assistant secretary for cyber in the State Department, spoke.",
			[]string{"Rob Strayer=person:rob-strayer", "State Department=org:us-state-department"}, nil},
		{"honorific", "Defence minister Lady Harrow said in a statement.", []string{"Lady Harrow=person:harrow"}, nil},
		{"surname, title and pronoun later", "U.S. President Donald Trump spoke. Trump left. The president said it. He said more.",
			[]string{"Donald Trump=person:donald-trump", "Trump=person:donald-trump", "The president=person:donald-trump", "He=person:donald-trump"}, nil},
		{"names in a list after a noun for people", "Court papers name two women, Lin Wei and Mei Shan, as members of APT40.",
			[]string{"Lin Wei=person:lin-wei", "Mei Shan=person:mei-shan", "APT40=org:apt40"}, nil},
		{"named operations", "The WannaCry and NotPetya cyberattacks spread.", []string{"WannaCry=op:wannacry", "NotPetya cyberattacks=op:notpetya"}, nil},
		{"CamelCase operation", "Analysts linked the BadBunny outbreak to it.", []string{"BadBunny outbreak=op:badbunny"}, nil},
		{"operation named by its target", "The cyber-attack on Sony Pictures Entertainment was massive. The attack destroyed data.",
			[]string{"cyber-attack=op:cyber-attack-on-sony-pictures-entertainment", "Sony Pictures Entertainment=org:sony-pictures-entertainment",
				"attack=op:cyber-attack-on-sony-pictures-entertainment"}, nil},
		{"operation named before its noun", "The Microsoft Exchange hack was broad. A hack of Microsoft Exchange email servers followed.",
			[]string{"hack=op:microsoft-exchange-hack"}, []string{"hack=op:hack-of-microsoft-exchange-email-servers"}},
		{"a nerve agent attack is not a cyber operation", "The nerve agent attack on the former spy was condemned.", nil,
			[]string{"attack=op:attack-on-the-former-spy"}},
		{"naming the operation of the story", "A hacking campaign against service providers ran for years. Researchers call the campaign Cloud Hopper.",
			[]string{"Cloud Hopper=op:cloud-hopper"}, []string{"hacking campaign=op:hacking-campaign-against-service-providers"}},
		{"events", "The U.S. convened a ministerial meeting on cybersecurity on the sidelines of the United Nations General Assembly.",
			[]string{"ministerial meeting on cybersecurity=event:ministerial-meeting-on-cybersecurity",
				"United Nations General Assembly=event:united-nations-general-assembly"}, nil},
		{"an organization's meeting", "He spoke during a Security Council meeting.", []string{"Security Council meeting=event:security-council-meeting"}, nil},
		{"one state's elections are one event", "Russia blamed for attack on US elections\n\nThe US midterm elections were hit.",
			[]string{"US elections=event:us-midterm-elections", "US midterm elections=event:us-midterm-elections"}, nil},
		{"doctrines", "Allies rallied behind the “offender doctrine”. The doctrine allows it. Experts like the Proliferation Security Initiative.",
			[]string{"offender doctrine=doctrine:offender-doctrine", "doctrine=doctrine:offender-doctrine",
				"Proliferation Security Initiative=doctrine:proliferation-security-initiative"}, nil},
		{"executive order", "It followed a 2017 executive order from President Donald Trump on cybersecurity.",
			[]string{"2017 executive order=doctrine:2017-executive-order-on-cybersecurity"}, nil},
		{"what an actor proposes", "The State Department is developing a coalition of allies in cyberspace. The State Department’s plan is new.",
			[]string{"coalition of allies in cyberspace=doctrine:coalition-of-allies-in-cyberspace", "plan=doctrine:coalition-of-allies-in-cyberspace"}, nil},
		{"organization by what it is", "The FBI said so. The bureau said more.", []string{"FBI=org:us-fbi", "bureau=org:us-fbi"}, nil},
		// Issue 19: general constructions, on sentences written for them.
		{"a happening named before its noun, then referred back to", "Spain condemned the Lisbon bombing. The bombing killed nine.",
			[]string{"Lisbon bombing=event:lisbon-bombing", "bombing=event:lisbon-bombing"}, nil},
		{"a happening named by its complement", "Kenya blamed rebels for the shelling of Garissa.",
			[]string{"shelling=event:shelling-of-garissa"}, nil},
		{"attack with a non-cyber modifier is a happening, not an operation", "A chemical attack on Hama killed dozens.",
			[]string{"chemical attack=event:chemical-attack-on-hama"}, []string{"=op:"}},
		{"a happening without a name is no event", "An explosion was heard.", nil, []string{"=event:"}},
		{"a surname that is a country's name", "Deputy Treasury Secretary Daniel Jordan said so.",
			[]string{"Daniel Jordan=person:daniel-jordan"}, []string{"Jordan=country:JO"}},
		{"an organization named after a country", "Passengers of Kenya Airways were stranded.",
			[]string{"Kenya Airways=org:kenya-airways"}, []string{"Kenya=country:KE"}},
		{"an organization by the noun its name ends in", "Amnesty International said the law was too broad.",
			[]string{"Amnesty International=org:amnesty-international"}, []string{"=person:"}},
		{"a demonym derived from the country data", "Kenyan President Ruth Wambui spoke.", []string{"Kenyan=country:KE"}, nil},
		{"companies listed after a plural", "Four firms, Acme, Globex and Initech, joined the pact.",
			[]string{"Acme=org:acme", "Globex=org:globex", "Initech=org:initech"}, nil},
		{"the doctrine by its head noun", "Chile launched the Lima Accord. Peru signed the accord.",
			[]string{"Lima Accord=doctrine:lima-accord", "accord=doctrine:lima-accord"}, []string{"=doctrine:accord"}},
		{"a regnal number in a name", "King Hassan IV of Morocco spoke.", []string{"Hassan IV=person:hassan-iv"}, nil},
		{"a meeting named by its place", "Leaders met at a summit in Lima. The Quito summit followed.",
			[]string{"summit in Lima=event:summit-in-lima", "Quito summit=event:quito-summit"}, nil},
		{"an institution's name goes on through 'of'", "Chile’s Ministry of Mines and Security and the Andean Institute of Marine Biology met.",
			[]string{"Ministry of Mines and Security=org:ministry-of-mines-and-security", "Andean Institute of Marine Biology=org:andean-institute-of-marine-biology"}, nil},
		{"a title's words and a noun are no institution", "Chile’s Foreign Ministry said so.", nil, []string{"=org:foreign-ministry"}},
		{"a person by an apposition", "Police detained Ana Ruiz, a 26-year-old journalist, on Sunday.", []string{"Ana Ruiz=person:ana-ruiz"}, nil},
		{"an attack named by its place", "The Oslo attacks shocked Norway.", []string{"Oslo attacks=event:oslo-attacks"}, []string{"=op:"}},
		{"an attack named by a company is an operation's", "The Acme attack leaked data from Acme servers.", nil, []string{"=event:"}},
		{"a name with a hyphenated particle", "Iraqi President Karim al-Hadithi spoke.", []string{"Karim al-Hadithi=person:karim-al-hadithi"}, nil},
		{"one war per article, whatever it is called", "Ministers deplored the war in Bolivia. Chile said Peru’s war had to end.",
			[]string{"war=event:war-in-bolivia"}, []string{"=event:perus-war"}},
		{"the pact: the doctrine the text named, whatever its name", "Chile and Peru launched a security partnership, known as ANDEX. The pact angered Bolivia.",
			[]string{"pact=doctrine:security-partnership"}, nil},
		{"a month inside a name", "Defence Minister Carla April said so.", []string{"Carla April=person:carla-april"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mentionsOf(x, tc.text)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q\n got %q", w, got)
				}
			}
			for _, n := range tc.not {
				if slices.Contains(got, n) {
					t.Errorf("unexpected %q\n got %q", n, got)
				}
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // tokens joined by |, quoted tokens marked with '
	}{
		{"China’s Ministry of State Security", "China|’s|Ministry|of|State|Security"},
		{"the U.S. and U.K. said", "the|U.S.|and|U.K.|said"},
		{"a cyber-attack on KA-SAT cost 200,000 dollars, about 5,800", "a|cyber-attack|on|KA-SAT|cost|200,000|dollars|,|about|5,800"},
		{"athletes’ data", "athletes|’|data"},
		{`“We have evidence,” he said`, "“|We'|have'|evidence'|,'|”|he|said"},
		{`"A," she said "B"`, `"|A'|,'|"|she|said|"|B'|"`},
		{"NEW YORK -- The don’t", "NEW|YORK|--|The|don’t"},
	} {
		toks, _ := tokenize(tc.in, false)
		var parts []string
		for _, tk := range toks {
			p := tk.text
			if tk.inQuote {
				p += "'"
			}
			parts = append(parts, p)
		}
		if got := strings.Join(parts, "|"); got != tc.want {
			t.Errorf("tokenize(%q)\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
	// A quote left open at the end of a sentence goes on in the next.
	_, open := tokenize(`"It is not just Russia.`, false)
	toks, _ := tokenize(`It is not just China," Sullivan said.`, open)
	if !open || !toks[0].inQuote || toks[len(toks)-2].inQuote {
		t.Fatalf("quote state across sentences: open=%v %+v", open, toks)
	}
}

func TestSlugAndTitleCase(t *testing.T) {
	for in, want := range map[string]string{"John J. Sullivan": "john-j-sullivan", "People’s Liberation Army": "peoples-liberation-army",
		"U.S. midterm elections": "us-midterm-elections", "  Zhao  Lijian ": "zhao-lijian"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"deputy assistant secretary for cyber and international communications": "Deputy Assistant Secretary for Cyber and International Communications",
		"defence secretary": "Defence Secretary", "FBI director": "FBI Director"} {
		if got := titleCase(in); got != want {
			t.Errorf("titleCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func ExampleExtractor_Extract() {
	reg, _ := resolve.Reference()
	x, _ := New(reg)
	f, _ := x.Extract(graph.Document{Text: "Washington warns Russia, China and North Korea of consequences of attacks\n"})
	for _, c := range f.Claims {
		fmt.Println(c.Subject, c.Type, c.Object, c.Properties["of"], c.Method)
	}
	// Output:
	// country:US WARNED country:RU consequences of attacks rule:warning@2
	// country:US WARNED country:CN consequences of attacks rule:warning@2
	// country:US WARNED country:KP consequences of attacks rule:warning@2
}
