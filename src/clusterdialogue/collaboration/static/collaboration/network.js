/* The network of relations: a click on a cluster opens its profile (its address is the
   point's customdata; anonymous nodes have none). Waits for charts.js to draw the graph. */
(function () {
  "use strict";
  var graph = document.getElementById("network-graph");
  if (!graph) { return; }
  function attach() {
    if (graph.dataset.rendered !== "true" || typeof graph.on !== "function") {
      window.setTimeout(attach, 50);
      return;
    }
    graph.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0];
      var url = point && point.customdata;
      if (typeof url === "string" && url.charAt(0) === "/") { window.location.assign(url); }
    });
  }
  attach();
})();
