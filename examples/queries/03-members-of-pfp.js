// Which countries are members of (partners in) the Partnership for Peace?
// "PfP" finds it too: acronyms are alternate names of one node.
g.V().Has("<schema:alternateName>", "PfP")
  .In("<schema:memberOf>").Has("<rdf:type>", "<schema:Country>")
  .Out("<schema:name>").All()
