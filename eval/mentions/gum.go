// Package mentions measures the extractor's proper-name mentions against annotated news: how
// many mentions of people, organisations and places it finds (recall), how many of those it
// reports are right (precision), with exact and overlapping spans, per type. Package eval reads
// the team's news test set into the same documents (LoadNewsMentionDocs).
//
// The annotated data is the news part of the GUM corpus (CoNLL-U with CoNLL-2012-style entity
// brackets in the MISC column). Its annotations are licensed for non-commercial use only, so
// the data is never copied into the project: it is read from ../shared/data/gum-news at
// evaluation time (DefaultGUMDir), and the evaluation skips when it is absent. See
// eval/README.md for the rules that decide which gold mentions count.
package mentions

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Gold types, and the GUM entity types they come from.
const (
	Person       = "Person"
	Organization = "Organization"
	Place        = "Place"
)

var gumTypes = map[string]string{"person": Person, "organization": Organization, "place": Place}

// Gold is one annotated mention. Start and End are byte offsets into Doc.Text, end exclusive,
// and Text is Doc.Text[Start:End]. For a proper-name mention (Proper) the span is the name
// itself, cut out of GUM's larger mention span by the rule in eval/README.md ("U.S. President
// Donald Trump's" -> "Donald Trump"); for other mentions it is GUM's span without a leading
// "the".
type Gold struct {
	Start, End int
	Type       string // Person, Organization, Place; for Doc.Others GUM's own type (event, time...)
	Proper     bool
	Text       string
	// Entity is GUM's entity group id ("12"); Mention is GUM's full mention text, before trimming.
	Entity  string
	Mention string
}

// Doc is one annotated article: its text rebuilt from the tokens and its gold mentions.
//
// Text honours SpaceAfter=No; sentences of one paragraph are separated by a space and
// paragraphs (the data's "# newpar" marks; the headline is a paragraph of its own) by a blank
// line, and so is a sentence with no final punctuation (a caption or a list item: "DAB's
// Elizabeth Quat") from the next, as the article's layout has them on lines of their own.
type Doc struct {
	ID   string
	Text string
	// Gold holds every mention of a person, organisation or place, proper names or not
	// (pronouns, "the minister"...), in text order; Score uses those with Proper set.
	Gold []Gold
	// Others holds the mentions of every other GUM type (event, time, abstract, object...),
	// with Type set to GUM's type: they explain some false positives ("Olympics" is an event).
	Others []Gold
}

// DefaultGUMDir is where the GUM news files are expected: ../shared/data/gum-news relative to
// the repository root, which is found by walking up from the working directory to go.mod. The
// environment variable GUM_NEWS_DIR overrides it.
func DefaultGUMDir() string {
	if d := os.Getenv("GUM_NEWS_DIR"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return filepath.Join("..", "shared", "data", "gum-news")
	}
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(d), "shared", "data", "gum-news")
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return filepath.Join(dir, "..", "shared", "data", "gum-news")
}

// ReadGUM reads every *.conllu file of dir, in name order, and returns its documents.
func ReadGUM(dir string) ([]Doc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.conllu"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("eval: no .conllu files in %s", dir)
	}
	sort.Strings(files)
	var docs []Doc
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		ds, err := ReadCoNLLU(fh, strings.TrimSuffix(filepath.Base(f), ".conllu"))
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		docs = append(docs, ds...)
	}
	return docs, nil
}

// word is one syntactic word of a document.
type word struct {
	form, xpos, deprel string
	head               int // document index of the governor, -1 for the root
	start, end         int // byte offsets into the text
	entity             string
	first              bool // first word of its sentence
}

// mention is one bracketed entity span, by document word indices (inclusive).
type mention struct {
	a, b  int
	group string
	typ   string // GUM's type: person, place, event...
}

// docBuilder accumulates one document while its lines are read.
type docBuilder struct {
	id         string
	text       strings.Builder
	words      []word
	sentences  int
	newPar     bool
	typeField  int // index of etype in the Entity string
	fields     int // number of fields in the Entity string
	open       map[string][]int
	mentions   []mention
	sentWords  []int // document indices of the current sentence's words
	sentHeads  []int // their governors, sentence-relative ids (0 root)
	mwtForm    string
	mwtEnd     int
	mwtWords   []int
	mwtSpaceNo bool
	sentText   string
	sentStart  int
	haveText   bool
}

// ReadCoNLLU reads the documents of one CoNLL-U stream; name is the id given to a document
// that has no "# newdoc id" comment. It checks that every sentence rebuilt from its tokens
// equals its "# text" comment.
func ReadCoNLLU(r io.Reader, name string) ([]Doc, error) {
	var docs []Doc
	var b *docBuilder
	start := func(id string) {
		b = &docBuilder{id: id, typeField: 1, fields: 8, open: map[string][]int{}, newPar: true}
	}
	finish := func() error {
		if b == nil {
			return nil
		}
		if err := b.endSentence(); err != nil {
			return err
		}
		if len(b.words) > 0 {
			docs = append(docs, b.doc())
		}
		b = nil
		return nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		var err error
		switch {
		case strings.HasPrefix(s, "# newdoc"):
			if err := finish(); err != nil {
				return nil, fmt.Errorf("line %d: %w", line, err)
			}
			id := name
			if _, v, ok := strings.Cut(s, "="); ok && strings.TrimSpace(v) != "" {
				id = strings.TrimSpace(v)
			}
			start(id)
		case strings.HasPrefix(s, "#"):
			if b == nil {
				start(name)
			}
			b.comment(s)
		case s == "":
			if b != nil {
				err = b.endSentence()
			}
		default:
			if b == nil {
				start(name)
			}
			err = b.tokenLine(s)
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return docs, nil
}

func (b *docBuilder) comment(s string) {
	body := strings.TrimSpace(strings.TrimPrefix(s, "#"))
	switch {
	case strings.HasPrefix(body, "newpar"):
		b.newPar = true
	case strings.HasPrefix(body, "text ="), strings.HasPrefix(body, "text="):
		_, v, _ := strings.Cut(body, "=")
		b.sentText = strings.TrimSpace(v)
		b.haveText = true
	case strings.HasPrefix(body, "global.Entity"):
		_, v, _ := strings.Cut(body, "=")
		names := strings.Split(strings.TrimSpace(v), "-")
		for i, n := range names {
			if n == "etype" {
				b.typeField = i
			}
		}
		b.fields = len(names)
	}
}

func (b *docBuilder) tokenLine(s string) error {
	cols := strings.Split(s, "\t")
	if len(cols) != 10 {
		return fmt.Errorf("want 10 columns, got %d", len(cols))
	}
	id, form, xpos, misc := cols[0], cols[1], cols[4], cols[9]
	if strings.Contains(id, ".") { // empty node: no text, no entity
		return nil
	}
	if len(b.sentWords) == 0 && b.mwtEnd == 0 {
		b.beginSentence()
	}
	spaceNo := hasMisc(misc, "SpaceAfter", "No")
	if lo, hi, ok := strings.Cut(id, "-"); ok { // multiword token: the text is its form
		from, err1 := strconv.Atoi(lo)
		to, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil || to < from {
			return fmt.Errorf("bad multiword token id %q", id)
		}
		b.mwtForm, b.mwtEnd, b.mwtWords, b.mwtSpaceNo = form, to, nil, spaceNo
		return nil
	}
	n, err := strconv.Atoi(id)
	if err != nil {
		return fmt.Errorf("bad token id %q", id)
	}
	if n != len(b.sentWords)+1 {
		return fmt.Errorf("token id %d out of order", n)
	}
	head, err := strconv.Atoi(cols[6])
	if err != nil && cols[6] != "_" {
		return fmt.Errorf("bad head %q", cols[6])
	}
	w := word{form: form, xpos: xpos, deprel: cols[7], entity: miscValue(misc, "Entity"), first: n == 1}
	idx := len(b.words)
	if b.mwtEnd > 0 {
		b.mwtWords = append(b.mwtWords, idx)
	} else {
		w.start = b.text.Len()
		b.text.WriteString(form)
		w.end = b.text.Len()
		if !spaceNo {
			b.text.WriteByte(' ')
		}
	}
	b.words = append(b.words, w)
	b.sentWords = append(b.sentWords, idx)
	b.sentHeads = append(b.sentHeads, head)
	if b.mwtEnd > 0 && n == b.mwtEnd {
		b.closeMWT()
	}
	return b.entities(idx)
}

// beginSentence writes the separator before a sentence: a blank line before a new paragraph,
// a space otherwise.
func (b *docBuilder) beginSentence() {
	t := strings.TrimRight(b.text.String(), " ")
	b.text.Reset()
	b.text.WriteString(t)
	if b.sentences > 0 {
		// A sentence with no final punctuation (a caption, a list item, a byline) stood on a
		// line of its own in the article.
		if last, _ := utf8.DecodeLastRuneInString(t); b.newPar || !strings.ContainsRune(".!?:;\"'”’)…", last) {
			b.text.WriteString("\n\n")
		} else {
			b.text.WriteByte(' ')
		}
	}
	b.newPar = false
	b.sentStart = b.text.Len()
	b.sentences++
}

// closeMWT writes a multiword token's form and gives its words their offsets: consecutive
// pieces when the words spell the form ("Trump" + "'s"), else the whole token each.
func (b *docBuilder) closeMWT() {
	start := b.text.Len()
	b.text.WriteString(b.mwtForm)
	end := b.text.Len()
	var concat strings.Builder
	for _, i := range b.mwtWords {
		concat.WriteString(b.words[i].form)
	}
	pos := start
	for _, i := range b.mwtWords {
		if concat.String() == b.mwtForm {
			b.words[i].start, b.words[i].end = pos, pos+len(b.words[i].form)
			pos += len(b.words[i].form)
		} else {
			b.words[i].start, b.words[i].end = start, end
		}
	}
	if !b.mwtSpaceNo {
		b.text.WriteByte(' ')
	}
	b.mwtForm, b.mwtEnd, b.mwtWords = "", 0, nil
}

// entities reads the Entity brackets of word idx: "(12-person-...", "12)", "(7-time-...)".
func (b *docBuilder) entities(idx int) error {
	e := b.words[idx].entity
	for i := 0; i < len(e); {
		switch {
		case e[i] == '(':
			j := i + 1
			for j < len(e) && e[j] != '(' && e[j] != ')' {
				j++
			}
			spec := e[i+1 : j]
			parts := strings.SplitN(spec, "-", b.fields)
			if len(parts) <= b.typeField {
				return fmt.Errorf("bad entity %q", spec)
			}
			m := mention{a: idx, b: idx, group: parts[0], typ: parts[b.typeField]}
			if j < len(e) && e[j] == ')' { // single-word mention
				b.mentions = append(b.mentions, m)
				j++
			} else {
				b.open[m.group] = append(b.open[m.group], len(b.mentions))
				m.b = -1
				b.mentions = append(b.mentions, m)
			}
			i = j
		case e[i] >= '0' && e[i] <= '9':
			j := i
			for j < len(e) && e[j] != ')' {
				j++
			}
			if j == len(e) {
				return fmt.Errorf("bad entity closer in %q", e)
			}
			g := e[i:j]
			st := b.open[g]
			if len(st) == 0 {
				return fmt.Errorf("entity %s closed but not open", g)
			}
			b.mentions[st[len(st)-1]].b = idx
			b.open[g] = st[:len(st)-1]
			i = j + 1
		default:
			return fmt.Errorf("bad entity annotation %q", e)
		}
	}
	return nil
}

func (b *docBuilder) endSentence() error {
	if b.mwtEnd > 0 {
		return fmt.Errorf("sentence ends inside a multiword token")
	}
	if len(b.sentWords) == 0 {
		b.haveText = false
		return nil
	}
	base := b.sentWords[0]
	for k, h := range b.sentHeads {
		if h <= 0 || h > len(b.sentWords) {
			b.words[b.sentWords[k]].head = -1
		} else {
			b.words[b.sentWords[k]].head = base + h - 1
		}
	}
	got := strings.TrimRight(b.text.String()[b.sentStart:], " ")
	if b.haveText && got != b.sentText {
		return fmt.Errorf("sentence rebuilt as %q, # text says %q", got, b.sentText)
	}
	b.sentWords, b.sentHeads, b.haveText = nil, nil, false
	return nil
}

func (b *docBuilder) doc() Doc {
	text := strings.TrimRight(b.text.String(), " ")
	d := Doc{ID: b.id, Text: text}
	children := make([][]int, len(b.words))
	for i, w := range b.words {
		if w.head >= 0 {
			children[w.head] = append(children[w.head], i)
		}
	}
	sort.SliceStable(b.mentions, func(i, j int) bool {
		mi, mj := b.mentions[i], b.mentions[j]
		if mi.a != mj.a {
			return mi.a < mj.a
		}
		return mi.b > mj.b
	})
	for mi, m := range b.mentions {
		if m.b < 0 { // never closed
			continue
		}
		full := d.Text[b.words[m.a].start:b.words[m.b].end]
		typ, ok := gumTypes[m.typ]
		if !ok {
			a, e := b.trimThe(m.a, m.b)
			d.Others = append(d.Others, Gold{Start: b.words[a].start, End: b.words[e].end, Type: m.typ,
				Text: d.Text[b.words[a].start:b.words[e].end], Entity: m.group, Mention: full})
			continue
		}
		g := Gold{Type: typ, Entity: m.group, Mention: full}
		if a, e, ok := b.properName(mi, typ, children); ok {
			g.Start, g.End, g.Proper = b.words[a].start, b.words[e].end, true
		} else {
			a, e := b.trimThe(m.a, m.b)
			g.Start, g.End = b.words[a].start, b.words[e].end
		}
		g.Text = d.Text[g.Start:g.End]
		d.Gold = append(d.Gold, g)
	}
	return d
}

// trimThe drops a leading "the" from a span of words, unless it is the whole span.
func (b *docBuilder) trimThe(a, e int) (int, int) {
	if a < e && strings.EqualFold(b.words[a].form, "the") {
		a++
	}
	return a, e
}

func hasMisc(misc, key, val string) bool { return miscValue(misc, key) == val }

func miscValue(misc, key string) string {
	for _, kv := range strings.Split(misc, "|") {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}
