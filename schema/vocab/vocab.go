// Package vocab is newsgraph's one table of relation predicates: each predicate once, with its
// IRI, meaning, inverse reading, the verb lemmas and nouns that state it in text, its argument
// types and flags. Package extract reads the verbs and flags from it, package schema the IRIs
// and meanings, graph and eval through schema. Adding a predicate is one row here (and one test
// sentence in extract/tree_relations_test.go).
//
// It is a leaf package (no imports) so that both extract and schema can read it.
package vocab

// Predicate is one relation between entities.
type Predicate struct {
	Name    string // as the extractor writes it ("received")
	IRI     string // short form as stored ("ng:received")
	Meaning string
	Inverse string // how the edge reads backwards
	// Verbs are the verb lemmas that state it with the subject as subject. "meet" takes its
	// object as the direct object; "meet with" as an oblique with that preposition.
	Verbs []string
	// Nouns are nominalisations that state it ("talks between X and Y", "the reception of X by Y"),
	// read by the nominal patterns of the extractor.
	Nouns []string
	// Agents are nouns that name the subject by the relation, with the preposition of the
	// object ("a critic of X", "an ally of X", "the successor to X"), read whether the noun is
	// said of the subject by apposition, a copula or a title.
	Agents []string
	// Subject and Object are the entity types the arguments take: "actor" (person, organisation,
	// country, capital), "any" (any entity but a date), or a type name; empty: "actor".
	Subject, Object string
	Symmetric       bool // holds both ways ("met")
	Event           bool // an event: takes the dateline's date when its clause gives none
	Literal         bool // the object is a literal on the Statement, no direct edge ("said")
	Structural      bool // a state of affairs rather than an event (positions, places)
	// Passive: the verbs state it in the passive, their passive subject being the relation's
	// subject ("X was born in Y").
	Passive bool
}

// Predicates, in the order the documentation lists them.
var Predicates = []Predicate{
	// Diplomacy and meetings.
	{Name: "received", IRI: "ng:received", Meaning: "host received or hosted guest", Inverse: "was received by",
		Verbs: []string{"receive", "host"}, Nouns: []string{"reception"}, Event: true},
	{Name: "met", IRI: "ng:met", Meaning: "met (symmetric)", Inverse: "met",
		Verbs: []string{"meet", "meet with"}, Nouns: []string{"meeting", "meetings"}, Symmetric: true, Event: true},
	{Name: "visited", IRI: "ng:visited", Meaning: "guest visited a place or host", Inverse: "was visited by",
		Verbs: []string{"visit", "tour", "travel to", "fly to", "arrive in", "head to"}, Nouns: []string{"visit", "trip", "tour"}, Object: "any", Event: true},
	{Name: "heldTalksWith", IRI: "ng:heldTalksWith", Meaning: "held talks or discussions with (symmetric)", Inverse: "held talks with",
		Verbs: []string{"talk with", "talk to", "negotiate with", "confer with"}, Nouns: []string{"talks", "negotiations", "consultations"}, Symmetric: true, Event: true},
	{Name: "called", IRI: "ng:called", Meaning: "phoned", Inverse: "was called by",
		Verbs: []string{"phone", "telephone"}, Event: true},
	{Name: "discussed", IRI: "ng:discussed", Meaning: "participant -> topic (a literal on the Statement, no direct edge)", Inverse: "was discussed by",
		Verbs: []string{"discuss"}, Literal: true, Event: true},
	{Name: "welcomed", IRI: "ng:welcomed", Meaning: "welcomed a decision, an agreement or a guest (CAMEO 04/05)", Inverse: "was welcomed by",
		Verbs: []string{"welcome"}, Object: "any"},
	// Positions and membership.
	{Name: "worksFor", IRI: "schema:worksFor", Meaning: "person works for (holds a position at) an organisation or country", Inverse: "employs",
		Verbs: []string{"work for", "serve in"}, Subject: "Person", Structural: true},
	{Name: "heads", IRI: "ng:heads", Meaning: "person heads an organisation or country", Inverse: "is headed by",
		Verbs: []string{"head", "lead", "chair"}, Subject: "Person", Structural: true},
	{Name: "formerlyWorksFor", IRI: "ng:formerlyWorksFor", Meaning: "worksFor, over (\"former\", \"late\")", Inverse: "formerly employed", Structural: true},
	{Name: "formerlyHeads", IRI: "ng:formerlyHeads", Meaning: "heads, over (\"former\", \"late\")", Inverse: "was formerly headed by", Structural: true},
	{Name: "memberOf", IRI: "schema:memberOf", Meaning: "member of or partner in an organisation or programme", Inverse: "has member",
		Verbs: []string{"belong to"}, Nouns: []string{"member", "members", "membership"}, Object: "Organization", Structural: true},
	{Name: "joined", IRI: "ng:joined", Meaning: "joined an organisation (the Statement carries the date)", Inverse: "was joined by",
		Verbs: []string{"join"}, Nouns: []string{"accession", "joining"}, Object: "Organization"},
	{Name: "partOf", IRI: "ng:partOf", Meaning: "a body is part of a government or country (ministry -> country)", Inverse: "has part", Structural: true},
	{Name: "appointed", IRI: "ng:appointed", Meaning: "appointed or named someone to a post", Inverse: "was appointed by",
		Verbs: []string{"appoint", "name"}, Object: "Person"},
	{Name: "elected", IRI: "ng:elected", Meaning: "elected someone (voters, a parliament, a body)", Inverse: "was elected by",
		Verbs: []string{"elect", "re-elect", "reelect"}, Object: "Person"},
	{Name: "resigned", IRI: "ng:resigned", Meaning: "person resigned from a post, an organisation or a government", Inverse: "was left by",
		Verbs: []string{"resign from", "quit", "step down from"}, Subject: "Person", Object: "any"},
	{Name: "dismissed", IRI: "ng:dismissed", Meaning: "dismissed, fired or ousted someone", Inverse: "was dismissed by",
		Verbs: []string{"dismiss", "fire", "sack", "oust"}, Object: "Person"},
	{Name: "succeeded", IRI: "ng:succeeded", Meaning: "person succeeded or replaced another in a post", Inverse: "was succeeded by",
		Verbs: []string{"succeed", "replace"}, Subject: "Person", Object: "Person", Agents: []string{"successor to", "successor of"}},
	{Name: "nominated", IRI: "ng:nominated", Meaning: "nominated someone for a post or prize", Inverse: "was nominated by",
		Verbs: []string{"nominate"}, Object: "Person"},
	// Places.
	{Name: "containedInPlace", IRI: "schema:containedInPlace", Meaning: "a place lies in another (city -> country)", Inverse: "contains", Subject: "any", Object: "any", Structural: true},
	{Name: "headquarteredIn", IRI: "ng:headquarteredIn", Meaning: "organisation has its seat in a place", Inverse: "is the seat of",
		Verbs: []string{"base in", "headquarter in"}, Subject: "Organization", Object: "any", Structural: true, Passive: true},
	{Name: "livesIn", IRI: "schema:homeLocation", Meaning: "person lives in a place (schema.org homeLocation)", Inverse: "is home to",
		Verbs: []string{"live in", "reside in"}, Subject: "Person", Object: "any", Structural: true},
	{Name: "bornIn", IRI: "schema:birthPlace", Meaning: "person was born in a place (schema.org birthPlace)", Inverse: "is the birthplace of",
		Verbs: []string{"bear in"}, Subject: "Person", Object: "any", Structural: true, Passive: true},
	{Name: "diedIn", IRI: "schema:deathPlace", Meaning: "person died in a place (schema.org deathPlace)", Inverse: "is the place of death of",
		Verbs: []string{"die in"}, Subject: "Person", Object: "any"},
	// Cooperation and agreement.
	{Name: "alliedWith", IRI: "ng:alliedWith", Meaning: "allied with (symmetric)", Inverse: "allied with",
		Verbs: []string{"ally with"}, Symmetric: true, Agents: []string{"ally of"}},
	{Name: "cooperatesWith", IRI: "ng:cooperatesWith", Meaning: "cooperates with (symmetric)", Inverse: "cooperates with",
		Verbs: []string{"cooperate with", "co-operate with", "coordinate with"}, Nouns: []string{"cooperation", "partnership", "relations", "ties", "relationship"}, Symmetric: true},
	{Name: "participatedIn", IRI: "ng:participatedIn", Meaning: "took part in missions or activities in a place or programme", Inverse: "had the participation of",
		Verbs: []string{"participate in", "attend"}, Nouns: []string{"participation", "appearance"}, Object: "any"},
	{Name: "signed", IRI: "ng:signed", Meaning: "person or country signed an agreement", Inverse: "was signed by",
		Verbs: []string{"sign", "ratify"}, Nouns: []string{"signing"}, Object: "Agreement"},
	{Name: "agreedWith", IRI: "ng:agreedWith", Meaning: "reached an agreement with (symmetric)", Inverse: "agreed with",
		Verbs: []string{"agree with"}, Nouns: []string{"agreement", "accord", "deal", "truce", "ceasefire", "cease-fire"}, Symmetric: true},
	// Conflict, violence and rescue.
	{Name: "attacked", IRI: "ng:attacked", Meaning: "attacked (CAMEO 18-20)", Inverse: "was attacked by",
		Verbs: []string{"attack", "bomb", "shell", "raid", "invade", "strike", "ambush", "storm"}, Nouns: []string{"attack", "attacks", "offensive", "raid", "raids", "strike", "strikes", "airstrikes", "assault", "bombing", "bombings", "shelling", "invasion", "operations"}, Object: "any", Event: true},
	{Name: "foughtAgainst", IRI: "ng:foughtAgainst", Meaning: "fought against (symmetric, CAMEO 19)", Inverse: "fought against",
		Verbs: []string{"fight", "fight against", "fight with", "battle", "clash with"}, Nouns: []string{"fighting", "infighting", "clashes", "war", "conflict", "battles", "hostilities"}, Symmetric: true, Event: true},
	{Name: "killed", IRI: "ng:killed", Meaning: "killed", Inverse: "was killed by",
		Verbs: []string{"kill", "assassinate", "murder", "slay"}, Object: "Person", Event: true, Agents: []string{"killer of", "assassin of", "murderer of"}},
	{Name: "wounded", IRI: "ng:wounded", Meaning: "wounded or injured", Inverse: "was wounded by",
		Verbs: []string{"wound", "injure"}, Object: "Person", Event: true},
	{Name: "kidnapped", IRI: "ng:kidnapped", Meaning: "kidnapped or abducted", Inverse: "was kidnapped by",
		Verbs: []string{"kidnap", "abduct"}, Object: "Person", Event: true, Agents: []string{"kidnapper of", "abductor of"}},
	{Name: "released", IRI: "ng:released", Meaning: "released or freed a captive", Inverse: "was released by",
		Verbs: []string{"release", "free"}, Object: "Person", Event: true},
	{Name: "liberated", IRI: "ng:liberated", Meaning: "liberated or retook a place", Inverse: "was liberated by",
		Verbs: []string{"liberate", "retake", "recapture"}, Object: "any", Event: true},
	{Name: "captured", IRI: "ng:captured", Meaning: "captured a person or seized a place", Inverse: "was captured by",
		Verbs: []string{"capture", "seize", "conquer", "overrun"}, Object: "any", Event: true},
	{Name: "arrested", IRI: "ng:arrested", Meaning: "arrested or detained", Inverse: "was arrested by",
		Verbs: []string{"arrest", "detain"}, Object: "Person", Event: true},
	// Justice.
	{Name: "accused", IRI: "ng:accused", Meaning: "accused or blamed (CAMEO 112)", Inverse: "was accused by",
		Verbs: []string{"accuse", "blame"}},
	{Name: "charged", IRI: "ng:charged", Meaning: "prosecutors or police charged or indicted someone", Inverse: "was charged by",
		Verbs: []string{"charge", "indict"}, Nouns: []string{"charges", "indictment"}, Object: "Person", Event: true},
	{Name: "convicted", IRI: "ng:convicted", Meaning: "a court convicted someone", Inverse: "was convicted by",
		Verbs: []string{"convict"}, Object: "Person", Event: true},
	{Name: "sentenced", IRI: "ng:sentenced", Meaning: "a court sentenced someone", Inverse: "was sentenced by",
		Verbs: []string{"sentence"}, Object: "Person", Event: true},
	{Name: "acquitted", IRI: "ng:acquitted", Meaning: "a court acquitted someone", Inverse: "was acquitted by",
		Verbs: []string{"acquit"}, Object: "Person", Event: true},
	{Name: "sued", IRI: "ng:sued", Meaning: "sued", Inverse: "was sued by",
		Verbs: []string{"sue"}, Object: "any", Event: true},
	{Name: "executed", IRI: "ng:executed", Meaning: "executed someone (hanged, put to death)", Inverse: "was executed by",
		Verbs: []string{"execute", "hang"}, Object: "Person", Event: true},
	// Statements and stances.
	{Name: "threatened", IRI: "ng:threatened", Meaning: "threatened (CAMEO 13)", Inverse: "was threatened by",
		Verbs: []string{"threaten"}},
	{Name: "warned", IRI: "ng:warned", Meaning: "warned someone", Inverse: "was warned by",
		Verbs: []string{"warn"}, Object: "any"},
	{Name: "condemned", IRI: "ng:condemned", Meaning: "condemned or denounced (CAMEO 111)", Inverse: "was condemned by",
		Verbs: []string{"condemn", "denounce", "deplore"}},
	{Name: "sanctioned", IRI: "ng:sanctioned", Meaning: "imposed sanctions on (CAMEO 163)", Inverse: "was sanctioned by",
		Verbs: []string{"sanction", "fine"}, Nouns: []string{"sanctions", "embargo"}},
	{Name: "said", IRI: "ng:said", Meaning: "speaker -> statement (the quotation is the Statement's value, no direct edge)", Inverse: "was said by",
		Verbs: []string{"say", "tell", "state", "announce", "declare", "add", "note", "stress", "claim",
			"assert", "write", "insist", "argue", "confirm", "explain", "acknowledge", "admit", "deny",
			"allege", "signal", "reiterate", "emphasize", "emphasise", "predict", "indicate", "describe", "maintain", "testify", "contend", "comment"}, Literal: true},
	{Name: "praised", IRI: "ng:praised", Meaning: "praised (CAMEO 051)", Inverse: "was praised by",
		Verbs: []string{"praise", "hail", "laud", "commend", "applaud", "thank"}},
	{Name: "criticised", IRI: "ng:criticised", Meaning: "criticised (CAMEO 111)", Inverse: "was criticised by",
		Verbs: []string{"criticize", "criticise", "slam", "rebuke", "blast", "chide", "berate", "castigate", "censure", "reprimand", "scold", "denigrate", "lambaste", "ridicule", "decry", "assail", "object to", "fault"}, Agents: []string{"critic of", "opponent of"}},
	{Name: "supported", IRI: "ng:supported", Meaning: "supported or backed", Inverse: "was supported by",
		Verbs: []string{"support", "back", "endorse", "aid", "assist"}, Agents: []string{"supporter of", "backer of", "sponsor of"}},
	// Sports.
	{Name: "won", IRI: "ng:won", Meaning: "won a competition, a prize or a match", Inverse: "was won by",
		Verbs: []string{"win", "clinch"}, Subject: "any", Object: "any", Event: true},
	{Name: "beat", IRI: "ng:beat", Meaning: "team or player beat another", Inverse: "lost to",
		Verbs: []string{"beat", "defeat", "rout", "thrash", "edge", "overcome", "trounce", "upset", "eliminate", "outclass", "outplay"},
		Nouns: []string{"victory", "win", "triumph", "winner"}, Subject: "any", Object: "any", Event: true},
	{Name: "drewWith", IRI: "ng:drewWith", Meaning: "team or player drew with another (symmetric)", Inverse: "drew with",
		Verbs: []string{"draw with", "tie with"}, Subject: "any", Object: "any", Symmetric: true, Event: true},
	{Name: "playsFor", IRI: "ng:playsFor", Meaning: "player plays for a team", Inverse: "has player",
		Verbs: []string{"play for", "sign for", "score for"}, Subject: "Person", Object: "any", Structural: true},
	{Name: "coaches", IRI: "ng:coaches", Meaning: "person coaches or manages a team", Inverse: "is coached by",
		Verbs: []string{"coach", "manage"}, Subject: "Person", Object: "any", Structural: true},
	// Business.
	{Name: "acquired", IRI: "ng:acquired", Meaning: "company acquired or bought another, or a stake in it", Inverse: "was acquired by",
		Verbs: []string{"acquire", "buy", "purchase", "take over"}, Object: "Organization", Event: true},
	{Name: "mergedWith", IRI: "ng:mergedWith", Meaning: "companies merged (symmetric)", Inverse: "merged with",
		Verbs: []string{"merge with"}, Object: "any", Symmetric: true, Event: true},
	{Name: "investedIn", IRI: "ng:investedIn", Meaning: "invested in a company or a place", Inverse: "received investment from",
		Verbs: []string{"invest in"}, Object: "any", Agents: []string{"investor in"}},
	{Name: "owns", IRI: "ng:owns", Meaning: "owns a company or property", Inverse: "is owned by",
		Verbs: []string{"own"}, Object: "any", Structural: true, Agents: []string{"owner of"}},
	{Name: "subsidiaryOf", IRI: "ng:subsidiaryOf", Meaning: "company is a subsidiary or unit of another", Inverse: "has subsidiary",
		Nouns: []string{"subsidiary", "unit"}, Subject: "Organization", Object: "Organization", Structural: true},
	{Name: "related", IRI: "ng:related", Meaning: "a relation outside this vocabulary; the Statement's verb says which", Inverse: "related", Subject: "any", Object: "any"},
}

// ByName returns the predicate of that name.
func ByName(name string) (Predicate, bool) {
	for _, p := range Predicates {
		if p.Name == name {
			return p, true
		}
	}
	return Predicate{}, false
}
