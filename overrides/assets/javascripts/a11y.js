// Accessible names that Material leaves empty, and keyboard access to regions that scroll
// sideways. Runs when the page is parsed, before Material's script (which comes later,
// partials/lazy-material.html), and checks again the tables Material wraps anew when it
// mounts ("nnsite:material").
(function () {
  // The search overlay has role="dialog": give it the name of its input.
  var dialog = document.querySelector(".md-search[role=dialog]");
  var input = document.querySelector(".md-search__input");
  if (dialog && input) dialog.setAttribute("aria-label", input.getAttribute("aria-label"));

  // With navigation.indexes, a section's <nav> is labelled by an empty <label>
  // (the section title is a link beside it): name the <nav> after its title.
  document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
    var label = document.getElementById(nav.getAttribute("aria-labelledby"));
    var title = nav.querySelector(":scope > .md-nav__title");
    if (label && !label.textContent.trim() && title) {
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", title.textContent.trim());
    }
  });

  // Repeated navigation landmarks: each level of the table of contents is a <nav>
  // named after its heading (headings repeat). They are lists inside a landmark.
  document.querySelectorAll(".md-nav--secondary nav.md-nav").forEach(
    function (nav) {
      nav.removeAttribute("aria-label");
      nav.setAttribute("role", "none");
    }
  );

  // Regions that scroll sideways must be reachable by keyboard: tables, code blocks,
  // notebook cells and notebook text outputs that overflow (display formulas get
  // tabindex when the site is built). A ResizeObserver reports each region after the
  // browser has laid it out, so this forces no layout of its own, and regions not yet
  // rendered are checked when they are.
  var overflow = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var el = entry.target;
      if (el.scrollWidth > el.clientWidth && el.tabIndex < 0) el.tabIndex = 0;
    });
  });
  function observe(selector) {
    document.querySelectorAll(selector).forEach(function (el) {
      overflow.observe(el);
    });
  }
  // Code blocks too: Material does it for them when it mounts, on screens with a
  // pointer that hovers (and takes it away on touch screens).
  observe(
    ".md-typeset__scrollwrap, .md-typeset pre > code, .jupyter-wrapper .highlight-ipynb, " +
      ".jupyter-wrapper .jp-OutputArea-output pre"
  );
  document.addEventListener("nnsite:material", function () {
    observe(".md-typeset__scrollwrap");
  });
})();
