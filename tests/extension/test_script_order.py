"""The content scripts are classic files sharing one namespace, `globalThis.orderwise`, with no
bundler: a file that reads `orderwise.x` while it is being evaluated needs the file that defines `x`
listed before it in the manifest, or, for the panel's scripts that the worker injects when a panel
first opens, before it in protocol.PANEL_SCRIPTS (they run after every manifest script). A wrong
order breaks the extension on every order page, silently."""

from orderwise import browser

EXT = browser.EXTENSION_DIR
CONTENT_SCRIPTS = browser.load_scripts() + browser.panel_scripts()

# The namespace as a Proxy that notes, per file, the names read while still missing and the names set.
RECORDER = """() => {
  window.owReads = [];
  window.owSets = [];
  window.owFile = null;
  globalThis.orderwise = new Proxy({}, {
    get(target, key) {
      if (typeof key === 'string' && !(key in target)) window.owReads.push([window.owFile, key]);
      return target[key];
    },
    set(target, key, value) {
      target[key] = value;
      window.owSets.push([window.owFile, key]);
      return true;
    },
  });
}"""


def evaluate_in_order(page, scripts):
    """Runs the scripts in this order on a blank page; returns {file: names it read before they
    existed (its own run-once guard aside)} and the errors the page threw."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_content("<!doctype html><html lang='en'><body></body></html>")
    page.evaluate(RECORDER)
    for path in scripts:
        page.evaluate("(name) => { window.owFile = name; }", path)
        page.add_script_tag(content=(EXT / path).read_text(encoding="utf-8"))
    page.evaluate("() => { window.owFile = null; globalThis.orderwise.stop?.(); }")
    reads, sets = page.evaluate("() => [window.owReads, window.owSets]")
    own = {(path, key) for path, key in sets}
    early = {}
    for path, key in reads:
        if path and (path, key) not in own:
            early.setdefault(path, set()).add(key)
    return early, errors


def test_every_content_script_finds_what_it_reads_already_defined(page):
    """Evaluated in the manifest's order, then the panel's, no file reads a part of the namespace that
    a later file defines, and none throws while it loads."""
    early, errors = evaluate_in_order(page, CONTENT_SCRIPTS)
    assert early == {}
    assert errors == []


def test_a_file_listed_before_what_it_reads_is_caught(page):
    """The check itself sees a wrong order: the wiring listed first reads what is not there yet."""
    wrong = ["content/main.js", *[path for path in CONTENT_SCRIPTS if path != "content/main.js"]]
    early, errors = evaluate_in_order(page, wrong)
    assert "protocol" in early["content/main.js"]
    assert errors
