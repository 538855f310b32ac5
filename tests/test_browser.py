"""The built site in a real browser (Debian's Chromium through Playwright): search,
language switch, exercise answers, figures, console, keyboard, privacy and axe-core.

Every page of both languages is visited once (the `visits` fixture); the tests on
figures, console, requests and accessibility read what that visit recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import DOCS
from tests.test_site import html_pages, serve

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
# Rules that depend on colour only: run again with the dark palette.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]

# Concept -> the section page that must come among the first three search results.
SEARCH_ES = {
    # Chapter 10
    "McCulloch y Pitts": "ch10/neuronas-logicas/",
    "perceptrón": "ch10/perceptron/",
    "escalón de Heaviside": "ch10/perceptron/",
    "retropropagación": "ch10/mlp-retropropagacion/",
    "diferenciación automática en modo inverso": "ch10/mlp-retropropagacion/",
    "softmax": "ch10/mlp-regresion-clasificacion/",
    "clasificación multietiqueta": "ch10/mlp-regresion-clasificacion/",
    "API secuencial": "ch10/keras-secuencial/",
    "MLP de regresión": "ch10/keras-regresion/",
    "API funcional": "ch10/keras-funcional/",
    "wide & deep": "ch10/keras-funcional/",
    "subclases": "ch10/keras-funcional/",
    "EarlyStopping": "ch10/guardar-callbacks/",
    "ModelCheckpoint": "ch10/guardar-callbacks/",
    "Keras Tuner": "ch10/hiperparametros/",
    "Hyperband": "ch10/hiperparametros/",
    # Chapter 11
    "inicialización de He": "ch11/gradientes-inicializacion/",
    "Glorot": "ch11/gradientes-inicializacion/",
    "leaky ReLU": "ch11/activaciones/",
    "SELU": "ch11/activaciones/",
    "GELU": "ch11/activaciones/",
    "normalización por lotes": "ch11/normalizacion-lotes/",
    "recorte del gradiente": "ch11/recorte-gradiente/",
    "clipnorm": "ch11/recorte-gradiente/",
    "transferencia de aprendizaje": "ch11/transferencia/",
    "Nadam": "ch11/optimizadores/",
    "Nesterov": "ch11/optimizadores/",
    "1cycle": "ch11/tasa-aprendizaje/",
    "ReduceLROnPlateau": "ch11/tasa-aprendizaje/",
    "dropout MC": "ch11/regularizacion/",
    "max-norm": "ch11/regularizacion/",
}
SEARCH_EN = {
    "backpropagation": "ch10/mlp-retropropagacion/",
    "perceptron": "ch10/perceptron/",
    "Keras Tuner": "ch10/hiperparametros/",
    "batch normalization": "ch11/normalizacion-lotes/",
    "gradient clipping": "ch11/recorte-gradiente/",
    "transfer learning": "ch11/transferencia/",
}
EXERCISE_PAGES = ["ch10/ejercicios/", "ch11/ejercicios/"]


# --- Fixtures: one server, one browser, one visit of every page ------------------------------


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname == "127.0.0.1"


@pytest.fixture
def page(browser: Browser):
    """A fresh page; anything that tries to leave 127.0.0.1 is refused, not waited for."""
    context = browser.new_context()
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def site_paths(site: Path) -> list[str]:
    """URL paths of every built page of both languages: '', 'ch10/perceptron/', 'en/'."""
    paths = []
    for page in html_pages(site):
        rel = page.relative_to(site).parent.as_posix()
        paths.append("" if rel == "." else rel + "/")
    return paths


@dataclass
class Visit:
    """What the browser saw while loading one page."""

    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # failed requests, HTTP errors
    console: list[str] = field(default_factory=list)  # console errors, uncaught exceptions
    images: int = 0
    broken_images: list[str] = field(default_factory=list)
    unsized_images: list[str] = field(default_factory=list)  # no size, or a wrong one
    axe: dict[str, list[str]] = field(default_factory=dict)  # palette -> violations
    formulas: int = 0  # arithmatex blocks on the page
    math_problems: list[str] = field(default_factory=list)  # untypeset or TeX errors


AXE_RUN = """async (rules) => {
  const options = {resultTypes: ["violations"]};  // passes are not collected: much faster
  if (rules) options.runOnly = {type: "rule", values: rules};
  const {violations} = await axe.run(document, options);
  // A table header that holds only a formula: MathJax draws it with CSS (no visible text
  // for axe) and gives assistive technology its MathML, so it is not empty.
  const formula = (target) => {
    const el = document.querySelector(target);
    if (!el || !el.querySelector("mjx-container")) return false;
    const text = el.cloneNode(true);
    text.querySelectorAll("mjx-container").forEach((math) => math.remove());
    return !text.textContent.trim();
  };
  return violations.flatMap((v) =>
    v.nodes
      .filter((n) => !(v.id === "empty-table-header" && formula(n.target.join(" "))))
      .map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")}: ${n.failureSummary}`));
}"""

SETTLED = """async () => {
  // Web fonts (MathJax's among them, on pages with math) loaded, for at most 15 s.
  await Promise.race([document.fonts.ready, new Promise((r) => setTimeout(r, 15000))]);
}"""


RENDER_ALL = """async () => {
  // Paragraphs, formulas, figures and code are rendered when they come near the screen
  // (content-visibility: auto); until then Chromium keeps their old computed style.
  // Scroll through the page, as a reader would, so that every block is rendered.
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    window.scrollTo(0, y);
    await frame();
  }
  window.scrollTo(0, 0);
  await frame();
  // Back at the top, Material fades the page title out of the header (250 ms).
  await new Promise((r) => setTimeout(r, 500));
}"""


MATH = """async () => {
  // Formulas are typeset when the site is built: each arithmatex block must hold
  // MathJax's output, with hidden MathML for screen readers, and no TeX error
  // (mjx-merror); and every MathJax font the page asked for must have loaded.
  const blocks = [...document.querySelectorAll(".arithmatex")];
  const problems = blocks
    .filter((b) => !b.querySelector("mjx-container mjx-assistive-mml math")
      || b.querySelector("mjx-merror"))
    .map((b) => b.textContent.trim().slice(0, 80));
  // Blocks are rendered, and their fonts fetched, as they come near the screen
  // (content-visibility): the page has been scrolled through (RENDER_ALL).
  await Promise.race([document.fonts.ready, new Promise((r) => setTimeout(r, 15000))]);
  const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, "").startsWith("MJX"));
  faces.filter((f) => f.status === "error").forEach((f) => problems.push(`font ${f.family}`));
  const loaded = faces.filter((f) => f.status === "loaded").length;
  if (blocks.length && !loaded) problems.push("no MathJax font loaded");
  return [blocks.length, problems];
}"""


IMAGES = """async () => {
  // Figures are lazy: ask for all of them now, and wait (at most 15 s) until each is done.
  const images = [...document.images];
  images.forEach((img) => { img.loading = "eager"; });
  const done = (img) => img.complete || new Promise((r) => { img.onload = img.onerror = r; });
  await Promise.race([Promise.all(images.map(done)), new Promise((r) => setTimeout(r, 15000))]);
  // A figure's width/height attributes (written at build time) must give its real
  // aspect ratio, or its reserved box would not fit it.
  const fits = (img) => !img.hasAttribute("width") || Math.abs(
    img.getAttribute("width") / img.getAttribute("height") - img.naturalWidth / img.naturalHeight
  ) < 0.01 * (img.naturalWidth / img.naturalHeight);
  return images.map((img) => [
    img.getAttribute("src").slice(0, 120), img.naturalWidth > 0, fits(img),
    img.hasAttribute("width"),  // notebook outputs (data: URLs) too
  ]);
}"""


def visit(page: Page, url: str, dark: bool) -> Visit:
    seen = Visit()

    def on_response(response):
        if response.status >= 400:
            seen.failures.append(f"{response.url}: HTTP {response.status}")

    def on_console(message):
        if message.type == "error":
            seen.console.append(message.text)

    page.on("request", lambda request: seen.requests.append(request.url))
    page.on(
        "requestfailed", lambda request: seen.failures.append(f"{request.url}: {request.failure}")
    )
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.console.append(f"uncaught: {error}"))
    page.goto(url, wait_until="load")
    page.evaluate(SETTLED)
    page.evaluate(RENDER_ALL)
    seen.formulas, seen.math_problems = page.evaluate(MATH)
    images = page.evaluate(IMAGES)
    seen.images = len(images)
    seen.broken_images = [src for src, ok, _, _ in images if not ok]
    seen.unsized_images = [src for src, _, fits, sized in images if not (fits and sized)]
    page.add_script_tag(path=str(AXE_JS))
    seen.axe["light"] = page.evaluate(AXE_RUN, None)
    if dark:
        # Material's palette toggle switches this attribute; colours follow from it alone.
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        page.wait_for_timeout(500)  # Material's colour transitions take 250 ms
        page.evaluate(RENDER_ALL)  # blocks away from the screen restyle when they render
        seen.axe["dark"] = page.evaluate(AXE_RUN, COLOUR_RULES)
    page.wait_for_load_state("networkidle")
    return seen


@pytest.fixture(scope="module")
def visits(browser, built_site, site_url) -> dict[str, Visit]:
    """Every page of both languages, visited once in a fresh page: what each one did.
    The dark palette's colours are checked on the Spanish pages (same theme in English)."""
    paths = site_paths(built_site)
    assert any(p.startswith("en/") for p in paths) and len(paths) > 10
    context = browser.new_context(color_scheme="light")
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    found = {}
    for path in paths:
        page = context.new_page()
        found[path] = visit(page, site_url + path, dark=not path.startswith("en/"))
        page.close()
    context.close()
    return found


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"/{path}\n    " + "\n    ".join(lines) for path, lines in problems.items())


# --- Every page: figures, console, requests, accessibility ------------------------------------


def test_every_figure_loads(visits):
    broken = {path: v.broken_images for path, v in visits.items() if v.broken_images}
    assert not broken, "images that did not load:\n" + report(broken)
    assert sum(v.images for v in visits.values()) > 0


def test_every_figure_has_its_size_before_it_loads(visits):
    unsized = {path: v.unsized_images for path, v in visits.items() if v.unsized_images}
    assert not unsized, "figures without width/height, or with the wrong ratio:\n" + report(unsized)


def test_every_formula_is_typeset_without_error(visits):
    problems = {path: v.math_problems for path, v in visits.items() if v.math_problems}
    assert not problems, "formulas not typeset, or with TeX errors:\n" + report(problems)
    assert sum(v.formulas for v in visits.values()) > 50


def test_console_stays_clean_and_no_request_fails(visits):
    problems = {
        path: v.console + v.failures for path, v in visits.items() if v.console + v.failures
    }
    assert not problems, "console errors and failed requests:\n" + report(problems)


def test_no_request_leaves_the_site(visits):
    outside = {
        path: sorted({url for url in v.requests if not is_local(url)})
        for path, v in visits.items()
        if not all(is_local(url) for url in v.requests)
    }
    assert not outside, "requests to other hosts:\n" + report(outside)
    assert all(v.requests for v in visits.values())


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_violation(visits, palette):
    violations = {path: v.axe[palette] for path, v in visits.items() if v.axe.get(palette)}
    assert not violations, f"axe-core, {palette} palette:\n" + report(violations)


# --- Search ----------------------------------------------------------------------------------

SEARCH_STATE = """() => {
  const meta = document.querySelector(".md-search-result__meta").textContent.trim();
  const links = [...document.querySelectorAll(".md-search-result__item > a:first-child")];
  return [meta, links.map((a) => a.href.split(/[?#]/)[0])];  // drop ?h= (highlight) and #anchor
}"""
# The result counter ("3 documentos encontrados") or "nothing found", in either language.
SEARCH_DONE = re.compile(r"\d|^No se encontraron|^No matching")


def results(page: Page) -> list[str]:
    """The URLs of the result pages, best first, once the search worker's answer settles."""
    previous = None
    for _ in range(100):
        page.wait_for_timeout(100)
        state = page.evaluate(SEARCH_STATE)
        if SEARCH_DONE.search(state[0]) and state == previous:
            return state[1]
        previous = state
    raise AssertionError(f"search results never settled: {previous}")


def search(page: Page, query: str) -> list[str]:
    """Click Material's search box, type a query, and read the results."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    box.fill("")
    box.press_sequentially(query)
    return results(page)


def placeholder(path: str, english: bool = False) -> bool:
    """A page still being written: its Markdown holds nothing but its heading."""
    source = DOCS / (path.rstrip("/") + (".en.md" if english else ".md"))
    lines = [ln for ln in source.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return all(ln.startswith("#") for ln in lines)


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context()
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    pages = {}

    def open_at(path: str) -> Page:
        if path not in pages:
            pages[path] = context.new_page()
            pages[path].goto(site_url + path)
        return pages[path]

    yield open_at
    context.close()


@pytest.mark.parametrize("root", ["", "en/"])
def test_search_index_waits_until_the_reader_searches(browser, site_url, root):
    """The page loads without the index (overrides/partials/lazy-search.html); going to the
    search box fetches this language's index once, and the search then answers; a page
    opened from a search result (?h=) fetches it at once to highlight the terms."""
    context = browser.new_context()
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    asked: list[str] = []
    context.on("request", lambda r: asked.append(r.url) if "search_index" in r.url else None)
    page = context.new_page()
    page.goto(site_url + root + "ch10/perceptron/", wait_until="load")
    page.wait_for_load_state("networkidle")
    assert asked == [], f"the index was fetched before any search: {asked}"
    found = search(page, "perceptron")
    assert asked == [site_url + root + "search/search_index.json"]
    assert found and all(url.startswith(site_url + root) for url in found)
    highlighted = context.new_page()
    highlighted.goto(site_url + root + "ch10/perceptron/?h=perceptron", wait_until="load")
    highlighted.wait_for_load_state("networkidle")
    assert asked.count(site_url + root + "search/search_index.json") == 2
    context.close()


def check_search(open_page, site_url, root, query, expected, english):
    found = search(open_page(root), query)
    other = [url for url in found if url.startswith(site_url + "en/") != english]
    assert found and not other, f"{query!r}: results in the other language: {other}"
    top = [url[len(site_url + root) :] for url in found[:3]]
    note = " (the page is still a placeholder)" if placeholder(expected, english) else ""
    assert expected in top, f"{query!r}: {expected} not among the first three results {top}{note}"


@pytest.mark.parametrize("query, expected", SEARCH_ES.items(), ids=list(SEARCH_ES))
def test_search_finds_the_section_in_spanish(search_page, site_url, query, expected):
    check_search(search_page, site_url, "", query, expected, english=False)


@pytest.mark.parametrize("query, expected", SEARCH_EN.items(), ids=list(SEARCH_EN))
def test_search_finds_the_section_in_english(search_page, site_url, query, expected):
    check_search(search_page, site_url, "en/", query, expected, english=True)


# --- Language switch, answers, keyboard ------------------------------------------------------


def switch_language(page: Page, lang: str) -> None:
    page.locator(".md-header .md-select > button").click()
    page.locator(f".md-header .md-select a[hreflang={lang}]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("path", ["", "ch10/mlp-retropropagacion/", "ch11/"])
def test_language_switch_keeps_the_reader_on_the_same_page(page, site_url, path):
    page.goto(site_url + path)
    switch_language(page, "en")
    assert page.url == site_url + "en/" + path
    assert page.locator("html").get_attribute("lang") == "en"
    switch_language(page, "es")
    assert page.url == site_url + path
    assert page.locator("html").get_attribute("lang") == "es"


@pytest.mark.parametrize("system", ["light", "dark"])
def test_palette_follows_the_system_until_the_reader_chooses(browser, site_url, system):
    """The light/dark switch (overrides/assets/javascripts/palette.js): the first visit
    follows the system's preference; a click switches and is remembered; Enter on the
    focused switch switches back."""
    context = browser.new_context(color_scheme=system)
    page = context.new_page()
    page.goto(site_url + "ch10/perceptron/", wait_until="load")
    first, other = ("default", "slate") if system == "light" else ("slate", "default")

    def scheme() -> str:
        return page.evaluate("document.body.getAttribute('data-md-color-scheme')")

    def background() -> str:
        return page.evaluate("getComputedStyle(document.body).backgroundColor")

    def theme_color_matches_header() -> bool:
        return page.evaluate(
            """() => {
              const rgb = getComputedStyle(document.querySelector("header")).backgroundColor;
              const hex = rgb.match(/\\d+/g).slice(0, 3)
                .map((c) => (+c).toString(16).padStart(2, "0")).join("");
              return document.querySelector("meta[name=theme-color]").content === "#" + hex;
            }"""
        )

    assert scheme() == first and theme_color_matches_header()
    before = background()
    switch = page.locator("form[data-nnsite-palette] label:not([hidden])")
    assert switch.count() == 1
    switch.click()
    assert scheme() == other and background() != before
    page.wait_for_timeout(200)  # the toolbar colour follows after the next frame
    assert theme_color_matches_header()
    root = page.evaluate("getComputedStyle(document.documentElement).colorScheme")
    assert root == ("dark" if other == "slate" else "normal"), root
    page.reload(wait_until="load")
    assert scheme() == other, "the reader's choice was not kept"
    page.locator("form[data-nnsite-palette] input:checked").focus()
    page.keyboard.press("Enter")
    assert scheme() == first and background() == before
    context.close()


def answers(page: Page, site_url: str) -> list[str]:
    """Exercise pages (of both chapters) that hold collapsed answers."""
    found = []
    for path in EXERCISE_PAGES:
        page.goto(site_url + path)
        if page.locator("article details").count():
            found.append(path)
    assert found, f"no collapsed answer (??? success) on {EXERCISE_PAGES} yet"
    return found


def test_an_exercise_answer_opens_on_click(page, site_url):
    for path in answers(page, site_url):
        page.goto(site_url + path)
        details = page.locator("article details").first
        assert details.get_attribute("open") is None, f"{path}: answer shown before asked"
        details.locator("summary").click()
        assert details.get_attribute("open") is not None, path
        assert details.locator(":scope > :not(summary)").first.is_visible(), path


def test_keyboard_alone_reaches_the_search(page, site_url):
    page.goto(site_url)
    page.keyboard.press("/")  # Material's shortcut (also "s" and "f")
    page.wait_for_function("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("perceptrón")
    best = results(page)[0]
    page.keyboard.press("Enter")  # opens the best result
    page.wait_for_url(lambda url: re.split(r"[?#]", url)[0] == best)


def test_keyboard_alone_opens_an_answer(page, site_url):
    path = answers(page, site_url)[0]
    page.goto(site_url + path)
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('article details > summary')"):
            break
    else:
        pytest.fail(f"/{path}: Tab never reached an answer's summary")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.parentElement.open")


@pytest.mark.parametrize(
    "path, copied",
    [
        ("ch11/regularizacion/", "Copiado al portapapeles"),
        ("en/ch10/keras-secuencial/", "Copied to clipboard"),
    ],
)
def test_copy_button_copies_the_code_block(browser, site_url, path, copied):
    """The copy buttons written at build time (nnsite/codecopy.py) work through Material's
    clipboard integration: one per block once Material's script has run, the block's text
    on the clipboard, Material's message on screen."""
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_function("document.querySelector('pre[id^=__code_]')")  # Material mounted
        counts = page.eval_on_selector_all(
            "article div.highlight > pre",
            "els => els.map(e => e.querySelectorAll('button').length)",
        )
        assert counts and set(counts) == {1}, counts
        block = page.locator("article div.highlight > pre").first
        block.scroll_into_view_if_needed()
        block.locator("button.md-code__button").click()
        expect(page.locator(".md-dialog")).to_contain_text(copied)
        clipboard = page.evaluate("navigator.clipboard.readText()")
        code = block.locator("code").evaluate("el => el.innerText")
        assert clipboard == code.rstrip() and "import" in clipboard
    finally:
        context.close()


# --- Material's script on a phone: fetched at the reader's first gesture ---------------------
# overrides/partials/lazy-material.html

PHONE = {"viewport": {"width": 412, "height": 1000}, "is_mobile": True, "has_touch": True}
LOADER = "script[data-nnsite-bundle]"
MOUNTED = f"document.querySelector('{LOADER}').dataset.nnsiteState === 'mounted'"
# Where everything drawn in the article and the header sits, every block rendered.
LAYOUT = """() => {
  const style = document.createElement("style");
  style.textContent = "* { content-visibility: visible !important; }";
  document.head.append(style);
  return [...document.querySelectorAll("article > *, article table, .md-header *")]
    .map((e) => [e, e.getBoundingClientRect()])
    .filter(([e, r]) => r.width > 0 || r.height > 0)
    .map(([e, r]) => [e.tagName, e.className, r.top + scrollY, r.left, r.width, r.height]
      .join(" "));
}"""


@pytest.fixture
def phone(browser, site_url):
    """Open a page on a phone: returns the page and the list of its requests for
    Material's script."""
    context = browser.new_context(**PHONE)
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))

    def open_at(path: str) -> tuple[Page, list[str]]:
        page = context.new_page()
        page.set_default_timeout(15_000)
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url) if "/bundle." in r.url else None)
        page.goto(site_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        return page, asked

    yield open_at
    context.close()


@pytest.mark.parametrize("path", ["ch11/regularizacion/", "en/ch10/perceptron/"])
def test_on_a_phone_material_waits_for_the_first_gesture(phone, path):
    """Until the reader does something, Material's script is not fetched, and the page
    passes axe as it is; at the first key it is fetched once and mounts, and nothing in
    the article or the header moves."""
    page, asked = phone(path)
    page.wait_for_timeout(500)
    state = page.evaluate(f"document.querySelector('{LOADER}').dataset.nnsiteState")
    assert asked == [] and state == "waiting"
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(AXE_RUN, None)
    assert not violations, "axe-core before Material's script:\n" + report({path: violations})
    before = page.evaluate(LAYOUT)
    page.keyboard.press("Shift")
    page.wait_for_function(MOUNTED)
    assert len(asked) == 1
    page.wait_for_timeout(300)
    after = page.evaluate(LAYOUT)
    assert len(before) == len(after) > 50
    moved = [f"{a} -> {b}" for a, b in zip(before, after, strict=True) if a != b]
    assert not moved, moved[:5]


def test_on_a_phone_the_first_tap_on_search_opens_it_ready_to_type(phone, site_url):
    page, asked = phone("ch10/perceptron/")
    page.locator("label.md-header__button[for=__search]").tap()
    # Focused within the tap itself: a phone opens its keyboard only then.
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("dropout MC")
    found = results(page)
    assert site_url + "ch11/regularizacion/" in found[:3], found
    assert len(asked) == 1


def test_on_a_phone_the_first_tap_on_a_copy_button_copies(phone):
    page, asked = phone("ch10/keras-regresion/")
    block = page.locator("article div.highlight > pre").first
    assert asked == [] and block.locator("button.md-code__button").is_visible()
    block.locator("button.md-code__button").tap()
    expect(page.locator(".md-dialog")).to_contain_text("Copiado al portapapeles")
    clipboard = page.evaluate("navigator.clipboard.readText()")
    assert clipboard == block.locator("code").evaluate("el => el.innerText").rstrip()


def test_on_a_phone_a_shortcut_as_the_first_key_acts(phone):
    page, asked = phone("ch10/perceptron/")
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement.matches('input.md-search__input')")
    assert page.evaluate("document.querySelector('[data-md-toggle=search]').checked")


def test_wider_screens_get_material_at_once(browser, site_url):
    """From 60em Material sizes the sidebars: its script comes with the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + "ch11/regularizacion/", wait_until="load")
        page.wait_for_function(MOUNTED)
        toc = page.locator(".md-sidebar--secondary .md-sidebar__scrollwrap")
        height = toc.evaluate("el => el.style.height")
        assert height.endswith("px"), height
    finally:
        context.close()


SIDEWAYS = """() => {
  // Every block laid out at once (content-visibility would clip, not show, what is too
  // wide); then the elements that reach past the screen's right edge without a
  // scrolling box of their own around them.
  const style = document.createElement("style");
  style.textContent = "* { content-visibility: visible !important; }";
  document.head.append(style);
  const width = document.documentElement.clientWidth;
  const inScroller = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return true;
    }
    return false;
  };
  // MathJax's hidden MathML (for screen readers, clipped to nothing) may stick out by
  // a pixel past a formula that fits: it is not drawn, so neither it nor 1 px counts.
  const wide = [...document.querySelectorAll(".md-content *")].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1 && !inScroller(el)
      && !el.closest("mjx-assistive-mml");
  });
  return [document.documentElement.scrollWidth - width - 1,
          wide.slice(0, 3).map((el) => `${el.tagName}: ${el.textContent.trim().slice(0, 60)}`)];
}"""


def test_no_page_scrolls_sideways_on_a_narrow_phone(browser, built_site, site_url):
    """At 320 px, wide formulas, tables and code scroll inside their own box: the page
    itself never scrolls sideways (an inline formula cannot wrap: split it or display it)."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    page = context.new_page()
    problems = {}
    for path in site_paths(built_site):
        page.goto(site_url + path, wait_until="load")
        overflow, wide = page.evaluate(SIDEWAYS)
        if overflow > 0 or wide:
            problems[path] = [f"the page is {overflow} px wider than the screen", *wide]
    context.close()
    assert not problems, report(problems)


OUTPUT_LINES = """() => {
  // Each text output of a notebook page: its lines, the lines it takes on screen (its
  // height over its line height), whether it scrolls sideways, and its tabindex.
  return [...document.querySelectorAll(".jp-OutputArea-output pre")].map((pre) => {
    const lines = pre.textContent.replace(/\\n$/, "").split("\\n").length;
    const shown = Math.round(pre.clientHeight / parseFloat(getComputedStyle(pre).lineHeight));
    return [pre.textContent.slice(0, 40), lines, shown, pre.scrollWidth > pre.clientWidth,
            pre.tabIndex];
  });
}"""


@pytest.mark.parametrize("path", ["ch11/cuaderno/", "en/ch10/cuaderno/"])
def test_notebook_text_outputs_keep_their_lines_on_a_phone(browser, site_url, path):
    """A printed table or training log keeps one line per line on a 412 px screen (it
    scrolls sideways in its own box, reachable by keyboard), where nbconvert's style cut
    every row of the initialisation table in two."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    page.evaluate(RENDER_ALL)
    outputs = page.evaluate(OUTPUT_LINES)
    context.close()
    assert len(outputs) >= 5, outputs
    wrapped = [(text, lines, shown) for text, lines, shown, _, _ in outputs if shown != lines]
    assert not wrapped, wrapped
    wide = [(text, tabindex) for text, _, _, scrolls, tabindex in outputs if scrolls]
    assert wide, "no output is wider than the phone: the test no longer checks scrolling"
    assert all(tabindex == 0 for _, tabindex in wide), wide


@pytest.mark.parametrize("path", ["ch10/cuaderno/", "ch11/regularizacion/"])
def test_axe_contrast_holds_before_the_page_is_scrolled(browser, site_url, path):
    """As Lighthouse runs axe: on a phone, right after load, blocks below the screen not
    rendered yet. Their contents' boxes reach past their placeholders; axe, which finds
    an element's background from boxes, once took a notebook cell for the footer's."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(AXE_RUN, COLOUR_RULES)
    context.close()
    assert not violations, "\n".join(violations)


JUMP = """async (id) => {
  // After a click in the table of contents: where the heading ends up once what the
  // jump brought near the screen has been rendered (and whether the page is at its end).
  await new Promise((r) => setTimeout(r, 2500));  // jump.js gives up after 2 s
  const top = document.getElementById(id).getBoundingClientRect().top;
  const end = innerHeight + scrollY >= document.documentElement.scrollHeight - 2;
  return [Math.round(top), end];
}"""


@pytest.mark.parametrize("path", ["ch10/cuaderno/", "en/ch11/cuaderno/"])
def test_table_of_contents_jumps_land_on_their_heading(browser, site_url, path):
    """Notebook pages: cells are rendered as they come near the screen and their figures
    load lazily; a jump to a heading must still end with the heading under the header
    (every third entry of the table of contents, from a fresh load: by a click, or by
    opening the page at the heading; overrides/assets/javascripts/jump.js)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + path)
    links = page.eval_on_selector_all(
        ".md-sidebar--secondary a.md-nav__link", "els => els.map(e => e.hash.slice(1))"
    )
    assert len(links) > 10
    missed = []
    for number, anchor in enumerate(links[::3]):
        if number % 2:  # a page opened at the heading
            page.goto(f"{site_url}{path}#{anchor}", wait_until="load")
            how = "opened at"
        else:  # a click in the table of contents
            page.goto(site_url + path)
            page.locator(f'.md-sidebar--secondary a[href="#{anchor}"]').first.click()
            how = "clicked"
        top, end = page.evaluate(JUMP, anchor)
        if not (0 <= top <= 120 or (end and top > 0)):
            missed.append(f"{how} #{anchor}: heading at {top} px from the top")
    context.close()
    assert not missed, "\n".join(missed)


def _term_tooltip(page: Page, term) -> dict | None:
    """The glossary tooltip shown, its text and box, and the term's description link."""
    return page.evaluate(
        """(term) => {
          const tip = document.querySelector("[role=tooltip]");
          if (!tip) return null;
          const box = tip.firstElementChild.getBoundingClientRect();
          return {text: tip.textContent, id: tip.id,
                  describedby: term.getAttribute("aria-describedby"),
                  left: box.left, right: box.right, top: box.top, bottom: box.bottom,
                  termTop: term.getBoundingClientRect().top,
                  termBottom: term.getBoundingClientRect().bottom,
                  width: document.documentElement.clientWidth};
        }""",
        term,
    )


def test_glossary_term_shows_its_definition_on_tap_and_on_hover(browser, site_url):
    """overrides/assets/javascripts/terms.js: a tap on a term (phone) or the pointer over it
    (desktop) shows its definition below it, inside the screen; a tap elsewhere or Escape
    hides it, and the term gets its title back."""
    phone = browser.new_context(
        viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True
    )
    desktop = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = phone.new_page()
        page.goto(site_url + "ch11/regularizacion/")
        # A handle, not a locator: the term loses its title while the tooltip shows.
        term = page.locator("article p abbr[title]").nth(1).element_handle()
        definition = term.get_attribute("title")
        term.scroll_into_view_if_needed()
        term.tap()
        expect(page.locator("[role=tooltip]")).to_be_visible()
        page.wait_for_timeout(500)  # Material's fade-in moves it by 0.4rem
        tip = _term_tooltip(page, term)
        assert tip["text"] == definition and tip["describedby"] == tip["id"], tip
        assert 0 <= tip["left"] and tip["right"] <= tip["width"], tip
        assert tip["top"] >= tip["termBottom"], tip
        page.locator("article h1").tap()
        expect(page.locator("[role=tooltip]")).to_have_count(0)
        assert term.get_attribute("title") == definition
        # A term at the bottom of the screen gets its definition above it.
        term = page.locator("article p abbr[title]").last.element_handle()
        page.evaluate(
            "(t) => scrollTo(0, t.getBoundingClientRect().bottom + scrollY - innerHeight + 4)", term
        )
        page.wait_for_timeout(300)
        term.tap()
        expect(page.locator("[role=tooltip]")).to_be_visible()
        page.wait_for_timeout(500)
        tip = _term_tooltip(page, term)
        assert tip["bottom"] <= tip["termTop"], tip

        page = desktop.new_page()
        page.goto(site_url + "en/ch10/perceptron/")
        term = page.locator("article p abbr[title]").first.element_handle()
        definition = term.get_attribute("title")
        term.hover()
        expect(page.locator("[role=tooltip]")).to_have_text(definition)
        page.keyboard.press("Escape")
        expect(page.locator("[role=tooltip]")).to_have_count(0)
        assert term.get_attribute("title") == definition
    finally:
        phone.close()
        desktop.close()


ROOT_CLASS_WATCH = """
  window.__rootClass = [];
  new MutationObserver((records) => records.forEach((r) => {
    if (r.target === document.documentElement) window.__rootClass.push(r.oldValue);
  })).observe(document, {subtree: true, attributes: true, attributeFilter: ["class"],
                         attributeOldValue: true});
"""


@pytest.mark.parametrize("path", ["ch11/regularizacion/", "en/ch10/cuaderno/"])
def test_root_class_changes_once_before_the_body_is_parsed(browser, built_site, site_url, path):
    """The root element's class goes from "no-js" to its final value in <head> and never
    changes again: Material's swap to "js" (and its polyfill's "js-focus-visible") at
    the end of the page made Chromium restyle every element (overrides/main.html)."""
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    assert '<html lang="' in html and 'class="no-js"' in html.split("<head>", 1)[0]
    assert 'document.documentElement.className = "js js-focus-visible"' in head
    context = browser.new_context()
    context.add_init_script(ROOT_CLASS_WATCH)
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_function(MOUNTED)  # a wide screen: Material's script comes at once
        page.wait_for_timeout(200)
        values = [
            *page.evaluate("window.__rootClass"),
            page.evaluate("document.documentElement.className"),
        ]
        distinct = [v for i, v in enumerate(values) if i == 0 or v != values[i - 1]]
        assert distinct == ["no-js", "js js-focus-visible"], values
    finally:
        context.close()


LAYOUT_SHIFTS = """
  window.__shifts = [];
  new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__shifts.push(
    [e.value, e.sources.map((s) => s.node ? s.node.nodeName + " " +
      (s.node.textContent || "").trim().slice(0, 40) : "?")]
  ))).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("path", ["", "ch11/regularizacion/", "en/ch10/perceptron/"])
def test_the_page_stays_put_while_it_loads(browser, site_url, path):
    """On a phone, nothing on the first screen moves once drawn (cumulative layout shift
    under 0.02; Lighthouse calls 0.1 good): blocks that are rendered only near the screen
    (content-visibility) are rendered from the start on the first screen (extra.css)."""
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True
    )
    context.add_init_script(LAYOUT_SHIFTS)
    try:
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        page.wait_for_timeout(1500)
        shifts = page.evaluate("window.__shifts")
        assert sum(value for value, _ in shifts) < 0.02, shifts
    finally:
        context.close()
