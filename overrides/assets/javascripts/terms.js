// Glossary terms (<abbr title="definition">) show their definition in a tooltip drawn
// like Material's, on hover and on a tap.
//
// Material's content.tooltips feature sets up every element with a title when the page
// loads, each with its own listeners and observers: on a chapter page that is 30-odd
// set-ups in the script's start-up task. Here one set of listeners on the document
// serves every term, and a tooltip is built only when a reader points at a term. The
// title stays in the HTML: without this script the browser shows it on hover.
(function () {
  var ID = "__nnsite_term";
  var tip = null; // the tooltip shown, if any
  var host = null; // the term it explains
  var leaving = 0; // timer that hides it once the pointer has left

  function termAt(node) {
    return node && node.closest ? node.closest("abbr[title], abbr[data-nnsite-title]") : null;
  }

  function hide() {
    clearTimeout(leaving);
    if (!host) return;
    host.setAttribute("title", host.getAttribute("data-nnsite-title"));
    host.removeAttribute("data-nnsite-title");
    host.removeAttribute("aria-describedby");
    var old = tip;
    old.classList.remove("md-tooltip2--active");
    setTimeout(function () {
      old.remove();
    }, 250); // Material's fade-out
    tip = host = null;
  }

  function show(term) {
    clearTimeout(leaving);
    if (term === host) return;
    hide();
    var text = term.getAttribute("title");
    // No native tooltip on top of this one while it shows.
    term.setAttribute("data-nnsite-title", text);
    term.removeAttribute("title");

    // Material's markup and custom properties: its style sheet places the tooltip below
    // the term, kept inside the screen's width.
    tip = document.createElement("div");
    tip.className = "md-tooltip2 md-tooltip2--bottom";
    tip.setAttribute("role", "tooltip");
    tip.id = ID;
    var inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    inner.textContent = text;
    tip.appendChild(inner);
    var box = term.getBoundingClientRect();
    var style = tip.style;
    style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
    style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    style.setProperty("--md-tooltip-y", 8 + box.height + "px");
    style.setProperty("--md-tooltip-tail", "0px");
    document.body.appendChild(tip);
    var size = inner.getBoundingClientRect();
    style.setProperty("--md-tooltip-width", size.width + "px");
    // Above the term when it does not fit below it on the screen (a term near the bottom).
    if (box.bottom + 8 + size.height > window.innerHeight && box.top - 8 - size.height > 0) {
      style.setProperty("--md-tooltip-y", -8 - size.height + "px");
      tip.classList.replace("md-tooltip2--bottom", "md-tooltip2--top");
    }
    term.setAttribute("aria-describedby", ID);
    host = term;
    var shown = tip;
    requestAnimationFrame(function () {
      shown.classList.add("md-tooltip2--active");
    });
  }

  // A tap fires mouseover on the tapped element too, so this covers touch screens; a tap
  // elsewhere moves the pointer off the term and hides the tooltip.
  document.addEventListener("mouseover", function (event) {
    var term = termAt(event.target);
    if (term) {
      show(term);
    } else if (host && !(tip && tip.contains(event.target))) {
      // The pointer may cross the gap to the tooltip (to select its text) without hiding it.
      clearTimeout(leaving);
      leaving = setTimeout(hide, 100);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  // The tooltip sits at the term's place in the page; a change of width moves the term.
  window.addEventListener("resize", hide);
})();
