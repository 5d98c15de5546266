/* Small page behaviours declared with data attributes instead of inline handlers: the Content
   Security Policy allows no inline script or on* attribute.

   window.UI_LABELS            the words page scripts show, from <script type="application/json" id="ui-labels">
   <select data-autosubmit>    submits its form when changed; data-autosubmit-clears="name" empties
                               that field of the form first
   <input data-select-on-focus> selects its text when clicked or focused (a link to copy) */
(function () {
  "use strict";
  var labels = document.getElementById("ui-labels");
  try {
    window.UI_LABELS = labels ? JSON.parse(labels.textContent) : {};
  } catch (error) {
    window.UI_LABELS = {};
  }
  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("select[data-autosubmit]");
    if (!select || !select.form) { return; }
    var clears = select.dataset.autosubmitClears;
    if (clears && select.form.elements[clears]) { select.form.elements[clears].value = ""; }
    select.form.submit();
  });
  function selectText(event) {
    var input = event.target.closest && event.target.closest("input[data-select-on-focus]");
    if (input) { input.select(); }
  }
  document.addEventListener("click", selectText);
  document.addEventListener("focusin", selectText);
})();
