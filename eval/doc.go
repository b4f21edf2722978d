// Package eval measures the extractor against the team's news test set (testdata/news): its
// relations with their context flags, per predicate (Relations; the GUM documents and the
// earlier gold set of testdata/relations too), its proper-name mentions through package
// eval/mentions's scorer (LoadNewsMentionDocs), the agreement of two annotators (Agreement),
// and the table of dependency paths the extractor learns from the dev split (CountPaths). The
// mentions against GUM's news articles are package eval/mentions, the CAMEO direction check
// package eval/cameo, and what the evaluations share package eval/score. See README.md.
package eval
