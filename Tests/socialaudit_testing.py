"""What the Python test suites (Tests/Browser, Tests/Mail) share: where the repository is and
how to get the built `socialaudit`."""
import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def socialaudit_bin() -> Path:
    """$SOCIALAUDIT_BIN, else the debug build (built now: nearly free after `swift test`)."""
    env = os.environ.get("SOCIALAUDIT_BIN")
    if env:
        return Path(env).resolve()
    swift = os.environ.get("SWIFT") or shutil.which("swift") or "/opt/swift/usr/bin/swift"
    subprocess.run([swift, "build"], cwd=REPO, check=True)
    return REPO / ".build" / "debug" / "socialaudit"
