// Who received whom, by name. Tagged "source" and "target", so the web UI's Visualize tab
// draws it as a graph (Visualize shows node ids; the names are in the Query tab's results).
g.V().Tag("source").Out("<ng:received>").Tag("target").All()
