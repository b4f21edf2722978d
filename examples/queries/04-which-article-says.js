// Which article says that Bayramov received Shekerinska? Every quad carries its source
// article as its label.
g.V().Has("<schema:name>", "Jeyhun Bayramov").Out("<ng:received>").Labels().All()
