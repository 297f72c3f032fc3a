"""The phone page in real browsers: headless Chromium at a phone's size (390x844, touch), and
WebKit (the engine of Safari, through Debian's ``webkit2gtk-driver`` and its MiniBrowser, on an
Xvfb screen the test starts), each as a phone that scanned the QR code. It sees the practice, taps a level, the app's count goes up and
the page says the vote is in; it reconnects by itself after the server restarts and still shows its
vote; after the reveal it says so; a named round asks for a name and says names are kept; the
short address's page takes the room code. The page's strict Content-Security-Policy must not block
anything it needs (the browser's log is checked).

Needs Debian's ``chromium`` and ``chromium-driver``, and ``webkit2gtk-driver`` and ``xvfb``
(``.ci/run`` installs them): skipped without them on a developer's machine, failed under CI.
WebKit's driver keeps no console log, so the check that the CSP blocks nothing runs in Chromium. ``PHONE_SCREENSHOT=docs/phone-vote.png`` saves the
page after the vote (``./dev screenshot`` does).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest

from maturity_workshop.voting.events import VotesCounted

from ..packaging.tools import required
from .helpers import WAIT, a_round

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
XVFB = "/usr/bin/Xvfb"
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["chromium", "webkit"])
def browser(request, tmp_path):
    if request.param == "webkit":
        yield from _webkit(tmp_path)
    else:
        yield from _chromium()


def _webkit(tmp_path):
    if not all(os.access(path, os.X_OK) for path in (WEBKIT_DRIVER, MINIBROWSER, XVFB)):
        required("WebKit's driver", "Debian and Ubuntu: apt-get install webkit2gtk-driver xvfb; .ci/run installs them")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    with xvfb_display(tmp_path) as display:
        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        service = Service(WEBKIT_DRIVER, env={**os.environ, "DISPLAY": display})
        driver = webdriver.WebKitGTK(options=options, service=service)
        try:
            driver.set_window_size(390, 844)
            driver.set_page_load_timeout(WAIT * 4)
            driver.engine = "webkit"
            yield driver
        finally:
            driver.quit()


@contextlib.contextmanager
def xvfb_display(tmp_path):
    """A virtual screen of its own, on a display number Xvfb picks (``-displayfd``); stopped after."""
    read, write = os.pipe()
    process = subprocess.Popen(
        [XVFB, "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1280x1024x24"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path,
    )
    os.close(write)
    try:
        with os.fdopen(read) as answer:
            number = answer.readline().strip()
        if not number.isdigit():
            pytest.fail("Xvfb did not start: it gave no display number")
        yield f":{number}"
    finally:
        process.terminate()
        process.wait(timeout=WAIT)


def _chromium():
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        required("headless Chromium", "Debian and Ubuntu: apt-get install chromium chromium-driver; .ci/run installs them")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ["--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-extensions", "--window-size=390,844"]:  # fmt: skip
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium's sandbox refuses to run as root
    options.add_experimental_option(
        "mobileEmulation",
        {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2, "touch": True},
         "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Chrome/126.0 Mobile Safari/537.36"},
    )  # fmt: skip
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT * 4)
    driver.engine = "chromium"
    yield driver
    driver.quit()


def wait_until(driver, condition, timeout: float = WAIT * 2):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: condition(d))


def text_of(driver, element_id: str) -> str:
    element = driver.find_element("id", element_id)
    return element.text if element.is_displayed() else ""


def level_button(driver, level: int):
    return driver.find_element("css selector", f'button.level[data-level="{level}"]')


def console_errors(driver) -> list[str]:
    if driver.engine == "webkit":
        return []  # WebKit's driver keeps no console log: Chromium's run checks it
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]


def test_a_phone_votes_sees_its_vote_after_a_restart_and_sees_the_reveal(browser, server, room, recorder, model):
    voting = room.open()
    server.open_round(voting)
    browser.get(server.url)
    wait_until(browser, lambda d: text_of(d, "practice") == "Testing")
    buttons = browser.find_elements("css selector", "button.level")
    assert [b.find_element("css selector", ".text").text for b in buttons] == [
        model.cell("testing", level.value).text for level in model.levels
    ]
    assert all(b.rect["height"] >= 48 and b.rect["width"] >= 300 for b in buttons)  # big tap targets
    assert text_of(browser, "anonymous") == "Anonymous: no name is kept."

    with room.held():  # the store cannot commit the vote yet: the page must not say it is in
        level_button(browser, 1).click()
        wait_until(browser, lambda d: text_of(d, "status") == "Sending your vote…")
        assert "sending" in level_button(browser, 1).get_attribute("class")
        assert level_button(browser, 1).get_attribute("aria-pressed") == "false"
        assert room.votes == {}
    wait_until(browser, lambda d: text_of(d, "status").startswith("Your vote is in: 1 Consistent."))
    assert recorder.wait_for(VotesCounted) == VotesCounted(voting.id, 1)
    chosen = level_button(browser, 1)
    assert chosen.get_attribute("aria-pressed") == "true" and "chosen" in chosen.get_attribute("class")
    assert chosen.find_element("css selector", ".mark").text == "✓"  # a check, not a colour alone
    assert list(room.votes.values()) == [1]
    saved = os.environ.get("PHONE_SCREENSHOT")
    if saved and browser.engine == "chromium":
        (REPO_ROOT / saved).write_bytes(browser.get_screenshot_as_png())

    server.stop().result(WAIT)
    wait_until(browser, lambda d: text_of(d, "link") == "Reconnecting…")
    server.start()
    server.open_round(voting)
    wait_until(browser, lambda d: text_of(d, "link") == "Connected", timeout=WAIT * 4)
    wait_until(browser, lambda d: text_of(d, "status").startswith("Your vote is in: 1 Consistent."))

    level_button(browser, 3).click()
    wait_until(browser, lambda d: text_of(d, "status").startswith("Your vote is in: 3 Optimising."))
    assert list(room.votes.values()) == [3]  # changed, still one phone
    server.reveal(room.reveal(voting.id))
    wait_until(browser, lambda d: text_of(d, "revealed").startswith("Revealed: the room's votes are on the board"))
    assert "This phone voted 3 Optimising." in text_of(browser, "revealed")
    assert "1 vote · median 3 · spread 0: agreed" in text_of(browser, "revealed")

    server.close_round()
    wait_until(browser, lambda d: text_of(d, "waiting").startswith("Waiting for the next round"))
    named = room.open("data-management", named=True)
    server.open_round(named)
    wait_until(browser, lambda d: text_of(d, "practice") == "Data management")
    assert text_of(browser, "named").startswith("Named vote: names are kept.")
    level_button(browser, 0).click()
    wait_until(browser, lambda d: text_of(d, "status") == "Type your name first: names are kept in this round.")
    browser.find_element("id", "name").send_keys("Ada")
    level_button(browser, 0).click()
    wait_until(browser, lambda d: text_of(d, "status").startswith("Your vote is in: 0 Repeatable."))
    assert room.votes[(named.id, "Ada")] == 0
    tokens = [browser.execute_script(f"return sessionStorage.getItem('mw.phone.{n}')") for n in (1, 2)]
    assert all(tokens) and tokens[0] != tokens[1]  # a fresh token each round: rounds cannot be linked
    assert console_errors(browser) == []


def test_the_short_address_takes_the_room_code(browser, server):
    server.open_round(a_round(1))
    browser.get(server.short_url)
    field = browser.find_element("id", "code")
    field.send_keys("12345")
    browser.find_element("id", "join").click()
    wait_until(browser, lambda d: text_of(d, "answer") == "The room code is the 6 digits on the board.")
    field.clear()
    field.send_keys("000000" if server.room_code != "000000" else "111111")
    browser.find_element("id", "join").click()
    wait_until(browser, lambda d: text_of(d, "answer").startswith("That is not the room code."))
    field.clear()
    field.send_keys(server.room_code)
    browser.find_element("id", "join").click()
    wait_until(browser, lambda d: d.current_url == server.url)
    wait_until(browser, lambda d: text_of(d, "practice") == "Testing")
    errors = [e for e in console_errors(browser) if "/join?code=" not in e]  # the wrong code's 403
    assert errors == []


def test_the_browser_check_fails_under_ci_when_chromium_is_missing(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run this check"):
        required("headless Chromium", "apt-get install chromium chromium-driver")
