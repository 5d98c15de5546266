/* Data tables, progressively enhanced: sortable column headers, a filter box and, for tables
   rendered whole, pages of rows. Without JavaScript the full table stays readable.

   Enhanced: every table in <main> with a <thead> (or marked data-table), except
   data-table="off". data-table="server" marks a table the server already paginates and filters
   (the directory): only the rows of the current page sort; its own form filters, its own links
   page. */
var ClusterTables = (function () {
  "use strict";
  var WORDS = window.UI_LABELS || {};
  var PAGE_SIZES = [25, 50, 100, 0];  // 0: every row
  var FILTER_FROM = 10;  // shorter tables are read at a glance
  var LANG = document.documentElement.lang || "en";
  var collator = new Intl.Collator(LANG, { numeric: true, sensitivity: "base" });
  var DECIMAL = (function () {
    try {
      var part = new Intl.NumberFormat(LANG).formatToParts(1.5).filter(function (p) { return p.type === "decimal"; })[0];
      return part ? part.value : ".";
    } catch (error) { return "."; }
  })();

  function word(key, english) { return WORDS[key] || english; }
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
  }

  // The number a cell shows, read with the page's decimal mark; null when it shows none.
  function number(text) {
    var cleaned = text.replace(/[\s\u00a0\u202f'’]/g, "").replace(/\u2212/g, "-").replace(/[%+★]/g, "");
    if (DECIMAL === ",") { cleaned = cleaned.replace(/\./g, "").replace(",", "."); } else { cleaned = cleaned.replace(/,/g, ""); }
    if (!/^-?\d*\.?\d+(e-?\d+)?$/i.test(cleaned)) { return null; }
    return parseFloat(cleaned);
  }
  function cellText(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    return (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent).trim();
  }
  function isEmpty(text) { return text === "" || text === "–" || text === "-" || text === "—"; }

  function Table(table) {
    this.table = table;
    this.body = table.tBodies[0];
    this.rows = Array.prototype.slice.call(this.body.rows);
    this.server = table.dataset.table === "server";
    this.pageSize = this.server ? 0 : PAGE_SIZES[0];
    this.page = 0;
    this.query = "";
    this.headers = Array.prototype.slice.call(table.tHead.rows[table.tHead.rows.length - 1].cells);
    this.headers.forEach(this.makeSortable, this);
    if (!this.server && this.rows.length > FILTER_FROM) { this.addFilter(); }
    if (!this.server && this.rows.length > PAGE_SIZES[0]) { this.addPager(); }
    this.render();
  }

  Table.prototype.makeSortable = function (th, index) {
    if (th.colSpan > 1 || th.dataset.sortable === "off") { return; }
    var self = this;
    th.dataset.sortable = "";
    th.tabIndex = 0;
    th.setAttribute("aria-sort", "none");
    th.title = word("sortBy", "Sort by this column");
    th.addEventListener("click", function (event) {
      if (event.target.closest("a, button, input, select")) { return; }
      self.sort(index);
    });
    th.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); self.sort(index); }
    });
  };

  Table.prototype.sort = function (index) {
    var th = this.headers[index];
    var descending = th.getAttribute("aria-sort") === "ascending";
    this.headers.forEach(function (other) { if (other.dataset.sortable !== undefined) { other.setAttribute("aria-sort", "none"); } });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var texts = this.rows.map(function (row) { return cellText(row, index); });
    var numeric = texts.every(function (t) { return isEmpty(t) || number(t) !== null; }) &&
      texts.some(function (t) { return !isEmpty(t); });
    var order = this.rows.map(function (row, position) { return { row: row, text: texts[position], position: position }; });
    order.sort(function (a, b) {
      // Cells without a value go last whichever the direction.
      var emptyA = isEmpty(a.text), emptyB = isEmpty(b.text);
      if (emptyA || emptyB) { return emptyA === emptyB ? a.position - b.position : (emptyA ? 1 : -1); }
      var result = numeric ? number(a.text) - number(b.text) : collator.compare(a.text, b.text);
      if (descending) { result = -result; }
      return result || a.position - b.position;
    });
    this.rows = order.map(function (entry) { return entry.row; });
    var body = this.body;
    this.rows.forEach(function (row) { body.appendChild(row); });
    this.page = 0;
    this.render();
  };

  Table.prototype.addFilter = function () {
    var self = this;
    var tools = document.createElement("div");
    tools.className = "table-tools";
    var label = document.createElement("label");
    label.textContent = word("filterRows", "Filter the rows") + " ";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "table-filter";
    // Inside a form, Enter would submit it: the box filters as one types instead.
    input.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); } });
    input.addEventListener("input", function () { self.query = input.value.trim().toLocaleLowerCase(LANG); self.page = 0; self.render(); });
    label.appendChild(input);
    tools.appendChild(label);
    this.status = document.createElement("span");
    this.status.className = "table-status muted";
    this.status.setAttribute("aria-live", "polite");
    tools.appendChild(this.status);
    this.table.parentNode.insertBefore(tools, this.table);
    this.empty = document.createElement("p");
    this.empty.className = "empty-state table-no-match";
    this.empty.hidden = true;
    this.empty.textContent = word("noRowMatches", "No row matches the filter. Clear the filter box to see every row.");
    this.table.parentNode.insertBefore(this.empty, this.table.nextSibling);
  };

  Table.prototype.addPager = function () {
    var self = this;
    var nav = document.createElement("nav");
    nav.className = "pagination table-pager";
    nav.setAttribute("aria-label", word("pages", "Pages"));
    this.previous = document.createElement("button");
    this.previous.type = "button";
    this.previous.className = "secondary table-previous";
    this.previous.textContent = word("previous", "Previous");
    this.previous.addEventListener("click", function () { self.page -= 1; self.render(); });
    this.next = document.createElement("button");
    this.next.type = "button";
    this.next.className = "secondary table-next";
    this.next.textContent = word("next", "Next");
    this.next.addEventListener("click", function () { self.page += 1; self.render(); });
    this.range = document.createElement("span");
    this.range.className = "table-range";
    var label = document.createElement("label");
    label.textContent = word("rowsPerPage", "Rows per page") + " ";
    var select = document.createElement("select");
    select.className = "table-page-size";
    PAGE_SIZES.forEach(function (size) {
      var option = document.createElement("option");
      option.value = size;
      option.textContent = size ? String(size) : word("allRows", "all");
      select.appendChild(option);
    });
    select.addEventListener("change", function () { self.pageSize = parseInt(select.value, 10); self.page = 0; self.render(); });
    label.appendChild(select);
    [this.previous, this.range, this.next, label].forEach(function (node) { nav.appendChild(node); });
    var after = this.empty || this.table;
    after.parentNode.insertBefore(nav, after.nextSibling);
  };

  Table.prototype.render = function () {
    var query = this.query;
    var matching = this.rows.filter(function (row) {
      return !query || row.textContent.toLocaleLowerCase(LANG).indexOf(query) !== -1;
    });
    var size = this.pageSize || matching.length || 1;
    var pages = Math.max(1, Math.ceil(matching.length / size));
    this.page = Math.min(Math.max(this.page, 0), pages - 1);
    var first = this.page * size;
    var shown = matching.slice(first, first + size);
    var visible = new Set(shown);
    this.rows.forEach(function (row) { row.hidden = !visible.has(row); });
    // Zebra stripes follow the rows shown, not the hidden ones.
    shown.forEach(function (row, position) { row.classList.toggle("odd", position % 2 === 1); });
    var text = format(word("showing", "Showing {from}–{to} of {total}"), {
      from: matching.length ? first + 1 : 0, to: first + shown.length, total: matching.length,
    });
    if (this.status) { this.status.textContent = query ? text : ""; }
    if (this.empty) { this.empty.hidden = matching.length > 0; }
    if (this.range) {
      this.range.textContent = text;
      this.previous.disabled = this.page === 0;
      this.next.disabled = this.page >= pages - 1;
    }
  };

  function enhance(root) {
    var scope = root || document;
    var tables = scope.querySelectorAll("main table[data-table], main table");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.dataset.enhanced || table.dataset.table === "off" || table.classList.contains("diff") || !table.tHead || !table.tBodies.length) { return; }
      var rows = table.tBodies[0].rows;
      // A lone row spanning the columns is an empty state, not data; grouped rows keep their order.
      if (!rows.length || table.querySelector("tbody td[colspan], tbody th[colspan], tbody td[rowspan]")) { return; }
      table.dataset.enhanced = "true";
      new Table(table);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  // The directory swaps its results with htmx: enhance the new table too.
  document.addEventListener("htmx:afterSettle", function (event) { enhance(event.target); });
  return { enhance: enhance, number: number };
})();
