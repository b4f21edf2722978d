// The graph of meetings, visits, talks and memberships among everything named: tagged for the
// Visualize tab; each edge tagged with its predicate (Azerbaijan is a member of the Partnership
// for Peace and joined it: two edges).
g.V().Tag("source")
  .Out(["<ng:received>", "<ng:met>", "<ng:visited>", "<ng:heldTalksWith>", "<schema:memberOf>", "<ng:joined>", "<ng:signed>"], "predicate")
  .Tag("target").All()
