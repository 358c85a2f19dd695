"""The brief's HTML: uploaded text escaped, the flags listed (or counted when cut to fit), the sample rule from the
rules in force, English; and the PDF step: it shrinks until one page, and refuses a font that lacks a character."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from gjj_dash.figures.flags import Flag
from gjj_dash.figures.rules import load_rules
from gjj_dash.publish.brief import BriefParts, brief_html, brief_parts
from gjj_dash.publish.brief_pdf import BriefError, CjkFont, brief_pdf, find_cjk_font, missing_characters
from gjj_dash.quality.checks import check_dataset
from gjj_dash.store.dataset import load_dataset
from tests.support.years import reviews_2021, write_year


@pytest.fixture
def parts(tmp_path: Path) -> BriefParts:
    """A 2024 year with 1 correction of 6 reconsiderations, whose report title holds markup."""
    folder = write_year(tmp_path, 2024, "new2021", reviews_2021(upheld=5, corrected=1))
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    report["title"] = "<script>alert(1)</script>年度报告"
    (folder / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    data = load_dataset(tmp_path)
    return brief_parts(data, 2024, tmp_path, load_rules().rules, check_dataset(data), generated="2025-01-31 09:00")


def test_uploaded_text_is_escaped_and_the_figures_are_there(parts: BriefParts) -> None:
    """The report title is text, not markup; the count headline, its tag, the correction flag and the date."""
    html = brief_html(parts)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;年度报告" in html
    assert '<td class="now">6 件中 1 件</td>' in html and "样本偏少" in html
    assert "行政复议·结果纠正 1 件（2024年，表四 行政复议·结果纠正）。" in html
    assert "生成于 2025-01-31 09:00" in html
    assert "分母不小于 100 为样本充足，不小于 30 且小于 100 为样本一般" in html


def test_flags_cut_to_fit_are_counted(parts: BriefParts) -> None:
    """With room for fewer flags than raised, the rest are named as a count, never dropped silently."""
    extra = tuple(Flag(f"r{n}", "gaps", 2024, f"第{n}项", "", "dictionary") for n in range(4))
    crowded = replace(parts, board=replace(parts.board, flags=parts.board.flags + extra))
    html = brief_html(crowded, flag_limit=2)
    assert html.count("<li>") == 2
    assert f"另有 {len(crowded.board.flags) - 2} 项需关注，见看板“总览”。" in html


def test_the_brief_in_english(parts: BriefParts, tmp_path: Path) -> None:
    """lang="en": English headings and lang attribute, official row labels kept in Chinese."""
    data = load_dataset(tmp_path)
    english = brief_parts(data, 2024, tmp_path, load_rules().rules, [], lang="en", generated="2025-01-31")
    html = brief_html(english, "en")
    assert '<html lang="en">' in html and "Indicators" in html and "1 of 6 件" in html


def test_the_pdf_shrinks_until_it_fits_one_page(parts: BriefParts) -> None:
    """Forty flags do not fit at full size: smaller type and fewer flags listed, still one page."""
    many = tuple(Flag(f"r{n}", "gaps", 2024, "需关注的一项，" * 6, "", "dictionary") for n in range(40))
    crowded = replace(parts, board=replace(parts.board, flags=many))
    tried: list[tuple[float, int | None]] = []

    def make(fonts: tuple[str, ...], size: float, limit: int | None) -> str:
        tried.append((size, limit))
        return brief_html(crowded, fonts=fonts, size=size, flag_limit=limit)

    pdf = brief_pdf(make, ("sans-serif",))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert tried[-1][1] is not None  # it had to cut the list


def test_a_font_lacking_a_character_is_refused() -> None:
    """The brief's text is checked against the font's glyphs: a character it lacks would print as a box."""
    font = find_cjk_font()
    if font is None:
        pytest.skip("no CJK font on this machine (fonts-noto-cjk)")
    assert missing_characters(font, "<style>p{}</style><p>实质公开率 34.2%</p>") == []
    assert missing_characters(font, "<p>\U0001f600</p>") == ["\U0001f600"]
    with pytest.raises(BriefError, match="缺少字符"):
        brief_pdf(lambda fonts, size, limit: "<p>\U0001f600</p>", ())


def test_the_font_found_is_a_simplified_chinese_sans() -> None:
    """fc-list's fonts for zh-cn ranked: Noto Sans CJK SC (regular) on a machine with fonts-noto-cjk."""
    font = find_cjk_font()
    if font is None:
        pytest.skip("no CJK font on this machine (fonts-noto-cjk)")
    assert isinstance(font, CjkFont) and "SC" in font.family and "Mono" not in font.family
