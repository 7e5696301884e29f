// crisissim view: plays one traced run, or two side by side on one clock. Hand-written, no library, nothing fetched:
// everything it shows is in the JSON of <script id="crisissim-data">, which crisissim view wrote from the run folder's
// map.json, ticks.csv, zones.csv, units.csv and events.csv. Colours are Okabe-Ito's, always with a shape, a dash or
// a word beside them, so that no information is in colour alone.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var DATA = JSON.parse(document.getElementById("crisissim-data").textContent);
  var OI = { orange: "#E69F00", sky: "#56B4E9", green: "#009E73", yellow: "#F0E442", blue: "#0072B2", vermillion: "#D55E00", purple: "#CC79A7", black: "#000000", grey: "#999999" };
  var KINDS = {
    blast_core: { colour: OI.yellow, label: "blast core" }, port_yard: { colour: OI.orange, label: "port yard" },
    residential: { colour: OI.sky, label: "residential" }, shelter: { colour: OI.green, label: "shelter" },
    hospital: { colour: OI.purple, label: "hospital" }, staging: { colour: OI.grey, label: "staging area" }
  };
  var STATES = [
    { key: "unaffected", colour: "#DDDDDD", label: "unaffected" }, { key: "displaced", colour: OI.orange, label: "displaced (no shelter yet)" },
    { key: "injured", colour: OI.purple, label: "injured, not yet admitted" }, { key: "trapped", colour: OI.vermillion, label: "trapped" },
    { key: "sheltered", colour: OI.sky, label: "in a shelter" }, { key: "treated", colour: OI.green, label: "in hospital" },
    { key: "dead", colour: OI.black, label: "dead" }
  ];
  var URGENT = ["trapped", "injured", "dead", "displaced", "sheltered", "treated"];
  var SECTORS = {
    government: { colour: OI.blue, shape: "square", label: "government" }, "semi-official": { colour: OI.green, shape: "diamond", label: "semi-official" },
    organisation: { colour: OI.orange, shape: "circle", label: "social organisation" }, coordinator: { colour: OI.grey, shape: "square", label: "coordinator" },
    command: { colour: OI.black, shape: "square", label: "command" }, "public": { colour: OI.grey, shape: "circle", label: "public" },
    platform: { colour: OI.green, shape: "diamond", label: "platform" }
  };
  var CHANNELS = {
    hierarchy: { colour: OI.blue, dash: "" }, liaison: { colour: OI.orange, dash: "7 3" }, platform: { colour: OI.green, dash: "2 2" },
    broadcast: { colour: "#8a7a00", dash: "9 3 2 3" }, call: { colour: OI.vermillion, dash: "1 3" }, cluster: { colour: OI.purple, dash: "11 4" }
  };
  var NEEDS = {
    rescue: { colour: OI.vermillion, shape: "triangle" }, medical: { colour: OI.purple, shape: "circle" },
    shelter: { colour: OI.blue, shape: "square" }, supplies: { colour: OI.green, shape: "diamond" }
  };
  var WINDOWS = [[1, "last 1 h"], [6, "last 6 h"], [24, "last 24 h"], [0, "whole run so far"]];
  var SPEEDS = [[1, "1 h per second"], [3, "3 h per second"], [8, "8 h per second"], [0.25, "¼ h per second"]];

  function el(name, attrs, parent, text) {
    var e = document.createElementNS(/^(svg|g|circle|line|path|rect|text|title|polygon|defs|pattern|marker|tspan)$/.test(name) ? SVG : "http://www.w3.org/1999/xhtml", name);
    for (var k in attrs || {}) { if (attrs[k] !== null && attrs[k] !== undefined) { e.setAttribute(k, attrs[k]); } }
    if (text !== undefined) { e.textContent = text; }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function fmt(n) { return Math.round(n).toLocaleString("en-US"); }
  function hours(h) { return h.toFixed(2) + " h"; }
  function hm(h) { var m = Math.round(h * 60); return Math.floor(m / 60) + " h " + String(m % 60).padStart(2, "0") + " min"; }
  function shape(kind, x, y, s, attrs, parent) {
    var a = Object.assign({}, attrs);
    if (kind === "circle") { a.cx = x; a.cy = y; a.r = s; return el("circle", a, parent); }
    if (kind === "square") { a.x = x - s; a.y = y - s; a.width = 2 * s; a.height = 2 * s; return el("rect", a, parent); }
    var pts = kind === "triangle" ? [[x, y - s * 1.2], [x + s * 1.1, y + s * 0.8], [x - s * 1.1, y + s * 0.8]] : [[x, y - s * 1.3], [x + s * 1.3, y], [x, y + s * 1.3], [x - s * 1.3, y]];
    a.points = pts.map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" ");
    return el("polygon", a, parent);
  }

  // ----- the clock: one slider over steps of the finest tick; each run shows its tick at that time -----
  var runs = DATA.runs;
  var step = Math.min.apply(null, runs.map(function (r) { return r.tick_hours; }));
  var steps = Math.max.apply(null, runs.map(function (r) { return Math.round(r.time_h[r.time_h.length - 1] / step); }));
  var state = { step: 0, windowH: 1, speed: 1, playing: false, selected: runs.map(function () { return -1; }) };
  function timeOf(s) { return (s + 1) * step; }
  function tickOf(run, s) { return Math.max(0, Math.min(run.time_h.length - 1, Math.round(timeOf(s) / run.tick_hours) - 1)); }
  function windowTicks(run) { return state.windowH === 0 ? Infinity : Math.max(1, Math.round(state.windowH / run.tick_hours)); }

  var app = document.getElementById("app");
  var controls = el("section", { "class": "controls", "aria-label": "Playback" }, app);
  var play = el("button", { type: "button", id: "play", "aria-pressed": "false", title: "Play or pause (space)" }, controls, "▶ Play");
  el("label", { "for": "time", "class": "sr-only" }, controls, "Time since the first call");
  var slider = el("input", { type: "range", id: "time", min: 0, max: steps - 1, step: 1, value: 0 }, controls);
  var clock = el("output", { id: "clock", "class": "clock", "for": "time", "aria-live": "polite" }, controls);
  var speedLabel = el("label", {}, controls, "Speed ");
  var speed = el("select", { id: "speed" }, speedLabel);
  SPEEDS.forEach(function (s) { el("option", { value: s[0] }, speed, s[1]); });
  var windowLabel = el("label", {}, controls, "Messages and highlights over the ");
  var windowSelect = el("select", { id: "window" }, windowLabel);
  WINDOWS.forEach(function (w) { el("option", { value: w[0] }, windowSelect, w[1]); });
  el("span", { "class": "hint" }, controls, "Keys: ← → one tick, PgUp PgDn one hour, Home End, space plays.");

  var container = el("div", { "class": "runs" + (runs.length === 2 ? " two" : " single") }, app);
  var views = runs.map(function (run, i) { return buildRun(run, i, container); });
  buildLegend(app);

  // ----- one run's panels -----
  function buildRun(run, index, parent) {
    var v = { run: run, index: index, zones: [], zoneCount: run.zones.length };
    var section = el("section", { "class": "run", id: "run-" + index, "aria-labelledby": "run-" + index + "-title" }, parent);
    v.section = section;
    el("h2", { id: "run-" + index + "-title" }, section, run.title);
    var meta = [run.scenario, "seed " + run.seed, run.source].concat(run.overrides.length ? ["--set " + run.overrides.join(" --set ")] : []);
    el("p", { "class": "meta" }, section, meta.filter(function (m) { return m; }).join(" · "));
    v.ended = el("p", { "class": "meta ended", hidden: "" }, section);
    v.timeline = buildTimeline(v, section);
    v.now = el("div", { "class": "now", "aria-label": "At this time" }, section);
    var body = el("div", { "class": "body" }, section);
    var left = el("div", {}, body);
    var right = el("div", {}, body);
    buildMap(v, left);
    v.detail = el("div", { "class": "detail", "aria-live": "polite" }, left, "Select a zone (click, or Tab to it and press Enter) to see its needs and what headquarters knows of them.");
    buildZoneTable(v, left);
    buildUnitTable(v, right);
    buildMessages(v, right);
    return v;
  }

  function buildTimeline(v, parent) {
    var run = v.run, W = 1000, H = 74, n = run.time_h.length;
    var svg = el("svg", { "class": "timeline", viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Timeline of " + run.title + ": messages sent per tick (bars), platform posts (green bars), and markers where headquarters learns of a need" }, parent);
    var x = function (t) { return 30 + (W - 40) * (t + 0.5) / n; };
    var sent = run.per_tick.sent, posts = run.per_tick.posts, top = Math.max(1, Math.max.apply(null, sent));
    var bw = Math.max(1, (W - 40) / n);
    for (var t = 0; t < n; t++) {
      if (sent[t] > 0) { el("rect", { x: x(t) - bw / 2, y: 42 - 30 * sent[t] / top, width: bw, height: 30 * sent[t] / top, fill: "#9a9a9a" }, svg); }
      if (posts[t] > 0) { el("rect", { x: x(t) - bw / 2, y: 42 - 30 * posts[t] / top, width: bw, height: 30 * posts[t] / top, fill: OI.green }, svg); }
    }
    el("text", { x: 2, y: 22, "font-size": 11, fill: "#555" }, svg, "msgs");
    el("line", { x1: 30, x2: W - 10, y1: 42.5, y2: 42.5, stroke: "#777" }, svg);
    var byTick = {};
    run.learned.forEach(function (l) { (byTick[l.tick] = byTick[l.tick] || []).push(l); });
    Object.keys(byTick).forEach(function (tk) {
      byTick[tk].forEach(function (l, k) {
        var m = shape(NEEDS[l.need].shape, x(+tk), 50 + (DATA.needs.indexOf(l.need)) * 6, 2.6, { fill: NEEDS[l.need].colour, stroke: "#000", "stroke-width": 0.5, "class": "learned-marker" }, svg);
        el("title", {}, m, hours(run.time_h[l.tick]) + ": headquarters learns of the " + l.need + " need in " + run.zones[l.zone].id);
      });
    });
    var known = run.series.hazard_known_hq;
    if (known) {
      for (var k = 0; k < n; k++) {
        if (known[k] > 0 && (k === 0 || known[k - 1] === 0)) {
          var star = el("text", { x: x(k), y: 40, "text-anchor": "middle", "font-size": 14 }, svg, "★");
          el("title", {}, star, hours(run.time_h[k]) + ": headquarters learns the chemicals' identity");
        }
      }
    }
    for (var h = 0; h <= run.time_h[n - 1]; h += (run.time_h[n - 1] > 100 ? 24 : 12)) {
      var tx = 30 + (W - 40) * h / run.time_h[n - 1];
      el("line", { x1: tx, x2: tx, y1: 42, y2: 46, stroke: "#777" }, svg);
      el("text", { x: tx, y: H - 1, "font-size": 10, "text-anchor": "middle", fill: "#555" }, svg, h + " h");
    }
    v.windowBand = el("rect", { y: 4, height: 66, fill: OI.blue, opacity: 0.12 }, svg);
    v.cursor = el("line", { y1: 2, y2: 72, stroke: OI.blue, "stroke-width": 2 }, svg);
    v.timelineX = x;
    svg.addEventListener("click", function (e) {
      var box = svg.getBoundingClientRect();
      var frac = ((e.clientX - box.left) / box.width * W - 30) / (W - 40);
      setStep(Math.round(Math.max(0, Math.min(1, frac)) * run.time_h[n - 1] / step) - 1);
    });
    return svg;
  }

  function buildMap(v, parent) {
    var run = v.run, map = run.map;
    var svg = el("svg", { "class": "map", viewBox: "0 0 " + map.width + " " + map.height, role: "group", "aria-label": "Map of the zones and roads of " + run.title }, parent);
    v.svg = svg;
    var defs = el("defs", {}, svg);
    var hatch = el("pattern", { id: "hatch-" + v.index, width: 8, height: 8, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, defs);
    el("line", { x1: 0, y1: 0, x2: 0, y2: 8, stroke: "#5b2a86", "stroke-width": 3 }, hatch);
    var arrow = el("marker", { id: "arrow-" + v.index, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" }, defs);
    el("path", { d: "M0,0 L10,5 L0,10 z", fill: "#333" }, arrow);
    map.rings.forEach(function (ring) {
      el("circle", { cx: map.origin_x, cy: map.origin_y, r: ring.r, fill: "none", stroke: "#d5d5d0", "stroke-dasharray": "3 4" }, svg);
      el("text", { x: map.origin_x + ring.r * 0.707 + 2, y: map.origin_y - ring.r * 0.707 - 2, "font-size": 11, fill: "#8a8a85" }, svg, ring.km + " km");
    });
    var zones = run.zones;
    var roadLayer = el("g", { "class": "roads" }, svg);
    run.roads.forEach(function (r) {
      var a = zones[r.from], b = zones[r.to];
      el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: "#8c8c8c", "stroke-width": 2.5 }, roadLayer);
      var lbl = el("text", { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 - 3, "font-size": 11, "text-anchor": "middle", fill: "#444", "paint-order": "stroke", stroke: "#fcfcfa", "stroke-width": 3 }, roadLayer, r.travel_time_h + " h");
      el("title", {}, lbl, r.travel_time_h + " h free-flow travel time between " + a.id + " and " + b.id);
    });
    v.travelLayer = el("g", { "class": "travel" }, svg);
    zones.forEach(function (z, i) { v.zones.push(buildZone(v, svg, z, i)); });
    v.unitLayer = el("g", { "class": "units" }, svg);
    el("p", { "class": "caption" }, parent, map.caption + " Circle area: residents (shelters: places; hospitals: beds).");
  }

  function buildZone(v, svg, z, i) {
    var kind = KINDS[z.kind] || { colour: OI.grey, label: z.kind };
    var g = el("g", { "class": "zone", "data-zone": z.id, tabindex: 0, role: "button", "aria-label": z.id + ", " + kind.label }, svg);
    var zv = { g: g, z: z };
    zv.highlight = el("circle", { cx: z.x, cy: z.y, r: z.r + 9, fill: "none", stroke: "#000", "stroke-width": 3, "stroke-dasharray": "6 3", visibility: "hidden" }, g);
    zv.fire = el("circle", { cx: z.x, cy: z.y, r: z.r + 3, fill: "none", stroke: OI.vermillion, "stroke-width": 0, opacity: 0.9 }, g);
    el("circle", { "class": "body", cx: z.x, cy: z.y, r: z.r, fill: kind.colour, "fill-opacity": 0.35, stroke: kind.colour, "stroke-width": 2 }, g);
    zv.toxic = el("circle", { cx: z.x, cy: z.y, r: z.r, fill: "url(#hatch-" + v.index + ")", "fill-opacity": 0.45, visibility: "hidden" }, g);
    if (z.cordoned) { el("circle", { cx: z.x, cy: z.y, r: z.r + 1.5, fill: "none", stroke: "#333", "stroke-dasharray": "2 3" }, g); }
    var below = z.y + z.r + 14;
    el("text", { x: z.x, y: below, "text-anchor": "middle", "font-size": 13, "font-weight": 600, "paint-order": "stroke", stroke: "#fcfcfa", "stroke-width": 3 }, g, z.id);
    zv.bar = el("g", {}, g);
    zv.barY = below + 4;
    zv.status = el("text", { "class": "status", x: z.x, y: below + 26, "text-anchor": "middle", "font-size": 11.5, "paint-order": "stroke", stroke: "#fcfcfa", "stroke-width": 3 }, g);
    zv.hazard = el("text", { x: z.x, y: z.y + 4, "text-anchor": "middle", "font-size": 12, "font-weight": 700, "paint-order": "stroke", stroke: "#fff", "stroke-width": 3 }, g);
    zv.learnedText = el("text", { x: z.x, y: z.y - z.r - 13, "text-anchor": "middle", "font-size": 11.5, "font-weight": 700, "paint-order": "stroke", stroke: "#fcfcfa", "stroke-width": 3 }, g);
    zv.title = el("title", {}, g);
    var select = function () { selectZone(v, i); };
    g.addEventListener("click", select);
    g.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); e.stopPropagation(); select(); } });
    return zv;
  }

  function buildZoneTable(v, parent) {
    var d = el("details", { open: "" }, parent);
    el("summary", {}, d, "Zones at this time (persons)");
    var wrap = el("div", { "class": "scroll" }, d);
    var table = el("table", { "class": "zones" }, wrap);
    el("caption", { "class": "sr-only" }, table, "Residents by state, fire and what headquarters knows, per zone, at the time on the slider");
    var head = el("tr", {}, el("thead", {}, table));
    ["zone", "trapped", "injured", "displaced", "sheltered", "treated", "dead", "fire"].forEach(function (h) { el("th", { scope: "col" }, head, h); });
    DATA.needs.forEach(function (nd) { el("th", { scope: "col", title: "Is there a " + nd + " need, and does headquarters know of it? ✓ knows, ✗ does not know yet, – no need" }, head, "HQ: " + nd); });
    var tbody = el("tbody", {}, table);
    v.rows = v.run.zones.map(function (z, i) {
      var tr = el("tr", { "data-zone": z.id }, tbody);
      el("th", { scope: "row" }, tr, z.id);
      var cells = {};
      ["trapped", "injured", "displaced", "sheltered", "treated", "dead", "fire"].concat(DATA.needs.map(function (nd) { return "hq-" + nd; })).forEach(function (k) { cells[k] = el("td", { "class": k }, tr); });
      tr.addEventListener("click", function () { selectZone(v, i); });
      return { tr: tr, cells: cells };
    });
  }

  function buildUnitTable(v, parent) {
    var d = el("details", { open: "" }, parent);
    el("summary", {}, d, "Units by actor (where they are)");
    var wrap = el("div", { "class": "scroll" }, d);
    var table = el("table", { "class": "units" }, wrap);
    var head = el("tr", {}, el("thead", {}, table));
    ["actor", "working", "travelling", "idle", "where"].forEach(function (h) { el("th", { scope: "col" }, head, h); });
    v.unitBody = el("tbody", {}, table);
  }

  function buildMessages(v, parent) {
    var d = el("details", { open: "" }, parent);
    v.msgSummary = el("summary", {}, d, "Messages");
    var n = v.run.nodes.length, W = 600, H = 400, R = 150, cx = W / 2, cy = H / 2;
    var svg = el("svg", { "class": "comms", viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Who sent messages to whom in the window: arrows from sender to receiver, thicker for more messages" }, d);
    var defs = el("defs", {}, svg);
    Object.keys(CHANNELS).forEach(function (c) {
      var m = el("marker", { id: "head-" + v.index + "-" + c, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 5, markerHeight: 5, orient: "auto" }, defs);
      el("path", { d: "M0,0 L10,5 L0,10 z", fill: CHANNELS[c].colour }, m);
    });
    v.commEdges = el("g", {}, svg);
    v.nodePos = v.run.nodes.map(function (node, i) {
      var a = -Math.PI / 2 + 2 * Math.PI * i / n, x = cx + R * Math.cos(a), y = cy + R * Math.sin(a);
      var sec = SECTORS[node.sector] || SECTORS.coordinator;
      var g = el("g", {}, svg);
      shape(sec.shape, x, y, 6, { fill: sec.colour, stroke: "#000", "stroke-width": 0.7 }, g);
      var right = Math.cos(a) >= 0;
      el("text", { x: x + (right ? 9 : -9) + 10 * Math.cos(a), y: y + 4 + 8 * Math.sin(a), "text-anchor": right ? "start" : "end", "font-size": 10.5 }, g, node.id);
      el("title", {}, g, node.id + " (" + sec.label + ")");
      return { x: x, y: y };
    });
    var table = el("table", { "class": "channels" }, d);
    var head = el("tr", {}, el("thead", {}, table));
    ["in the window", "messages"].forEach(function (h) { el("th", { scope: "col" }, head, h); });
    v.channelBody = el("tbody", {}, table);
  }

  function buildLegend(parent) {
    var s = el("section", { "class": "legend", "aria-label": "Legend" }, parent);
    el("h2", {}, s, "Legend");
    el("p", { "class": "hint" }, s, "Time is in hours since the first call to the fire service (time 0; 22:50 on 12 Aug 2015 in the Tianjin scenario); each step is one tick, shown at its end. Counts are persons unless said otherwise.");
    function group(title, items) {
      el("h3", {}, s, title);
      var box = el("div", { "class": "items" }, s);
      items.forEach(function (it) {
        var item = el("span", { "class": "item" }, box);
        var icon = el("svg", { viewBox: "0 0 26 18", width: 26, height: 18, "aria-hidden": "true" }, item);
        it.draw(icon);
        el("span", {}, item, it.label);
      });
    }
    group("Zone kind (circle colour; every zone is named)", Object.keys(KINDS).map(function (k) {
      return { label: KINDS[k].label, draw: function (g) { el("circle", { cx: 13, cy: 9, r: 7, fill: KINDS[k].colour, "fill-opacity": 0.35, stroke: KINDS[k].colour, "stroke-width": 2 }, g); } };
    }));
    group("Hazards and markings", [
      { label: "fire: red ring, thicker for more (and \"fire\" with its intensity in %)", draw: function (g) { el("circle", { cx: 13, cy: 9, r: 6, fill: "none", stroke: OI.vermillion, "stroke-width": 4 }, g); } },
      { label: "contaminated by chemicals: hatched (and ☣)", draw: function (g) { el("rect", { x: 4, y: 2, width: 18, height: 14, fill: "#fff", stroke: "#5b2a86" }, g); for (var i = 0; i < 4; i++) { el("line", { x1: 4 + i * 5, y1: 16, x2: 9 + i * 5, y2: 2, stroke: "#5b2a86", "stroke-width": 2 }, g); } } },
      { label: "cordoned: dotted edge", draw: function (g) { el("circle", { cx: 13, cy: 9, r: 7, fill: "none", stroke: "#333", "stroke-dasharray": "2 3" }, g); } },
      { label: "headquarters learned of a need there in the window: dashed black ring, needs named above", draw: function (g) { el("circle", { cx: 13, cy: 9, r: 7, fill: "none", stroke: "#000", "stroke-width": 2, "stroke-dasharray": "4 2" }, g); } },
      { label: "road, with its free-flow travel time in hours", draw: function (g) { el("line", { x1: 2, y1: 9, x2: 24, y2: 9, stroke: "#8c8c8c", "stroke-width": 2.5 }, g); } }
    ]);
    group("Residents by state (bar under each zone, left to right; the text names the most urgent)", STATES.map(function (st) {
      return { label: st.label, draw: function (g) { el("rect", { x: 4, y: 3, width: 18, height: 12, fill: st.colour, stroke: "#333" }, g); } };
    }));
    group("Units (marks beside a zone: one per actor, larger for more units; filled: working, hollow: idle; arrow: travelling, with the count)", ["government", "semi-official", "organisation"].map(function (k) {
      return { label: SECTORS[k].label + " (" + SECTORS[k].shape + ")", draw: function (g) { shape(SECTORS[k].shape, 8, 9, 5, { fill: SECTORS[k].colour, stroke: "#000" }, g); shape(SECTORS[k].shape, 19, 9, 5, { fill: "#fff", stroke: SECTORS[k].colour, "stroke-width": 2 }, g); } };
    }).concat([{ label: "travelling (to the arrow's head)", draw: function (g) { el("line", { x1: 2, y1: 9, x2: 22, y2: 9, stroke: "#333", "stroke-width": 2, "stroke-dasharray": "5 3" }, g); el("path", { d: "M18,5 L24,9 L18,13 z", fill: "#333" }, g); } }]));
    group("Messages by channel (arrows in the diagram; line pattern and colour)", Object.keys(CHANNELS).map(function (c) {
      return { label: c, draw: function (g) { el("line", { x1: 1, y1: 9, x2: 25, y2: 9, stroke: CHANNELS[c].colour, "stroke-width": 3, "stroke-dasharray": CHANNELS[c].dash }, g); } };
    }));
    group("Timeline: headquarters learns of a need (marker shape and row), ★ the chemicals' identity; bars: messages per tick (green: platform posts)", DATA.needs.map(function (nd) {
      return { label: nd, draw: function (g) { shape(NEEDS[nd].shape, 13, 9, 5, { fill: NEEDS[nd].colour, stroke: "#000" }, g); } };
    }));
  }

  // ----- drawing one moment -----
  function zoneValue(run, column, tick, z) { return run.zone_columns[column][tick * run.zones.length + z]; }

  function learnedInWindow(v, tick) {
    var from = tick - windowTicks(v.run), out = {};
    v.run.learned.forEach(function (l) { if (l.tick > from && l.tick <= tick) { (out[l.zone] = out[l.zone] || []).push(l.need); } });
    return out;
  }

  function drawRun(v) {
    var run = v.run, tick = tickOf(run, state.step), t = run.time_h[tick];
    var lastTime = run.time_h[run.time_h.length - 1];
    if (timeOf(state.step) > lastTime + 1e-9) { v.ended.hidden = false; v.ended.textContent = "This run ends at " + hours(lastTime) + "; shown at its last tick."; } else { v.ended.hidden = true; }
    var learned = learnedInWindow(v, tick);
    v.zones.forEach(function (zv, z) { drawZone(v, zv, z, tick, learned[z]); });
    drawRows(v, tick, learned);
    drawUnits(v, tick);
    drawMessages(v, tick);
    drawNow(v, tick);
    var x = v.timelineX(tick), w = windowTicks(run), half = (v.timelineX(1) - v.timelineX(0)) / 2;
    var x0 = v.timelineX(w === Infinity ? 0 : Math.max(0, tick - w + 1)) - half;
    v.cursor.setAttribute("x1", x); v.cursor.setAttribute("x2", x);
    v.windowBand.setAttribute("x", x0); v.windowBand.setAttribute("width", Math.max(1, x + half - x0));
    if (state.selected[v.index] >= 0) { showDetail(v, state.selected[v.index], tick); }
    return t;
  }

  function drawZone(v, zv, z, tick, learned) {
    var run = v.run, fire = zoneValue(run, "fire", tick, z), toxic = zoneValue(run, "contaminated", tick, z) > 0;
    zv.fire.setAttribute("stroke-width", fire > 0.005 ? (2 + 12 * Math.min(1, fire)).toFixed(1) : 0);
    zv.fire.setAttribute("r", zv.z.r + 2 + 6 * Math.min(1, fire));
    zv.toxic.setAttribute("visibility", toxic ? "visible" : "hidden");
    zv.hazard.textContent = (fire > 0.005 ? "fire " + Math.round(fire * 100) + "%" : "") + (toxic ? " ☣" : "");
    var counts = {}, total = 0;
    STATES.forEach(function (st) { counts[st.key] = zoneValue(run, st.key, tick, z); total += counts[st.key]; });
    while (zv.bar.firstChild) { zv.bar.removeChild(zv.bar.firstChild); }
    var width = 96, x = zv.z.x - width / 2;
    if (total > 0) {
      STATES.forEach(function (st) {
        var w = width * counts[st.key] / total;
        if (w > 0) { el("title", {}, el("rect", { x: x, y: zv.barY, width: Math.max(w, 0.8), height: 8, fill: st.colour }, zv.bar), st.label + ": " + fmt(counts[st.key])); x += w; }
      });
      el("rect", { x: zv.z.x - width / 2, y: zv.barY, width: width, height: 8, fill: "none", stroke: "#555", "stroke-width": 0.6 }, zv.bar);
    }
    var words = URGENT.filter(function (k) { return counts[k] > 0; }).slice(0, 3).map(function (k) { return k + " " + fmt(counts[k]); });
    zv.status.textContent = words.length ? words.join(" · ") : total > 0 ? "unaffected " + fmt(counts.unaffected) : "nobody here";
    zv.highlight.setAttribute("visibility", learned ? "visible" : "hidden");
    zv.learnedText.textContent = learned ? "HQ learns: " + unique(learned).join(", ") : "";
    zv.title.textContent = zv.z.id + " (" + (KINDS[zv.z.kind] || { label: zv.z.kind }).label + "): " + STATES.map(function (st) { return st.key + " " + fmt(counts[st.key]); }).join(", ") + "; fire " + Math.round(fire * 100) + "%" + (toxic ? "; contaminated" : "");
    zv.g.setAttribute("aria-label", zv.title.textContent);
  }
  function unique(a) { return a.filter(function (x, i) { return a.indexOf(x) === i; }); }

  function drawRows(v, tick, learned) {
    var run = v.run;
    v.rows.forEach(function (row, z) {
      ["trapped", "injured", "displaced", "sheltered", "treated", "dead"].forEach(function (k) { row.cells[k].textContent = fmt(zoneValue(run, k, tick, z)); });
      row.cells.fire.textContent = Math.round(zoneValue(run, "fire", tick, z) * 100) + "%" + (zoneValue(run, "contaminated", tick, z) > 0 ? " ☣" : "");
      DATA.needs.forEach(function (nd) {
        var open = zoneValue(run, "need_" + nd, tick, z) > 0, known = zoneValue(run, "hq_knows_" + nd, tick, z) > 0;
        row.cells["hq-" + nd].textContent = !open ? "–" : known ? "✓" : "✗";
        row.cells["hq-" + nd].title = !open ? "no " + nd + " need" : fmt(zoneValue(run, "need_" + nd, tick, z)) + " people; headquarters " + (known ? "knows" : "does not know yet");
      });
      row.tr.classList.toggle("learned", !!learned[z]);
      row.tr.classList.toggle("selected", state.selected[v.index] === z);
    });
  }

  function unitRows(run, tick) {
    var u = run.units, rows = [];
    for (var i = u.start[tick]; i < u.start[tick + 1]; i++) {
      rows.push({ node: u.node[i], state: DATA.unit_states[u.state[i]], zone: u.zone[i], target: u.target[i], units: u.units[i], members: u.members[i] });
    }
    return rows;
  }

  function drawUnits(v, tick) {
    var run = v.run, rows = unitRows(run, tick), zones = run.zones;
    [v.unitLayer, v.travelLayer, v.unitBody].forEach(function (layer) { while (layer.firstChild) { layer.removeChild(layer.firstChild); } });
    var atZone = {}, trips = {}, byActor = {};
    rows.forEach(function (r) {
      var a = byActor[r.node] = byActor[r.node] || { working: 0, travelling: 0, idle: 0, where: {} };
      var moving = r.state === "travelling" || r.state === "carrying";
      a[moving ? "travelling" : r.state] += r.units;
      var place = moving ? zones[r.zone].id + " → " + zones[r.target].id : zones[r.zone].id;
      a.where[place] = (a.where[place] || 0) + r.units;
      if (moving) {
        var key = r.zone + ">" + r.target, trip = trips[key] = trips[key] || { from: r.zone, to: r.target, units: 0, who: [] };
        trip.units += r.units; trip.who.push(run.nodes[r.node].id + " " + r.units + (r.state === "carrying" ? " (carrying injured)" : ""));
      } else {
        var zkey = r.zone, list = atZone[zkey] = atZone[zkey] || {};
        var e = list[r.node] = list[r.node] || { working: 0, idle: 0 };
        e[r.state] += r.units;
      }
    });
    Object.keys(atZone).forEach(function (z) {
      var zone = zones[z], nodes = Object.keys(atZone[z]), k = 0;
      nodes.forEach(function (node) {
        var e = atZone[z][node], sec = SECTORS[run.nodes[node].sector] || SECTORS.coordinator, total = e.working + e.idle;
        var col = k % 6, line = Math.floor(k / 6), s = 3 + 1.6 * Math.sqrt(total);
        var x = zone.x + zone.r + 10 + col * 15, y = zone.y - zone.r + 4 + line * 15;
        var g = el("g", { "class": "unit-mark", "data-actor": run.nodes[node].id }, v.unitLayer);
        shape(sec.shape, x, y, Math.min(s, 7), e.working > 0 ? { fill: sec.colour, stroke: "#000", "stroke-width": 0.7 } : { fill: "#fff", stroke: sec.colour, "stroke-width": 2 }, g);
        el("title", {}, g, run.nodes[node].id + " at " + zone.id + ": " + e.working + " working, " + e.idle + " idle");
        k++;
      });
    });
    Object.keys(trips).forEach(function (key) {
      var t = trips[key], a = zones[t.from], b = zones[t.to];
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1, ox = -dy / d * 7, oy = dx / d * 7;
      var g = el("g", { "class": "trip" }, v.travelLayer);
      el("line", { x1: a.x + dx / d * a.r + ox, y1: a.y + dy / d * a.r + oy, x2: b.x - dx / d * (b.r + 4) + ox, y2: b.y - dy / d * (b.r + 4) + oy, stroke: "#333", "stroke-width": Math.min(6, 1 + Math.sqrt(t.units) / 2), "stroke-dasharray": "6 4", "marker-end": "url(#arrow-" + v.index + ")" }, g);
      el("text", { x: (a.x + b.x) / 2 + ox * 2.2, y: (a.y + b.y) / 2 + oy * 2.2 + 4, "font-size": 11, "text-anchor": "middle", "paint-order": "stroke", stroke: "#fcfcfa", "stroke-width": 3 }, g, "→" + t.units);
      el("title", {}, g, t.units + " units travelling from " + a.id + " to " + b.id + ": " + t.who.join(", "));
    });
    Object.keys(byActor).sort(function (a, b) { return a - b; }).forEach(function (node) {
      var a = byActor[node], tr = el("tr", { "data-actor": run.nodes[node].id }, v.unitBody);
      el("th", { scope: "row" }, tr, run.nodes[node].id);
      el("td", {}, tr, fmt(a.working)); el("td", {}, tr, fmt(a.travelling)); el("td", {}, tr, fmt(a.idle));
      el("td", { style: "text-align:left" }, tr, Object.keys(a.where).map(function (w) { return w + " " + a.where[w]; }).join("; "));
    });
    if (rows.length === 0) { el("td", { colspan: 5 }, el("tr", {}, v.unitBody), "no units on site yet"); }
  }

  function drawMessages(v, tick) {
    var run = v.run, m = run.messages, first = Math.max(0, tick - windowTicks(run) + 1);
    while (v.commEdges.firstChild) { v.commEdges.removeChild(v.commEdges.firstChild); }
    while (v.channelBody.firstChild) { v.channelBody.removeChild(v.channelBody.firstChild); }
    var pairs = {}, byChannel = {}, total = 0;
    for (var i = m.start[first]; i < m.start[tick + 1]; i++) {
      var key = m.from[i] + ">" + m.to[i], ch = DATA.channels[m.channel[i]];
      var p = pairs[key] = pairs[key] || { from: m.from[i], to: m.to[i], n: 0, ch: {} };
      p.n += m.count[i]; p.ch[ch] = (p.ch[ch] || 0) + m.count[i];
      byChannel[ch] = (byChannel[ch] || 0) + m.count[i]; total += m.count[i];
    }
    Object.keys(pairs).forEach(function (key) {
      var p = pairs[key], a = v.nodePos[p.from], b = v.nodePos[p.to];
      var main = Object.keys(p.ch).sort(function (x, y) { return p.ch[y] - p.ch[x]; })[0], c = CHANNELS[main] || CHANNELS.hierarchy;
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      var mx = (a.x + b.x) / 2 - dy / d * 18, my = (a.y + b.y) / 2 + dx / d * 18;
      var path = el("path", { d: "M" + (a.x + dx / d * 8).toFixed(1) + "," + (a.y + dy / d * 8).toFixed(1) + " Q" + mx.toFixed(1) + "," + my.toFixed(1) + " " + (b.x - dx / d * 9).toFixed(1) + "," + (b.y - dy / d * 9).toFixed(1), fill: "none", stroke: c.colour, "stroke-width": Math.min(7, 0.8 + Math.log(1 + p.n)), "stroke-dasharray": c.dash, "marker-end": "url(#head-" + v.index + "-" + main + ")", opacity: 0.85, "class": "flow" }, v.commEdges);
      el("title", {}, path, run.nodes[p.from].id + " → " + run.nodes[p.to].id + ": " + p.n + " messages (" + Object.keys(p.ch).map(function (k) { return k + " " + p.ch[k]; }).join(", ") + ")");
    });
    var sums = {};
    Object.keys(run.per_tick).forEach(function (k) { var s = 0; for (var t = first; t <= tick; t++) { s += run.per_tick[k][t]; } sums[k] = s; });
    var label = state.windowH === 0 ? "so far" : "in the last " + state.windowH + " h";
    v.msgSummary.textContent = "Messages " + label + ": " + fmt(total) + " sent, " + fmt(sums.posts) + " platform posts";
    Object.keys(CHANNELS).forEach(function (ch) { if (byChannel[ch]) { row(v.channelBody, "sent by " + ch, byChannel[ch]); } });
    row(v.channelBody, "lost in transit", sums.lost);
    row(v.channelBody, "read by headquarters", sums.read_by_hq);
    row(v.channelBody, "read but distrusted", sums.distrusted);
    row(v.channelBody, "orders from headquarters", sums.orders);
    v.windowSums = { sent: total, posts: sums.posts };
  }
  function row(body, name, n) { var tr = el("tr", {}, body); el("th", { scope: "row" }, tr, name); el("td", {}, tr, fmt(n)); }

  function drawNow(v, tick) {
    var s = v.run.series;
    while (v.now.firstChild) { v.now.removeChild(v.now.firstChild); }
    [["dead", "residents dead"], ["responders_dead", "responders dead"], ["trapped", "trapped"], ["injured", "injured waiting"], ["sheltered", "sheltered"], ["units_working", "units working"], ["units_travelling", "units travelling"]].forEach(function (p) {
      if (s[p[0]]) { var d = el("div", { "data-series": p[0] }, v.now); el("b", {}, d, fmt(s[p[0]][tick])); d.appendChild(document.createTextNode(" " + p[1])); }
    });
    if (s.hazard_known_hq) { el("div", { "data-series": "hazard_known_hq" }, v.now, s.hazard_known_hq[tick] > 0 ? "★ HQ knows the chemicals" : "HQ does not know the chemicals yet"); }
  }

  function selectZone(v, z) {
    state.selected[v.index] = z;
    v.zones.forEach(function (zv, i) { zv.g.classList.toggle("selected", i === z); });
    showDetail(v, z, tickOf(v.run, state.step));
    v.rows.forEach(function (row, i) { row.tr.classList.toggle("selected", i === z); });
  }

  function showDetail(v, z, tick) {
    var run = v.run, zone = run.zones[z];
    var lines = [zone.id + " (" + (KINDS[zone.kind] || { label: zone.kind }).label + (zone.cordoned ? ", cordoned" : "") + "), " + fmt(zone.residents) + " residents at time 0" + (zone.shelter_capacity ? ", " + fmt(zone.shelter_capacity) + " shelter places" : "") + (zone.beds ? ", " + fmt(zone.beds) + " beds" : "") + "."];
    var needs = DATA.needs.map(function (nd) {
      var size = zoneValue(run, "need_" + nd, tick, z);
      return size > 0 ? nd + ": " + fmt(size) + " people, headquarters " + (zoneValue(run, "hq_knows_" + nd, tick, z) > 0 ? "knows" : "does not know yet") : null;
    }).filter(function (x) { return x; });
    lines.push(needs.length ? "Needs now — " + needs.join("; ") + "." : "No open need now.");
    var learned = run.learned.filter(function (l) { return l.zone === z && l.tick <= tick; }).map(function (l) { return l.need + " at " + hours(run.time_h[l.tick]); });
    lines.push(learned.length ? "Headquarters learned of: " + learned.join(", ") + "." : "Headquarters has learned of no need here yet.");
    lines.push("Responders dead here: " + fmt(zoneValue(run, "responders_dead", tick, z)) + "; kits in stock: " + fmt(zoneValue(run, "kits", tick, z)) + ".");
    v.detail.textContent = lines.join(" ");
  }

  function draw() {
    var t = timeOf(state.step);
    views.forEach(drawRun);
    var text = "t = " + hours(t) + " since the first call (" + hm(t) + ")";
    clock.textContent = text;
    slider.value = state.step;
    slider.setAttribute("aria-valuetext", text);
  }

  function setStep(s) { state.step = Math.max(0, Math.min(steps - 1, s)); draw(); }

  // ----- playing -----
  var last = null, carry = 0;
  function frame(now) {
    if (!state.playing) { return; }
    if (last !== null) {
      carry += (now - last) / 1000 * state.speed / step;
      var whole = Math.floor(carry);
      if (whole > 0) { carry -= whole; setStep(state.step + whole); }
      if (state.step >= steps - 1) { setPlaying(false); return; }
    }
    last = now;
    requestAnimationFrame(frame);
  }
  function setPlaying(on) {
    state.playing = on;
    play.setAttribute("aria-pressed", on ? "true" : "false");
    play.textContent = on ? "❚❚ Pause" : "▶ Play";
    clock.setAttribute("aria-live", on ? "off" : "polite");
    if (on) { if (state.step >= steps - 1) { setStep(0); } last = null; carry = 0; requestAnimationFrame(frame); }
  }

  play.addEventListener("click", function () { setPlaying(!state.playing); });
  slider.addEventListener("input", function () { setStep(+slider.value); });
  speed.addEventListener("change", function () { state.speed = +speed.value; });
  windowSelect.addEventListener("change", function () { state.windowH = +windowSelect.value; draw(); });
  document.addEventListener("keydown", function (e) {
    var tag = (e.target && e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || e.altKey || e.ctrlKey || e.metaKey) { return; }
    var perHour = Math.max(1, Math.round(1 / step)), moves = { ArrowRight: 1, ArrowLeft: -1, PageDown: perHour, PageUp: -perHour };
    if (e.key in moves) { e.preventDefault(); setStep(state.step + moves[e.key]); }
    else if (e.key === "Home") { e.preventDefault(); setStep(0); }
    else if (e.key === "End") { e.preventDefault(); setStep(steps - 1); }
    else if ((e.key === " " || e.key === "k") && tag !== "button") { e.preventDefault(); setPlaying(!state.playing); }
  });

  window.crisisView = { setStep: setStep, steps: steps, state: state };
  draw();
})();
