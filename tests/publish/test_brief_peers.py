"""The brief's comparison with other bodies: one line under each indicator when bodies are listed for the year (body
names escaped, another kind marked, small samples not ranked), none when the reader may not see them (then the brief
is byte for byte the one before any body was added); the PDF stays one A4 page, naming fewer bodies per line before
it lists fewer flags."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from gjj_dash.figures.rules import load_rules
from gjj_dash.model.problems import Upload
from gjj_dash.publish.brief import BriefParts, brief_html, brief_parts, fitted
from gjj_dash.publish.brief_pdf import Fit, brief_pdf, find_cjk_font, ladder
from gjj_dash.quality.checks import check_dataset
from gjj_dash.store.dataset import load_dataset
from gjj_dash.store.peers import PeerStore
from tests.support.years import data_dir, fixture

GENERATED = "2025-01-31 09:00"


def add(data: Path, body: str, kind: str = "government") -> None:
    """Pingtan's transcribed 2021 table listed as `body`'s 2021."""
    upload = Upload("table", "new2021", 2021, "utf-8", fixture("pingtan-2021"), {"year": 2021, "format": "new2021"})
    PeerStore(data, read_only=False).add(upload, body.encode(), f"{body}.html", body, kind, "staff", "张薇")


def parts(data: Path, peers: bool = True) -> BriefParts:
    dataset = load_dataset(data)
    return brief_parts(dataset, 2021, data, load_rules().rules, check_dataset(dataset), generated=GENERATED,
                       peers=peers)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return data_dir(tmp_path, "formats")


def test_a_comparison_line_under_each_indicator(data: Path) -> None:
    """Nine lines, one per indicator; the body's name escaped; another kind marked; 3 reconsiderations not ranked."""
    add(data, "<b>某</b>区人民政府")
    html = brief_html(parts(data))
    lines = re.findall(r'<tr class="cmp"><td></td><td colspan="4">(.*?)</td></tr>', html)
    assert len(lines) == 9 and "<b>" not in html
    assert lines[0] == ("对比（2021年）：本中心第1（共2个排名）；&lt;b&gt;某&lt;/b&gt;区人民政府〔另一类机关〕 "
                        "50.7%（第1）")
    assert lines[3] == ("对比（2021年）：本中心不排名；&lt;b&gt;某&lt;/b&gt;区人民政府〔另一类机关〕 3 件中 0 件"
                        "（样本偏少）")


def test_without_leave_to_compare_the_brief_is_the_one_before_any_body(data: Path) -> None:
    """peers=False (a public reader, the switch off): the same HTML as before the body was added; a year without
    bodies has no line either."""
    before = brief_html(parts(data))
    add(data, "某区人民政府")
    assert brief_html(parts(data, peers=False)) == before
    assert brief_html(parts(data)) != before
    dataset = load_dataset(data)
    alone = brief_parts(dataset, 2019, data, load_rules().rules, [], generated=GENERATED)
    assert alone.comparisons == () and 'class="cmp"' not in brief_html(alone)


def test_the_ladder_names_fewer_bodies_before_it_lists_fewer_flags() -> None:
    """Smaller type first, then 3 and 1 bodies per line, and only then fewer flags; without bodies, no body step."""
    steps = ladder(peers=True)
    assert steps[:4] == [Fit(9.5), Fit(9.0), Fit(8.5), Fit(8.0)]
    assert steps[4:12] == [Fit(s, None, 3) for s in (9.5, 9.0, 8.5, 8.0)] + [Fit(s, None, 1) for s in
                                                                             (9.5, 9.0, 8.5, 8.0)]
    assert steps[12].flag_limit == 8 and steps[12].peer_limit is None
    assert {f.peer_limit for f in ladder()} == {None}


def test_the_pdf_with_many_bodies_is_one_page(data: Path) -> None:
    """Twelve bodies do not fit on each line: the PDF names fewer and counts the rest, on one A4 page."""
    if find_cjk_font() is None:
        pytest.skip("no CJK font on this machine (fonts-noto-cjk)")
    for n in range(12):
        add(data, f"第{n + 1}测试区人民政府")
    brief = parts(data)
    pdf = brief_pdf(fitted(brief), ("sans-serif",), peers=True)
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text().replace("\n", "")
    assert len(reader.pages) == 1
    assert "对比（2021年）" in text and "个机关见看板" in text
