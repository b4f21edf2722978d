// Relations the text qualifies: said to be possible, planned or expected (modality: "Turkey may
// visit Armenia") or said NOT to have happened (polarity). Both are statements only, never
// plain edges, so a plain Out("<ng:visited>") never sees them.
g.V().Has("<ng:modality>").Or(g.V().Has("<ng:polarity>", "negative")).Unique()
  .SaveOpt("<ng:modality>", "modality").SaveOpt("<ng:polarity>", "polarity")
  .Save("<ng:subject>", "subject").Save("<ng:predicate>", "predicate").Save("<ng:object>", "object")
  .Save("<ng:evidence>", "evidence").All()
