package main

import (
	"slices"
	"time"
)

// ScaleResult is everything one scale's run measured. It is saved as JSON
// (bench/results/SCALE.json) and RESULTS.md is rendered from those files, so
// every figure in it comes from a run.
type ScaleResult struct {
	Scale   string `json:"scale"`
	Command string `json:"command"`
	// Commit is the source the run was built from ("+ changes" when the
	// work tree differed from it); empty outside a git checkout.
	Commit   string    `json:"commit,omitempty"`
	Date     time.Time `json:"date"`
	Duration float64   `json:"seconds"` // wall time of the whole scale
	Machine  Machine   `json:"machine"`
	// LoadAvg is the 1-minute load average before and after the run.
	LoadAvg [2]float64 `json:"loadAvg"`
	Graph   GraphInfo  `json:"graph"`
	Stores  []StoreResult
	Naive   *PeerResult `json:"naive,omitempty"`
	Kuzu    *PeerResult `json:"kuzu,omitempty"`
	// Notes say what was skipped and why.
	Notes []string `json:"notes,omitempty"`
	// Profiles summarise CPU profiles of phases, for what limits them.
	Profiles []ProfileSummary `json:"profiles,omitempty"`
}

// GraphInfo describes the generated graph.
type GraphInfo struct {
	Seed         uint64         `json:"seed"`
	Nodes        int            `json:"nodes"` // entity nodes + attributions
	Attributions int            `json:"attributions"`
	Claims       int            `json:"claims"`
	Evidence     int            `json:"evidence"`
	Documents    int            `json:"documents"`
	ByKind       map[string]int `json:"byKind"`
	MaxDegree    int            `json:"maxDegree"`
	MedianDegree int            `json:"medianDegree"`
	DBBytes      int64          `json:"dbBytes"`
}

// StoreResult is what one actorgraph store measured.
type StoreResult struct {
	Name   string     `json:"name"`
	Load   LoadResult `json:"load"`
	OneHop Latency    `json:"oneHop"`
	TwoHop Latency    `json:"twoHop"`
	Paths  Latency    `json:"paths"`
	// PathsFound counts pairs with at least one path.
	PathsFound int            `json:"pathsFound"`
	Search     Latency        `json:"search"`
	HTTP       []HTTPRun      `json:"http"`
	RoundTrips []RoundTrips   `json:"roundTrips"`
	ServerPeak int64          `json:"serverPeakRSS"` // VmHWM of the server process
	HarnessRSS int64          `json:"harnessPeakRSS"`
	Agreement  *PathAgreement `json:"pathAgreement,omitempty"`
	// Adjacency is the build of the store's traversal structures after the
	// load (Store.Prepare), when the store has them.
	Adjacency *PrepareResult `json:"adjacency,omitempty"`
	// Claims are the claims-by-filter questions (claimsq.go).
	Claims *ClaimQuestions `json:"claims,omitempty"`
	// pathLengths is the shortest length found per measured pair (-1:
	// none), compared with the peers'.
	pathLengths []int
}

// PrepareResult is one Store.Prepare.
type PrepareResult struct {
	Seconds float64 `json:"seconds"`
	Claims  int     `json:"claims"`
}

// LoadResult is a bulk load through Store.Upsert.
type LoadResult struct {
	Seconds  float64 `json:"seconds"` // time inside the store (Upsert, or the bulk load with its end)
	Claims   int     `json:"claims"`
	Evidence int     `json:"evidence"`
	Batches  int     `json:"batches"`
	// BatchDocs is how many documents each Upsert carried.
	BatchDocs int `json:"batchDocs"`
	// Bulk is true when the load went through the store's bulk path
	// (graph.BulkStore); FinishSeconds, part of Seconds, is its Commit:
	// building the indexes and the evidence search index at the end.
	Bulk          bool    `json:"bulk,omitempty"`
	FinishSeconds float64 `json:"finishSeconds,omitempty"`
	// IntegerKeys is true for runs of the store with claims and evidence
	// keyed by integers (schema v7, 2026-12-06), whose bulk path also
	// groups batches: the limits text differs from earlier runs'.
	IntegerKeys bool `json:"integerKeys,omitempty"`
}

// ClaimsPerSec is distinct claims (with their evidence) per second.
func (l LoadResult) ClaimsPerSec() float64 {
	if l.Seconds == 0 {
		return 0
	}
	return float64(l.Claims) / l.Seconds
}

// HTTPRun is one load-client run against one endpoint.
type HTTPRun struct {
	Query   string        `json:"query"` // neighborhood or attributions
	API     string        `json:"api"`   // graphql, graphql-shortwait or json
	Clients int           `json:"clients"`
	N       int           `json:"n"`
	RPS     float64       `json:"rps"`
	P50     time.Duration `json:"p50"`
	P99     time.Duration `json:"p99"`
	Errors  int           `json:"errors"`
	// Slices is how many short runs, interleaved with the other APIs of
	// the same question and number of clients, the figures come from: RPS
	// is then the median of the slices' rates, P50 and P99 are of all their
	// requests.
	Slices int `json:"slices,omitempty"`
	// ShareOfJSON, for the GraphQL endpoints, is this API's rate over the
	// plain JSON handler's in the same round of slices: the median over the
	// rounds, and the lowest and highest.
	ShareOfJSON *Spread         `json:"shareOfJSON,omitempty"`
	lat         []time.Duration // a slice's latencies, for interleaved
}

// Spread is a median with the lowest and highest of the values it is the
// median of.
type Spread struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	N      int     `json:"n"`
}

// spreadOf is the Spread of vs.
func spreadOf(vs []float64) *Spread {
	if len(vs) == 0 {
		return nil
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return &Spread{Median: m, Min: s[0], Max: s[len(s)-1], N: len(s)}
}

// RoundTrips counts store calls per request of one query, sequentially.
type RoundTrips struct {
	Query string  `json:"query"`
	API   string  `json:"api"`
	Depth int     `json:"depth"` // nesting depth of the GraphQL query
	N     int     `json:"n"`
	Min   int     `json:"min"`
	Max   int     `json:"max"`
	Mean  float64 `json:"mean"`
	// MeanSmall and MeanLarge are the mean calls of the quarter of
	// requests with the smallest and the largest responses: equal means
	// the calls do not grow with the results.
	MeanSmall  float64 `json:"meanSmall"`
	MeanLarge  float64 `json:"meanLarge"`
	BytesSmall int     `json:"bytesSmall"` // mean response size of each quarter
	BytesLarge int     `json:"bytesLarge"`
}

// PeerResult is what a peer (the naive CTE traversal, Kuzu) measured on
// the same questions.
type PeerResult struct {
	Name        string  `json:"name"`
	LoadSeconds float64 `json:"loadSeconds,omitempty"`
	LoadWhat    string  `json:"loadWhat,omitempty"`
	OneHop      Latency `json:"oneHop"`
	TwoHop      Latency `json:"twoHop"`
	Paths       Latency `json:"paths"`
	PathsFound  int     `json:"pathsFound"`
	PeakRSS     int64   `json:"peakRSS,omitempty"`
	DBBytes     int64   `json:"dbBytes,omitempty"`
	// PathLengths is the shortest length found per pair (-1: none), to
	// check that both sides answer the same question.
	PathLengths []int  `json:"-"`
	Note        string `json:"note,omitempty"`
}

// PathAgreement compares shortest path lengths with Kuzu's.
type PathAgreement struct {
	Compared, Same, OursShorter, PeerShorter, OnlyOurs, OnlyPeer int
}

// ProfileSummary is a CPU profile of one phase, bucketed.
type ProfileSummary struct {
	Phase   string   `json:"phase"`
	Buckets []Bucket `json:"buckets"` // shares of the attributed samples
	// Top lists actorgraph's heaviest functions by cumulative share.
	Top []string `json:"top"`
	// Unattributed is the share of samples in runtime.asyncPreempt.
	Unattributed float64 `json:"unattributed"`
}

// Bucket is a share of a profile's samples.
type Bucket struct {
	Name  string  `json:"name"`
	Share float64 `json:"share"`
}
