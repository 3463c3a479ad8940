"""Every file in fixtures/bad states the problems it must produce; fixtures/good pass.

Each fixture has a sidecar ``NAME.expect.json`` (see ``support/fixtures.py``):

    {"problems": [{"line": 6, "field": "body", "message": "MESSAGE FRAGMENT"}]}

A ``null`` line or field means "any". Good fixtures expect ``"problems": []``
and ``"items": 1``. A new case is a new pair of files. Rules that span files
(``fixtures/clashes``) have a folder of files as the fixture, with the sidecar
next to the folder; ``path`` in an expected problem names the file reported.
"""

from __future__ import annotations

from pathlib import Path

import shutil

import pytest
from click.testing import CliRunner

from sharehub.cli import main
from sharehub.config import default_hub
from sharehub.content.validate import check_paths
from support.fixtures import expectation, fixtures_in

FIXTURES = Path(__file__).parent / "fixtures"
BAD = fixtures_in(FIXTURES / "bad")
GOOD = fixtures_in(FIXTURES / "good")
CLASHES = sorted(p for p in (FIXTURES / "clashes").iterdir() if p.is_dir())


def fixture_hub(tmp_path):
    hub = default_hub(tmp_path, banned_phrases=["guaranteed returns"], utm={"enabled": False})
    hub.site_url = "https://hub.example.com/"
    return hub


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_bad_fixture_reports_its_problem(path, tmp_path):
    report = check_paths([path], fixture_hub(tmp_path))
    assert not report.ok
    shown = [str(p) for p in report.errors]
    expected = expectation(path)["problems"]
    assert expected, f"{path.name} expects no problem: it belongs in fixtures/good"
    for want in expected:
        line, field, message = want["line"], want["field"], want["message"]
        matches = [p for p in report.errors
                   if (line is None or p.line == line) and (field is None or p.field == field)
                   and message in p.message]
        assert matches, f"expected :{line}: {field}: {message!r}, got {shown}"
    for problem in report.errors:  # one line each, naming the file
        assert "\n" not in str(problem) and str(problem).startswith(str(path))


@pytest.mark.parametrize("path", GOOD, ids=[p.name for p in GOOD])
def test_good_fixture_passes_clean(path, tmp_path):
    expected = expectation(path)
    report = check_paths([path], fixture_hub(tmp_path))
    assert [str(p) for p in report.problems] == expected["problems"]
    assert len(report.items) == expected["items"]


def test_check_reports_every_bad_file_in_one_run(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\ndocs_dir: content\nplugins:\n  - sharehub:\n"
        "      banned_phrases: [guaranteed returns]\n      utm: {enabled: false}\n")
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", str(FIXTURES / "bad")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    reported = {line.split(":", 1)[0] for line in result.output.splitlines()
                if line.startswith(str(FIXTURES))}
    assert reported == {str(p) for p in BAD}


def test_huge_file_is_refused_without_parsing(tmp_path):
    big = tmp_path / "big.md"
    big.write_text("---\ntitle: Big\nurl: https://example.com/big\n---\n" + "x" * (1024 * 1024 + 10))
    report = check_paths([big], fixture_hub(tmp_path))
    assert [p.message for p in report.errors] == [
        f"file is {big.stat().st_size:,} bytes; the limit is 1,048,576"]


def test_huge_front_matter_is_refused(tmp_path):
    fat = tmp_path / "fat.md"
    fat.write_text("---\ntitle: Fat\n" + "".join(f"k{i}: {'v' * 60}\n" for i in range(2000)) + "---\n")
    report = check_paths([fat], fixture_hub(tmp_path))
    assert "front matter is larger than 64 KiB" in report.errors[0].message


def test_duplicate_urls_across_files_ignore_tracking_parameters(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: A\nurl: https://Example.com/post/?b=2&a=1\n---\n")
    (content / "b.md").write_text(
        "---\ntitle: B\nurl: https://example.com/post?a=1&b=2&utm_source=x&fbclid=abc#top\n---\n")
    (content / "c.md").write_text("---\ntitle: C\nurl: https://example.com/post?a=2\n---\n")
    report = check_paths(None, fixture_hub(tmp_path))
    assert [str(p) for p in report.errors] == [
        f"{content / 'b.md'}:3: url: same link as {content / 'a.md'} (duplicate item)"]


def test_checking_one_file_finds_its_duplicate_in_the_hub(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "suggestions").mkdir()
    (tmp_path / "content" / "old.md").write_text("---\ntitle: Old\nurl: https://example.com/x\n---\n")
    new = tmp_path / "suggestions" / "new.md"
    new.write_text("---\ntitle: New\nurl: https://example.com/x?utm_campaign=y\n---\n")
    report = check_paths([new], fixture_hub(tmp_path))
    assert len(report.errors) == 1 and "old.md" in report.errors[0].message


def test_all_problems_of_one_file_are_reported_together(tmp_path):
    bad = tmp_path / "many.md"
    bad.write_text("---\ntitle: [not, text]\nurl: javascript:alert(1)\nkind: blog\n"
                   "lang: english\nhashtags: ['#x']\n---\n")
    fields = {p.field for p in check_paths([bad], fixture_hub(tmp_path)).errors}
    assert {"title", "url", "kind", "lang", "hashtags[0]"} <= fields


def test_parallel_check_reports_exactly_what_the_serial_one_does(tmp_path, monkeypatch):
    import sharehub.content.validate as validate

    content = tmp_path / "content"
    content.mkdir()
    for i in range(40):
        url = f"https://example.com/{i % 30}"  # ten duplicates
        title = "Bad <b>title</b>" if i % 7 == 0 else f"Item {i}"
        (content / f"item-{i:02d}.md").write_text(f"---\ntitle: {title}\nurl: {url}\n---\n")
    hub = fixture_hub(tmp_path)
    serial = check_paths(None, hub, keep_items=False)
    monkeypatch.setattr(validate, "CHECK_PARALLEL_FROM", 1)
    monkeypatch.setattr("sharehub.parallel.default_workers", lambda: 2)
    parallel = check_paths(None, hub, keep_items=False)
    assert serial.worker_tasks == 0 and parallel.worker_tasks > 0  # the workers really ran
    assert [str(p) for p in parallel.problems] == [str(p) for p in serial.problems]
    assert len(serial.errors) == 6 + 7  # invalid items take no part in the duplicate search


@pytest.mark.parametrize("folder", CLASHES, ids=[p.name for p in CLASHES])
def test_clash_fixture_fails_sharehub_check_with_one_line_naming_both_files(
        folder, tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("site_name: T\ndocs_dir: content\nplugins:\n  - sharehub\n")
    shutil.copytree(folder, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("content/")]
    expected = expectation(folder)["problems"]
    assert len(errors) == len(expected), result.output
    for want in expected:
        where = f"content/{want['path']}:{want['line']}: {want['field']}: "
        assert any(line.startswith(where) and want["message"] in line for line in errors), \
            f"expected {where}{want['message']!r}, got {errors}"


@pytest.mark.parametrize("folder", CLASHES, ids=[p.name for p in CLASHES])
def test_checking_one_file_finds_its_clash_in_the_hub(folder, tmp_path):
    shutil.copytree(folder, tmp_path / "content")
    for want in expectation(folder)["problems"]:
        report = check_paths([tmp_path / "content" / want["path"]], fixture_hub(tmp_path))
        assert [p.field for p in report.errors] == [want["field"]]
        assert want["message"].split(" ", 1)[1] in report.errors[0].message


def test_translations_in_different_languages_share_a_key(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    for name, lang in (("en.md", "en"), ("fr.md", "fr"), ("fr-ca.md", "fr-CA")):
        (content / name).write_text(f"---\ntitle: T {lang}\nurl: https://example.com/{lang}\n"
                                    f"lang: {lang}\ntranslation_key: one-story\n---\n")
    (content / "site-language.md").write_text(  # no lang: the site's (en) — a second English
        "---\ntitle: T\nurl: https://example.com/t\ntranslation_key: one-story\n---\n")
    report = check_paths(None, fixture_hub(tmp_path))
    assert [(p.path, p.field) for p in report.errors] == [
        (str(content / "site-language.md"), "translation_key")]


def test_remote_image_is_a_warning_and_a_missing_suggestion_image_too(tmp_path, monkeypatch):
    """A remote image costs every employee a third-party request: check says so, and passes."""
    (tmp_path / "mkdocs.yml").write_text("site_name: T\ndocs_dir: content\nplugins:\n"
                                         "  - sharehub\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "suggestions").mkdir()
    (tmp_path / "content" / "remote.md").write_text(
        "---\ntitle: Remote\nurl: https://example.com/r\n"
        "image: https://images.example.org/r.jpg\n---\n")
    (tmp_path / "suggestions" / "later.md").write_text(
        "---\ntitle: Later\nurl: https://example.com/l\nimage: images/l.jpg\n---\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if ": warning: " in line]
    assert len(lines) == 2
    assert lines[0].startswith("content/remote.md:4: warning: image: a remote image")
    assert lines[1].startswith("suggestions/later.md:4: warning: image: 'images/l.jpg' "
                               "does not exist")
