/* Filters and sorting for the collection index pages and the timeline of IO Atlas.
 *
 * A table that fits on one page holds all its rows (it reads without JavaScript) and, after it, a JSON block
 * (#ioa-index-data) with the facet values of each row, in row order. This script adds one menu per facet,
 * with how many rows each value would leave given the other filters, lets a reader sort by any column, and
 * keeps the view in the address (?Phase=1&sort=Name), so a shared link or a reload opens the same view; each
 * change is a history entry, so Back undoes it. On a served site a button downloads the rows shown, with the
 * columns of the collection's CSV (the data block names the CSV and each row's record id).
 *
 * A table split into numbered pages (scripts/ioatlas/pages/pagination.py) holds the rows of its page; its
 * JSON block says where the rows of the whole table are ("paged": rows.json beside page 1, the address of
 * every page). The script reads them, then filters, counts and sorts all the rows, shows the matching ones
 * a page at a time (?page=2) and rewrites the page links for that view; the unfiltered, unsorted view of a
 * page is the page as built. From file:// (the offline copy), where fetch() is refused, it loads the same
 * rows as a script (rows.js, written by scripts/ioatlas/offline.py) that sets window.__ioaRows. Nothing is
 * loaded from anywhere else.
 */
(function () {
  "use strict";

  var NOT_GIVEN = "Not given";  // the facet value of rows that have none (scripts/ioatlas/pages/facets.py)

  function start() {
    var data = document.getElementById("ioa-index-data");
    var table = document.querySelector("article table");
    if (!data || !table || !table.tBodies.length) return;
    var spec = JSON.parse(data.textContent);
    if (spec.paged) loadRows(spec.paged.rows, function (loaded) { paged(spec, table, loaded); });
    else inline(spec, table);
  }

  // ------------------------------------------------------------------ a table that holds all its rows

  function inline(spec, table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    if (rows.length !== spec.rows.length) return;  // the data does not describe this table
    var state = readState(spec.facets, table);
    if (spec.csv && spec.ids && location.protocol !== "file:") {
      var idOf = new Map(rows.map(function (row, i) { return [row, spec.ids[i]]; }));
      spec.shownIds = function () {  // the ids of the rows a reader sees, in the order shown
        return Array.prototype.filter.call(table.tBodies[0].rows, function (row) { return !row.hidden; })
          .map(function (row) { return idOf.get(row); });
      };
    }
    controller(spec, table, spec.rows, state, function (shown) {
      var visible = rows.map(function () { return false; });
      shown.forEach(function (i) { visible[i] = true; });
      rows.forEach(function (row, i) { row.hidden = !visible[i]; });
      sortRows(table, rows, state);
    });
  }

  function sortRows(table, rows, state) {
    var column = markSorted(table, state);
    if (column < 0) {
      rows.forEach(function (row) { row.parentNode.appendChild(row); });
      return;
    }
    var sorted = rows.slice().sort(function (a, b) {
      return compare(a.cells[column].textContent.trim(), b.cells[column].textContent.trim(), state.descending);
    });
    sorted.forEach(function (row) { row.parentNode.appendChild(row); });
  }

  // ------------------------------------------------------------------ a table split into pages

  function loadRows(url, done) {
    if (location.protocol === "file:") {
      var script = document.createElement("script");
      script.src = url.replace(/\.json$/, ".js");
      script.onload = function () { if (window.__ioaRows) done(window.__ioaRows); };
      document.head.appendChild(script);
      return;
    }
    fetch(url).then(function (response) {
      if (response.ok) response.json().then(done);
    });
  }

  function paged(spec, table, loaded) {
    var info = spec.paged, all = loaded.rows;
    if (all.length !== info.total || loaded.columns.length !== table.tHead.rows[0].cells.length) return;
    var state = readState(spec.facets, table);
    state.own = info.page;
    var base = info.rows.replace(/[^\/]*$/, "");  // the rows file's folder: its links are relative to it
    var built = table.tBodies[0], made = document.createElement("tbody");
    var pagers = Array.prototype.slice.call(document.querySelectorAll("article .ioa-pager"));
    var builtPagers = pagers.map(function (nav) { return nav.innerHTML; });
    var notes = document.querySelector("article .footnote");  // the sources of the rows as built
    var cites = document.createElement("div");
    cites.className = "footnote ioa-cites";
    cites.hidden = true;
    if (notes) notes.parentNode.insertBefore(cites, notes.nextSibling);
    var texts = [];  // per column, the text of every row's cell, for sorting (made when first needed)
    var noun = (spec.noun || ["record", "records"])[1];
    var render;

    function show(shown) {
      var column = markSorted(table, state), order = shown;
      if (column >= 0) {
        texts[column] = texts[column] || all.map(function (row) { return plain(row[0][column]); });
        order = shown.slice().sort(function (a, b) {
          return compare(texts[column][a], texts[column][b], state.descending);
        });
      }
      var pages = Math.max(1, Math.ceil(order.length / info.size));
      state.page = Math.min(state.page || 0, pages) || null;
      var page = currentPage(state);
      if (isPlain(state) && page === state.own) {  // the page as built
        swap(built);
        pagers.forEach(function (nav, n) { nav.innerHTML = builtPagers[n]; });
        if (notes) notes.hidden = false;
        cites.hidden = true;
        return;
      }
      var slice = order.slice((page - 1) * info.size, page * info.size);
      var numbers = {}, cited = [];
      made.innerHTML = slice.map(function (i) { return rowHtml(all[i], loaded.sources, numbers, cited); }).join("");
      Array.prototype.forEach.call(made.querySelectorAll("a[href]"), function (link) {
        var target = link.getAttribute("href");
        if (target.charAt(0) !== "#") link.setAttribute("href", pageHref(base + target));
      });
      swap(made);
      listCites(cited, loaded.sources);
      pagers.forEach(function (nav) { fillPager(nav, page, pages, order.length); });
    }

    function swap(body) {
      if (table.tBodies[0] !== body) table.replaceChild(body, table.tBodies[0]);
    }

    function listCites(cited, sources) {
      if (notes) notes.hidden = true;
      cites.textContent = "";
      cites.hidden = !cited.length;
      var list = document.createElement("ol");
      cited.forEach(function (id, n) {
        var item = document.createElement("li"), link = document.createElement("a");
        item.id = "ioa-cite-" + (n + 1);
        link.href = pageHref(base + sources[id][1]);
        link.textContent = sources[id][0];
        item.appendChild(link);
        list.appendChild(item);
      });
      cites.appendChild(list);
    }

    function fillPager(nav, page, pages, count) {
      nav.textContent = "";
      var first = (page - 1) * info.size + 1, last = Math.min(page * info.size, count);
      var said = count ? capital(noun) + " " + number(first) + "–" + number(last) + " of " + number(count) : "No " + noun;
      nav.appendChild(document.createTextNode(pages > 1 ? said + " (page " + page + " of " + pages + "): " : said));
      if (pages < 2) return;  // every match is shown
      [["First", 1], ["Previous", page - 1], ["Next", page + 1], ["Last", pages]].forEach(function (pair, k) {
        var target = Math.min(Math.max(pair[1], 1), pages), item;
        if (k) nav.appendChild(document.createTextNode(" · "));
        if (target === page) {
          item = document.createElement("span");
          item.className = "ioa-pager-off";
        } else if (isPlain(state)) {
          item = document.createElement("a");
          item.href = pageHref(info.pages[target - 1]);
        } else {
          item = document.createElement("a");
          item.href = "?" + query(spec, table, state, target);
          item.addEventListener("click", function (event) {
            event.preventDefault();
            state.page = target;
            render(true);
            if (nav !== pagers[0] && pagers[0]) pagers[0].scrollIntoView();
          });
        }
        item.textContent = pair[0];
        nav.appendChild(item);
      });
    }

    state.page = state.page || null;
    render = controller(spec, table, all.map(function (row) { return row[1]; }), state, show);
  }

  function rowHtml(row, sources, numbers, cited) {
    var cells = row[0].slice();
    var marks = (row[2] || []).map(function (id) {
      if (!numbers[id]) numbers[id] = cited.push(id);
      return '<sup><a class="footnote-ref" href="#ioa-cite-' + numbers[id] + '" title="' + escapeHtml(sources[id][0]) +
        '">' + numbers[id] + "</a></sup>";
    });
    if (marks.length) cells[cells.length - 1] += " " + marks.join("");
    return "<tr><td>" + cells.join("</td><td>") + "</td></tr>";
  }

  function currentPage(state) {  // the page of results shown: the built page's own when nothing is chosen
    return state.page || (isPlain(state) ? state.own : 1);
  }

  function isPlain(state) {  // the view the page was built as: no filter, no sort, no row kept out
    return state.sort < 0 && !state.filters.some(function (value) { return value; }) &&
      !(state.optional && !state.showOptional);
  }

  function pageHref(address) {  // from file:// a folder shows a listing, not its page
    return location.protocol === "file:" && /\/$/.test(address) ? address + "index.html" : address;
  }

  function plain(html) {  // the text of a cell's HTML, as textContent would read it
    var entities = { amp: "&", lt: "<", gt: ">", quot: "\"", "#x27": "'", "#39": "'" };
    return html.replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot|#x27|#39);/g, function (all, name) {
      return entities[name];
    }).trim();
  }

  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function number(value) {
    return value.toLocaleString("en-US");
  }

  function capital(word) {
    return word.charAt(0).toUpperCase() + word.slice(1);
  }

  // ------------------------------------------------------------------ filters, counts, sorting, address

  /* Build the filter bar and the sort buttons over rows whose facet values are facetRows; show(indices)
   * displays the matching rows. Returns the function that renders the view again. */
  function controller(spec, table, facetRows, state, show) {
    var bar = buildBar(spec, table);
    var status = bar.querySelector(".ioa-filter-status");
    var menus = bar.querySelectorAll("select");
    var total = facetRows.length;
    var optional = spec.optional, optionalFacet = optional ? spec.facets.indexOf(optional.facet) : -1;
    state.optional = !!optional;
    state.showOptional = optionalShown(spec);

    function matches(rowIndex, skipFacet) {
      for (var f = 0; f < spec.facets.length; f++) {
        if (f === skipFacet || !state.filters[f]) continue;
        if (facetRows[rowIndex][f].indexOf(state.filters[f]) < 0) return false;
      }
      // rows of the optional kind (publication dates on the timeline) show when asked for, or chosen as the kind
      if (optionalFacet >= 0 && skipFacet !== optionalFacet && !state.showOptional &&
          state.filters[optionalFacet] !== optional.value &&
          facetRows[rowIndex][optionalFacet].indexOf(optional.value) >= 0) return false;
      return true;
    }

    // push: a reader's change is a new history entry, so Back undoes it; the first view and Back itself
    // only rewrite the current entry
    function render(push) {
      var shown = [];
      for (var i = 0; i < total; i++) if (matches(i, -1)) shown.push(i);
      for (var f = 0; f < spec.facets.length; f++) fillMenu(menus[f], f);
      var noun = (spec.noun || ["record", "records"])[total === 1 ? 0 : 1];
      status.textContent = shown.length === total ? number(total) + " " + noun
        : number(shown.length) + " of " + number(total) + " " + noun;
      show(shown);
      var search = query(spec, table, state, state.page);
      var next = search ? "?" + search : "";
      if (push === true && next !== location.search) history.pushState(null, "", next || location.pathname);
      else history.replaceState(null, "", next || location.pathname);
    }

    function changed() {  // a new filter or order starts at its first page
      if (state.page) state.page = null;
      render(true);
    }

    if (optional) {
      var toggle = bar.querySelector(".ioa-optional input");
      toggle.checked = state.showOptional;
      toggle.addEventListener("change", function () { state.showOptional = toggle.checked; changed(); });
    }

    window.addEventListener("popstate", function () {  // Back or Forward: show the view the address holds
      var now = readState(spec.facets, table);
      state.showOptional = optionalShown(spec);
      if (optional) bar.querySelector(".ioa-optional input").checked = state.showOptional;
      state.filters = now.filters;
      state.sort = now.sort;
      state.descending = now.descending;
      state.page = now.page;
      render(false);
    });

    function fillMenu(menu, f) {
      var counts = {};
      facetRows.forEach(function (values, i) {
        if (!matches(i, f)) return;
        values[f].forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
      });
      var values = Object.keys(counts).sort(function (a, b) {  // "Not given" last, the rest by count
        return (a === NOT_GIVEN) - (b === NOT_GIVEN) || counts[b] - counts[a] || a.localeCompare(b);
      });
      if (state.filters[f] && !(state.filters[f] in counts)) values.unshift(state.filters[f]);
      menu.textContent = "";
      menu.appendChild(new Option("All", ""));
      values.forEach(function (value) {
        menu.appendChild(new Option(value + " (" + number(counts[value] || 0) + ")", value, false,
          value === state.filters[f]));
      });
      menu.value = state.filters[f] || "";
    }

    Array.prototype.forEach.call(menus, function (menu, f) {
      menu.addEventListener("change", function () { state.filters[f] = menu.value; changed(); });
    });
    bar.querySelector(".ioa-filter-clear").addEventListener("click", function () {
      state.filters = spec.facets.map(function () { return ""; });
      changed();
    });
    makeSortable(table, state, changed);
    render();
    return render;
  }

  /* The view as an address query: filters, sort, order, and the page of results when it is not the one
   * the view opens at (a split table only). */
  function optionalShown(spec) {
    return !!spec.optional && new URLSearchParams(location.search).get(spec.optional.param) === "1";
  }

  function query(spec, table, state, page) {
    var params = new URLSearchParams();
    spec.facets.forEach(function (facet, f) { if (state.filters[f]) params.set(facet, state.filters[f]); });
    if (spec.optional && state.showOptional) params.set(spec.optional.param, "1");
    if (state.sort >= 0) {
      params.set("sort", table.tHead.rows[0].cells[state.sort].textContent.trim());
      if (state.descending) params.set("order", "descending");
    }
    if (page && page !== (isPlain(state) ? state.own : 1)) params.set("page", String(page));
    return params.toString();
  }

  function markSorted(table, state) {
    var headers = table.tHead.rows[0].cells;
    for (var h = 0; h < headers.length; h++) headers[h].setAttribute("aria-sort", "none");
    if (state.sort >= 0) headers[state.sort].setAttribute("aria-sort", state.descending ? "descending" : "ascending");
    return state.sort;
  }

  /* Numbers in text compare as numbers ("2" before "10"); empty cells ("" or "—") come last in either order. */
  function compare(x, y, descending) {
    var blankX = x === "" || x === "—", blankY = y === "" || y === "—";
    if (blankX || blankY) return blankX === blankY ? 0 : blankX ? 1 : -1;
    var order = x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
    return descending ? -order : order;
  }

  function readState(facets, table) {
    var params = new URLSearchParams(location.search);
    var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (cell) {
      return cell.textContent.trim();
    });
    return {
      filters: facets.map(function (facet) { return params.get(facet) || ""; }),
      sort: headers.indexOf(params.get("sort")),
      descending: params.get("order") === "descending",
      page: parseInt(params.get("page"), 10) || 0
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
    if (spec.optional) {
      var optionalLabel = document.createElement("label");
      optionalLabel.className = "ioa-optional";
      var box = document.createElement("input");
      box.type = "checkbox";
      optionalLabel.appendChild(box);
      optionalLabel.appendChild(document.createTextNode(" " + spec.optional.label));
      bar.appendChild(optionalLabel);
    }
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "ioa-filter-clear md-button";
    clear.textContent = "Clear filters";
    bar.appendChild(clear);
    if (spec.shownIds) {
      var download = document.createElement("button");
      download.type = "button";
      download.className = "ioa-download md-button";
      download.textContent = "Download these rows (CSV)";
      download.addEventListener("click", function () { downloadRows(spec.csv, spec.shownIds()); });
      bar.appendChild(download);
    }
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

  // ------------------------------------------------------------------ download the rows shown

  /* The records of the collection's CSV (the site's own file) whose ids are shown, in the order shown: the same
   * columns, UTF-8 with a byte-order mark (Excel reads Chinese names right), rows ending in CRLF. */
  function downloadRows(csvUrl, ids) {
    fetch(csvUrl).then(function (response) { return response.text(); }).then(function (text) {
      var table = parseCsv(text.replace(/^\ufeff/, ""));
      var header = table[0], column = header.indexOf("id"), byId = {};
      table.slice(1).forEach(function (fields) { byId[fields[column]] = fields; });
      var lines = [header].concat(ids.filter(function (id) { return byId[id]; }).map(function (id) { return byId[id]; }))
        .map(function (fields) { return fields.map(quoteCsv).join(","); });
      var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = csvUrl.replace(/^.*\//, "").replace(/\.csv$/, "") + "-" + ids.length + "-rows.csv";
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    });
  }

  function parseCsv(text) {  // RFC 4180: quoted fields may hold commas, quotes ("") and line breaks
    var rows = [], fields = [], field = "", quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
        else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { fields.push(field); field = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        fields.push(field); rows.push(fields); fields = []; field = "";
      } else field += c;
    }
    if (field || fields.length) { fields.push(field); rows.push(fields); }
    return rows;
  }

  function quoteCsv(value) {
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
