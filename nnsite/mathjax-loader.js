// MathJax 3, served by this site: configured for pymdownx.arithmatex and
// loaded only on pages that have math.
window.MathJax = {
  tex: {
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
  script.src = new URL("tex-chtml.js", document.currentScript.src).href;
  script.async = true;
  document.head.appendChild(script);
})();
