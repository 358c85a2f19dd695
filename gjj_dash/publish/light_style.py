"""Publish: the light pages' one stylesheet — screen, narrow phones and print (A4; each part and each official table
on a new page) — inline in every page, fonts named but never fetched."""

from __future__ import annotations

# Contrast on white: text #1a1a1a 17:1, muted #4d4d4d 8.5:1, links #0b57a4 7.1:1, quality marks #8a4500 7.1:1.
STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 64rem; padding: 0 1rem 2rem; color: #1a1a1a; background: #fff; line-height: 1.55;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Heiti SC", sans-serif; }
a { color: #0b57a4; }
a:focus-visible { outline: 3px solid #0b57a4; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip:focus { position: static; }
header { border-bottom: 1px solid #ccc; padding: .5rem 0; }
header ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.lang { float: right; margin: 0; }
h1 { font-size: 1.6rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #0b57a4; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .4rem; }
.lead, .muted, .notes, figcaption, caption, .source { color: #4d4d4d; }
.notes { font-size: .9rem; margin: .25rem 0; padding-left: 1.2rem; }
.statement { border-left: 4px solid #0b57a4; background: #f2f6fb; padding: .4rem .75rem; margin: .5rem 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .75rem; margin: 0;
  padding: 0; list-style: none; }
.card { border: 1px solid #bbb; border-radius: 6px; padding: .6rem .8rem; }
.card h3 { font-size: .95rem; margin: 0; font-weight: normal; }
.card .value { font-size: 1.5rem; font-weight: bold; margin: .2rem 0; }
.card .delta { font-size: .9rem; }
.card p { margin: .15rem 0; font-size: .85rem; }
.quality a { color: #8a4500; font-weight: bold; }
.scroll { overflow-x: auto; margin: .5rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
caption { text-align: left; font-size: .9rem; padding-bottom: .25rem; }
th, td { border: 1px solid #999; padding: .25rem .5rem; vertical-align: top; text-align: left; }
thead th { background: #eef1f5; }
tbody th { font-weight: normal; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.lvH th, tr.lvG th { font-weight: bold; }
.l1 { padding-left: 1.5rem; } .l2 { padding-left: 2.5rem; } .l3 { padding-left: 3.5rem; }
figure { margin: .5rem 0; }
svg.chart { width: 100%; max-width: 640px; height: auto; display: block; }
.downloads li { margin: .2rem 0; }
.finding { border: 1px solid #ccc; border-left: 4px solid #8a4500; padding: .4rem .75rem; margin: .5rem 0; }
.finding p { margin: .2rem 0; }
footer { border-top: 1px solid #ccc; margin-top: 2rem; padding-top: .5rem; font-size: .9rem; color: #4d4d4d; }
@media (max-width: 36rem) { body { padding: 0 .5rem 1rem; } h1 { font-size: 1.3rem; } table { font-size: .85rem; } }
@media print {
  @page { size: A4; margin: 15mm 14mm 16mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  header nav, .skip, .lang { display: none; }
  a { color: inherit; text-decoration: none; }
  section.part { break-before: page; }
  section.part:first-of-type { break-before: auto; }
  .official .scroll { break-before: page; }
  .scroll { overflow: visible; }
  thead { display: table-header-group; }
  tr, .card, figure, .finding { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  svg.chart { max-width: 160mm; }
}
"""
