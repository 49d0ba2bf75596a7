// Package clean turns the raw text of a news article, as copied or extracted
// from a web page, into the text actorgraph stores and cites: the headline and
// the article's paragraphs, without the page around them.
//
// Every Evidence in the graph is a span of this cleaned text, and curated
// annotations must quote it verbatim, so the cleaning is deliberately
// predictable: it only deletes whole lines and paragraphs and normalizes
// whitespace. It never rewrites a word, a quote mark, a dash or an ellipsis.
//
// # Normalization
//
// Applied to the whole input, in this order:
//
//   - Each run of invalid UTF-8 bytes becomes one U+FFFD, so the output is
//     always valid UTF-8.
//   - CRLF and lone CR become LF.
//   - Every white-space rune other than LF (unicode.IsSpace: tab, vertical
//     tab, form feed, U+0085, U+00A0 no-break space, U+2009, U+202F,
//     U+3000, ...) becomes a plain space.
//   - U+FEFF (byte order mark), U+200B (zero-width space) and every other
//     control character (unicode.IsControl) are deleted.
//   - Each line is trimmed and runs of spaces inside it become one space.
//   - Blank lines separate paragraphs; runs of blank lines become one, and
//     leading and trailing blank lines are dropped. Line breaks inside a
//     paragraph are kept as they are (lines are not re-wrapped).
//
// Curly quotes (“ ” ‘ ’), dashes (– —, and "--"), ellipses (… and "...") and
// all other characters are kept exactly. No Unicode normalization form
// (NFC/NFKC) is applied.
//
// # Furniture
//
// Then these rules drop furniture, each dropped line recorded in
// Result.Removed as "rule: text", in the order the rules ran:
//
//   - icons: a line of icon and button names glued together by a page
//     template ("ArrowArtboardCreated with Sketch.Title ChevronTitle..."):
//     at least 3 words, and at least half of its words, have a lowercase
//     letter directly followed by an uppercase one.
//   - handles: a line made only of @handles and #hashtags (share widgets).
//   - credit: a photo caption line carrying a credit: it starts with "©",
//     ends with "© <name>" (name of at most 8 words), ends with "Photo:
//     <name>", "Photograph: <name>", "Image: <name>", "Credit: <name>",
//     "Picture: <name>" or "Photo by <name>" written so and placed at the
//     start of the line or after the caption's last sentence, or ends with
//     "(AP Photo/<name>)".
//   - cut, paywall, furniture: the phrases of furniture.txt (embedded; its
//     header explains the kinds), matched against whole lines ignoring case;
//     a line starting with a lowercase letter never matches. A "cut" line
//     ends the article: it and everything after it go ("Related posts", "In
//     Related News", "Sponsored Content", "Leave a Comment", "Your trial
//     period has expired", ...), once a body paragraph has been kept; before
//     that only the line itself goes, as "furniture". A "block" phrase drops
//     its whole paragraph, and bullet-only paragraphs right after it
//     (paywall and subscription prompts), recorded as "paywall". A "line"
//     phrase drops its line ("... Read more" teasers, "Advertisement"),
//     recorded as "furniture".
//   - continuation: after a line dropped by the credit or line rules, the
//     following lines of the same paragraph that start with a lowercase
//     letter or hold no letter or digit are its wrapped remainder and go too.
//   - duplicate: a paragraph of at least 3 words that repeats an earlier
//     paragraph verbatim (pages that print the headline and lede twice).
//   - teaser: a paragraph of at least 5 words ending in "…" or "..." whose
//     text before the ellipsis is a prefix of the text of the paragraphs
//     after it, read from the start of one of them with paragraphs and lines
//     joined by single spaces (a truncated lede repeated in full below).
//   - label, byline, date: in the head of the article (see Title), short
//     lines around the headline: section names, photo agencies, bylines.
//   - label: paragraphs after the last body paragraph whose every line has
//     at most 5 words and no sentence-ending punctuation (a site's name, a
//     "Find out more" link).
//
// A body paragraph ("prose" below) is one whose last line ends, before any
// closing quotes or brackets, with ".", "…" or "。" and which has at least 6
// words, or ends with "?" or "!" and has at least 15 words. A word is a
// run of non-space characters holding a letter or a digit.
//
// # Title, head, date and publisher
//
// The head is the paragraphs before the first prose paragraph. The title is
// its first line of at least 3 words that does not end with "." or ":" and
// is not a breadcrumb (holds " > ", "›" or "»"); failing that, its first line
// with a word. Lines of the head before the title are dropped ("label":
// section names such as "International relations"). The title becomes the
// first paragraph of Text on its own, so that evidence can cite it. After
// the title, head lines, and (title or not) the leading lines of the first
// prose paragraph, are dropped when they are a date line (at most 12 words holding a full date
// such as "September 21, 2018", "21 Sep 2018" or "2018-09-21"; the date goes
// to Published), a byline ("By ..." of at most 6 words) or a label (at most
// 2 words, no sentence-ending punctuation, or a breadcrumb). The first prose
// paragraph keeps its leading lines if dropping them would leave it no
// longer prose. Other head lines (a standfirst, a caption without credit)
// stay.
//
// Publisher is best effort, read from dropped furniture: "Your full access
// to X has expired", "..., now known as X,", or a line just before a
// handles line whose first words spell one of the handles ("Arms Industries
// News" before "#armsindustries" gives "Arms Industries").
//
// # Idempotence
//
// Clean applies its rules again to its own output until nothing changes
// (removing furniture can expose more: a paragraph that was not yet the
// last, a head that was not yet a head), so Clean(Clean(x).Text).Text equals
// Clean(x).Text, with the same Title, and the second Clean removes nothing.
// FuzzClean checks it.
package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Result is a cleaned article.
type Result struct {
	// Title is the headline, also the first paragraph of Text; empty when
	// the text starts with prose.
	Title string
	// Text is the cleaned text: the title paragraph, then the others, one
	// blank line between paragraphs, ending with a newline; empty when
	// nothing is left.
	Text string
	// Published is the publication date as written in the article's head,
	// empty when none was found.
	Published string
	// Publisher is the site's name when the furniture tells it, else empty.
	Publisher string
	// Removed lists what was dropped, one line per entry, as "rule: text".
	Removed []string
}

// maxPasses bounds the repeat-until-stable loop. Each pass that changes the
// text removes lines or splits the title off its paragraph, so real input
// settles in two or three passes.
const maxPasses = 16

// Clean normalizes raw and drops page furniture. See the package
// documentation for the exact rules.
func Clean(raw string) Result {
	var res Result
	text := render(normalize(raw))
	for range maxPasses {
		p := cleanOnce(text)
		res.Removed = append(res.Removed, p.removed...)
		if res.Published == "" {
			res.Published = p.published
		}
		if res.Publisher == "" {
			res.Publisher = p.publisher
		}
		res.Title = p.title
		if p.text == text {
			break
		}
		text = p.text
	}
	res.Text = text
	return res
}

// doc is text as paragraphs of lines; a nil paragraph or an empty line is
// one that has been dropped.
type doc [][]string

// normalize applies the whitespace rules of the package documentation and
// splits the result into paragraphs of non-empty lines.
func normalize(raw string) doc {
	s := strings.ToValidUTF8(raw, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\uFEFF' || r == '\u200B':
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	var d doc
	var para []string
	for line := range strings.SplitSeq(b.String(), "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			if para != nil {
				d = append(d, para)
				para = nil
			}
			continue
		}
		para = append(para, line)
	}
	if para != nil {
		d = append(d, para)
	}
	return d
}

// render joins the kept lines of d into Text.
func render(d doc) string {
	var b strings.Builder
	for _, p := range d {
		var kept []string
		for _, l := range p {
			if l != "" {
				kept = append(kept, l)
			}
		}
		if len(kept) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(strings.Join(kept, "\n"))
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	return b.String()
}

// pass is the outcome of one application of the rules.
type pass struct {
	text, title, published, publisher string
	removed                           []string
}

// cleaner holds the state of one pass over a document.
type cleaner struct {
	d       doc
	removed []string
	// dropped lines in document order, for publisher detection.
	droppedLines []string
}

func (c *cleaner) dropLine(p, l int, rule string) {
	if c.d[p][l] == "" {
		return
	}
	c.removed = append(c.removed, rule+": "+c.d[p][l])
	c.droppedLines = append(c.droppedLines, c.d[p][l])
	c.d[p][l] = ""
}

func (c *cleaner) dropPara(p int, rule string) {
	for l := range c.d[p] {
		c.dropLine(p, l, rule)
	}
	c.d[p] = nil
}

// lines returns the kept lines of paragraph p.
func (c *cleaner) lines(p int) []string {
	var out []string
	for _, l := range c.d[p] {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (c *cleaner) alive(p int) bool { return len(c.lines(p)) > 0 }

// cleanOnce applies every rule once to text, which is already normalized.
func cleanOnce(text string) pass {
	c := &cleaner{d: normalize(text)}
	publisherFromHandles := handleBrand(c.d)
	c.lineRules()
	c.dedupe()
	c.teasers()
	title, published := c.head()
	c.trailing()
	publisher := publisherFromDropped(c.droppedLines)
	if publisher == "" {
		publisher = publisherFromHandles
	}
	return pass{
		text:      render(c.d),
		title:     title,
		published: published,
		publisher: publisher,
		removed:   c.removed,
	}
}

// lineRules applies the line-level rules (icons, handles, credit, and the
// furniture.txt phrases) in document order, because a cut line only ends the
// article once a body paragraph has been kept before it.
func (c *cleaner) lineRules() {
	seenProse := false
	afterBlock := false
	for p := 0; p < len(c.d); p++ {
		if afterBlock && allBullets(c.d[p]) {
			c.dropPara(p, "paywall")
			continue
		}
		afterBlock = false
		for l := 0; l < len(c.d[p]); l++ {
			line := c.d[p][l]
			if line == "" {
				continue
			}
			continuation := false
			switch {
			case isIconRun(line):
				c.dropLine(p, l, "icons")
			case isHandles(line):
				c.dropLine(p, l, "handles")
			case isCredit(line):
				c.dropLine(p, l, "credit")
				continuation = true
			default:
				switch furnitureKind(line) {
				case kindCut:
					if !seenProse {
						c.dropLine(p, l, "furniture")
						continue
					}
					for ; l < len(c.d[p]); l++ {
						c.dropLine(p, l, "cut")
					}
					for q := p + 1; q < len(c.d); q++ {
						c.dropPara(q, "cut")
					}
					return
				case kindBlock:
					c.dropPara(p, "paywall")
					afterBlock = true
				case kindLine:
					c.dropLine(p, l, "furniture")
					continuation = true
				}
			}
			if c.d[p] == nil {
				break
			}
			if continuation {
				for l+1 < len(c.d[p]) && isContinuation(c.d[p][l+1]) {
					l++
					c.dropLine(p, l, "furniture")
				}
			}
		}
		if c.d[p] != nil && isProse(c.lines(p)) {
			seenProse = true
		}
	}
}

// dedupe drops a paragraph that repeats an earlier one verbatim.
func (c *cleaner) dedupe() {
	seen := map[string]bool{}
	for p := range c.d {
		ls := c.lines(p)
		if len(ls) == 0 {
			continue
		}
		key := strings.Join(ls, " ")
		if countWords(key) < 3 {
			continue
		}
		if seen[key] {
			c.dropPara(p, "duplicate")
			continue
		}
		seen[key] = true
	}
}

// teasers drops a truncated teaser paragraph whose full text follows it.
func (c *cleaner) teasers() {
	for p := range c.d {
		ls := c.lines(p)
		if len(ls) == 0 {
			continue
		}
		flat := strings.Join(ls, " ")
		var stem string
		switch {
		case strings.HasSuffix(flat, "…"):
			stem = strings.TrimSuffix(flat, "…")
		case strings.HasSuffix(flat, "..."):
			stem = strings.TrimSuffix(flat, "...")
		default:
			continue
		}
		stem = strings.TrimRight(stem, " .")
		if countWords(stem) < 5 {
			continue
		}
		if c.followedBy(p, stem) {
			c.dropPara(p, "teaser")
		}
	}
}

// followedBy reports whether stem is a prefix of the text that starts at one
// of the paragraphs after p, paragraphs and lines joined by single spaces.
func (c *cleaner) followedBy(p int, stem string) bool {
	for start := p + 1; start < len(c.d); start++ {
		if !c.alive(start) {
			continue
		}
		var b strings.Builder
		for q := start; q < len(c.d) && b.Len() < len(stem); q++ {
			for _, l := range c.lines(q) {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(l)
			}
		}
		if strings.HasPrefix(b.String(), stem) {
			return true
		}
	}
	return false
}

// head finds the title, drops the short lines around it and splits it into
// its own paragraph. It returns the title and the published date.
func (c *cleaner) head() (title, published string) {
	firstProse := len(c.d)
	for p := range c.d {
		if isProse(c.lines(p)) {
			firstProse = p
			break
		}
	}
	// Find the title among the head's lines.
	tp, tl := -1, -1
	for p := 0; p < firstProse && tp < 0; p++ {
		for l, line := range c.d[p] {
			if line != "" && isTitleCandidate(line) {
				tp, tl = p, l
				break
			}
		}
	}
	for p := 0; p < firstProse && tp < 0; p++ {
		for l, line := range c.d[p] {
			if line != "" && countWords(line) > 0 {
				tp, tl = p, l
				break
			}
		}
	}
	if tp >= 0 {
		title = c.d[tp][tl]
		// Everything before the title is section labels and the like.
		for p := 0; p <= tp; p++ {
			for l := range c.d[p] {
				if p == tp && l == tl {
					break
				}
				c.dropLine(p, l, "label")
			}
		}
		// Head lines after the title.
		for p := tp; p < firstProse; p++ {
			for l := range c.d[p] {
				if p == tp && l <= tl || c.d[p][l] == "" {
					continue
				}
				if d, rule := headFurniture(c.d[p][l]); rule != "" {
					if rule == "date" && published == "" {
						published = d
					}
					c.dropLine(p, l, rule)
				}
			}
		}
	}
	// Leading lines of the first prose paragraph (a photo agency's name
	// above a caption, a byline above the first sentence).
	if firstProse < len(c.d) {
		p := firstProse
		n := 0
		var date string
		for l, line := range c.d[p] {
			if line == "" {
				continue
			}
			d, rule := headFurniture(line)
			if rule == "" {
				break
			}
			if rule == "date" && date == "" {
				date = d
			}
			n = l + 1
		}
		if n > 0 && isProse(nonEmpty(c.d[p][n:])) {
			for l := range n {
				if _, rule := headFurniture(c.d[p][l]); rule != "" {
					c.dropLine(p, l, rule)
				}
			}
			if published == "" {
				published = date
			}
		}
	}
	// The title becomes a paragraph of its own.
	if tp >= 0 {
		var rest []string
		for _, l := range c.d[tp][tl+1:] {
			if l != "" {
				rest = append(rest, l)
			}
		}
		out := make(doc, 0, len(c.d)+1)
		out = append(out, c.d[:tp]...)
		out = append(out, []string{title})
		if len(rest) > 0 {
			out = append(out, rest)
		}
		out = append(out, c.d[tp+1:]...)
		c.d = out
	}
	return title, published
}

// trailing drops short label paragraphs after the last prose paragraph.
func (c *cleaner) trailing() {
	last := -1
	for p := range c.d {
		if isProse(c.lines(p)) {
			last = p
		}
	}
	if last < 0 {
		return
	}
	for p := len(c.d) - 1; p > last; p-- {
		ls := c.lines(p)
		if len(ls) == 0 {
			continue
		}
		for _, l := range ls {
			if countWords(l) > 5 || endsSentence(l) {
				return
			}
		}
		c.dropPara(p, "label")
	}
}

func nonEmpty(ls []string) []string {
	var out []string
	for _, l := range ls {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// countWords counts runs of non-space characters that hold a letter or a
// digit.
func countWords(s string) int {
	n := 0
	for f := range strings.FieldsSeq(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// closers may follow the punctuation that ends a sentence.
const closers = "”’\"')]»›"

// terminal returns the last rune of s before closing quotes and brackets.
func terminal(s string) rune {
	s = strings.TrimRight(s, closers)
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// endsSentence reports whether line ends with sentence-ending punctuation.
func endsSentence(line string) bool {
	switch terminal(line) {
	case '.', '…', '?', '!', '。', '？', '！':
		return true
	}
	return false
}

// isProse reports whether a paragraph is article body rather than a
// headline, label or widget; see the package documentation.
func isProse(lines []string) bool {
	if len(lines) == 0 {
		return false
	}
	words := 0
	for _, l := range lines {
		words += countWords(l)
	}
	switch terminal(lines[len(lines)-1]) {
	case '.', '…', '。':
		return words >= 6
	case '?', '!', '？', '！':
		return words >= 15
	}
	return false
}

func isBreadcrumb(line string) bool {
	return strings.Contains(line, " > ") || strings.ContainsAny(line, "›»")
}

func isTitleCandidate(line string) bool {
	if countWords(line) < 3 || isBreadcrumb(line) {
		return false
	}
	switch terminal(line) {
	case '.', ':':
		return false
	}
	return true
}

// headFurniture classifies a line of the head after the title. It returns
// the rule that drops it ("date", "byline", "label") or "", and for a date
// line the date.
func headFurniture(line string) (date, rule string) {
	words := countWords(line)
	if words <= 12 {
		if m := dateRE.FindString(line); m != "" {
			return m, "date"
		}
	}
	if strings.HasPrefix(line, "By ") && words <= 6 && !endsSentence(line) {
		return "", "byline"
	}
	if !endsSentence(line) && (words <= 2 || isBreadcrumb(line)) {
		return "", "label"
	}
	return "", ""
}

// dateRE matches a full date: day, month and year.
var dateRE = regexp.MustCompile(`\b(?:` +
	`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}` +
	`|\d{1,2}(?:st|nd|rd|th)? (?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?,? \d{4}` +
	`|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?` +
	`)\b`)

// isIconRun reports whether line is a run of icon names glued together
// ("ChevronTitle", "IconIcon"): such glued words are rare in prose ("iPhone",
// "McDonald") and never half of a line.
func isIconRun(line string) bool {
	words := strings.Fields(line)
	glued := 0
	for _, w := range words {
		prevLower := false
		for _, r := range w {
			if prevLower && unicode.IsUpper(r) {
				glued++
				break
			}
			prevLower = unicode.IsLower(r)
		}
	}
	return glued >= 3 && 2*glued >= len(words)
}

// isHandles reports whether line holds only @handles and #hashtags.
func isHandles(line string) bool {
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return false
	}
	for _, f := range fields {
		if len(f) < 2 || (f[0] != '@' && f[0] != '#') {
			return false
		}
	}
	return true
}

// creditRE matches a photo credit at the end of a caption line: "© name"
// anywhere, or a capitalized "Photo: name" and the like at the start of the
// line or after the caption's last sentence, so that prose mentioning a
// photo is left alone.
var creditRE = regexp.MustCompile(`(?:^|\s)©\s*\S+(?:\s+\S+){0,7}$` +
	`|(?:^|[.!?”"’)|/]\s+)(?:Photo:|Photograph:|Photo credit:|Image:|Image credit:|Credit:|Picture:|Photo by )\s*\S+(?:\s+\S+){0,7}$` +
	`|\(AP Photo/[^)]*\)$`)

func isCredit(line string) bool {
	// The markers are checked first: the expression is costly on long lines
	// of prose, which hold none of them.
	if !strings.Contains(line, "©") && !strings.Contains(line, "Photo") && !strings.Contains(line, "Image") &&
		!strings.Contains(line, "Credit:") && !strings.Contains(line, "Picture:") {
		return false
	}
	return strings.HasPrefix(line, "©") || creditRE.MatchString(line)
}

// isContinuation reports whether a line continues the line before it rather
// than starting something new.
func isContinuation(line string) bool {
	if line == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(line)
	return unicode.IsLower(r) || countWords(line) == 0
}

// allBullets reports whether every kept line of p is a bullet item.
func allBullets(p []string) bool {
	n := 0
	for _, l := range p {
		if l == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(l)
		if !strings.ContainsRune("•·▪‣◦-*–", r) {
			return false
		}
		n++
	}
	return n > 0
}

// handleBrand finds the publisher from a line just before a handles line
// whose first words spell one of the handles.
func handleBrand(d doc) string {
	var prev string
	for _, p := range d {
		for _, line := range p {
			if isHandles(line) && prev != "" && countWords(prev) <= 6 {
				var keys []string
				for _, f := range strings.Fields(line) {
					keys = append(keys, letters(f))
				}
				words := strings.Fields(prev)
				for k := len(words); k > 0; k-- {
					key := letters(strings.Join(words[:k], ""))
					if len(key) < 4 {
						break
					}
					for _, h := range keys {
						if strings.HasPrefix(h, key) {
							return strings.Join(words[:k], " ")
						}
					}
				}
			}
			if !isHandles(line) {
				prev = line
			}
		}
	}
	return ""
}

// letters returns the lowercased letters and digits of s.
func letters(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

var publisherREs = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\byour (?:full )?access to (\p{Lu}.*?) has expired`),
	regexp.MustCompile(`\bnow known as (\p{Lu}[^,.;:!?]*)`),
}

func publisherFromDropped(lines []string) string {
	for _, l := range lines {
		for _, re := range publisherREs {
			if m := re.FindStringSubmatch(l); m != nil {
				return strings.TrimSpace(m[1])
			}
		}
	}
	return ""
}
