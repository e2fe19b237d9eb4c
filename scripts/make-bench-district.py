#!/usr/bin/env python3
"""Generate a large district for the benchmarks, in the real formats, deterministically.

    python3 scripts/make-bench-district.py OUT [--archives 4] [--tweets 150000] [--folder] [--text ascii|real]

Writes OUT/socialaudit.json, OUT/inventory.json (one school, one professional staff account per
archive), OUT/students.csv (40 students, some of whom the generated tweets reply to) and
OUT/archives/ with one archive per account, made by make-bench-archive.py (same arguments,
same bytes). With --text real the archives' text is real-shaped and the students have the
names those tweets use (make-bench-archive.py's ROSTER: accents, Cyrillic, Vietnamese).
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def roster_names(text):
    """Given and family names of students 1 to 40."""
    if text == "ascii":
        return [("Student%d" % i, "Family%d" % i) for i in range(1, 41)]
    spec = importlib.util.spec_from_file_location("make_bench_archive", os.path.join(HERE, "make-bench-archive.py"))
    archive = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(archive)
    return archive.ROSTER


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--archives", type=int, default=4)
    ap.add_argument("--tweets", type=int, default=150000)
    ap.add_argument("--folder", action="store_true")
    ap.add_argument("--text", choices=["ascii", "real"], default="ascii")
    args = ap.parse_args()
    os.makedirs(os.path.join(args.out, "archives"), exist_ok=True)
    domain = "bench.k12.example.us"
    accounts, people = [], [{"email": "admin@" + domain, "name": "Pat Admin", "role": "administrator", "school": "bench-high"}]
    for i in range(args.archives):
        handle, account_id = "teacher%02d" % i, str(2001 + i)
        people.append({"email": "%s@%s" % (handle, domain), "name": "Teacher %d" % i, "role": "teacher", "school": "bench-high"})
        accounts.append({"handle": handle, "accountId": account_id, "tier": "professional", "school": "bench-high",
                         "createdBy": "individual", "owner": "%s@%s" % (handle, domain)})
        target = os.path.join(args.out, "archives", handle + ("" if args.folder else ".zip"))
        if not os.path.exists(target):
            cmd = [sys.executable, os.path.join(HERE, "make-bench-archive.py"), target, "--tweets", str(args.tweets),
                   "--account-id", account_id, "--handle", handle, "--text", args.text] + (["--folder"] if args.folder else [])
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    inventory = {"district": {"name": "Bench County Schools", "emailDomains": [domain], "reportRecipients": []},
                 "schools": [{"id": "bench-high", "name": "Bench High School"}], "people": people, "accounts": accounts}
    with open(os.path.join(args.out, "inventory.json"), "w") as f:
        json.dump(inventory, f, indent=2)
    with open(os.path.join(args.out, "students.csv"), "w", encoding="utf-8") as f:
        f.write("student_id,school,handle,account_id,first_name,last_name,directory_opt_out\n")
        for i, (first, last) in enumerate(roster_names(args.text), start=1):
            f.write("B%04d,bench-high,user%d,%d,%s,%s,%s\n" % (i, i, 880000 + i, first, last, "true" if i % 10 == 0 else "false"))
    with open(os.path.join(args.out, "socialaudit.json"), "w") as f:
        json.dump({"inventory": "inventory.json", "roster": "students.csv", "archives": "archives", "out": "out",
                   "state": "state/socialaudit.sqlite", "templates": os.path.join(os.path.dirname(HERE), "templates"),
                   "policy": {"organizations": ["org%d" % i for i in range(1, 51)]}}, f, indent=2)


if __name__ == "__main__":
    main()
