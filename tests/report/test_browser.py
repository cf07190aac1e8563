"""The HTML report in a real browser: Debian's headless ``chromium``, driven by Selenium through
Debian's ``chromium-driver`` (both installed by ``.ci/run``; in CI a missing one fails, elsewhere
these tests skip).

The screenshots in docs/ come from here:

    python -m tests.report.test_browser
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest

import factcheck

ROOT = Path(__file__).parents[2]
CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")

try:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
except ImportError:  # pragma: no cover - the test extra brings it
    webdriver = None  # type: ignore[assignment]

MISSING = [name for name, found in (("chromium", CHROMIUM), ("chromedriver", DRIVER),
                                    ("selenium", webdriver)) if not found]
if MISSING and os.environ.get("CI"):  # pragma: no cover - CI installs them: say so loudly
    raise RuntimeError(f"the browser tests need {', '.join(MISSING)}: .ci/run installs them")
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"not installed: {', '.join(MISSING)}")

#: Records any alert() a casebook string might manage to call, before the page's own code runs.
_TRAP = ("window.__alerts = [];"
         "window.alert = window.confirm = window.prompt = function (m) {"
         "  window.__alerts.push(String(m)); };")


def browser(width: int, height: int, *, scripts: bool = True) -> Any:
    """A headless Chromium window of this size (CSS pixels)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--hide-scrollbars", "--force-device-scale-factor=1",
                f"--window-size={width},{height}"):
        options.add_argument(arg)
    if not scripts:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options,
                              service=webdriver.ChromeService(executable_path=DRIVER))
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _TRAP})
    # A window cannot be narrower than Chromium's minimum (500 px): a phone's screen is emulated.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    return driver


@pytest.fixture(scope="module")
def shipped_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped casebook's HTML report, as of the end of 22 Nov in Seoul."""
    page = tmp_path_factory.mktemp("page") / "report.html"
    page.write_text(factcheck.render_report(factcheck.load(ROOT), "2023-11-22", tz="Asia/Seoul",
                                            fmt="html"), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def desk() -> Iterator[Any]:
    """A desk-sized window, shared by the module's tests."""
    driver = browser(1400, 1000)
    yield driver
    driver.quit()


def _statuses(driver: Any) -> dict[str, str]:
    return dict(driver.execute_script(
        "var out = {}; document.querySelectorAll('article[data-claim]').forEach(function (a) {"
        " out[a.getAttribute('data-claim')] = a.getAttribute('data-status'); }); return out;"))


def _library(moment: str) -> dict[str, str]:
    casebook = factcheck.load(ROOT)
    return {cid: r.status.value for cid, r in casebook.statuses(moment).items()}


def _cli(moment: str) -> dict[str, str]:
    """Every claim's status as ``factcheck status`` prints it at ``moment``."""
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "status", "--path", str(ROOT), "--as-of", moment,
         "--format", "json"], capture_output=True, text=True, check=True, timeout=120)
    return {row["claim"]: row["status"] for row in json.loads(result.stdout)}


def _hash_moment(driver: Any) -> str:
    url = str(driver.current_url)
    assert "#as-of=" in url, url
    return url.split("#as-of=", 1)[1]


class TestMovableAsOf:
    def test_opens_at_the_report_as_of(self, desk: Any, shipped_page: Path) -> None:
        """Opened plainly, the page shows the report's own as-of, with the library's statuses."""
        desk.get(shipped_page.as_uri())
        assert "2023-11-23 00:00 KST, the end of 2023-11-22" == desk.find_element(
            By.ID, "as-of-shown").text
        assert _library("2023-11-23T00:00+09:00") == _statuses(desk)

    def test_slider_to_the_start_then_step_by_change(self, desk: Any,
                                                     shipped_page: Path) -> None:
        """Moving the slider to its start, then stepping from change to change, every claim's
        data-status is what `factcheck status` says at the moment in the URL."""
        desk.get(shipped_page.as_uri())
        slider = desk.find_element(By.ID, "as-of-slider")
        slider.send_keys("\ue011")  # Home: the slider's start
        start = _hash_moment(desk)
        assert _library(start) == _statuses(desk)
        seen = []
        following = desk.find_element(By.ID, "as-of-next")
        for _ in range(6):
            following.click()
            moment = _hash_moment(desk)
            seen.append(moment)
            assert _library(moment) == _statuses(desk), moment
        assert len(set(seen)) == len(seen)
        assert _cli(seen[-1]) == _statuses(desk)

    def test_follows_an_as_of_link(self, desk: Any, shipped_page: Path) -> None:
        """A link with #as-of= opens that moment; changing the hash moves it again."""
        moment = "2023-11-20T12:00+09:00"
        desk.get(f"{shipped_page.as_uri()}#as-of={moment}")
        assert "2023-11-20 12:00 KST" == desk.find_element(By.ID, "as-of-shown").text
        assert _cli(moment) == _statuses(desk)
        board = desk.find_element(By.CSS_SELECTOR, 'article[data-claim="board-accepts-demands"]')
        assert "reported" == board.get_attribute("data-status")
        desk.execute_script("location.hash = '#as-of=2023-11-20T08:00:00-08:00'")
        assert "refuted" == board.get_attribute("data-status")
        assert "2023-11-21 01:00 KST" == desk.find_element(By.ID, "as-of-shown").text

    def test_date_time_field(self, desk: Any, shipped_page: Path) -> None:
        """Typing a moment in the date-time field (in the report's zone) moves the as-of."""
        desk.get(shipped_page.as_uri())
        desk.execute_script(
            "var f = document.getElementById('as-of-field'); f.value = '2023-11-19T12:00';"
            "f.dispatchEvent(new Event('change'));")
        assert "2023-11-19T12:00+09:00" == _hash_moment(desk)
        assert _library("2023-11-19T12:00+09:00") == _statuses(desk)

    def test_evidence_follows(self, desk: Any, shipped_page: Path) -> None:
        """A quote published after the moment shown is hidden from its card until then."""
        desk.get(f"{shipped_page.as_uri()}#as-of=2023-11-20T16:00+09:00")
        card = 'article[data-claim="altman-joins-microsoft"]'
        quotes = desk.find_elements(By.CSS_SELECTOR, f"{card} li.excerpt")
        assert quotes and not any(q.is_displayed() for q in quotes)
        desk.execute_script("location.hash = '#as-of=2023-11-20T17:00+09:00'")
        assert any(q.is_displayed() for q in quotes)

    def test_revised_sources_follow(self, desk: Any, shipped_page: Path) -> None:
        """An update is shown among the revised sources only once the moment shown has it."""
        desk.get(f"{shipped_page.as_uri()}#as-of=2023-11-22T12:00+09:00")
        parts = {h.get_attribute("textContent").split(" (")[0]: h for h in
                 desk.find_elements(By.CSS_SELECTOR, "#revisions h3")}
        assert ["seed-001: original → update-1120", "seed-001: update-1120 → update-1122"] == \
            sorted(parts)
        assert parts["seed-001: original → update-1120"].is_displayed()
        assert not parts["seed-001: update-1120 → update-1122"].is_displayed()
        desk.execute_script("location.hash = '#as-of=2023-11-23T00:00+09:00'")
        assert parts["seed-001: update-1120 → update-1122"].is_displayed()


class TestFilters:
    def test_status_filter(self, desk: Any, shipped_page: Path) -> None:
        """Filtering by a status shows exactly the claims with it at the moment shown."""
        desk.get(shipped_page.as_uri())
        Select(desk.find_element(By.ID, "filter-status")).select_by_value("refuted")
        shown = {a.get_attribute("data-claim") for a in
                 desk.find_elements(By.CSS_SELECTOR, "article.card") if a.is_displayed()}
        expected = {c for c, s in _library("2023-11-23T00:00+09:00").items() if s == "refuted"}
        assert expected == shown
        assert f"{len(expected)} of 91 claims shown" == desk.find_element(
            By.ID, "filter-count").text

    def test_stakeholder_source_and_search(self, desk: Any, shipped_page: Path) -> None:
        """Stakeholder, source and text narrow the cards together."""
        desk.get(shipped_page.as_uri())
        casebook = factcheck.load(ROOT)
        Select(desk.find_element(By.ID, "filter-stakeholder")).select_by_value("satya-nadella")
        shown = {a.get_attribute("data-claim") for a in
                 desk.find_elements(By.CSS_SELECTOR, "article.card") if a.is_displayed()}
        assert {c.id for c in casebook.claims
                if "satya-nadella" in (*c.subjects, c.claimant)} == shown
        Select(desk.find_element(By.ID, "filter-stakeholder")).select_by_value("")
        Select(desk.find_element(By.ID, "filter-source")).select_by_value("nadella-x-1119")
        search = desk.find_element(By.ID, "filter-text")
        search.send_keys("brockman")
        shown = {a.get_attribute("data-claim") for a in
                 desk.find_elements(By.CSS_SELECTOR, "article.card") if a.is_displayed()}
        assert "altman-joins-microsoft" in shown
        for claim in shown:
            card = desk.find_element(By.CSS_SELECTOR, f'article[data-claim="{claim}"]')
            assert "brockman" in card.get_attribute("textContent").lower()

    def test_search_finds_a_quote(self, desk: Any, shipped_page: Path) -> None:
        """The search reads quotes too: Korean words find the claims their excerpts bear on."""
        desk.get(shipped_page.as_uri())
        desk.find_element(By.ID, "filter-text").send_keys("이사회는 요구를")
        shown = [a.get_attribute("data-claim") for a in
                 desk.find_elements(By.CSS_SELECTOR, "article.card") if a.is_displayed()]
        assert "board-accepts-demands" in shown


class TestEverywhere:
    def test_nothing_overflows_at_400px(self, shipped_page: Path) -> None:
        """On a 400 px wide screen, the page never scrolls sideways: only the picture scrolls,
        within its own frame."""
        phone = browser(400, 900)
        try:
            phone.get(shipped_page.as_uri())
            width = phone.execute_script("return document.documentElement.clientWidth")
            assert width <= 400
            assert width >= phone.execute_script(
                "return document.documentElement.scrollWidth"), "the page scrolls sideways"
            wide = phone.execute_script(
                "var w = document.documentElement.clientWidth, out = [];"
                "document.querySelectorAll('body *').forEach(function (el) {"
                "  if (el.closest('.picture-wrap') || el.closest('[hidden]')) { return; }"
                "  var r = el.getBoundingClientRect();"
                "  if (r.width && r.right > w + 1) { out.push(el.tagName + '.' + el.className); }"
                "}); return out.slice(0, 5);")
            assert [] == wide
        finally:
            phone.quit()

    def test_without_scripts_the_static_report(self, shipped_page: Path) -> None:
        """With scripts off, the page is the static report: no controls, the as-of's statuses."""
        plain = browser(1400, 1000, scripts=False)
        try:
            plain.get(f"{shipped_page.as_uri()}#as-of=2023-11-20T12:00+09:00")
            assert not plain.find_element(By.ID, "as-of-controls").is_displayed()
            assert _library("2023-11-23T00:00+09:00") == _statuses(plain)
        finally:
            plain.quit()


class TestHostile:
    def test_no_script_runs_from_the_casebook(self, hostile: factcheck.Casebook,
                                              tmp_path: Path) -> None:
        """With the slider, the filters and the search in play, nothing from the hostile casebook
        runs: no alert, no foreign element, and the page's own script still works."""
        page = tmp_path / "hostile.html"
        page.write_text(factcheck.render_report(hostile, "2023-11-22", fmt="html"),
                        encoding="utf-8")
        driver = browser(1400, 1000)
        try:
            driver.get(f"{page.as_uri()}#as-of=2023-11-20T12:30Z")
            driver.find_element(By.ID, "as-of-slider").send_keys("\ue011")
            for _ in range(5):
                driver.find_element(By.ID, "as-of-next").click()
            driver.find_element(By.ID, "filter-text").send_keys("<script>alert(1)</script>")
            Select(driver.find_element(By.ID, "filter-stakeholder")).select_by_index(1)
            for element in driver.find_elements(By.CSS_SELECTOR, "a, text.label, blockquote"):
                driver.execute_script(
                    "arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))",
                    element)
            try:
                alert = driver.switch_to.alert
                pytest.fail(f"an alert ran: {alert.text}")
            except NoAlertPresentException:
                pass
            assert [] == driver.execute_script("return window.__alerts")
            counts = driver.execute_script(
                "return ['script', 'img', 'iframe', 'marquee', 'style', 'textarea', 'blink']"
                ".map(function (t) { return document.getElementsByTagName(t).length; })")
            assert [2, 0, 0, 0, 1, 0, 0] == counts
            assert driver.execute_script("return document.documentElement.classList"
                                         ".contains('live')")
        finally:
            driver.quit()


def screenshots(folder: Path) -> list[Path]:  # pragma: no cover - run by hand for the docs
    """The shipped report at 1400 px and 400 px wide, as PNG files in ``folder``."""
    page = folder / "report-for-screenshots.html"
    page.write_text(factcheck.render_report(factcheck.load(ROOT), "2023-11-22", tz="Asia/Seoul",
                                            fmt="html"), encoding="utf-8")
    shots = []
    moment = pendulum.parse("2023-11-21T09:00+09:00")
    for width, height, part in ((1400, 2400, ""), (1400, 1600, "storyline-1"),
                                (400, 2400, ""), (400, 1600, "storyline-1")):
        driver = browser(width, height)
        try:
            driver.get(f"{page.as_uri()}#as-of={moment.isoformat()[:16]}+09:00")
            if part:
                driver.execute_script(f"document.getElementById('{part}').scrollIntoView()")
            shot = folder / f"report-{width}px{'-' + part if part else ''}.png"
            driver.save_screenshot(str(shot))
            shots.append(shot)
        finally:
            driver.quit()
    page.unlink()
    return shots


if __name__ == "__main__":  # pragma: no cover
    for path in screenshots(ROOT / "docs"):
        print(path)
