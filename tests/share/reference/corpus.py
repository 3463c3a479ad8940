"""Share-like texts for the reference oracles (inputs only; ours).

Links in the places employees put them, each combined with what may stand
before and after it: the cases the issue names (bare company domains, links
after a no-break space or a newline, hosts a network will not link, direction
marks, ``#``/``$`` before a link, IDN hosts and non-ASCII paths, CJK right
after a link, links after ``Read:`` or a quote mark) and the usual ones.
"""

from __future__ import annotations

LINKS = [
    "https://northwind.com/careers/data-engineer?utm_source=x&utm_medium=employee_advocacy",
    "https://example.com/a",
    "http://example.com",
    "northwind.com",
    "northwind.com/jobs",
    "www.northwind.com/news",
    "t.co/abc",
    "https://t.co/abc123?x=1",
    "twitter.jp",
    "foo.co.jp/bar",
    "EXAMPLE.COM/Path",
    "https://EXAMPLE.com/ÜBER?q=ä#frag",
    "https://bücher.de/über",
    "bücher.de",
    "https://xn--bcher-kva.de/x",
    "xn--bcher-kva.de",
    "https://xn--bcher.de/x",
    "https://a-.example.com/x",
    "https://-a.example.com/x",
    "https://" + "a" * 64 + ".com/x",
    "a" * 63 + ".com",
    "example.notatld",
    "https://example.notatld/x",
    "https://example.com/wiki/Primer_(film)",
    "https://example.com/x.",
    "https://example.com/path?a=1&b=2,",
    "https://example.com:8080/x",
    "http://192.168.0.1/x",
    "https://example.com/über/straße",
    "https://例え.jp/パス",
    "https://example.com/" + "p" * 40,
    "https://example.com/a/../b/./c",
    "https://example.com/%7Efoo%2f",
    "mailto:press@example.com",
    "press@example.com",
    "https://example.com/#/route",
    "https://sub.example.co.uk/a?b=c#d",
    "https://example.com/a)b",
    # What the browser's URL parser does to odd hosts, ports and paths.
    "https://256.1.2.3/x",
    "https:///example.com/a",
    "https://exa%41mple.com/",
    "http://0x7f.1/",
    "https://example.com:99999/",
]
BEFORE = ["", "Read ", "Read:", "see\u00a0", "Line\n", "(", "“", "'", "#", "$", "@", "日本",
          "\u2066", "Über "]
AFTER = ["", ".", ",", ")", "!", "?!", " end", "日本", "\u202c", "\u2069", "...", "”", ":"]

# Weighting without links: emoji, CJK, combining marks, scripts, invalid characters.
TEXTS = [
    "Our team 👩‍💻 ships 🚀🇫🇷 today",
    "👨‍👩‍👧‍👧🔥 good!✅",
    "☺ ☺️ ♥ ❤️ © ©️ ® ™ ↔️ 1️⃣ #️⃣",
    "🏳️‍🌈 🏴‍☠️ 🧑🏽‍🚀 🫶🏾 🫠 🪿 🐦‍🔥",
    "私たちは採用中です。一緒に働きましょう！",
    "한국어 텍스트와 English",
    "مرحبا بكم — Привет всем",
    "e\u0301 n\u0303 a\u030a",
    "Zero\u200bwidth\u200cjoiners\u200d",
    "Invalid \ufffe here",
    "Invalid \ufeff here",
    "Invalid \uffff here",
    "Tabs\tand\r\nCRLF\rand\u2028lines",
    "« guillemets » – dashes — ‘quotes’ “quotes” ′ ″ ‴",
    "A" * 280,
    "A" * 281,
    "字" * 140,
    "字" * 141,
    "😀" * 140,
    "😀" * 141,
]


def x_corpus() -> list[str]:
    texts = list(TEXTS)
    for link in LINKS:
        # Every context alone, then each before with one after (cycling): not the
        # whole product, which would add little and weigh megabytes.
        pairs = [(before, "") for before in BEFORE] + [("", after) for after in AFTER[1:]]
        pairs += [(before, AFTER[1 + i % (len(AFTER) - 1)]) for i, before in enumerate(BEFORE[1:])]
        texts += [f"{before}{link}{after}" for before, after in pairs]
    texts += [f"Proud of what my team shipped 🚀 {link} #launch #NorthwindEmployee"
              for link in LINKS]
    return texts


def bluesky_corpus() -> list[str]:
    return x_corpus() + [
        "👨‍👩‍👧‍👧" * 120,  # 120 graphemes, 3,000 bytes
        "👨‍👩‍👧‍👧" * 121,  # over 3,000 bytes while far under 300 graphemes
        "é" * 300,
    ]
