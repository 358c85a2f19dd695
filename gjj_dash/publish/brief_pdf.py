"""Publish: the brief as a one-page A4 PDF through WeasyPrint, in a Chinese font found on the system (fontconfig).
No such font, or one lacking a character the brief prints, is refused in Chinese: never boxes instead of text."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape

INSTALL_HINT = "请安装中文字体（Debian/Ubuntu：apt-get install fonts-noto-cjk）"
SIZES = (9.5, 9.0, 8.5, 8.0)  # base font sizes (pt) tried in turn until the brief fits one page
FLAG_LIMITS = (None, 8, 5, 3)  # then fewer flags listed (the rest named as a count)
_TAG = re.compile(r"<[^>]*>")


class BriefError(Exception):
    """The PDF cannot be made honestly (no Chinese font, a missing character, no library, over one page)."""


@dataclass(frozen=True)
class CjkFont:
    """A font on the system that covers Chinese: its family name (for CSS), file and face index in the file."""

    family: str
    file: str
    index: int


def _rank(family: str, style: str) -> tuple[int, int, int, int]:
    """Simplified Chinese first, no monospace, sans before serif, the regular weight."""
    simplified = 0 if re.search(r"\b(SC|CN|GB)\b|简", family) else 1
    serif = int(any(word in family for word in ("Serif", "Song", "Ming")))
    regular = 0 if "Regular" in style or style in ("", "Book", "Normal") else 1
    return simplified, int("Mono" in family), serif, regular


def find_cjk_font() -> CjkFont | None:
    """The best font fontconfig lists for Chinese (`fc-list :lang=zh-cn`), or None when there is none."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listed = subprocess.run([fc_list, ":lang=zh-cn", "-f", "%{file}|%{index}|%{family}|%{style}\n"],
                                capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    fonts = []
    for line in listed.splitlines():
        parts = line.split("|")
        if len(parts) == 4 and parts[0] and parts[1].isdigit():
            family = parts[2].split(",")[0].strip()
            fonts.append((_rank(family, parts[3]), family, parts[0], int(parts[1])))
    if not fonts:
        return None
    _, family, file, index = min(fonts)
    return CjkFont(family, file, index)


def missing_characters(font: CjkFont, html: str) -> list[str]:
    """The characters of the brief's text that the font has no glyph for (they would print as boxes)."""
    from fontTools.ttLib import TTFont  # start-up time: fontTools (a WeasyPrint dependency) only for the PDF

    cmap = TTFont(font.file, fontNumber=font.index, lazy=True).getBestCmap() or {}
    text = unescape(_TAG.sub(" ", html.split("</style>", 1)[-1]))
    return sorted({c for c in text if not c.isspace() and ord(c) not in cmap})


def _render(html: str) -> tuple[int, bytes]:
    try:
        import weasyprint  # start-up time and optional system libraries: WeasyPrint loads pango only for the PDF
    except (ImportError, OSError) as exc:
        raise BriefError(f"无法生成 PDF：WeasyPrint 或其所需的 pango 库不可用（{exc}），请按 README 安装") from exc
    document = weasyprint.HTML(string=html).render()
    return len(document.pages), document.write_pdf()


def brief_pdf(make: Callable[[tuple[str, ...], float, int | None], str], stack: tuple[str, ...]) -> bytes:
    """The brief on exactly one A4 page: `make(fonts, size, flag_limit)` gives its HTML; the font found on the system
    goes first in `stack`, and the size, then the number of flags listed, shrink until it fits."""
    font = find_cjk_font()
    if font is None:
        raise BriefError(f"无法生成 PDF：系统中没有可显示中文的字体。{INSTALL_HINT}")
    fonts = (font.family, *[f for f in stack if f != font.family])
    missing = missing_characters(font, make(fonts, SIZES[0], None))
    if missing:
        raise BriefError(f"无法生成 PDF：字体 {font.family} 缺少字符 {''.join(missing[:20])}，打印出来会是方框。"
                         f"{INSTALL_HINT}")
    for limit in FLAG_LIMITS:
        for size in SIZES:
            pages, pdf = _render(make(fonts, size, limit))
            if pages == 1:
                return pdf
    raise BriefError("无法生成 PDF：内容缩到最小字号仍超过一页 A4，请改用 HTML 版本")
