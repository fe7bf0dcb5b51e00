/* Progressive enhancement: organization names as the reader types (the search works
   without it). Fills the input's <datalist>; the browser shows the list. */
(function () {
  var input = document.getElementById("search-q");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var url = input.getAttribute("data-suggest-url");
  var lang = document.documentElement.lang === "zh-Hant" ? "zh-hant" : "zh-hans";
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var text = input.value.trim();
      if (!text || text === last) return;
      last = text;
      fetch(url + "?lang=" + lang + "&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (data.query !== input.value.trim()) return;
          list.textContent = "";
          data.results.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.title;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are optional */ });
    }, 150);
  });
})();
