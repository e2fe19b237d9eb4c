#!/usr/bin/env python3
"""Generate a large Twitter/X archive for benchmarks, in the real format, deterministically.

    python3 scripts/make-bench-archive.py OUT.zip [--tweets 150000] [--parts 3] [--folder] [--text ascii|real]

Tweets are shaped like real ones (entities, edit_info, source, reply fields on about a third,
retweets on a fifth), split over `tweets.js`, `tweets-part1.js`, … The same arguments always
give the same bytes.

--text ascii (the default) writes plain ASCII words. --text real, about as many bytes a tweet,
writes the mix real staff accounts post: English with accents, curly quotes and hyphens,
Spanish, Russian, Japanese, Arabic and Hebrew, emoji (skin tones, ZWJ sequences, flags),
`&amp;` `&lt;` `&gt;` as the archives escape them, t.co links, hashtags and mentions in the text
with their entities, a few lexicon words and roster students' names (ROSTER, which
make-bench-district.py writes to the roster), and long posts: about 1.5% of the tweets are cut
short with `…`, their whole text in data/note-tweet.js (retweets aside).
"""
import argparse
import io
import json
import os
import random
import time
import unicodedata
import zipfile

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WORDS = ("game practice tonight congrats team band concert field trip reminder schedule lunch menu "
         "library week science fair art show parents teachers students honor roll spirit homecoming "
         "&amp; great job proud of our seniors &lt;3 weather delay buses").split()


def twitter_date(seconds):
    t = time.gmtime(seconds)
    return "%s %s %02d %02d:%02d:%02d +0000 %d" % (
        DAYS[t.tm_wday], MONTHS[t.tm_mon - 1], t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_year)


class Post:
    """A tweet's text as it is being written, with the entities found in it (code-point indices
    over the escaped text, as the archives count them)."""

    def __init__(self, lang="en"):
        self.text, self.lang = "", lang
        self.mentions, self.hashtags, self.urls = [], [], []

    def add(self, piece, space=True):
        if space and self.text and not self.text.endswith((" ", "\n")):
            self.text += " "
        start = len(self.text)
        self.text += piece
        return [str(start), str(len(self.text))]

    def mention(self, handle, uid):
        self.mentions.append({"name": handle, "screen_name": handle, "indices": self.add("@" + handle),
                              "id_str": uid, "id": uid})

    def hashtag(self, tag):
        self.hashtags.append({"text": tag, "indices": self.add("#" + tag)})

    def url(self, short, expanded):
        display = expanded.split("://", 1)[1]
        self.urls.append({"url": short, "expanded_url": expanded,
                          "display_url": display if len(display) <= 26 else display[:25] + "…",
                          "indices": self.add(short)})

    def entities_after(self, prefix):
        """The entities, moved past a prefix (`RT @x: `, `@x `) put before the text."""
        def moved(entity):
            return dict(entity, indices=[str(int(i) + len(prefix)) for i in entity["indices"]])
        return ([moved(e) for e in self.mentions], [moved(e) for e in self.hashtags], [moved(e) for e in self.urls])


def ascii_post(rng, n):
    post = Post()
    post.add(" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 22))))
    # The plain variant's link is in its entities only, not in its text.
    post.urls.append({"url": "https://t.co/abcdefghij", "expanded_url": "https://haywood.k12.nc.us/news/%d" % n,
                      "display_url": "haywood.k12.nc.us/news/%d" % n, "indices": ["0", "23"]})
    return post, None


def tweet(rng, n, write_post):
    """One tweet record, and the note-tweet.js record of its whole text when it is a long post."""
    tid = str(1300000000000000000 + n * 7919)
    post, note = write_post(rng, n)
    mentions = []
    obj = {}
    prefix = ""
    kind = rng.random()
    if kind < 0.2:
        other = "org%d" % rng.randint(1, 50)
        prefix = "RT @%s: " % other
        mentions.append({"name": other, "screen_name": other, "indices": ["3", str(4 + len(other))],
                         "id_str": str(5000 + rng.randint(1, 50)), "id": str(5000 + rng.randint(1, 50))})
    elif kind < 0.5:
        other = "user%d" % rng.randint(1, 5000)
        uid = str(880000 + rng.randint(1, 5000))
        prefix = "@%s " % other
        mentions.append({"name": other, "screen_name": other, "indices": ["0", str(1 + len(other))],
                         "id_str": uid, "id": uid})
        obj["in_reply_to_status_id_str"] = str(1200000000000000000 + rng.randint(1, 10**15))
        obj["in_reply_to_status_id"] = obj["in_reply_to_status_id_str"]
        obj["in_reply_to_user_id"] = uid
        obj["in_reply_to_user_id_str"] = uid
        obj["in_reply_to_screen_name"] = other
    text = prefix + post.text
    more_mentions, hashtags, urls = post.entities_after(prefix)
    created = 1600000000 + n * 613
    body = {
        "edit_info": {"initial": {"editTweetIds": [tid], "editableUntil": "2022-11-14T18:20:11.000Z",
                                  "editsRemaining": "5", "isEditEligible": True}},
        "retweeted": False,
        "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
        "entities": {"hashtags": hashtags, "symbols": [], "user_mentions": mentions + more_mentions, "urls": urls},
        "display_text_range": ["0", str(len(text))],
        "favorite_count": str(rng.randint(0, 40)),
        "id_str": tid,
        "truncated": False,
        "retweet_count": str(rng.randint(0, 10)),
        "id": tid,
        "created_at": twitter_date(created),
        "favorited": False,
        "full_text": text,
        "lang": post.lang,
    }
    body.update(obj)
    if note:
        note = note_record(note, prefix, created, n)
    return {"tweet": body}, note


# MARK: the real-shaped variant (--text real)

# Phrases by language, written as the archives write them (`&amp;`, `&lt;`, `&gt;` escaped), with
# the language's share of the tweets. Staff accounts write mostly English, with accents, curly
# apostrophes and hyphens; bilingual schools post in Spanish; families' languages follow.
LANGUAGES = {
    "en": (52, ["Great game tonight", "congrats to our seniors", "field trip reminder", "proud of this team",
                "café &amp; bake sale after school", "naïve question: who’s bringing the résumé workshop flyers?",
                "the co-op’s well-deserved win", "7th-grade science fair", "end-of-year awards &amp; picnic",
                "don't forget permission slips", "we're so proud", "Coach’s pick of the week",
                "doors open at 6 -&gt; gym", "our façade mural is done", "crème brûlée at the PTA night",
                "back-to-school night", "parents &amp; teachers", "thank you, volunteers!", "&lt;3 this community",
                "honor roll students", "spirit week: pajama day", "the jazz band’s concert", "weather delay — buses run 2 hours late",
                "library week", "state-bound!", "“Best season yet,” says the coach", "Zoë’s art piece in the hallway",
                "Bus 14 leaves at 7:15", "science &amp; math night", "homecoming court", "lunch menu update"]),
    "es": (16, ["¡Felicidades a nuestros estudiantes!", "¿Listos para el partido de mañana?", "reunión de padres",
                "información importante para las familias", "el año escolar", "los niños de kínder",
                "¡Qué orgullo!", "práctica de fútbol a las 4", "la señora Muñoz", "educación bilingüe",
                "campeón del distrito", "gracias a todos los voluntarios", "¡Nos vemos el jueves!"]),
    "ru": (12, ["Поздравляем нашу команду с победой!", "Родительское собрание в четверг", "ученики 7-го класса",
                "Спасибо учителям", "ещё одна отличная неделя", "Завтра урок начинается в 9:00",
                "школьный концерт", "Ёлка в спортзале", "мы гордимся вами"]),
    "ja": (9, ["今日は体育祭でした。", "生徒の皆さん、お疲れ様でした！", "明日の練習は16時からです。", "保護者会のお知らせ",
               "サッカー部が優勝しました🎉", "ご協力ありがとうございました。", "図書館週間", "先生方、ありがとう"]),
    "ar": (6, ["مبروك للطلاب المتفوقين", "اجتماع أولياء الأمور يوم الخميس", "شكرا للمعلمين", "مُبارك للفريق",
               "اليوم الرياضي في المدرسة", "الحافلة رقم ١٤"]),
    "he": (5, ["מזל טוב לתלמידים!", "אסיפת הורים ביום חמישי", "תודה למורים", "בית הספר שלנו", "טיול שנתי"]),
}
LANG_NAMES = list(LANGUAGES)
LANG_WEIGHTS = [LANGUAGES[code][0] for code in LANG_NAMES]
# Whole sequences: skin tones, ZWJ families and professions, flags, variation selectors, keycaps.
EMOJI = ["🏀", "⚽", "🎉", "👏", "👏🏽", "💪🏿", "🙌🏼", "❤️", "📚", "🎶", "✅", "⭐", "🔥", "😂", "🥳",
         "👩‍🏫", "👨🏾‍🎓", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇺🇸", "🇲🇽", "1️⃣", "🐻"]
HASHTAGS = ["GoBears", "BearsPride", "ClassOf2027", "STEM", "PTA", "FelizNavidad", "EducaciónBilingüe",
            "体育祭", "Поздравляем", "مدرسة", "HaywoodProud", "back2school"]
# A few of these a thousand tweets, in the shapes people write them: the rules have work to do.
LEXICON_FORMS = ["beer", "BEER", "beer-pong night", "#beer", "cold beers", "damn proud", "hell no", "wine &amp; cheese",
                 "happy hour", "vote for", "casino night", "WTF", "shots"]
# The bench district's roster (make-bench-district.py writes it): given and family names, by
# student number 1 to 40; students 10, 20, 30 and 40 opted out.
ROSTER = [("José", "Núñez"), ("Zoë", "Ramírez"), ("Chloé", "Dubois"), ("Björn", "Åberg"), ("Renée", "Lefèvre"),
          ("Mía", "Peña"), ("Sofía", "Gutiérrez"), ("Amélie", "Bélanger"), ("Jürgen", "Müller"), ("Ana", "Núñez"),
          ("Olivia", "Brown"), ("Анна", "Смирнова"), ("Ğül", "Şahin"), ("Thảo", "Trần"), ("Yuki", "Tanaka"),
          ("Hana", "Satō"), ("Noah", "Smith"), ("Liam", "O’Brien"), ("Emma", "Johnson"), ("Олег", "Петров"),
          ("Ava", "García"), ("Mateo", "Hernández"), ("Lucía", "Fernández"), ("Camila", "Díaz"), ("Dmitri", "Volkov"),
          ("Søren", "Kierkegård"), ("Zoé", "Lambert"), ("Inés", "Álvarez"), ("François", "Côté"), ("Jamie", "Hollis"),
          ("Riley", "Barnes"), ("Maya", "Patel"), ("Omar", "Haddad"), ("Leila", "Nasser"), ("Noa", "Cohen"),
          ("Aiko", "Yamamoto"), ("Lars", "Øster"), ("Elif", "Yılmaz"), ("Iker", "Etxeberria"), ("Minh", "Nguyễn")]


def plain_latin(text):
    """The name as people type it without accents: José Núñez -> Jose Nunez."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def name_forms(first, last):
    return ["%s %s" % (first, last), plain_latin("%s %s" % (first, last)), "%s %s" % (first.upper(), last.upper()),
            "%s, %s" % (last, first), "%s\n%s" % (first, last)]


def roster_name(rng, post):
    first, last = ROSTER[rng.randrange(len(ROSTER))]
    if rng.random() < 0.2:
        post.hashtag(first + last)
    else:
        post.add(rng.choice(name_forms(first, last)))


def real_text(rng, n, post, target):
    """Phrases of the post's language up to about `target` code points, with what real tweets mix in."""
    phrases = LANGUAGES[post.lang][1]
    while len(post.text) < target:
        post.add(rng.choice(phrases), space=post.lang != "ja")
        roll = rng.random()
        if roll < 0.12:
            post.add("".join(rng.choice(EMOJI) for _ in range(rng.randint(1, 3))))
        elif roll < 0.16 and post.lang == "en":
            post.add(rng.choice(LANGUAGES["es"][1]))  # code-switching
        elif roll < 0.19:
            post.mention("org%d" % rng.randint(1, 50), str(5000 + rng.randint(1, 50)))
    # Rates per tweet, about as a district's staff accounts post them.
    if rng.random() < 0.02:
        roster_name(rng, post)
    elif rng.random() < 0.02:
        post.add("¡Bravo, %s!" % ROSTER[rng.randrange(len(ROSTER))][0])  # a given name alone names no one
    if rng.random() < 0.004:
        post.add(rng.choice(LEXICON_FORMS))
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
        post.hashtag(rng.choice(HASHTAGS))
    if rng.random() < 0.4:
        post.url("https://t.co/%010x" % (n * 2654435761 % (1 << 40)), "https://haywood.k12.nc.us/news/%d" % n)


def real_post(rng, n):
    """A tweet of the real-shaped variant; a long post (about 3 in 200) comes back cut short with
    `…`, with its whole text beside it for note-tweet.js."""
    post = Post(rng.choices(LANG_NAMES, LANG_WEIGHTS)[0])
    if rng.random() < 0.015:
        real_text(rng, n, post, rng.randint(300, 1500))
        return cut(post), post
    real_text(rng, n, post, rng.randint(20, 130))
    return post, None


def cut(post, limit=270):
    """What tweets.js shows of a long post: its text to a space before `limit`, then `…`."""
    end = post.text.rfind(" ", 0, limit)
    if end < limit - 60:
        end = limit  # text without spaces (Japanese)
    shown = Post(post.lang)
    shown.text = post.text[:end].rstrip() + "…"
    shown.mentions = [e for e in post.mentions if int(e["indices"][1]) <= end]
    shown.hashtags = [e for e in post.hashtags if int(e["indices"][1]) <= end]
    shown.urls = [e for e in post.urls if int(e["indices"][1]) <= end]
    return shown


def iso(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(seconds))


def note_record(post, prefix, created, n):
    """The note-tweet.js record of a long post: its whole text (which begins with the tweet's),
    matched to the tweet by creation time. A retweet's cut text has no note of this account."""
    if prefix.startswith("RT "):
        return None
    text = prefix + post.text
    mentions = [{"screenName": prefix[1:-1], "fromIndex": "0", "toIndex": str(len(prefix) - 1)}] if prefix else []
    mentions += [{"screenName": m["screen_name"], "fromIndex": m["indices"][0], "toIndex": m["indices"][1]}
                 for m in post.entities_after(prefix)[0]]
    return {"noteTweet": {
        "noteTweetId": str(1700000000000000000 + n * 104729), "updatedAt": iso(created),
        "lifecycle": {"value": "1", "name": "Active", "originalName": "Active", "annotations": {}},
        "createdAt": iso(created),
        "core": {"styletags": [], "urls": [], "text": text, "mentions": mentions, "cashtags": [], "hashtags": []}}}


def part_text(records, data_type, part):
    out = io.StringIO()
    out.write("window.YTD.%s.part%d = [ " % (data_type, part))
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
    ap.add_argument("--text", choices=["ascii", "real"], default="ascii",
                    help="plain ASCII words, or the mix of scripts, emoji, entities and long posts real tweets have")
    args = ap.parse_args()
    write_post = ascii_post if args.text == "ascii" else real_post
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
    notes = []
    for part in range(args.parts):
        count = min(per, args.tweets - n)
        records = []
        for i in range(count):
            record, note = tweet(rng, n + i, write_post)
            records.append(record)
            if note:
                notes.append(note)
        n += count
        name = "data/tweets.js" if part == 0 else "data/tweets-part%d.js" % part
        files[name] = part_text(records, "tweets", part)
    if args.text == "real":
        files["data/note-tweet.js"] = part_text(notes, "note_tweet", 0)
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
    print("%s: %d tweets (%d long posts), %.1f MB of tweets*.js" % (args.out, args.tweets, len(notes), total / 1e6))


if __name__ == "__main__":
    main()
