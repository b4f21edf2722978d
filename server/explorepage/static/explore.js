// newsgraph explorer: search, entity cards with their evidence, a neighbourhood graph, a
// timeline and "how are A and B connected?". Plain JavaScript, no libraries, no build step.
// All data comes from the JSON API under /api/newsgraph/ (server/explore_api.go).
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

  // F is the entity page's filter: the card's facts, its numbers, the graph and the timeline
  // all follow it. preds are predicate IRIs as the API writes them ("ng:received").
  var F = { preds: [], who: "", from: "", to: "" };
  var cardView = { tab: "facts", by: "relation", open: {}, more: {} };

  // PREDS describes the graph's relations (name, inverse), from /predicates.
  var PREDS = {};
  var predsLoaded = null;
  function loadPredicates() {
    if (!predsLoaded) {
      predsLoaded = api("predicates", {}).then(function (res) {
        (res.predicates || []).forEach(function (p) { PREDS[p.predicate] = p; });
      }).catch(function () { predsLoaded = null; });
    }
    return predsLoaded;
  }

  // SERVER says what the server allows ({writable}), from /server.
  var SERVER = { writable: false };

  function openEntity(id) {
    clear($("card")).appendChild(el("p", { class: "empty", text: "Loading…" }));
    clear($("timeline"));
    Promise.all([api("entity", { id: id }), loadPredicates()]).then(function (r) {
      var card = r[0];
      var same = current && current.id === card.id;
      current = { id: card.id, name: card.name, card: card };
      if (!same) {
        F = { preds: [], who: "", from: "", to: "" };
        cardView = { tab: "facts", by: "relation", open: {}, more: {} };
        G.limit = GRAPH_PAGE;
      }
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
    if (c.aliases && c.aliases.length) box.appendChild(el("p", { class: "sub", text: "Also: " + c.aliases.slice(0, 12).join(", ") + (c.aliases.length > 12 ? " and " + (c.aliases.length - 12) + " more" : "") }));
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
          return el("li", null, entityLink(o.mergedInto ? { id: o.mergedInto, name: o.name } : o), " ", el("span", { class: "meta", text: namesake(o) }),
            SERVER.writable && !o.mergedInto ? [" ", el("button", { class: "link merge-other", "data-id": o.id, text: "merge into this", onclick: function () { curate(c, "merge", o); } })] : null);
        })),
        more > 0 ? el("span", { text: "and " + more + " more" }) : null));
    }
    if (SERVER.writable || (c.merged && c.merged.length)) box.appendChild(renderCurate(c));

    if (c.positions && c.positions.length) {
      var pos = el("ul", { class: "positions" }, c.positions.slice(0, cardView.allPositions ? 1e9 : 4).map(function (p) {
        var when = [];
        if (p.start || p.end) when.push((p.start || "?") + " – " + (p.end || (p.former ? "?" : "")) + " (stated)");
        if (p.firstSeen || p.lastSeen) when.push("seen " + (p.firstSeen || "?") + (p.lastSeen && p.lastSeen !== p.firstSeen ? " to " + p.lastSeen : ""));
        if (p.former) when.push("called former" + (p.endedBy ? " from " + p.endedBy : ""));
        when.push(plural(p.articles || 0, "article"));
        return el("li", null,
          el("span", { class: p.former ? "former" : "" }, p.title), p.of ? [" of ", entityLink(p.of)] : null,
          el("span", { class: "when", text: when.join(" · ") }));
      }));
      box.appendChild(el("h3", { text: "Positions (" + c.positions.length + ")" }));
      box.appendChild(pos);
      if (c.positions.length > 4 && !cardView.allPositions) {
        box.appendChild(el("button", { class: "link", text: "all " + c.positions.length + " positions", onclick: function () { cardView.allPositions = true; renderCard(c); } }));
      }
    }
    box.appendChild(renderFilter(c));
    box.appendChild(el("div", { id: "card-facts" }));
    renderFacts();
  }

  // ---- the card's filter, facts and quotations ----

  function isQuote(f, c) { return f.predicate === "ng:said" && !f.object && f.subject && f.subject.id === c.id; }

  function incoming(f, c) { return f.subject && f.subject.id !== c.id && f.object && f.object.id === c.id; }

  // counterpart is the other end of a fact: an entity ({id, name}) or a value ({value}).
  function counterpart(f, c) { return incoming(f, c) ? f.subject : f.object || { value: f.value || "" }; }

  // relLabel reads a relation from the card's entity: "contains" for Baghdad containedInPlace Iraq.
  function relLabel(pred, inc) {
    if (!inc) return predLabel(pred);
    var p = PREDS[pred];
    return p && p.inverse ? p.inverse : "← " + predLabel(pred);
  }

  function fold(s) { return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  // inRange is the server's: a (partial) date overlaps [from, to]; dates without a year never do.
  function inRange(d, from, to) {
    if (!from && !to) return true;
    if (!/^\d{4}/.test(d || "")) return false;
    if (from && d < from.slice(0, d.length)) return false;
    if (to && d.slice(0, to.length) > to) return false;
    return true;
  }

  function factDated(f) {
    return !!f.firstSeen || (f.eventDates || []).some(function (d) { return /^\d{4}/.test(d); });
  }

  function factInRange(f) {
    if (!F.from && !F.to) return true;
    if ((f.eventDates || []).some(function (d) { return inRange(d, F.from, F.to); })) return true;
    if (!f.firstSeen) return false;
    var last = f.lastSeen || f.firstSeen;
    return (!F.to || f.firstSeen.slice(0, F.to.length) <= F.to) && (!F.from || last >= F.from.slice(0, last.length));
  }

  // passes tells whether a fact passes the filter; why says which part stops it.
  function passes(f, c) {
    if (F.preds.length && F.preds.indexOf(f.predicate) < 0) return false;
    if (F.who) {
      var o = counterpart(f, c);
      if (fold(o.name || o.value).indexOf(fold(F.who)) < 0) return false;
    }
    return factInRange(f);
  }

  function filtering() { return F.preds.length || F.who || F.from || F.to; }

  function renderFilter(c) {
    var counts = {};
    (c.facts || []).forEach(function (f) { counts[f.predicate] = (counts[f.predicate] || 0) + 1; });
    var preds = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
    var sel = el("select", { id: "f-pred", "aria-label": "relation" }, el("option", { value: "", text: "all relations" }),
      preds.map(function (p) { return el("option", { value: p, text: predLabel(p) + " (" + counts[p] + ")" }); }));
    if (F.preds.length === 1) sel.value = F.preds[0];
    else if (F.preds.length > 1) { sel.appendChild(el("option", { value: "*", text: F.preds.length + " relations" })); sel.value = "*"; }
    var who = el("input", { id: "f-who", type: "search", placeholder: "counterpart", size: "12", value: F.who, "aria-label": "counterpart" });
    var from = el("input", { id: "f-from", type: "text", placeholder: "from", title: "from YYYY, YYYY-MM or YYYY-MM-DD", size: "8", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", value: F.from, "aria-label": "from" });
    var to = el("input", { id: "f-to", type: "text", placeholder: "to", title: "to YYYY, YYYY-MM or YYYY-MM-DD", size: "8", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", value: F.to, "aria-label": "to" });
    var form = el("form", { class: "card-filter", id: "card-filter", role: "search" }, sel, who, from, to,
      el("button", { type: "button", class: "link", id: "f-clear", text: "clear", onclick: function () {
        F = { preds: [], who: "", from: "", to: "" };
        sel.value = ""; who.value = ""; from.value = ""; to.value = "";
        filtersChanged(true);
      } }));
    sel.addEventListener("change", function () { if (sel.value !== "*") { F.preds = sel.value ? [sel.value] : []; filtersChanged(true); } });
    var t;
    who.addEventListener("input", function () { F.who = who.value.trim(); clearTimeout(t); t = setTimeout(function () { filtersChanged(false); }, 150); });
    [from, to].forEach(function (inp) {
      inp.addEventListener("input", function () {
        if (!form.checkValidity()) return;
        F.from = from.value.trim(); F.to = to.value.trim();
        clearTimeout(t); t = setTimeout(function () { filtersChanged(true); }, 300);
      });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    return form;
  }

  // filtersChanged redraws what follows the filter: the facts always, the graph and the
  // timeline when the relations or dates changed (reload).
  function filtersChanged(reload) {
    if (!current) return;
    var sel = $("f-pred");
    if (sel && F.preds.length <= 1) sel.value = F.preds[0] || "";
    renderFacts();
    if (reload) { loadGraph(true); loadTimeline(); } else dimGraph();
  }

  var GROUP_FACTS = 3, OPEN_GROUPS = 5;

  function renderFacts() {
    var c = current.card, box = clear($("card-facts"));
    var all = c.facts || [];
    var facts = [], quotes = [], hiddenUndated = 0;
    all.forEach(function (f) {
      if ((F.from || F.to) && !factDated(f)) hiddenUndated++;
      if (!passes(f, c)) return;
      (isQuote(f, c) ? quotes : facts).push(f);
    });
    var nQuotes = all.filter(function (f) { return isQuote(f, c); }).length;
    var tabs = el("div", { class: "tabs", role: "tablist" },
      el("button", { type: "button", role: "tab", class: "tab" + (cardView.tab === "facts" ? " active" : ""), id: "tab-facts", "aria-selected": String(cardView.tab === "facts"),
        text: "Facts (" + (filtering() ? facts.length + " of " + (all.length - nQuotes) : all.length - nQuotes) + ")",
        onclick: function () { cardView.tab = "facts"; renderFacts(); } }),
      el("button", { type: "button", role: "tab", class: "tab" + (cardView.tab === "said" ? " active" : ""), id: "tab-said", "aria-selected": String(cardView.tab === "said"),
        text: "What " + c.name + " said (" + (filtering() ? quotes.length + " of " + nQuotes : nQuotes) + ")",
        onclick: function () { cardView.tab = "said"; renderFacts(); } }));
    box.appendChild(tabs);
    var shown = cardView.tab === "said" ? quotes : facts;
    var articles = {};
    shown.forEach(function (f) { (f.sources || []).forEach(function (s) { articles[s] = true; }); });
    var total = c.factCount || all.length;
    var summary = [plural(shown.length, cardView.tab === "said" ? "quotation" : "fact"), plural(Object.keys(articles).length, "supporting article")];
    if (total > all.length) summary.push("the card holds the " + all.length + " most corroborated of " + total + " facts");
    if (hiddenUndated) summary.push(hiddenUndated + " undated hidden by the dates");
    box.appendChild(el("p", { class: "sub facts-summary", id: "facts-summary", text: summary.join(" · ") }));
    if (cardView.tab === "said") { box.appendChild(renderQuotes(quotes)); return; }
    if (!facts.length) { box.appendChild(el("p", { class: "empty", text: all.length ? "No fact passes the filter." : "No relations stated yet." })); return; }
    box.appendChild(el("div", { class: "group-by" }, "Group by ",
      ["relation", "counterpart"].map(function (by) {
        return el("button", { type: "button", class: "link" + (cardView.by === by ? " active" : ""), text: by, onclick: function () { cardView.by = by; cardView.open = {}; cardView.more = {}; renderFacts(); } });
      })));
    var groups = [], byKey = {};
    facts.forEach(function (f) {
      var inc = incoming(f, c), key, label, o;
      if (cardView.by === "counterpart") {
        o = counterpart(f, c);
        key = o.id || "value:" + o.value;
        label = o.name || "“" + o.value + "”";
      } else {
        // a symmetric relation ("met") reads the same both ways: one group
        var sym = PREDS[f.predicate] && PREDS[f.predicate].inverse === predLabel(f.predicate);
        key = f.predicate + (inc && !sym ? " <" : "");
        label = relLabel(f.predicate, inc && !sym);
      }
      if (!byKey[key]) { byKey[key] = { key: key, label: label, ref: o && o.id ? o : null, facts: [], articles: {} }; groups.push(byKey[key]); }
      byKey[key].facts.push(f);
      (f.sources || []).forEach(function (s) { byKey[key].articles[s] = true; });
    });
    groups.forEach(function (g) { g.n = Object.keys(g.articles).length; });
    groups.sort(function (a, b) { return b.facts.length - a.facts.length || b.n - a.n || (a.label < b.label ? -1 : 1); });
    var wrap = el("div", { class: "facts" });
    var rest = [];
    groups.forEach(function (g, i) {
      var open = cardView.open[g.key] != null ? cardView.open[g.key] : i < OPEN_GROUPS || groups.length <= OPEN_GROUPS + 1;
      if (!open) { rest.push(g); return; }
      g.facts.sort(function (a, b) { return (b.articles || 0) - (a.articles || 0); });
      var all = cardView.more[g.key], first = all ? g.facts : g.facts.slice(0, GROUP_FACTS);
      var left = g.facts.length - first.length;
      wrap.appendChild(el("div", { class: "group", "data-key": g.key },
        el("h3", null,
          el("button", { type: "button", class: "link fold", title: "fold", text: "▾", onclick: function () { cardView.open[g.key] = false; renderFacts(); } }),
          g.ref ? entityLink(g.ref) : el("span", { class: "pred", text: g.label }),
          el("span", { class: "count", text: plural(g.facts.length, "fact") + " · " + plural(g.n, "article") })),
        first.map(function (f) { return renderFact(f, cardView.by); }),
        left > 0 ? el("button", { type: "button", class: "link more-facts", text: "+ " + left + " more", onclick: function () { cardView.more[g.key] = true; renderFacts(); } }) : null,
        all && g.facts.length > GROUP_FACTS ? el("button", { type: "button", class: "link more-facts", text: "show fewer", onclick: function () { cardView.more[g.key] = false; renderFacts(); } }) : null));
    });
    box.appendChild(wrap);
    if (rest.length) {
      box.appendChild(el("div", { class: "folded" },
        el("span", { class: "sub", text: rest.length + " more " + (cardView.by === "counterpart" ? "counterparts" : "relations") + ": " }),
        rest.map(function (g) {
          return el("button", { type: "button", class: "chip folded-group", "data-key": g.key, onclick: function () { cardView.open[g.key] = true; renderFacts(); } },
            g.label, el("small", { text: String(g.facts.length) }));
        })));
    }
  }

  var QUOTES_PAGE = 10;
  function renderQuotes(quotes) {
    if (!quotes.length) return el("p", { class: "empty", text: "No quotation." });
    quotes.sort(function (a, b) { return (b.articles || 0) - (a.articles || 0) || ((a.firstSeen || "") < (b.firstSeen || "") ? -1 : 1); });
    var n = cardView.moreQuotes ? quotes.length : Math.min(quotes.length, QUOTES_PAGE);
    return el("div", { class: "quotes" },
      el("ul", { class: "quote-list" }, quotes.slice(0, n).map(function (f) {
        var ev = f.evidence || {};
        return el("li", { class: "quote" },
          el("blockquote", { class: "said" }, "“" + (f.value || "") + "”", qualifiers(f)),
          ev.text && ev.text !== f.value ? el("div", { class: "said-in", text: ev.text }) : null,
          source(ev),
          f.articles > 1 ? el("span", { class: "counts", text: plural(f.articles, "article") }) : null);
      })),
      n < quotes.length ? el("button", { type: "button", class: "link", text: "all " + quotes.length + " quotations", onclick: function () { cardView.moreQuotes = true; renderFacts(); } }) : null);
  }

  // ---- merge and unmerge (serve --writable with a token) ----

  function renderCurate(c) {
    var d = el("details", { class: "curate", id: "curate" });
    if (cardView.curateOpen) d.open = true;
    d.addEventListener("toggle", function () { cardView.curateOpen = d.open; });
    d.appendChild(el("summary", { text: "Merges" + (c.merged && c.merged.length ? " (" + c.merged.length + ")" : "") }));
    if (c.merged && c.merged.length) {
      d.appendChild(el("ul", { class: "merged" }, c.merged.map(function (m) {
        return el("li", null, el("b", { text: m.name || m.id }), " ", el("span", { class: "id", text: m.id }),
          el("div", { class: "meta", text: "merged by " + (m.by || "?") + ", " + (m.at || "") + (m.reason ? " — " + m.reason : "") }),
          SERVER.writable ? el("button", { type: "button", class: "link unmerge", "data-merge": m.merge, text: "unmerge", onclick: function () { curate(c, "unmerge", m); } }) : null);
      })));
    }
    if (!SERVER.writable) {
      d.appendChild(el("p", { class: "sub", text: "This server is read-only: merge with the CLI, or start serve --writable --token T." }));
      return d;
    }
    var other = el("input", { id: "merge-other", type: "search", placeholder: "an entity to merge into this one", autocomplete: "off", "aria-label": "entity to merge" });
    var list = el("ul", { class: "suggestions", hidden: "" });
    completer(other, list, function () {});
    d.appendChild(el("div", { class: "curate-form" },
      el("div", { class: "search small" }, other, list),
      el("button", { type: "button", id: "merge-go", text: "Merge into " + c.name, onclick: function () {
        var id = other.dataset.id || other.value.trim();
        if (!id) { status("Pick the entity to merge", true); return; }
        curate(c, "merge", { id: id, name: other.value });
      } }),
      el("label", null, "Your name ", el("input", { id: "merge-by", type: "text", size: "10", value: localStorage.getItem("ng-by") || "" })),
      el("label", null, "Why ", el("input", { id: "merge-why", type: "text", size: "24", placeholder: "the evidence" })),
      el("label", null, "Token ", el("input", { id: "merge-token", type: "password", size: "10", value: sessionStorage.getItem("ng-token") || "" }))));
    return d;
  }

  // curate merges other into the card's entity, or undoes merge m: as `newsgraph merge` and
  // `newsgraph unmerge` do, recorded with who, when and why.
  function curate(c, op, x) {
    cardView.curateOpen = true;
    var d = $("curate");
    if (d && !d.open) { d.open = true; status("Say who you are, why, and give the server's token", false); return; }
    var by = ($("merge-by") || {}).value || "", why = ($("merge-why") || {}).value || "", token = ($("merge-token") || {}).value || "";
    if (!by.trim() || !token.trim() || (op === "merge" && !why.trim())) { status("Merging needs your name, a reason and the server's token", true); return; }
    localStorage.setItem("ng-by", by.trim());
    sessionStorage.setItem("ng-token", token.trim());
    var body = op === "merge" ? { keep: c.id, other: [x.id], by: by.trim(), reason: why.trim() } : { merge: x.merge };
    if (op === "merge" && !confirm("Merge " + (x.name || x.id) + " into " + c.name + "?")) return;
    fetch(API + op, { method: "POST", headers: { "Content-Type": "application/json", Authorization: "Bearer " + token.trim() }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (b) { if (!r.ok) throw new Error(b.error || r.statusText); return b; }); })
      .then(function (res) {
        status(op === "merge" ? "Merged " + (x.name || x.id) + " into " + c.name : "Unmerged " + (x.name || x.id));
        openEntity(c.id);
      }).catch(function (e) { status(e.message, true); });
  }

  // renderFact is one fact, its evidence folded under it. In a group (by "relation" or by
  // "counterpart") the line leaves out what the group's heading says: the card's entity and
  // the relation, or the counterpart (for screen readers they stay, visually hidden).
  function renderFact(f, by) {
    var c = by && current && current.card;
    var inc = c && incoming(f, c);
    var vh = function (hide) { return hide ? " vh" : ""; };
    var counts = [plural(f.articles || 0, "article")];
    if (f.copies && f.copies !== f.articles) counts.push(f.copies + " with copies");
    if (f.publishers) counts.push(plural(f.publishers, "publisher"));
    if (f.firstSeen) counts.push(f.firstSeen + (f.lastSeen && f.lastSeen !== f.firstSeen ? " to " + f.lastSeen : ""));
    var list = el("ul", { class: "evidence" }, evidenceItem(f.evidence));
    var d = el("details", { class: "fact" + (f.negated ? " negated" : "") },
      el("summary", null,
        el("span", { class: "subj" + vh(c && (by === "counterpart" || !inc)) }, entityLink(f.subject), " "),
        el("span", { class: "pred" + vh(c) }, predLabel(f.predicate)),
        by === "counterpart" ? el("span", { class: "rel", text: relLabel(f.predicate, inc) }) : null,
        el("span", { class: "obj" + vh(c && (by === "counterpart" || inc)) }, " ", f.object ? entityLink(f.object) : el("q", { text: f.value || "" })),
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
  // next page. The card's dates filter it.
  function loadTimeline() {
    var box = clear($("timeline"));
    box.appendChild(el("p", { class: "empty", text: "Loading…" }));
    var me = current, ul = null, lastYear = null, shown = 0;
    function page(offset) {
      return api("timeline", { id: me.id, from: F.from, to: F.to, offset: offset || null }).then(function (res) {
        if (current !== me) return;
        var events = Array.isArray(res) ? res : res.events || [];
        if (!ul) {
          clear(box);
          if (!events.length) { box.appendChild(el("p", { class: "empty", text: F.from || F.to ? "No events dated in this range (undated events are left out)." : "No dated events." })); return; }
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

  // A hub has more neighbours than a picture holds: the graph asks for the best ranked
  // GRAPH_PAGE, says how many there are, and "more" asks for the next page.
  var GRAPH_PAGE = 60, GRAPH_MAX = 500;
  var PALETTE = ["#1a5fb4", "#e66100", "#26a269", "#c01c28", "#9141ac", "#986a44", "#2aa198", "#c89400", "#e01b8c", "#5e5c64"];

  var G = { nodes: [], edges: [], byId: {}, edgeKeys: {}, alpha: 0, raf: 0, w: 800, h: 480, limit: GRAPH_PAGE, info: null, predColor: {} };

  // graphPreds are the filter's relations the graph knows (a quotation is no edge).
  function graphPreds() {
    return F.preds.filter(function (p) { return PREDS[p]; });
  }

  function graphParams(id, hops, limit) {
    return { id: id, hops: hops, limit: limit, rank: $("rank").value, predicate: graphPreds().join(",") || null, from: F.from, to: F.to };
  }

  var graphSeq = 0; // the latest graph request: an answer to an earlier one is dropped
  function loadGraph(reset, auto) {
    if (!current) return;
    var me = current, mine = ++graphSeq;
    if (F.preds.length && !graphPreds().length) {
      // only relations that are not edges (quotations): nothing to draw but the entity
      G.nodes = []; G.edges = []; G.byId = {}; G.edgeKeys = {};
      mergeGraph({ nodes: [{ id: me.id, name: me.name, type: (me.card.types || [])[0], hop: 0 }], edges: [] }, me.id);
      G.byId[me.id].center = true;
      G.info = { total: 0, predicates: [], undated: 0 };
      drawGraph();
      return;
    }
    api("neighbours", graphParams(me.id, $("hops").value, G.limit)).then(function (res) {
      if (current !== me || mine !== graphSeq) return;
      // A small 1-hop neighbourhood is shown with its second hop.
      if (reset && auto && $("hops").value === "1" && (res.nodes || []).length < 6 && !filtering()) {
        $("hops").value = "2";
        loadGraph(true);
        return;
      }
      if (reset) { G.nodes = []; G.edges = []; G.byId = {}; G.edgeKeys = {}; }
      G.info = res;
      mergeGraph(res, me.id);
      var c = G.byId[me.id];
      if (c) { c.center = true; c.expanded = true; }
      drawGraph();
    }).catch(function (e) { status(e.message, true); });
  }

  function mergeGraph(res, around) {
    var origin = G.byId[around];
    // New nodes start on rings around where they come from (by hop for a fresh graph), spread
    // by the golden angle: the same graph always starts, and so settles, the same way.
    var fresh = (res.nodes || []).filter(function (n) { return !G.byId[n.id]; });
    fresh.forEach(function (n, i) {
      var hop = origin ? 1 : n.hop || (n.id === around ? 0 : 1);
      var a = i * 2.39996 + (origin ? 0.5 : 0), r = hop === 0 ? 0 : 70 + 120 * (hop - 1) + 25 * (i % 3);
      var node = { id: n.id, name: n.name || n.id, type: n.type, articles: n.articles || 0, rank: G.nodes.length, x: (origin ? origin.x : 0) + r * Math.cos(a), y: (origin ? origin.y : 0) + 0.8 * r * Math.sin(a), vx: 0, vy: 0 };
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
    api("neighbours", graphParams(node.id, 1, 16)).then(function (res) {
      var before = G.nodes.length;
      mergeGraph(res, node.id);
      drawGraph();
      status(node.name + ": " + plural(G.nodes.length - before, "new neighbour") + (res.total > 15 ? " (the 15 best ranked of " + res.total + ")" : ""));
    }).catch(function (e) { node.expanded = false; status(e.message, true); });
  }

  function degree(n) {
    var d = 0;
    G.edges.forEach(function (e) { if (e.s === n || e.t === n) d++; });
    return d;
  }

  // renderGraphInfo says what the picture leaves out: "60 of 118 neighbours shown — more",
  // the facts a date range hides for want of dates; the legend gives each relation its
  // colour and this entity's count, and picks relations (several at once).
  function renderGraphInfo() {
    var info = G.info || {}, box = clear($("graph-info"));
    var shown = G.nodes.filter(function (n) { return !n.center; }).length;
    var total = Math.max(info.total || 0, shown);
    var what = $("hops").value === "2" ? "entities within two steps" : "neighbours";
    if (total === 0) box.appendChild(el("span", { text: filtering() ? "No neighbour passes the filter." : "No neighbours." }));
    else if (shown < total) {
      box.appendChild(el("span", { class: "shown", text: shown + " of " + total + " " + what + " shown" + (info.rank === "recency" ? " (the most recent)" : " (the best corroborated)") }));
      if (G.limit < GRAPH_MAX) {
        box.appendChild(el("span", null, " — ", el("button", { type: "button", class: "link", id: "graph-more", text: "show " + Math.min(GRAPH_PAGE, total - shown) + " more", onclick: function () {
          G.limit = Math.min(GRAPH_MAX, G.limit + GRAPH_PAGE);
          loadGraph(true);
        } })));
      }
    } else box.appendChild(el("span", { class: "shown", text: "all " + plural(total, what.replace(/s$/, "")).replace(/ys$/, "ies") + " shown" }));
    if (info.undated) {
      box.appendChild(el("span", { class: "undated", text: " · the dates hide " + plural(info.undated, "fact") + " whose articles have no date" }));
    }
    var legend = clear($("graph-legend"));
    var preds = info.predicates || [];
    G.predColor = {};
    preds.forEach(function (p, i) { G.predColor[p.predicate] = PALETTE[i] || "#9aa4b2"; });
    legend.appendChild(el("div", { class: "legend-preds" }, el("span", { class: "legend-title", text: "Relations (click to pick one or more):" }),
      preds.map(function (p) {
        var on = F.preds.indexOf(p.predicate) >= 0;
        var sw = el("i");
        sw.style.background = G.predColor[p.predicate];
        return el("button", { type: "button", class: "legend-pred" + (on ? " on" : ""), "data-pred": p.predicate, "aria-pressed": String(on), onclick: function () {
          var i = F.preds.indexOf(p.predicate);
          if (i >= 0) F.preds.splice(i, 1); else F.preds = F.preds.filter(function (q) { return PREDS[q]; }).concat([p.predicate]);
          renderCard(current.card);
          filtersChanged(true);
        } }, sw, predLabel(p.name || p.predicate), el("small", { text: String(p.edges) }));
      })));
    var types = {};
    G.nodes.forEach(function (n) { types[n.type] = true; });
    legend.appendChild(el("div", { class: "legend-types" }, Object.keys(types).sort().map(function (t) {
      var i = el("i", { class: "dot" });
      i.style.background = TYPE_COLORS[t] || "#888";
      return el("span", null, i, t);
    }), el("span", { text: plural(G.nodes.length, "node") + ", " + plural(G.edges.length, "edge") })));
  }

  function drawGraph() {
    var s = $("graph");
    var rect = s.getBoundingClientRect();
    G.w = Math.max(300, rect.width || 800);
    G.h = Math.max(240, rect.height || 480);
    s.setAttribute("viewBox", (-G.w / 2) + " " + (-G.h / 2) + " " + G.w + " " + G.h);
    clear(s);
    renderGraphInfo();
    var defs = svg("defs");
    var marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
    marker.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#9aa4b2" }));
    defs.appendChild(marker);
    s.appendChild(defs);
    var edgeLayer = svg("g"), nodeLayer = svg("g"), labelLayer = svg("g", { class: "edge-labels" });
    s.appendChild(edgeLayer); s.appendChild(nodeLayer); s.appendChild(labelLayer);
    var few = G.edges.length <= 20; // few edges keep their labels; else a label shows on hover
    G.edges.forEach(function (e) {
      var colour = G.predColor[e.predicate] || "#9aa4b2";
      e.g = svg("g", { class: "edge-g", "data-pred": e.predicate });
      e.line = svg("line", { class: "edge", "marker-end": "url(#arrow)", stroke: colour, "stroke-width": String(Math.min(1 + Math.log2(e.articles), 5)) });
      e.hit = svg("line", { class: "edge-hit" });
      var t = svg("title");
      t.textContent = e.s.name + " " + predLabel(e.predicate) + " " + e.t.name + " (" + plural(e.articles, "article") + (e.firstSeen ? ", " + e.firstSeen + (e.lastSeen && e.lastSeen !== e.firstSeen ? " to " + e.lastSeen : "") : "") + ")";
      e.hit.appendChild(t);
      e.g.appendChild(e.line); e.g.appendChild(e.hit);
      edgeLayer.appendChild(e.g);
      e.label = svg("text", { class: "edge-label" + (few ? "" : " hover-only"), "text-anchor": "middle", fill: colour });
      e.label.textContent = predLabel(e.predicate);
      labelLayer.appendChild(e.label);
      e.g.addEventListener("pointerenter", function () { e.label.classList.add("show"); e.g.classList.add("hot"); });
      e.g.addEventListener("pointerleave", function () { e.label.classList.remove("show"); e.g.classList.remove("hot"); });
    });
    G.nodes.forEach(function (n) {
      var r = 6 + Math.min(10, 2 * Math.sqrt(degree(n)));
      n.r = n.center ? r + 3 : r;
      n.g = svg("g", { class: "node" + (n.center ? " center" : "") + (n.expanded ? " expanded" : ""), "data-id": n.id });
      n.g.appendChild(svg("circle", { r: String(n.r), fill: TYPE_COLORS[n.type] || "#888" }));
      n.text = svg("text", { class: "node-label", x: String(n.r + 4), y: "4" });
      n.text.textContent = n.name;
      n.g.appendChild(n.text);
      var t = svg("title");
      t.textContent = n.name + " (" + (n.type || "?") + (n.articles ? ", " + plural(n.articles, "article") : "") + ") — click to expand, double-click to open";
      n.g.appendChild(t);
      nodeLayer.appendChild(n.g);
      n.g.addEventListener("pointerenter", function () { hover(n, true); });
      n.g.addEventListener("pointerleave", function () { hover(n, false); });
      attachDrag(n);
    });
    G.nodes.forEach(function (n) { n.tw = n.text.getComputedTextLength ? n.text.getComputedTextLength() : n.name.length * 6.5; });
    dimGraph();
    G.frames = 0;
    delete s.dataset.settled;
    kick();
  }

  // hover shows a node's label and the labels of its edges.
  function hover(n, on) {
    n.g.classList.toggle("hot", on);
    G.edges.forEach(function (e) {
      if (e.s !== n && e.t !== n) return;
      e.label.classList.toggle("show", on);
      e.g.classList.toggle("hot", on);
    });
  }

  // dimGraph fades the nodes the counterpart filter does not match.
  function dimGraph() {
    var q = fold(F.who);
    G.nodes.forEach(function (n) { if (n.g) n.g.classList.toggle("dim", !!q && !n.center && fold(n.name).indexOf(q) < 0); });
  }

  function kick() {
    if (!G.raf) G.raf = requestAnimationFrame(step);
  }

  function step() {
    G.raf = 0;
    for (var i = 0; i < 4 && G.alpha > 0.01; i++) tick();
    position();
    if (G.alpha > 0.01 || G.dragging) kick();
    else { layoutLabels(); $("graph").dataset.settled = "1"; }
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
      p.x = Math.max(-G.w / 2 + 20, Math.min(G.w / 2 - 20, p.x));
      p.y = Math.max(-G.h / 2 + 15, Math.min(G.h / 2 - 15, p.y));
    });
    G.alpha *= 0.985;
  }

  // A label goes beside its node, on the side away from the centre of the frame (so that it
  // runs inward), else on the other side, above or below: the first place free of others.
  function labelBox(n, side) {
    var h = 14, x0, y0;
    if (side === 0 || side === 1) {
      var left = (n.x > 0) === (side === 0);
      x0 = left ? n.x - n.r - 4 - n.tw : n.x + n.r + 4;
      y0 = n.y - 8;
      return { side: side, anchor: left ? "end" : "start", dx: left ? -(n.r + 4) : n.r + 4, dy: 4, x0: x0, x1: x0 + n.tw, y0: y0, y1: y0 + h };
    }
    var up = side === 2;
    y0 = up ? n.y - n.r - 3 - h : n.y + n.r + 2;
    return { side: side, anchor: "middle", dx: 0, dy: up ? -n.r - 6 : n.r + 13, x0: n.x - n.tw / 2, x1: n.x + n.tw / 2, y0: y0, y1: y0 + h };
  }

  function placeLabel(n, b) {
    n.side = b.side;
    n.text.setAttribute("text-anchor", b.anchor);
    n.text.setAttribute("x", String(b.dx));
    n.text.setAttribute("y", String(b.dy));
  }

  function position() {
    G.edges.forEach(function (e) {
      var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      var ux = dx / d, uy = dy / d;
      var x1 = e.s.x + ux * e.s.r, y1 = e.s.y + uy * e.s.r, x2 = e.t.x - ux * (e.t.r + 2), y2 = e.t.y - uy * (e.t.r + 2);
      [e.line, e.hit].forEach(function (l) { l.setAttribute("x1", x1); l.setAttribute("y1", y1); l.setAttribute("x2", x2); l.setAttribute("y2", y2); });
      e.label.setAttribute("x", (e.s.x + e.t.x) / 2); e.label.setAttribute("y", (e.s.y + e.t.y) / 2 - 3);
    });
    G.nodes.forEach(function (n) {
      n.g.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")");
    });
    if (++G.frames % 10 === 1) layoutLabels();
  }

  // layoutLabels keeps the labels that do not overlap a label of a better placed node (the
  // centre, then the best ranked); the others show on hover. Then the frame is fitted to the
  // nodes and the labels kept, so that no label is cut by the frame's edge.
  function layoutLabels() {
    var order = G.nodes.slice().sort(function (a, b) { return (b.center ? 1 : 0) - (a.center ? 1 : 0) || a.rank - b.rank; });
    var kept = [];
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    var fits = function (b, n) {
      return kept.every(function (k) { return b.x1 < k.x0 - 2 || b.x0 > k.x1 + 2 || b.y1 < k.y0 || b.y0 > k.y1; }) &&
        G.nodes.every(function (m) { return m === n || m.x + m.r < b.x0 || m.x - m.r > b.x1 || m.y + m.r < b.y0 || m.y - m.r > b.y1; });
    };
    order.forEach(function (n) {
      var b = null;
      for (var side = 0; side < 4 && !b; side++) {
        var c = labelBox(n, side);
        if (fits(c, n)) b = c;
      }
      n.text.classList.toggle("hover-only", !b);
      placeLabel(n, b || labelBox(n, 0));
      if (b) {
        kept.push(b);
        minX = Math.min(minX, b.x0); maxX = Math.max(maxX, b.x1); minY = Math.min(minY, b.y0); maxY = Math.max(maxY, b.y1);
      }
      minX = Math.min(minX, n.x - n.r); maxX = Math.max(maxX, n.x + n.r); minY = Math.min(minY, n.y - n.r); maxY = Math.max(maxY, n.y + n.r);
    });
    if (!isFinite(minX)) return;
    // The view is the frame, grown (never shrunk) to hold everything, with a margin.
    var pad = 8;
    minX = Math.min(minX - pad, -G.w / 2); maxX = Math.max(maxX + pad, G.w / 2);
    minY = Math.min(minY - pad, -G.h / 2); maxY = Math.max(maxY + pad, G.h / 2);
    var w = maxX - minX, h = maxY - minY, ratio = G.w / G.h;
    if (w / h < ratio) { var nw = h * ratio; minX -= (nw - w) / 2; w = nw; } else { var nh = w / ratio; minY -= (nh - h) / 2; h = nh; }
    $("graph").setAttribute("viewBox", minX.toFixed(1) + " " + minY.toFixed(1) + " " + w.toFixed(1) + " " + h.toFixed(1));
  }

  function svgPoint(evt) {
    var s = $("graph"), m = s.getScreenCTM();
    if (!m) return { x: 0, y: 0 };
    var p = s.createSVGPoint();
    p.x = evt.clientX; p.y = evt.clientY;
    p = p.matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  }

  function attachDrag(n) {
    var start = null, moved = false, lastClick = 0, clickTimer = null;
    n.g.addEventListener("pointerdown", function (e) {
      e.preventDefault();
      if (n.g.setPointerCapture) try { n.g.setPointerCapture(e.pointerId); } catch (err) { /* a synthetic pointer */ }
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

  // The paths are drawn as one small graph, left to right from A to B (an entity's column is
  // its distance from A), with each step's evidence listed under it. "Avoid hubs" leaves out
  // the entities more than N articles mention (a country links everything to everything).
  function openConnect(params) {
    document.title = "How are they connected? — newsgraph explorer";
    var a = params.get("a"), b = params.get("b");
    if (a && $("a").dataset.id !== a) { $("a").value = a.replace(/^ng:[a-z]+\//, "").replace(/-/g, " "); $("a").dataset.id = a; }
    if (b && $("b").dataset.id !== b) { $("b").value = b.replace(/^ng:[a-z]+\//, "").replace(/-/g, " "); $("b").dataset.id = b; }
    if (params.get("max")) $("max").value = params.get("max");
    var avoid = params.get("avoid");
    $("avoid-on").checked = !!avoid;
    if (avoid) $("avoid").value = avoid;
    var box = clear($("paths"));
    if (!a || !b) return;
    box.appendChild(el("p", { class: "empty", text: "Searching…" }));
    api("path", { a: a, b: b, max: $("max").value, limit: 10, avoid: avoid || null }).then(function (res) {
      clear(box);
      var paths = Array.isArray(res) ? res : res.paths || [];
      if (res.from && res.to) {
        $("a").value = res.from.name || $("a").value;
        $("b").value = res.to.name || $("b").value;
      }
      var avoided = res.avoided ? plural(res.avoided, "hub") + " with more than " + res.avoidAbove + " articles left out" : "";
      if (!paths.length) {
        box.appendChild(el("p", { class: "empty", text: "No connection of at most " + (res.maxHops || $("max").value) + " steps" + (avoided ? " (" + avoided + ": try a higher limit)." : ".") }));
        return;
      }
      box.appendChild(el("p", { class: "sub paths-summary", text: plural(paths.length, "shortest path") + " of " + plural(paths[0].hops.length, "step") + (avoided ? " · " + avoided : "") }));
      box.appendChild(el("div", { class: "graph-wrap" }, pathGraph(res, paths)));
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

  // pathGraph draws the union of the paths: columns by distance from A, one edge per step
  // with its relation on it, each node sized by its articles.
  function pathGraph(res, paths) {
    var nodes = {}, cols = [], edges = {}, W = 960, colW, H;
    (res.nodes || []).forEach(function (n) { nodes[n.id] = n; });
    paths.forEach(function (p) {
      p.hops.forEach(function (h, i) {
        [[h.from, i], [h.to, i + 1]].forEach(function (x) {
          var n = nodes[x[0].id] || (nodes[x[0].id] = { id: x[0].id, name: x[0].name });
          n.hop = x[1];
        });
        var k = h.from.id + "|" + h.to.id;
        if (!edges[k]) edges[k] = { from: h.from.id, to: h.to.id, predicate: h.predicate, back: h.direction === "backward", articles: h.articles };
      });
    });
    Object.keys(nodes).forEach(function (id) { var n = nodes[id]; (cols[n.hop] = cols[n.hop] || []).push(n); });
    var rows = Math.max.apply(null, cols.map(function (c) { return c.length; }));
    H = Math.max(140, rows * 70 + 40);
    colW = W / cols.length;
    cols.forEach(function (c, i) {
      c.forEach(function (n, j) { n.x = colW * (i + 0.5); n.y = (H / (c.length + 1)) * (j + 1); });
    });
    var s = svg("svg", { id: "path-graph", viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "the paths as a graph" });
    var defs = svg("defs"), marker = svg("marker", { id: "parrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
    marker.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#9aa4b2" }));
    defs.appendChild(marker); s.appendChild(defs);
    var r = function (n) { return 7 + Math.min(9, Math.log2(1 + (n.articles || 1))); };
    Object.keys(edges).forEach(function (k) {
      var e = edges[k], a = nodes[e.from], b = nodes[e.to];
      var src = e.back ? b : a, dst = e.back ? a : b;
      var dx = dst.x - src.x, dy = dst.y - src.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      s.appendChild(svg("line", { class: "edge", x1: src.x + dx / d * r(src), y1: src.y + dy / d * r(src), x2: dst.x - dx / d * (r(dst) + 2), y2: dst.y - dy / d * (r(dst) + 2), "marker-end": "url(#parrow)" }));
      var t = svg("text", { class: "path-edge-label", x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 - 6, "text-anchor": "middle" });
      t.textContent = predLabel(e.predicate);
      s.appendChild(t);
    });
    Object.keys(nodes).forEach(function (id) {
      var n = nodes[id];
      var g = svg("g", { class: "path-node", transform: "translate(" + n.x + "," + n.y + ")", "data-id": n.id });
      g.appendChild(svg("circle", { r: String(r(n)), fill: TYPE_COLORS[n.type] || "#888" }));
      var t = svg("text", { y: String(r(n) + 14), "text-anchor": "middle" });
      t.textContent = n.name;
      g.appendChild(t);
      if (n.articles) {
        var c = svg("text", { class: "path-node-count", y: String(r(n) + 27), "text-anchor": "middle" });
        c.textContent = plural(n.articles, "article");
        g.appendChild(c);
      }
      var a = svg("a", { href: entityHref(n.id) });
      a.appendChild(g);
      s.appendChild(a);
    });
    return s;
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
      var p = { a: a, b: b, max: $("max").value };
      if ($("avoid-on").checked && +$("avoid").value > 0) p.avoid = $("avoid").value;
      location.hash = "#/connect?" + new URLSearchParams(p).toString();
    });
    $("graph-controls").addEventListener("submit", function (e) { e.preventDefault(); });
    $("hops").addEventListener("change", function () { G.limit = GRAPH_PAGE; loadGraph(true); });
    $("rank").addEventListener("change", function () { loadGraph(true); });
    api("server", {}).then(function (res) {
      SERVER = res || SERVER;
      if (SERVER.writable && current) renderCard(current.card);
    }).catch(function () {});
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
