"""The editor's configuration is the content model's schema, field for field."""

from __future__ import annotations

import pytest
import yaml

from sharehub.admin import cms_config as cc
from sharehub.admin.page import admin_files
from sharehub.config import load_hub
from sharehub.content.model import KINDS, json_schema


def _fields(config, collection):
    found = next(c for c in config["collections"] if c["name"] == collection)
    return {f["name"]: f for f in found["fields"]}


def test_every_schema_field_has_a_widget(hub):
    config = cc.cms_config(load_hub(hub.root / "mkdocs.yml"))
    assert set(json_schema()["properties"]) <= cc.field_names(config)
    for collection in config["collections"]:
        for field in collection["fields"]:
            assert field.get("widget"), (collection["name"], field["name"])


def test_a_schema_field_without_a_widget_fails(hub, monkeypatch):
    schema = json_schema()
    schema["properties"]["mood"] = {"type": "object", "additionalProperties": True}
    monkeypatch.setattr(cc, "json_schema", lambda: schema)
    with pytest.raises(cc.MissingWidget, match="mood"):
        cc.cms_config(load_hub(hub.root / "mkdocs.yml"))


def test_widgets_follow_the_model_and_the_hub(hub):
    (hub.root / "mkdocs.yml").write_text((hub.root / "mkdocs.yml").read_text().replace(
        "      timezone: Europe/Paris\n",
        "      timezone: Europe/Paris\n      labels:\n        departments: {hr: People team}\n"
        "        kinds: {job: Job offer}\n      admin:\n        repo: acme/hub\n"))
    config = cc.cms_config(load_hub(hub.root / "mkdocs.yml"))
    item = _fields(config, "posts")
    assert item["title"]["required"] is True and item["url"]["required"] is False
    assert item["kind"]["widget"] == "select"
    assert [o["value"] for o in item["kind"]["options"]] == list(KINDS)
    assert {"label": "Job offer", "value": "job"} in item["kind"]["options"]
    # Named in labels: (with the hub's name for it), or already used in content.
    assert item["departments"]["options"] == [{"label": "engineering", "value": "engineering"},
                                              {"label": "People team", "value": "hr"}]
    assert item["topics"]["options"] == [{"label": "careers", "value": "careers"}]
    assert item["publish"]["widget"] == "datetime" and "Europe/Paris" in item["publish"]["hint"]
    assert item["image"]["widget"] == "image"
    share = {f["name"]: f for f in item["share"]["fields"]}
    # The hub's networks that take a text, each a list of variants; no Facebook or Xing.
    assert list(share) == ["default", "linkedin", "x", "bluesky", "mastodon", "threads",
                           "reddit", "whatsapp", "telegram", "email"]
    assert all(f["widget"] == "list" for f in share.values())
    assert "quiz" not in item and "status" not in item
    policy = _fields(config, "policy")
    assert policy["type"] == {"name": "type", "label": "Type", "widget": "hidden", "default": "policy"}
    assert "url" not in policy and "share" not in policy
    quiz = _fields(config, "training")["quiz"]
    assert quiz["widget"] == "list"
    assert {f["name"]: (f["required"], f.get("min")) for f in quiz["fields"]} == {
        "question": (True, None), "choices": (True, 2), "answer": (True, None),
        "explanation": (False, None)}
    # An optional object's required parts must not block saving an item without it.
    assert not any(f["required"] for f in _fields(config, "suggestions")["source"]["fields"])
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {**config["backend"], "name": "github", "repo": "acme/hub",
                                 "open_authoring": True}
    assert "local_backend" not in config  # the published hub never probes localhost
    posts = next(c for c in config["collections"] if c["name"] == "posts")
    suggestions = next(c for c in config["collections"] if c["name"] == "suggestions")
    # Uploads go next to the item: in its folder, or where promote will move a suggestion.
    assert (posts["media_folder"], posts["public_folder"]) == ("images", "images")
    assert suggestions["media_folder"] == "/content/posts/images"
    assert suggestions["create"] is True and posts["create"] is False
    # Patterns are the schema's, usable as JavaScript regexes.
    assert item["campaign"]["pattern"][0] == json_schema()["properties"]["campaign"]["anyOf"][0]["pattern"]


def test_published_config_matches_the_generator(hub):
    files = admin_files(load_hub(hub.root / "mkdocs.yml"))
    published = yaml.safe_load(files["admin/config.yml"])
    assert published == cc.cms_config(load_hub(hub.root / "mkdocs.yml"))
