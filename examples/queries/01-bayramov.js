// What the graph says about Jeyhun Bayramov, one hop out: his type, title, employer and the
// people he received, each row tagged with the predicate that leads to it.
g.V().Has("<schema:name>", "Jeyhun Bayramov")
  .Out(["<rdf:type>", "<schema:jobTitle>", "<schema:worksFor>", "<ng:received>"], "predicate")
  .All()
