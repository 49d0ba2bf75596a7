package segment_test

import (
	"fmt"

	"github.com/actorgraph/actorgraph/loader/segment"
)

func ExampleSentences() {
	text := "Washington warns Russia\n\n" +
		`"It is not just Russia. It is not just China," Sullivan said. U.S. President Donald Trump agreed.`
	for _, s := range segment.Sentences(text) {
		fmt.Printf("[%d,%d) %s\n", s.Start, s.End, s.Text)
	}
	// Output:
	// [0,23) Washington warns Russia
	// [25,48) "It is not just Russia.
	// [49,86) It is not just China," Sullivan said.
	// [87,122) U.S. President Donald Trump agreed.
}
