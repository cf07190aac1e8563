"""The HTML report's stylesheet: layout for a desk and a phone, print, and the status colours."""

from __future__ import annotations

from ._common import COLOURS, DARK

__all__ = ["STYLE"]

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK KR",
       "Apple SD Gothic Neo", sans-serif; color: #111827; margin: 0 auto; padding: 24px 32px;
       max-width: 1400px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #e5e7eb; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.diff del { background: #fee2e2; color: #7f1d1d; }
p.diff ins { background: #dcfce7; color: #14532d; text-decoration: none; }
header dl { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; margin: 8px 0; }
header dt { color: #6b7280; }
header dd { margin: 0; }
nav { margin: 12px 0; font-size: 13px; }
nav a { margin-right: 12px; }
a { color: #1d4ed8; text-decoration: none; }
a:hover { text-decoration: underline; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid #e5e7eb; padding: 4px 6px; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
th { background: #f3f4f6; font-weight: 600; }
tbody tr:nth-child(even) { background: #fafafa; }
table.compact { width: auto; }
td.why, div.why, span.why { color: #4b5563; font-size: 12px; }
div.why { margin-top: 4px; }
td.id { white-space: nowrap; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 460px), 1fr));
         gap: 12px; }
article.card { border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px 12px; min-width: 0;
               overflow-wrap: anywhere; }
article.card h4 { margin: 0 0 4px; font-size: 15px; }
article.card p { margin: 4px 0; }
p.why { color: #4b5563; font-size: 12px; }
details.evidence summary { cursor: pointer; font-weight: 600; font-size: 13px; margin-top: 6px; }
ul.excerpts { list-style: none; padding: 0; margin: 4px 0 0; }
li.excerpt { border-left: 3px solid #d1d5db; padding: 2px 0 2px 8px; margin: 8px 0; }
li.excerpt.withdrawn blockquote { text-decoration: line-through; color: #6b7280; }
li.excerpt blockquote { margin: 2px 0; font-size: 14px; }
li.excerpt blockquote::before { content: "\u201c"; }
li.excerpt blockquote::after { content: "\u201d"; }
ul.facts { list-style: none; padding: 0; margin: 0; font-size: 12px; color: #374151; }
li.translation { font-style: italic; }
.stance { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; }
.stance-refutes { color: #9a3412; } .stance-mentions { color: #6b7280; }
#sources td:nth-child(2) { min-width: 240px; }
#sources td:nth-child(3) { max-width: 190px; }
#predictions td:nth-child(1) { min-width: 200px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #6b7280; }
.nowrap { white-space: nowrap; }
.chip { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px;
        white-space: nowrap; color: #111827; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px;
          vertical-align: -2px; margin-right: 5px; border: 1px solid rgba(0,0,0,.15); }
ul.legend { list-style: none; padding: 0; margin: 6px 0 12px; display: grid;
            grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 3px 18px;
            font-size: 13px; }
.severity-error { color: #b91c1c; font-weight: 600; }
.severity-warning { color: #b45309; font-weight: 600; }
.severity-info { color: #1d4ed8; }
.picture-wrap { overflow-x: auto; }
svg.picture { font: 11px system-ui, sans-serif; display: block; }
svg.picture + svg.picture { margin-top: 8px; }
svg.picture text.label { fill: #111827; }
svg.picture text.axis { fill: #4b5563; }
svg.picture text.storyline { fill: #111827; font-weight: 600; }
svg.picture text.glyph { fill: #111827; font-size: 10px; pointer-events: none; }
svg.picture text.glyph.on-dark { fill: #fff; }
svg.picture line.moving { stroke: #b45309; stroke-width: 2.5; }
svg.picture g.row.faded { opacity: .15; }
.controls { position: sticky; top: 0; z-index: 2; background: #fff;
            border-bottom: 1px solid #e5e7eb;
            padding: 6px 0; display: flex; flex-direction: column; gap: 4px; }
.controls .as-of, .controls .filters { display: flex; flex-wrap: wrap; gap: 6px;
                                       align-items: center; }
#as-of-slider { flex: 1 1 240px; min-width: 0; }
.controls select, .controls input, .controls button { font: inherit; font-size: 13px;
                                                      max-width: 100%; }
#filter-text { flex: 1 1 180px; min-width: 0; }
[hidden] { display: none !important; }
svg.picture text.mark { fill: #111827; font-size: 12px; font-weight: 700; }
svg.picture line.grid { stroke: #d1d5db; stroke-width: 1; }
svg.picture line.tick { stroke: #111827; stroke-width: 1.5; }
svg.picture line.cut { stroke: #6b7280; stroke-width: 1.5; stroke-dasharray: 1 3; }
details.full-range > summary { cursor: pointer; font-weight: 600; margin: 8px 0; }
svg.picture line.asof { stroke: #111827; stroke-width: 1.5; stroke-dasharray: 3 2; }
svg.picture line.since { stroke: #b91c1c; stroke-width: 1.5; stroke-dasharray: 5 3; }
svg.picture rect { shape-rendering: crispEdges; }
.side-by-side { display: flex; gap: 32px; flex-wrap: wrap; align-items: flex-start; }
footer { margin-top: 32px; font-size: 12px; color: #6b7280; }
@media (max-width: 700px) {
  body { padding: 10px 12px; }
  header dl { grid-template-columns: 1fr; gap: 0; }
  header dd { margin-bottom: 4px; overflow-wrap: anywhere; }
  /* Tables become cards: one block per row, each cell under its column's name. */
  table:not(.keep), table:not(.keep) > thead, table:not(.keep) > tbody,
  table:not(.keep) tr, table:not(.keep) td { display: block; width: auto; }
  table:not(.keep) > thead { display: none; }
  table:not(.keep) tr { border: 1px solid #e5e7eb; border-radius: 6px; margin: 0 0 8px;
                           padding: 4px 6px; }
  table:not(.keep) td { border: none; padding: 2px 0; min-width: 0 !important;
                           max-width: none !important; overflow-wrap: anywhere; }
  table:not(.keep) td[data-label]::before { content: attr(data-label) ": "; color: #6b7280;
                                               font-size: 12px; }
  /* A sticky panel would cover half a phone's screen: the controls stay at the top. */
  .controls { position: static; }
  td.id, .nowrap { white-space: normal; }
  ul.legend { grid-template-columns: 1fr; }
  .picture-wrap { max-width: 100%; }
}
@media print {
  @page { margin: 12mm; }
  body { padding: 0; max-width: none; font-size: 10pt; }
  nav { display: none; }
  a { color: inherit; }
  h2 { break-after: avoid; }
  tr, svg.picture, ul.legend { break-inside: avoid; }
  .picture-wrap { overflow: visible; }
  svg.picture { max-width: 100%; height: auto; }
  table { font-size: 8pt; }
  td.why, div.why, span.why { font-size: 7.5pt; }
  /* On paper the page is narrow: ids and times wrap (at their hyphens), so that the text gets
     the room. */
  td.id, .nowrap { white-space: normal; }
  #sources td:nth-child(2), #predictions td:nth-child(1) { min-width: 0; }
  article.card { break-inside: avoid; }
  details.evidence > summary { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _status_css() -> str:
    # Text on the darker colours is white; the class names are fixed words, not casebook text.
    lines = []
    for status, colour in COLOURS.items():
        text = "#fff" if status in DARK else "#111827"
        lines.append(f".st-{status.value} {{ fill: {colour}; background: {colour}; "
                     f"color: {text}; }}")
    return "\n".join(lines)


#: The whole stylesheet, fixed words only: no casebook text ever goes in it.
STYLE = _CSS + _status_css()
