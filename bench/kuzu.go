package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

// exportCSV writes the graph in the SQLite file as nodes.csv and rels.csv
// for Kuzu's COPY FROM: the peer loads exactly what the store holds.
func exportCSV(ctx context.Context, dbPath, dir string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: dbPath}).EscapedPath()+"?_pragma=query_only(1)")
	if err != nil {
		return err
	}
	defer db.Close()
	write := func(name string, header []string, q string) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		defer f.Close()
		w := csv.NewWriter(f)
		w.Write(header)
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		rec := make([]string, len(header))
		ptrs := make([]any, len(header))
		for i := range rec {
			ptrs[i] = &rec[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			if err := w.Write(rec); err != nil {
				return err
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		w.Flush()
		return w.Error()
	}
	if err := write("nodes.csv", []string{"id", "kind", "name"}, `SELECT id, kind, name FROM nodes ORDER BY nid`); err != nil {
		return fmt.Errorf("exporting nodes: %w", err)
	}
	if err := write("rels.csv", []string{"from", "to", "id", "type", "confidence"},
		`SELECT a.id, b.id, r.id, r.type, CAST(r.confidence AS TEXT) FROM rels r JOIN nodes a ON a.nid = r.src JOIN nodes b ON b.nid = r.dst ORDER BY r.rid`); err != nil {
		return fmt.Errorf("exporting claims: %w", err)
	}
	return nil
}

// kuzuOutput is what the peer prints.
type kuzuOutput struct {
	Version     string  `json:"version"`
	LoadSeconds float64 `json:"loadSeconds"`
	Nodes       int64   `json:"nodes"`
	Rels        int64   `json:"rels"`
	OneHop      Latency `json:"oneHop"`
	TwoHop      Latency `json:"twoHop"`
	Paths       Latency `json:"paths"`
	PathLengths []int   `json:"pathLengths"`
	PeakRSS     int64   `json:"peakRSS"`
	DBBytes     int64   `json:"dbBytes"`
}

// kuzuPoolMiB sizes Kuzu's buffer pool for a graph: 2 GiB, or 1 KiB per
// claim when that is more (COPY of 10M claims failed in 2 GiB: "the buffer
// pool is full"), but never more than half the machine's memory, which the
// harness and the page cache share.
func kuzuPoolMiB(claims int, memTotal int64) int64 {
	mib := max(int64(2048), int64(claims)>>10)
	if memTotal > 0 {
		mib = min(mib, memTotal>>21)
	}
	return mib
}

// runKuzu builds the Kuzu peer (its own module, bench/kuzu) and runs it on
// the exported graph with the same questions.
func runKuzu(ctx context.Context, kuzuDir, work string, q queries, limit time.Duration, claims int, memTotal int64) (*PeerResult, error) {
	bin := filepath.Join(work, "kuzu-peer")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
	build.Dir = kuzuDir
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building the Kuzu peer in %s: %w\n%s", kuzuDir, err, out)
	}
	qf := filepath.Join(work, "questions.json")
	b, _ := json.Marshal(q)
	if err := os.WriteFile(qf, b, 0o644); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, bin, "-data", work, "-db", filepath.Join(work, "kuzu.db"), "-queries", qf,
		"-timeout", limit.String(), "-buffer-pool-mib", strconv.FormatInt(kuzuPoolMiB(claims, memTotal), 10))
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("the Kuzu peer: %w", err)
	}
	var out kuzuOutput
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, fmt.Errorf("the Kuzu peer's output: %w", err)
	}
	pr := &PeerResult{Name: "Kuzu " + out.Version, LoadSeconds: out.LoadSeconds,
		LoadWhat: "COPY FROM CSV of " + strconv.FormatInt(out.Nodes, 10) + " nodes and " + strconv.FormatInt(out.Rels, 10) + " relationships (no evidence, no documents, no full-text index)",
		OneHop:   out.OneHop, TwoHop: out.TwoHop, Paths: out.Paths, PathLengths: out.PathLengths, PeakRSS: out.PeakRSS, DBBytes: out.DBBytes}
	for _, l := range out.PathLengths {
		if l >= 0 {
			pr.PathsFound++
		}
	}
	pr.Note = fmt.Sprintf("each question limited to %v; paths are ALL SHORTEST (up to 3), ours are the 3 shortest simple paths", limit)
	return pr, nil
}

// agree compares shortest path lengths pair by pair.
func agree(ours, peer []int) *PathAgreement {
	a := &PathAgreement{}
	for i := range min(len(ours), len(peer)) {
		o, p := ours[i], peer[i]
		if p == -2 { // the peer timed out
			continue
		}
		a.Compared++
		switch {
		case o == p:
			a.Same++
		case o >= 0 && p < 0:
			a.OnlyOurs++
		case o < 0 && p >= 0:
			a.OnlyPeer++
		case o < p:
			a.OursShorter++
		default:
			a.PeerShorter++
		}
	}
	return a
}
