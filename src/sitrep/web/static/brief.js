// The brief's map: everything it needs is inline in the file, so it opens with no network.
"use strict";
(function () {
  const points = JSON.parse(document.getElementById("brief-events").textContent);
  const world = JSON.parse(document.getElementById("brief-world").textContent);
  const map = L.map("brief-map", { minZoom: 3, maxZoom: 12, zoomControl: true }).setView([33.5, 40.5], 5);
  L.geoJSON(topojson.feature(world, world.objects.countries), {
    style: { color: "#888", weight: 0.7, fillColor: "#f2efe6", fillOpacity: 1 },
  }).addTo(map);
  const bounds = [];
  for (const p of points) {
    const marker = L.circleMarker([p.lat, p.lon], { radius: 4 + 3 * Math.sqrt(p.sources), color: "#333", weight: 1, fillColor: p.colour, fillOpacity: 0.8 });
    const label = document.createElement("span");
    label.textContent = `${p.date} ${p.place}`;
    marker.bindTooltip(label);
    marker.addTo(map);
    bounds.push([p.lat, p.lon]);
  }
  if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7 });
  document.body.dataset.mapMarkers = String(points.length);
})();
