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

  // seen is "2006-06-13 – 2007-01-02", or one date.
  function seen(x) {
    if (!x.firstSeen) return "";
    return x.lastSeen && x.lastSeen !== x.firstSeen ? x.firstSeen + " – " + x.lastSeen : x.firstSeen;
  }

  // namesake is what tells an entity from others of its name: type, title, where it belongs,
  // articles, first and last seen.
  function namesake(x) {
    var type = x.type || (x.types && x.types[0]) || "";
    var what = [type, x.title, x.of ? "of " + x.of.name : ""].filter(Boolean).join(" ");
    if (x.title && x.of) what = type + " · " + x.title + ", " + x.of.name;
    else if (x.of) what = type + " · " + x.of.name;
    else if (x.title) what = type + " · " + x.title;
    return [what, plural(x.articles || 0, "article"), seen(x)].filter(Boolean).join(" · ");
  }

  function typeBadge(t) { return el("span", { class: "type", text: t || "?" }); }

  // articleHref is the article page of article id, at sentence text when given.
  function articleHref(id, sentence) {
    return "#/article/" + encodeURIComponent(id) + (sentence ? "?hl=" + encodeURIComponent(sentence) : "");
  }

  // source credits a sentence: the article (its page, at the sentence), its publisher and
  // date, and a link to the original.
  function source(ev) {
    if (!ev) return null;
    var parts = [];
    var title = ev.headline || ev.url || ev.article;
    if (ev.article) parts.push(el("a", { class: "article-link", href: articleHref(ev.article, ev.text), title: "read the article at this sentence", text: title }));
    else parts.push(el("span", { text: title }));
    if (ev.publisher) parts.push(" — " + ev.publisher);
    if (ev.date) parts.push(", " + ev.date);
    if (ev.eventDate && ev.eventDate !== ev.date) parts.push(" (event: " + ev.eventDate + ")");
    if (ev.url) parts.push(" ", el("a", { class: "original", href: ev.url, target: "_blank", rel: "noopener", title: "the original", text: "↗" }));
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
          el("span", { class: "meta", text: namesake(it) }));
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
        // The pick is the whole answer to this Enter: no other handler may read the box's
        // text as a name too (it would open the first entity of that name).
        if (!list.hidden && active >= 0) { e.preventDefault(); e.stopImmediatePropagation(); pick(active); }
      } else if (e.key === "Escape") {
        close();
      }
    });
    // reset forgets the last results and empties the box (after navigating elsewhere).
    function reset() { seq++; clearTimeout(timer); items = []; input.value = ""; delete input.dataset.id; close(); clear(list); }
    return { close: close, reset: reset };
  }

  // ---- views ----

  // go navigates to hash; to the page already shown it does nothing (no second fetch).
  function go(hash) {
    if (location.hash === hash) return;
    location.hash = hash;
  }

  var views = ["home", "entity", "connect", "article"];
  function show(name) {
    views.forEach(function (v) { $(v).hidden = v !== name; });
  }

  function route() {
    var h = location.hash.replace(/^#\/?/, "");
    var m;
    if ((m = /^entity\/(.+)$/.exec(h))) {
      show("entity");
      openEntity(decodeURIComponent(m[1]));
    } else if ((m = /^article\/([^?]+)(?:\?(.*))?$/.exec(h))) {
      show("article");
      openArticle(decodeURIComponent(m[1]), new URLSearchParams(m[2] || ""));
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
      var more = (c.otherCount || c.others.length) - Math.min(c.others.length, 8);
      box.appendChild(el("div", { class: "sub others" }, el("span", { text: "Others of this name:" }),
        el("ul", null, c.others.slice(0, 8).map(function (o) {
          return el("li", null, entityLink(o.mergedInto ? { id: o.mergedInto, name: o.name } : o), " ", el("span", { class: "meta", text: namesake(o) }));
        })),
        more > 0 ? el("span", { text: "and " + more + " more" }) : null));
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

  var graphSeq = 0; // the latest graph request: an answer to an earlier one is dropped
  function loadGraph(reset, auto) {
    if (!current) return;
    var me = current, mine = ++graphSeq;
    if (reset) { G.nodes = []; G.edges = []; G.byId = {}; G.edgeKeys = {}; }
    api("neighbours", graphParams(me.id, $("hops").value)).then(function (res) {
      if (current !== me || mine !== graphSeq) return;
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

  // ---- article page ----

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // mentionLinks turns text into text and links to the entities whose names it holds (the
  // longest name wins; names of the most mentioned entity first).
  function mentionLinks(text, re, byName) {
    if (!re) return [text];
    var out = [], last = 0, m;
    re.lastIndex = 0;
    while ((m = re.exec(text))) {
      var e = byName[m[2]];
      var at = m.index + m[1].length;
      if (!e) continue;
      if (at > last) out.push(text.slice(last, at));
      out.push(el("a", { class: "mention type-" + (e.type || "").toLowerCase(), href: entityHref(e.id), title: e.name + " (" + (e.type || "?") + ")", text: m[2] }));
      last = at + m[2].length;
      re.lastIndex = last;
    }
    if (last < text.length) out.push(text.slice(last));
    return out;
  }

  function openArticle(id, params) {
    var box = clear($("article-page"));
    box.appendChild(el("p", { class: "empty", text: "Loading…" }));
    var hl = params.get("hl");
    api("article", { id: id }).then(function (a) {
      document.title = (a.headline || a.id) + " — newsgraph explorer";
      clear(box);
      box.appendChild(el("div", { class: "id", text: a.id }));
      box.appendChild(el("h1", { text: a.headline || "(no headline)" }));
      box.appendChild(el("p", { class: "sub" },
        a.publisher || "publisher unknown", a.published ? ", " + a.published : "",
        a.url ? [" · ", el("a", { class: "original", href: a.url, target: "_blank", rel: "noopener", text: "the original ↗" })] : null,
        " · " + plural((a.facts || []).length, "fact") + " · " + plural((a.entities || []).length, "entity").replace(/ys$/, "ies")));

      // Names to mark: every name and alias of two letters or more.
      var byName = {}, names = [];
      (a.entities || []).forEach(function (e) {
        [e.name].concat(e.aliases || []).forEach(function (n) {
          if (!n || n.length < 2 || byName[n]) return;
          byName[n] = e;
          names.push(n);
        });
      });
      names.sort(function (x, y) { return y.length - x.length; });
      var re = names.length ? new RegExp("(^|[^\\p{L}\\p{N}])(" + names.map(escapeRe).join("|") + ")(?![\\p{L}\\p{N}])", "gu") : null;

      var text = a.text || "";
      var facts = a.facts || [];
      var body = el("div", { class: "article-text" });
      var target = null;
      if (text) {
        // The sentences that state facts, merged where they overlap, marked in the text.
        var spans = facts.filter(function (f) { return f.start != null && f.end != null; })
          .map(function (f) { return { start: f.start, end: f.end, facts: [f] }; })
          .sort(function (x, y) { return x.start - y.start || y.end - x.end; });
        var merged = [];
        spans.forEach(function (sp) {
          var top = merged[merged.length - 1];
          if (top && sp.start < top.end) { top.end = Math.max(top.end, sp.end); top.facts = top.facts.concat(sp.facts); }
          else merged.push(sp);
        });
        // Offsets are bytes of UTF-8: map them to the string's positions.
        var bytes = new TextEncoder().encode(text), dec = new TextDecoder();
        var pos = function (b) { return dec.decode(bytes.subarray(0, b)).length; };
        var at = 0;
        var paragraph = function (chunk) { append(body, mentionLinks(chunk, re, byName)); };
        merged.forEach(function (sp) {
          var s0 = pos(sp.start), s1 = pos(sp.end);
          if (s0 > at) paragraph(text.slice(at, s0));
          var sentence = text.slice(s0, s1);
          var mark = el("mark", { class: "evidence", "data-start": String(sp.start), title: sp.facts.map(function (f) {
            return f.subject.name + " " + predLabel(f.predicate) + " " + (f.object ? f.object.name : f.value || "");
          }).join("; ") }, mentionLinks(sentence, re, byName));
          if (hl && !target && (sentence === hl || sentence.indexOf(hl) >= 0 || hl.indexOf(sentence) >= 0)) { mark.classList.add("target"); target = mark; }
          body.appendChild(mark);
          at = s1;
        });
        if (at < text.length) paragraph(text.slice(at));
      } else {
        body.appendChild(el("p", { class: "empty", text: "The text of this article is not kept (it was loaded with --no-text): here are the sentences that state its facts." }));
        facts.forEach(function (f) {
          if (!f.text) return;
          var q = el("blockquote", { class: "evidence" }, mentionLinks(f.text, re, byName));
          if (hl && !target && f.text === hl) { q.classList.add("target"); target = q; }
          body.appendChild(q);
        });
      }
      box.appendChild(el("div", { class: "article-cols" },
        el("section", { class: "panel article-body" }, el("h2", { text: "Text" }), body),
        el("aside", { class: "panel article-side" },
          el("h2", { text: "Facts it states (" + facts.length + ")" }),
          facts.length ? el("ul", { class: "article-facts" }, facts.map(function (f) {
            return el("li", null,
              el("a", { class: "goto", href: articleHref(a.id, f.text), title: "show the sentence", text: "¶" }), " ",
              entityLink(f.subject), " ", el("span", { class: "pred", text: predLabel(f.predicate) }), " ",
              f.object ? entityLink(f.object) : el("q", { text: f.value || "" }), qualifiers(f),
              f.date ? el("span", { class: "when", text: " " + f.date }) : null);
          })) : el("p", { class: "empty", text: "No relations stated." }),
          el("h2", { text: "Entities it mentions (" + (a.entities || []).length + ")" }),
          el("div", { class: "top-list" }, (a.entities || []).map(function (e) {
            return el("a", { class: "chip", href: entityHref(e.id), title: e.type || "" }, e.name, el("small", { text: (e.type || "?") + " · " + (e.articles || 0) }));
          })))));
      if (target) target.scrollIntoView({ block: "center" });
      else window.scrollTo(0, 0);
    }).catch(function (e) {
      clear(box).appendChild(el("p", { class: "empty", text: e.status === 404 ? "No article “" + id + "” in the graph." : e.message }));
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
    var search = completer(q, $("suggestions"), function (it) {
      q.blur();
      search.reset();
      go(entityHref(it.id));
    });
    q.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.defaultPrevented && $("suggestions").hidden && q.value.trim()) go(entityHref(q.value.trim()));
    });
    // The search box is for the next search: emptied whenever the page changes.
    window.addEventListener("hashchange", function () { search.reset(); });
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
