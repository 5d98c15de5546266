/* Leaflet maps: the network's territories, and a choropleth of LQ or stars per region. */
var ClusterMap = (function () {
  "use strict";
  var LQ_BREAKS = [0.5, 0.8, 1.25, 2, 3];
  var LQ_COLOURS = ["#2166ac", "#92c5de", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b"];
  var STAR_COLOURS = ["#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b"];
  var MISSING = "#d9d9d9";
  var WORDS = window.UI_LABELS || {};
  function word(key, english) { return WORDS[key] || english; }

  function baseMap(id) {
    var map = L.map(id, { zoomSnap: 0.25, attributionControl: true }).setView([50, 10], 4);
    map.attributionControl.addAttribution("© EuroGeographics for the administrative boundaries; Source: Eurostat");
    countryOutlines(map, document.getElementById(id));
    return map;
  }
  // Europe's countries in light grey under everything else: offline there are no map tiles, and
  // without them the coloured regions float in an empty sea.
  function countryOutlines(map, element) {
    var url = element.dataset.outlines;
    if (!url) { return; }
    map.createPane("outlines");
    map.getPane("outlines").style.zIndex = 350;  // below Leaflet's overlay pane (400)
    fetch(url).then(function (r) { return r.ok ? r.json() : null; }).then(function (geojson) {
      if (!geojson) { return; }
      L.geoJSON(geojson, {
        pane: "outlines",
        interactive: false,
        style: { color: "#8c969f", weight: 0.8, fillColor: "#e6e8e3", fillOpacity: 1, className: "country-outline" },
      }).addTo(map);
      element.dataset.outlinesLoaded = geojson.features.length;
    });
  }
  function fetchJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error(word("mapLoadError", "The map data could not be loaded") + " (" + r.status + ")."); }
      return r.json();
    });
  }
  function colourFor(measure, p) {
    if (measure === "stars") { return p.stars === undefined ? MISSING : STAR_COLOURS[p.stars]; }
    if (p.lq === undefined || p.lq === null) { return MISSING; }
    for (var i = 0; i < LQ_BREAKS.length; i++) { if (p.lq < LQ_BREAKS[i]) { return LQ_COLOURS[i]; } }
    return LQ_COLOURS[LQ_COLOURS.length - 1];
  }
  function legend(map, measure) {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "legend");
      var rows = [];
      if (measure === "stars") {
        for (var s = 0; s < 4; s++) { rows.push([STAR_COLOURS[s], s + " ★"]); }
      } else {
        var edges = [0].concat(LQ_BREAKS);
        for (var i = 0; i < LQ_COLOURS.length; i++) {
          rows.push([LQ_COLOURS[i], i < LQ_BREAKS.length ? "LQ " + edges[i] + "–" + LQ_BREAKS[i] : "LQ ≥ " + LQ_BREAKS[i - 1]]);
        }
      }
      rows.push([MISSING, word("noFigure", "no figure")]);
      div.innerHTML = rows.map(function (r) {
        return '<span class="swatch" style="background:' + r[0] + '"></span>' + r[1];
      }).join("<br>");
      return div;
    };
    control.addTo(map);
  }
  function outlineTerritories(map, url, fit) {
    return fetchJson(url).then(function (geojson) {
      var layer = L.geoJSON(geojson, {
        style: { color: "#000", weight: 2.5, fill: false },
        interactive: false,
      }).addTo(map);
      if (fit && geojson.features.length) { map.fitBounds(layer.getBounds(), { padding: [20, 20] }); }
      return layer;
    });
  }
  function territories(id) {
    var element = document.getElementById(id);
    var map = baseMap(id);
    fetchJson(element.dataset.territories).then(function (geojson) {
      var layer = L.geoJSON(geojson, {
        style: { color: "#c0392b", weight: 2, fillOpacity: 0.35 },
        onEachFeature: function (feature, l) {
          l.bindTooltip(feature.properties.name + " (" + feature.properties.role + ")");
          l.on("click", function () { window.location = feature.properties.url; });
        },
      }).addTo(map);
      if (geojson.features.length) { map.fitBounds(layer.getBounds(), { padding: [20, 20] }); }
      element.dataset.loaded = geojson.features.length;
    }).catch(function (error) { element.textContent = error.message; });
  }
  function choropleth(id) {
    var element = document.getElementById(id);
    var measure = element.dataset.measure;
    var map = baseMap(id);
    fetchJson(element.dataset.source).then(function (geojson) {
      L.geoJSON(geojson, {
        style: function (f) {
          return { color: "#666", weight: 0.5, fillOpacity: 0.85, fillColor: colourFor(measure, f.properties) };
        },
        onEachFeature: function (feature, layer) {
          var p = feature.properties;
          var text = "<strong>" + p.code + " " + p.name + "</strong><br>" +
            (p.lq === undefined ? word("noFigure", "no figure") :
              "LQ " + p.lq.toFixed(2) + " · " + p.stars + " ★ · " + word("rank", "rank") + " " + (p.lq_rank || "–") +
              "<br>" + word("employment", "employment") + " " + Math.round(p.employment).toLocaleString() +
              (p.data_code !== p.code ? "<br>(" + word("figuresUnder", "figures under") + " " + p.data_code + ")" : "") +
              (p.source === "children_sum" ? "<br>(" + word("childrenSum", "sum of lower-level regions") + ")" : ""));
          layer.bindTooltip(text, { sticky: true });
          layer.on("click", function () {
            window.location = element.dataset.regionUrl.replace("CODE", encodeURIComponent(p.code));
          });
        },
      }).addTo(map);
      legend(map, measure);
      element.dataset.loaded = geojson.features.length;
      if (geojson.not_on_map.length) {
        var note = document.getElementById("map-note");
        if (note) { note.textContent += " " + word("notOnMap", "Not on the 2016 map:") + " " + geojson.not_on_map.join(", ") + "."; }
      }
      return outlineTerritories(map, element.dataset.territories, false);
    }).catch(function (error) { element.textContent = error.message; });
  }
  return { territories: territories, choropleth: choropleth, countryOutlines: countryOutlines };
})();

/* Maps declared in the page (data-cluster-map="territories" or "choropleth") start here: the
   Content Security Policy allows no inline script. */
document.querySelectorAll("[data-cluster-map]").forEach(function (element) {
  var start = ClusterMap[element.dataset.clusterMap];
  if (start && element.id) { start(element.id); }
});
