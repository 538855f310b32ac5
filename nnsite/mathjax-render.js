// Typesets the site's TeX at build time with MathJax 3 (the CommonJS modules of the
// django-static-mathjax package, run by Node; nothing is downloaded). The reader's
// browser then gets finished CommonHTML: no MathJax script runs on any page.
//
// Protocol (nnsite/math.py drives it): one JSON request per line on stdin,
//   {"fontURL": "../assets/mathjax/fonts", "formulas": [{"tex": "...", "display": false}]}
// and one JSON answer per line on stdout,
//   {"html": ["<mjx-container ...>", ...], "css": "..."}   (the CSS of this page only)
// or {"error": "...", "index": n} for the first formula MathJax cannot parse.
"use strict";

const readline = require("readline");
const root = process.argv[2] + "/js/";
const { mathjax } = require(root + "mathjax.js");
const { TeX } = require(root + "input/tex.js");
const { CHTML } = require(root + "output/chtml.js");
const { liteAdaptor } = require(root + "adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require(root + "handlers/html.js");
const { AssistiveMmlHandler } = require(root + "a11y/assistive-mml.js");
require(root + "input/tex/base/BaseConfiguration.js");
require(root + "input/tex/ams/AmsConfiguration.js");
require(root + "input/tex/boldsymbol/BoldsymbolConfiguration.js");

const adaptor = liteAdaptor();
// Hidden MathML beside each formula, for screen readers.
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));

function page(request) {
  // A fresh document and output per page, so its style sheet holds only the
  // characters that page uses (adaptiveCSS).
  const doc = mathjax.document("", {
    InputJax: new TeX({
      packages: ["base", "ams", "boldsymbol"],
      // An unknown macro or a missing brace is an error, not red text on the page.
      formatError: (jax, err) => {
        throw err;
      },
    }),
    // In the browser MathJax scales formulas so that their x-height matches the text
    // around them; it measured 119.5 % for the site's sans-serif body text (Helvetica /
    // Arial metrics). Here nothing can be measured, so that scale is given.
    OutputJax: new CHTML({ fontURL: request.fontURL, adaptiveCSS: true, scale: 1.195 }),
  });
  const html = [];
  for (const [index, formula] of request.formulas.entries()) {
    try {
      const node = doc.convert(formula.tex, { display: formula.display });
      html.push(adaptor.outerHTML(node));
    } catch (err) {
      return { error: err.message, index };
    }
  }
  return { html, css: adaptor.textContent(doc.outputJax.styleSheet(doc)) };
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  let answer;
  try {
    answer = page(JSON.parse(line));
  } catch (err) {
    answer = { error: String(err && err.stack ? err.stack : err), index: -1 };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
