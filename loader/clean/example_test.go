package clean_test

import (
	"fmt"

	"github.com/actorgraph/actorgraph/loader/clean"
)

func ExampleClean() {
	res := clean.Clean("International relations\r\n" +
		"US to go on cyber offense against state actors\r\n\r\n" +
		"NEW YORK --\u00a0 The U.S. will take cybersecurity to a new level, a senior official said.\r\n\r\n" +
		"Related posts\r\n\r\nRussia Jammed GPS Signals During NATO Exercise\r\n")
	fmt.Printf("title: %s\n%s", res.Title, res.Text)
	for _, r := range res.Removed {
		fmt.Println("removed", r)
	}
	// Output:
	// title: US to go on cyber offense against state actors
	// US to go on cyber offense against state actors
	//
	// NEW YORK -- The U.S. will take cybersecurity to a new level, a senior official said.
	// removed cut: Related posts
	// removed cut: Russia Jammed GPS Signals During NATO Exercise
	// removed label: International relations
}
