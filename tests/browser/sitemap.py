"""Test support: the pages of each deployment (URL path, title key) and the figures each must show for 2016."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Spec:
    """One page as the browser sees it: where it lives, its title, and text it must show with the bundled 2016 data."""

    url: str  # path after the host; "" is the default page
    title_key: str  # i18n key of the page title (also the browser-tab title)
    shows: tuple[str, ...] = ()  # exact strings the 2016 page shows (figures with units, labels as printed)


# Add a page's key figures here when it lands; every test that walks the pages picks them up.
PUBLIC = (
    Spec("", "page.overview", ("204 条", "13,810 次", "19,000+ 人次", "19 个", "25 人", "主动公开政府信息数")),
    Spec("disclosure", "page.disclosure", ("204 条", "4 次", "— 未填报", "94 + 91 + 6 = 191 条")),
    Spec("halls", "page.halls", ("3 个", "19 个", "25 人", "30+ 次", "没有按管理部（博乐管理部")),
    Spec("portal", "page.portal", ("13,810 次", "19,000+ 人次", "门户网站公众浏览")),
    Spec("requests", "page.requests", ("2016 年没有依申请公开、行政复议或行政诉讼", "中心未接到政府信息公开申请")),
    Spec("tables", "page.tables", ("政府信息公开情况统计表", "(2016年度)", "填报单位(盖章)：博州住房公积金管理中心",
                                   "单位负责人：郭成秀", "联系电话：0909-2235500", "Excel（XLSX，A4 打印版式）")),
    Spec("dictionary", "page.dictionary", ("空白栏", "约数", "重叠渠道", "下载数据说明（CSV）")),
    Spec("quality", "page.quality", ("204 > 94 + 91 + 6 = 191 条", "政府信息查阅点（个）：17", "查阅点数（个）：3")),
)
STAFF_ONLY = (Spec("admin", "page.admin"),)
STAFF = PUBLIC + STAFF_ONLY


def ids(specs: tuple[Spec, ...]) -> list[str]:
    """Readable test ids: the URL path, or "overview" for the default page."""
    return [spec.url or "overview" for spec in specs]
