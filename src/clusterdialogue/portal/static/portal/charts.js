/* Draw every Plotly chart on the page from its JSON spec; offer PNG and SVG downloads. */
(function () {
  "use strict";
  function svgButton(filename) {
    return {
      name: (window.UI_LABELS || {}).downloadSvg || "Download as SVG",
      title: (window.UI_LABELS || {}).downloadSvg || "Download as SVG",
      icon: Plotly.Icons.disk,
      click: function (gd) { Plotly.downloadImage(gd, { format: "svg", filename: filename }); },
    };
  }
  function draw(element) {
    var spec = JSON.parse(document.getElementById(element.dataset.figure).textContent);
    var filename = element.dataset.filename || element.id;
    Plotly.newPlot(element, spec.data, spec.layout, {
      responsive: true,
      displaylogo: false,
      toImageButtonOptions: { format: "png", filename: filename, scale: 2 },
      modeBarButtonsToAdd: [svgButton(filename)],
    }).then(function () { element.dataset.rendered = "true"; });
  }
  document.querySelectorAll(".chart[data-figure]").forEach(draw);
})();
