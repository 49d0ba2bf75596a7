package segment

// The word lists below are read-only after initialization. Keys are the
// word before its final ".", case-sensitive: "No." before a number is an
// abbreviation, "no." at the end of a sentence is not.

// neverEnd holds abbreviations that are always followed by more of the same
// sentence, mostly titles before a name.
var neverEnd = setOf(
	"Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt",
	"Cmdr", "Cdr", "Sgt", "Cpl", "Pvt", "Adm", "Brig", "Rep", "Reps", "Sen",
	"Sens", "Gov", "Pres", "Rev", "Hon", "Amb", "Supt", "Insp", "Det", "Fr",
	"St", "Mt", "Ft",
	"vs", "v", "cf", "approx", "ca", "viz", "resp",
	"e.g", "i.e", "E.g", "I.e",
	"Fig", "fig", "Figs", "Vol", "vol", "Vols", "Ch", "ch", "Sec", "sec",
)

// digitAfter holds abbreviations that are followed by a number.
var digitAfter = setOf("No", "Nos", "no", "nos", "Art", "art", "p", "pp", "Nr", "nr")

// maybeEnd holds abbreviations that end a sentence as often as not; the
// starter heuristic decides. Dotted acronyms and single letters are
// recognised without a list.
var maybeEnd = setOf(
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
	"Nov", "Dec",
	"Inc", "Corp", "Ltd", "Co", "Bros", "Jr", "Sr", "Esq", "Dept", "Univ",
	"Ave", "Blvd", "Rd", "etc", "al", "est", "Gov't", "govt",
)

// starters are words that commonly begin an English news sentence and
// rarely follow "U.S." or an initial inside one. They decide whether a
// maybeEnd word ends its sentence.
var starters = setOf(
	"The", "A", "An", "This", "That", "These", "Those", "There", "Here",
	"It", "Its", "He", "She", "They", "We", "I", "You", "His", "Her", "Their",
	"Our", "My", "Your",
	"In", "On", "At", "During", "Since", "After", "Before", "As",
	"But", "And", "So", "Yet", "However", "Meanwhile", "Still", "Now",
	"Then", "Also", "Instead", "Moreover", "Furthermore", "Indeed",
	"If", "When", "While", "Although", "Though", "Because", "Once", "Unless",
	"What", "Why", "How", "Who", "Where", "Which",
	"Some", "Many", "Most", "All", "Each", "No",
)

// Prepositions such as "Of", "To", "For" and "By" are left out of starters
// on purpose: in a title-case headline ("Cyber Attack on U.S. By Russia")
// they follow "U.S." without starting a sentence.

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
