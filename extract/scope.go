package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// LocalNames gives a person the article names by one word only ("Bayramov", "Suharto") an id
// of its own in that article: "person/bayramov@1a2b3c4d". Two articles that each name a
// Bayramov, and never in full, do not say they are one person; a full name is evidence enough
// ("Jeyhun Bayramov" is one node across articles), one word is not. Linking such a person to
// the one it is across articles takes evidence, and is the Linker's job.
type LocalNames struct{}

// Process renames the ids of one-word people, in entities and relations.
func (LocalNames) Process(d *Document) {
	var rename map[string]string
	suffix := ""
	for _, e := range d.Entities {
		if !OneWordPerson(*e) || strings.Contains(e.ID, "@") {
			continue
		}
		if suffix == "" {
			h := sha256.Sum256([]byte(ArticleID(d.Article)))
			suffix = "@" + hex.EncodeToString(h[:4])
			rename = map[string]string{}
		}
		rename[e.ID] = e.ID + suffix
		e.ID += suffix
	}
	if rename != nil {
		renameInRelations(d.Relations, rename)
	}
}

// OneWordPerson reports whether e is a person the article names by one word only.
func OneWordPerson(e Entity) bool {
	return e.Type == Person && !strings.Contains(strings.TrimSpace(e.Name), " ")
}

// IsLocalID reports whether an entity id is local to one article (see LocalNames).
func IsLocalID(id string) bool { return strings.Contains(id, "@") }

func renameInRelations(rs []Relation, rename map[string]string) {
	for i := range rs {
		r := &rs[i]
		if n, ok := rename[r.Subject]; ok {
			r.Subject = n
		}
		if n, ok := rename[r.Object]; ok {
			r.Object = n
		}
		if n, ok := rename[r.AttributedTo]; ok {
			r.AttributedTo = n
		}
	}
}
