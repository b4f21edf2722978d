package mentions

import "github.com/newsgraph/newsgraph/extract"

// FromExtractor adapts an extractor to Score: it runs x over the text
// (extract.Article{Text: text}) and returns every mention of kind name, acronym or alias of
// every entity of type Person, Organization, Country, City or Place, with the entity's type.
// Descriptions ("the minister") and demonyms ("Afghan") are left out: the gold holds proper
// names only.
func FromExtractor(x *extract.Extractor) func(text string) []Predicted {
	return func(text string) []Predicted {
		ex := x.Extract(extract.Article{Text: text})
		var out []Predicted
		for _, e := range ex.Entities {
			switch e.Type {
			case extract.Person, extract.Organization, extract.Country, extract.City, extract.Place:
			default:
				continue
			}
			for _, m := range e.Mentions {
				switch m.Kind {
				case extract.KindName, extract.KindAcronym, extract.KindAlias:
					out = append(out, Predicted{Start: m.Start, End: m.End, Type: e.Type})
				}
			}
		}
		return out
	}
}
