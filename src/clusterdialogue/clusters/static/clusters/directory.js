/* The directory page: a map of the filtered organisations, refreshed when htmx swaps the list. */
(function () {
  "use strict";
  var element = document.getElementById("directory-map");
  var form = document.getElementById("directory-form");
  if (!element || !form || typeof L === "undefined") { return; }

  var map = L.map(element, { preferCanvas: true, zoomSnap: 0.25 }).setView([48, 8], 4);
  map.attributionControl.addAttribution("© EuroGeographics for the administrative boundaries; Source: Eurostat");
  if (window.ClusterMap) { window.ClusterMap.countryOutlines(map, element); }
  var markers = null;
  var note = document.getElementById("directory-map-note");
  var request = 0;

  fetch(element.dataset.territories).then(function (r) { return r.ok ? r.json() : null; }).then(function (geojson) {
    if (geojson) { L.geoJSON(geojson, { style: { color: "#000", weight: 1.5, fill: false }, interactive: false }).addTo(map); }
  });

  function currentQuery() {
    var params = new URLSearchParams(new FormData(form));
    Array.from(params.keys()).forEach(function (key) { if (!params.get(key)) { params.delete(key); } });
    return params.toString();
  }

  function popup(properties) {
    // Built from DOM nodes, never from HTML strings: names come from users.
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = element.dataset.detailUrl.replace("SLUG", properties.slug);
    link.textContent = properties.name + (properties.acronym ? " (" + properties.acronym + ")" : "");
    box.appendChild(link);
    var place = document.createElement("div");
    place.textContent = [properties.city, properties.region].filter(Boolean).join(", ");
    box.appendChild(place);
    return box;
  }

  function load(query) {
    var ticket = ++request;
    fetch(element.dataset.source + (query ? "?" + query : "")).then(function (r) {
      if (!r.ok) { throw new Error("The map could not be loaded (" + r.status + ")."); }
      return r.json();
    }).then(function (data) {
      if (ticket !== request) { return; }  // an older answer arriving after a newer one
      if (markers) { map.removeLayer(markers); }
      var approximate = 0;
      markers = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var exact = feature.properties.located === "address";
          if (!exact) { approximate += 1; }
          return L.circleMarker(latlng, {
            radius: 5, weight: 1, color: exact ? "#0b4f8a" : "#555",
            fillColor: exact ? "#2b7bcc" : "#aaa", fillOpacity: 0.8,
          });
        },
        onEachFeature: function (feature, layer) { layer.bindPopup(popup(feature.properties)); },
      }).addTo(map);
      if (data.features.length) { map.fitBounds(markers.getBounds(), { padding: [20, 20], maxZoom: 8 }); }
      var parts = [data.features.length + " " + element.dataset.noteMapped];
      if (approximate) { parts.push(approximate + " " + element.dataset.noteRegion); }
      if (data.unmapped) { parts.push(data.unmapped + " " + element.dataset.noteUnmapped); }
      note.textContent = parts.join("; ") + ".";
    }).catch(function (error) { note.textContent = error.message; });
  }

  load(currentQuery());
  document.body.addEventListener("htmx:configRequest", function (event) {
    // Leave empty filters out of the address the browser shows and shares.
    var data = event.detail.formData;
    if (!data) { return; }
    Array.from(data.keys()).forEach(function (key) { if (!data.get(key)) { data.delete(key); } });
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "directory-results") { load(currentQuery()); }
  });
})();
