package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/newsgraph/newsgraph/eval/mentions"
)

// newsArticleText is the part of an articles.jsonl line the mention scorer needs.
type newsArticleText struct {
	ID    string `json:"id"`
	Split string `json:"split"`
	Text  string `json:"text"`
}

// newsEntityTypes maps the news test set's entity types onto the compared ones; EVENT and
// PRODUCT are kept as Doc.Others (they explain some false positives, as GUM's events do).
var newsEntityTypes = map[string]string{"PER": mentions.Person, "ORG": mentions.Organization, "LOC": mentions.Place}

// LoadNewsMentionDocs reads the team's news test set (dir and its b/: articles.jsonl and
// entities.jsonl, see testdata/news/README.md) as Docs for Score, keeping the articles of split
// ("dev", "test" or "all") that were annotated for entities (the legacy runs, annotated for
// relations only, are left out). Every annotated mention is a proper name.
func LoadNewsMentionDocs(dir, split string) ([]mentions.Doc, error) {
	var docs []mentions.Doc
	for _, d := range []string{dir, filepath.Join(dir, "b")} {
		if _, err := os.Stat(filepath.Join(d, "articles.jsonl")); err != nil {
			continue
		}
		arts, err := ReadJSONLines[newsArticleText](filepath.Join(d, "articles.jsonl"))
		if err != nil {
			return nil, err
		}
		ents, err := ReadJSONLines[IAAMention](filepath.Join(d, "entities.jsonl"))
		if err != nil {
			return nil, err
		}
		byDoc := map[string]*mentions.Doc{}
		var order []*mentions.Doc
		for _, a := range arts {
			if split != "all" && a.Split != split {
				continue
			}
			doc := &mentions.Doc{ID: a.ID, Text: a.Text}
			byDoc[a.ID] = doc
			order = append(order, doc)
		}
		for _, e := range ents {
			doc := byDoc[e.Doc]
			if doc == nil {
				continue
			}
			if e.Start < 0 || e.End > len(doc.Text) || e.Start >= e.End || doc.Text[e.Start:e.End] != e.Text {
				return nil, fmt.Errorf("%s: mention %q at %d-%d of %s does not match the text", filepath.Join(d, "entities.jsonl"), e.Text, e.Start, e.End, e.Doc)
			}
			g := mentions.Gold{Start: e.Start, End: e.End, Text: e.Text, Mention: e.Text, Proper: true}
			if t, ok := newsEntityTypes[e.Type]; ok {
				g.Type = t
				doc.Gold = append(doc.Gold, g)
			} else {
				g.Type, g.Proper = e.Type, false
				doc.Others = append(doc.Others, g)
			}
		}
		for _, doc := range order {
			if len(doc.Gold)+len(doc.Others) == 0 {
				continue // the legacy runs were annotated for relations only
			}
			sort.SliceStable(doc.Gold, func(i, j int) bool { return doc.Gold[i].Start < doc.Gold[j].Start })
			docs = append(docs, *doc)
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("no articles of split %q in %s", split, dir)
	}
	return docs, nil
}
