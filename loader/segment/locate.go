package segment

import (
	"index/suffixarray"
	"sort"
	"strings"
	"unicode/utf8"
)

// Locator answers, for one text, the two questions a loader asks of every
// quote it cites: where the quote first occurs, and which whole sentences
// it touches, in code-point offsets. Asked naively (strings.Index from the
// start, a rune count from the start, a loop over every sentence), each
// answer costs time proportional to the text, and an article of 16,000
// short paragraphs, whose every sentence is cited, took minutes to load.
// A Locator answers in time independent of the text's length (apart from
// the occurrences of a quote), after linear work done once.
//
// Its answers are exactly those of the naive method: the first occurrence,
// widened to every sentence it overlaps.
type Locator struct {
	text  string
	sents []Sentence
	// runeByte holds the byte offset of every runeStep-th rune, so that an
	// offset converts between bytes and runes by a lookup and a short scan.
	runeByte []int
	runes    int
	ascii    bool
	first    map[string]int // quote -> byte offset of its first occurrence, -1 when absent
	index    *suffixarray.Index
}

const (
	runeStep = 64
	// Below this size a text is searched with strings.Index: cheap enough,
	// and a suffix array (five bytes per byte of text) is not worth building.
	indexFrom = 64 << 10
)

// NewLocator prepares text, whose sentences (as Sentences returns them) are
// sents.
func NewLocator(text string, sents []Sentence) *Locator {
	l := &Locator{text: text, sents: sents, first: map[string]int{}}
	n := 0
	for i := range text {
		if n%runeStep == 0 {
			l.runeByte = append(l.runeByte, i)
		}
		n++
	}
	l.runes, l.ascii = n, n == len(text)
	return l
}

// Text is the text the locator was made for.
func (l *Locator) Text() string { return l.text }

// Find returns where quote (without its surrounding white space) first
// occurs, as rune offsets [qs, qe), and the span [start, end) of the whole
// sentences it overlaps (never narrower than the quote). ok is false when
// the quote is empty or does not occur.
func (l *Locator) Find(quote string) (qs, qe, start, end int, ok bool) {
	qs, qe, lo, hi, ok := l.find(quote)
	if !ok {
		return 0, 0, 0, 0, false
	}
	start, end = qs, qe
	for k := lo; k < hi; k++ {
		start = min(start, l.sents[k].Start)
		end = max(end, l.sents[k].End)
	}
	return qs, qe, start, end, true
}

// SentenceRange returns the sentences the first occurrence of quote
// overlaps, as indexes [lo, hi) into the sentences the Locator was made
// with; lo == hi when the quote does not occur.
func (l *Locator) SentenceRange(quote string) (lo, hi int) {
	_, _, lo, hi, _ = l.find(quote)
	return lo, hi
}

func (l *Locator) find(quote string) (qs, qe, lo, hi int, ok bool) {
	q := strings.TrimSpace(quote)
	if q == "" {
		return 0, 0, 0, 0, false
	}
	i := l.firstIndex(q)
	if i < 0 {
		return 0, 0, 0, 0, false
	}
	qs = l.RuneOffset(i)
	qe = l.RuneOffset(i + len(q))
	// Sentences are ordered and do not overlap: the first one ending after
	// qs is found by binary search, and the overlap runs on from there.
	lo = sort.Search(len(l.sents), func(k int) bool { return l.sents[k].End > qs })
	hi = lo
	for hi < len(l.sents) && l.sents[hi].Start < qe {
		hi++
	}
	return qs, qe, lo, hi, true
}

func (l *Locator) firstIndex(q string) int {
	if i, ok := l.first[q]; ok {
		return i
	}
	var i int
	if len(l.text) < indexFrom {
		i = strings.Index(l.text, q)
	} else {
		if l.index == nil {
			l.index = suffixarray.New([]byte(l.text))
		}
		i = -1
		for _, at := range l.index.Lookup([]byte(q), -1) {
			if i < 0 || at < i {
				i = at
			}
		}
	}
	l.first[q] = i
	return i
}

// RuneOffset converts a byte offset of the text (at a rune boundary) to a
// rune offset.
func (l *Locator) RuneOffset(byteOff int) int {
	if l.ascii {
		return byteOff
	}
	k := sort.Search(len(l.runeByte), func(k int) bool { return l.runeByte[k] > byteOff }) - 1
	if k < 0 {
		return 0
	}
	return k*runeStep + utf8.RuneCountInString(l.text[l.runeByte[k]:byteOff])
}

// byteOffset converts a rune offset to a byte offset; -1 when it is past
// the end of the text.
func (l *Locator) byteOffset(r int) int {
	switch {
	case r < 0 || r > l.runes:
		return -1
	case r == l.runes:
		return len(l.text)
	case l.ascii:
		return r
	}
	b := l.runeByte[r/runeStep]
	for n := r % runeStep; n > 0; n-- {
		_, size := utf8.DecodeRuneInString(l.text[b:])
		b += size
	}
	return b
}

// Span returns the text between rune offsets start and end, and false when
// they are not within the text (as graph.Span does).
func (l *Locator) Span(start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	bs, be := l.byteOffset(start), l.byteOffset(end)
	if bs < 0 || be < 0 {
		return "", false
	}
	return l.text[bs:be], true
}
