"""The search index builder: one cut for Thai and other words, hidden typesetting characters
ignored, pages of another section never in a section's index, deterministic shards."""

from __future__ import annotations

import json

from builder.search import IndexPage, build_index
from builder.search.index import fold, page_text, rules_for, shard_of, stem, units


def terms(text: str, lang: str = "th") -> list[str]:
    return [term for term, _ in units(text, rules_for(lang))]


def test_thai_is_cut_into_positional_character_pairs() -> None:
    assert list(units("แชทกับ", [])) == [("แช", 0), ("ชท", 1), ("ทก", 2), ("กั", 3), ("ับ", 4)]
    assert list(units("ก ขค", [])) == [("ก", 0), ("ขค", 2)]  # a gap between runs counts one


def test_word_joiners_and_no_break_spaces_do_not_change_the_units() -> None:
    assert terms("แชท\u2060กับ\u200bครอบครัว") == terms("แชทกับครอบครัว")
    assert terms("ผู้\u00a0ใหญ่") == terms("ผู้ ใหญ่")


def test_accents_are_folded_and_words_lightly_stemmed() -> None:
    assert fold("Não") == "nao" and fold("Família") == "familia" and fold("ação") == "acao"
    pt, en = rules_for("pt_BR"), rules_for("en")
    assert stem(fold("famílias"), pt) == stem(fold("família"), pt)
    assert stem(fold("crianças"), pt) == stem(fold("criança"), pt)
    assert stem("phones", en) == stem("phone", en) and stem("passes", en) == stem("pass", en)
    assert stem("sharing", en) == stem("shared", en) == stem("share", en)
    assert len(stem("is", en)) == 2  # short words stay whole


def test_page_text_leaves_out_scripts_and_styles() -> None:
    text = page_text('<p>Hello<b>world</b></p><script>var x = "secret";</script><style>p{}</style>')
    assert "Hello" in text and "world" in text and "secret" not in text and "p{}" not in text


def test_an_index_holds_only_the_pages_it_is_given_and_is_deterministic() -> None:
    pages = [IndexPage("a.html", "หนึ่ง", "<p>ผู้พิพากษา</p>"), IndexPage("b.html", "Two", "<p>chain of custody</p>")]
    files = build_index(pages, "th")
    assert files == build_index(pages, "th")
    manifest = json.loads(files["manifest.js"].removeprefix("CyberSafeSearch.manifest(").removesuffix(");\n"))
    assert [doc[0] for doc in manifest["docs"]] == ["a.html", "b.html"]
    shard = files[f"shard-{shard_of('ผู', manifest['shards'])}.js"]
    assert '"ผู":[0,1,' in shard
    assert all(name == "manifest.js" or name.startswith("shard-") for name in files)
