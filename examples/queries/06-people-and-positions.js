// Every position the articles report: who holds which title of which country or organisation,
// one row each. A position is an ng:Role node (holder, title, organisation), so each is one
// result however many articles state it; Unique() drops the paths those articles repeat.
g.V().Has("<rdf:type>", "<ng:Role>").Tag("role")
  .Out("<ng:holder>").Out("<schema:name>").Tag("person").Back("role")
  .Out("<schema:roleName>").Tag("title").Back("role")
  .Out("<ng:of>").Out("<schema:name>").Tag("of").Back("role")
  .Unique().All()
