"""End-to-end tests of the e-mail summaries: `socialaudit run --mail` and `socialaudit mail`.

Every test audits the bundled samples with a configuration of its own (samples/socialaudit.json
copied to a temporary folder, its paths made absolute, its `mail` object replaced) and delivers
to a real SMTP server on 127.0.0.1 at a free port:

  * PyPI's aiosmtpd, `python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR`,
    which stores each message in the Maildir DIR with the trace headers X-MailFrom and X-RcptTo;
  * Tests/Mail/refusing_smtpd.py (aiosmtpd's Controller), which answers
    "550 5.1.1 mailbox unavailable" to chosen recipients and keeps the rest;
  * Debian's msmtp as the `sendmail` command, delivering into aiosmtpd.

The tool is built with `swift build` unless SOCIALAUDIT_BIN names a binary (as in
Tests/Browser/test_reports.py). The `test_harness_*` tests check the servers, Maildir parsing
and msmtp with a hand-made message, without the tool. Installed by .ci/run: msmtp (apt) and
Tests/Mail/requirements.txt (pip).
"""

from __future__ import annotations

import sys as _sys
_sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))
from socialaudit_testing import socialaudit_bin  # noqa: E402
import csv
import email
import email.policy
import email.utils
import html
import json
import mailbox
import os
import re
import shutil
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SAMPLES = REPO / "samples"
AS_OF = "2026-11-01"
SENDER = "socialaudit@haywood.k12.nc.us"
BASE_URL = "https://intranet.haywood.k12.nc.us/socialaudit/"
MSMTP = shutil.which("msmtp") or "/usr/bin/msmtp"
# The run as a whole (audit + mail) may take this long; the unreachable-server test must be
# done within DOWN_BUDGET seconds, retries and back-off included.
RUN_TIMEOUT = 300
DOWN_BUDGET = 60
# Recipients refused by the refusing server: pisgah-high's only recipient (so that message can
# reach nobody: "failed") and bethel-middle's second one (its first still gets it: "partial").
INVENTORY = json.loads((SAMPLES / "inventory.json").read_text(encoding="utf-8"))
SCHOOLS = {s["id"]: s for s in INVENTORY["schools"]}
DISTRICT = INVENTORY["district"]
REFUSED_ALONE = SCHOOLS["pisgah-high"]["reportRecipients"][0]
REFUSED_OF_TWO = SCHOOLS["bethel-middle"]["reportRecipients"][1]

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
needs_msmtp = pytest.mark.skipif(
    not Path(MSMTP).exists() and not CI,
    reason="msmtp is absent (apt-get install msmtp; .ci/run does)",
)


# --------------------------------------------------------------------------- processes


def _socialaudit_bin() -> Path:
    return socialaudit_bin()


@pytest.fixture(scope="session")
def binary() -> Path:
    return _socialaudit_bin()


def free_port() -> int:
    """A port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class SmtpServer:
    """An SMTP server subprocess on 127.0.0.1:port storing into the Maildir `maildir`."""

    def __init__(self, folder: Path, kind: str = "mailbox", refuse: tuple[str, ...] = ()):
        self.port = free_port()
        self.maildir = folder / f"maildir-{self.port}"
        self.log = folder / f"smtpd-{self.port}.log"
        self.commands = folder / f"smtpd-{self.port}.jsonl"
        if kind == "mailbox":
            cmd = [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}",
                   "-c", "aiosmtpd.handlers.Mailbox", str(self.maildir)]
        else:
            cmd = [sys.executable, str(HERE / "refusing_smtpd.py"), "--listen", f"127.0.0.1:{self.port}",
                   "--maildir", str(self.maildir), "--log", str(self.commands)]
            for address in refuse:
                cmd += ["--refuse", address]
        self.cmd = cmd
        self._log_file = self.log.open("wb")
        self.proc = subprocess.Popen(cmd, stdout=self._log_file, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while not _accepts(self.port):
            if self.proc.poll() is not None:
                self.stop()
                raise RuntimeError(f"{' '.join(cmd)} exited {self.proc.returncode}:\n{self.output()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{' '.join(cmd)} did not accept connections within 20 s:\n{self.output()}")
            time.sleep(0.1)

    def output(self) -> str:
        self._log_file.flush()
        return self.log.read_text(errors="replace")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log_file.close()

    def messages(self) -> list[Received]:
        return read_maildir(self.maildir)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


@dataclass
class Received:
    raw: bytes
    msg: EmailMessage


def read_maildir(path: Path) -> list[Received]:
    if not (path / "new").is_dir():
        return []
    box = mailbox.Maildir(str(path), factory=None, create=False)
    out = []
    for key in sorted(box.keys()):
        raw = box.get_bytes(key)
        out.append(Received(raw, email.message_from_bytes(raw, policy=email.policy.default)))
    return out


# --------------------------------------------------------------------------- the tool


def write_config(folder: Path, mail: dict) -> Path:
    config = json.loads((SAMPLES / "socialaudit.json").read_text(encoding="utf-8"))
    for key in ("inventory", "roster", "archives", "reviews"):
        config[key] = str((SAMPLES / config[key]).resolve())
    config["templates"] = str(REPO / "templates")
    config["out"] = str(folder / "out")
    config["state"] = str(folder / "state" / "socialaudit.sqlite")
    config["mail"] = mail
    path = folder / "socialaudit.json"
    path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    return path


def smtp_mail(port: int) -> dict:
    return {"from": SENDER, "smtp": {"host": "127.0.0.1", "port": port}, "reportBaseURL": BASE_URL}


@dataclass
class Run:
    cmd: list[str]
    proc: subprocess.CompletedProcess
    out: Path
    seconds: float
    received: list[Received] = field(default_factory=list)

    def describe(self) -> str:
        return (f"{' '.join(self.cmd)}\nexit {self.proc.returncode} after {self.seconds:.1f} s\n"
                f"stdout:\n{self.proc.stdout}\nstderr:\n{self.proc.stderr}")

    def run_json(self) -> dict:
        return json.loads((self.out / "run.json").read_text(encoding="utf-8"))

    def mail_entries(self) -> dict[str, dict]:
        entries = self.run_json().get("mail")
        assert isinstance(entries, list), f"run.json has no \"mail\" list:\n{self.describe()}"
        by = {}
        for e in entries:
            assert set(e) >= {"message", "recipients", "outcome", "detail"}, f"run.json mail entry lacks keys: {e}"
            assert e["message"] not in by, f"run.json lists message {e['message']} twice"
            by[e["message"]] = e
        return by


def run_audit(binary: Path, folder: Path, mail: dict, timeout: float = RUN_TIMEOUT) -> Run:
    config = write_config(folder, mail)
    out = folder / "out"
    cmd = [str(binary), "run", "--config", str(config), "--as-of", AS_OF, "--out", str(out),
           "--state", str(folder / "state" / "socialaudit.sqlite"), "--mail"]
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=folder, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)
    return Run(cmd, proc, out, time.monotonic() - start)


# --------------------------------------------------------------------------- what to expect


def csv_rows(path: Path) -> list[dict[str, str]]:
    assert path.is_file(), f"{path} is missing"
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def counts(rows: list[dict[str, str]]) -> tuple[int, int]:
    return sum(r["status"] == "new" for r in rows), sum(r["status"] == "open" for r in rows)


@dataclass
class Expected:
    id: str          # school id or "district"
    name: str
    recipients: list[str]
    new: int
    open: int
    url: str


def expected_messages(out: Path) -> dict[str, Expected]:
    """The messages a run into `out` must send: one per inventory school with rows in
    findings.csv, and the district's."""
    rows = csv_rows(out / "findings.csv")
    with_rows = sorted({r["school_id"] for r in rows})
    expected = {}
    for school in with_rows:
        if school not in SCHOOLS or not SCHOOLS[school].get("reportRecipients"):
            continue  # e.g. "unassigned": nobody of its own to write to (see unassigned_ok)
        new, open_ = counts(csv_rows(out / "schools" / school / "findings.csv"))
        expected[school] = Expected(school, SCHOOLS[school]["name"], SCHOOLS[school]["reportRecipients"],
                                    new, open_, f"{BASE_URL}schools/{school}/index.html")
    new, open_ = counts(rows)
    expected["district"] = Expected("district", DISTRICT["name"], DISTRICT["reportRecipients"],
                                    new, open_, f"{BASE_URL}index.html")
    return expected


def unassigned_ok(report_id: str, recipients: set[str]) -> bool:
    """A message for a school that is not in the inventory (the samples' "unassigned") is
    not required; if one is sent, it may go to the district's recipients only."""
    return report_id not in SCHOOLS and report_id != "district" and \
        recipients <= {a.lower() for a in DISTRICT["reportRecipients"]}


def addresses(*values) -> set[str]:
    return {a.lower() for _, a in email.utils.getaddresses([str(v) for v in values if v is not None]) if a}


def report_id(msg: EmailMessage) -> str:
    value = msg.get("X-Socialaudit-Report")
    assert value is not None, f"a message has no X-Socialaudit-Report header:\n{msg.as_string()[:2000]}"
    return str(value).strip()


# --------------------------------------------------------------------------- privacy


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _archive_dm_texts() -> list[str]:
    """Every direct message text in the samples' archives (zips and folders)."""
    texts: list[str] = []

    def take(data: bytes):
        body = data.decode("utf-8", errors="replace")
        body = body[body.find("=") + 1:] if "=" in body.split("[", 1)[0] else body
        try:
            items = json.loads(body)
        except ValueError:
            return
        for item in items:
            for conv in item.values():
                for m in conv.get("messages", []):
                    t = m.get("messageCreate", {}).get("text")
                    if t:
                        texts.append(t)

    archives = SAMPLES / "archives"
    for z in archives.glob("*.zip"):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if re.search(r"direct-messages[^/]*\.js$", name):
                    take(zf.read(name))
    for f in archives.glob("*/data/direct-messages*.js"):
        take(f.read_bytes())
    return texts


@dataclass
class Forbidden:
    patterns: list[tuple[str, re.Pattern]]   # (what, regex) for names and handles
    texts: list[tuple[str, str]]             # (what, text) for tweet and DM texts

    def find(self, haystack: str) -> list[str]:
        hits = [what for what, rx in self.patterns if rx.search(haystack)]
        flat = " ".join(haystack.split())
        for what, text in self.texts:
            t = " ".join(text.split())
            # The whole text, or its start (a summary might cut it short).
            if t in flat or (len(t) > 30 and t[:30] in flat):
                hits.append(what)
        return hits


def forbidden(out: Path) -> Forbidden:
    staff_words = {w.lower() for p in INVENTORY.get("people", []) for w in re.findall(r"\w+", p["name"])}
    patterns: list[tuple[str, re.Pattern]] = []

    def word(what: str, text: str):
        for variant in {text, _fold(text)}:
            patterns.append((what, re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)", re.IGNORECASE)))

    for row in csv_rows(SAMPLES / "students.csv"):
        first = row["first_name"].strip()
        last = re.split(r",", row["last_name"])[0].strip()
        word(f"student name {first} {last}", f"{first} {last}")
        # A name shared with a member of staff (student Brooks, staff Marcy Brooks) is checked
        # only as the student's full name.
        for part in (first, last):
            if part and part.lower() not in staff_words:
                word(f"student name {part!r} ({first} {last})", part)
        handle = row["handle"].strip().lstrip("@")
        if handle:
            patterns.append((f"student handle @{handle}",
                             re.compile(rf"(?<![A-Za-z0-9_]){re.escape(handle)}(?![A-Za-z0-9_])", re.IGNORECASE)))
    texts = []
    for f in json.loads((out / "findings.json").read_text(encoding="utf-8")):
        t = (f.get("evidence") or {}).get("text")
        if t:
            texts.append((f"tweet text {t[:40]!r} ({f['rule']}, {f['schoolId']})", t))
    for t in _archive_dm_texts():
        texts.append((f"DM text {t[:40]!r}", t))
    assert texts, "no tweet or DM text found to check against"
    return Forbidden(patterns, texts)


class _Html(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.in_style = False
        self.style_text: list[str] = []
        self.tables: list[list[list[str]]] = []   # table -> rows -> cell texts
        self._open_tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: (v or "") for k, v in attrs}))
        self.in_style = tag == "style"
        if tag == "table":
            self._open_tables.append([])
        elif tag == "tr" and self._open_tables:
            self._open_tables[-1].append([])
        elif tag in ("td", "th") and self._open_tables and self._open_tables[-1]:
            self._cell = []
            self._open_tables[-1][-1].append("")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, {k: (v or "") for k, v in attrs}))

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        elif tag in ("td", "th"):
            self._cell = None
        elif tag == "table" and self._open_tables:
            self.tables.append(self._open_tables.pop())

    def handle_data(self, data):
        (self.style_text if self.in_style else self.text).append(data)
        if self._cell is not None and self._open_tables and self._open_tables[-1]:
            row = self._open_tables[-1][-1]
            row[-1] = (row[-1] + " " + data).strip()


def parse_html(source: str) -> _Html:
    p = _Html()
    p.feed(source)
    p.close()
    return p


def haystacks(raw: bytes, msg: EmailMessage) -> dict[str, str]:
    """Every place a leak could hide: the raw bytes, each decoded header, each decoded part
    (and an HTML part's text with tags stripped and entities decoded)."""
    places = {"raw message": raw.decode("utf-8", errors="replace")}
    for name, value in msg.items():
        places[f"header {name}"] = str(value)
    for i, part in enumerate(msg.walk()):
        if part.is_multipart():
            continue
        try:
            content = part.get_content()
        except (LookupError, ValueError) as e:
            pytest.fail(f"part {i} ({part.get_content_type()}) cannot be decoded: {e}")
        if isinstance(content, bytes):
            content = content.decode("utf-8", errors="replace")
        elif not isinstance(content, str):
            content = str(content)
        places[f"part {i} {part.get_content_type()}"] = content
        if part.get_content_type() == "text/html":
            places[f"part {i} text/html (text)"] = " ".join(parse_html(content).text)
            places[f"part {i} text/html (unescaped)"] = html.unescape(content)
    return places


# --------------------------------------------------------------------------- message checks


def text_and_html(msg: EmailMessage) -> tuple[str, str]:
    assert msg.get_content_type() == "multipart/alternative", \
        f"Content-Type is {msg.get_content_type()}, not multipart/alternative"
    parts = list(msg.iter_parts())
    types = [p.get_content_type() for p in parts]
    assert types.count("text/plain") == 1 and types.count("text/html") == 1, f"parts are {types}"
    # RFC 2046: alternatives in increasing order of preference, so the plain text comes first.
    assert types.index("text/plain") < types.index("text/html"), f"parts are {types}: text/plain should come first"
    found = {}
    for p in parts:
        if p.get_content_type() in ("text/plain", "text/html"):
            assert (p.get_content_charset() or "").lower() == "utf-8", \
                f"{p.get_content_type()} has charset {p.get_content_charset()!r}, not utf-8"
            found[p.get_content_type()] = p.get_content()
    return found["text/plain"], found["text/html"]


def count_said(text: str, n: int, word: str, tables: list[list[list[str]]] = ()) -> bool:
    """The body gives the count: as a total ('15 new', '15 new findings', 'New: 15'), as a
    breakdown whose numbers add up to it ('High: 2 new, ...' on each line), or (HTML) as a
    table column headed `word` whose numbers add up to it."""
    rx = rf"(?<!\d){n}\s+(?:\w+\s+)?{word}\b|\b{word}\b:\s*(?<!\d){n}(?!\d)"
    if re.search(rx, text, re.IGNORECASE):
        return True
    parts = [int(m) for m in re.findall(rf"(?<!\d)(\d+)\s+{word}\b", text, re.IGNORECASE)]
    if parts and sum(parts) == n:
        return True
    for table in tables:
        for h, header in enumerate(table):
            cols = [i for i, cell in enumerate(header) if cell.strip().lower() == word.lower()]
            if not cols:
                continue
            numbers = [row[cols[0]] for row in table[h + 1:] if len(row) > cols[0]]
            numbers = [int(re.sub(r"[\s,]", "", c)) for c in numbers if re.fullmatch(r"[\d,\s]+", c.strip() or "x")]
            total_rows = [row for row in table[h + 1:] if row and re.search(r"(?i)total|all", row[0])]
            if total_rows and len(total_rows[-1]) > cols[0] and total_rows[-1][cols[0]].strip() == str(n):
                return True
            if numbers and sum(numbers) == n:
                return True
    return False


def raw_headers(raw: bytes) -> bytes:
    end = raw.find(b"\r\n\r\n")
    end = raw.find(b"\n\n") if end < 0 else end
    return raw[: end if end >= 0 else len(raw)]


def check_message(raw: bytes, msg: EmailMessage, exp: Expected, bad: Forbidden, *, envelope: bool = True):
    where = f"message {exp.id}"
    # Headers.
    for name in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
        assert msg.get(name) is not None, f"{where}: no {name} header"
        assert len(msg.get_all(name)) == 1, f"{where}: {len(msg.get_all(name))} {name} headers"
    assert addresses(msg["From"]) == {SENDER}, f"{where}: From is {msg['From']!r}, not {SENDER}"
    assert str(msg["MIME-Version"]).strip() == "1.0", f"{where}: MIME-Version {msg['MIME-Version']!r}"
    want = {a.lower() for a in exp.recipients}
    assert addresses(msg["To"]) == want, f"{where}: To is {msg['To']!r}, want {sorted(want)}"
    assert msg.get("Cc") is None or addresses(msg["Cc"]) <= want, f"{where}: Cc is {msg['Cc']!r}"
    assert msg.get("Bcc") is None, f"{where}: a Bcc header was sent: {msg['Bcc']!r}"
    if envelope:
        assert addresses(msg["X-RcptTo"]) == want, \
            f"{where}: envelope recipients (X-RcptTo) {msg['X-RcptTo']!r}, want {sorted(want)}"
        assert addresses(msg["X-MailFrom"]) == {SENDER}, f"{where}: envelope sender {msg['X-MailFrom']!r}"
    date = email.utils.parsedate_to_datetime(str(msg["Date"]))
    assert date.tzinfo is not None, f"{where}: Date {msg['Date']!r} has no zone"
    assert re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", str(msg["Message-ID"]).strip()), \
        f"{where}: Message-ID {msg['Message-ID']!r} is not <local@domain>"
    # Every header line in ASCII: non-ASCII (the subject's dash, a school's name) RFC 2047 encoded.
    head = raw_headers(raw)
    non_ascii = [line for line in head.splitlines() if any(b > 127 for b in line)]
    assert not non_ascii, f"{where}: header lines not in ASCII (need RFC 2047): {non_ascii}"
    subject = str(msg["Subject"])
    if any(ord(c) > 127 for c in subject):
        assert re.search(rb"(?im)^Subject:.*=\?utf-8\?[bq]\?", head + b"\n") or \
            re.search(rb"(?i)=\?utf-8\?[bq]\?", head), f"{where}: non-ASCII subject not RFC 2047 encoded"
    assert exp.name in subject, f"{where}: subject {subject!r} lacks {exp.name!r}"
    assert AS_OF in subject, f"{where}: subject {subject!r} lacks {AS_OF}"
    assert re.search(rf"(?<!\d){exp.new}\s+new\b", subject), f"{where}: subject {subject!r} lacks '{exp.new} new'"
    assert re.search(rf"(?<!\d){exp.open}\s+open\b", subject), f"{where}: subject {subject!r} lacks '{exp.open} open'"
    # Body.
    plain, html_src = text_and_html(msg)
    assert exp.url in plain, f"{where}: text part lacks the link {exp.url}\n{plain}"
    page = parse_html(html_src)
    hrefs = [a.get("href", "") for t, a in page.tags if t == "a"]
    assert exp.url in hrefs, f"{where}: HTML part has no <a href=\"{exp.url}\">; links: {hrefs}"
    html_text = " ".join(" ".join(page.text).split())
    for label, body, tables in (("text", plain, []), ("HTML", html_text, page.tables)):
        assert count_said(body, exp.new, "new", tables), f"{where}: {label} part does not say {exp.new} new\n{body}"
        assert count_said(body, exp.open, "open", tables), f"{where}: {label} part does not say {exp.open} open\n{body}"
    # HTML: no script, no remote resources, inline styles only.
    tags = [t for t, _ in page.tags]
    for banned in ("script", "link", "iframe", "object", "embed", "form", "base"):
        assert banned not in tags, f"{where}: HTML part has <{banned}>"
    handlers = [(t, k) for t, a in page.tags for k in a if k.lower().startswith("on")]
    assert not handlers, f"{where}: event handler attributes {handlers}"
    remote = [(t, k, v) for t, a in page.tags for k, v in a.items()
              if k.lower() in ("src", "srcset", "background", "poster", "data")
              and re.match(r"\s*(https?:)?//", v, re.IGNORECASE)]
    assert not remote, f"{where}: remote resources {remote}"
    css = " ".join(page.style_text) + " ".join(a.get("style", "") for _, a in page.tags)
    assert not re.search(r"@import|url\(\s*['\"]?\s*(https?:)?//", css, re.IGNORECASE), \
        f"{where}: CSS loads something remote"
    # Privacy.
    leaks = {place: hits for place, text in haystacks(raw, msg).items() if (hits := bad.find(text))}
    assert not leaks, f"{where} leaks: " + json.dumps(leaks, indent=2, ensure_ascii=False)


def check_delivery(run: Run, received: list[Received], *, envelope: bool = True, compare_eml: bool = True):
    """The messages of a successful run arrived, one each, right, and the .eml files match."""
    exp = expected_messages(run.out)
    bad = forbidden(run.out)
    by_id: dict[str, Received] = {}
    for r in received:
        rid = report_id(r.msg)
        assert rid not in by_id, f"message {rid} arrived twice:\n{run.describe()}"
        by_id[rid] = r
    extra = {rid for rid in set(by_id) - set(exp)
             if not unassigned_ok(rid, addresses(by_id[rid].msg["To"]))}
    assert not extra and set(exp) <= set(by_id), (
        f"arrived {sorted(by_id)}, expected {sorted(exp)}\n{run.describe()}")
    for rid, e in exp.items():
        check_message(by_id[rid].raw, by_id[rid].msg, e, bad, envelope=envelope)
    ids = [str(r.msg["Message-ID"]).strip() for r in received]
    assert len(set(ids)) == len(ids), f"Message-IDs repeat: {ids}"
    if compare_eml:
        check_eml_files(run.out, exp, bad, sent=by_id)


def check_eml_files(out: Path, exp: dict[str, Expected], bad: Forbidden, sent: dict[str, Received] | None = None):
    folder = out / "mail"
    assert folder.is_dir(), f"{folder} is missing"
    names = sorted(p.name for p in folder.glob("*.eml"))
    want = sorted(f"{rid}.eml" for rid in exp)
    allowed_extra = {f"{s}.eml" for s in ("unassigned",)}
    assert set(want) <= set(names) and set(names) - set(want) <= allowed_extra, \
        f"{folder} holds {names}, expected {want}"
    for rid, e in exp.items():
        raw = (folder / f"{rid}.eml").read_bytes()
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        assert report_id(msg) == rid, f"{rid}.eml has X-Socialaudit-Report {report_id(msg)!r}"
        check_message(raw, msg, e, bad, envelope=False)
        if sent is not None and rid in sent:
            for h in ("Message-ID", "Subject", "Date"):
                assert str(msg[h]) == str(sent[rid].msg[h]), \
                    f"{rid}.eml {h} {msg[h]!r} differs from the message delivered ({sent[rid].msg[h]!r})"


# --------------------------------------------------------------------------- harness self-checks


def _hand_made(to: list[str], report: str = "harness") -> EmailMessage:
    m = EmailMessage()
    m["From"] = SENDER
    m["To"] = ", ".join(to)
    m["Subject"] = "Social media audit — Harness, 2026-11-01: 1 new, 0 open"
    m["Date"] = email.utils.formatdate(localtime=True)
    m["Message-ID"] = email.utils.make_msgid(domain="haywood.k12.nc.us")
    m["X-Socialaudit-Report"] = report
    m.set_content("1 new, 0 open — é\n")
    m.add_alternative("<p style=\"color:#222\">1 new, 0 open — é</p>\n", subtype="html")
    return m


def test_harness_aiosmtpd_mailbox(tmp_path):
    with SmtpServer(tmp_path) as server:
        m = _hand_made(["a@haywood.k12.nc.us", "b@haywood.k12.nc.us"])
        with smtplib.SMTP("127.0.0.1", server.port, timeout=10) as s:
            assert s.send_message(m) == {}
        got = server.messages()
    assert len(got) == 1, server.output()
    msg = got[0].msg
    assert addresses(msg["X-RcptTo"]) == {"a@haywood.k12.nc.us", "b@haywood.k12.nc.us"}
    assert addresses(msg["X-MailFrom"]) == {SENDER}
    assert str(msg["Subject"]) == str(m["Subject"])
    plain, html_src = text_and_html(msg)
    assert "é" in plain and "é" in html_src


def test_harness_refusing_server(tmp_path):
    with SmtpServer(tmp_path, kind="refusing", refuse=("no@haywood.k12.nc.us",)) as server:
        with smtplib.SMTP("127.0.0.1", server.port, timeout=10) as s:
            refused = s.send_message(_hand_made(["yes@haywood.k12.nc.us", "No@haywood.k12.nc.us"]))
            assert refused == {"No@haywood.k12.nc.us": (550, b"5.1.1 mailbox unavailable")}, refused
            with pytest.raises(smtplib.SMTPRecipientsRefused):
                s.send_message(_hand_made(["no@haywood.k12.nc.us"]))
        got = server.messages()
        log = [json.loads(line) for line in server.commands.read_text().splitlines()]
    assert len(got) == 1, server.output()
    assert addresses(got[0].msg["X-RcptTo"]) == {"yes@haywood.k12.nc.us"}
    assert addresses(got[0].msg["To"]) == {"yes@haywood.k12.nc.us", "no@haywood.k12.nc.us"}
    assert [e["reply"] for e in log if e["command"] == "RCPT"].count("550 5.1.1 mailbox unavailable") == 2


@needs_msmtp
def test_harness_msmtp_into_aiosmtpd(tmp_path):
    with SmtpServer(tmp_path) as server:
        m = _hand_made(["a@haywood.k12.nc.us", "b@haywood.k12.nc.us"])
        cmd = [MSMTP, "-C", "/dev/null", "--host=127.0.0.1", f"--port={server.port}", "--auth=off",
               "--tls=off", f"--from={SENDER}", "-t"]
        p = subprocess.run(cmd, input=m.as_bytes(), capture_output=True, timeout=30)
        assert p.returncode == 0, p.stderr.decode(errors="replace")
        got = server.messages()
    assert len(got) == 1
    assert addresses(got[0].msg["X-RcptTo"]) == {"a@haywood.k12.nc.us", "b@haywood.k12.nc.us"}
    assert str(got[0].msg["Message-ID"]) == str(m["Message-ID"])


def test_harness_nobody_listens():
    port = free_port()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


# --------------------------------------------------------------------------- 1. SMTP


@pytest.fixture(scope="session")
def smtp_run(binary):
    with tempfile.TemporaryDirectory(prefix="socialaudit-mail-smtp-") as tmp:
        folder = Path(tmp)
        with SmtpServer(folder) as server:
            run = run_audit(binary, folder, smtp_mail(server.port))
            run.received = server.messages()
        yield run


def test_smtp_run_exits_0_and_writes_reports(smtp_run):
    assert smtp_run.proc.returncode == 0, smtp_run.describe()
    for name in ("index.html", "findings.csv", "findings.json", "run.json"):
        assert (smtp_run.out / name).is_file(), f"{name} is missing"


def test_smtp_delivers_every_summary(smtp_run):
    assert smtp_run.proc.returncode == 0, smtp_run.describe()
    check_delivery(smtp_run, smtp_run.received)


def test_smtp_run_json_says_delivered(smtp_run):
    entries = smtp_run.mail_entries()
    for rid, e in expected_messages(smtp_run.out).items():
        assert rid in entries, f"run.json mail has no entry for {rid}: {sorted(entries)}"
        assert entries[rid]["outcome"] == "delivered", entries[rid]
        assert {a.lower() for a in entries[rid]["recipients"]} == {a.lower() for a in e.recipients}, entries[rid]


def test_smtp_stderr_reports_no_failure(smtp_run):
    bad = [line for line in (smtp_run.proc.stderr or "").splitlines()
           if re.search(r"(?i)mail|smtp", line) and re.search(r"(?i)fail|refused|could not|unreachable", line)]
    assert not bad, smtp_run.describe()


# --------------------------------------------------------------------------- 2. msmtp


@needs_msmtp
def test_sendmail_msmtp_delivers_every_summary(binary, tmp_path):
    with SmtpServer(tmp_path) as server:
        sendmail = (f"{MSMTP} -C /dev/null --host=127.0.0.1 --port={server.port} --auth=off --tls=off "
                    f"--from={SENDER} -t")
        run = run_audit(binary, tmp_path, {"from": SENDER, "sendmail": sendmail, "reportBaseURL": BASE_URL})
        received = server.messages()
    assert run.proc.returncode == 0, run.describe()
    # msmtp adds Date and Message-ID when they are missing: check_delivery compares them with
    # the .eml files, so those must come from the tool.
    check_delivery(run, received)
    entries = run.mail_entries()
    for rid in expected_messages(run.out):
        assert entries.get(rid, {}).get("outcome") == "delivered", f"{rid}: {entries.get(rid)}\n{run.describe()}"


# --------------------------------------------------------------------------- 3. a refused recipient


def test_refused_recipient(binary, tmp_path):
    with SmtpServer(tmp_path, kind="refusing", refuse=(REFUSED_ALONE, REFUSED_OF_TWO)) as server:
        run = run_audit(binary, tmp_path, smtp_mail(server.port))
        received = server.messages()
        log = server.output()
    assert run.proc.returncode == 5, run.describe()
    exp = expected_messages(run.out)
    bad = forbidden(run.out)
    by_id = {report_id(r.msg): r for r in received}
    context = f"\narrived: {sorted(by_id)}\n{run.describe()}\nserver:\n{log}"

    # pisgah-high: its only recipient refused, so it reached nobody.
    assert "pisgah-high" not in by_id, "pisgah-high was delivered although its only recipient was refused" + context
    # bethel-middle: one of two refused; the other still gets it.
    assert "bethel-middle" in by_id, "bethel-middle did not reach its accepted recipient" + context
    kept = {a.lower() for a in SCHOOLS["bethel-middle"]["reportRecipients"]} - {REFUSED_OF_TWO.lower()}
    assert addresses(by_id["bethel-middle"].msg["X-RcptTo"]) == kept, context
    # Everything else as usual.
    for rid, e in exp.items():
        if rid in ("pisgah-high", "bethel-middle"):
            continue
        assert rid in by_id, f"{rid} did not arrive" + context
        check_message(by_id[rid].raw, by_id[rid].msg, e, bad)

    stderr = run.proc.stderr
    for refused, rid in ((REFUSED_ALONE, "pisgah-high"), (REFUSED_OF_TWO, "bethel-middle")):
        lines = [line for line in stderr.splitlines() if refused.lower() in line.lower()]
        assert lines, f"stderr does not name the refused recipient {refused}" + context
        assert any(rid in line for line in lines), f"stderr's line for {refused} does not name message {rid}: {lines}"
        assert any("550" in line or "mailbox unavailable" in line for line in lines), \
            f"stderr's line for {refused} does not give the server's reply: {lines}"
    # Messages whose recipients were all accepted are not reported as failures.
    for rid in exp:
        if rid not in ("pisgah-high", "bethel-middle"):
            assert not [line for line in stderr.splitlines() if f"'{rid}'" in line or f" {rid} " in line], \
                f"stderr reports a problem with message {rid}" + context

    entries = run.mail_entries()
    assert entries.get("pisgah-high", {}).get("outcome") in ("failed", "partial"), entries.get("pisgah-high")
    assert entries.get("bethel-middle", {}).get("outcome") in ("partial", "failed"), entries.get("bethel-middle")
    for rid in exp:
        if rid not in ("pisgah-high", "bethel-middle"):
            assert entries.get(rid, {}).get("outcome") == "delivered", f"{rid}: {entries.get(rid)}"
    for rid in ("pisgah-high", "bethel-middle"):
        detail = entries[rid].get("detail", "")
        assert "550" in detail or "mailbox unavailable" in detail, f"run.json {rid} detail lacks the reply: {entries[rid]}"
    check_eml_files(run.out, exp, bad)


def test_refused_recipient_bethel_outcome_is_partial(binary, tmp_path):
    """One of bethel-middle's two recipients refused: the contract's word for that is "partial"."""
    with SmtpServer(tmp_path, kind="refusing", refuse=(REFUSED_OF_TWO,)) as server:
        run = run_audit(binary, tmp_path, smtp_mail(server.port))
    assert run.proc.returncode == 5, run.describe()
    entries = run.mail_entries()
    assert entries.get("bethel-middle", {}).get("outcome") == "partial", f"{entries.get('bethel-middle')}\n{run.describe()}"
    assert "pisgah-high" in entries and entries["pisgah-high"]["outcome"] == "delivered", entries.get("pisgah-high")


# --------------------------------------------------------------------------- 4. server down


def test_server_down(binary, tmp_path):
    port = free_port()  # nobody listens there
    try:
        run = run_audit(binary, tmp_path, smtp_mail(port), timeout=DOWN_BUDGET + 30)
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"socialaudit run --mail with the server down ran past {DOWN_BUDGET + 30} s:\n"
                    f"stdout:\n{e.stdout}\nstderr:\n{e.stderr}")
    assert run.seconds <= DOWN_BUDGET, f"took {run.seconds:.1f} s with the server down\n{run.describe()}"
    assert run.proc.returncode == 5, run.describe()
    for name in ("index.html", "findings.csv", "findings.json", "run.json"):
        assert (run.out / name).is_file(), f"{name} is missing"
    stderr = run.proc.stderr
    assert re.search(r"(?i)(could not|cannot|can't|unable to|failed to) (be )?(reach|connect)|connection refused|unreachable",
                     stderr), f"stderr does not say the mail server could not be reached\n{run.describe()}"
    assert f"127.0.0.1:{port}" in stderr or str(port) in stderr, f"stderr does not name the server 127.0.0.1:{port}\n{stderr}"
    exp = expected_messages(run.out)
    entries = run.mail_entries()
    for rid in exp:
        assert entries.get(rid, {}).get("outcome") == "failed", f"{rid}: {entries.get(rid)}\n{run.describe()}"
        assert rid in stderr, f"stderr has no line naming message {rid}\n{stderr}"
    check_eml_files(run.out, exp, forbidden(run.out))


# --------------------------------------------------------------------------- 5. dry run, and sending again


def test_mail_dry_run_sends_nothing(binary, smtp_run, tmp_path):
    assert smtp_run.proc.returncode == 0, smtp_run.describe()
    out = tmp_path / "out"
    shutil.copytree(smtp_run.out, out)
    with SmtpServer(tmp_path) as server:
        config = write_config(tmp_path, smtp_mail(server.port))
        cmd = [str(binary), "mail", "--config", str(config), "--out", str(out), "--dry-run"]
        proc = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL)
        time.sleep(0.3)
        received = server.messages()
    what = f"{' '.join(cmd)}\nexit {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.returncode == 0, what
    assert received == [], f"--dry-run sent {len(received)} message(s)\n{what}"
    emls = sorted((out / "mail").glob("*.eml"))
    assert emls, f"{out / 'mail'} holds no .eml"
    for path in emls:
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        subject = str(msg["Subject"])
        assert subject in proc.stdout, f"dry run does not show the subject of {path.name}: {subject!r}\n{what}"
        for rcpt in addresses(msg["To"], msg.get("Cc")):
            assert rcpt in proc.stdout.lower(), f"dry run does not show recipient {rcpt} of {path.name}\n{what}"
    # The run's record of the mail it sent is not rewritten by a dry run.
    assert json.loads((out / "run.json").read_text()).get("mail") == smtp_run.run_json().get("mail"), \
        f"--dry-run changed run.json's mail record\n{what}"


def test_mail_sends_the_eml_files_again(binary, smtp_run, tmp_path):
    """`socialaudit mail` without --dry-run delivers the .eml files of the last run once more
    (to the recipients in their headers) and records the outcomes in run.json."""
    assert smtp_run.proc.returncode == 0, smtp_run.describe()
    out = tmp_path / "out"
    shutil.copytree(smtp_run.out, out)
    with SmtpServer(tmp_path) as server:
        config = write_config(tmp_path, smtp_mail(server.port))
        cmd = [str(binary), "mail", "--config", str(config), "--out", str(out)]
        proc = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL)
        received = server.messages()
    what = f"{' '.join(cmd)}\nexit {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.returncode == 0, what
    sent = {report_id(r.msg): r for r in received}
    for path in sorted((out / "mail").glob("*.eml")):
        rid = path.stem
        assert rid in sent, f"{path.name} was not delivered\n{what}"
        original = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        want = addresses(original["To"], original.get("Cc"))
        assert addresses(sent[rid].msg["X-RcptTo"]) == want, \
            f"{path.name} went to {sent[rid].msg['X-RcptTo']!r}, want {sorted(want)}\n{what}"
        assert str(sent[rid].msg["Message-ID"]) == str(original["Message-ID"])
    entries = {e["message"]: e for e in json.loads((out / "run.json").read_text())["mail"]}
    for rid in sent:
        assert entries.get(rid, {}).get("outcome") == "delivered", f"{rid}: {entries.get(rid)}\n{what}"


# --------------------------------------------------------------------------- hostile addresses and archives


def _hostile_district(tmp: Path, port: int) -> Path:
    """scripts/make-hostile.py's mail-and-csv district, configured to send to 127.0.0.1:port."""
    corpus = tmp / "hostile"
    subprocess.run([sys.executable, str(REPO / "scripts" / "make-hostile.py"), str(corpus), "--big-line-mb", "1"],
                   check=True, timeout=RUN_TIMEOUT)
    district = corpus / "mail-and-csv" / "district"
    config = json.loads((district / "socialaudit.json").read_text(encoding="utf-8"))
    for key in ("inventory", "roster", "archives"):
        config[key] = str(district / config[key])
    config.update(templates=str(REPO / "templates"), out=str(tmp / "out"), state=str(tmp / "state" / "socialaudit.sqlite"))
    config["mail"]["smtp"] = {"host": "127.0.0.1", "port": port}
    path = tmp / "socialaudit.json"
    path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    return path


def test_hostile_envelope_is_addr_specs_and_names_stay_in_headers(binary, tmp_path):
    """Display names reach To:/From: (decoded as written), the envelope carries bare addresses, the
    server sees one MAIL and one RCPT per recipient and nothing else, and the district's summary
    names no archive that is not in the inventory."""
    with SmtpServer(tmp_path, kind="refusing") as server:
        config = _hostile_district(tmp_path, server.port)
        proc = subprocess.run([str(binary), "run", "--config", str(config), "--as-of", AS_OF, "--mail", "--quiet"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=RUN_TIMEOUT, stdin=subprocess.DEVNULL)
        got = server.messages()
        log = [json.loads(line) for line in server.commands.read_text().splitlines()]
    assert proc.returncode == 0, proc.stderr
    assert sorted(e["command"] for e in log) == ["DATA", "DATA", "MAIL", "MAIL", "RCPT", "RCPT"], log
    assert {e["address"] for e in log if e["command"] == "RCPT"} == {"communications@haywood.k12.nc.us",
                                                                    "principal.phs@haywood.k12.nc.us"}
    assert {e["address"] for e in log if e["command"] == "MAIL"} == {"socialaudit@haywood.k12.nc.us"}
    by_report = {report_id(r.msg): r for r in got}
    school = by_report["pisgah-high"].msg
    assert email.utils.getaddresses([str(school["To"])]) == [("Principal, Pisgah", "principal.phs@haywood.k12.nc.us")]
    assert email.utils.parseaddr(str(school["From"])) == ("Haywood audit", "socialaudit@haywood.k12.nc.us")
    for raw in (r.raw for r in got):
        assert all(len(line) <= 998 for line in raw_headers(raw).splitlines())
        assert b"Bcc" not in raw_headers(raw)
    plain, html_src = text_and_html(by_report["district"].msg)
    for body in (plain, html_src):
        assert "3 archives not in the inventory" in body
        for word in ("jamie_hoops7", "Jamie Hollis", "ACTION REQUIRED", "evil.example"):
            assert word not in body, f"{word!r} in the district's summary"
