"""The HTML report's one script, and the data it reads: a movable as-of, filters and search.

The page works without it (the static report for the as-of it was made for). With it, a slider
and a date-time field move the as-of over the story and every status, card, count and the
picture's marker follow, computed in the page from each claim's history embedded as JSON. The
moment shown is kept in the URL (``#as-of=2023-11-21T12:00+09:00``). The script is a fixed string
(no casebook text in it), allowed by the page's Content-Security-Policy through its SHA-256 hash.
The data block is JSON inside ``<script type="application/json">``, which no browser runs; every
``<``, ``>`` and ``&`` in it is written as a JSON escape, so no casebook string can close it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import pendulum

from .._when import format_instant, zone_of
from ._common import MARKS, as_of_text, since_text
from ._data import Report

__all__ = ["SCRIPT", "data_block", "millis", "script_hash"]


def millis(dt: pendulum.DateTime) -> int:
    """An instant as integer milliseconds since 1970 (JavaScript's time value)."""
    return int(dt.timestamp() * 1000)


def _offsets(report: Report) -> dict[str, str]:
    """Offset in minutes → the zone's abbreviation there, for every offset the story shows."""
    local = zone_of(report.zone)
    found: dict[str, str] = {}
    moments = [report.picture.start, report.picture.end]
    moments += [m.at for row in (*report.claims, *report.opinions) for m in row.history if m.at]
    for moment in moments:
        here = moment.in_timezone(local)
        offset = here.utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        if str(minutes) not in found:
            # The abbreviation as every other time in the report shows it ("KST", "UTC+05:30").
            found[str(minutes)] = format_instant(here).rsplit(" ", 1)[-1]
    return dict(sorted(found.items(), key=lambda kv: int(kv[0])))


def data_block(report: Report) -> str:
    """The page's data as JSON, safe inside a ``<script type="application/json">`` element."""
    zone = report.zone
    claims: dict[str, list[list[Any]]] = {}
    moments: set[int] = set()
    for row in (*report.claims, *report.opinions):
        steps = []
        for m in row.history:
            at = millis(m.at) if m.at is not None else None
            if at is not None:
                moments.add(at)
            steps.append([at, m.status.value, MARKS.get(m.status, "\u2022"),
                          since_text(m.at, zone), m.standing, m.explanation])
        claims[row.id] = steps
    start, end = millis(report.picture.start), millis(report.as_of)
    offset = report.as_of.in_timezone(zone_of(zone)).utcoffset()
    data = {
        "zone": zone,
        "start": start,
        "end": end,
        "asOfText": as_of_text(report.as_of, zone),
        "offset": int(offset.total_seconds() // 60) if offset is not None else 0,
        "abbrevs": _offsets(report),
        "moments": sorted(t for t in moments if start <= t <= end),
        "claims": claims,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def script_hash(script: str) -> str:
    """The Content-Security-Policy source that allows exactly ``script``."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


#: The page's script. Plain ES2017, no library, no network; it reads the DOM the report writes.
SCRIPT = r"""
(function () {
  "use strict";
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  };
  var block = document.getElementById("factcheck-data");
  if (!block) { return; }
  var data = JSON.parse(block.textContent);
  var intl = null;
  try {
    intl = new Intl.DateTimeFormat("en-US", {timeZone: data.zone, timeZoneName: "longOffset",
                                             year: "numeric"});
  } catch (e) { intl = null; }

  function offsetAt(ms) {
    if (!intl) { return data.offset; }
    var name = "";
    intl.formatToParts(new Date(ms)).forEach(function (p) {
      if (p.type === "timeZoneName") { name = p.value; }
    });
    var m = /([+-])(\d{1,2})(?::?(\d{2}))?/.exec(name);
    if (!m) { return 0; }
    return (m[1] === "-" ? -1 : 1) * (parseInt(m[2], 10) * 60 + parseInt(m[3] || "0", 10));
  }
  function pad(n, w) { var s = String(Math.abs(n)); while (s.length < w) { s = "0" + s; }
                       return (n < 0 ? "-" : "") + s; }
  function wall(ms) {
    var off = offsetAt(ms);
    var d = new Date(ms + off * 60000);
    return {y: pad(d.getUTCFullYear(), 4), mo: pad(d.getUTCMonth() + 1, 2),
            d: pad(d.getUTCDate(), 2), h: pad(d.getUTCHours(), 2), mi: pad(d.getUTCMinutes(), 2),
            s: d.getUTCSeconds(), off: off};
  }
  function offsetText(off) {
    return (off < 0 ? "-" : "+") + pad(Math.floor(Math.abs(off) / 60), 2) + ":" +
      pad(Math.abs(off) % 60, 2);
  }
  function show(ms) {
    if (ms === data.end) { return data.asOfText; }
    var w = wall(ms);
    var text = w.y + "-" + w.mo + "-" + w.d + " " + w.h + ":" + w.mi +
      (w.s ? ":" + pad(w.s, 2) : "");
    return text + " " + (data.abbrevs[String(w.off)] || "UTC" + offsetText(w.off));
  }
  function iso(ms) {
    var w = wall(ms);
    return w.y + "-" + w.mo + "-" + w.d + "T" + w.h + ":" + w.mi + (w.s ? ":" + pad(w.s, 2) : "") +
      offsetText(w.off);
  }
  function fromWall(y, mo, d, h, mi, s) {
    var utc = Date.UTC(y, mo - 1, d, h, mi, s);
    if (y >= 0 && y < 100) { var t = new Date(utc); t.setUTCFullYear(y); utc = t.getTime(); }
    var guess = utc - offsetAt(utc) * 60000;
    return utc - offsetAt(guess) * 60000;
  }
  function parse(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/
      .exec(text.trim());
    if (!m) { return null; }
    var y = +m[1], mo = +m[2], d = +m[3];
    if (m[4] === undefined) { return fromWall(y, mo, d + 1, 0, 0, 0); }  // a date: its end
    var h = +m[4], mi = +m[5], s = +(m[6] || 0);
    if (!m[7]) { return fromWall(y, mo, d, h, mi, s); }
    var off = 0;
    if (m[7] !== "Z") {
      var z = m[7].replace(":", "");
      off = (z[0] === "-" ? -1 : 1) * (parseInt(z.slice(1, 3), 10) * 60 + parseInt(z.slice(3), 10));
    }
    var t = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
    t.setUTCFullYear(y);
    return t.getTime() - off * 60000;
  }
  function clamp(ms) { return Math.min(data.end, Math.max(data.start, ms)); }
  function stepAt(steps, ms) {
    var found = steps[0];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i][0] === null || steps[i][0] <= ms) { found = steps[i]; }
    }
    return found;
  }

  var controls = $("#as-of-controls");
  var slider = $("#as-of-slider");
  var field = $("#as-of-field");
  var shown = $("#as-of-shown");
  var current = data.end;

  function apply(ms, fromHash) {
    current = clamp(ms);
    var counts = {};
    $$("[data-claim][data-status]").forEach(function (el) {
      var steps = data.claims[el.getAttribute("data-claim")];
      if (!steps) { return; }
      var step = stepAt(steps, current);
      el.setAttribute("data-status", step[1]);
      if (el.tagName.toLowerCase() === "article") {
        counts[step[1]] = (counts[step[1]] || 0) + 1;
        var chip = $(".state .chip", el);
        chip.className = "chip st-" + step[1];
        chip.textContent = step[2] + " " + step[1];
        $(".since", el).textContent = step[3];
        $(".standing", el).textContent = step[4];
        $(".why", el).textContent = step[5];
        var visible = 0;
        $$("li.excerpt", el).forEach(function (li) {
          var from = +li.getAttribute("data-from");
          var gone = li.getAttribute("data-withdrawn");
          var later = from > current;
          li.hidden = later;
          visible += later ? 0 : 1;
          li.classList.toggle("withdrawn", gone !== null && +gone <= current);
        });
        var count = $(".evidence-count", el);
        if (count) { count.textContent = String(visible); }
      } else {
        var cap = $("rect.cap", el);
        if (cap) { cap.setAttribute("class", "cap st-" + step[1]); }
      }
    });
    $$("[data-count]").forEach(function (el) {
      el.textContent = String(counts[el.getAttribute("data-count")] || 0);
    });
    $$("[data-at]").forEach(function (el) { el.hidden = +el.getAttribute("data-at") > current; });
    $$("svg.picture").forEach(function (svg) {
      var t0 = +svg.getAttribute("data-t0"), t1 = +svg.getAttribute("data-t1");
      var x0 = +svg.getAttribute("data-x0"), x1 = +svg.getAttribute("data-x1");
      var x = t1 > t0 ? x0 + (current - t0) / (t1 - t0) * (x1 - x0) : x1;
      var inside = current >= t0 && current <= t1;
      $$("line.moving", svg).forEach(function (line) {
        line.setAttribute("x1", x.toFixed(1));
        line.setAttribute("x2", x.toFixed(1));
        line.setAttribute("visibility", inside ? "visible" : "hidden");
      });
    });
    shown.textContent = show(current);
    slider.value = String(current);
    var w = wall(current);
    field.value = w.y + "-" + w.mo + "-" + w.d + "T" + w.h + ":" + w.mi;
    if (!fromHash) {
      var hash = current === data.end ? "" : "#as-of=" + iso(current);
      history.replaceState(null, "", hash || location.pathname + location.search);
    }
    filter();
  }

  function fromLocation() {
    var m = /^#as-of=(.+)$/.exec(location.hash);
    var ms = m ? parse(decodeURIComponent(m[1])) : null;
    apply(ms === null || isNaN(ms) ? data.end : ms, true);
  }

  // -- filters and search -------------------------------------------------------------------
  var byStatus = $("#filter-status"), byStakeholder = $("#filter-stakeholder");
  var bySource = $("#filter-source"), byText = $("#filter-text"), tally = $("#filter-count");

  function has(list, item) { return (" " + list + " ").indexOf(" " + item + " ") >= 0; }
  function filter() {
    var st = byStatus.value, who = byStakeholder.value, src = bySource.value;
    var words = byText.value.toLowerCase().trim();
    var shownCards = 0, total = 0, visibleIds = {};
    $$("article.card").forEach(function (card) {
      total += 1;
      var ok = (!st || card.getAttribute("data-status") === st) &&
        (!who || has(card.getAttribute("data-stakeholders"), who)) &&
        (!src || has(card.getAttribute("data-sources"), src)) &&
        (!words || card.textContent.toLowerCase().indexOf(words) >= 0);
      card.hidden = !ok;
      if (ok) { shownCards += 1; visibleIds[card.getAttribute("data-claim")] = true; }
    });
    $$("section.storyline").forEach(function (section) {
      section.hidden = !$$("article.card", section).some(function (c) { return !c.hidden; });
    });
    var all = !st && !who && !src && !words;
    $$("svg.picture g.row").forEach(function (g) {
      g.classList.toggle("faded", !all && !visibleIds[g.getAttribute("data-claim")]);
    });
    tally.textContent = all ? "" : shownCards + " of " + total + " claims shown";
  }

  slider.min = String(data.start);
  slider.max = String(data.end);
  slider.step = "60000";
  slider.addEventListener("input", function () { apply(+slider.value, false); });
  field.addEventListener("change", function () {
    var ms = parse(field.value);
    if (ms !== null && !isNaN(ms)) { apply(ms, false); }
  });
  function step(direction) {
    var next = null;
    data.moments.forEach(function (t) {
      if (direction > 0 && t > current && (next === null || t < next)) { next = t; }
      if (direction < 0 && t < current && (next === null || t > next)) { next = t; }
    });
    if (next === null) { next = direction > 0 ? data.end : data.start; }
    apply(next, false);
  }
  $("#as-of-previous").addEventListener("click", function () { step(-1); });
  $("#as-of-next").addEventListener("click", function () { step(1); });
  $("#as-of-reset").addEventListener("click", function () { apply(data.end, false); });
  [byStatus, byStakeholder, bySource].forEach(function (el) {
    el.addEventListener("change", filter);
  });
  byText.addEventListener("input", filter);
  window.addEventListener("hashchange", fromLocation);
  $$(".needs-script").forEach(function (el) { el.hidden = false; });
  document.documentElement.classList.add("live");
  fromLocation();
})();
"""
