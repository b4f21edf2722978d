package parse

import (
	"math"
	"sort"
	"strings"
)

// Word clusters give the parser something to go on for words the treebank has few or no
// examples of: words that occur in similar contexts in running text share a cluster. They
// are learnt from unlabelled text (the training sentences' words and GMB's Voice of America
// news) with the predictive exchange algorithm (Uszkoreit and Brants 2008): each word is
// moved to the cluster that most raises the likelihood of the text under
// P(w | prev) = P(cluster(w) | prev) × P(w | cluster(w)), pass after pass.

// trainClusters returns a cluster number (1..k) for the lower-cased words seen at least
// minCount times in sents.
func trainClusters(sents [][]string, k, minCount, passes int) map[string]int {
	count := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			count[strings.ToLower(w)]++
		}
	}
	var vocab []string
	for w, c := range count {
		if c >= minCount {
			vocab = append(vocab, w)
		}
	}
	sort.Slice(vocab, func(i, j int) bool {
		if count[vocab[i]] != count[vocab[j]] {
			return count[vocab[i]] > count[vocab[j]]
		}
		return vocab[i] < vocab[j]
	})
	id := make(map[string]int32, len(vocab))
	for i, w := range vocab {
		id[w] = int32(i)
	}
	V := len(vocab)
	unk := int32(V) // rare words, as predecessors only; V+1 is the sentence start
	// pred[w]: the distinct predecessors of word w with bigram counts.
	type pc struct {
		v int32
		n int32
	}
	bigram := map[[2]int32]int32{}
	for _, s := range sents {
		prev := int32(V + 1)
		for _, w := range s {
			cur, ok := id[strings.ToLower(w)]
			if !ok {
				prev = unk
				continue
			}
			bigram[[2]int32{prev, cur}]++
			prev = cur
		}
	}
	pred := make([][]pc, V)
	for b, n := range bigram {
		pred[b[1]] = append(pred[b[1]], pc{b[0], n})
	}
	for _, p := range pred {
		sort.Slice(p, func(i, j int) bool { return p[i].v < p[j].v })
	}
	class := make([]int32, V)
	for i := range class {
		class[i] = int32(i % k)
	}
	// nvc[v*k+c]: bigrams (v, w) with w in class c; nc[c]: tokens in class c.
	nvc := make([]float64, (V+2)*k)
	nc := make([]float64, k)
	for w := 0; w < V; w++ {
		c := int(class[w])
		for _, p := range pred[w] {
			nvc[int(p.v)*k+c] += float64(p.n)
			nc[c] += float64(p.n)
		}
	}
	f := func(x float64) float64 {
		if x <= 0 {
			return 0
		}
		return x * math.Log(x)
	}
	gain := make([]float64, k)
	for pass := 0; pass < passes; pass++ {
		for w := 0; w < V; w++ {
			old := int(class[w])
			nw := 0.0
			for _, p := range pred[w] {
				nvc[int(p.v)*k+old] -= float64(p.n)
				nw += float64(p.n)
			}
			nc[old] -= nw
			for c := 0; c < k; c++ {
				gain[c] = -(f(nc[c]+nw) - f(nc[c]))
			}
			for _, p := range pred[w] {
				row := nvc[int(p.v)*k : int(p.v)*k+k]
				x := float64(p.n)
				for c := 0; c < k; c++ {
					gain[c] += f(row[c]+x) - f(row[c])
				}
			}
			best := old
			for c := 0; c < k; c++ {
				if gain[c] > gain[best]+1e-9 {
					best = c
				}
			}
			class[w] = int32(best)
			for _, p := range pred[w] {
				nvc[int(p.v)*k+best] += float64(p.n)
			}
			nc[best] += nw
		}
	}
	out := make(map[string]int, V)
	for i, w := range vocab {
		out[w] = int(class[i]) + 1
	}
	return out
}
