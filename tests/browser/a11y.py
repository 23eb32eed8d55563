"""axe-core and keyboard checks shared by the browser tests."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

REPO_ROOT = Path(__file__).resolve().parents[2]
# The pinned axe-core from package.json when `npm ci` has run; otherwise the copy bundled with
# axe-playwright-python (older, but it has the same WCAG rules for what these pages use).
NPM_AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_axe = None


def axe():
    global _axe
    if _axe is None:
        _axe = Axe.from_file(NPM_AXE) if NPM_AXE.exists() else Axe()
    return _axe


def axe_violations(page):
    """The WCAG 2.0/2.1/2.2 A and AA violations axe-core finds on the page, as readable lines."""
    results = axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    lines = []
    for violation in results.response["violations"]:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return lines


# A stable name for an element: one per radio group (arrow keys move inside a group), otherwise
# the element's position in the document.
KEY_OF = """(el) => el.type === 'radio' ? 'radio-group|' + el.name
  : el.tagName.toLowerCase() + '#' + Array.prototype.indexOf.call(document.querySelectorAll('*'), el)"""

LOOK_OF = """(el) => { const s = getComputedStyle(el);
  return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor + ' | ' + s.boxShadow; }"""

# Describes the focused element and how it looks while focused.
DESCRIBE_FOCUS = f"""() => {{
  const keyOf = {KEY_OF}; const lookOf = {LOOK_OF};
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  return {{
    key: keyOf(el),
    index: Array.prototype.indexOf.call(document.querySelectorAll('*'), el),
    tag: el.tagName.toLowerCase(),
    id: el.id,
    classes: el.className,
    text: (el.innerText || el.value || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 60),
    href: el.getAttribute('href'),
    look: lookOf(el),
  }};
}}"""

# Every element a keyboard user should be able to reach (visible, enabled, not taken out of the tab order).
FOCUSABLE_KEYS = f"""() => {{
  const keyOf = {KEY_OF};
  const out = new Set();
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')) {{
    if (el.disabled || el.getAttribute('tabindex') === '-1' || el.type === 'hidden') continue;
    if (el.closest('[aria-hidden="true"], [hidden], [inert], details:not([open]) > :not(summary)')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    out.add(keyOf(el));
  }}
  return [...out];
}}"""

# How the elements at these document positions look when nothing is focused.
UNFOCUSED_LOOKS = f"""(indices) => {{
  const lookOf = {LOOK_OF};
  if (document.activeElement) document.activeElement.blur();
  const all = document.querySelectorAll('*');
  return indices.map((i) => lookOf(all[i]));
}}"""


def tab_through(page, limit=400):
    """Press Tab from the top of the page until focus comes back to where it started.

    Returns the focus stops in order (dicts from DESCRIBE_FOCUS). Raises AssertionError when focus
    never cycles back (a keyboard trap) within `limit` presses.
    """
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(DESCRIBE_FOCUS)
        if info is None:
            # Focus left the page for the browser's own UI after the last element: a full cycle.
            if stops:
                return stops
            continue
        if stops and info["key"] == stops[0]["key"]:
            return stops
        if stops and info["key"] == stops[-1]["key"]:
            raise AssertionError(f"Keyboard trap: Tab keeps focus on {info['tag']} {info['text']!r}")
        stops.append(info)
    raise AssertionError(f"Focus did not cycle back after {limit} Tab presses; last stops: {stops[-5:]}")


def check_keyboard(page):
    """Tab through the loaded page; return a list of problems (empty when all is well)."""
    problems = []
    page.evaluate("() => { if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0); }")
    stops = tab_through(page)
    reachable = page.evaluate(FOCUSABLE_KEYS)
    reached = {stop["key"] for stop in stops}
    for key in reachable:
        if key not in reached:
            problems.append(f"not reachable with Tab: {key}")
    if not stops or "skip-link" not in (stops[0]["classes"] or ""):
        problems.append(f"the first Tab stop is not the skip link: {stops[:1]}")
    unfocused = page.evaluate(UNFOCUSED_LOOKS, [stop["index"] for stop in stops])
    for stop, look in zip(stops, unfocused, strict=True):
        if stop["look"] == look:
            problems.append(f"no visible focus indicator on {stop['tag']} {stop['text']!r} ({look})")
    return problems
