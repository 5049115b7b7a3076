"""Tests for lishi_metrics.views.tiles: the one tile model, its Markdown block and its container key."""

import pytest

from lishi_metrics.views import tiles
from lishi_metrics.views.tiles import Tile

HOSTILE = "**x** [link](http://example.com) :red[y] <img src=x> $1$ # h"


def test_markdown_has_head_value_and_rest_paragraphs():
    tile = Tile(key="fyp14_gdp", name="地区生产总值", value="255 亿元", label="2025年目标", tag="预期性",
                tag_kind="anticipatory", lines=(("2020年", "154.7 亿元"), "2025年目标：255 亿元"),
                status="ahead", status_text="▲ 快于预期", note="规划路径 2022年：188.9 亿元")
    assert tiles.markdown(tile, "zh").split("\n\n") == [
        "**地区生产总值**  \n2025年目标 :blue-badge[预期性]",
        "**255 亿元**",
        "2020年：**154.7 亿元**  \n2025年目标：255 亿元  \n:green[▲ 快于预期]  \n:gray[规划路径 2022年：188.9 亿元]",
    ]


def test_markdown_leaves_out_empty_parts():
    assert tiles.markdown(Tile(key="k", name="N", value="1"), "en") == "**N**\n\n**1**"
    assert tiles.markdown(Tile(key="k", name="N", value="1", tag="Binding", tag_kind="binding"), "en") == \
        "**N**  \n:orange-badge[Binding]\n\n**1**"


@pytest.mark.parametrize(("code", "colour", "tone"), [
    ("ahead", "green", "good"), ("on_track", "blue", "on_track"), ("behind", "red", "bad"),
    ("exceeded", "green", "good"), ("missed", "red", "bad"), ("pending", "gray", "muted"), ("info", "gray", "info"),
])
def test_status_line_is_coloured_by_its_status(code, colour, tone):
    tile = Tile(key="k", name="N", value="1", status=code, status_text="word")
    assert tiles.markdown(tile, "en").endswith(f":{colour}[word]")
    assert tile.tone == tone
    assert f"--{tone}-number-plain" in tiles.container_key(tile, "sc-tile")


def test_pairs_use_the_languages_colon():
    assert tiles.line_markdown(("2020年", "154.7 亿元"), "zh") == "2020年：**154.7 亿元**"
    assert tiles.line_markdown(("2020", "CNY 15.47 bn"), "en") == "2020: **CNY 15.47 bn**"


def test_hostile_text_stays_text_everywhere():
    tile = Tile(key="k", name=HOSTILE, value=HOSTILE, label=HOSTILE, tag=HOSTILE, tag_kind="topic",
                lines=(HOSTILE, (HOSTILE, HOSTILE)), status="behind", status_text=HOSTILE, note=HOSTILE)
    md = tiles.markdown(tile, "en")
    for raw in ("**x**", "[link](", ":red[y]", "$1$"):
        assert raw not in md  # every marker escaped
    assert r"\*\*x\*\*" in md and r"\[link\]" in md and r"\$1\$" in md
    assert md.count("\n\n") == 2  # the three paragraphs only: data cannot open a new one
    assert md.count(":violet-badge[") == 1 and md.count(":red[") == 1  # the badge and the status, not data's


def test_a_newline_in_data_does_not_split_the_block():
    md = tiles.markdown(Tile(key="k", name="a\n\nb", value="1\n\n2", lines=("x\n\n- y", ("l\n", "v\n\nw"))), "en")
    assert md == "**a b**\n\n**1 2**\n\nx - y  \nl: **v w**"
    assert len(md.split("\n\n")) == 3


def test_container_key_marks_text_values_and_tag_kinds():
    tile = Tile(key="fyp14_x", name="N", value="完成市任务", value_kind="text", tag="约束性", tag_kind="binding")
    assert tiles.container_key(tile, "ov-tile") == "ov-tile-fyp14_x--info-text-binding"
    assert tiles.container_key(Tile(key="k", name="N", value="1", value_kind="junk"), "in-tile") == \
        "in-tile-k--info-number-plain"


