/* Filters and sorting for the collection index pages of IO Atlas.
 *
 * The page holds the full table (it reads without JavaScript) and, after it, a JSON block
 * (#ioa-index-data) with the facet values of each row, in row order. This script adds one menu per
 * facet, with how many rows each value would leave given the other filters, lets a reader sort by any
 * column, and keeps the view in the address (?Phase=1&sort=Name), so a shared link or a reload opens
 * the same view. Nothing is loaded from anywhere.
 */
(function () {
  "use strict";

  function start() {
    var data = document.getElementById("ioa-index-data");
    var table = document.querySelector("article table");
    if (!data || !table || !table.tBodies.length) return;
    var spec = JSON.parse(data.textContent);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    if (rows.length !== spec.rows.length) return;  // the data does not describe this table
    var state = readState(spec.facets, table);
    var bar = buildBar(spec, table);
    var status = bar.querySelector(".ioa-filter-status");
    var menus = bar.querySelectorAll("select");

    function matches(rowIndex, skipFacet) {
      for (var f = 0; f < spec.facets.length; f++) {
        if (f === skipFacet || !state.filters[f]) continue;
        if (spec.rows[rowIndex][f].indexOf(state.filters[f]) < 0) return false;
      }
      return true;
    }

    function render() {
      var shown = 0;
      rows.forEach(function (row, i) {
        var visible = matches(i, -1);
        row.hidden = !visible;
        if (visible) shown++;
      });
      for (var f = 0; f < spec.facets.length; f++) fillMenu(menus[f], f);
      var noun = (spec.noun || ["record", "records"])[rows.length === 1 ? 0 : 1];
      status.textContent = shown === rows.length ? rows.length + " " + noun : shown + " of " + rows.length + " " + noun;
      sortRows();
      writeState();
    }

    function fillMenu(menu, f) {
      var counts = {};
      spec.rows.forEach(function (values, i) {
        if (!matches(i, f)) return;
        values[f].forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
      });
      var values = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || a.localeCompare(b); });
      if (state.filters[f] && !(state.filters[f] in counts)) values.unshift(state.filters[f]);
      menu.textContent = "";
      menu.appendChild(new Option("All", ""));
      values.forEach(function (value) {
        menu.appendChild(new Option(value + " (" + (counts[value] || 0) + ")", value, false, value === state.filters[f]));
      });
      menu.value = state.filters[f] || "";
    }

    function sortRows() {
      var headers = table.tHead.rows[0].cells;
      for (var h = 0; h < headers.length; h++) headers[h].setAttribute("aria-sort", "none");
      var column = state.sort;
      if (column < 0) {
        rows.forEach(function (row) { row.parentNode.appendChild(row); });
        return;
      }
      headers[column].setAttribute("aria-sort", state.descending ? "descending" : "ascending");
      var sorted = rows.slice().sort(function (a, b) {
        var x = a.cells[column].textContent.trim(), y = b.cells[column].textContent.trim();
        var order = compare(x, y);
        return state.descending ? -order : order;
      });
      sorted.forEach(function (row) { row.parentNode.appendChild(row); });
    }

    function writeState() {
      var params = new URLSearchParams();
      spec.facets.forEach(function (facet, f) { if (state.filters[f]) params.set(facet, state.filters[f]); });
      if (state.sort >= 0) {
        params.set("sort", table.tHead.rows[0].cells[state.sort].textContent.trim());
        if (state.descending) params.set("order", "descending");
      }
      var query = params.toString();
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    }

    Array.prototype.forEach.call(menus, function (menu, f) {
      menu.addEventListener("change", function () { state.filters[f] = menu.value; render(); });
    });
    bar.querySelector(".ioa-filter-clear").addEventListener("click", function () {
      state.filters = spec.facets.map(function () { return ""; });
      render();
    });
    makeSortable(table, state, render);
    render();
  }

  function compare(x, y) {  // numbers in text compare as numbers ("2" before "10"); empty cells last
    if (x === "" || x === "—") return y === "" || y === "—" ? 0 : 1;
    if (y === "" || y === "—") return -1;
    return x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
  }

  function readState(facets, table) {
    var params = new URLSearchParams(location.search);
    var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (cell) {
      return cell.textContent.trim();
    });
    return {
      filters: facets.map(function (facet) { return params.get(facet) || ""; }),
      sort: headers.indexOf(params.get("sort")),
      descending: params.get("order") === "descending"
    };
  }

  function buildBar(spec, table) {
    var bar = document.createElement("form");
    bar.className = "ioa-filters";
    bar.setAttribute("role", "search");
    bar.setAttribute("aria-label", "Filter this table");
    spec.facets.forEach(function (facet, f) {
      var label = document.createElement("label");
      var name = document.createElement("span");
      name.textContent = facet;
      var menu = document.createElement("select");
      menu.name = facet;
      menu.id = "ioa-filter-" + f;
      label.appendChild(name);
      label.appendChild(menu);
      bar.appendChild(label);
    });
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "ioa-filter-clear md-button";
    clear.textContent = "Clear filters";
    bar.appendChild(clear);
    var status = document.createElement("p");
    status.className = "ioa-filter-status";
    status.setAttribute("role", "status");
    bar.appendChild(status);
    bar.addEventListener("submit", function (event) { event.preventDefault(); });
    var box = table.closest(".md-typeset__scrollwrap") || table;
    box.parentNode.insertBefore(bar, box);
    return bar;
  }

  function makeSortable(table, state, render) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ioa-sort";
      button.textContent = cell.textContent;
      button.title = "Sort by " + cell.textContent.trim();
      cell.textContent = "";
      cell.appendChild(button);
      button.addEventListener("click", function () {
        if (state.sort === column) state.descending = !state.descending;
        else { state.sort = column; state.descending = false; }
        render();
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
