// Package synth generates synthetic actor-event graphs with the real
// vocabulary, for benchmarks: power-law degrees (a few hubs such as great
// powers and alliances, a long tail of officials), a realistic mix of kinds
// and claim types, attributions (Attribution claim-nodes with who made
// them, whom they blame, the operation they concern and who backed them),
// and documents that cite every claim with an evidence sentence; some claims
// are reported again by a later document, so they carry evidence from two.
// Output is deterministic for a given configuration.
//
// Generate holds a whole graph in memory (about 1 KB per claim). For large
// graphs, New and Generator.Documents stream the documents one at a time,
// so only the entity nodes and a set of claim keys stay in memory.
package synth

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Config sizes a generated graph.
type Config struct {
	Seed         uint64
	Nodes        int // entity nodes plus attributions
	RelsPerNode  int // claims per node on average
	ClaimsPerDoc int // claim sentences per document; <= 0: 20
	// AttributionShare is the share of Nodes that are Attribution
	// claim-nodes: 0 means 2%, a negative value none.
	AttributionShare float64
	// RepeatShare is the share of claim sentences that report again a claim
	// an earlier document made (new evidence, same claim): 0 means 10%, a
	// negative value none.
	RepeatShare float64
}

func (c Config) withDefaults() Config {
	if c.ClaimsPerDoc <= 0 {
		c.ClaimsPerDoc = 20
	}
	if c.AttributionShare == 0 {
		c.AttributionShare = 0.02
	}
	if c.RepeatShare == 0 {
		c.RepeatShare = 0.10
	}
	return c
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
	Nodes   []graph.Node  // the entity nodes (attributions are in the documents)
	Batches []graph.Batch // the first holds the entity nodes; each other one document and its claims
	Claims  int           // distinct claims
	ByKind  map[graph.NodeKind][]string
	// Attributions maps each attribution's id to the operation it concerns.
	Attributions map[string]string
}

// Generate builds a whole graph in memory.
func Generate(cfg Config) *Graph {
	gen := New(cfg)
	g := &Graph{Nodes: gen.Nodes, ByKind: gen.ByKind, Batches: []graph.Batch{{Nodes: gen.Nodes}}}
	for b := range gen.Documents() {
		g.Batches = append(g.Batches, b)
	}
	g.Claims, g.Attributions = gen.Claims, gen.Attributions
	return g
}

// claimKey identifies a claim by its endpoints' indexes and its type, in a
// fraction of the memory of its id: the set of them is what a 10M-claim
// graph keeps in memory while it streams.
type claimKey struct {
	from, to int32
	typ      uint8
}

// reported is a claim a document made, kept so a later one can report it
// again.
type reported struct {
	rel  graph.Relationship
	verb string
}

// Generator streams a graph: its entity nodes are made by New, its
// documents by Documents.
type Generator struct {
	cfg    Config
	rng    *rand.Rand
	Nodes  []graph.Node // entity nodes, in id order within each kind
	ByKind map[graph.NodeKind][]string
	// Claims and Evidence count what Documents has produced so far;
	// Attributions maps each attribution made so far to its operation.
	Claims, Evidence int
	Attributions     map[string]string

	index     map[string]int32 // node id -> index, for claim keys
	zipf      map[graph.NodeKind]*rand.Zipf
	typeIndex map[graph.RelType]uint8
	seen      map[claimKey]struct{}
	wantAttr  int
	recent    []reported // a ring of claims made by earlier documents
	used      bool
}

// New makes the entity nodes of a graph; Documents then streams its
// documents.
func New(cfg Config) *Generator {
	cfg = cfg.withDefaults()
	g := &Generator{
		cfg:          cfg,
		rng:          rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		ByKind:       map[graph.NodeKind][]string{},
		Attributions: map[string]string{},
		index:        map[string]int32{},
		zipf:         map[graph.NodeKind]*rand.Zipf{},
		typeIndex:    map[graph.RelType]uint8{},
		seen:         map[claimKey]struct{}{},
	}
	if cfg.AttributionShare > 0 {
		g.wantAttr = int(float64(cfg.Nodes) * cfg.AttributionShare)
	}
	entities := cfg.Nodes - g.wantAttr
	for _, ks := range kindShare {
		n := max(2, int(float64(entities)*ks.share))
		for i := 0; i < n; i++ {
			id := fmt.Sprintf("%s:synth-%d", ks.kind.IDPrefix(), i)
			node := graph.Node{ID: id, Kind: ks.kind, Name: fmt.Sprintf("%s %s", strings.ToLower(string(ks.kind)), word(g.rng, i)), Source: "reference:synthetic"}
			g.index[id] = int32(len(g.Nodes))
			g.Nodes = append(g.Nodes, node)
			g.ByKind[ks.kind] = append(g.ByKind[ks.kind], id)
		}
	}
	for _, ks := range kindShare {
		g.zipf[ks.kind] = rand.NewZipf(g.rng, 1.3, 4, uint64(len(g.ByKind[ks.kind])-1))
	}
	for i, t := range graph.RelTypes() {
		g.typeIndex[t] = uint8(i)
	}
	return g
}

// NodeBatches returns the entity nodes in batches of at most size.
func (g *Generator) NodeBatches(size int) []graph.Batch {
	var out []graph.Batch
	for i := 0; i < len(g.Nodes); i += size {
		out = append(out, graph.Batch{Nodes: g.Nodes[i:min(i+size, len(g.Nodes))]})
	}
	return out
}

// pick returns an entity of kind k: a hub more often than not (Zipf), else
// any one, so degrees follow a power law with a long tail.
func (g *Generator) pick(k graph.NodeKind, hubby bool) string {
	ids := g.ByKind[k]
	if hubby || g.rng.IntN(2) == 0 {
		return ids[g.zipf[k].Uint64()]
	}
	return ids[g.rng.IntN(len(ids))]
}

// claim registers a new claim from -[t]-> to; false when it exists.
func (g *Generator) claim(from string, t graph.RelType, to string) bool {
	k := claimKey{g.index[from], g.index[to], g.typeIndex[t]}
	if _, dup := g.seen[k]; dup {
		return false
	}
	g.seen[k] = struct{}{}
	g.Claims++
	return true
}

// doc builds one document: sentences and the claims each one supports.
type doc struct {
	sb    strings.Builder
	batch graph.Batch
	spans []struct {
		start, end int
		subjects   []string
	}
}

func (d *doc) sentence(s string, subjects ...string) {
	start := d.sb.Len()
	d.sb.WriteString(s)
	d.spans = append(d.spans, struct {
		start, end int
		subjects   []string
	}{start, d.sb.Len(), subjects})
	d.sb.WriteString(" ")
}

// Documents streams the documents, each a batch with its claims and their
// evidence, until the graph has Nodes*RelsPerNode claims. It can be ranged
// over once.
func (g *Generator) Documents() iter.Seq[graph.Batch] {
	return func(yield func(graph.Batch) bool) {
		if g.used {
			panic("synth: Documents ranged over twice")
		}
		g.used = true
		total := 0
		for _, m := range relMix {
			total += m.weight
		}
		want := g.cfg.Nodes * g.cfg.RelsPerNode
		for n := 0; g.Claims < want; n++ {
			b := g.document(n, want, total)
			if !yield(b) {
				return
			}
		}
	}
}

func (g *Generator) document(n, want, totalWeight int) graph.Batch {
	var d doc
	var made []reported
	for c := 0; c < g.cfg.ClaimsPerDoc && g.Claims < want; c++ {
		// Attributions are spread evenly over the stream: one is made
		// whenever they fall behind their share of the claims so far.
		if len(g.Attributions) < g.wantAttr && len(g.Attributions)*want < g.wantAttr*g.Claims {
			g.attribution(&d)
			continue
		}
		if len(g.recent) > 0 && g.rng.Float64() < g.cfg.RepeatShare {
			r := g.recent[g.rng.IntN(len(g.recent))]
			d.batch.Relationships = append(d.batch.Relationships, r.rel)
			d.sentence(fmt.Sprintf("Another outlet confirmed that %s %s %s.", r.rel.From, r.verb, r.rel.To), r.rel.ID)
			continue
		}
		pick := g.rng.IntN(totalWeight)
		m := relMix[0]
		for _, cand := range relMix {
			if pick < cand.weight {
				m = cand
				break
			}
			pick -= cand.weight
		}
		from, to := g.pick(m.from, true), g.pick(m.to, false)
		if from == to || !g.claim(from, m.t, to) {
			continue
		}
		verb := strings.ToLower(strings.ReplaceAll(string(m.t), "_", " "))
		rel := graph.Relationship{ID: graph.ClaimID(from, m.t, to), Type: m.t, From: from, To: to, Method: "rule:synthetic@1",
			Confidence: 0.5 + g.rng.Float64()/2, Date: fmt.Sprintf("%d-%02d", 2000+g.rng.IntN(25), 1+g.rng.IntN(12))}
		d.batch.Relationships = append(d.batch.Relationships, rel)
		d.sentence(fmt.Sprintf("Reports say %s %s %s in %d.", from, verb, to, 2000+g.rng.IntN(25)), rel.ID)
		made = append(made, reported{rel, verb})
	}
	// Only claims of earlier documents are reported again, so a repeat
	// always adds evidence from a second document.
	for _, r := range made {
		if len(g.recent) < 4096 {
			g.recent = append(g.recent, r)
		} else {
			g.recent[g.rng.IntN(len(g.recent))] = r
		}
	}
	head := fmt.Sprintf("Synthetic article %d. ", n)
	text := head + d.sb.String()
	docu := graph.Document{ID: graph.DocumentID(text), Title: fmt.Sprintf("Synthetic article %d", n), Publisher: "Synthetic Wire",
		Published: fmt.Sprintf("%d-%02d", 2000+n%25, 1+n%12), Text: text}
	d.batch.Documents = []graph.Document{docu}
	for _, sp := range d.spans {
		s, e := sp.start+len(head), sp.end+len(head) // ASCII: bytes are code points
		for _, sub := range sp.subjects {
			d.batch.Evidence = append(d.batch.Evidence, graph.Evidence{ID: graph.EvidenceID(sub, docu.ID, s, e), Subject: sub,
				DocumentID: docu.ID, Start: s, End: e, Quote: text[s:e]})
			g.Evidence++
		}
	}
	return d.batch
}

// attribution adds an Attribution node to d: who made it, whom it blames,
// the operation it concerns, and up to three backers, each claim cited.
// Operations are drawn from a "notable" twentieth of them so an operation
// has a handful of attributions at every scale, as real ones do.
func (g *Generator) attribution(d *doc) {
	i := len(g.Attributions)
	id := fmt.Sprintf("attribution:synth-%d", i)
	g.index[id] = int32(len(g.Nodes) + i)
	ops := g.ByKind[graph.KindCyberOperation]
	op := ops[g.rng.IntN(max(1, len(ops)/20))]
	actor := func() string {
		if g.rng.IntN(10) < 7 {
			return g.pick(graph.KindCountry, true)
		}
		return g.pick(graph.KindOrganization, true)
	}
	by, blamed := actor(), actor()
	date := fmt.Sprintf("%d-%02d", 2010+g.rng.IntN(15), 1+g.rng.IntN(12))
	basis := []string{"receiver government", "international organization", "IT-security company", "media"}[g.rng.IntN(4)]
	g.Attributions[id] = op
	d.batch.Nodes = append(d.batch.Nodes, graph.Node{ID: id, Kind: graph.KindAttribution, Name: fmt.Sprintf("%s blames %s for %s", by, blamed, op),
		Props: map[string]string{"basis": basis, "date": date, "modality": "asserted"}})
	rel := func(from string, t graph.RelType, to string) string {
		if !g.claim(from, t, to) {
			return ""
		}
		r := graph.Relationship{ID: graph.ClaimID(from, t, to), Type: t, From: from, To: to, Method: "rule:synthetic@1",
			Confidence: 0.6 + g.rng.Float64()*0.4, Date: date}
		d.batch.Relationships = append(d.batch.Relationships, r)
		return r.ID
	}
	subjects := []string{id}
	for _, r := range []string{rel(by, graph.RelAttributed, id), rel(id, graph.RelConcerns, op), rel(id, graph.RelBlames, blamed)} {
		if r != "" {
			subjects = append(subjects, r)
		}
	}
	d.sentence(fmt.Sprintf("In %s, %s attributed %s to %s, citing %s sources.", date, by, op, blamed, basis), subjects...)
	for n := g.rng.IntN(4); n > 0; n-- {
		backer := actor()
		if r := rel(backer, graph.RelBacked, id); r != "" {
			d.sentence(fmt.Sprintf("%s backed the attribution of %s to %s.", backer, op, blamed), r)
		}
	}
}

var syllables = []string{"ka", "lo", "ri", "ven", "to", "mar", "sel", "di", "an", "or", "bu", "zen", "qui", "pa", "el"}

func word(rng *rand.Rand, i int) string {
	var sb strings.Builder
	for n := 2 + rng.IntN(2); n > 0; n-- {
		sb.WriteString(syllables[rng.IntN(len(syllables))])
	}
	return fmt.Sprintf("%s %d", sb.String(), i)
}
