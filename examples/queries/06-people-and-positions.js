// Every person with a title, and whom they work for or head.
g.V().Has("<rdf:type>", "<schema:Person>")
  .Save("<schema:name>", "name").Save("<schema:jobTitle>", "title")
  .Out(["<schema:worksFor>", "<ng:heads>"]).Save("<schema:name>", "of")
  .All()
