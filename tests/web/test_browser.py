"""The page in a real browser: Debian's Chromium, headless, driven by Selenium through Debian's
chromedriver (no browser is downloaded). Sign in, upload a broken list and read the problem
table, upload a good one and see the draft's preview, and — with the award flow — issue it and
download the ZIP. Each page is saved as a screenshot (`VANBAN_SCREENSHOTS=folder` keeps them) so a
person can look at what the clerk sees."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import pytest
from support.award_docs import individual, write_list
from support.paths import ROOT
from support.web import PASSWORD

DATA = ROOT / "tests" / "data" / "award"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make test-deps)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(web):
    """The page served by uvicorn on a loopback port for the test's duration."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(web.app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _keep(path: Path) -> None:
    folder = os.environ.get("VANBAN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(folder) / path.name)


def test_the_sign_in_page_renders_in_chromium(server, tmp_path):
    shot = tmp_path / "01-dang-nhap.png"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={shot}",
            "--window-size=1100,700",
            f"{server}/dang-nhap",
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    from PIL import Image

    with Image.open(shot) as img:
        assert img.size == (1100, 700)
        colours = img.convert("RGB").getcolors(maxcolors=1 << 20) or []
        assert len(colours) > 50  # text was drawn, not a blank page
        assert img.convert("RGB").getpixel((5, 5)) == (0x7A, 0x10, 0x10)  # the header bar
    _keep(shot)


@pytest.fixture
def browser(tmp_path):
    if DRIVER is None:
        pytest.skip("Debian's chromium-driver is not installed (make test-deps)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1000", "--lang=vi"):
        options.add_argument(arg)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads)})
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.downloads = downloads
    yield driver
    driver.quit()


def _shot(driver, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(1200, max(700, min(int(height) + 40, 3000)))
    driver.save_screenshot(str(path))
    _keep(path)


def _submit(driver, selector: str = "main button[type=submit]") -> None:
    """Click a form's button and wait until the next page has replaced this one."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, selector).click()
    WebDriverWait(driver, 120).until(expected_conditions.staleness_of(old))
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _sign_in(driver, base: str, username: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(f"{base}/dang-nhap")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    _submit(driver)


def test_upload_a_broken_list_then_a_good_one_in_the_browser(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    _sign_in(browser, server, "soanthao")
    assert "Nguyễn Thị Soạn" in browser.find_element(By.TAG_NAME, "header").text
    browser.get(f"{server}/moi/award")
    _shot(browser, tmp_path, "02-khen-thuong-moi")
    bad = write_list(
        tmp_path / "bad",
        [],
        [individual("Nguyễn Văn An", "Nam", amount="bảy trăm nghìn"), individual("   ", "Nữ", "Kế toán")],
        name="danh-sach-loi.xlsx",
    )
    browser.find_element(By.NAME, "list").send_keys(str(bad))
    browser.find_element(By.NAME, "session").send_keys(str(tmp_path / "bad" / "session.yaml"))
    _submit(browser)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.problems tbody tr")
    cells = [[td.text for td in row.find_elements(By.TAG_NAME, "td")] for row in rows]
    assert [(c[0], c[1], c[2], c[3]) for c in cells] == [
        ("danh-sach-loi.xlsx", "Cá nhân", "2", "H"),
        ("danh-sach-loi.xlsx", "Cá nhân", "3", "B"),
    ]
    _shot(browser, tmp_path, "03-loi-danh-sach")

    browser.get(f"{server}/moi/award")
    browser.find_element(By.NAME, "list").send_keys(str(DATA / "small.yaml"))
    browser.find_element(By.NAME, "session").send_keys(str(DATA / "session.yaml"))
    _submit(browser)
    assert "/du-thao/" in browser.current_url, browser.find_element(By.TAG_NAME, "main").text
    images = browser.find_elements(By.CSS_SELECTOR, ".previews img")
    assert len(images) == 2
    for img in images:  # the preview pictures really loaded
        assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img) > 300
    _shot(browser, tmp_path, "04-du-thao")


def test_a_draft_waiting_for_a_machine_opens_by_itself_when_its_run_is_done(server, browser, web, tmp_path):
    """Drafting through a run elsewhere (`--runs prefect`; here a stand-in for the deployment that
    waits for a machine): the waiting page shows the run's state and link, polls, and opens the
    draft by itself once the run has made it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from vanban import drafts
    from vanban.web.jobs import RunSeen

    url = "http://127.0.0.1:4200/runs/flow-run/d4af-run"
    machine = threading.Event()

    def deployment(kind, request, report):
        report.run(RunSeen(state="Scheduled", run_id="d4af-run", url=url, waiting_long=True))
        assert machine.wait(60)
        report.run(RunSeen(state="Running", run_id="d4af-run", url=url))
        drafts.draft(kind.id, request)

    web.app.state.drafting.runner = deployment
    web.app.state.drafting.wait_s = 0.3
    try:
        _sign_in(browser, server, "soanthao")
        browser.get(f"{server}/moi/award")
        browser.find_element(By.NAME, "list").send_keys(str(DATA / "small.yaml"))
        browser.find_element(By.NAME, "session").send_keys(str(DATA / "session.yaml"))
        _submit(browser)
        assert "/soan/" in browser.current_url
        main = browser.find_element(By.TAG_NAME, "main").text
        assert "Đang soạn dự thảo" in main and "Chưa có máy nào chạy lượt này (Scheduled)" in main, main
        assert browser.find_element(By.LINK_TEXT, "xem trong Prefect").get_attribute("href") == url
        _shot(browser, tmp_path, "04a-dang-soan-du-thao")
    finally:
        machine.set()
    WebDriverWait(browser, 60, poll_frequency=0.5).until(lambda d: "/du-thao/" in d.current_url)
    WebDriverWait(browser, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".previews img")) == 2)
    assert "Lượt soạn" in browser.find_element(By.TAG_NAME, "main").text


@pytest.mark.slow
def test_the_clerk_issues_and_downloads_the_zip_in_the_browser(server, browser, web, prefect_harness, tmp_path):
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from vanban.web.cli import flow_runner

    web.app.state.jobs.runner = flow_runner
    _sign_in(browser, server, "vanthu")
    browser.get(f"{server}/moi/award")
    browser.find_element(By.NAME, "list").send_keys(str(DATA / "small.yaml"))
    browser.find_element(By.NAME, "session").send_keys(str(DATA / "session.yaml"))
    _submit(browser)
    date = browser.find_element(By.NAME, "date")
    browser.execute_script("arguments[0].value = '2026-01-09'", date)
    _submit(browser, "form[action$='/ban-hanh'] button")
    # The waiting page reloads itself: the text is read in one script call (never an element
    # found before a reload and read after it), and a read cut by a reload is tried again
    # (stale element, or the inspector's "node does not belong to the document").
    read_main = "const m = document.querySelector('main'); return m ? m.innerText : '';"
    WebDriverWait(browser, 600, poll_frequency=1, ignored_exceptions=[WebDriverException]).until(
        lambda d: any(words in d.execute_script(read_main) for words in ("Tệp đã ban hành", "Chưa ban hành được"))
    )
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Tệp đã ban hành" in main and "15/QĐ-LĐLĐ" in main, main
    _shot(browser, tmp_path, "05-da-ban-hanh")
    browser.find_element(By.LINK_TEXT, "15-QD-LDLD.zip").click()
    target = browser.downloads / "15-QD-LDLD.zip"
    deadline = time.monotonic() + 60
    while not target.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    with zipfile.ZipFile(target) as zf:
        assert "15-QD-LDLD/manifest.json" in zf.namelist()
    browser.get(f"{server}/so-dang-ky?year=2026")
    assert "15/QĐ-LĐLĐ" in browser.find_element(By.TAG_NAME, "main").text
    _shot(browser, tmp_path, "06-so-dang-ky")
