// Relations the text says did NOT happen: statements with negative polarity (they are never
// written as plain edges).
g.V().Has("<ng:polarity>", "negative")
  .Save("<ng:subject>", "subject").Save("<ng:predicate>", "predicate").Save("<ng:object>", "object")
  .Save("<ng:evidence>", "evidence").All()
