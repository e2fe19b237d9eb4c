"""A small SMTP server for the mail tests: it refuses some recipients and keeps the rest.

    python3 Tests/Mail/refusing_smtpd.py --listen 127.0.0.1:PORT --maildir DIR \
        [--refuse ADDRESS]... [--log FILE]

Built on aiosmtpd's Controller. RCPT TO for an address given with --refuse (compared
case-insensitively) is answered "550 5.1.1 mailbox unavailable"; every other recipient is
accepted. A message that reaches DATA is stored in the Maildir DIR byte for byte as the client
sent it, after three trace headers like aiosmtpd's Mailbox handler adds (X-Peer, X-MailFrom,
X-RcptTo: the accepted envelope recipients only). With --log, each SMTP command's outcome is
appended to FILE as one JSON line, so a test can see what the client tried.

It prints "ready HOST:PORT" on stdout once it accepts connections, and stops on SIGTERM/SIGINT.
"""

from __future__ import annotations

import argparse
import json
import mailbox
import signal
import sys
import threading

from aiosmtpd.controller import Controller

REFUSAL = "550 5.1.1 mailbox unavailable"


class RefusingHandler:
    def __init__(self, maildir: str, refuse: list[str], log: str | None = None):
        self.maildir = mailbox.Maildir(maildir, factory=None, create=True)
        self.refuse = {a.strip().lower() for a in refuse}
        self.log_path = log
        self.lock = threading.Lock()

    def _log(self, **entry):
        if not self.log_path:
            return
        with self.lock, open(self.log_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        self._log(command="MAIL", address=address, reply="250 OK")
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.strip().strip("<>").lower() in self.refuse:
            self._log(command="RCPT", address=address, reply=REFUSAL)
            return REFUSAL
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        self._log(command="RCPT", address=address, reply="250 OK")
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        trace = (
            f"X-Peer: {session.peer}\r\n"
            f"X-MailFrom: {envelope.mail_from}\r\n"
            f"X-RcptTo: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode("ascii", "backslashreplace")
        with self.lock:
            self.maildir.add(trace + content)
        self._log(command="DATA", recipients=list(envelope.rcpt_tos), size=len(content), reply="250 OK")
        return "250 OK"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", required=True, help="HOST:PORT")
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--refuse", action="append", default=[], help="a recipient to refuse (repeatable)")
    parser.add_argument("--log", help="append one JSON line per SMTP command here")
    args = parser.parse_args(argv)
    host, _, port = args.listen.rpartition(":")

    handler = RefusingHandler(args.maildir, args.refuse, args.log)
    # 8BITMIME/SMTPUTF8 on, like a real MTA; decode_data off keeps the bytes as sent.
    controller = Controller(handler, hostname=host, port=int(port), enable_SMTPUTF8=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    controller.start()
    print(f"ready {host}:{port}", flush=True)
    try:
        stop.wait()
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
