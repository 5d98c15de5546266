/* The header's grouped menus and the phone "Menu" button, and the scroll boxes of wide tables.
 *
 * Without this script the groups are plain <details> elements (every page stays reachable and
 * the phone header stays open); with it, one group is open at a time, aria-expanded follows,
 * Escape closes, a click elsewhere closes, and on a phone the navigation folds behind "Menu". */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function groups() {
    return Array.prototype.slice.call(document.querySelectorAll(".site-header .nav-group"));
  }

  function closeGroup(group) {
    group.open = false;
  }

  function setUpGroups() {
    groups().forEach(function (group) {
      var summary = group.querySelector("summary");
      group.addEventListener("toggle", function () {
        summary.setAttribute("aria-expanded", group.open ? "true" : "false");
        if (group.open) {
          groups().forEach(function (other) { if (other !== group) closeGroup(other); });
        }
      });
    });
    document.addEventListener("click", function (event) {
      groups().forEach(function (group) {
        if (group.open && !group.contains(event.target)) closeGroup(group);
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var open = groups().filter(function (group) { return group.open; });
      if (open.length) {
        open.forEach(closeGroup);
        open[0].querySelector("summary").focus();
        return;
      }
      var nav = document.getElementById("site-nav");
      var toggle = document.querySelector(".site-header .nav-toggle");
      if (nav && toggle && nav.classList.contains("open")) {
        setMenu(false);
        toggle.focus();
      }
    });
    // Leaving a group with Tab closes it, so only one list is ever open.
    document.addEventListener("focusin", function (event) {
      groups().forEach(function (group) {
        if (group.open && !group.contains(event.target)) closeGroup(group);
      });
    });
  }

  function setMenu(open) {
    var nav = document.getElementById("site-nav");
    var toggle = document.querySelector(".site-header .nav-toggle");
    if (!nav || !toggle) return;
    nav.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function setUpMenuButton() {
    var toggle = document.querySelector(".site-header .nav-toggle");
    if (!toggle) return;
    toggle.addEventListener("click", function () {
      setMenu(toggle.getAttribute("aria-expanded") !== "true");
    });
  }

  /* Wide tables scroll inside their own box instead of widening the page. */
  function wrapTables(root) {
    var tables = (root || document).querySelectorAll("main table");
    Array.prototype.forEach.call(tables, function (table) {
      var parent = table.parentElement;
      if (!parent || parent.classList.contains("table-scroll")) return;
      var box = document.createElement("div");
      box.className = "table-scroll";
      parent.insertBefore(box, table);
      box.appendChild(table);
    });
  }

  function start() {
    setUpGroups();
    setUpMenuButton();
    wrapTables(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  // Tables that htmx swaps in get their box too.
  document.addEventListener("htmx:afterSettle", function () { wrapTables(document); });
})();
