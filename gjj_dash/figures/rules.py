"""Figures: the flag rules (data/catalogue/flags.csv, or the data directory's own flags.csv) read and checked line by
line; a bad file is refused whole with Chinese messages naming each line, and the rules in force stay in force."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from gjj_dash.model.catalogue import Catalogue, load_catalogue
from gjj_dash.model.leadership import KeyIndicator, load_key_indicators
from gjj_dash.paths import CATALOGUE_DIR

RULES_FILE = "flags.csv"
HEADER = ("id", "kind", "target", "threshold", "min_n", "note")
SAMPLE_KINDS = ("sample_fair", "sample_ample")
INDICATOR_KINDS = ("below", "above", "fall", "rise")  # on an indicator's value: the rate-based flags
SERIES_KINDS = ("nonzero", "growth")  # on a harmonised series' count: never held back by a small sample
PLAIN_KINDS = ("identities", "gaps")
KINDS = (*SAMPLE_KINDS, *INDICATOR_KINDS, *SERIES_KINDS, *PLAIN_KINDS)
LAST_RESORT = (30, 100)  # sample cut-offs used only when neither the staff's nor the shipped rules file can be read
_NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?")
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Rule:
    """One line of the rules file: what is watched, the threshold and the sample it needs."""

    id: str
    kind: str
    target: str
    threshold: float | None
    min_n: int | None
    note: str
    line: int


@dataclass(frozen=True)
class Rules:
    """A whole rules file that passed every check: the sample cut-offs and the flag rules in file order."""

    fair: int
    ample: int
    rules: tuple[Rule, ...]
    source: str
    digest: str

    def of_kind(self, *kinds: str) -> list[Rule]:
        return [r for r in self.rules if r.kind in kinds]


class RulesError(ValueError):
    """A rules file refused: every problem as one Chinese line naming the file and line."""

    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = tuple(problems)


def _number(text: str) -> float | None:
    """A threshold as staff type it: full-width digits folded, an optional trailing %; None when not a number."""
    folded = unicodedata.normalize("NFKC", text).strip().removesuffix("%").strip()
    return float(folded) if _NUMBER.fullmatch(folded) else None


class _Reader:
    """Checks one row after another, collecting every problem (so staff fix the whole file in one go)."""

    def __init__(self, name: str, keys: dict[str, KeyIndicator], catalogue: Catalogue):
        self.name, self.keys, self.catalogue = name, keys, catalogue
        self.problems: list[str] = []

    def fail(self, line: int, message: str) -> None:
        self.problems.append(f"{self.name} 第{line}行：{message}")

    def row(self, cells: list[str], line: int) -> Rule | None:
        if len(cells) != len(HEADER):
            self.fail(line, f"应有 {len(HEADER)} 列（{'、'.join(HEADER)}），实有 {len(cells)} 列")
            return None
        ident, kind, target, threshold, min_n, note = (c.strip() for c in cells)
        before = len(self.problems)
        if not _ID.fullmatch(ident):
            self.fail(line, f"规则编号“{ident}”无效：须以英文字母开头，只含字母、数字和下划线")
        if kind not in KINDS:
            self.fail(line, f"类型“{kind}”无效，可用：{'、'.join(KINDS)}")
            return None
        value = self.threshold(line, kind, threshold)
        count = self.min_n(line, kind, min_n)
        self.target(line, kind, target)
        if len(self.problems) > before:
            return None
        return Rule(ident, kind, target, value, count, note, line)

    def threshold(self, line: int, kind: str, text: str) -> float | None:
        if not text and kind in PLAIN_KINDS + ("nonzero",):
            return 0.0 if kind == "nonzero" else None
        if not text:
            self.fail(line, "缺少阈值")
            return None
        value = _number(text)
        if value is None:
            self.fail(line, f"阈值“{text}”不是数字（如 50、-30、10.5）")
        elif kind in SAMPLE_KINDS + ("growth",) and (value < 1 or not value.is_integer()):
            self.fail(line, f"阈值“{text}”应为正整数")
        elif kind in ("fall", "rise") and value <= 0:
            self.fail(line, f"阈值“{text}”应为正数（百分点）")
        elif kind in PLAIN_KINDS:
            self.fail(line, f"类型 {kind} 不用阈值，请留空")
        return value

    def min_n(self, line: int, kind: str, text: str) -> int | None:
        if not text:
            return None
        value = _number(text)
        if kind not in INDICATOR_KINDS:
            self.fail(line, f"类型 {kind} 不用最小样本量（min_n），请留空")
        elif value is None or value < 0 or not value.is_integer():
            self.fail(line, f"最小样本量“{text}”应为不小于 0 的整数")
            return None
        return None if value is None else int(value)

    def target(self, line: int, kind: str, target: str) -> None:
        if kind in INDICATOR_KINDS:
            found = self.keys.get(target)
            if found is None:
                self.fail(line, f"指标“{target}”不存在，可用：{'、'.join(self.keys)}")
            elif kind in ("fall", "rise") and found.kind != "rate":
                self.fail(line, f"类型 {kind} 只用于比率指标，“{target}”是同比变化指标")
        elif kind in SERIES_KINDS:
            if target not in self.catalogue.harmonised:
                self.fail(line, f"统一口径序列“{target}”不存在（见 harmonised.csv）")
        elif target:
            self.fail(line, f"类型 {kind} 不用目标，请留空")


def parse_rules(data: bytes, name: str = RULES_FILE, folder: Path = CATALOGUE_DIR) -> Rules:
    """A rules file's bytes as Rules, or RulesError listing every bad line (header, columns, kinds, targets,
    numbers, duplicate ids, the two sample cut-offs)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RulesError([f"{name}：不是 UTF-8 编码的 CSV 文件，请在 Excel/WPS 中另存为“CSV UTF-8”"]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != HEADER:
        raise RulesError([f"{name} 第1行：表头应为 {','.join(HEADER)}"])
    check = _Reader(name, load_key_indicators(folder), load_catalogue(folder))
    rules: list[Rule] = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        rule = check.row(cells, reader.line_num)
        if rule is not None and any(r.id == rule.id for r in rules):
            check.fail(rule.line, f"规则编号“{rule.id}”重复")
        elif rule is not None:
            rules.append(rule)
    cuts = {k: [r for r in rules if r.kind == k] for k in SAMPLE_KINDS}
    for kind, found in cuts.items():
        if len(found) != 1 and not check.problems:
            check.fail(reader.line_num, f"须有且只有一行类型为 {kind}（实有 {len(found)} 行）")
    if not check.problems and cuts["sample_fair"][0].threshold >= cuts["sample_ample"][0].threshold:
        check.fail(cuts["sample_ample"][0].line, "sample_ample 的阈值须大于 sample_fair 的阈值")
    if check.problems:
        raise RulesError(check.problems)
    fair, ample = (int(cuts[k][0].threshold or 0) for k in SAMPLE_KINDS)
    flags = tuple(r for r in rules if r.kind not in SAMPLE_KINDS)
    return Rules(fair, ample, flags, name, hashlib.sha256(data).hexdigest()[:12])


def rules_path(data_dir: Path | None) -> Path:
    """The rules in force: the data directory's own flags.csv where staff put one, else the shipped catalogue's."""
    own = None if data_dir is None else data_dir / RULES_FILE
    return own if own is not None and own.is_file() else CATALOGUE_DIR / RULES_FILE


@dataclass(frozen=True)
class RuleState:
    """The rules in force, and why a newer file is not: its problems, and where the rules in force came from."""

    rules: Rules
    problems: tuple[str, ...] = ()
    since: str = ""  # when the rules in force were read (local time), for the refusal message
    fallback: bool = False  # the rules in force are the shipped file's, not the refused file's predecessor


@dataclass
class RuleBook:
    """The rules a long-running process uses. Each read re-reads the file's bytes (a few hundred): a changed file is
    parsed; if it is refused, the rules read before stay in force and the state says why. A process that starts with
    a bad file has no earlier rules of its own: it uses the shipped catalogue's flags.csv and says so."""

    path: Path
    default: Path = CATALOGUE_DIR / RULES_FILE
    _state: RuleState | None = None
    _seen: bytes | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self) -> RuleState:
        try:
            data, error = self.path.read_bytes(), ""
        except OSError as exc:
            data, error = b"", f"{self.path.name}：无法读取（{exc.strerror or exc}）"
        seen = error.encode() if error else data
        with self._lock:
            state = self._state
            if state is None or seen != self._seen:
                state = self._state = self._read(data, error)
                self._seen = seen
            return state

    def _read(self, data: bytes, error: str) -> RuleState:
        try:
            if error:
                raise RulesError([error])
            return RuleState(parse_rules(data, self.path.name), since=time.strftime("%Y-%m-%d %H:%M"))
        except RulesError as exc:
            if self._state is not None:
                return RuleState(self._state.rules, exc.problems, self._state.since, self._state.fallback)
            return RuleState(_shipped(self.default), exc.problems, time.strftime("%Y-%m-%d %H:%M"), True)


def _shipped(path: Path) -> Rules:
    """The shipped rules file, when the staff's own is refused before any rules were read; if that one is bad too,
    no flag rules at all and the issue's sample cut-offs (30 and 100), so pages still tag samples honestly."""
    try:
        return parse_rules(path.read_bytes(), path.name)
    except (OSError, RulesError):
        return Rules(LAST_RESORT[0], LAST_RESORT[1], (), "", "")


def load_rules(data_dir: Path | None = None) -> RuleState:
    """The rules of a one-off run (a CLI command): the rules file in force, read once; refused → shipped rules."""
    return RuleBook(rules_path(data_dir)).current()
