#!/usr/bin/env python3
"""Generate a large Twitter/X archive for benchmarks, in the real format, deterministically.

    python3 scripts/make-bench-archive.py OUT.zip [--tweets 150000] [--parts 3] [--folder]

Tweets are shaped like real ones (entities, edit_info, source, reply fields on about a third,
retweets on a fifth), about 1.1 KB each, split over `tweets.js`, `tweets-part1.js`, … The same
arguments always give the same bytes.
"""
import argparse
import io
import json
import os
import random
import zipfile

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WORDS = ("game practice tonight congrats team band concert field trip reminder schedule lunch menu "
         "library week science fair art show parents teachers students honor roll spirit homecoming "
         "&amp; great job proud of our seniors &lt;3 weather delay buses").split()


def twitter_date(seconds):
    import time
    t = time.gmtime(seconds)
    return "%s %s %02d %02d:%02d:%02d +0000 %d" % (
        DAYS[t.tm_wday], MONTHS[t.tm_mon - 1], t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_year)


def tweet(rng, n, account_id, handle):
    tid = str(1300000000000000000 + n * 7919)
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 22))]
    mentions = []
    text = " ".join(words)
    obj = {}
    kind = rng.random()
    if kind < 0.2:
        other = "org%d" % rng.randint(1, 50)
        text = "RT @%s: %s" % (other, text)
        mentions.append({"name": other, "screen_name": other, "indices": ["3", str(4 + len(other))],
                         "id_str": str(5000 + rng.randint(1, 50)), "id": str(5000 + rng.randint(1, 50))})
    elif kind < 0.5:
        other = "user%d" % rng.randint(1, 5000)
        uid = str(880000 + rng.randint(1, 5000))
        text = "@%s %s" % (other, text)
        mentions.append({"name": other, "screen_name": other, "indices": ["0", str(1 + len(other))],
                         "id_str": uid, "id": uid})
        obj["in_reply_to_status_id_str"] = str(1200000000000000000 + rng.randint(1, 10**15))
        obj["in_reply_to_status_id"] = obj["in_reply_to_status_id_str"]
        obj["in_reply_to_user_id"] = uid
        obj["in_reply_to_user_id_str"] = uid
        obj["in_reply_to_screen_name"] = other
    created = 1600000000 + n * 613
    body = {
        "edit_info": {"initial": {"editTweetIds": [tid], "editableUntil": "2022-11-14T18:20:11.000Z",
                                  "editsRemaining": "5", "isEditEligible": True}},
        "retweeted": False,
        "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
        "entities": {"hashtags": [], "symbols": [], "user_mentions": mentions,
                     "urls": [{"url": "https://t.co/abcdefghij", "expanded_url": "https://haywood.k12.nc.us/news/%d" % n,
                               "display_url": "haywood.k12.nc.us/news/%d" % n, "indices": ["0", "23"]}]},
        "display_text_range": ["0", str(len(text))],
        "favorite_count": str(rng.randint(0, 40)),
        "id_str": tid,
        "truncated": False,
        "retweet_count": str(rng.randint(0, 10)),
        "id": tid,
        "created_at": twitter_date(created),
        "favorited": False,
        "full_text": text,
        "lang": "en",
    }
    body.update(obj)
    return {"tweet": body}


def part_text(records, part):
    out = io.StringIO()
    out.write("window.YTD.tweets.part%d = [ " % part)
    for i, r in enumerate(records):
        if i:
            out.write(", ")
        out.write(json.dumps(r, indent=2, separators=(",", " : "), ensure_ascii=False))
    out.write(" ]")
    return out.getvalue().encode("utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--tweets", type=int, default=150000)
    ap.add_argument("--parts", type=int, default=3)
    ap.add_argument("--account-id", default="1001")
    ap.add_argument("--handle", default="bigaccount")
    ap.add_argument("--folder", action="store_true", help="write an extracted folder instead of a zip")
    args = ap.parse_args()
    rng = random.Random(20261124)
    files = {}
    files["data/account.js"] = ("window.YTD.account.part0 = " + json.dumps([{"account": {
        "email": "%s@haywood.k12.nc.us" % args.handle, "createdVia": "web", "username": args.handle,
        "accountId": args.account_id, "createdAt": "2014-08-01T00:00:00.000Z",
        "accountDisplayName": args.handle}}], indent=2, separators=(",", " : "))).encode()
    files["data/manifest.js"] = ("window.__THAR_CONFIG = " + json.dumps({
        "userInfo": {"accountId": args.account_id, "userName": args.handle, "displayName": args.handle},
        "archiveInfo": {"sizeBytes": "0", "generationDate": "2026-10-31T12:00:00.000Z", "isPartialArchive": False},
        "dataTypes": {}}, indent=2, separators=(",", " : "))).encode()
    per = (args.tweets + args.parts - 1) // args.parts
    n = 0
    for part in range(args.parts):
        count = min(per, args.tweets - n)
        records = [tweet(rng, n + i, args.account_id, args.handle) for i in range(count)]
        n += count
        name = "data/tweets.js" if part == 0 else "data/tweets-part%d.js" % part
        files[name] = part_text(records, part)
    if args.folder:
        for name, data in files.items():
            path = os.path.join(args.out, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
    else:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for name in sorted(files):
                info = zipfile.ZipInfo(name, date_time=(2026, 10, 31, 12, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, files[name])
    total = sum(len(v) for k, v in files.items() if "tweets" in k)
    print("%s: %d tweets, %.1f MB of tweets*.js" % (args.out, args.tweets, total / 1e6))


if __name__ == "__main__":
    main()
