// Relations stated in someone's words: statements attributed to a speaker.
g.V().Has("<rdf:type>", "<ng:Statement>").Has("<ng:attributedTo>")
  .Save("<ng:attributedTo>", "according_to").Save("<ng:subject>", "subject")
  .Save("<ng:predicate>", "predicate").Save("<ng:object>", "object").All()
