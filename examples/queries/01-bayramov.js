// Everything the graph says about Jeyhun Bayramov, one hop out: his type, names, title,
// employer and the people he received.
g.V().Has("<schema:name>", "Jeyhun Bayramov").Out().All()
