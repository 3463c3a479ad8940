"""Do hostile inputs cost time in proportion to their size? (issue 8 §4)

Every regular expression applied to untrusted text must be linear. For each
shape a security trial found (or that the rewrite could bring back), this
times the code a user's command runs on inputs of growing size, in the same
process, and prints the time per size and the growth factor when the size
doubles: about 2 is linear, about 4 is quadratic.

Shapes:

* body of ``<a:`` repeated (the autolink pattern of ``check``);
* body ``<p style="url(`` + spaces (the style pattern);
* body ``{href=`` + spaces (the attribute-list pattern);
* body ``](`` and ``{`` repeated (link and attribute-list triggers);
* title ``<`` + spaces (the "no HTML here" rule of the model);
* suggested_by ``x`` + spaces (the identity rule);
* issue-form answer ``<`` + spaces, read as the suggest workflow reads it;
* a web page's head of ``<a b=c b=c …`` or ``<title><<<…`` (``suggest URL``).

    python benchmarks/hostile_scale.py [LARGEST]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from sharehub.config import default_hub
from sharehub.content.loader import parse_document
from sharehub.content.validate import validate_document
from sharehub.workflow.issueform import read_issue_body
from sharehub.workflow.suggest import person
from sharehub.workflow.webpage import parse_page

FRONT = "---\ntitle: Hostile\nurl: https://example.com/h\n---\n"


def check_body(body: str) -> None:
    doc = parse_document(Path("hostile.md"), (FRONT + body).encode())
    validate_document(doc, HUB)


def check_title(title: str) -> None:
    doc = parse_document(Path("hostile.md"), (
        f"---\ntitle: '{title}'\nurl: https://example.com/h\n---\n").encode())
    validate_document(doc, HUB)


def check_person(value: str) -> None:
    doc = parse_document(Path("hostile.md"), (
        f"---\ntitle: T\nurl: https://example.com/h\nsuggested_by: '{value}'\n---\n").encode())
    validate_document(doc, HUB)
    person(value)


def issue_answer(answer: str) -> None:
    path = WORK / "issue.md"
    path.write_text("### Link\n\nhttps://example.com/a\n\n### Title\n\n" + answer +
                    "\n\n### Suggested text\n\n" + answer + "\n", "utf-8")
    read_issue_body(path)


def read_page(markup: str) -> None:
    parse_page(markup, "https://example.com/page")


SHAPES = {
    "body '<a:' * n": (check_body, lambda n: "<a:" * (n // 3)),
    "body '<p style=\"url(' + spaces": (check_body, lambda n: '<p style="url(' + " " * n),
    "body '{href=' + spaces": (check_body, lambda n: "{href=" + " " * n),
    "body '](' * n": (check_body, lambda n: "](" * (n // 2)),
    "body '{' * n": (check_body, lambda n: "{" * n),
    "title '<' + spaces": (check_title, lambda n: "<" + " " * n),
    "suggested_by 'x' + spaces": (check_person, lambda n: "x" + " " * n + "x"),
    "issue answer '<' + spaces": (issue_answer, lambda n: "<" + " " * n),
    "page '<a b=c b=c ...'": (read_page, lambda n: "<a " + "b=c " * (n // 4)),
    "page '<title><<<...'": (read_page, lambda n: "<head><title>" + "<" * n),
}


def best_time(func, value: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(value)
        best = min(best, time.perf_counter() - start)
    return best


def main(largest: int) -> None:
    sizes = [largest // 8, largest // 4, largest // 2, largest]
    print(f"{'shape':34} " + " ".join(f"{s:>9,}" for s in sizes) + "   growth per doubling")
    for name, (func, make) in SHAPES.items():
        times = [best_time(func, make(size)) for size in sizes]
        growth = (times[-1] / times[0]) ** (1 / 3) if times[0] > 0 else float("nan")
        print(f"{name:34} " + " ".join(f"{t * 1000:8.1f}ms" for t in times)
              + f"   x{growth:.2f}")


if __name__ == "__main__":
    WORK = Path(tempfile.mkdtemp())
    HUB = default_hub(WORK)
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60_000)
