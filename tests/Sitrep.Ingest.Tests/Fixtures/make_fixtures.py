#!/usr/bin/env python3
"""Regenerates samples/voa/voa-sample.jsonl and the ingest test fixtures from the VOA stories in
../shared (public domain, credit voanews.com / VOA). Run from the repository root:
    python3 tests/Sitrep.Ingest.Tests/Fixtures/make_fixtures.py ../shared/data/voa/voa_stories.jsonl
The output is committed; tests never read ../shared."""
import html, json, os, re, sys

# Conflict and politics stories (line indices into voa_stories.jsonl).
PICK = [0, 2, 4, 6, 12, 15, 16, 17, 19, 21, 24, 26, 29, 41, 45, 46, 49, 51, 52, 54, 57, 62, 69, 84, 85]

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/voa/voa_stories.jsonl"
lines = open(src, encoding="utf-8").read().splitlines()
stories = [json.loads(lines[i]) for i in PICK]
os.makedirs("samples/voa", exist_ok=True)
with open("samples/voa/voa-sample.jsonl", "w", encoding="utf-8", newline="\n") as f:
    for i in PICK:
        f.write(lines[i] + "\n")

F = "tests/Sitrep.Ingest.Tests/Fixtures"
by_id = {s["id"]: s for s in stories}


def paragraphs(text, per=3):
    sents = re.split(r"(?<=[.?!”\"])\s+(?=[A-Z“\"])", text)
    return [" ".join(sents[i:i + per]) for i in range(0, len(sents), per)]


def write(name, data, mode="w"):
    path = os.path.join(F, name)
    if isinstance(data, bytes):
        open(path, "wb").write(data)
    else:
        open(path, "w", encoding="utf-8", newline="\n").write(data)


def rfc822(published):  # "2025-03-12 10:11:12Z" -> RFC 822 with a deliberately wrong weekday avoided
    import datetime
    d = datetime.datetime.strptime(published, "%Y-%m-%d %H:%M:%SZ")
    return d.strftime("%a, %d %b %Y %H:%M:%S GMT")


# 1. An article page with boilerplate, Open Graph tags and NewsArticle JSON-LD.
s = by_id["8008152"]
paras = "\n".join(f"      <p>{html.escape(p, quote=False)}</p>" for p in paragraphs(s["text"]))
iso = s["published"].replace(" ", "T")
ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": s["title"],
      "datePublished": iso, "author": {"@type": "Person", "name": s["author"]},
      "publisher": {"@type": "Organization", "name": "Voice of America"}, "url": s["url"]}
write("voa-article.html", f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{html.escape(s["title"])} | VOA</title>
  <link rel="canonical" href="{s["url"]}">
  <meta property="og:site_name" content="Voice of America">
  <meta property="og:title" content="{html.escape(s["title"])}">
  <meta property="og:type" content="article">
  <script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
  <script>window.analytics = {{ page: "article" }};</script>
  <style>body {{ font-family: sans-serif; }}</style>
</head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/africa">Africa</a></li><li><a href="/world">World</a></li><li><a href="/usa">USA</a></li></ul></nav>
  <main>
    <article>
      <h1>{html.escape(s["title"])}</h1>
      <div class="byline">By {html.escape(s["author"])}</div>
{paras}
    </article>
    <aside><h2>Related</h2><ul><li><a href="/a/1.html">Other story one</a></li><li><a href="/a/2.html">Other story two</a></li></ul></aside>
  </main>
  <footer><p>Voice of America. All content in the public domain unless otherwise noted.</p></footer>
</body>
</html>
""")

# 2. The same kind of page with meta tags only (no JSON-LD), declared windows-1252.
s = by_id["6203525"]
body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs(s["text"]))
page = f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>{html.escape(s["title"])}</title>
<meta property="article:published_time" content="{s["published"].replace(" ", "T")}">
<meta property="og:url" content="{s["url"]}">
</head><body><article><h1>{html.escape(s["title"])}</h1>
{body}
<p>Caf\u00e9 owners in Yangon \u2014 \u201cwe are afraid\u201d \u2014 closed early.</p>
</article></body></html>
"""
write("windows-1252.html", page.encode("cp1252"))

# 3. RSS 2.0, RSS 1.0 (RDF) and Atom feeds built from a few stories.
def rss_item(s):
    desc = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs(s["text"])[:2])
    return f"""    <item>
      <title>{html.escape(s["title"], quote=False)}</title>
      <link>{s["url"]}</link>
      <guid isPermaLink="false">voa-{s["id"]}</guid>
      <pubDate>{rfc822(s["published"])}</pubDate>
      <description>{html.escape(desc, quote=False)}</description>
    </item>"""

items = [by_id[i] for i in ["8011115", "8006503", "8009004"]]
write("voa-feed.rss", f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>VOA News: conflict desk (sample)</title>
    <link>https://www.voanews.com/</link>
    <description>A few public-domain VOA stories.</description>
{chr(10).join(rss_item(s) for s in items)}
  </channel>
</rss>
""")

rdf_items = [by_id[i] for i in ["8009027", "8008619"]]
write("voa-feed.rdf", f"""<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://www.voanews.com/">
    <title>VOA Africa (RSS 1.0 sample)</title>
    <link>https://www.voanews.com/africa</link>
    <description>Sahel stories.</description>
  </channel>
""" + "".join(f"""  <item rdf:about="{s["url"]}">
    <title>{html.escape(s["title"], quote=False)}</title>
    <link>{s["url"]}</link>
    <dc:date>{s["published"].replace(" ", "T")}</dc:date>
    <description>{html.escape(paragraphs(s["text"])[0], quote=False)}</description>
  </item>
""" for s in rdf_items) + "</rdf:RDF>\n")

a1, a2 = by_id["8010842"], by_id["7677701"]
p1 = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs(a1["text"])[:2])
p2 = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs(a2["text"])[:2])
write("voa-feed.atom", f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>VOA World (Atom sample)</title>
  <id>urn:sitrep:sample:voa-atom</id>
  <updated>2025-03-14T21:00:00Z</updated>
  <entry>
    <title>{html.escape(a1["title"], quote=False)}</title>
    <link rel="alternate" href="{a1["url"]}"/>
    <id>{a1["url"]}</id>
    <published>{a1["published"].replace(" ", "T")}</published>
    <updated>2025-03-15T08:00:00Z</updated>
    <content type="html">{html.escape(p1, quote=False)}</content>
  </entry>
  <entry>
    <title type="text">{html.escape(a2["title"], quote=False)}</title>
    <link href="{a2["url"]}"/>
    <id>{a2["url"]}</id>
    <updated>{a2["published"].replace(" ", "T")}</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{p2}</div></content>
  </entry>
</feed>
""")

# 4. Plain text: headline, blank line, body; and the encodings and damage the reader must survive.
s = by_id["8006503"]
story = s["title"] + "\n\n" + "\n\n".join(paragraphs(s["text"])) + "\n"
write("voa-story.txt", story)
write("bom-utf8.txt", b"\xef\xbb\xbf" + story.encode("utf-8"))
write("bom-utf16le.txt", b"\xff\xfe" + story.replace("\n", "\r\n").encode("utf-16-le"))
write("bom-utf16be.jsonl", b"\xfe\xff" + (json.dumps(s, ensure_ascii=False) + "\n").encode("utf-16-be"))
write("bom-utf32le.txt", b"\xff\xfe\x00\x00" + story.encode("utf-32-le"))
raw = story.encode("utf-8")
cut = raw.index(b"Somalia")  # the byte offset the warning must name
write("invalid-utf8.txt", raw[:cut] + b"\xff\xfe" + raw[cut:])
write("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00" + bytes(range(256)) * 4)
write("empty.txt", b"")
good = [json.dumps(by_id[i], ensure_ascii=False) for i in ["8011115", "8010694"]]
write("malformed.jsonl", good[0] + "\n" + '{"id": "broken", "title": "Missing quote, "text": "x"}' + "\n" + good[1] + "\n")
print("cut offset", cut)
