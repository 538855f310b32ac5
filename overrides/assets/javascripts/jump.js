// A jump to a heading (a link to #id, or a page opened at one) lands on it.
//
// Blocks away from the screen are laid out at a placeholder height until they come
// near it (content-visibility in extra.css). The browser scrolls to the heading, the
// blocks around it render at their real height, and when the one that moved is above
// the heading, the heading is pushed down (by up to a thousand pixels on a notebook
// page). This script keeps the heading where the browser first put it while that
// happens.
(function () {
  function settle() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    // Under the header (the heading's scroll margin, as the browser's own jump); then,
    // frame by frame, put it back there whenever rendering moved it, until it has
    // stayed put for 10 frames (or 2 s).
    target.scrollIntoView();
    var place = target.getBoundingClientRect().top;
    var still = 0;
    var frame = 0;
    var reader = false;
    function stop() {
      reader = true;
    }
    window.addEventListener("wheel", stop, { once: true, passive: true });
    window.addEventListener("touchstart", stop, { once: true, passive: true });
    window.addEventListener("keydown", stop, { once: true });
    (function check() {
      requestAnimationFrame(function () {
        if (reader) return; // the reader scrolls on: leave the page where they take it
        var top = target.getBoundingClientRect().top;
        if (Math.abs(top - place) > 1) {
          window.scrollBy(0, top - place);
          still = 0;
        } else {
          still += 1;
        }
        if (still < 10 && ++frame < 120) check();
      });
    })();
  }

  window.addEventListener("hashchange", settle);
  // A page opened at a heading: the browser jumps once the page is parsed.
  if (location.hash) window.addEventListener("load", settle, { once: true });
})();
