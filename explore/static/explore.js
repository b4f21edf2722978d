// newsgraph explorer: search, entity cards with their evidence, a neighbourhood graph, a
// timeline and "how are A and B connected?". Plain JavaScript, no libraries, no build step.
// All data comes from the JSON API under /api/newsgraph/ (graph/explore_api.go).
(function () {
  "use strict";

  var API = "/api/newsgraph/";
  var TYPE_COLORS = {
    Person: "#1a5fb4", Organization: "#c64600", Country: "#26a269", City: "#2aa198",
    Place: "#6a8f2c", Event: "#9141ac", Agreement: "#c89400", Date: "#77767b",
  };

  // ---- small helpers ----

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] == null) continue;
        if (k === "text") e.textContent = attrs[k];
        else if (k === "class") e.className = attrs[k];
        else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), attrs[k]);
        else e.setAttribute(k, attrs[k]);
      }
    }
    for (var i = 2; i < arguments.length; i++) append(e, arguments[i]);
    return e;
  }

  function append(parent, child) {
    if (child == null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(parent, c); }); return; }
    parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }

  function svg(tag, attrs) {
    var e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  var statusTimer;
  function status(msg, isError) {
    var s = $("status");
    s.textContent = msg;
    s.className = "status show" + (isError ? " error" : "");
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () { s.className = "status"; }, isError ? 6000 : 1500);
  }

  function api(endpoint, params) {
    var qs = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) {
      var v = params[k];
      if (v == null || v === "") return;
      (Array.isArray(v) ? v : [v]).forEach(function (x) { qs.append(k, x); });
    });
    return fetch(API + endpoint + "?" + qs.toString(), { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) {
          var err = new Error((body && body.error) || r.status + " " + r.statusText);
          err.status = r.status;
          throw err;
        }
        return body;
      });
    });
  }

  // "ng:heldTalksWith" -> "held talks with"
  function predLabel(p) {
    var s = String(p || "").replace(/^<|>$/g, "").replace(/^.*[#:/]/, "");
    return s.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  }

  function entityHref(id) { return "#/entity/" + encodeURIComponent(id); }

  function entityLink(ref) {
    if (!ref) return "";
    return el("a", { href: entityHref(ref.id), class: "entity-link", text: ref.name || ref.id });
  }

  function typeBadge(t) { return el("span", { class: "type", text: t || "?" }); }

  function source(ev) {
    if (!ev) return null;
    var parts = [];
    var title = ev.headline || ev.url || ev.article;
    if (ev.url) parts.push(el("a", { href: ev.url, target: "_blank", rel: "noopener", text: title }));
    else parts.push(el("span", { title: ev.article || "", text: title }));
    if (ev.publisher) parts.push(" — " + ev.publisher);
    if (ev.date) parts.push(", " + ev.date);
    if (ev.eventDate && ev.eventDate !== ev.date) parts.push(" (event: " + ev.eventDate + ")");
    return el("div", { class: "source" }, parts);
  }

  function qualifiers(x) {
    return [
      x.negated ? el("span", { class: "tag", text: "negated" }) : null,
      x.modality ? el("span", { class: "tag", text: x.modality }) : null,
    ];
  }

  // ---- completion ----

  // completer attaches name completion to an input; onPick gets the chosen result.
  function completer(input, list, onPick) {
    var items = [], active = -1, timer, seq = 0;
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; }
    function render() {
      clear(list);
      items.forEach(function (it, i) {
        var li = el("li", { role: "option", class: i === active ? "active" : "", "data-id": it.id },
          el("span", { class: "name", text: it.name }),
          it.aliases && it.aliases.length ? el("span", { class: "alias", text: "(" + it.aliases.slice(0, 3).join(", ") + ")" }) : null,
          el("span", { class: "meta", text: (it.type || "") + " · " + plural(it.articles || 0, "article") }));
        li.addEventListener("mousedown", function (e) { e.preventDefault(); pick(i); });
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
    }
    function pick(i) {
      var it = items[i];
      if (!it) return;
      input.value = it.name;
      input.dataset.id = it.id;
      close();
      onPick(it);
    }
    function lookup() {
      var q = input.value.trim();
      delete input.dataset.id;
      if (q.length < 1) { items = []; render(); return; }
      var mine = ++seq;
      api("search", { q: q, limit: 10 }).then(function (res) {
        if (mine !== seq) return;
        items = Array.isArray(res) ? res : res.results || [];
        active = items.length ? 0 : -1;
        render();
      }).catch(function (e) { status(e.message, true); });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(lookup, 120); });
    input.addEventListener("focus", function () { if (items.length) render(); });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!items.length) return;
        e.preventDefault();
        active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        render();
      } else if (e.key === "Enter") {
        if (!list.hidden && active >= 0) { e.preventDefault(); pick(active); }
      } else if (e.key === "Escape") {
        close();
      }
    });
    return { close: close };
  }

  // ---- views ----

  var views = ["home", "entity", "connect"];
  function show(name) {
    views.forEach(function (v) { $(v).hidden = v !== name; });
  }

  function route() {
    var h = location.hash.replace(/^#\/?/, "");
    var m;
    if ((m = /^entity\/(.+)$/.exec(h))) {
      show("entity");
      openEntity(decodeURIComponent(m[1]));
    } else if ((m = /^connect(?:\?(.*))?$/.exec(h))) {
      show("connect");
      openConnect(new URLSearchParams(m[1] || ""));
    } else {
      show("home");
      openHome();
    }
  }

  // Home: the most mentioned entities of a few types.
  var homeLoaded = false;
  function openHome() {
    document.title = "newsgraph explorer";
    if (homeLoaded) return;
    homeLoaded = true;
    var box = clear($("top"));
    ["Person", "Organization", "Country"].forEach(function (type) {
      api("top", { type: type, limit: 12 }).then(function (res) {
        var list = Array.isArray(res) ? res : res.entities || [];
        if (!list.length) return;
        box.appendChild(el("div", { class: "top-group" },
          el("h2", { text: "Most mentioned: " + type }),
          el("div", { class: "top-list" }, list.map(function (e) {
            return el("a", { class: "chip", href: entityHref(e.id) }, e.name, el("small", { text: String(e.mentions || 0) }));
          }))));
      }).catch(function () {});
    });
  }

  // ---- entity page ----

  var current = null; // the entity shown: {id, name, card}

  function openEntity(id) {
    clear($("card")).appendChild(el("p", { class: "empty", text: "Loading…" }));
    clear($("timeline"));
    api("entity", { id: id }).then(function (card) {
      current = { id: card.id, name: card.name, card: card };
      document.title = card.name + " — newsgraph explorer";
      renderCard(card);
      $("hops").value = "1";
      loadGraph(true, true);
      loadTimeline();
      $("a").value = card.name;
      $("a").dataset.id = card.id;
    }).catch(function (e) {
      clear($("card")).appendChild(el("p", { class: "empty", text: e.status === 404 ? "Nothing in the graph is called “" + id + "”." : e.message }));
    });
  }

  function renderCard(c) {
    var box = clear($("card"));
    box.appendChild(el("div", null, (c.types || []).map(typeBadge)));
    box.appendChild(el("h1", { text: c.name }));
    box.appendChild(el("div", { class: "id", text: c.id }));
    if (c.aliases && c.aliases.length) box.appendChild(el("p", { class: "sub", text: "Also: " + c.aliases.join(", ") }));
    var links = (c.links || []).map(function (l) {
      var label = /wikidata\.org\/(?:wiki|entity)\/(Q\d+)/.exec(l);
      return el("a", { href: l, target: "_blank", rel: "noopener", text: label ? "Wikidata " + label[1] : l });
    });
    box.appendChild(el("p", { class: "sub" }, "Mentioned in " + plural(c.articles || 0, "article"),
      links.length ? [" · "].concat(links) : null,
      " · ", el("a", { href: "#/connect?a=" + encodeURIComponent(c.id), text: "connections to…" })));
    if (c.found) box.appendChild(el("p", { class: "sub", text: "Found as " + (c.found.name || c.found.id) + ", merged into this entity." }));
    if (c.others && c.others.length) {
      box.appendChild(el("p", { class: "sub" }, "Other matches: ", c.others.slice(0, 5).map(function (o, i) {
        return [i ? ", " : "", entityLink(o)];
      })));
    }

    if (c.positions && c.positions.length) {
      box.appendChild(el("h3", { text: "Positions" }));
      box.appendChild(el("ul", { class: "positions" }, c.positions.map(function (p) {
        var when = [];
        if (p.start || p.end) when.push((p.start || "?") + " – " + (p.end || (p.former ? "?" : "")) + " (stated)");
        if (p.firstSeen || p.lastSeen) when.push("seen " + (p.firstSeen || "?") + (p.lastSeen && p.lastSeen !== p.firstSeen ? " to " + p.lastSeen : ""));
        if (p.former) when.push("called former" + (p.endedBy ? " from " + p.endedBy : ""));
        when.push(plural(p.articles || 0, "article"));
        return el("li", null,
          el("span", { class: p.former ? "former" : "" }, p.title), p.of ? [" of ", entityLink(p.of)] : null,
          el("span", { class: "when", text: when.join(" · ") }));
      })));
    }

    var facts = c.facts || [];
    var total = c.factCount || facts.length;
    box.appendChild(el("h3", { text: "Facts (" + (total > facts.length ? "the " + facts.length + " most corroborated of " + total : facts.length) + ")" }));
    if (!facts.length) { box.appendChild(el("p", { class: "empty", text: "No relations stated yet." })); return; }
    var groups = [], byKey = {};
    facts.forEach(function (f) {
      var incoming = f.subject && f.subject.id !== c.id && f.object && f.object.id === c.id;
      var key = f.predicate + (incoming ? " <" : "");
      if (!byKey[key]) {
        byKey[key] = { label: (incoming ? "← " : "") + predLabel(f.predicate), facts: [], articles: 0 };
        groups.push(byKey[key]);
      }
      byKey[key].facts.push(f);
      byKey[key].articles += f.articles || 0;
    });
    var wrap = el("div", { class: "facts" });
    groups.forEach(function (g) {
      wrap.appendChild(el("div", { class: "group" },
        el("h3", null, el("span", { class: "pred", text: g.label }),
          el("span", { class: "count", text: plural(g.facts.length, "fact") + " · " + plural(g.articles, "supporting article") })),
        g.facts.map(renderFact)));
    });
    box.appendChild(wrap);
  }

  function renderFact(f) {
    var counts = [plural(f.articles || 0, "article")];
    if (f.copies && f.copies !== f.articles) counts.push(f.copies + " with copies");
    if (f.publishers) counts.push(plural(f.publishers, "publisher"));
    if (f.firstSeen) counts.push(f.firstSeen + (f.lastSeen && f.lastSeen !== f.firstSeen ? " to " + f.lastSeen : ""));
    var list = el("ul", { class: "evidence" }, evidenceItem(f.evidence));
    var d = el("details", { class: "fact" + (f.negated ? " negated" : "") },
      el("summary", null,
        entityLink(f.subject), " ", el("span", { class: "pred", text: predLabel(f.predicate) }), " ",
        f.object ? entityLink(f.object) : el("q", { text: f.value || "" }),
        qualifiers(f),
        el("span", { class: "counts", text: counts.join(" · ") })),
      list);
    var loaded = false;
    d.addEventListener("toggle", function () {
      if (!d.open || loaded) return;
      loaded = true;
      if ((f.statements || 0) <= 1 && (f.copies || f.articles || 0) <= 1) return;
      // A page of statements at a time: "More statements" asks for the next.
      var page = function (offset) {
        return api("evidence", { s: f.subject.id, p: f.predicate, o: f.object ? f.object.id : f.value, offset: offset || null }).then(function (res) {
          var items = Array.isArray(res) ? res : res.evidence || [];
          if (!items.length) return;
          if (!offset) clear(list);
          items.forEach(function (ev) { list.appendChild(evidenceItem(ev)); });
          var shown = (res.offset || 0) + items.length;
          if (res.truncated) {
            var more = el("li", { class: "more" }, el("button", {
              class: "link", text: "More statements (" + shown + " of " + res.count + " shown)",
              onclick: function () { more.remove(); page(shown).catch(function (e) { status(e.message, true); }); },
            }));
            list.appendChild(more);
          }
        });
      };
      page(0).catch(function (e) { status(e.message, true); });
    });
    return d;
  }

  function evidenceItem(ev) {
    if (!ev || !ev.text) return el("li", { class: "empty", text: "No sentence recorded." });
    return el("li", null, el("blockquote", null, ev.text, qualifiers(ev)), source(ev));
  }

  // ---- timeline ----

  // A hub has thousands of events: they come a page at a time, "Later events" asks for the
  // next page.
  function loadTimeline() {
    var box = clear($("timeline"));
    box.appendChild(el("p", { class: "empty", text: "Loading…" }));
    var me = current, ul = null, lastYear = null, shown = 0;
    function page(offset) {
      return api("timeline", { id: me.id, from: $("from").value.trim(), to: $("to").value.trim(), offset: offset || null }).then(function (res) {
        if (current !== me) return;
        var events = Array.isArray(res) ? res : res.events || [];
        if (!ul) {
          clear(box);
          if (!events.length) { box.appendChild(el("p", { class: "empty", text: "No dated events." })); return; }
          ul = el("ul", { class: "timeline" });
          box.appendChild(ul);
        }
        events.forEach(function (e) {
          var d = e.date || "";
          var year = /^\d{4}/.test(d) ? d.slice(0, 4) : d ? "Year unknown" : "Undated";
          if (year !== lastYear) { ul.appendChild(el("li", { class: "year", text: year })); lastYear = year; }
          ul.appendChild(el("li", { class: "event" },
            el("span", { class: "date", text: d || "—" }),
            entityLink(e.subject), " ", el("b", { text: predLabel(e.predicate) }), " ",
            e.object ? entityLink(e.object) : el("q", { text: e.value || "" }), qualifiers(e),
            e.evidence && e.evidence.text ? el("blockquote", { text: e.evidence.text }) : null,
            source(e.evidence)));
        });
        shown = (res.offset || 0) + events.length;
        if (res.truncated) {
          var more = el("p", { class: "more" }, el("button", {
            class: "link", text: "Later events (" + shown + " of " + res.count + " shown)",
            onclick: function () {
              more.remove();
              page(shown).catch(function (e) { box.appendChild(el("p", { class: "empty", text: e.message })); });
            },
          }));
          box.appendChild(more);
        }
      });
    }
    page(0).catch(function (e) { clear(box).appendChild(el("p", { class: "empty", text: e.message })); });
  }

  // ---- neighbourhood graph: SVG with a small force layout ----

  var G = { nodes: [], edges: [], byId: {}, edgeKeys: {}, alpha: 0, raf: 0, w: 800, h: 480 };

  function graphParams(id, hops) {
    return {
      id: id, hops: hops, limit: 60,
      predicate: $("predicate").value || null,
      from: $("from").value.trim(), to: $("to").value.trim(),
    };
  }

  function loadGraph(reset, auto) {
    if (!current) return;
    var me = current;
    if (reset) { G.nodes = []; G.edges = []; G.byId = {}; G.edgeKeys = {}; }
    api("neighbours", graphParams(me.id, $("hops").value)).then(function (res) {
      if (current !== me) return;
      // A small 1-hop neighbourhood is shown with its second hop.
      if (reset && auto && $("hops").value === "1" && (res.nodes || []).length < 6) {
        $("hops").value = "2";
        loadGraph(true);
        return;
      }
      mergeGraph(res, me.id);
      var c = G.byId[me.id];
      if (c) { c.center = true; c.expanded = true; }
      drawGraph();
      if (res.truncated) status("Only the " + res.nodes.length + " best connected neighbours are shown");
    }).catch(function (e) { status(e.message, true); });
    loadPredicates();
  }

  var predicatesLoaded = false;
  function loadPredicates() {
    if (predicatesLoaded) return;
    predicatesLoaded = true;
    api("predicates", {}).then(function (res) {
      var sel = $("predicate");
      (res.predicates || []).forEach(function (p) {
        sel.appendChild(el("option", { value: p.predicate, text: (p.name ? predLabel(p.name) : predLabel(p.predicate)) + " (" + p.edges + ")" }));
      });
    }).catch(function () { predicatesLoaded = false; });
  }

  function mergeGraph(res, around) {
    var origin = G.byId[around];
    // New nodes start on rings around where they come from (by hop for a fresh graph), spread
    // by the golden angle: the same graph always starts, and so settles, the same way.
    var fresh = (res.nodes || []).filter(function (n) { return !G.byId[n.id]; });
    fresh.forEach(function (n, i) {
      var hop = origin ? 1 : n.hop || (n.id === around ? 0 : 1);
      var a = i * 2.39996 + (origin ? 0.5 : 0), r = hop === 0 ? 0 : 70 + 120 * (hop - 1) + 25 * (i % 3);
      var node = { id: n.id, name: n.name || n.id, type: n.type, x: (origin ? origin.x : 0) + r * Math.cos(a), y: (origin ? origin.y : 0) + 0.8 * r * Math.sin(a), vx: 0, vy: 0 };
      G.byId[n.id] = node;
      G.nodes.push(node);
    });
    (res.edges || []).forEach(function (e) {
      var k = e.source + "|" + e.predicate + "|" + e.target;
      if (G.edgeKeys[k] || !G.byId[e.source] || !G.byId[e.target]) return;
      G.edgeKeys[k] = true;
      G.edges.push({ s: G.byId[e.source], t: G.byId[e.target], predicate: e.predicate, articles: e.articles || 1, firstSeen: e.firstSeen, lastSeen: e.lastSeen });
    });
    G.alpha = 1;
  }

  function expandNode(node) {
    if (node.expanded) return;
    node.expanded = true;
    api("neighbours", graphParams(node.id, 1)).then(function (res) {
      var before = G.nodes.length;
      mergeGraph(res, node.id);
      drawGraph();
      status(node.name + ": " + plural(G.nodes.length - before, "new neighbour"));
    }).catch(function (e) { node.expanded = false; status(e.message, true); });
  }

  function degree(n) {
    var d = 0;
    G.edges.forEach(function (e) { if (e.s === n || e.t === n) d++; });
    return d;
  }

  function drawGraph() {
    var s = $("graph");
    var rect = s.getBoundingClientRect();
    G.w = Math.max(300, rect.width || 800);
    G.h = Math.max(240, rect.height || 480);
    s.setAttribute("viewBox", (-G.w / 2) + " " + (-G.h / 2) + " " + G.w + " " + G.h);
    clear(s);
    var defs = svg("defs");
    var marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
    marker.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#9aa4b2" }));
    defs.appendChild(marker);
    s.appendChild(defs);
    var edgeLayer = svg("g"), labelLayer = svg("g"), nodeLayer = svg("g");
    s.appendChild(edgeLayer); s.appendChild(labelLayer); s.appendChild(nodeLayer);
    var showLabels = G.edges.length <= 30; // else in each edge's tooltip
    G.edges.forEach(function (e) {
      e.line = svg("line", { class: "edge", "marker-end": "url(#arrow)", "stroke-width": String(Math.min(1 + Math.log2(e.articles), 5)) });
      var t = svg("title");
      t.textContent = e.s.name + " " + predLabel(e.predicate) + " " + e.t.name + " (" + plural(e.articles, "article") + (e.firstSeen ? ", " + e.firstSeen + (e.lastSeen && e.lastSeen !== e.firstSeen ? " to " + e.lastSeen : "") : "") + ")";
      e.line.appendChild(t);
      edgeLayer.appendChild(e.line);
      if (showLabels) {
        e.label = svg("text", { class: "edge-label", "text-anchor": "middle" });
        e.label.textContent = predLabel(e.predicate);
        labelLayer.appendChild(e.label);
      } else e.label = null;
    });
    G.nodes.forEach(function (n) {
      var r = 6 + Math.min(10, 2 * Math.sqrt(degree(n)));
      n.r = n.center ? r + 3 : r;
      n.g = svg("g", { class: "node" + (n.center ? " center" : "") + (n.expanded ? " expanded" : ""), "data-id": n.id });
      n.g.appendChild(svg("circle", { r: String(n.r), fill: TYPE_COLORS[n.type] || "#888" }));
      var label = svg("text", { x: String(n.r + 4), y: "4" });
      label.textContent = n.name;
      n.g.appendChild(label);
      var t = svg("title");
      t.textContent = n.name + " (" + (n.type || "?") + ") — click to expand, double-click to open";
      n.g.appendChild(t);
      nodeLayer.appendChild(n.g);
      attachDrag(n);
    });
    var legend = clear($("graph-legend"));
    var types = {};
    G.nodes.forEach(function (n) { types[n.type] = true; });
    Object.keys(types).sort().forEach(function (t) {
      var i = el("i");
      i.style.background = TYPE_COLORS[t] || "#888";
      legend.appendChild(el("span", null, i, t));
    });
    legend.appendChild(el("span", { text: plural(G.nodes.length, "node") + ", " + plural(G.edges.length, "edge") }));
    kick();
  }

  function kick() {
    if (!G.raf) G.raf = requestAnimationFrame(step);
  }

  function step() {
    G.raf = 0;
    for (var i = 0; i < 3 && G.alpha > 0.01; i++) tick();
    position();
    if (G.alpha > 0.01 || G.dragging) kick();
  }

  function tick() {
    var nodes = G.nodes, n = nodes.length, a = G.alpha, i, j;
    for (i = 0; i < n; i++) {
      var p = nodes[i];
      for (j = i + 1; j < n; j++) {
        var q = nodes[j], dx = q.x - p.x, dy = q.y - p.y, d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = (i % 7) - 3 || 1; dy = (j % 5) - 2 || 1; d2 = dx * dx + dy * dy; }
        if (d2 > 250000) continue;
        var f = (24000 * a) / d2, d = Math.sqrt(d2);
        p.vx -= (f * dx) / d; p.vy -= (f * dy) / d;
        q.vx += (f * dx) / d; q.vy += (f * dy) / d;
      }
    }
    G.edges.forEach(function (e) {
      var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      var f = ((d - 120) / d) * 0.04 * a;
      e.s.vx += dx * f; e.s.vy += dy * f;
      e.t.vx -= dx * f; e.t.vy -= dy * f;
    });
    nodes.forEach(function (p) {
      p.vx -= p.x * 0.003 * a; p.vy -= p.y * 0.004 * a;
      if (p.fixed) { p.vx = p.vy = 0; return; }
      p.vx *= 0.6; p.vy *= 0.6;
      p.x += Math.max(-30, Math.min(30, p.vx));
      p.y += Math.max(-30, Math.min(30, p.vy));
      p.x = Math.max(-G.w / 2 + 20, Math.min(G.w / 2 - 120, p.x)); // room for the label
      p.y = Math.max(-G.h / 2 + 15, Math.min(G.h / 2 - 15, p.y));
    });
    G.alpha *= 0.985;
  }

  function position() {
    G.edges.forEach(function (e) {
      var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      var ux = dx / d, uy = dy / d;
      e.line.setAttribute("x1", e.s.x + ux * e.s.r); e.line.setAttribute("y1", e.s.y + uy * e.s.r);
      e.line.setAttribute("x2", e.t.x - ux * (e.t.r + 2)); e.line.setAttribute("y2", e.t.y - uy * (e.t.r + 2));
      if (e.label) { e.label.setAttribute("x", (e.s.x + e.t.x) / 2); e.label.setAttribute("y", (e.s.y + e.t.y) / 2 - 3); }
    });
    G.nodes.forEach(function (n) { n.g.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")"); });
  }

  function svgPoint(evt) {
    var s = $("graph"), r = s.getBoundingClientRect();
    return { x: ((evt.clientX - r.left) / r.width) * G.w - G.w / 2, y: ((evt.clientY - r.top) / r.height) * G.h - G.h / 2 };
  }

  function attachDrag(n) {
    var start = null, moved = false, lastClick = 0, clickTimer = null;
    n.g.addEventListener("pointerdown", function (e) {
      e.preventDefault();
      n.g.setPointerCapture(e.pointerId);
      start = { x: e.clientX, y: e.clientY };
      moved = false;
    });
    n.g.addEventListener("pointermove", function (e) {
      if (!start) return;
      if (Math.abs(e.clientX - start.x) + Math.abs(e.clientY - start.y) > 4) moved = true;
      if (!moved) return;
      var p = svgPoint(e);
      n.x = p.x; n.y = p.y; n.fixed = true;
      G.dragging = true;
      G.alpha = Math.max(G.alpha, 0.2);
      kick();
    });
    n.g.addEventListener("pointerup", function () {
      start = null;
      G.dragging = false;
      if (moved) return;
      var now = Date.now();
      if (now - lastClick < 350) {
        clearTimeout(clickTimer);
        location.hash = entityHref(n.id);
      } else {
        clickTimer = setTimeout(function () { expandNode(n); }, 360);
      }
      lastClick = now;
    });
  }

  // ---- how are A and B connected? ----

  function openConnect(params) {
    document.title = "How are they connected? — newsgraph explorer";
    var a = params.get("a"), b = params.get("b");
    if (a && $("a").dataset.id !== a) { $("a").value = a.replace(/^ng:[a-z]+\//, "").replace(/-/g, " "); $("a").dataset.id = a; }
    if (b && $("b").dataset.id !== b) { $("b").value = b.replace(/^ng:[a-z]+\//, "").replace(/-/g, " "); $("b").dataset.id = b; }
    if (params.get("max")) $("max").value = params.get("max");
    var box = clear($("paths"));
    if (!a || !b) return;
    box.appendChild(el("p", { class: "empty", text: "Searching…" }));
    api("path", { a: a, b: b, max: $("max").value, limit: 10 }).then(function (res) {
      clear(box);
      var paths = Array.isArray(res) ? res : res.paths || [];
      if (res.from && res.to) {
        $("a").value = res.from.name || $("a").value;
        $("b").value = res.to.name || $("b").value;
      }
      if (!paths.length) {
        box.appendChild(el("p", { class: "empty", text: "No connection of at most " + (res.maxHops || $("max").value) + " steps." }));
        return;
      }
      paths.forEach(function (p, i) {
        var hops = Array.isArray(p) ? p : p.hops || [];
        box.appendChild(el("div", { class: "path" },
          el("h3", { text: "Path " + (i + 1) + " · " + plural(hops.length, "step") }),
          hops.map(function (h) {
            var back = h.direction === "backward" || h.direction === "in";
            var arrow = back
              ? el("span", { class: "arrow" }, "← ", el("b", { text: predLabel(h.predicate) }), " —")
              : el("span", { class: "arrow" }, "— ", el("b", { text: predLabel(h.predicate) }), " →");
            return el("div", { class: "hop" },
              el("span", null, entityLink(h.from)),
              el("span", null, arrow, " ", entityLink(h.to), el("span", { class: "counts", text: " " + plural(h.articles || 0, "article") })),
              h.evidence && h.evidence.text ? el("blockquote", { text: h.evidence.text }) : null,
              h.evidence ? source(h.evidence) : null);
          })));
      });
    }).catch(function (e) { clear(box).appendChild(el("p", { class: "empty", text: e.message })); });
  }

  // ---- wiring ----

  function init() {
    var q = $("q");
    completer(q, $("suggestions"), function (it) {
      location.hash = entityHref(it.id);
      q.blur();
    });
    q.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && $("suggestions").hidden && q.value.trim()) location.hash = entityHref(q.value.trim());
    });
    ["a", "b"].forEach(function (id) {
      var input = $(id);
      completer(input, input.parentNode.querySelector(".suggestions"), function () {});
    });
    $("connect-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var a = $("a").dataset.id || $("a").value.trim(), b = $("b").dataset.id || $("b").value.trim();
      if (!a || !b) { status("Give two names", true); return; }
      location.hash = "#/connect?" + new URLSearchParams({ a: a, b: b, max: $("max").value }).toString();
    });
    $("graph-controls").addEventListener("submit", function (e) {
      e.preventDefault();
      if (!$("graph-controls").checkValidity()) { status("Dates are YYYY, YYYY-MM or YYYY-MM-DD", true); return; }
      loadGraph(true);
      loadTimeline();
    });
    $("hops").addEventListener("change", function () { loadGraph(true); });
    $("predicate").addEventListener("change", function () { loadGraph(true); });
    window.addEventListener("hashchange", route);
    var resizeTimer;
    window.addEventListener("resize", function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(function () { if (current && G.nodes.length) drawGraph(); }, 200);
    });
    route();
  }

  init();
})();
