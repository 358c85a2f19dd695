"""`gjj-dash indicators` and `gjj-dash brief` on a store holding the 2016 seed and a 2021-format year: the CSV's
columns and figures, JSON, a one-page PDF whose text carries every indicator's value or count, the HTML brief,
and the refusals (year not loaded, no Chinese font, a bad rules file) in Chinese with their exit codes."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from gjj_dash.cli import main
from gjj_dash.paths import BUNDLED_DATA

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "years" / "formats" / "years"
HEADLINES_2021 = {  # computed by hand in tests/figures/test_indicators.py
    "实质公开率": "50.7%", "不予公开占比": "11.6%", "本机关不掌握占比": "36.2%", "复议纠错率": "3 件中 0 件",
    "争议转化率": "21.4%", "结转率": "1.4%", "主动公开数同比变化": "—", "门户网站浏览同比变化": "—",
    "受理申请同比变化": "—",
}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A data directory with the bundled 2016 and the Pingtan 2021 table (2021 format) as 2021."""
    data = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA / "years" / "2016", data / "years" / "2016")
    shutil.copytree(FORMATS / "2021", data / "years" / "2021")
    return data


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_indicators_csv_of_a_2021_format_year(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's columns; 分子/分母 plain numbers; 数值 one decimal; 样本 the tag; a flag sentence in 提示."""
    code, out, _ = run(capsys, "indicators", "--year", "2021", "--format", "csv", "--data-dir", str(store))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert list(rows[0])[:8] == ["指标", "年度", "分子", "分母", "数值", "单位", "样本", "提示"]
    got = {r["指标"]: (r["分子"], r["分母"], r["数值"], r["样本"]) for r in rows}
    assert got["实质公开率"] == ("35", "69", "50.7", "样本一般")  # (30 + 5) ÷ 69
    assert got["复议纠错率"] == ("0", "3", "0.0", "样本偏少")  # 0 ÷ (1 + 0 + 2)
    assert got["争议转化率"] == ("15", "70", "21.4", "样本一般")  # (3 + 12) ÷ 70
    dispute = next(r for r in rows if r["指标"] == "争议转化率")
    assert dispute["提示"] == "争议转化率 21.4%（15 / 70 件，2021年）高于关注线 10%。"
    gaps = next(r for r in rows if r["编号"] == "gaps")
    assert gaps["提示"] == "2016—2021年之间缺少 2017、2018、2019、2020 年度的数据，历年比较在缺口处中断。"


def test_indicators_of_the_seed_year_say_why_there_is_no_rate(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """2016 as JSON (the CSV's keys; numbers as numbers, blanks null): no request decided (数值 null, never 0),
    no such row in the old table."""
    code, out, _ = run(capsys, "indicators", "--year", "2016", "--format", "json", "--data-dir", str(store))
    assert code == 0
    rows = {r["编号"]: r for r in json.loads(out)}
    assert (rows["disclosure_rate"]["分母"], rows["disclosure_rate"]["数值"]) == (0, None)
    assert rows["disclosure_rate"]["提示"].startswith("本年无办结申请")
    old = "政府信息公开情况统计表(旧版全国统一格式)"
    assert rows["dispute_rate"]["提示"].startswith(f"{old}无“行政诉讼·未经复议直接起诉”对应行")


@pytest.mark.parametrize("command", [["indicators"], ["brief", "-o", "b.pdf"]])
def test_a_year_not_loaded_exits_1_in_chinese(store: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                              command: list[str]) -> None:
    """Both commands refuse 2020 with one Chinese line naming the years held, and write nothing."""
    args = [command[0], "--year", "2020", "--data-dir", str(store)]
    if command[0] == "brief":
        args += ["-o", str(tmp_path / "b.pdf")]
    code, out, err = run(capsys, *args)
    assert (code, out) == (1, "")
    assert err == "gjj-dash：数据中没有 2020 年度，无法计算指标或生成简报。现有年度：2016、2021\n"
    assert not (tmp_path / "b.pdf").exists()


def test_brief_pdf_is_one_a4_page_carrying_every_indicator(store: Path, tmp_path: Path) -> None:
    """One page of A4; its text has each indicator with its value or count, the flag and the data version."""
    target = tmp_path / "b.pdf"
    assert main(["brief", "--year", "2021", "-o", str(target), "--data-dir", str(store)]) == 0
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)
    text = reader.pages[0].extract_text()
    for label, shown in HEADLINES_2021.items():
        line = next(line for line in text.splitlines() if line.startswith(label + " "))
        assert shown in line, line
    assert "样本偏少" in text and "需关注" in text and "第0版（基础数据）" in text
    assert "争议转化率 21.4%（15 / 70 件，2021年）高于关注线 10%。" in text.replace("\n", "")


def test_brief_pdf_of_the_seed_year(store: Path, tmp_path: Path) -> None:
    """2016: one page, 本年无办结申请 instead of a rate, 204 items disclosed among the headline figures."""
    target = tmp_path / "b.pdf"
    assert main(["brief", "--year", "2016", "-o", str(target), "--data-dir", str(store)]) == 0
    reader = PdfReader(target)
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert "实质公开率 本年无办结申请" in text and "204 条" in text


def test_brief_html_is_the_same_page(store: Path, tmp_path: Path) -> None:
    """The .html brief: self-contained, lang zh-CN, the indicators' headlines, no script."""
    target = tmp_path / "b.html"
    assert main(["brief", "--year", "2021", "-o", str(target), "--data-dir", str(store)]) == 0
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html and "<script" not in html
    for shown in HEADLINES_2021.values():
        assert f'<td class="now">{shown}</td>' in html


def test_no_chinese_font_exits_1_and_writes_nothing(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """With fontconfig seeing no font at all, the PDF is refused in Chinese (never drawn with boxes)."""
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>',
                      encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    code, _, err = run(capsys, "brief", "--year", "2021", "-o", str(tmp_path / "b.pdf"), "--data-dir", str(store))
    assert code == 1
    assert err == ("gjj-dash：无法生成 PDF：系统中没有可显示中文的字体。"
                   "请安装中文字体（Debian/Ubuntu：apt-get install fonts-noto-cjk）\n")
    assert not (tmp_path / "b.pdf").exists()


def test_brief_needs_a_pdf_or_html_name(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Any other file name is a usage error (exit 2)."""
    code, _, err = run(capsys, "brief", "--year", "2021", "-o", "b.docx", "--data-dir", str(store))
    assert code == 2 and "-o 的文件名应以 .pdf 或 .html 结尾" in err


def test_a_bad_rules_file_is_named_and_the_shipped_rules_apply(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """<data dir>/flags.csv with a bad line: the line is named on stderr, the output uses the shipped rules."""
    shipped = (BUNDLED_DATA / "catalogue" / "flags.csv").read_text(encoding="utf-8")
    (store / "flags.csv").write_text(shipped + "bad,above,dispute_rate,十,,\n", encoding="utf-8")
    code, out, err = run(capsys, "indicators", "--year", "2021", "--data-dir", str(store))
    assert code == 0
    lines = len(shipped.splitlines()) + 1
    assert f"gjj-dash：flags.csv 第{lines}行：阈值“十”不是数字" in err
    assert "提示规则文件未采用；本次使用的规则：flags.csv" in err
    assert "高于关注线 10%" in out


def test_a_published_version_is_named_with_its_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A store that published 2021 through `gjj-dash import`: the brief's data status says 第1版 and the day."""
    data = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA / "years", data / "years")
    table = tmp_path / "2021.csv"
    assert main(["export", "--year", "2021", "--format", "csv", "-o", str(table),
                 "--data-dir", str(FORMATS.parent)]) == 0
    assert main(["import", str(table), "--year", "2021", "--by", "测试", "--data-dir", str(data)]) == 0
    capsys.readouterr()
    version = json.loads(next((data / "versions" / "2021").glob("*/version.json")).read_text(encoding="utf-8"))
    assert main(["brief", "--year", "2021", "-o", str(tmp_path / "b.html"), "--data-dir", str(data)]) == 0
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert f"数据版本：第1版（发布于 {version['time'][:10]}）" in html
