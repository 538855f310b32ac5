// The light/dark switch in the header, in place of Material's palette component.
//
// Material's component, mounted on every page load, marks <body> (which restyles every
// element of the page), reads the header's computed style, changes <meta name=
// "color-scheme"> and reads it again: on a long chapter page that is two or three full
// style recalculations while the page is still loading. This script does the same job
// and touches <body> and the <meta> tags only when the palette really changes. It keeps Material's storage
// format (__md_get / __md_set, key "__palette"), so Material's inline script in <head>
// still applies the reader's choice before the first paint.
(function () {
  var form = document.querySelector("form[data-nnsite-palette]");
  if (!form) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name=__palette]"));
  if (!inputs.length) return;
  var current = -1;

  // Until the reader chooses, follow the system (each input names its media query).
  var saved = __md_get("__palette");
  var start = saved && typeof saved.index === "number" ? saved.index : -1;
  if (start < 0) {
    start = inputs.findIndex(function (input) {
      return matchMedia(input.getAttribute("data-md-color-media")).matches;
    });
  }

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    if (!el) {
      el = document.createElement("meta");
      el.name = name;
      document.head.appendChild(el);
    }
    return el;
  }

  // The browser's toolbar follows the header's colour. The page starts with the right
  // <meta name="theme-color"> (overrides/main.html); it is updated, once the new colours
  // are drawn, only when the reader switches. (The root element's color-scheme follows
  // <body> through a rule in extra.css.)
  function updateThemeColor() {
    var rgb = getComputedStyle(document.querySelector("header")).backgroundColor;
    var hex = (rgb.match(/\d+/g) || []).slice(0, 3).map(function (c) {
      return (+c).toString(16).padStart(2, "0");
    });
    meta("theme-color").content = "#" + hex.join("");
  }

  function apply(index, chosen) {
    index = Math.max(0, Math.min(index, inputs.length - 1));
    var input = inputs[index];
    var color = {
      media: input.getAttribute("data-md-color-media"),
      scheme: input.getAttribute("data-md-color-scheme"),
      primary: input.getAttribute("data-md-color-primary"),
      accent: input.getAttribute("data-md-color-accent"),
    };
    var body = document.body;
    // (No style rule reads data-md-color-media: setting it restyles nothing.)
    if (body.getAttribute("data-md-color-media") !== color.media) {
      body.setAttribute("data-md-color-media", color.media);
    }
    var styled = ["scheme", "primary", "accent"];
    var changed = styled.some(function (key) {
      return body.getAttribute("data-md-color-" + key) !== color[key];
    });
    if (changed) {
      // No colour transitions while everything changes colour at once.
      body.setAttribute("data-md-color-switching", "");
      styled.forEach(function (key) {
        body.setAttribute("data-md-color-" + key, color[key]);
      });
      requestAnimationFrame(function () {
        body.removeAttribute("data-md-color-switching");
        if (chosen) updateThemeColor();
      });
    }
    input.checked = true;
    // The button shown is the one beside the current palette: it switches to the next.
    inputs.forEach(function (other, i) {
      var label = other.nextElementSibling;
      if (label instanceof HTMLElement) label.hidden = i !== index;
    });
    current = index;
    if (chosen) __md_set("__palette", { index: index, color: color });
  }

  apply(start, false);
  form.addEventListener("change", function (event) {
    var index = inputs.indexOf(event.target);
    if (index >= 0) apply(index, true);
  });
  // Enter on the focused switch moves to the next palette, as with Material's.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
