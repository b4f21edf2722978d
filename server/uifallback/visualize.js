// newsgraph's additions to Cayley's web UI, which `newsgraph serve` has the UI's bundle import
// as it starts (server/uiassets.go: the compiled-in API address becomes an import of this
// script of the same length); the UI's own code is left as it is.
//
// Visualize draws the rows of a query tagged "source" and "target" with each node's IRI as
// its label, no label on the edges, every node alike. Here, when a Visualize query answers,
// the rows are made unique by source, target and predicate (a fact stated by ten articles is
// ten rows), and the server is asked for the nodes' names and types and the relations among
// them (/api/newsgraph/labels); then, as the layout moves, each node gets its name (the IRI
// stays in the page, hidden) and its type's colour, each edge its predicate (the row's
// "predicate" tag, else the relation the graph has between the two), and the picture is fitted
// to its frame. The Write tab is hidden on a read-only server.
(function () {
  "use strict";
  if (window.newsgraphUI) return; // imported twice
  window.newsgraphUI = true;
  var COLORS = {
    Person: "#1a5fb4", Organization: "#c64600", Country: "#26a269", City: "#2aa198",
    Place: "#6a8f2c", Event: "#9141ac", Agreement: "#c89400",
  };
  var SVGNS = "http://www.w3.org/2000/svg";
  var labels = { nodes: {}, edges: {} }; // id -> {name, type}; "a|b" -> [predicate labels]

  function activePage() {
    var a = document.querySelector(".mdc-drawer .mdc-list-item--activated");
    return a ? a.textContent.trim() : "";
  }

  function short(p) {
    var s = String(p || "").replace(/^<|>$/g, "").replace(/^.*[#:/]/, "");
    return s.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  }

  function idOf(v) { return v && typeof v === "object" ? v["@id"] : undefined; }

  function addEdge(a, b, label) {
    var k = a < b ? a + "|" + b : b + "|" + a;
    var l = labels.edges[k] || (labels.edges[k] = []);
    if (label && l.indexOf(label) < 0) l.push(label);
  }

  // ask fetches the labels of ids, a few hundred at a time; the graph's relations among them
  // label the edges when the rows carry no predicate.
  function ask(ids, withEdges) {
    var chunks = [];
    for (var i = 0; i < ids.length; i += 300) chunks.push(ids.slice(i, i + 300));
    return Promise.all(chunks.map(function (c) {
      var qs = c.map(function (id) { return "id=" + encodeURIComponent(id); }).join("&");
      return fetch("/api/newsgraph/labels?" + qs).then(function (r) { return r.ok ? r.json() : { nodes: {}, edges: [] }; });
    })).then(function (answers) {
      answers.forEach(function (a) {
        Object.keys(a.nodes || {}).forEach(function (id) { labels.nodes[id] = a.nodes[id]; });
        if (withEdges) (a.edges || []).forEach(function (e) { addEdge(e.source, e.target, short(e.predicate)); });
      });
    });
  }

  // The rows of a Visualize query: unique, and their nodes labelled before React draws them.
  var realFetch = window.fetch;
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : input && input.url;
    var p = realFetch.apply(this, arguments);
    if (!url || url.indexOf("/api/v2/query") < 0 || activePage() !== "Visualize") return p;
    return p.then(function (resp) {
      return resp.clone().json().then(function (body) {
        if (!body || !Array.isArray(body.result)) return resp;
        labels = { nodes: {}, edges: {} };
        var seen = {}, rows = [], ids = {}, tagged = false;
        body.result.forEach(function (row) {
          var s = idOf(row && row.source), t = idOf(row && row.target);
          if (s === undefined || t === undefined) return;
          var pred = idOf(row.predicate) || (typeof row.predicate === "string" ? row.predicate : "");
          var k = s + "\u0000" + t + "\u0000" + pred;
          if (seen[k]) return;
          seen[k] = true;
          rows.push(row);
          ids[s] = ids[t] = true;
          if (pred) { addEdge(s, t, short(pred)); tagged = true; }
        });
        body.result = rows;
        return ask(Object.keys(ids), !tagged).catch(function () {}).then(function () {
          return new Response(JSON.stringify(body), { status: resp.status, statusText: resp.statusText, headers: resp.headers });
        });
      }).catch(function () { return resp; });
    });
  };

  // decorate gives the drawn graph its names, colours and edge labels, and fits it to its frame.
  function decorate() {
    var svg = document.querySelector("main .graph svg");
    if (!svg || activePage() !== "Visualize") return;
    var nodes = svg.querySelectorAll("g.vx-network-nodes"); // one group per node, placed by its transform
    if (!nodes.length) return;
    var at = {};
    nodes.forEach(function (g) {
      var t = g.querySelector("text:not(.ng-name)"), c = g.querySelector("circle");
      if (!t || !c) return;
      var id = t.textContent, l = labels.nodes[id];
      var m = /translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)/.exec(g.getAttribute("transform") || "");
      if (m) at[Math.round(+m[1]) + "," + Math.round(+m[2])] = id;
      var name = g.querySelector("text.ng-name");
      if (!l) return;
      if (!name) {
        t.style.display = "none";
        name = document.createElementNS(SVGNS, "text");
        name.setAttribute("class", "ng-name");
        name.setAttribute("x", "9");
        name.setAttribute("y", "4");
        name.setAttribute("style", "font: 12px sans-serif; fill: #1d2330; paint-order: stroke; stroke: #eee; stroke-width: 3px");
        name.textContent = l.name;
        var title = document.createElementNS(SVGNS, "title");
        title.textContent = l.name + (l.type ? " (" + l.type + ")" : "") + " — " + id;
        c.parentNode.appendChild(name);
        c.appendChild(title);
        c.setAttribute("r", String(5 + Math.min(6, Math.log2(1 + (l.articles || 0)))));
        c.setAttribute("fill", COLORS[l.type] || "#888");
        c.setAttribute("stroke", "#fff");
      }
    });
    var overlay = svg.querySelector("g.ng-edge-labels");
    if (!overlay) {
      overlay = document.createElementNS(SVGNS, "g");
      overlay.setAttribute("class", "ng-edge-labels");
      svg.appendChild(overlay);
    }
    var lines = svg.querySelectorAll(".vx-network-links line");
    var texts = overlay.childNodes, n = 0, done = {}, pairs = [];
    lines.forEach(function (ln) {
      var a = at[Math.round(+ln.getAttribute("x1")) + "," + Math.round(+ln.getAttribute("y1"))];
      var b = at[Math.round(+ln.getAttribute("x2")) + "," + Math.round(+ln.getAttribute("y2"))];
      if (!a || !b) return;
      var k = a < b ? a + "|" + b : b + "|" + a;
      var l = labels.edges[k];
      if (!l || !l.length || done[k]) return;
      done[k] = true;
      pairs.push([ln, l.join(", ")]);
      if (!ln.querySelector("title.ng")) {
        var title = document.createElementNS(SVGNS, "title");
        title.setAttribute("class", "ng");
        title.textContent = (labels.nodes[a] || {}).name + " — " + l.join(", ") + " — " + (labels.nodes[b] || {}).name;
        ln.appendChild(title);
      }
    });
    // Up to 40 edges carry their labels; more would cover the picture (each line's tooltip
    // still names its relation).
    if (pairs.length <= 40) pairs.forEach(function (pl) {
      var ln = pl[0], t = texts[n++];
      if (!t) {
        t = document.createElementNS(SVGNS, "text");
        t.setAttribute("class", "ng-edge-label");
        t.setAttribute("text-anchor", "middle");
        t.setAttribute("style", "font: 10px sans-serif; fill: #5e6673; paint-order: stroke; stroke: #eee; stroke-width: 3px");
        overlay.appendChild(t);
      }
      t.textContent = pl[1];
      t.setAttribute("x", String((+ln.getAttribute("x1") + +ln.getAttribute("x2")) / 2));
      t.setAttribute("y", String((+ln.getAttribute("y1") + +ln.getAttribute("y2")) / 2 - 3));
    });
    while (overlay.childNodes.length > n) overlay.removeChild(overlay.lastChild);
    // Fit: the frame ends at the window's bottom (the page's layout lets it run below), and
    // the picture fills it (zoomed in at most 1.5 times), all of it inside.
    var r = svg.getBoundingClientRect();
    if (r.top < innerHeight && Math.abs(r.bottom - innerHeight) > 1) {
      svg.style.height = Math.max(200, innerHeight - r.top) + "px";
      r = svg.getBoundingClientRect();
    }
    var bb = svg.getBBox();
    if (!r.width || !r.height || !bb.width) return;
    var pad = 12, w = Math.max(bb.width + 2 * pad, r.width / 1.5), h = Math.max(bb.height + 2 * pad, r.height / 1.5);
    var cx = bb.x + bb.width / 2, cy = bb.y + bb.height / 2;
    svg.setAttribute("viewBox", (cx - w / 2).toFixed(1) + " " + (cy - h / 2).toFixed(1) + " " + w.toFixed(1) + " " + h.toFixed(1));
  }

  function hideWrite() {
    document.querySelectorAll(".mdc-drawer .mdc-list-item").forEach(function (li) {
      if (li.textContent.trim() === "Write") li.style.display = "none";
    });
  }

  var writable = null;
  realFetch("/api/newsgraph/server").then(function (r) { return r.json(); }).then(function (s) { writable = !!s.writable; }).catch(function () { writable = true; });

  function frame() {
    try {
      if (writable === false) hideWrite();
      decorate();
    } catch (e) { /* the page changed under us: next frame */ }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})();
