// The graph of meetings, visits, talks and memberships among everything named: tagged for the
// Visualize tab.
g.V().Tag("source")
  .Out(["<ng:received>", "<ng:met>", "<ng:visited>", "<ng:heldTalksWith>", "<schema:memberOf>", "<ng:joined>", "<ng:signed>"])
  .Tag("target").All()
