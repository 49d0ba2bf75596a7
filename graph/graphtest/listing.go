package graphtest

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// listingFixture: 23 people, 5 countries, 3 organizations. Some person ids
// are prefixes of others ("person:a" < "person:aa" < "person:b"), so that a
// store ordering by length or by insertion is caught.
func listingFixture() (b graph.Batch, people []string) {
	for _, id := range []string{"person:b", "person:a", "person:aa", "person:a-b", "person:zz"} {
		b.Nodes = append(b.Nodes, entity(id, graph.KindPerson, "Person "+id))
		people = append(people, id)
	}
	for i := range 18 {
		id := fmt.Sprintf("person:p%02d", (i*7)%18) // written out of order
		b.Nodes = append(b.Nodes, entity(id, graph.KindPerson, "Person "+id))
		people = append(people, id)
	}
	for _, c := range []string{"US", "RU", "EE", "GB", "LV"} {
		b.Nodes = append(b.Nodes, country("country:"+c, "Country "+c))
	}
	for _, o := range []string{"nato", "eu", "un"} {
		b.Nodes = append(b.Nodes, withProps(entity("org:"+o, graph.KindOrganization, "Org "+o), "kind", "igo"))
	}
	return b, sorted(people)
}

// testListNodesPagination: pages of one kind, or of all, cover every node
// exactly once in id order, and Total counts all of them on every page.
func testListNodesPagination(t *testing.T, s graph.Store) {
	b, people := listingFixture()
	upsert(t, s, b)

	cases := []struct {
		kind  graph.NodeKind
		first int
		want  []string
	}{
		{graph.KindPerson, 5, people},
		{graph.KindPerson, 1, people},
		{graph.KindPerson, 23, people},
		{graph.KindPerson, 100, people},
		{"", 7, sorted(nodeIDs(b.Nodes))},
		{graph.KindCountry, 2, []string{"country:EE", "country:GB", "country:LV", "country:RU", "country:US"}},
		{graph.KindStatement, 5, nil},
	}
	for _, c := range cases {
		var got []string
		after := ""
		for page := 0; ; page++ {
			p, err := s.ListNodes(t.Context(), graph.ListNodesQuery{Kind: c.kind, First: c.first, After: after})
			if err != nil {
				t.Fatalf("ListNodes(%q, first %d): %v", c.kind, c.first, err)
			}
			if p.Total != len(c.want) {
				t.Errorf("ListNodes(%q, first %d) page %d: Total %d, want %d", c.kind, c.first, page, p.Total, len(c.want))
			}
			if len(p.Nodes) > c.first {
				t.Errorf("ListNodes(%q, first %d) page %d has %d nodes", c.kind, c.first, page, len(p.Nodes))
			}
			for _, n := range p.Nodes {
				if c.kind != "" && n.Kind != c.kind {
					t.Errorf("ListNodes(%q) returned %s of kind %s", c.kind, n.ID, n.Kind)
				}
			}
			got = append(got, nodeIDs(p.Nodes)...)
			if !p.HasMore || page > 100 {
				break
			}
			if len(p.Nodes) == 0 {
				t.Fatalf("ListNodes(%q, first %d) page %d is empty but HasMore", c.kind, c.first, page)
			}
			after = p.EndCursor
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("ListNodes(%q, first %d) walk = %q\nwant %q", c.kind, c.first, got, c.want)
		}
	}

	// First <= 0 means the documented default page of 20.
	p, err := s.ListNodes(t.Context(), graph.ListNodesQuery{Kind: graph.KindPerson})
	if err != nil {
		t.Fatalf("ListNodes(default page): %v", err)
	}
	if len(p.Nodes) != 20 || !p.HasMore || !slices.Equal(nodeIDs(p.Nodes), people[:20]) {
		t.Errorf("ListNodes with First 0: %d nodes, HasMore %v; want the first 20 people and HasMore", len(p.Nodes), p.HasMore)
	}
}

// testListNodesStableUnderWrites: a walk never skips nor repeats a node that
// exists for the whole walk while another goroutine writes new nodes before,
// between and after the existing ids, and rewrites existing ones.
func testListNodesStableUnderWrites(t *testing.T, s graph.Store) {
	var base graph.Batch
	var baseIDs []string
	for i := 0; i < 120; i += 2 {
		id := fmt.Sprintf("person:p%03d", i)
		base.Nodes = append(base.Nodes, entity(id, graph.KindPerson, "Base "+id))
		baseIDs = append(baseIDs, id)
	}
	upsert(t, s, base)

	stop := make(chan struct{})
	written := make(chan struct{}, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(written)
		for i := range 300 {
			select {
			case <-stop:
				return
			default:
			}
			anchor := baseIDs[(i*7)%len(baseIDs)]
			b := graph.Batch{Nodes: []graph.Node{
				entity(fmt.Sprintf("person:p%03d", 2*(i%60)+1), graph.KindPerson, "Odd"),    // between two base ids
				entity(fmt.Sprintf("%s-w%03d", anchor, i), graph.KindPerson, "Right after"), // just after a base id
				entity(fmt.Sprintf("person:a%03d", i), graph.KindPerson, "Before all"),
				entity(fmt.Sprintf("person:z%03d", i), graph.KindPerson, "After all"),
				entity(anchor, graph.KindPerson, fmt.Sprintf("Renamed %d", i)),
				country(fmt.Sprintf("country:X%d", i), "Another kind"),
			}}
			if _, err := s.Upsert(t.Context(), b); err != nil {
				t.Errorf("concurrent Upsert %d: %v", i, err)
				return
			}
			select {
			case written <- struct{}{}:
			default:
			}
		}
	}()

	var seen []string
	after := ""
	for page := 0; ; page++ {
		p, err := s.ListNodes(t.Context(), graph.ListNodesQuery{Kind: graph.KindPerson, First: 7, After: after})
		if err != nil {
			close(stop)
			wg.Wait()
			t.Fatalf("ListNodes page %d: %v", page, err)
		}
		seen = append(seen, nodeIDs(p.Nodes)...)
		if !p.HasMore || page > 1000 {
			break
		}
		after = p.EndCursor
		<-written // at least one write lands between two pages
	}
	close(stop)
	wg.Wait()

	count := map[string]int{}
	for _, id := range seen {
		count[id]++
	}
	for _, id := range baseIDs {
		if count[id] != 1 {
			t.Errorf("node %s existed for the whole walk and was seen %d times, want once", id, count[id])
		}
	}
	if !slices.IsSorted(seen) {
		t.Errorf("the walk is not in id order: %q", seen)
	}
	for id, n := range count {
		if n > 1 {
			t.Errorf("node %s was returned %d times", id, n)
		}
	}
}
