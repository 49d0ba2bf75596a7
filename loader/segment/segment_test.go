package segment

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// texts returns the sentence texts of s.
func texts(ss []Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"space only", " \n\n\t ", nil},
		{"one", "It rained.", []string{"It rained."}},
		{"two", "It rained. It stopped.", []string{"It rained.", "It stopped."}},
		{"no final stop", "It rained. It stopped", []string{"It rained.", "It stopped"}},
		{"trims", "  It rained.   It stopped.  \n", []string{"It rained.", "It stopped."}},
		{"question and exclamation", "Why? Because! Fine.", []string{"Why?", "Because!", "Fine."}},
		{"headline line", "US to go on cyber offense against state actors\n\nWashington warns Russia", []string{
			"US to go on cyber offense against state actors", "Washington warns Russia"}},
		{"paragraph break ends sentence", "No stop here\n \nNext one.", []string{"No stop here", "Next one."}},
		{"wrapped line is one sentence", "The talks began\non Monday.", []string{"The talks began\non Monday."}},
		{"titles", "Mr. Smith met Dr. Jones and Gen. Milley.", []string{"Mr. Smith met Dr. Jones and Gen. Milley."}},
		{"initials", "John F. Kennedy spoke. He left.", []string{"John F. Kennedy spoke.", "He left."}},
		{"months", "On Jan. 5 and Sep. 30 it rained.", []string{"On Jan. 5 and Sep. 30 it rained."}},
		{"number", "It was No. 1 in the list.", []string{"It was No. 1 in the list."}},
		{"lowercase no", "He said no. The talks ended.", []string{"He said no.", "The talks ended."}},
		{"eg ie vs", "Some states, e.g. Russia, i.e. Moscow, vs. Kyiv, act.", []string{"Some states, e.g. Russia, i.e. Moscow, vs. Kyiv, act."}},
		{"eg before capital", "Allies, e.g. Estonia, agreed.", []string{"Allies, e.g. Estonia, agreed."}},
		{"decimals", "Try 1 month for $0.99 or pay 3.5 times more. Then stop.", []string{"Try 1 month for $0.99 or pay 3.5 times more.", "Then stop."}},
		{"us before name", "U.S. President Donald Trump spoke.", []string{"U.S. President Donald Trump spoke."}},
		{"us before lowercase", "The U.S. on Friday convened a meeting.", []string{"The U.S. on Friday convened a meeting."}},
		{"us ends sentence", "The attack was blamed on the U.S. The talks ended.", []string{"The attack was blamed on the U.S.", "The talks ended."}},
		{"us ends sentence before it", "Both sides met in the U.S. It was cold.", []string{"Both sides met in the U.S.", "It was cold."}},
		{"uk and eu", "Sweden, the U.K. and the European Union attended.", []string{"Sweden, the U.K. and the European Union attended."}},
		{"us comma in quote", `Those measures include "sanctions by the U.S., depending on the attacks," Sullivan said.`, []string{
			`Those measures include "sanctions by the U.S., depending on the attacks," Sullivan said.`}},
		{"ellipsis in quote", `"We have evidence ... it didn't come out of nowhere," the president said.`, []string{
			`"We have evidence ... it didn't come out of nowhere," the president said.`}},
		{"unicode ellipsis in quote", "It says it “does not protect all outcomes … however, it does deter.”", []string{
			"It says it “does not protect all outcomes … however, it does deter.”"}},
		{"ellipsis then starter", "He waited… Then he left.", []string{"He waited…", "Then he left."}},
		{"ellipsis then name", "He waited… Putin left.", []string{"He waited… Putin left."}},
		{"spaced ellipsis", "We know . . . it came. . . . The end.", []string{"We know . . . it came. . . .", "The end."}},
		{"sentences inside a quote", `"It is not just Russia. It is not just China. It's other countries as well," Sullivan said. "It could be North Korea or Iran."`, []string{
			`"It is not just Russia.`, `It is not just China.`, `It's other countries as well," Sullivan said.`, `"It could be North Korea or Iran."`}},
		{"closing curly quote belongs to its sentence", "“We have proposals,” he said. “It works.” Then silence.", []string{
			"“We have proposals,” he said.", "“It works.”", "Then silence."}},
		{"question in quote with attribution", `"Why?" he asked. She left.`, []string{`"Why?" he asked.`, "She left."}},
		{"parenthesis", "It ended (finally.) Next came.", []string{"It ended (finally.)", "Next came."}},
		{"dateline", "NEW YORK -- The U.S. will take cybersecurity to a new level, a senior official said on Friday.", []string{
			"NEW YORK -- The U.S. will take cybersecurity to a new level, a senior official said on Friday."}},
		{"em dash dateline", "MOSCOW — Russia denied it. Officials agreed.", []string{"MOSCOW — Russia denied it.", "Officials agreed."}},
		{"digit after stop", "It was 2017. 2018 was worse.", []string{"It was 2017.", "2018 was worse."}},
		{"url", "See example.com. Then leave.", []string{"See example.com.", "Then leave."}},
		{"cjk", "你好。我很好！", []string{"你好。", "我很好！"}},
		{"lone stop", ".", []string{"."}},
		{"inc", "He joined Acme Inc. The firm grew.", []string{"He joined Acme Inc.", "The firm grew."}},
		{"inc mid sentence", "Acme Inc. said it would grow.", []string{"Acme Inc. said it would grow."}},
		{"list marker", "1. The first point. 2. The second.", []string{"1. The first point.", "2. The second."}},
		{"headline with capital preposition", "Cyber Attack on U.S. By Russia Confirmed", []string{"Cyber Attack on U.S. By Russia Confirmed"}},
		{"initial before starter", "He chose plan B. The rest failed.", []string{"He chose plan B.", "The rest failed."}},
		{"dc", "They met in Washington, D.C. The talks failed.", []string{"They met in Washington, D.C.", "The talks failed."}},
		{"us before quote", `It was a message to the U.S. "We are ready," he said.`, []string{"It was a message to the U.S.", `"We are ready," he said.`}},
		{"crlf", "It rained.\r\n\r\nIt stopped.", []string{"It rained.", "It stopped."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.in)
			checkInvariants(t, tt.in, got)
			if !slices.Equal(texts(got), tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, texts(got), tt.want)
			}
		})
	}
}

func TestOffsetsAreRunes(t *testing.T) {
	in := "“Ça va.” Très bien."
	got := Sentences(in)
	want := []Sentence{{0, 8, "“Ça va.”"}, {9, 19, "Très bien."}}
	if !slices.Equal(got, want) {
		t.Errorf("Sentences(%q) = %+v, want %+v", in, got, want)
	}
}

func TestParagraphs(t *testing.T) {
	in := "  Title line\n\nFirst para.\nwrapped.\n \n\nLast “para”.\n"
	got := Paragraphs(in)
	want := []string{"Title line", "First para.\nwrapped.", "Last “para”."}
	if !slices.Equal(texts(got), want) {
		t.Fatalf("Paragraphs = %q, want %q", texts(got), want)
	}
	checkInvariants(t, in, got)
	if len(Paragraphs(" \n\n ")) != 0 {
		t.Error("Paragraphs of blank text is not empty")
	}
}

// checkInvariants asserts the package's contract for spans of text.
func checkInvariants(t testing.TB, text string, ss []Sentence) {
	t.Helper()
	rs := []rune(text)
	prevEnd := 0
	for k, s := range ss {
		if s.Start < prevEnd || s.End <= s.Start || s.End > len(rs) {
			t.Fatalf("span %d [%d,%d) is empty, out of order or out of range (len %d, previous end %d) in %q", k, s.Start, s.End, len(rs), prevEnd, text)
		}
		if s.Text != string(rs[s.Start:s.End]) {
			t.Fatalf("span %d Text %q != text[%d:%d] %q", k, s.Text, s.Start, s.End, string(rs[s.Start:s.End]))
		}
		if unicode.IsSpace(rs[s.Start]) || unicode.IsSpace(rs[s.End-1]) {
			t.Fatalf("span %d %q starts or ends with space", k, s.Text)
		}
		for _, r := range rs[prevEnd:s.Start] {
			if !unicode.IsSpace(r) {
				t.Fatalf("non-space %q between spans %d and %d is in no span, text %q", r, k-1, k, text)
			}
		}
		prevEnd = s.End
	}
	for _, r := range rs[prevEnd:] {
		if !unicode.IsSpace(r) {
			t.Fatalf("non-space %q after the last span is in no span, text %q", r, text)
		}
	}
}

// goldens returns the cleaned seed articles of package clean.
func goldens(t testing.TB) map[string]string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "clean", "testdata", "*.golden.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 3 {
		t.Fatalf("found %d cleaned seeds in ../clean/testdata, want 3", len(paths))
	}
	out := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(p), ".golden.txt")] = string(b)
	}
	return out
}

// TestSeeds segments the cleaned seed articles: the invariants hold, no
// sentence crosses a paragraph, and the sentences the demo questions cite
// come out whole.
func TestSeeds(t *testing.T) {
	want := map[string][]string{
		"000_10cedf3c4456eec8": {
			"Russia blamed for cyber attack on US elections",
			"In response to alleged Russian interference in US elections, the US backed a new international doctrine",
			"As the US pointed the finger at a resurgent Russia in this case, its Nato allies rallied behind what has become known as the “offender doctrine”, passed by the Pentagon and approved by the US House of Representatives.",
			"It says it “does not protect all outcomes … however, it does effectively deter the most aggressive actors.”",
			"“The United States is leading the response to all cyber issues and Russia is certainly the poster child for a number of those we’re looking at,” US defence secretary Jim Mattis said this week.",
			"China reacted angrily on Wednesday, calling for more cooperation between the US and the People’s Liberation Army.",
		},
		"001_897f86189f50a872": {
			"State Department Coalition to Deter State-Backed Malicious Activity",
			"Strayer said that though there are norms in cyberspace, they don’t enforce themselves.",
			"One model may be the attribution from the WannaCry and NotPetya cyberattacks, that the U.S. blamed on foreign countries in collaboration with other nations.",
			"The initiative was first launched in 2002 and employed to stop the spread of weapons of mass destruction.",
			"We believe the proliferation initiative been specifically criticized if you are “a tool of U.S. hegemony” and may falter because of countries’ varying legal frameworks.",
		},
		"003_e85791bb2d0963fd": {
			"US to go on cyber offense against state actors",
			"Washington warns Russia, China and North Korea of consequences of attacks",
			"NEW YORK -- The U.S. will take cybersecurity to a new level, moving beyond just defending itself from intrusions to engaging in offensive cyber activity against state actors, a senior official said on Friday.",
			`Speaking to reporters on the sidelines of the United Nations General Assembly, U.S. Deputy Secretary of State John Sullivan said that there must be "costs and consequences" for cyberattacks on the U.S. by state actors.`,
			`Those measures include "sanctions, diplomatic activity or offensive cyber activity by the U.S., depending on the nature of the attacks," Sullivan said.`,
			"Sullivan's statement comes two days after U.S. President Donald Trump accused China of attempting to interfere in the upcoming U.S. midterm elections in November, during a Security Council meeting.",
			`"We have evidence ... it didn't come out of nowhere," the president said later that day at a press conference.`,
			"The U.S. on Friday convened a ministerial meeting on cybersecurity with like-minded nations.",
			"Officials from Australia, Chile, Colombia, Denmark, Estonia, Finland, Iceland, Israel, Japan, Latvia, Lithuania, the Netherlands, Norway, South Korea, Singapore, Sweden, the U.K. and the European Union attended.",
			`"It is not just Russia.`,
			`It is not just China.`,
			`It's other countries as well," Sullivan said of the state actors that engage in cyberattacks.`,
			`"It could be North Korea or Iran.`,
			`We are working hard to make our cyber domain more secure and more resilient but also working to deter that type of behavior by a range of responses, which would include offensive cyber activity by the United States."`,
		},
	}
	counts := map[string]int{"000_10cedf3c4456eec8": 13, "001_897f86189f50a872": 17, "003_e85791bb2d0963fd": 15}
	for name, text := range goldens(t) {
		t.Run(name, func(t *testing.T) {
			checkAll(t, text)
			got := Sentences(text)
			for _, s := range got {
				if strings.Contains(s.Text, "\n") {
					t.Errorf("sentence %q crosses a line break; the cleaned seeds have one paragraph per line", s.Text)
				}
			}
			have := texts(got)
			for _, w := range want[name] {
				if !slices.Contains(have, w) {
					t.Errorf("no sentence %q; got\n%s", w, strings.Join(have, "\n"))
				}
			}
			if len(got) != counts[name] {
				t.Errorf("got %d sentences, want %d:\n%s", len(got), counts[name], strings.Join(have, "\n"))
			}
			if ps := Paragraphs(text); len(ps) != strings.Count(strings.TrimSpace(text), "\n\n")+1 {
				t.Errorf("got %d paragraphs, want one per blank-line-separated block", len(ps))
			}
		})
	}
}

// TestRandomTokens checks the invariants on many strings assembled from the
// tokens the rules react to, which byte-level fuzzing reaches slowly.
func TestRandomTokens(t *testing.T) {
	tokens := []string{"U.S.", ".", "...", ". . .", "…", "“", "”", `"`, "'", "’", " ", " ", "\n", "\n\n", "\n \n",
		"The", "it", "No.", "1", "?", "!", "。", "Dr.", "e.g.", "(", ")", "\t", "\u00a0", "a", "F.", "Sep.", "Inc."}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(tokens[r.IntN(len(tokens))])
		}
		checkAll(t, b.String())
	}
}

func FuzzSentences(f *testing.F) {
	for _, text := range goldens(f) {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkAll(t, text)
	})
}

// checkAll checks the invariants of Sentences and Paragraphs on text, and
// that every sentence lies inside one paragraph.
func checkAll(t testing.TB, text string) {
	t.Helper()
	ss := Sentences(text)
	checkInvariants(t, text, ss)
	ps := Paragraphs(text)
	checkInvariants(t, text, ps)
	k := 0
	for _, s := range ss {
		for k < len(ps) && ps[k].End <= s.Start {
			k++
		}
		if k == len(ps) || s.Start < ps[k].Start || s.End > ps[k].End {
			t.Fatalf("sentence %q [%d,%d) is not inside one paragraph of %q", s.Text, s.Start, s.End, text)
		}
	}
}

func BenchmarkSentences(b *testing.B) {
	text := goldens(b)["003_e85791bb2d0963fd"]
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Sentences(text)
	}
}
