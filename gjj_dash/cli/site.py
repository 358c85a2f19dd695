"""CLI: `gjj-dash build-site OUT/` — the light pages and the open data as static files any web server can carry."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from gjj_dash.cli.common import EXIT_OK, Command, UsageError, data_dir
from gjj_dash.i18n import t


def web_address(text: str) -> str:
    """An absolute http(s) URL given on the command line, ending in / (argparse type)."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise argparse.ArgumentTypeError(t("site.cli.bad_url", "zh", url=text))
    return text.strip().rstrip("/") + "/"


def cmd_build_site(args: argparse.Namespace) -> int:
    """Write every light page and open-data file under OUT (relative links), plus sitemap.xml with --base-url."""
    from gjj_dash.figures.rules import load_rules  # start-up time: the pages load pandas and plotly
    from gjj_dash.publish.light_page import Links
    from gjj_dash.publish.site import Site, write_site
    from gjj_dash.store.dataset import data_modified, load_dataset

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(t("site.cli.not_folder", "zh", path=out))
    folder = data_dir(args)
    dataset = load_dataset(folder)
    rules = load_rules(folder)  # the indicators' rules in force: staff's own flags.csv where it is good
    for problem in rules.problems:
        print(f"gjj-dash：{problem}", file=sys.stderr)
    site = Site(dataset, modified=data_modified(folder), links=Links(args.dashboard_url), rules=rules.rules)
    written = write_site(site, out, args.base_url)
    years = "、".join(map(str, dataset.years)) or t("site.cli.none", "zh")
    print(t("site.cli.written", "zh", count=len(written), path=out, years=years), file=sys.stderr)
    if not args.base_url:
        print(t("site.cli.no_sitemap", "zh"), file=sys.stderr)
    if not args.dashboard_url:
        print(t("site.cli.no_dashboard", "zh"), file=sys.stderr)
    return EXIT_OK


def _arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("out", metavar="OUT", help="输出目录（不存在则创建；只写入本站文件，不删除其他文件）")
    sub.add_argument("--base-url", type=web_address, metavar="URL",
                     help="站点对外的完整地址（如 https://example.gov.cn/open/），用于生成 sitemap.xml 与 robots.txt")
    sub.add_argument("--dashboard-url", type=web_address, metavar="URL",
                     help="交互式看板的地址；给出时各页面链接到看板的对应页面，否则不链接")


HELP = "生成静态网站：各年度轻量页面（无脚本）与开放数据文件，可由任何网站服务器发布"
COMMANDS = [Command("build-site", HELP, cmd_build_site, _arguments)]
