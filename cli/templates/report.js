// The report's behaviour: cards for spans, label filters, search, marker lists. Every value from the
// data is put in the page with textContent, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var entries = data.entries;
  var card = document.getElementById("card");

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function showCard(mark) {
    var rows = [];
    var entry = mark.dataset.k ? entries[mark.dataset.k] : null;
    if (entry) {
      rows.push(["name", entry.name], ["id", mark.dataset.k]);
    } else {
      rows.push(["name", "(not linked to an entry)"]);
    }
    rows.push(["label", mark.dataset.l]);
    if (entry) {
      if (entry.kind) rows.push(["kind", entry.kind]);
      if (entry.parent) rows.push(["parent", entry.parent]);
      if (entry.province) rows.push(["province", entry.province]);
      if (entry.point) rows.push(["at", entry.point[0].toFixed(3) + ", " + entry.point[1].toFixed(3)]);
      if (entry.verified === false) rows.push(["verified", "no"]);
      rows.push(["mentions", entry.count + " in " + entry.documents + " document(s)"]);
    }
    rows.push(["ambiguous", mark.dataset.a ? "yes" : "no"]);
    if (mark.dataset.c) rows.push(["candidates", mark.dataset.c]);
    rows.push(["found by", mark.dataset.s || ""]);
    rows.push(["text", mark.textContent]);
    var dl = el("dl");
    rows.forEach(function (r) { dl.appendChild(el("dt", r[0])); dl.appendChild(el("dd", r[1])); });
    card.replaceChildren(dl);
    card.hidden = false;
    var box = mark.getBoundingClientRect();
    card.style.left = Math.max(4, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 8)) + "px";
    card.style.top = (window.scrollY + box.bottom + 6) + "px";
  }

  function hideCard() { card.hidden = true; }

  document.addEventListener("mouseover", function (e) { if (e.target.matches && e.target.matches("mark")) showCard(e.target); });
  document.addEventListener("mouseout", function (e) { if (e.target.matches && e.target.matches("mark")) hideCard(); });
  document.addEventListener("focusin", function (e) { if (e.target.matches && e.target.matches("mark")) showCard(e.target); });
  document.addEventListener("focusout", function (e) { if (e.target.matches && e.target.matches("mark")) hideCard(); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hideCard(); });

  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.dataset.filter, !box.checked);
    });
  });

  var docs = Array.prototype.slice.call(document.querySelectorAll("article.doc"));
  var search = document.getElementById("search");
  var searchCount = document.getElementById("search-count");
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    var n = 0;
    docs.forEach(function (d) {
      var hit = !q || d.textContent.toLowerCase().indexOf(q) >= 0;
      d.classList.toggle("hidden", !hit);
      if (hit) n += 1;
    });
    searchCount.textContent = q ? n + " of " + docs.length + " shown documents match" : "";
  });

  var place = document.getElementById("place");
  function listDocuments(marker) {
    var entry = entries[marker.dataset.k];
    if (!entry) return;
    var head = el("p");
    head.appendChild(el("strong", entry.name));
    head.appendChild(document.createTextNode(" (" + entry.label + "): " + entry.count + " mentions in " + entry.documents + " document(s)"));
    var list = el("ul");
    entry.listed.forEach(function (d) {
      var item = el("li");
      var name = typeof d[1] === "string" ? d[1] : JSON.stringify(d[1]);
      if (d[0] < data.shown) {
        var link = el("a", name);
        link.href = "#d" + d[0];
        item.appendChild(link);
      } else {
        item.textContent = name + " (not shown in full)";
      }
      list.appendChild(item);
    });
    place.replaceChildren(head, list);
    if (entry.documents > entry.listed.length) {
      place.appendChild(el("p", "and " + (entry.documents - entry.listed.length) + " more"));
    }
  }
  document.querySelectorAll(".marker").forEach(function (m) {
    m.addEventListener("click", function () { listDocuments(m); });
    m.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); listDocuments(m); }
    });
  });
  document.body.dataset.ready = "1";
})();
