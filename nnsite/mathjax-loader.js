// MathJax 3, served by this site: configured for pymdownx.arithmatex and loaded
// only on pages that have math. Instead of the combined tex-chtml.js (262 KB
// gzipped: every TeX package, the menu), the startup component loads just the
// TeX packages the chapters use and the CommonHTML output (about 160 KB), plus
// hidden MathML for screen readers (a11y/assistive-mml) and lazy typesetting
// (ui/lazy: a formula is typeset when it scrolls into view, so a long page is
// not blocked while every formula on it is laid out).
window.MathJax = {
  loader: {
    load: [
      "input/tex-base",
      "[tex]/ams",
      "[tex]/boldsymbol",
      "[tex]/noundefined",
      "output/chtml",
      "a11y/assistive-mml",
      "ui/lazy",
    ],
  },
  tex: {
    packages: ["base", "ams", "boldsymbol", "noundefined"],
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
    enableMenu: false,
  },
};
(function () {
  if (!document.querySelector(".arithmatex")) return;
  var script = document.createElement("script");
  script.src = new URL("startup.js", document.currentScript.src).href;
  script.async = true;
  document.head.appendChild(script);
})();
