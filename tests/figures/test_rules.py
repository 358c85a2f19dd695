"""The flag rules file: the shipped one loads; a bad line is refused with a Chinese message naming the line; a
changed file under a running process is re-read, and when refused the rules in force stay in force."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gjj_dash.figures.rules import RuleBook, RulesError, load_rules, parse_rules, rules_path
from gjj_dash.model.catalogue import load_catalogue
from gjj_dash.model.leadership import load_key_indicators
from gjj_dash.paths import CATALOGUE_DIR

HEAD = "id,kind,target,threshold,min_n,note\n"
SAMPLES = "sample_fair,sample_fair,,30,,\nsample_ample,sample_ample,,100,,\n"


def test_the_shipped_rules_file_loads_with_the_issue_sample_lines() -> None:
    """data/catalogue/flags.csv: 30 and 100 as the 样本一般 and 样本充足 lines, every rule's target known."""
    state = load_rules()
    assert state.problems == ()
    assert (state.rules.fair, state.rules.ample) == (30, 100)
    assert {r.kind for r in state.rules.rules} >= {"below", "above", "fall", "nonzero", "growth", "identities", "gaps"}


def test_every_indicator_names_known_series_and_has_its_zero_wording() -> None:
    """leadership.csv: each rate has numerator and denominator series from harmonised.csv and words for 0 cases."""
    harmonised = load_catalogue().harmonised
    found = load_key_indicators()
    assert len(found) == 9
    for indicator in found.values():
        assert set(indicator.series) <= set(harmonised), indicator.id
        assert indicator.zero and indicator.zero_en and indicator.formula and indicator.formula_en


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("x,belw,disclosure_rate,50,,", "flags.csv 第4行：类型“belw”无效"),
        ("x,below,disclosure_rat,50,,", "flags.csv 第4行：指标“disclosure_rat”不存在"),
        ("x,below,disclosure_rate,五十,,", "flags.csv 第4行：阈值“五十”不是数字"),
        ("x,below,disclosure_rate,,,", "flags.csv 第4行：缺少阈值"),
        ("x,below,disclosure_rate,50,-3,", "flags.csv 第4行：最小样本量“-3”应为不小于 0 的整数"),
        ("x,fall,disclosed_change,10,,", "flags.csv 第4行：类型 fall 只用于比率指标"),
        ("x,fall,disclosure_rate,-10,,", "flags.csv 第4行：阈值“-10”应为正数（百分点）"),
        ("x,nonzero,reviews_correctd,0,,", "flags.csv 第4行：统一口径序列“reviews_correctd”不存在"),
        ("x,growth,requests_carried_forward,1.5,,", "flags.csv 第4行：阈值“1.5”应为正整数"),
        ("x,gaps,disclosure_rate,,,", "flags.csv 第4行：类型 gaps 不用目标，请留空"),
        ("x,below,disclosure_rate,50", "flags.csv 第4行：应有 6 列"),
        ("1x,below,disclosure_rate,50,,", "flags.csv 第4行：规则编号“1x”无效"),
        ("sample_fair,below,disclosure_rate,50,,", "flags.csv 第4行：规则编号“sample_fair”重复"),
    ],
)
def test_a_bad_line_is_refused_naming_the_line(line: str, message: str) -> None:
    """Every kind of mistake staff can make in one line, each named by its line number in Chinese."""
    with pytest.raises(RulesError) as caught:
        parse_rules(f"{HEAD}{SAMPLES}{line}\n".encode())
    assert any(p.startswith(message) for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,kind,target\n", "flags.csv 第1行：表头应为 id,kind,target,threshold,min_n,note"),
        (HEAD + "sample_fair,sample_fair,,30,,\n", "flags.csv 第2行：须有且只有一行类型为 sample_ample（实有 0 行）"),
        (HEAD + "a,sample_fair,,100,,\nb,sample_ample,,30,,\n", "flags.csv 第3行：sample_ample 的阈值须大于"),
    ],
)
def test_a_bad_file_as_a_whole_is_refused(text: str, message: str) -> None:
    """Header, the two sample lines and their order are checked for the whole file."""
    with pytest.raises(RulesError) as caught:
        parse_rules(text.encode())
    assert caught.value.problems[0].startswith(message)


def test_every_bad_line_is_listed_at_once_and_gbk_is_refused() -> None:
    """Two bad lines give two messages (staff fix the file in one go); a file saved as GBK is named as such."""
    with pytest.raises(RulesError) as caught:
        parse_rules(f"{HEAD}{SAMPLES}a,belw,,,,\nb,above,nope,1,,\n".encode())
    assert [p.split("：")[0] for p in caught.value.problems] == ["flags.csv 第4行", "flags.csv 第5行"]
    with pytest.raises(RulesError, match="不是 UTF-8 编码"):
        parse_rules(f"{HEAD}{SAMPLES}a,gaps,,,,说明\n".encode("gbk"))


def test_full_width_digits_and_a_percent_sign_are_read() -> None:
    """Thresholds typed in a Chinese input method (５０％) are the numbers they show."""
    rules = parse_rules(f"{HEAD}{SAMPLES}low,below,disclosure_rate,５０％,,\n".encode())
    assert rules.rules[0].threshold == 50.0


def _write(path: Path, text: str, tick: int) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(tick, tick))


def test_a_running_process_keeps_its_rules_when_the_changed_file_is_bad(tmp_path: Path) -> None:
    """Good file read; file changed to a bad one: refused with the line named, the earlier rules still in force;
    file fixed: the new rules apply."""
    path = tmp_path / "flags.csv"
    _write(path, f"{HEAD}{SAMPLES}low,below,disclosure_rate,50,,\n", 1)
    book = RuleBook(path)
    first = book.current()
    assert (first.problems, first.rules.rules[0].threshold) == ((), 50.0)
    _write(path, f"{HEAD}{SAMPLES}low,below,disclosure_rate,六十,,\n", 2)
    refused = book.current()
    assert refused.problems == ("flags.csv 第4行：阈值“六十”不是数字（如 50、-30、10.5）",)
    assert refused.rules is first.rules and not refused.fallback
    _write(path, f"{HEAD}{SAMPLES}low,below,disclosure_rate,60,,\n", 3)
    fixed = book.current()
    assert (fixed.problems, fixed.rules.rules[0].threshold) == ((), 60.0)


def test_a_process_starting_with_a_bad_file_uses_the_shipped_rules_and_says_so(tmp_path: Path) -> None:
    """No earlier rules of its own: the shipped data/catalogue/flags.csv applies and the state says it fell back."""
    path = tmp_path / "flags.csv"
    _write(path, f"{HEAD}{SAMPLES}low,belw,disclosure_rate,50,,\n", 1)
    state = RuleBook(path).current()
    assert state.fallback and state.problems[0].startswith("flags.csv 第4行：类型“belw”无效")
    assert state.rules.digest == parse_rules((CATALOGUE_DIR / "flags.csv").read_bytes()).digest


def test_the_data_directory_may_hold_its_own_rules(tmp_path: Path) -> None:
    """<data dir>/flags.csv is used where staff put one; otherwise the shipped file."""
    assert rules_path(tmp_path) == CATALOGUE_DIR / "flags.csv"
    (tmp_path / "flags.csv").write_text(f"{HEAD}{SAMPLES}", encoding="utf-8")
    assert rules_path(tmp_path) == tmp_path / "flags.csv"
    assert load_rules(tmp_path).rules.rules == ()
