package export

import (
	"bufio"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/terms"
)

// The FollowTheMoney export (https://followthemoney.tech): one entity a line, as Aleph,
// OpenSanctions' tools and `ftm` read them ({"id", "schema", "properties": {name: [values]}},
// "referents" for the ids merged into an entity). The mapping:
//   - Person -> Person (name, alias, wikidataId, position: its titles); Organization ->
//     Organization; Country -> LegalEntity (FtM has countries only as codes; a state is a
//     party to memberships); City and Place -> Address (full, city); Event -> Event;
//     agreements, dates, articles, statements and roles are no entities of their own;
//   - a relation an article states as a fact -> one interval entity with the article's URL
//     (sourceUrl), its publisher, the statement's id (recordId), the evidence sentence
//     (description), its date, "ended" (status) when over, "according to X" (summary) when
//     attributed: Employment (worksFor a person -> an organisation), Directorship (heads an
//     organisation), Membership (memberOf, joined: a person, organisation or country in an
//     organisation), Associate (allied or cooperating people), UnknownLink for the rest with
//     the relation as role ("held talks with"); negated and hypothetical relations are left
//     out, as is any relation to an agreement or a date;
//   - a Role -> a Position ("Foreign Minister of Azerbaijan", its organisation when it is
//     one) and an Occupancy of it by the person (start and end dates, "ended" when former,
//     the dates of the articles that report it);
//   - an entity merged into another is not written: its id is in the other's "referents"
//     and its relations are the other's.

// FtMEntity is one FollowTheMoney entity.
type FtMEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Referents  []string            `json:"referents,omitempty"`
}

func (e *FtMEntity) add(prop string, vs ...string) {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(e.Properties[prop], v) {
			e.Properties[prop] = append(e.Properties[prop], v)
		}
	}
}

// ftmSchemata are the FtM schemata of newsgraph's entity types.
var ftmSchemata = map[string]string{
	"Person": "Person", "Organization": "Organization", "Country": "LegalEntity",
	"City": "Address", "Place": "Address", "Event": "Event",
}

// ftmLinks are the interval schemata of relations, with the properties that hold their
// subject and object and the schemata each must have (FtM's ranges).
var ftmLinks = map[string]struct {
	schema, from, to string
	fromOK, toOK     []string
	role             string
}{
	"worksFor":         {"Employment", "employee", "employer", []string{"Person"}, []string{"Organization"}, ""},
	"formerlyWorksFor": {"Employment", "employee", "employer", []string{"Person"}, []string{"Organization"}, ""},
	"heads":            {"Directorship", "director", "organization", []string{"Person", "Organization", "LegalEntity"}, []string{"Organization"}, "head"},
	"formerlyHeads":    {"Directorship", "director", "organization", []string{"Person", "Organization", "LegalEntity"}, []string{"Organization"}, "head"},
	"memberOf":         {"Membership", "member", "organization", []string{"Person", "Organization", "LegalEntity"}, []string{"Organization"}, ""},
	"joined":           {"Membership", "member", "organization", []string{"Person", "Organization", "LegalEntity"}, []string{"Organization"}, ""},
	"cooperatesWith":   {"Associate", "person", "associate", []string{"Person"}, []string{"Person"}, ""},
	"alliedWith":       {"Associate", "person", "associate", []string{"Person"}, []string{"Person"}, ""},
}

var reFtMDate = regexp.MustCompile(`^\d{4}(-\d\d(-\d\d)?)?$`)

// ftmDates keeps the dates FtM's date type takes: ISO 8601 with a year.
func ftmDates(vs []string) []string {
	var out []string
	for _, v := range vs {
		if reFtMDate.MatchString(v) {
			out = append(out, v)
		}
	}
	return out
}

var reSlugID = regexp.MustCompile(`^[a-z0-9-]+(/[a-z0-9-]+)*(@[a-z0-9]+)?$`)

// ftmID is the FtM id of a node: "ng.person.jeyhun-bayramov" (an FtM id is a plain token;
// slugs never hold '.' or '_', so the mapping is one to one), a hash for other ids.
func ftmID(node string) string {
	local := strings.TrimPrefix(node, "ng:")
	if local != node && reSlugID.MatchString(local) {
		return "ng." + strings.NewReplacer("/", ".", "@", "_").Replace(local)
	}
	h := sha1.Sum([]byte(node))
	kind, _, _ := strings.Cut(local, "/")
	if !reSlugID.MatchString(kind) || local == node {
		kind = "node"
	}
	return "ng." + kind + "." + hex.EncodeToString(h[:10])
}

// readable spells a predicate's local name as words: "heldTalksWith" -> "held talks with".
func readable(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func writeFtM(ctx context.Context, s *store.Store, w io.Writer) error {
	g, err := newPropertyGraph(ctx, s)
	if err != nil {
		return err
	}
	// out[node] lists the node's objects by predicate.
	out := map[string]map[string][]string{}
	for _, e := range g.sortedEdges() {
		if out[e.s] == nil {
			out[e.s] = map[string][]string{}
		}
		out[e.s][e.p] = append(out[e.s][e.p], e.o)
	}
	// An entity merged away (owl:sameAs another ng: node) is the one it was merged into.
	into := map[string]string{}
	for id, ps := range out {
		for _, o := range ps[string(terms.SameAs)] {
			if strings.HasPrefix(o, "ng:") {
				into[id] = o
			}
		}
	}
	resolve := func(id string) string {
		for i := 0; i < 16 && into[id] != ""; i++ {
			id = into[id]
		}
		return id
	}
	entities := map[string]*FtMEntity{}
	schemaOf := func(n *pgNode) string {
		for _, t := range n.types {
			if sc := ftmSchemata[t]; sc != "" {
				return sc
			}
		}
		return ""
	}
	articleURL := func(article string) string {
		for _, u := range out[article][string(terms.URL)] {
			return u
		}
		if strings.HasPrefix(article, "http://") || strings.HasPrefix(article, "https://") {
			return article
		}
		return ""
	}
	publisher := func(article string) string {
		for _, p := range out[article][string(terms.Publisher)] {
			if n := g.nodes[p]; n != nil {
				return n.name()
			}
		}
		return ""
	}
	for _, n := range g.sortedNodes() {
		sc := schemaOf(n)
		if sc == "" || into[n.id] != "" {
			continue
		}
		e := &FtMEntity{ID: ftmID(n.id), Schema: sc, Properties: map[string][]string{}}
		e.add("name", n.attrs[string(terms.Name)]...)
		e.add("alias", n.attrs[string(terms.AlternateName)]...)
		if sc == "Address" {
			e.add("full", n.name())
			if slices.Contains(n.types, "City") {
				e.add("city", n.name())
			}
		}
		if sc == "Person" {
			e.add("position", n.attrs[string(terms.JobTitle)]...)
		}
		if sc == "Event" {
			e.add("date", ftmDates(n.attrs[string(terms.StartDate)])...)
		}
		for _, o := range out[n.id][string(terms.SameAs)] {
			if q, ok := strings.CutPrefix(o, "http://www.wikidata.org/entity/"); ok {
				e.add("wikidataId", q)
			}
		}
		entities[n.id] = e
	}
	for id := range into {
		if e := entities[resolve(id)]; e != nil {
			e.Referents = append(e.Referents, ftmID(id))
		}
	}
	// Mentions give the entities their sources.
	for art, ps := range out {
		if u := articleURL(art); u != "" {
			for _, m := range ps[string(terms.Mentions)] {
				if e := entities[resolve(m)]; e != nil {
					e.add("sourceUrl", u)
				}
			}
		}
	}
	var links []*FtMEntity
	for _, n := range g.sortedNodes() {
		switch {
		case slices.Contains(n.types, "Statement"):
			if l := ftmLink(n, out[n.id], entities, resolve, articleURL, publisher); l != nil {
				links = append(links, l)
			}
		case slices.Contains(n.types, "Role"):
			links = append(links, ftmOccupancy(g, n, out[n.id], entities, resolve, articleURL)...)
		}
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	all := make([]*FtMEntity, 0, len(entities)+len(links))
	for _, e := range entities {
		slices.Sort(e.Referents)
		all = append(all, e)
	}
	seen := map[string]bool{}
	for _, l := range links {
		if !seen[l.ID] { // positions are shared by their holders
			seen[l.ID] = true
			all = append(all, l)
		}
	}
	slices.SortFunc(all, func(a, b *FtMEntity) int { return strings.Compare(a.ID, b.ID) })
	for _, e := range all {
		if err := enc.Encode(e); err != nil {
			return fmt.Errorf("export ftm: %w", err)
		}
	}
	return bw.Flush()
}

// ftmLink is the interval entity of a statement the article makes as a fact, or nil.
func ftmLink(st *pgNode, links map[string][]string, entities map[string]*FtMEntity, resolve func(string) string,
	articleURL, publisher func(string) string) *FtMEntity {
	one := func(p quad.IRI) string {
		if vs := links[string(p)]; len(vs) > 0 {
			return vs[0]
		}
		return ""
	}
	if st.first(terms.Polarity) != "" || st.first(terms.Modality) != "" {
		return nil
	}
	from, to := entities[resolve(one(terms.Subject))], entities[resolve(one(terms.Object))]
	if from == nil || to == nil || from == to {
		return nil
	}
	pred := terms.TypeName(quad.IRI(one(terms.Predicate)))
	l := &FtMEntity{ID: ftmID(st.id), Properties: map[string][]string{}}
	spec, ok := ftmLinks[pred]
	if ok && slices.Contains(spec.fromOK, from.Schema) && slices.Contains(spec.toOK, to.Schema) {
		l.Schema = spec.schema
		l.add(spec.from, from.ID)
		l.add(spec.to, to.ID)
		if spec.role != "" {
			l.add("role", spec.role)
		} else if spec.schema == "Associate" {
			l.add("relationship", readable(pred))
		}
		if pred == "joined" {
			l.add("startDate", ftmDates([]string{st.first(terms.Date)})...)
		}
	} else {
		l.Schema = "UnknownLink"
		l.add("subject", from.ID)
		l.add("object", to.ID)
		l.add("role", readable(strings.TrimPrefix(pred, "formerly")))
	}
	if l.Schema != "Associate" && (strings.HasPrefix(pred, "formerly") || st.first(terms.Former) == "true") {
		l.add("status", "ended")
	}
	if pred != "joined" {
		l.add("date", ftmDates([]string{st.first(terms.Date)})...)
	}
	art := one(terms.Article)
	l.add("sourceUrl", articleURL(art))
	l.add("publisher", publisher(art))
	l.add("recordId", st.id)
	l.add("description", st.first(terms.Evidence))
	if by := entities[resolve(one("ng:attributedTo"))]; by != nil && len(by.Properties["name"]) > 0 {
		l.add("summary", "according to "+by.Properties["name"][0])
	}
	return l
}

// ftmOccupancy is the Position and the Occupancy of a role held by a person.
func ftmOccupancy(g *propertyGraph, role *pgNode, links map[string][]string, entities map[string]*FtMEntity,
	resolve func(string) string, articleURL func(string) string) []*FtMEntity {
	var holder *FtMEntity
	for _, h := range links[string(terms.Holder)] {
		if e := entities[resolve(h)]; e != nil && e.Schema == "Person" {
			holder = e
		}
	}
	title := role.first(terms.RoleName)
	if holder == nil || title == "" {
		return nil
	}
	name, key := title, strings.ToLower(title)
	var of *FtMEntity
	for _, o := range links[string(terms.Of)] {
		of = entities[resolve(o)]
		if n := g.nodes[o]; n != nil {
			name += " of " + n.name()
			key += "\x00" + resolve(o)
		}
	}
	h := sha1.Sum([]byte(key))
	post := &FtMEntity{ID: "ng.position." + hex.EncodeToString(h[:10]), Schema: "Position", Properties: map[string][]string{}}
	post.add("name", name)
	if of != nil && of.Schema == "Organization" {
		post.add("organization", of.ID)
	}
	occ := &FtMEntity{ID: ftmID(role.id), Schema: "Occupancy", Properties: map[string][]string{}}
	occ.add("holder", holder.ID)
	occ.add("post", post.ID)
	occ.add("startDate", ftmDates(role.attrs[string(terms.StartDate)])...)
	occ.add("endDate", ftmDates(role.attrs[string(terms.EndDate)])...)
	occ.add("date", ftmDates(role.attrs[string(terms.Seen)])...)
	if role.first(terms.Former) == "true" {
		occ.add("status", "ended")
	}
	for _, a := range links[string(terms.Article)] {
		occ.add("sourceUrl", articleURL(a))
	}
	occ.add("recordId", role.id)
	occ.add("description", role.attrs[string(terms.Evidence)]...)
	return []*FtMEntity{post, occ}
}
