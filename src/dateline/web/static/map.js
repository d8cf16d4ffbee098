// The map page: a bundled world base layer (Natural Earth countries), event markers coloured by type,
// place markers, watch zones, and a refetch of /map.json for the visible area when the map moves.
// Popups are built with DOM text nodes, never innerHTML: article text is untrusted.
(function () {
  "use strict";
  var el = document.getElementById("map");
  var status = document.getElementById("map-status");
  var follow = document.getElementById("follow");
  var source = el.getAttribute("data-source");
  var map = L.map(el, { worldCopyJump: true, preferCanvas: true }).setView([25, 30], 2);
  map.attributionControl.addAttribution("Natural Earth (public domain) via world-atlas");

  fetch(el.getAttribute("data-world")).then(function (r) { return r.json(); }).then(function (world) {
    L.geoJSON(topojson.feature(world, world.objects.countries), {
      style: { color: "#8a9aa8", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 }, interactive: false
    }).addTo(map).bringToBack();
  });

  var layer = L.layerGroup().addTo(map);
  var zonesLayer = L.layerGroup().addTo(map);
  var fitted = false;

  function text(tag, value, cls) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    node.textContent = value == null ? "" : String(value);
    return node;
  }

  function eventPopup(p) {
    var box = document.createElement("div");
    box.appendChild(text("strong", p.type + (p.mode ? "/" + p.mode : "")));
    box.appendChild(text("div", (p.source_name || p.source_text || "?") + " → " + (p.target_name || p.target_text || "?")));
    box.appendChild(text("div", (p.event_date || "undated") + (p.place_name ? " · " + p.place_name : ""), "date"));
    box.appendChild(text("blockquote", p.evidence, "evidence"));
    var link = text("a", p.title || p.article_id);
    link.href = "/articles/" + encodeURIComponent(p.article_id) + "#o" + p.sentence_start;
    box.appendChild(link);
    return box;
  }

  function placePopup(p) {
    var box = document.createElement("div");
    box.appendChild(text("strong", p.name));
    box.appendChild(text("div", p.mentions + " mention(s) in " + p.articles + " article(s)"));
    var link = text("a", "an article");
    link.href = "/articles/" + encodeURIComponent(p.example_article);
    box.appendChild(link);
    return box;
  }

  function withBbox(url) {
    if (!follow.checked || !fitted) return url;
    var b = map.getBounds();
    var west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
    var south = Math.max(-90, b.getSouth()), north = Math.min(90, b.getNorth());
    var bbox = [west, south, east, north].map(function (v) { return v.toFixed(4); }).join(",");
    var u = new URL(url, window.location.origin);
    u.searchParams.set("bbox", bbox);
    return u.pathname + u.search;
  }

  function load() {
    fetch(withBbox(source)).then(function (r) { return r.json(); }).then(function (data) {
      if (data.error) { status.textContent = data.error; return; }
      layer.clearLayers();
      (data.places.features || []).forEach(function (f) {
        var c = f.geometry.coordinates, p = f.properties;
        var marker = L.circleMarker([c[1], c[0]], { radius: p.cluster ? 6 : 4, color: "#555", weight: 1, fillOpacity: 0.3 });
        if (p.cluster) marker.bindTooltip(p.count + " place mention(s): zoom in");
        else marker.bindPopup(placePopup(p));
        marker.addTo(layer);
      });
      var latlngs = [];
      data.features.forEach(function (f) {
        var c = f.geometry.coordinates, p = f.properties, ll = [c[1], c[0]];
        latlngs.push(ll);
        if (p.cluster) {
          var size = 34;
          L.marker(ll, { icon: L.divIcon({ className: "cluster", html: String(p.count), iconSize: [size, size] }) })
            .on("click", function () { map.setView(ll, map.getZoom() + 2); }).addTo(layer);
        } else {
          L.circleMarker(ll, { radius: 7, color: "#222", weight: 1, fillColor: p.color, fillOpacity: 0.85 })
            .bindPopup(eventPopup(p)).addTo(layer);
        }
      });
      zonesLayer.clearLayers();
      (data.zones || []).forEach(function (z) {
        L.circle([z.lat, z.lon], { radius: z.radius_km * 1000, color: "#b2182b", weight: 2, fillOpacity: 0.05 })
          .bindTooltip(z.name + ", " + z.radius_km + " km").addTo(zonesLayer);
        latlngs.push([z.lat, z.lon]);
      });
      status.textContent = data.located_events + " located event(s)" + (data.clustered ? " (clustered: zoom in)" : "") +
        ", " + data.places.mentions + " place mention(s)" + (data.places.clustered ? " (clustered)" : "");
      if (!fitted) {
        fitted = true;
        if (latlngs.length) map.fitBounds(L.latLngBounds(latlngs).pad(0.3), { maxZoom: 6 });
      }
      // What was drawn, for scripts and tests (event and zone markers live on a canvas, not in the DOM).
      el.setAttribute("data-events", String(data.features.length));
      el.setAttribute("data-zones", String((data.zones || []).length));
      el.setAttribute("data-loaded", "true");
    }).catch(function (err) { status.textContent = "could not load the map data: " + err; });
  }

  map.on("moveend", function () { if (fitted && follow.checked) load(); });
  follow.addEventListener("change", load);
  load();
})();
