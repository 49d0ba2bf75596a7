// Package synth generates synthetic actor-event graphs with the real
// vocabulary, for benchmarks: power-law degrees (a few hubs such as great
// powers and alliances, a long tail of officials), a realistic mix of kinds
// and claim types, and a document with one evidence sentence per claim.
// Output is deterministic for a given seed.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Config sizes a generated graph.
type Config struct {
	Seed         uint64
	Nodes        int
	RelsPerNode  int // claims per node on average
	ClaimsPerDoc int // claims cited by each document
}

// kindShare is the mix of entity kinds.
var kindShare = []struct {
	kind  graph.NodeKind
	share float64
}{
	{graph.KindPerson, 0.45}, {graph.KindOrganization, 0.30}, {graph.KindCountry, 0.05},
	{graph.KindCyberOperation, 0.10}, {graph.KindDoctrine, 0.10},
}

// relMix is the mix of claim types, each with endpoint kinds it may join.
var relMix = []struct {
	t        graph.RelType
	from, to graph.NodeKind
	weight   int
}{
	{graph.RelMemberOf, graph.KindPerson, graph.KindOrganization, 10},
	{graph.RelMemberOf, graph.KindCountry, graph.KindOrganization, 4},
	{graph.RelHoldsRole, graph.KindPerson, graph.KindCountry, 6},
	{graph.RelAccused, graph.KindCountry, graph.KindCountry, 6},
	{graph.RelAccused, graph.KindPerson, graph.KindCountry, 6},
	{graph.RelCriticized, graph.KindOrganization, graph.KindCountry, 5},
	{graph.RelWarned, graph.KindPerson, graph.KindOrganization, 5},
	{graph.RelSupported, graph.KindCountry, graph.KindPerson, 5},
	{graph.RelSanctioned, graph.KindCountry, graph.KindOrganization, 4},
	{graph.RelTargeted, graph.KindCyberOperation, graph.KindOrganization, 10},
	{graph.RelTargeted, graph.KindCyberOperation, graph.KindCountry, 6},
	{graph.RelProposed, graph.KindPerson, graph.KindDoctrine, 6},
	{graph.RelAdopted, graph.KindCountry, graph.KindDoctrine, 6},
	{graph.RelPartOf, graph.KindOrganization, graph.KindCountry, 6},
	{graph.RelDenied, graph.KindCountry, graph.KindCyberOperation, 4},
	{graph.RelModeledOn, graph.KindDoctrine, graph.KindDoctrine, 3},
}

// Graph is a generated graph as per-document batches.
type Graph struct {
	Nodes   []graph.Node
	Batches []graph.Batch // the first holds the nodes; each other one document and its claims
	Claims  int
	ByKind  map[graph.NodeKind][]string
}

// Generate builds a graph. It holds everything in memory: about 1 KB per
// claim.
func Generate(cfg Config) *Graph {
	if cfg.ClaimsPerDoc <= 0 {
		cfg.ClaimsPerDoc = 20
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	g := &Graph{ByKind: map[graph.NodeKind][]string{}}
	for _, ks := range kindShare {
		n := max(2, int(float64(cfg.Nodes)*ks.share))
		for i := 0; i < n; i++ {
			id := fmt.Sprintf("%s:synth-%d", ks.kind.IDPrefix(), i)
			node := graph.Node{ID: id, Kind: ks.kind, Name: fmt.Sprintf("%s %s", strings.ToLower(string(ks.kind)), word(rng, i)), Source: "reference:synthetic"}
			g.Nodes = append(g.Nodes, node)
			g.ByKind[ks.kind] = append(g.ByKind[ks.kind], id)
		}
	}
	g.Batches = append(g.Batches, graph.Batch{Nodes: g.Nodes})
	total := 0
	for _, m := range relMix {
		total += m.weight
	}
	zipf := map[graph.NodeKind]*rand.Zipf{}
	for k, ids := range g.ByKind {
		zipf[k] = rand.NewZipf(rng, 1.3, 4, uint64(len(ids)-1))
	}
	want := cfg.Nodes * cfg.RelsPerNode
	seen := map[string]bool{}
	for doc := 0; g.Claims < want; doc++ {
		var sb strings.Builder
		var rels []graph.Relationship
		type span struct{ start, end int }
		var spans []span
		for c := 0; c < cfg.ClaimsPerDoc && g.Claims < want; c++ {
			pick := rng.IntN(total)
			m := relMix[0]
			for _, cand := range relMix {
				if pick < cand.weight {
					m = cand
					break
				}
				pick -= cand.weight
			}
			from := g.ByKind[m.from][zipf[m.from].Uint64()]
			to := g.ByKind[m.to][rng.IntN(len(g.ByKind[m.to]))]
			if rng.IntN(2) == 0 {
				to = g.ByKind[m.to][zipf[m.to].Uint64()]
			}
			if from == to {
				continue
			}
			id := graph.ClaimID(from, m.t, to)
			if seen[id] {
				continue
			}
			seen[id] = true
			sentence := fmt.Sprintf("Reports say %s %s %s in %d.", from, strings.ToLower(strings.ReplaceAll(string(m.t), "_", " ")), to, 2000+rng.IntN(25))
			start := sb.Len()
			sb.WriteString(sentence)
			spans = append(spans, span{start, sb.Len()})
			sb.WriteString(" ")
			rels = append(rels, graph.Relationship{ID: id, Type: m.t, From: from, To: to, Method: "rule:synthetic@1",
				Confidence: 0.5 + rng.Float64()/2, Date: fmt.Sprintf("%d-%02d", 2000+rng.IntN(25), 1+rng.IntN(12))})
			g.Claims++
		}
		text := fmt.Sprintf("Synthetic article %d. ", doc) + sb.String()
		off := len(fmt.Sprintf("Synthetic article %d. ", doc))
		d := graph.Document{ID: graph.DocumentID(text), Title: fmt.Sprintf("Synthetic article %d", doc), Publisher: "Synthetic Wire", Text: text}
		b := graph.Batch{Documents: []graph.Document{d}, Relationships: rels}
		for i, r := range rels {
			s, e := spans[i].start+off, spans[i].end+off // ASCII: bytes are code points
			b.Evidence = append(b.Evidence, graph.Evidence{ID: graph.EvidenceID(r.ID, d.ID, s, e), Subject: r.ID, DocumentID: d.ID, Start: s, End: e, Quote: text[s:e]})
		}
		g.Batches = append(g.Batches, b)
	}
	return g
}

var syllables = []string{"ka", "lo", "ri", "ven", "to", "mar", "sel", "di", "an", "or", "bu", "zen", "qui", "pa", "el"}

func word(rng *rand.Rand, i int) string {
	var sb strings.Builder
	for n := 2 + rng.IntN(2); n > 0; n-- {
		sb.WriteString(syllables[rng.IntN(len(syllables))])
	}
	return fmt.Sprintf("%s %d", sb.String(), i)
}
