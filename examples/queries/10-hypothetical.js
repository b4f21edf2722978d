// Relations the text says may, will or should happen (modality), e.g. "Turkey may visit
// Armenia": statements only, never plain edges.
g.V().Has("<rdf:type>", "<ng:Statement>").Has("<ng:modality>")
  .Save("<ng:modality>", "modality").Save("<ng:subject>", "subject")
  .Save("<ng:predicate>", "predicate").Save("<ng:object>", "object").All()
