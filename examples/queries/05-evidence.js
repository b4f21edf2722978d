// Why does the graph say so? Each relation also has a Statement node with the sentence it
// came from, its date and its confidence.
g.V().Has("<rdf:type>", "<ng:Statement>")
  .Has("<ng:predicate>", "<ng:joined>")
  .Save("<ng:subject>", "who").Save("<ng:object>", "joined")
  .Save("<ng:date>", "when").Save("<ng:evidence>", "evidence")
  .All()
