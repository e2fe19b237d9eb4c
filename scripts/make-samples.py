#!/usr/bin/env python3
"""Generate the sample district in samples/, deterministically (same bytes every run).

    python3 scripts/make-samples.py [OUT_DIR]      # default: samples/ next to scripts/

Writes a small district, "Haywood County Schools": socialaudit.json, inventory.json and
inventory.xml (the same content, generated from one data structure), students.csv,
reviews.json, README.md, and archives/ with one Twitter/X archive per account, some as .zip
files and some extracted into folders, in the real archive format (see
../shared/spec/archive-format.md). Each archive exercises particular rules; README.md lists them.

Python 3 standard library only. Zip entries are sorted, ZIP_DEFLATED, with a fixed timestamp.
"""
import calendar
import csv
import io
import json
import os
import re
import shutil
import sys
import time
import zipfile
from xml.sax.saxutils import escape as xml_escape, quoteattr

ZIP_TIME = (2026, 10, 30, 12, 0, 0)
DOMAIN = "haywood.k12.nc.us"
GENERATED = "2026-10-28T09:14:03.000Z"
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
TWEPOCH_MS = 1288834974657
WEB_APP = "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>"
IPHONE = "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>"


def mail(local):
    return "%s@%s" % (local, DOMAIN)


# ---------------------------------------------------------------------------------------------
# Inventory: one structure, written as JSON and as XML.

INVENTORY = {
    "district": {
        "name": "Haywood County Schools",
        "emailDomains": [DOMAIN],
        "websites": [DOMAIN],
        "reportRecipients": [mail("communications")],
    },
    "schools": [
        {"id": "pisgah-high", "name": "Pisgah High School", "reportRecipients": [mail("principal.phs")]},
        {"id": "tuscola-high", "name": "Tuscola High School", "reportRecipients": [mail("principal.ths")]},
        {"id": "bethel-middle", "name": "Bethel Middle School",
         "reportRecipients": [mail("principal.bms"), mail("cwells")]},
    ],
    "people": [
        {"email": mail("bnorris"), "name": "Beth Norris", "role": "administrator", "school": "district"},
        {"email": mail("mreed"), "name": "Morgan Reed", "role": "administrator", "school": "pisgah-high"},
        {"email": mail("tlane"), "name": "Taylor Lane", "role": "teacher", "school": "pisgah-high"},
        {"email": mail("kjackson"), "name": "Kendall Jackson", "role": "teacher", "school": "pisgah-high"},
        {"email": mail("dwhitaker"), "name": "Dana Whitaker", "role": "staff", "school": "pisgah-high"},
        {"email": mail("jcarter"), "name": "Jordan Carter", "role": "administrator", "school": "tuscola-high"},
        {"email": mail("nokafor"), "name": "Ngozi Okafor", "role": "teacher", "school": "tuscola-high"},
        {"email": mail("rmartin"), "name": "Rachel Martin", "role": "teacher", "school": "tuscola-high"},
        {"email": mail("erivera"), "name": "Elena Rivera", "role": "teacher", "school": "tuscola-high"},
        {"email": mail("sgreene"), "name": "Sam Greene", "role": "staff", "school": "tuscola-high"},
        {"email": mail("cwells"), "name": "Casey Wells", "role": "administrator", "school": "bethel-middle"},
        {"email": mail("adavis"), "name": "Aaron Davis", "role": "teacher", "school": "bethel-middle"},
        {"email": mail("hpatel"), "name": "Hema Patel", "role": "teacher", "school": "bethel-middle"},
        {"email": mail("mbrooks"), "name": "Marcy Brooks", "role": "staff", "school": "bethel-middle"},
    ],
    "accounts": [
        {"handle": "pisgahhigh", "accountId": "1001", "tier": "primary", "school": "pisgah-high",
         "createdBy": "district", "managers": [mail("mreed")],
         "registeredEmail": mail("pisgahhigh.social")},
        # No accountId: filled in from the archive (matched by handle).
        {"handle": "pisgahcounselors", "tier": "school-owned", "school": "pisgah-high",
         "createdBy": "school", "organization": "Pisgah High Counseling",
         "managers": [mail("tlane"), mail("dwhitaker")], "assignedBy": mail("kjackson"),
         "registeredEmail": mail("pisgahcounselors"), "emailRoutesTo": [mail("tlane")]},
        {"handle": "kjackson", "accountId": "1003", "tier": "personal", "school": "pisgah-high",
         "createdBy": "individual", "owner": mail("kjackson")},
        # No accountId: filled in from the archive (matched by handle).
        {"handle": "mrsokafor_teaches", "tier": "professional", "school": "tuscola-high",
         "createdBy": "individual", "owner": mail("nokafor")},
        {"handle": "tuscolahigh", "accountId": "1587654321098765432", "tier": "primary",
         "school": "tuscola-high", "createdBy": "district", "managers": [mail("jcarter")],
         "registeredEmail": mail("tuscolahigh.social")},
        {"handle": "tuscolabands", "accountId": "1007", "tier": "school-owned", "school": "tuscola-high",
         "createdBy": "school", "organization": "Tuscola High Bands",
         "managers": [mail("rmartin")], "assignedBy": mail("jcarter"),
         "registeredEmail": mail("tuscolabands"), "emailRoutesTo": [mail("jcarter"), mail("rmartin")]},
        # Managed by a teacher, not the administrator (account.manager-role), and no archive.
        {"handle": "bethelbobcats", "accountId": "1008", "tier": "primary", "school": "bethel-middle",
         "createdBy": "district", "managers": [mail("hpatel")],
         "registeredEmail": mail("bethelbobcats.social")},
        # Set up by a parent, not the school (account.created-by).
        {"handle": "bethelpta", "accountId": "1009", "tier": "school-owned", "school": "bethel-middle",
         "createdBy": "individual", "organization": "Bethel Middle PTA",
         "managers": [mail("hpatel")], "assignedBy": mail("cwells"),
         "registeredEmail": mail("bethelpta"), "emailRoutesTo": [mail("cwells"), mail("hpatel")]},
        # The owner's personal address, not a person of the directory (account.owner-is-staff).
        {"handle": "coachdavis", "accountId": "1010", "tier": "professional", "school": "bethel-middle",
         "createdBy": "individual", "owner": "coach.a.davis@gmail.com"},
        {"handle": "cantonmiddlefans", "accountId": "1012", "tier": "professional",
         "school": "canton-middle", "createdBy": "individual", "owner": mail("mbrooks")},
        {"handle": "msrivera", "accountId": "1013", "tier": "personal", "school": "tuscola-high",
         "createdBy": "individual", "owner": mail("erivera")},
    ],
}

# JSON key (a list) -> XML child element name (singular).
XML_LISTS = {"emailDomains": "emailDomain", "websites": "website", "reportRecipients": "reportRecipient",
             "managers": "manager", "emailRoutesTo": "emailRoutesTo"}


def xml_element(name, obj, indent):
    pad = "  " * indent
    attrs = "".join(" %s=%s" % (k, quoteattr(v)) for k, v in obj.items() if isinstance(v, str))
    children = []
    for k, v in obj.items():
        if isinstance(v, list):
            for item in v:
                children.append("%s  <%s>%s</%s>" % (pad, XML_LISTS[k], xml_escape(item), XML_LISTS[k]))
    if not children:
        return ["%s<%s%s/>" % (pad, name, attrs)]
    return ["%s<%s%s>" % (pad, name, attrs)] + children + ["%s</%s>" % (pad, name)]


def inventory_xml(inv):
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<inventory xmlns="urn:socialaudit:inventory:1">']
    lines += xml_element("district", inv["district"], 1)
    for group, single in (("schools", "school"), ("people", "person"), ("accounts", "account")):
        lines.append("  <%s>" % group)
        for item in inv[group]:
            lines += xml_element(single, item, 2)
        lines.append("  </%s>" % group)
    lines.append("</inventory>")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Roster and configuration.

STUDENTS = [
    # student_id, school, handle, account_id, first, last, opt-out
    ("S20101", "pisgah-high", "jamie_hoops7", "880001", "Jamie", "Hollis", "false"),
    ("S20102", "pisgah-high", "MaddieRunsXC", "", "Madison", "Clark", "false"),  # archive: maddierunsxc
    ("S20103", "pisgah-high", "rbarnes_art", "880003", "Riley", "Barnes", "true"),
    ("S20104", "pisgah-high", "", "880004", "José", "Peña", "false"),
    ("S30201", "tuscola-high", "tuscola_tenor", "880005", "Ava", "Nguyen", "false"),
    ("S30202", "tuscola-high", "mlee_drums", "880006", "Marcus", "Lee", "false"),
    ("S40301", "bethel-middle", "", "", "Tyler", "Brooks, Jr.", "false"),
    ("S40302", "bethel-middle", "sofia_b_", "880008", "Sofia", "Bianchi", "false"),
]

CONFIG = {
    "inventory": "inventory.json",
    "roster": "students.csv",
    "archives": "archives",
    "captures": "captures",
    "out": "out",
    "state": "state/socialaudit.sqlite",
    "reviews": "reviews.json",
    "templates": "../templates",
    "timezone": "America/New_York",
    "policy": {
        "staleAfterDays": 35,
        "organizations": ["NCPublicSchools", "HaywoodCountyNC", "NCDPI"],
        "approvedApps": ["SchoolPointe"],
        "loginSpread": {"distinctIPs": 5, "windowDays": 7},
        "officialClaimPhrases": ["official account", "official twitter"],
    },
    "mail": {
        "from": mail("socialaudit"),
        "smtp": {"host": "127.0.0.1", "port": 2525},
        "reportBaseURL": "https://intranet.haywood.k12.nc.us/socialaudit/",
    },
}

# Accounts that appear in tweets but are not in the roster or the inventory.
OTHERS = {
    "NCPublicSchools": ("5001", "NC Public Schools"),
    "HaywoodCountyNC": ("5002", "Haywood County, NC"),
    "NCDPI": ("5003", "NC DPI"),
    "WNCSportsZone": ("5004", "WNC Sports Zone"),
    "SmokyMtnNews": ("5005", "Smoky Mountain News"),
    # Students as they appear in the archives (lower-case handles, ids from Twitter/X).
    "jamie_hoops7": ("880001", "Jamie H"),
    "maddierunsxc": ("880002", "Maddie 🏃‍♀️"),
    "tuscola_tenor": ("880005", "Ava N."),
    "sofia_b_": ("880008", "Sofia"),
    # Inventory accounts.
    "pisgahcounselors": ("1002", "Pisgah High Counseling"),
    "tuscolabands": ("1007", "Tuscola Mountaineer Band"),
    "pisgahhigh": ("1001", "Pisgah High School"),
    "kjackson": ("1003", "Coach K. Jackson"),
}


# ---------------------------------------------------------------------------------------------
# Archive building blocks.

def ts(s):
    """'2026-10-05 14:03:22' (UTC) -> epoch seconds."""
    return calendar.timegm(time.strptime(s, "%Y-%m-%d %H:%M:%S"))


def twitter_date(sec):
    t = time.gmtime(sec)
    return "%s %s %02d %02d:%02d:%02d +0000 %d" % (
        DAYS[t.tm_wday], MONTHS[t.tm_mon - 1], t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_year)


def iso(sec, ms=0):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec)) + ".%03dZ" % ms


def snowflake(sec, seq=0, ms=0):
    return str(((sec * 1000 + ms - TWEPOCH_MS) << 22) | (11 << 17) | (seq & 0xFFF))


def html_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mention(handle, full_text):
    uid, name = OTHERS[handle]
    at = "@" + handle
    start = full_text.lower().index(at.lower())  # code points over the escaped text
    return {"name": name, "screen_name": handle, "indices": [str(start), str(start + len(at))],
            "id_str": uid, "id": uid}


def tweet(when, text, mentions=(), reply_to=None, urls=(), source=WEB_APP, favs=0, rts=0, seq=0,
          wrap=True, extra=None):
    """A tweet object; `text` is plain (it is entity-escaped here). `reply_to` is
    (status_id, user_id, screen_name or None)."""
    sec = ts(when)
    tid = snowflake(sec, seq, ms=137 + seq)
    full = html_escape(text)
    ents = {"hashtags": [], "symbols": [], "user_mentions": [mention(h, full) for h in mentions], "urls": []}
    for short, expanded in urls:
        start = full.index(short)
        ents["urls"].append({"url": short, "expanded_url": expanded,
                             "display_url": expanded.split("://", 1)[1][:26] + ("…" if len(expanded) > 34 else ""),
                             "indices": [str(start), str(start + len(short))]})
    body = {
        "edit_info": {"initial": {"editTweetIds": [tid], "editableUntil": iso(sec + 3600),
                                  "editsRemaining": "5", "isEditEligible": True}},
        "retweeted": False,
        "source": source,
        "entities": ents,
        "display_text_range": ["0", str(len(full))],
        "favorite_count": str(favs),
        "id_str": tid,
    }
    if reply_to:
        status_id, user_id, screen = reply_to
        body["in_reply_to_status_id_str"] = status_id
        body["in_reply_to_user_id"] = user_id
        body["in_reply_to_status_id"] = status_id
        if screen is not None:
            body["in_reply_to_screen_name"] = screen
        body["in_reply_to_user_id_str"] = user_id
    body.update({
        "truncated": False,
        "retweet_count": str(rts),
        "id": tid,
        "possibly_sensitive": False,
        "created_at": twitter_date(sec),
        "favorited": False,
        "full_text": full,
        "lang": "en",
    })
    if extra:
        body.update(extra)
    return {"tweet": body} if wrap else body


def retweet(when, author, text, seq=0, wrap=True):
    short = "RT @%s: %s" % (author, text)
    if len(short) > 140:
        short = short[:139] + "…"
    return tweet(when, short, mentions=[author], seq=seq, wrap=wrap, favs=0)


def quote(when, author, quoted_when, text, seq=0):
    quoted = status_id(quoted_when)
    short = "https://t.co/Qt%08d" % seq
    return tweet(when, "%s %s" % (text, short), urls=[(short, "https://twitter.com/%s/status/%s" % (author, quoted))],
                 seq=seq, favs=6, extra={"quoted_status_id_str": quoted, "quoted_status_id": quoted})


def status_id(when, seq=7):
    """A plausible id of someone else's tweet posted at `when`."""
    return snowflake(ts(when), seq, ms=412)


def dump(value):
    text = json.dumps(value, indent=2, separators=(",", " : "), ensure_ascii=False)
    return re.sub(r"(?<=: )\[\]|(?<=: )\{\}", lambda m: "[ ]" if m.group(0) == "[]" else "{ }", text)


def data_file(global_name, records):
    if not records:
        return ("window.%s = [ ]" % global_name).encode("utf-8")
    return ("window.%s = %s" % (global_name, dump(records))).encode("utf-8")


def account_js(aid, username, display, email, created, via="web"):
    acct = {}
    if email is not None:
        acct["email"] = email
    acct.update({"createdVia": via, "username": username, "accountId": aid,
                 "createdAt": created, "accountDisplayName": display})
    return [{"account": acct}]


def profile_js(bio, website="", location="Canton, NC"):
    return [{"profile": {"description": {"bio": bio, "website": website, "location": location},
                         "avatarMediaUrl": "https://pbs.twimg.com/profile_images/1/avatar.jpg",
                         "headerMediaUrl": "https://pbs.twimg.com/profile_banners/1/1600000000"}}]


def app(name, org_url, desc, app_id, approved, perms=("read", "write")):
    return {"connectedApplication": {"organization": {"name": name, "url": org_url}, "name": name,
                                     "description": desc, "permissions": list(perms),
                                     "approvedAt": approved, "id": app_id}}


def logins(aid, entries):
    return [{"ipAudit": {"accountId": aid, "createdAt": iso(ts(w), 171), "loginIp": ip}} for w, ip in entries]


def dm(conv_id, messages):
    """messages: newest first; each (when, sender, recipient, text) -> messageCreate, or a ready event dict."""
    out = []
    for i, m in enumerate(messages):
        if isinstance(m, dict):
            out.append(m)
            continue
        when, sender, recipient, text = m
        mc = {"recipientId": recipient} if recipient else {}
        mc.update({"reactions": [], "urls": [], "text": text, "mediaUrls": [], "senderId": sender,
                   "id": snowflake(ts(when), 40 + i, ms=171), "createdAt": iso(ts(when), 171)})
        out.append({"messageCreate": mc})
    return {"dmConversation": {"conversationId": conv_id, "messages": out}}


class Archive:
    def __init__(self, folder_name, form, aid, username, display, generated=GENERATED):
        self.name, self.form = folder_name, form
        self.aid, self.username, self.display = aid, username, display
        self.generated = generated
        self.files = {}        # path -> bytes
        self.types = {}        # data type -> [(file, global name, count)]
        self.html = True

    def add(self, data_type, file_name, global_name, records, raw=None):
        self.files["data/" + file_name] = raw if raw is not None else data_file(global_name, records)
        self.types.setdefault(data_type, []).append(("data/" + file_name, global_name, len(records)))

    def standard(self, email, created, bio, website="", location="Canton, NC", tweets=(), dms=(), groups=(),
                 apps=(), ips=(), notes=(), deleted=()):
        self.add("account", "account.js", "YTD.account.part0",
                 account_js(self.aid, self.username, self.display, email, created))
        self.add("profile", "profile.js", "YTD.profile.part0", profile_js(bio, website, location))
        self.add("tweets", "tweets.js", "YTD.tweets.part0", list(tweets))
        self.add("noteTweet", "note-tweet.js", "YTD.note_tweet.part0", list(notes))
        self.add("deletedTweets", "deleted-tweets.js", "YTD.deleted_tweets.part0", list(deleted))
        self.add("directMessages", "direct-messages.js", "YTD.direct_messages.part0", list(dms))
        self.add("directMessagesGroup", "direct-messages-group.js", "YTD.direct_messages_group.part0", list(groups))
        self.add("connectedApplication", "connected-application.js", "YTD.connected_application.part0", list(apps))
        self.add("ipAudit", "ip-audit.js", "YTD.ip_audit.part0", list(ips))

    def manifest(self):
        types = {}
        for t in sorted(self.types):
            entry = {}
            if t == "tweets":
                entry["mediaDirectory"] = "data/tweets_media"
            elif t == "directMessages":
                entry["mediaDirectory"] = "data/direct_messages_media"
            entry["files"] = [{"fileName": f, "globalName": g, "count": str(c)} for f, g, c in self.types[t]]
            types[t] = entry
        size = sum(len(v) for v in self.files.values())
        cfg = {"userInfo": {"accountId": self.aid, "userName": self.username, "displayName": self.display},
               "archiveInfo": {"sizeBytes": str(size), "generationDate": self.generated,
                               "isPartialArchive": False, "maxPartSizeBytes": "53687091200"},
               "dataTypes": types}
        self.files["data/manifest.js"] = ("window.__THAR_CONFIG = " + dump(cfg)).encode("utf-8")

    def write(self, archives_dir):
        files = dict(self.files)
        if self.html:
            files["Your archive.html"] = (
                "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Your archive</title></head>\n"
                "<body><p>Open this file in a browser to view your archive.</p></body></html>\n").encode("utf-8")
        if self.form == "zip":
            path = os.path.join(archives_dir, self.name + ".zip")
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
                for name in sorted(files):
                    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.create_system = 3
                    info.external_attr = 0o100644 << 16
                    z.writestr(info, files[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
        else:
            root = os.path.join(archives_dir, self.name)
            for name in sorted(files):
                path = os.path.join(root, *name.split("/"))
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as f:
                    f.write(files[name])


SCHOOLPOINTE = app("SchoolPointe", "https://www.schoolpointe.com", "Website and mobile app push for schools",
                   "16823044", "2021-08-09T13:22:41.000Z")


# ---------------------------------------------------------------------------------------------
# The archives.

def pisgahhigh():
    a = Archive("twitter-2026-10-28-a41c9e07d2", "zip", "1001", "pisgahhigh", "Pisgah High School")
    jamie_post = "2026-10-24 01:12:40"
    tweets = [
        tweet("2026-10-02 12:30:00", "Homecoming week starts Monday! Spirit days: Mon pajama day, Tue decades day & "
              "Wed Black & Gold. Details: https://t.co/Qm3kR8vXa1",
              urls=[("https://t.co/Qm3kR8vXa1", "https://pisgah.haywood.k12.nc.us/news/homecoming-2026")], favs=41, rts=9),
        retweet("2026-10-06 14:05:11", "NCPublicSchools", "Congratulations to the 2026 NC Teachers of the Year "
                "finalists, including Haywood County's own!", seq=1),
        tweet("2026-10-09 11:00:00", "Reminder: early release Wednesday Oct 14 for teacher workday. Buses run 3 hours early.",
              favs=18, rts=12, seq=2),
        retweet("2026-10-12 16:40:52", "HaywoodCountyNC", "Road work on NC-110 near Pisgah High this week; "
                "expect delays 7-8 AM.", seq=3),
        retweet("2026-10-16 23:10:05", "pisgahcounselors", "Seniors: FAFSA night is Oct 22 in the media center, 6 PM.",
                seq=4),
        retweet("2026-10-18 02:41:19", "WNCSportsZone", "FINAL: Pisgah 35, Tuscola 28. The Bears win the "
                "Haywood County bowl for the third straight year!", seq=5),
        tweet("2026-10-24 13:02:17", "@jamie_hoops7 Congratulations on your signing day, Jamie! The whole "
              "school is proud of you.", mentions=["jamie_hoops7"],
              reply_to=(status_id(jamie_post), "880001", "jamie_hoops7"), favs=63, seq=6),
        tweet("2026-10-26 12:15:00", "Picture retake day is Nov 4. Order forms are in the front office.",
              favs=7, seq=7),
    ]
    apps = [SCHOOLPOINTE]
    ips = logins("1001", [("2026-10-27 12:01:09", "24.172.10.1"), ("2026-10-20 11:45:30", "24.172.10.1"),
                          ("2026-10-13 20:02:44", "74.125.20.17"), ("2026-10-06 12:10:02", "24.172.10.1"),
                          ("2026-09-29 12:00:57", "24.172.10.1")])
    a.standard(mail("pisgahhigh.social"), "2012-08-01T14:21:09.000Z",
               "Official Twitter account of Pisgah High School, home of the Black Bears. Haywood County Schools.",
               website="https://t.co/pHs7Kq2Zb1", tweets=tweets, apps=apps, ips=ips)
    a.manifest()
    return a


def pisgahcounselors():
    a = Archive("twitter-2026-10-28-counseling", "folder", "1002", "pisgahcounselors", "Pisgah High Counseling")
    a.html = False
    tweets = [
        tweet("2026-09-15 13:00:00", "Juniors & seniors: college application workshop every Tuesday in room 114 "
              "during lunch.", favs=12, rts=4),
        tweet("2026-10-16 22:55:31", "Seniors: FAFSA night is Oct 22 in the media center, 6 PM.", favs=20, rts=11, seq=1),
        tweet("2026-10-20 15:00:00", "Scholarship of the week: the Haywood Community Foundation scholarship, "
              "due Dec 1. See Ms. Lane for details.", favs=9, rts=6, seq=2, source=IPHONE),
    ]
    dms = [dm("1002-880004", [
        ("2026-10-21 01:14:09", "1002", "880004", "Yes, come by room 114 tomorrow at lunch and we'll look at it together."),
        ("2026-10-21 00:58:45", "880004", "1002", "hi, can someone help me with my scholarship essay?"),
    ])]
    apps = [SCHOOLPOINTE,
            app("TweetBlaster 3000", "http://tweetblaster3000.example.com", "Schedule and blast tweets to all your followers",
                "29811772", "2026-09-30T03:17:55.000Z", perms=("read", "write", "directmessages"))]
    ips = logins("1002", [
        ("2026-10-22 21:40:02", "172.58.14.201"), ("2026-10-22 13:05:44", "24.172.10.1"),
        ("2026-10-21 23:59:10", "98.122.77.30"), ("2026-10-21 18:20:33", "66.87.154.12"),
        ("2026-10-21 12:02:19", "24.172.10.1"), ("2026-10-20 22:47:51", "107.77.203.9"),
        ("2026-10-20 19:11:26", "45.37.88.140"), ("2026-10-20 14:30:00", "152.26.80.4"),
        ("2026-09-30 03:17:40", "24.172.10.1"),
    ])
    a.standard("pisgahcounseling.phs@gmail.com", "2016-01-11T17:40:12.000Z",
               "Pisgah High School Counseling Department: college, career and scholarship news.",
               website="https://t.co/c0uNs3LrZ9", tweets=tweets, dms=dms, apps=apps, ips=ips)
    a.manifest()
    return a


def kjackson():
    a = Archive("twitter-2026-10-28-kjackson-full", "zip", "1003", "kjackson", "Coach K. Jackson")
    own = tweet("2026-10-03 00:20:00", "Big win tonight for the Bears. Defense was lights out. (1/2)", favs=30, seq=1)
    own_id = own["tweet"]["id_str"]
    note_when = "2026-10-08 12:44:30"
    note_text = ("Thank you to everyone who came out for the booster club fish fry on Saturday. We raised enough to "
                 "replace the old scoreboard controller, buy new practice jerseys for JV, and still have money left "
                 "for the end-of-season banquet. Special thanks to the Haywood County EMS crew who cooked all "
                 "afternoon and to @HaywoodCountyNC parks staff for the tables and tents. See you at the "
                 "game Friday!")
    truncated = note_text[:270].rstrip() + "…"
    tweets = [
        own,
        tweet("2026-10-03 00:21:12", "@kjackson Shout-out to the O-line too. Nobody talks about them enough. (2/2)",
              mentions=["kjackson"], reply_to=(own_id, "1003", "kjackson"), favs=11, seq=2),
        tweet("2026-10-04 14:10:45", "@jamie_hoops7 great game Friday 🏀 and @maddierunsxc you ran a great race too!",
              mentions=["jamie_hoops7", "maddierunsxc"],
              reply_to=(status_id("2026-10-04 02:31:00"), "880001", "jamie_hoops7"), favs=8, seq=3, source=IPHONE),
        tweet("2026-10-06 21:00:00", "Bus leaves at 6 & returns by 9 - pack water & snacks <3", favs=5, seq=4),
        tweet(note_when, truncated, favs=44, rts=3, seq=5),
        tweet("2026-10-14 17:35:02", "So proud of Riley Barnes for taking first place in the regional art show!",
              favs=19, seq=6),
        tweet("2026-10-25 23:05:55", "Rainy practice, dry spirits. Season is flying by.", favs=6, seq=7),
    ]
    notes = [{"noteTweet": {
        "noteTweetId": snowflake(ts(note_when), 900, ms=120),
        "updatedAt": iso(ts(note_when)),
        "lifecycle": {"value": "1", "name": "Active", "originalName": "Active", "annotations": {}},
        "createdAt": iso(ts(note_when)),
        "core": {"styletags": [], "urls": [], "text": note_text,
                 "mentions": [{"screenName": "HaywoodCountyNC", "fromIndex": str(note_text.index("@Haywood")),
                               "toIndex": str(note_text.index("@Haywood") + len("@HaywoodCountyNC"))}],
                 "cashtags": [], "hashtags": []}}}]
    deleted = [tweet("2026-10-19 12:00:00", "Practice cancelled today because of the storm. Stay safe, everyone.",
                     favs=2, seq=8, extra={"deleted_at": twitter_date(ts("2026-10-19 13:30:41"))})]
    dms = [dm("1003-880001", [
        ("2026-10-10 02:15:00", "1003", "880001", "Good. Ice it tonight and see the trainer before school."),
        ("2026-10-10 02:11:37", "880001", "1003", "coach my ankle is better, can I still play friday?"),
        ("2026-10-10 02:09:02", "1003", "880001", "How's the ankle?"),
    ])]
    group_id = "1846201957730128896"
    groups = [{"dmConversation": {"conversationId": group_id, "messages": [
        dm("", [("2026-10-12 01:30:00", "1003", None, "Bus at 5:30 sharp. Don't be late!")])["dmConversation"]["messages"][0],
        {"conversationNameUpdate": {"initiatingUserId": "880001", "name": "Bears bus crew",
                                    "createdAt": iso(ts("2026-10-12 01:10:00"), 555)}},
        dm("", [("2026-10-12 01:05:12", "880003", None, "is the bus leaving from the gym?")])["dmConversation"]["messages"][0],
        {"participantsJoin": {"initiatingUserId": "880001", "userIds": ["880003"],
                              "createdAt": iso(ts("2026-10-12 01:02:00"), 10)}},
        {"joinConversation": {"initiatingUserId": "880001", "participantsSnapshot": ["880001", "5010", "1003"],
                              "createdAt": iso(ts("2026-10-12 01:00:00"), 999)}},
    ]}}]
    a.standard(mail("kjackson"), "2013-05-20T01:02:03.000Z",
               # Hostile markup in a bio: the reports must show it as text.
               "The official account of Pisgah High School athletics. Teacher, coach, dog dad. Opinions my own. "
               "<img src=x onerror=alert(1)>",
               website="", location="Waynesville, NC", tweets=tweets, notes=notes, deleted=deleted, dms=dms,
               groups=groups, ips=logins("1003", [("2026-10-26 01:00:00", "71.70.140.8")]))
    a.manifest()
    return a


def mrsokafor():
    a = Archive("twitter-2026-10-28-okafor", "folder", "1005", "mrsokafor_teaches", "Mrs. Okafor 🧪")
    part0 = [
        tweet("2026-10-21 13:20:00", "Chemistry students: lab safety quiz moved to Thursday. Review the SDS handout.",
              favs=4, seq=1),
        retweet("2026-10-19 01:02:40", "tuscola_tenor", "So excited to sing with the All-State Honors Chorus "
                "this weekend!!", seq=2),
        tweet("2026-10-02 15:00:00", "Congratulations to Rileyson Barneswood, our new science department chair "
              "at Tuscola!", favs=22, seq=3),
    ]
    part1 = [
        tweet("2026-09-27 02:48:09", "Grading 140 lab reports this weekend. Damn, I need a beer. <script>alert('x')</script>", favs=31, seq=4,
              source=IPHONE),
        tweet("2026-09-10 12:05:00", "Periodic table cupcakes for Mole Day prep are a go. Thanks, PTA!", favs=15, seq=5),
        # A quote of a student's tweet, as the current archive writes one: the quoted id, and its
        # link among the urls (no quoted author): student.quote.
        quote("2026-10-19 03:30:00", "tuscola_tenor", "2026-10-19 01:00:05", "Our future opera star 🎶", seq=6),
    ]
    a.html = False
    a.add("account", "account.js", "YTD.account.part0",
          account_js("1005", "mrsokafor_teaches", "Mrs. Okafor 🧪", mail("nokafor"), "2018-07-30T10:00:00.000Z"))
    a.add("profile", "profile.js", "YTD.profile.part0",
          profile_js("Chemistry teacher at Tuscola High School. Mole Day enthusiast.", location="Waynesville, NC"))
    a.add("tweets", "tweets.js", "YTD.tweets.part0", part0)
    a.add("tweets", "tweets-part1.js", "YTD.tweets.part1", part1)
    a.add("directMessages", "direct-messages.js", "YTD.direct_messages.part0", [])
    a.add("directMessagesGroup", "direct-messages-group.js", "YTD.direct_messages_group.part0", [])
    a.add("connectedApplication", "connected-application.js", "YTD.connected_application.part0", [])
    a.add("ipAudit", "ip-audit.js", "YTD.ip_audit.part0",
          logins("1005", [("2026-10-21 13:19:00", "152.26.81.22"), ("2026-09-27 02:47:00", "75.176.3.90")]))
    a.manifest()
    return a


def tuscolahigh():
    aid = "1587654321098765432"
    a = Archive("twitter-2026-10-28-9f0b1d63aa", "zip", aid, "tuscolahigh", "Tuscola High School")
    tweets = [
        tweet("2026-09-08 11:30:00", "Welcome back, Mountaineers! Schedules are posted in PowerSchool.", favs=52, rts=14),
        retweet("2026-09-19 18:22:10", "NCDPI", "Applications for the NC Governor's School are open through "
                "Oct 31.", seq=1),
        retweet("2026-10-05 00:41:00", "tuscolabands", "The Marching Mountaineers earned straight Superior "
                "ratings at the Western Regional competition!", seq=2),
        tweet("2026-10-15 12:00:00", "Fall sports picture day is Oct 20 in the gym. Schedule by team: "
              "https://t.co/t8Hs2wQmZc", urls=[("https://t.co/t8Hs2wQmZc",
                                               "https://tuscola.haywood.k12.nc.us/athletics/picture-day")],
              favs=9, rts=3, seq=3),
    ]
    a.standard(mail("tuscolahigh.social"), "2022-11-02T15:00:00.000Z",
               "Tuscola High School, Waynesville NC. Haywood County Schools.", website="https://t.co/TuSc0La9Hx",
               location="Waynesville, NC", tweets=tweets, apps=[SCHOOLPOINTE],
               ips=logins(aid, [("2026-10-15 11:58:30", "152.26.81.1"), ("2026-10-05 00:40:00", "152.26.81.1"),
                                ("2026-09-19 18:20:00", "98.26.40.7")]))
    a.manifest()
    return a


def tuscolabands():
    a = Archive("twitter-2026-10-28-bands", "folder", "1007", "tuscolabands", "Tuscola Mountaineer Band")
    tweets = [
        tweet("2026-10-05 00:30:00", "The Marching Mountaineers earned straight Superior ratings at the Western "
              "Regional competition!", favs=88, rts=21),
        tweet("2026-10-22 16:00:00", "Band boosters meeting Monday 6 PM in the band room. All families welcome.",
              favs=6, rts=2, seq=1),
    ]
    a.standard("TuscolaBands@haywood.k12.nc.us", "2019-02-14T20:15:00.000Z",
               "Tuscola High School Bands: marching, concert and jazz.", website="https://t.co/BaNd5ThSx1",
               location="Waynesville, NC", tweets=tweets, apps=[SCHOOLPOINTE],
               ips=logins("1007", [("2026-10-22 15:58:00", "152.26.81.40"), ("2026-10-05 00:29:00", "174.99.2.61")]))
    a.manifest()
    return a


def bethelpta():
    a = Archive("twitter-2026-06-01-bethel", "zip", "1009", "bethel_pta", "Bethel Middle PTA",
                generated="2026-06-01T16:45:12.000Z")
    tweets = [
        tweet("2026-05-08 12:00:00", "Teacher Appreciation Week lunch is Friday. Thank you to all our volunteers!",
              favs=14, rts=3),
        tweet("2026-05-28 19:30:00", "Last day of school is June 10. Have a great summer, Bobcats!", favs=25, rts=6, seq=1),
    ]
    a.standard(mail("bethelpta"), "2017-09-01T12:00:00.000Z", "Bethel Middle School PTA, Canton NC.",
               website="https://t.co/pTaBeth3l9", tweets=tweets, apps=[SCHOOLPOINTE],
               ips=logins("1009", [("2026-05-28 19:29:00", "24.172.31.5")]))
    a.manifest()
    return a


def coachdavis():
    # Older archive: data/tweet.js, window.YTD.tweet.part0, tweet objects without the wrapper, no manifest.
    a = Archive("twitter-2019-11-02-davis", "zip", "1010", "coachdavis", "Coach Davis")
    tweets = [
        tweet("2019-10-25 22:10:00", "Bobcats 7th grade football finishes 6-1! Proud of these young men & their "
              "effort all season.", favs=17, rts=2, wrap=False),
        tweet("2019-09-30 12:00:00", "PE reminder: bring tennis shoes every day this week.", favs=3, seq=1, wrap=False),
        retweet("2019-09-12 20:00:00", "NCPublicSchools", "Physical activity improves academic performance. "
                "Thank you, PE teachers!", seq=2, wrap=False),
    ]
    a.add("account", "account.js", "YTD.account.part0",
          account_js("1010", "coachdavis", "Coach Davis", mail("adavis"), "2015-03-03T03:03:03.000Z"))
    a.add("profile", "profile.js", "YTD.profile.part0",
          profile_js("PE teacher and football coach at Bethel Middle School.", location="Canton, NC"))
    a.add("tweet", "tweet.js", "YTD.tweet.part0", tweets)
    return a


def mr_unlisted():
    a = Archive("twitter-2026-10-27-unknown", "folder", "1011", "mr_unlisted", "Mr. Unlisted",
                generated="2026-10-27T18:02:44.000Z")
    a.html = False
    a.add("account", "account.js", "YTD.account.part0",
          account_js("1011", "mr_unlisted", "Mr. Unlisted", "mr.unlisted@gmail.com", "2021-04-04T04:04:04.000Z"))
    a.add("profile", "profile.js", "YTD.profile.part0", profile_js("Teacher. Runner. Coffee.", location=""))
    a.add("tweets", "tweets.js", "YTD.tweets.part0", [
        tweet("2026-10-11 14:00:00", "Ran the Waynesville 10K this morning. Legs are done.", favs=4),
        tweet("2026-10-19 23:30:00", "@SmokyMtnNews great piece on the Pigeon River cleanup.",
              mentions=["SmokyMtnNews"], reply_to=(status_id("2026-10-19 15:00:00"), "5005", None), seq=1),
    ])
    a.add("directMessages", "direct-messages.js", "YTD.direct_messages.part0", [])
    a.add("connectedApplication", "connected-application.js", "YTD.connected_application.part0", [],
          raw=b"window.YTD.connected_application.part0 = []")
    a.add("ipAudit", "ip-audit.js", "YTD.ip_audit.part0", [])  # one line: window.YTD.ip_audit.part0 = [ ]
    a.manifest()
    return a


def cantonmiddlefans():
    a = Archive("twitter-2026-10-28-canton", "zip", "1012", "cantonmiddlefans", "Canton Middle Fans")
    a.standard(mail("mbrooks"), "2020-08-15T12:00:00.000Z", "Cheering on Canton Middle School sports.",
               location="Canton, NC",
               tweets=[tweet("2026-10-09 21:00:00", "Volleyball wins in straight sets tonight. Great crowd!", favs=7),
                       tweet("2026-10-23 21:30:00", "Cross-country conference meet is Saturday at 10.", favs=3, seq=1)],
               ips=logins("1012", [("2026-10-23 21:29:00", "66.57.3.18")]))
    a.manifest()
    return a


def msrivera_damaged():
    a = Archive("twitter-2026-10-29-damaged", "zip", "1013", "msrivera", "Elena Rivera",
                generated="2026-10-29T07:31:26.000Z")
    tweets = [
        tweet("2026-10-01 12:00:00", "Spanish Club's Día de los Muertos altar is up in the library. Come see it!",
              favs=12),
        tweet("2026-10-13 19:45:00", "Weekend in the mountains: leaves are peaking near Max Patch.", favs=30, seq=1),
        tweet("2026-10-20 22:10:00", "This third tweet is cut off in the middle of its record by a broken download.",
              favs=1, seq=2),
    ]
    a.standard(mail("erivera"), "2014-09-09T09:09:09.000Z", "Profe. Hiker. Tea over coffee.",
               location="Waynesville, NC", tweets=tweets,
               ips=logins("1013", [("2026-10-20 22:09:00", "71.70.11.2")]))
    a.manifest()
    # Truncate tweets.js in the middle of the third record (after its "id_str" line).
    whole = a.files["data/tweets.js"].decode("utf-8")
    third = whole.index('"id_str" : "%s"' % tweets[2]["tweet"]["id_str"])
    a.files["data/tweets.js"] = whole[:third + 20].encode("utf-8")
    return a


def tuscolahigh_capture():
    """The X API capture of tuscolahigh's timeline (twarc2 timeline, one response page a line):
    the archive's first tweet again (reported once), a new clean tweet and a new reply to a student."""
    aid = "1587654321098765432"
    welcome = ts("2026-09-08 11:30:00")
    parade = ts("2026-10-30 21:15:00")
    reply = ts("2026-10-31 13:02:00")
    picture = snowflake(ts("2026-10-15 12:00:00"), 3)
    drums_tweet = snowflake(ts("2026-10-31 12:40:00"), 5)
    users = [{"id": aid, "username": "tuscolahigh", "name": "Tuscola High School"},
             {"id": "880006", "username": "mlee_drums", "name": "Marcus"}]
    pages = [
        {"data": [
            {"id": snowflake(reply), "text": "@mlee_drums Great solo at the parade! 🥁 Nos vemos el viernes.",
             "author_id": aid, "created_at": iso(reply), "conversation_id": drums_tweet, "lang": "en",
             "in_reply_to_user_id": "880006", "edit_history_tweet_ids": [snowflake(reply)],
             "entities": {"mentions": [{"start": 0, "end": 11, "username": "mlee_drums", "id": "880006"}]},
             "referenced_tweets": [{"type": "replied_to", "id": drums_tweet}]},
            {"id": snowflake(parade), "text": "Homecoming parade tonight at 6 on Main St. 🎉 Go Mountaineers &amp; good luck, Bands!",
             "author_id": aid, "created_at": iso(parade), "conversation_id": snowflake(parade), "lang": "en",
             "edit_history_tweet_ids": [snowflake(parade)]},
         ],
         "includes": {"users": users},
         "meta": {"result_count": 2, "newest_id": snowflake(reply), "oldest_id": snowflake(parade), "next_token": "7140dibdnow9c7btw4b0"},
         "__twarc": {"url": "https://api.twitter.com/2/users/%s/tweets?max_results=100" % aid, "version": "2.14.0",
                     "retrieved_at": "2026-11-01T06:00:04+00:00"}},
        {"data": [
            {"id": snowflake(welcome), "text": "Welcome back, Mountaineers! Schedules are posted in PowerSchool.",
             "author_id": aid, "created_at": iso(welcome), "conversation_id": snowflake(welcome), "lang": "en",
             "edit_history_tweet_ids": [snowflake(welcome)]},
         ],
         "meta": {"result_count": 1, "newest_id": snowflake(welcome), "oldest_id": snowflake(welcome)},
         "errors": [{"value": picture, "detail": "Could not find tweet with referenced_tweets.id: [%s]." % picture,
                     "title": "Not Found Error", "resource_type": "tweet", "parameter": "referenced_tweets.id",
                     "resource_id": picture, "type": "https://api.twitter.com/2/problems/resource-not-found"}],
         "__twarc": {"url": "https://api.twitter.com/2/users/%s/tweets?max_results=100&pagination_token=7140dibdnow9c7btw4b0" % aid,
                     "version": "2.14.0", "retrieved_at": "2026-11-01T06:00:05+00:00"}},
    ]
    return "".join(json.dumps(page, ensure_ascii=False, separators=(",", ":")) + "\n" for page in pages)


ARCHIVES = [pisgahhigh, pisgahcounselors, kjackson, mrsokafor, tuscolahigh, tuscolabands, bethelpta,
            coachdavis, mr_unlisted, cantonmiddlefans, msrivera_damaged]

README = """# Sample district

Generated by `scripts/make-samples.py` (do not edit by hand; rerun the script). A small district,
Haywood County Schools, with three schools (pisgah-high, tuscola-high, bethel-middle), its
inventory (`inventory.json`, and the same content as `inventory.xml`), a student roster
(`students.csv`, fictional students), one Twitter/X archive per account in `archives/` and an
X API capture in `captures/`.
The run's as-of date is meant to be 2026-11-01. Run it with:

    socialaudit run --config samples/socialaudit.json --as-of 2026-11-01

| handle | tier | school | archive (form) | account id | demonstrates |
|---|---|---|---|---|---|
| pisgahhigh | primary | pisgah-high | `twitter-2026-10-28-a41c9e07d2.zip` (zip) | 1001 | `primary.retweet-source` (RT @WNCSportsZone), `student.reply` (reply to jamie_hoops7); RTs of NCPublicSchools, HaywoodCountyNC and pisgahcounselors (an inventory account) are clean |
| pisgahcounselors | school-owned | pisgah-high | `twitter-2026-10-28-counseling/` (folder) | 1002 (not in inventory; filled in by handle) | `account.single-manager`, `account.assigned-by-admin`, `account.email-routing`, `account.registered-email` (gmail.com), `account.connected-apps` (TweetBlaster 3000), `account.login-spread` (7 IPs in 3 days), `student.dm` |
| kjackson | personal | pisgah-high | `twitter-2026-10-28-kjackson-full.zip` (zip) | 1003 | `personal.claims-official` (bio), `student.reply` + `student.mention` (one tweet), `student.opted-out-named` (Riley Barnes), `student.dm` ×2 (1:1 and group); the bio carries `<img src=x onerror=alert(1)>` (shown as text); self-reply thread, `&amp;` text, note tweet and deleted tweet are clean |
| mrsokafor_teaches | professional | tuscola-high | `twitter-2026-10-28-okafor/` (folder; `tweets.js` + `tweets-part1.js`) | 1005 (not in inventory; filled in by handle) | `professional.unprofessional-content` ("damn", "beer"; the tweet also carries `<script>alert('x')</script>`, shown as text), `student.retweet` (RT @tuscola_tenor), `student.quote` (a quote of tuscola_tenor's tweet, by its link); "Rileyson Barneswood" must not fire `student.opted-out-named` |
| tuscolahigh | primary | tuscola-high | `twitter-2026-10-28-9f0b1d63aa.zip` (zip), and `captures/2026-11-01-timelines.jsonl` (an X API capture by `twarc2 timeline`, two response pages) | 1587654321098765432 (> 2^53) | `student.reply` (the capture's newer reply to mlee_drums); the capture's copy of an archived tweet is audited once |
| tuscolabands | school-owned | tuscola-high | `twitter-2026-10-28-bands/` (folder) | 1007 | clean (archive e-mail differs from the inventory's only in case) |
| bethelbobcats | primary | bethel-middle | none | 1008 | `inventory.missing-archive`, `account.manager-role` (managed by a teacher) |
| bethelpta | school-owned | bethel-middle | `twitter-2026-06-01-bethel.zip` (zip) | 1009 | `inventory.handle-changed` (archive username bethel_pta), `inventory.stale-archive` (generated 2026-06-01), `account.created-by` (created by an individual) |
| coachdavis | professional | bethel-middle | `twitter-2019-11-02-davis.zip` (zip; older `tweet.js`, unwrapped tweets, no manifest) | 1010 | `account.owner-is-staff` (owner is a personal address); its tweets are clean |
| mr_unlisted | (unregistered) | — | `twitter-2026-10-27-unknown/` (folder; one-line empty data files) | 1011 | `inventory.unregistered-archive` |
| cantonmiddlefans | professional | canton-middle (undefined) | `twitter-2026-10-28-canton.zip` (zip) | 1012 | `inventory.bad-reference` |
| msrivera | personal | tuscola-high | `twitter-2026-10-29-damaged.zip` (zip; `tweets.js` truncated in its third record) | 1013 | `archive.unreadable` (data/tweets.js); the two complete tweets are still audited (clean) |
"""


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(os.path.dirname(here), "samples")
    os.makedirs(out, exist_ok=True)
    archives_dir = os.path.join(out, "archives")
    if os.path.isdir(archives_dir):
        shutil.rmtree(archives_dir)
    os.makedirs(archives_dir)

    def write(name, text):
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    write("socialaudit.json", json.dumps(CONFIG, indent=2, ensure_ascii=False) + "\n")
    write("inventory.json", json.dumps(INVENTORY, indent=2, ensure_ascii=False) + "\n")
    write("inventory.xml", inventory_xml(INVENTORY))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["student_id", "school", "handle", "account_id", "first_name", "last_name", "directory_opt_out"])
    w.writerows(STUDENTS)
    write("students.csv", buf.getvalue())
    write("reviews.json", "[]\n")
    write("README.md", README)
    for make in ARCHIVES:
        make().write(archives_dir)
    captures_dir = os.path.join(out, "captures")
    if os.path.isdir(captures_dir):
        shutil.rmtree(captures_dir)
    os.makedirs(captures_dir)
    with open(os.path.join(captures_dir, "2026-11-01-timelines.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        f.write(tuscolahigh_capture())
    print("wrote %s" % out)


if __name__ == "__main__":
    main()
