// sitrep dashboard: map, timeline, tallies and table share one filter bar.
// Report text is untrusted: it is only ever put in the page with textContent.
"use strict";

// The table shows one page the server sorted; the map and timeline get every matching event
// in the compact form of /api/events?view=map.
const PAGE_SIZE = 100;
const state = { points: [], sort: "date", ascending: true, offset: 0, event: null, figure: null };
// Review controls show when the server takes writes (started with a token); the coder's
// token is asked once and kept for the tab (sessionStorage), never in the page's address.
const canWrite = document.body.dataset.canWrite === "true";
const EDITABLE = ["date", "place", "attacker", "target", "weapons", "claim", "killed", "injured", "background"];
// A figure is re-assigned by its subject (a Gaza toll is no tally of US forces) or corrected.
const FIGURE_EDITABLE = ["subject", "metric", "value"];
const FIGURE_STATES = ["unreviewed", "accepted", "rejected"];
// One colour per country, the same as the brief's and `sitrep stats --plot` (data/colours.yaml).
const countryColours = JSON.parse(document.getElementById("colours").textContent);
// Attackers or weapons take these in turn, the most frequent on the map first (data/colours.yaml).
const palette = JSON.parse(document.getElementById("palette").textContent);
const NO_VALUE = new Set(["unknown", "not named"]);
let map, cluster, legend, timelineChart, talliesChart;

function colourOf(country) {
  return countryColours[country] || countryColours.other;
}

function colourKey(event) {
  // What a marker's colour says, as the "Colour by" choice asks: country, attacker or weapon.
  const by = document.querySelector("select[name=colour]").value;
  if (by === "attacker") return event.attacker || "unknown";
  if (by === "weapon") return (event.weapons || [])[0] || "not named";
  return event.country || "?";
}

function markerColours(events) {
  // Key -> colour: a country's own colour; an attacker's or weapon's by how often it is on
  // the map (the first palette colour for the most frequent); no value and the rest grey.
  const counts = new Map();
  for (const event of events) counts.set(colourKey(event), (counts.get(colourKey(event)) || 0) + 1);
  const byCountry = !document.querySelector("select[name=colour]").value;
  const ranked = [...counts.keys()].sort((a, b) => (byCountry ? a.localeCompare(b) : counts.get(b) - counts.get(a) || a.localeCompare(b)));
  const colours = new Map();
  let next = 0;
  for (const key of ranked) {
    if (byCountry) colours.set(key, colourOf(key));
    else colours.set(key, NO_VALUE.has(key) || next >= palette.length ? countryColours.other : palette[next++]);
  }
  return colours;
}

function clusterIcon(group) {
  // A cluster takes the colour of most of its attacks, and says how many.
  const counts = new Map();
  for (const marker of group.getAllChildMarkers()) counts.set(marker.options.colour, (counts.get(marker.options.colour) || 0) + 1);
  const [colour] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  const disc = element("div", String(group.getChildCount()), "cluster");
  disc.style.background = colour;
  return L.divIcon({ html: disc, className: "", iconSize: L.point(30, 30) });
}

function drawLegend(colours) {
  // What the markers' colours mean.
  if (legend) legend.remove();
  legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => {
    const box = element("div", undefined, "legend");
    box.dataset.testid = "legend";
    for (const [key, colour] of colours) {
      const row = element("div");
      const swatch = element("span", undefined, "swatch");
      swatch.style.background = colour;
      row.append(swatch, document.createTextNode(` ${key}`));
      box.appendChild(row);
    }
    return box;
  };
  legend.addTo(map);
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function formValues() {
  // The filters as the form holds them, defaults left out: the page's address.
  const form = document.getElementById("filters");
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form).entries()) {
    if (value !== "" && !(key === "min_sources" && value === "1")) params.set(key, value);
  }
  return params;
}

function filterQuery() {
  // The events the filters ask for. The review filter's default leaves out the events a coder
  // rejected (no such attack), as the counts of `sitrep stats` and the brief do; "any" keeps
  // them; "unresolved" lists attacks that are no event yet, in the panel, and the events
  // stay as the default shows them.
  const params = formValues();
  const review = params.get("review");
  if (review === "any" || review === "unresolved") params.delete("review");
  params.delete("colour");  // how the map is drawn, not which events
  if (!review || review === "unresolved") params.set("rejected", "false");
  return params;
}

async function getJSON(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!body.ok) throw new Error(body.error);
  return body;
}

async function initMap(view) {
  // The view a permalink gives, or one that the first markers fit (drawMap).
  map = L.map("map", { worldCopyJump: false, minZoom: 2, maxZoom: 12 });
  if (view) map.setView([view.lat, view.lon], view.zoom);
  else map.setView([20, 0], 2);
  const world = await (await fetch("/static/vendor/world-atlas/countries-50m.json")).json();
  L.geoJSON(topojson.feature(world, world.objects.countries), {
    style: { color: "#888", weight: 0.7, fillColor: "#f2efe6", fillOpacity: 1 },
  }).addTo(map);
}

function drawMap(events) {
  // A new cluster group each time, filled before it joins the map (markercluster needs that order).
  if (cluster) map.removeLayer(cluster);
  cluster = L.markerClusterGroup({ maxClusterRadius: 30, disableClusteringAtZoom: 8, iconCreateFunction: clusterIcon });
  const placed = events.filter((e) => e.lat !== null && e.lon !== null);
  const colours = markerColours(placed);
  for (const event of placed) {
    const radius = 5 + 3 * Math.sqrt(Math.max(event.sources || 1, event.strikes || 1));
    const colour = colours.get(colourKey(event));
    const marker = L.circleMarker([event.lat, event.lon], {
      radius, color: "#333", weight: 1, fillColor: colour, fillOpacity: 0.85,
    });
    marker.options.eventId = event.id;
    marker.options.colour = colour;
    marker.on("click", () => showEvent(event.id));
    // A DOM node, not a string: Leaflet would read a string as HTML.
    marker.bindTooltip(element("span", `${event.date || event.date_earliest} ${event.place_canonical || ""}`));
    cluster.addLayer(marker);
  }
  map.addLayer(cluster);
  if (!state.viewSet) {
    // A first view without a permalink's: the map fits the attacks, wherever they are.
    const bounds = cluster.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.15), { maxZoom: 8, animate: false });
    state.viewSet = true;
  }
  drawLegend(colours);
  document.getElementById("map").dataset.markers = String(events.filter((e) => e.lat !== null).length);
}

function weekOf(day) {
  const date = new Date(day + "T00:00:00Z");
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

function weeksBetween(first, last) {
  // Every week from the first to the last, the empty ones too: the axis is time, not a list.
  const weeks = [];
  for (let day = new Date(first + "T00:00:00Z"); day.toISOString().slice(0, 10) <= last; day.setUTCDate(day.getUTCDate() + 7)) {
    weeks.push(day.toISOString().slice(0, 10));
  }
  return weeks;
}

function drawTimeline(events) {
  const seen = [...new Set(events.map((e) => weekOf(e.date || e.date_earliest)))].sort();
  const weeks = seen.length ? weeksBetween(seen[0], seen[seen.length - 1]) : [];
  const countries = [...new Set(events.map((e) => e.country || "?"))].sort();
  const datasets = countries.map((country, n) => ({
    label: country,
    backgroundColor: colourOf(country),
    data: weeks.map((w) => events.filter((e) => (e.country || "?") === country && weekOf(e.date || e.date_earliest) === w).length),
  }));
  const canvas = document.getElementById("timeline");
  canvas.dataset.weeks = String(weeks.length);
  canvas.dataset.total = String(datasets.reduce((sum, d) => sum + d.data.reduce((a, b) => a + b, 0), 0));
  if (timelineChart) timelineChart.destroy();
  timelineChart = new Chart(canvas, {
    type: "bar",
    data: { labels: weeks, datasets },
    options: { animation: false, scales: { x: { stacked: true, title: { display: true, text: "week starting" } }, y: { stacked: true, title: { display: true, text: "events" }, ticks: { precision: 0 } } } },
  });
}

function drawTallies(stats) {
  // Each quoted tally is a point on its own day, so several on one day stay apart, against
  // sitrep's count of the same period as a step line. The x axis counts days: gaps between
  // tallies are as wide as the time between them.
  const coverage = stats.coverage.filter((c) => c.as_of);
  const canvas = document.getElementById("tallies");
  canvas.dataset.points = String(coverage.length);
  const dayOf = (c) => Date.parse(`${c.as_of.slice(0, 10)}T00:00:00Z`) / DAY_MS;
  const quoted = coverage.map((c) => ({ x: dayOf(c), y: c.quoted, source: c.source }));
  const own = coverage.map((c) => ({ x: dayOf(c), y: c.sitrep_events })).sort((a, b) => a.x - b.x);
  const epoch = new Date(0);
  const days = quoted.map((p) => p.x);
  // A week either side of the tallies: one lone tally is not drawn across the years.
  const range = days.length ? { min: Math.min(...days) - 7, max: Math.max(...days) + 7 } : {};
  if (talliesChart) talliesChart.destroy();
  talliesChart = new Chart(canvas, {
    type: "scatter",
    data: {
      datasets: [
        { label: "quoted tally", data: quoted, pointRadius: 5, backgroundColor: "#d62728" },
        { label: "sitrep: distinct events", data: own, showLine: true, stepped: true, borderColor: "#1f77b4", backgroundColor: "#1f77b4", pointRadius: 2 },
      ],
    },
    options: {
      animation: false,
      scales: {
        x: { type: "linear", ...range, title: { display: true, text: "day of the tally" }, ticks: { precision: 0, callback: (day) => isoDay(epoch, day) } },
        y: { beginAtZero: true, title: { display: true, text: "attacks since the tally's start" } },
      },
      plugins: {
        tooltip: { callbacks: { label: (item) => `${isoDay(epoch, item.parsed.x)}: ${item.parsed.y}${item.raw.source ? ` (${item.raw.source})` : ""}` } },
      },
    },
  });
}

function drawTable(events) {
  const body = document.querySelector("#events tbody");
  body.replaceChildren();
  for (const event of events) {
    const row = element("tr");
    row.dataset.eventId = event.id;
    if (event.background) row.dataset.background = "true";
    const day = event.date || `${event.date_earliest}..${event.date_latest}`;
    for (const value of [event.background ? `${day} (background)` : day, event.country, event.place_canonical, event.attacker, event.target, (event.weapons || []).join(", "), event.claim, event.sources, event.review]) {
      row.appendChild(element("td", value ?? ""));
    }
    row.addEventListener("click", () => showEvent(event.id));
    body.appendChild(row);
  }
}

async function loadTable() {
  const params = filterQuery();
  params.set("limit", String(PAGE_SIZE));
  params.set("offset", String(state.offset));
  params.set("sort", (state.ascending ? "" : "-") + state.sort);
  const body = await getJSON(`/api/events?${params}`);
  drawTable(body.events);
  const last = Math.min(state.offset + body.events.length, body.total);
  const pages = document.getElementById("pages");
  pages.dataset.offset = String(state.offset);
  document.getElementById("rows").textContent = body.total ? `rows ${state.offset + 1}–${last} of ${body.total}` : "no rows";
  document.getElementById("previous").disabled = state.offset === 0;
  document.getElementById("next").disabled = last >= body.total;
}

function highlighted(text, start, spans) {
  // Split one evidence sentence into plain and <mark> pieces, all as text nodes.
  const marks = Object.entries(spans || {})
    .map(([name, [a, b]]) => ({ name: name.split(".")[0].replace("weapons", "weapon"), a: a - start, b: b - start }))
    .filter((m) => m.a >= 0 && m.b <= text.length && m.a < m.b)
    .sort((x, y) => x.a - y.a);
  const box = element("blockquote", undefined, "evidence");
  let at = 0;
  for (const mark of marks) {
    if (mark.a < at) continue;
    box.appendChild(document.createTextNode(text.slice(at, mark.a)));
    box.appendChild(element("mark", text.slice(mark.a, mark.b), mark.name));
    at = mark.b;
  }
  box.appendChild(document.createTextNode(text.slice(at)));
  return box;
}

function safeLink(url, label) {
  // Only web links: a javascript: or data: address from a report is shown as text.
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      const link = element("a", label);
      link.href = parsed.href;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      return link;
    }
  } catch (error) { /* not a URL: shown as text below */ }
  return element("span", label);
}

async function showEvent(eventId) {
  const detail = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
  const event = detail.event;
  const panel = document.getElementById("panel");
  panel.replaceChildren(element("h2", `${event.date || event.date_earliest + ".." + event.date_latest} · ${event.place_canonical}`));
  panel.appendChild(idLine(event.id));
  state.event = event.id;
  state.figure = null;
  rememberInAddress();
  const shown = [["attacker", event.attacker], ["target", event.target], ["weapons", (event.weapons || []).join(", ")], ["strikes", event.strikes], ["killed", event.killed], ["injured", event.injured], ["claim", event.claim], ["claimed by", (event.claimed_by || []).join(", ")], ["sources", event.sources], ["place", `${event.admin1 || ""}, ${event.country}`], ["review", event.review], ["background", event.background ? "yes: recalled by the reports, not news; left out of counts by default" : ""], ["edited by a coder", (event.edited || []).join(", ")]];
  panel.appendChild(fieldList(shown));
  delete panel.dataset.figureKey;
  panel.dataset.eventId = event.id;
  panel.dataset.review = event.review;
  if (canWrite) {
    const decide = (decision) => decideOn(`/api/events/${encodeURIComponent(event.id)}/decisions`, decision, (body) => showEvent(body.event.id));
    panel.appendChild(reviewControls(EDITABLE, decide, () => showEvent(event.id), { merge: true }));
  }
  panel.appendChild(logList((await getJSON(`/api/events/${encodeURIComponent(event.id)}/log`)).decisions));
  for (const mention of detail.mentions) {
    const report = mention.report;
    const heading = element("h3");
    heading.appendChild(element("span", `${mention.outlet} · published ${report.published || "unknown"} · `));
    heading.appendChild(report.url ? safeLink(report.url, report.title || report.url) : element("span", report.title || report.doc));
    panel.appendChild(heading);
    mention.evidence_spans.forEach(([start], n) => panel.appendChild(highlighted(mention.evidence_text[n], start, mention.spans)));
  }
  document.querySelectorAll("#events tbody tr").forEach((row) => row.classList.toggle("selected", row.dataset.eventId === event.id));
}

function fieldList(shown) {
  // [name, value] pairs as a definition list; an empty value shows as nothing.
  const fields = element("dl", undefined, "fields");
  for (const [name, value] of shown) {
    fields.appendChild(element("dt", name));
    fields.appendChild(element("dd", value ?? ""));
  }
  return fields;
}

function idLine(eventId) {
  // The id (of an event or a figure) a coder quotes in a note or a CLI command, with a button that copies it.
  const line = element("p", undefined, "event-id");
  line.appendChild(element("code", eventId));
  const copy = element("button", "copy id");
  copy.type = "button";
  copy.name = "copy";
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(eventId);
      copy.textContent = "copied";
    } catch (error) {
      // No clipboard (a page not served from localhost or https): select the id to copy by hand.
      const range = document.createRange();
      range.selectNodeContents(line.querySelector("code"));
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      copy.textContent = "selected: press Ctrl+C";
    }
  });
  line.appendChild(copy);
  return line;
}

function rememberInAddress() {
  // The filters and the open event are the page's address: a permalink to paste.
  const params = formValues();
  if (state.event) params.set("event", state.event);
  if (state.figure) params.set("figure", state.figure);
  if (state.ready) {
    const centre = map.getCenter();
    params.set("map", `${centre.lat.toFixed(3)},${centre.lng.toFixed(3)},${map.getZoom()}`);
  }
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function restoreFromAddress() {
  // The filters of a permalink, set on the form before the first query.
  const params = new URLSearchParams(location.search);
  const form = document.getElementById("filters");
  for (const [key, value] of params.entries()) {
    const field = form.elements.namedItem(key);
    if (!field) continue;
    if (field.tagName === "SELECT" && ![...field.options].some((option) => option.value === value)) {
      field.appendChild(element("option", value));  // a value the tallies did not list (yet)
    }
    field.value = value;
  }
  return { event: params.get("event"), figure: params.get("figure") };
}

function mapView(text) {
  // "lat,lon,zoom" from a permalink, or null when it is not that.
  const [lat, lon, zoom] = (text || "").split(",").map(Number);
  const valid = [lat, lon, zoom].every(Number.isFinite) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  return valid ? { lat, lon, zoom: Math.round(zoom) } : null;
}

function inputNamed(name, placeholder, type = "text") {
  const node = element("input");
  node.name = name;
  node.type = type;
  if (placeholder) node.placeholder = placeholder;
  return node;
}

function tokenPrompt(box, then) {
  // The coder's token, asked once and kept for the tab; `then` shows the controls again.
  const input = inputNamed("token", "server token, to review", "password");
  const use = element("button", "use token");
  use.type = "button";
  use.name = "use token";
  use.addEventListener("click", () => {
    sessionStorage.setItem("sitrep-token", input.value);
    then();
  });
  box.append(input, use);
  return box;
}

async function post(path, body) {
  // A write behind the server's token; a 401 forgets the token, so the panel asks again.
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${sessionStorage.getItem("sitrep-token")}` },
    body: JSON.stringify(body),
  });
  if (response.status === 401) sessionStorage.removeItem("sitrep-token");
  return response.json();
}

function reviewControls(editable, decide, reopen, { merge = false } = {}) {
  // Accept, reject, edit a field, merge (events only) and note; `decide` posts a decision and
  // `reopen` shows the panel again once the token is given.
  const box = element("form", undefined, "review");
  box.dataset.testid = "review";
  box.addEventListener("submit", (submitted) => submitted.preventDefault());
  if (!sessionStorage.getItem("sitrep-token")) return tokenPrompt(box, reopen);
  const button = (label, decision) => {
    const node = element("button", label);
    node.type = "button";
    node.name = label;
    node.addEventListener("click", () => decide(decision()));
    return node;
  };
  const field = element("select");
  field.name = "field";
  for (const name of editable) field.appendChild(element("option", name));
  const value = inputNamed("value", "new value");
  const note = inputNamed("note", "note");
  box.append(
    button("accept", () => ({ action: "accept", note: note.value || null })),
    button("reject", () => ({ action: "reject", note: note.value || null })),
    field, value,
    button("edit", () => ({ action: "edit", changes: { [field.value]: value.value }, note: note.value || null })),
  );
  if (merge) {
    const other = inputNamed("other", "other event id");
    box.append(other, button("merge", () => ({ action: "merge", other: other.value, note: note.value || null })));
  }
  box.append(note, button("note", () => ({ action: "note", note: note.value })));
  return box;
}

async function decideOn(path, decision, reopen) {
  const body = await post(path, decision);
  if (!body.ok) {
    document.getElementById("panel").prepend(element("p", `error: ${body.error}`, "error"));
    return;
  }
  await refresh();
  await reopen(body);
}

async function showUnresolved() {
  // The attacks the reports tell that are no event yet (no day within a week, or placed only
  // in a province), with the reason; with the token, a coder gives a day or a place.
  const waiting = (await getJSON("/api/unresolved")).unresolved;
  const panel = document.getElementById("panel");
  panel.replaceChildren(element("h2", `${waiting.length} attacks that are no event yet`));
  panel.dataset.unresolved = String(waiting.length);
  const list = element("ol", undefined, "unresolved");
  list.dataset.testid = "unresolved";
  for (const item of waiting) {
    const m = item.mention;
    const row = element("li");
    row.dataset.key = item.key;
    const told = ` · ${m.date_earliest ? `${m.date_earliest}..${m.date_latest}` : "no day"} · ${m.place_canonical} (${m.country}) · ${m.attacker || "unknown"} → ${m.target || "unknown"}`;
    row.append(element("b", item.reason), document.createTextNode(told), element("p", m.evidence, "evidence"));
    if (canWrite) row.appendChild(resolveControls(item));
    list.appendChild(row);
  }
  panel.appendChild(list);
}

function resolveControls(item) {
  const box = element("form", undefined, "review");
  box.addEventListener("submit", (submitted) => submitted.preventDefault());
  if (!sessionStorage.getItem("sitrep-token")) return tokenPrompt(box, showUnresolved);
  const day = inputNamed("day", "", "date");
  const place = inputNamed("place", "place: gazetteer name, or lat,lon");
  const resolve = element("button", "resolve");
  resolve.type = "button";
  resolve.name = "resolve";
  resolve.addEventListener("click", async () => {
    const body = await post(`/api/unresolved/${encodeURIComponent(item.key)}/resolve`, { day: day.value || null, place: place.value || null });
    if (!body.ok) {
      box.prepend(element("p", `error: ${body.error}`, "error"));
      return;
    }
    await refresh();
    await showEvent(body.event.id);
  });
  box.append(day, place, resolve);
  return box;
}

function logList(decisions) {
  const list = element("ol", undefined, "log");
  list.dataset.testid = "log";
  for (const d of decisions) {
    const change = d.field ? ` ${d.field}: ${d.old_value} → ${d.value}` : "";
    list.appendChild(element("li", `${d.at} ${d.reviewer} ${d.action}${change}${d.note ? " · " + d.note : ""}`));
  }
  return list;
}

async function loadFigures() {
  // The quoted figures behind the tallies chart; the review filter picks them by state, as it
  // picks events (those a coder rejected show only under "rejected").
  const review = document.querySelector("select[name=review]").value;
  const params = new URLSearchParams();
  if (FIGURE_STATES.includes(review)) params.set("review", review);
  const body = await getJSON(`/api/figures?${params}`);
  const figures = body.series.flatMap((series) => series.figures).sort((a, b) => (a.as_of || "").localeCompare(b.as_of || ""));
  const table = document.getElementById("figures");
  const rows = table.querySelector("tbody");
  rows.replaceChildren();
  for (const figure of figures) {
    const row = element("tr");
    row.dataset.key = figure.key;
    const value = figure.qualifier === "exact" ? `${figure.value}` : `${figure.qualifier} ${figure.value}`;
    for (const cell of [figure.as_of, figure.metric, figure.subject, value, figure.source, figure.review]) row.appendChild(element("td", cell ?? ""));
    row.addEventListener("click", () => showFigure(figure.key));
    rows.appendChild(row);
  }
  table.dataset.rows = String(figures.length);
  table.dataset.review = params.get("review") || "any";
}

async function showFigure(key) {
  // A quoted figure with the sentence it is read from; with the token, a coder accepts,
  // rejects (it leaves every tally) or re-assigns it.
  const detail = await getJSON(`/api/figures/${encodeURIComponent(key)}`);
  const figure = detail.figure;
  const panel = document.getElementById("panel");
  const counted = detail.counted.subject || figure.subject || "unnamed subject";
  panel.replaceChildren(element("h2", `figure · ${figure.metric} of ${counted}`));
  panel.appendChild(idLine(figure.key));
  state.event = null;
  state.figure = figure.key;
  rememberInAddress();
  const breakdown = Object.entries(figure.breakdown || {}).map(([part, n]) => `${part}: ${n}`).join(", ");
  const where = detail.counted.countries.join(", ") || "anywhere";
  const shown = [["metric", figure.metric], ["counts", `${counted} in ${where}`], ["subject as read", figure.subject], ["value", `${figure.qualifier} ${figure.value}`], ["as of", figure.as_of], ["since", figure.since], ["source", figure.source], ["breakdown", breakdown], ["review", figure.review], ["edited by a coder", (figure.edited || []).join(", ")]];
  panel.appendChild(fieldList(shown));
  delete panel.dataset.eventId;
  panel.dataset.figureKey = figure.key;
  panel.dataset.review = figure.review;
  if (canWrite) {
    const decide = (decision) => decideOn(`/api/figures/${encodeURIComponent(key)}/decisions`, decision, () => showFigure(key));
    panel.appendChild(reviewControls(FIGURE_EDITABLE, decide, () => showFigure(key)));
  }
  panel.appendChild(logList(detail.decisions));
  panel.appendChild(element("p", figure.evidence, "evidence"));
  document.querySelectorAll("#events tbody tr").forEach((row) => row.classList.remove("selected"));
}

async function refresh() {
  rememberInAddress();
  const params = filterQuery();
  params.set("view", "map");
  const body = await getJSON(`/api/events?${params}`);
  state.points = body.events.map((row) => Object.fromEntries(body.fields.map((name, n) => [name, row[n]])));
  state.offset = 0;
  document.getElementById("count").textContent = `${body.total} events`;
  document.getElementById("count").dataset.total = String(body.total);
  drawMap(state.points);
  drawTimeline(state.points);
  await loadTable();
  await loadFigures();
  drawTallies(await getJSON("/api/stats"));
  if (document.querySelector("select[name=review]").value === "unresolved") await showUnresolved();
}

function fillChoices(stats) {
  // The filters offer what the database holds: the tallies' counts by country, attacker, weapon.
  const placeholders = new Set(["unknown", "not named"]);
  for (const name of ["country", "attacker", "weapon"]) {
    const select = document.querySelector(`select[name=${name}]`);
    const values = stats.by[name].map(([value]) => value).filter((value) => !placeholders.has(value));
    for (const value of values.sort()) select.appendChild(element("option", value));
  }
}

const DAY_MS = 86400000;

function isoDay(start, offset) {
  return new Date(start.getTime() + offset * DAY_MS).toISOString().slice(0, 10);
}

function setUpDaySlider(stats) {
  // Two handles over the days the database holds (Monday of its first week to Sunday of its
  // last): dragging one sets From or To, and typing a day moves the handle.
  const weeks = stats.by.week.map(([week]) => week).sort();
  const form = document.getElementById("filters");
  const handles = [document.getElementById("from-day"), document.getElementById("to-day")];
  const fields = [form.elements.namedItem("since"), form.elements.namedItem("until")];
  if (!weeks.length) { handles.forEach((h) => { h.disabled = true; }); return; }
  const start = new Date(`${weeks[0]}T00:00:00Z`);
  const last = (new Date(`${weeks[weeks.length - 1]}T00:00:00Z`).getTime() - start.getTime()) / DAY_MS + 6;
  const place = () => {
    handles.forEach((handle, n) => {
      const offset = fields[n].value ? (new Date(`${fields[n].value}T00:00:00Z`).getTime() - start.getTime()) / DAY_MS : n * last;
      handle.value = String(Math.min(last, Math.max(0, offset)));
      handle.title = isoDay(start, Number(handle.value));
    });
  };
  handles.forEach((handle, n) => {
    Object.assign(handle, { min: "0", max: String(last), step: "1" });
    handle.addEventListener("input", () => {
      // the handles never cross: From stays on or before To
      const other = Number(handles[1 - n].value);
      const value = n === 0 ? Math.min(Number(handle.value), other) : Math.max(Number(handle.value), other);
      handle.value = String(value);
      handle.title = isoDay(start, value);
      fields[n].value = (n === 0 ? value === 0 : value === last) ? "" : isoDay(start, value);
    });
  });
  fields.forEach((field) => field.addEventListener("change", place));
  place();
}

async function main() {
  const view = mapView(new URLSearchParams(location.search).get("map"));
  await initMap(view);
  state.viewSet = Boolean(view);
  const stats = await getJSON("/api/stats");
  fillChoices(stats);
  const opened = restoreFromAddress();
  setUpDaySlider(stats);
  document.getElementById("filters").addEventListener("change", refresh);
  document.getElementById("filters").addEventListener("submit", (submitted) => { submitted.preventDefault(); refresh(); });
  document.querySelectorAll("th[data-sort]").forEach((th) => th.addEventListener("click", () => {
    state.ascending = state.sort === th.dataset.sort ? !state.ascending : true;
    state.sort = th.dataset.sort;
    state.offset = 0;
    loadTable();
  }));
  document.getElementById("previous").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE_SIZE); loadTable(); });
  document.getElementById("next").addEventListener("click", () => { state.offset += PAGE_SIZE; loadTable(); });
  await refresh();
  if (opened.event) await showEvent(opened.event);
  else if (opened.figure) await showFigure(opened.figure);
  state.ready = true;
  map.on("moveend", rememberInAddress);
  rememberInAddress();
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  document.getElementById("panel").replaceChildren(element("p", `error: ${error && error.message ? error.message : error}`));
});
