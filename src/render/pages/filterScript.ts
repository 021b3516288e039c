// The index page's only script: source filter + text search over the list that is already in the HTML.
// Without JavaScript the controls stay hidden and every article is listed (progressive enhancement).
// Plain ES5 so that old browsers simply run it or ignore it.

export const filterScript = `
(function () {
  var form = document.getElementById("filters");
  var list = document.getElementById("articles");
  var query = document.getElementById("filter-text");
  var source = document.getElementById("filter-source");
  var count = document.getElementById("count");
  var none = document.getElementById("no-matches");
  if (!form || !list || !query || !source || !count || !none || !"".normalize) return;
  var items = Array.prototype.slice.call(list.children);
  function norm(text) { return text.normalize("NFKC").toLowerCase(); }
  var texts = items.map(function (li) { return norm(li.textContent || ""); });
  function apply() {
    var words = norm(query.value).split(/\\s+/).filter(Boolean);
    var wanted = source.value;
    var shown = 0;
    items.forEach(function (li, i) {
      var match = (!wanted || li.getAttribute("data-source") === wanted) &&
        words.every(function (word) { return texts[i].indexOf(word) !== -1; });
      li.hidden = !match;
      if (match) shown++;
    });
    count.textContent = (count.getAttribute("data-format") || "{shown}/{total}")
      .replace("{shown}", String(shown)).replace("{total}", String(items.length));
    none.hidden = shown > 0 || items.length === 0;
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.hidden = false;
  apply();
})();
`.trim();
