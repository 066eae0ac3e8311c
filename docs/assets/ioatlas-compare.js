/* Compare therapies (compare/): two to four products side by side, the choice kept in the address (?ids=a,b).
 *
 * The page holds the facts of every product and regimen as a JSON data block (#ioa-compare-data, written by
 * scripts/ioatlas/pages/compare.py) and a plain table of them that reads without JavaScript. This script adds
 * one menu per column and draws the comparison above that table; it writes text only (textContent), never
 * HTML, and loads nothing from anywhere.
 */
(function () {
  "use strict";

  function start() {
    var data = document.getElementById("ioa-compare-data");
    var holder = document.getElementById("ioa-compare");
    if (!data || !holder) return;
    var spec = JSON.parse(data.textContent);
    var byId = {};
    spec.therapies.forEach(function (t) { byId[t.id] = t; });
    var form = document.createElement("form");
    form.className = "ioa-filters ioa-compare-choice";
    form.setAttribute("aria-label", "Choose the therapies to compare");
    var menus = [];
    for (var i = 0; i < spec.most; i++) {
      var label = document.createElement("label");
      var name = document.createElement("span");
      name.textContent = "Therapy " + (i + 1);
      var menu = document.createElement("select");
      menu.name = "therapy-" + (i + 1);
      menu.appendChild(new Option("—", ""));
      spec.therapies.forEach(function (t) { menu.appendChild(new Option(t.name, t.id)); });
      menu.addEventListener("change", function () { choose(true); });
      label.appendChild(name);
      label.appendChild(menu);
      form.appendChild(label);
      menus.push(menu);
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var result = document.createElement("div");
    result.className = "ioa-compare-result";
    holder.parentNode.insertBefore(form, holder);
    holder.parentNode.insertBefore(result, holder);

    function fromAddress() {
      var ids = (new URLSearchParams(location.search).get("ids") || "").split(",").filter(function (id) {
        return byId[id];
      }).slice(0, spec.most);
      menus.forEach(function (menu, m) { menu.value = ids[m] || ""; });
      draw(ids);
    }

    function choose(push) {
      var ids = menus.map(function (menu) { return menu.value; }).filter(Boolean);
      var search = ids.length ? "?ids=" + ids.join(",") : "";
      if (push && search !== location.search) history.pushState(null, "", search || location.pathname);
      draw(ids);
    }

    function draw(ids) {
      result.textContent = "";
      if (ids.length < 2) {
        var hint = document.createElement("p");
        hint.textContent = "Choose at least two therapies above.";
        result.appendChild(hint);
        return;
      }
      var chosen = ids.map(function (id) { return byId[id]; });
      var table = document.createElement("table");
      var head = table.createTHead().insertRow();
      cell(head, "th", "");
      chosen.forEach(function (t) { cell(head, "th", "").appendChild(link(t)); });
      var body = table.createTBody();
      var rows = [
        ["Chinese name", function (t) { return text(t.name_zh || "—"); }],
        ["Brand names", function (t) { return text(t.brands.join(", ") || "—"); }],
        ["Targets", function (t) { return links(t.targets); }],
        ["Modality", function (t) { return links(t.modality); }],
        ["Developers", function (t) { return links(t.developers); }],
        ["Stage in China", function (t) { return text(t.stage || "—"); }],
        ["Approvals", function (t) { return list(t.approvals, approval); }],
        ["Trials and studies", function (t) { return list(t.trials, trial); }],
        ["Sources cited", function (t) { return text(String(t.sources)); }]
      ];
      rows.forEach(function (row) {
        var tr = body.insertRow();
        cell(tr, "th", row[0]).scope = "row";
        chosen.forEach(function (t) { cell(tr, "td", "").appendChild(row[1](t)); });
      });
      var wrap = document.createElement("div");
      wrap.className = "md-typeset__scrollwrap";
      var inner = document.createElement("div");
      inner.className = "md-typeset__table";
      inner.appendChild(table);
      wrap.appendChild(inner);
      result.appendChild(wrap);
    }

    function cell(row, tag, content) {
      var c = document.createElement(tag);
      c.textContent = content;
      row.appendChild(c);
      return c;
    }

    function text(value) { return document.createTextNode(value); }

    function link(item) {
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.name;
      return a;
    }

    function links(items) {
      if (!items.length) return text("—");
      var span = document.createElement("span");
      items.forEach(function (item, i) {
        if (i) span.appendChild(text(", "));
        span.appendChild(link(item));
      });
      return span;
    }

    function list(items, render) {
      if (!items.length) return text("—");
      var ul = document.createElement("ul");
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.appendChild(render(item));
        ul.appendChild(li);
      });
      return ul;
    }

    function approval(a) {
      var span = document.createElement("span");
      span.appendChild(text(a.date + ", " + a.agency + (a.indication ? ": " + a.indication : "") + " ("));
      a.sources.forEach(function (source, i) {
        if (i) span.appendChild(text("; "));
        span.appendChild(link(source));
      });
      span.appendChild(text(")"));
      return span;
    }

    function trial(t) {
      var span = document.createElement("span");
      span.appendChild(link(t));
      if (t.phase) span.appendChild(text(" (phase " + t.phase + ")"));
      return span;
    }

    window.addEventListener("popstate", fromAddress);
    fromAddress();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
