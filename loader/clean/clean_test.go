package clean

import (
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.txt from Clean's output")

// seeds returns the seed article inputs in testdata, by name without ".txt".
func seeds(t testing.TB) map[string]string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range paths {
		if strings.HasSuffix(p, ".golden.txt") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(p), ".txt")] = string(b)
	}
	if len(out) != 3 {
		t.Fatalf("found %d seed inputs in testdata, want 3", len(out))
	}
	return out
}

func TestGolden(t *testing.T) {
	for name, raw := range seeds(t) {
		t.Run(name, func(t *testing.T) {
			got := Clean(raw).Text
			golden := filepath.Join("testdata", name+".golden.txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("Clean(%s).Text differs from %s (run go test -update and review the diff):\n%s", name, golden, got)
			}
		})
	}
}

// TestSeeds checks what a journalist would notice: the headline, the
// sentences the demo questions rely on, and no furniture anywhere.
func TestSeeds(t *testing.T) {
	in := seeds(t)
	tests := []struct {
		name      string
		title     string
		publisher string
		present   []string
		removed   []string // substrings of Removed entries
	}{
		{
			name:  "000_10cedf3c4456eec8",
			title: "Russia blamed for cyber attack on US elections",
			present: []string{
				"In response to alleged Russian interference in US elections, the US backed a new international doctrine\n\nThe suspected Russian cyber-attack",
				"its Nato allies rallied behind what has become known as the “offender doctrine”, passed by the Pentagon and approved by the US House of Representatives.",
				"“We have proposals of what we’re prepared to do with our allies to build trust and collaboration,” he said.",
				"It says it “does not protect all outcomes … however, it does effectively deter the most aggressive actors.”",
				"China reacted angrily on Wednesday, calling for more cooperation between the US and the People’s Liberation Army.\n",
			},
			removed: []string{
				"teaser: In response to alleged Russian interference",
				"duplicate: Russia blamed for cyber attack on US elections",
				"furniture: Worried about Russians interfering in US midterms? Here’s how it’s done Read more",
				"cut: Leave a Comment",
			},
		},
		{
			name:      "001_897f86189f50a872",
			title:     "State Department Coalition to Deter State-Backed Malicious Activity",
			publisher: "Arms Industries",
			present: []string{
				"The State Department is developing a coalition of allies in cyberspace",
				"Rob Strayer, the deputy assistant secretary for cyber and international communications in the State Department, told Fifth Domain",
				"One model may be the attribution from the WannaCry and NotPetya cyberattacks, that the U.S. blamed on foreign countries in collaboration with other nations.",
				"The initiative was first launched in 2002 and employed to stop the spread of weapons of mass destruction.",
				"We believe the proliferation initiative been specifically criticized if you are “a tool of U.S. hegemony” and may falter because of countries’ varying legal frameworks.\n",
			},
			removed: []string{
				"label: Defense Technology",
				"label: State Department",
				"label: Arms Industries News",
				"handles: @armsindustriesusa #armsindustries",
				"cut: In Related News:",
				"cut: Russia Jammed GPS Signals During NATO Exercise",
			},
		},
		{
			name:      "003_e85791bb2d0963fd",
			title:     "US to go on cyber offense against state actors",
			publisher: "Nikkei Asia",
			present: []string{
				"US to go on cyber offense against state actors\n\nWashington warns Russia, China and North Korea of consequences of attacks\n\nNEW YORK -- The U.S. will take",
				"moving beyond just defending itself from intrusions to engaging in offensive cyber activity against state actors",
				`Those measures include "sanctions, diplomatic activity or offensive cyber activity by the U.S., depending on the nature of the attacks," Sullivan said.`,
				`"We have evidence ... it didn't come out of nowhere," the president said later that day at a press conference.`,
				"Officials from Australia, Chile, Colombia, Denmark, Estonia, Finland, Iceland, Israel, Japan, Latvia, Lithuania, the Netherlands, Norway, South Korea, Singapore, Sweden, the U.K. and the European Union attended.",
				`"It is not just Russia. It is not just China. It's other countries as well," Sullivan said`,
				`which would include offensive cyber activity by the United States."` + "\n",
			},
			removed: []string{
				"icons: ArrowArtboardCreated with Sketch.",
				"label: International relations",
				"credit: U.S. President Donald Trump has instructed officials",
				"cut: Sponsored Content",
				"cut: Try 1 month for $0.99",
			},
		},
	}
	absent := []string{
		"Russia Jammed GPS Signals During NATO Exercise",
		"Try 1 month for $0.99",
		"ArrowArtboardCreated with Sketch",
		"Sponsored Content",
		"Leave a Comment",
		"Related posts",
		"In Related News",
		"Nikkei Asia",
		"Arms Industries",
		"@armsindustriesusa",
		"Read more",
		"Reuters",
		"International relations",
		"Defense Technology",
		"subscription",
		"{{",
		"\u00a0",
		"\r",
		"  ",
		"…\n",
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Clean(in[tt.name])
			if res.Title != tt.title {
				t.Errorf("Title = %q, want %q", res.Title, tt.title)
			}
			if !strings.HasPrefix(res.Text, tt.title+"\n\n") {
				t.Errorf("Text does not start with the title paragraph:\n%.200s", res.Text)
			}
			if res.Publisher != tt.publisher {
				t.Errorf("Publisher = %q, want %q", res.Publisher, tt.publisher)
			}
			if res.Published != "" {
				t.Errorf("Published = %q, want none (the seeds carry no date)", res.Published)
			}
			for _, s := range tt.present {
				if !strings.Contains(res.Text, s) {
					t.Errorf("Text lacks %q", s)
				}
			}
			for _, s := range absent {
				if strings.Contains(res.Text, s) {
					t.Errorf("Text still holds furniture %q", s)
				}
			}
			removed := strings.Join(res.Removed, "\n")
			for _, s := range tt.removed {
				if !strings.Contains(removed, s) {
					t.Errorf("Removed lacks %q; Removed:\n%s", s, removed)
				}
			}
			if strings.Count(res.Text, tt.title) != 1 {
				t.Errorf("title appears %d times in Text, want once", strings.Count(res.Text, tt.title))
			}
		})
	}
}

// TestPaywallWithoutMarker checks that seed 003's paywall goes even when the
// "Sponsored Content" block that now ends it is missing.
func TestPaywallWithoutMarker(t *testing.T) {
	raw := seeds(t)["003_e85791bb2d0963fd"]
	i := strings.Index(raw, "Sponsored Content")
	j := strings.Index(raw, "You have {{")
	if i < 0 || j < i {
		t.Fatal("seed 003 changed")
	}
	got := Clean(raw[:i] + raw[j:])
	if got.Text != Clean(raw).Text {
		t.Errorf("without the Sponsored Content block, Clean(003).Text ends with:\n%s", got.Text[len(got.Text)-300:])
	}
	if got.Publisher != "Nikkei Asia" {
		t.Errorf("Publisher = %q, want Nikkei Asia", got.Publisher)
	}
}

// TestKeepsEveryBodyLine checks that cleaning a seed only ever deletes
// lines: every line of the output is a line of the normalized input, in
// order, so no article sentence is rewritten.
func TestKeepsEveryBodyLine(t *testing.T) {
	for name, raw := range seeds(t) {
		in := strings.Split(render(normalize(raw)), "\n")
		out := strings.Split(Clean(raw).Text, "\n")
		i := 0
		for _, l := range out {
			if l == "" {
				continue
			}
			for i < len(in) && in[i] != l {
				i++
			}
			if i == len(in) {
				t.Errorf("%s: output line %q is not an input line in order", name, l)
				break
			}
			i++
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only space", " \n\t\r\n\u00a0", ""},
		{"crlf", "a\r\nb\r\n\r\n\r\nc\r", "a\nb\n\nc\n"},
		{"lone cr", "a\rb", "a\nb\n"},
		{"nbsp", "The\u00a0 State", "The State\n"},
		{"narrow nbsp and tab", "a\u202f\tb", "a b\n"},
		{"trailing and leading", "  a  \n   b\t", "a\nb\n"},
		{"blank runs", "\n\n\na\n \n\t\n\nb\n\n\n", "a\n\nb\n"},
		{"bom and zwsp", "\ufeffab\u200bc", "abc\n"},
		{"controls", "a\x00b\x07c\u0085d", "abc d\n"},
		{"invalid utf8", "a\xffb", "a\ufffdb\n"},
		{"quotes dashes ellipses kept", "“a” ‘b’ – — -- … ...", "“a” ‘b’ – — -- … ...\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(normalize(tt.in)); got != tt.want {
				t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRules(t *testing.T) {
	const body = "The ministers met on Friday in New York to discuss the attacks."
	tests := []struct {
		name      string
		in        string
		title     string
		text      string
		published string
	}{
		{
			name:  "title then body",
			in:    "A headline about cyber\n\n" + body,
			title: "A headline about cyber",
			text:  "A headline about cyber\n\n" + body + "\n",
		},
		{
			name: "no head",
			in:   body,
			text: body + "\n",
		},
		{
			name:  "section label before title",
			in:    "World\nA headline about cyber\n\n" + body,
			title: "A headline about cyber",
			text:  "A headline about cyber\n\n" + body + "\n",
		},
		{
			name:      "byline and date after title",
			in:        "A headline about cyber\nBy Jane Doe\nSeptember 21, 2018\n\n" + body,
			title:     "A headline about cyber",
			text:      "A headline about cyber\n\n" + body + "\n",
			published: "September 21, 2018",
		},
		{
			name:      "iso date",
			in:        "A headline about cyber\n\nPublished 2018-09-21T10:00Z\n\n" + body,
			title:     "A headline about cyber",
			text:      "A headline about cyber\n\n" + body + "\n",
			published: "2018-09-21T10:00Z",
		},
		{
			name:  "short title falls back to first line",
			in:    "Cyber war\n\n" + body,
			title: "Cyber war",
			text:  "Cyber war\n\n" + body + "\n",
		},
		{
			name:  "standfirst kept",
			in:    "A headline about cyber\n\nWashington warns Russia of consequences\n\n" + body,
			title: "A headline about cyber",
			text:  "A headline about cyber\n\nWashington warns Russia of consequences\n\n" + body + "\n",
		},
		{
			name:  "cut before body only drops the line",
			in:    "Sponsored Content\n\nA headline about cyber\n\n" + body + "\n\nRelated posts\n\nOther story here today",
			title: "A headline about cyber",
			text:  "A headline about cyber\n\n" + body + "\n",
		},
		{
			name:  "paywall block and bullets mid-article",
			in:    "A headline about cyber\n\n" + body + "\n\nTry 1 month for $0.99\n\n• Read all stories\n• Use our apps\n\n" + body + " Again.",
			title: "A headline about cyber",
			text:  "A headline about cyber\n\n" + body + "\n\n" + body + " Again.\n",
		},
		{
			name:  "wall ends the article",
			in:    "A headline about cyber\n\n" + body + "\n\nYour trial period has expired\n\nThe Daily Planet, now known as the Planet, is the voice of the city.",
			title: "A headline about cyber",
			text:  "A headline about cyber\n\n" + body + "\n",
		},
		{
			name:  "credit with wrapped remainder",
			in:    "A headline about cyber\n\n" + body + "\n\nOfficials meet. © Reuters\n\n" + body + " Again.",
			title: "A headline about cyber",
			text:  "A headline about cyber\n\n" + body + "\n\n" + body + " Again.\n",
		},
		{
			name:  "read more teaser and continuation",
			in:    "A headline about cyber\n\n" + body + "\n\nRead more: Why it matters\nand what comes next\n\n" + body + " Again.",
			title: "A headline about cyber",
			text:  "A headline about cyber\n\n" + body + "\n\n" + body + " Again.\n",
		},
		{
			name:  "lowercase line is never furniture",
			in:    "A headline about cyber\n\nThe officials said that the study is\nrelated: posts and comments\nwere found in the attack logs.",
			title: "A headline about cyber",
			text:  "A headline about cyber\n\nThe officials said that the study is\nrelated: posts and comments\nwere found in the attack logs.\n",
		},
		{
			name:  "short repeated paragraph kept",
			in:    "A headline about cyber\n\nYes.\n\n" + body + "\n\nYes.\n\n" + body + " Again.",
			title: "A headline about cyber",
			text:  "A headline about cyber\n\nYes.\n\n" + body + "\n\nYes.\n\n" + body + " Again.\n",
		},
		{
			name:  "ellipsis paragraph that is not a teaser",
			in:    "A headline about cyber\n\nThe talks went on and on and on...\n\n" + body,
			title: "A headline about cyber",
			text:  "A headline about cyber\n\nThe talks went on and on and on...\n\n" + body + "\n",
		},
		{
			name:  "title ending with question mark",
			in:    "Who hacked the election in November last year?\n\n" + body,
			title: "Who hacked the election in November last year?",
			text:  "Who hacked the election in November last year?\n\n" + body + "\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Clean(tt.in)
			if res.Title != tt.title || res.Text != tt.text || res.Published != tt.published {
				t.Errorf("Clean(%q)\n got title %q published %q text %q\nwant title %q published %q text %q\nremoved %q",
					tt.in, res.Title, res.Published, res.Text, tt.title, tt.published, tt.text, res.Removed)
			}
		})
	}
}

func TestLinePredicates(t *testing.T) {
	tests := []struct {
		line   string
		pred   func(string) bool
		name   string
		expect bool
	}{
		{"ArrowArtboardCreated with Sketch.Title ChevronTitle ChevronEye IconIcon", isIconRun, "icons", true},
		{"McDonald's and YouTube posted videos on LinkedIn and the iPhone app.", isIconRun, "icons", false},
		{"@armsindustriesusa #armsindustries", isHandles, "handles", true},
		{"@state said #cyber is hard", isHandles, "handles", false},
		{"Trump has instructed officials to be vigilant. © Reuters", isCredit, "credit", true},
		{"© 2018 Nikkei Inc.", isCredit, "credit", true},
		{"Flags outside NATO headquarters. Photo: Jane Doe/AFP", isCredit, "credit", true},
		{"Officials meet in Brussels (AP Photo/Virginia Mayo)", isCredit, "credit", true},
		{"He described the photo: a man in a hat near the gate.", isCredit, "credit", false},
		{"The agency's credit: tight, said the bank.", isCredit, "credit", false},
		{"US to go on cyber offense against state actors", isTitleCandidate, "title", true},
		{"Defense Technology", isTitleCandidate, "title", false},
		{"Home > World > Asia", isTitleCandidate, "title", false},
		{"NATO member country flags are seen outside NATO headquarters in Brussels.", isTitleCandidate, "title", false},
	}
	for _, tt := range tests {
		if got := tt.pred(tt.line); got != tt.expect {
			t.Errorf("%s(%q) = %v, want %v", tt.name, tt.line, got, tt.expect)
		}
	}
	kinds := map[string]kind{
		"Related posts":                 kindCut,
		"In Related News:":              kindCut,
		"LEAVE A COMMENT":               kindCut,
		"Your trial period has expired": kindCut,
		"Try 3 months for $9":           kindBlock,
		"Offer ends January 31st":       kindBlock,
		"Worried about Russians interfering in US midterms? Here’s how it’s done Read more": kindLine,
		"related posts":                                         kindNone, // a wrapped line of prose
		"Related posts are a feature of blogs.":                 kindNone,
		"The plan is for that alliance to impose consequences.": kindNone,
	}
	for line, want := range kinds {
		if got := furnitureKind(line); got != want {
			t.Errorf("furnitureKind(%q) = %d, want %d", line, got, want)
		}
	}
}

func TestFurnitureFile(t *testing.T) {
	rules, err := parseFurniture(furnitureTxt)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []kind{kindCut, kindBlock, kindLine} {
		if rules[k] == nil {
			t.Errorf("furniture.txt has no rule of kind %d", k)
		}
	}
	if _, err := parseFurniture("cut\n"); err == nil {
		t.Error("parseFurniture accepted a rule without a pattern")
	}
	if _, err := parseFurniture("drop Foo\n"); err == nil {
		t.Error("parseFurniture accepted an unknown kind")
	}
}

func TestIdempotentOnSeeds(t *testing.T) {
	for name, raw := range seeds(t) {
		once := Clean(raw)
		twice := Clean(once.Text)
		if twice.Text != once.Text || twice.Title != once.Title {
			t.Errorf("%s: Clean is not idempotent", name)
		}
		if len(twice.Removed) != 0 {
			t.Errorf("%s: second Clean removed %q", name, twice.Removed)
		}
	}
}

// TestShuffledSeedLines runs the fuzz properties over documents assembled
// from random lines of the seeds and of typical furniture, which reach the
// structural rules (head, cut, teaser, trailing labels) far more often than
// byte-level fuzzing does.
func TestShuffledSeedLines(t *testing.T) {
	var pool []string
	for _, raw := range seeds(t) {
		pool = append(pool, strings.Split(raw, "\n")...)
	}
	pool = append(pool, "", "", "", "By Jane Doe", "September 21, 2018", "Home > World", "Yes.",
		"The talks began on Monday and the ministers agreed…", "The talks began on Monday and the ministers agreed to meet.",
		"and a wrapped lowercase line", ".", "• bullet", "Who hacked the election in November last year and why did it matter so much?")
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		n := 1 + r.IntN(14)
		lines := make([]string, n)
		for i := range lines {
			lines[i] = pool[r.IntN(len(pool))]
		}
		checkClean(t, strings.Join(lines, "\n"))
	}
}

func FuzzClean(f *testing.F) {
	// The seeds go in as windows of a few paragraphs: whole articles make
	// inputs so long that the fuzzer spends its time minimizing them.
	// TestIdempotentOnSeeds covers the whole articles.
	for _, raw := range seeds(f) {
		paras := strings.Split(raw, "\n\n")
		for i := 0; i < len(paras); i += 4 {
			f.Add(strings.Join(paras[i:min(i+5, len(paras))], "\n\n"))
		}
	}
	f.Fuzz(checkClean)
}

func BenchmarkClean(b *testing.B) {
	raw := seeds(b)["003_e85791bb2d0963fd"]
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		Clean(raw)
	}
}

// checkClean asserts the properties every output of Clean has.
func checkClean(t *testing.T, raw string) {
	t.Helper()
	once := Clean(raw)
	if utf8.ValidString(raw) && !utf8.ValidString(once.Text) {
		t.Fatalf("Clean(%q).Text is not valid UTF-8", raw)
	}
	// Invalid input bytes become U+FFFD, so the output is always valid.
	if !utf8.ValidString(once.Text) || !utf8.ValidString(once.Title) {
		t.Fatalf("Clean(%q) returned invalid UTF-8", raw)
	}
	if once.Text != "" && !strings.HasSuffix(once.Text, "\n") {
		t.Fatalf("Clean(%q).Text does not end with a newline", raw)
	}
	if strings.Contains(once.Text, "\n\n\n") || strings.Contains(once.Text, "  ") || strings.ContainsAny(once.Text, "\r\u00a0\t") {
		t.Fatalf("Clean(%q).Text is not normalized: %q", raw, once.Text)
	}
	if once.Title != "" && !strings.HasPrefix(once.Text, once.Title+"\n") {
		t.Fatalf("Clean(%q): title %q is not the first line of %q", raw, once.Title, once.Text)
	}
	twice := Clean(once.Text)
	if twice.Text != once.Text {
		t.Fatalf("Clean is not idempotent on %q:\nonce  %q\ntwice %q", raw, once.Text, twice.Text)
	}
	if twice.Title != once.Title {
		t.Fatalf("Clean changes the title on a second pass over %q: %q then %q", raw, once.Title, twice.Title)
	}
	if len(twice.Removed) != 0 {
		t.Fatalf("a second Clean over %q removed %q", raw, twice.Removed)
	}
	// Cleaning only deletes lines: every output line is an input line.
	in := map[string]bool{}
	for _, l := range strings.Split(render(normalize(raw)), "\n") {
		in[l] = true
	}
	for _, l := range strings.Split(once.Text, "\n") {
		if !in[l] {
			t.Fatalf("Clean(%q) made up the line %q", raw, l)
		}
	}
}
