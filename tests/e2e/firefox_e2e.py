#!/usr/bin/env python3
"""End-to-end test of the Readmark add-on in headless Firefox (firefox-esr, geckodriver, Selenium 4).

    .venv/bin/python tests/e2e/firefox_e2e.py        exits non-zero on the first failed check

The add-on (a copy of extension/, or of $READMARK_EXTENSION, whose manifest adds the
127.0.0.1 host permission: no toolbar click grants activeTab in automation) is installed
temporarily with a fixed internal UUID, so its pages have a known moz-extension:// address.
Pages come from tests/e2e/server.py on 127.0.0.1; every other host goes to a dead proxy.
Checks: the popup on the Panorama page extracts the article (rendered preview first, the
Markdown behind a toggle); Save puts the record in the library (storage.local and the library
page: 14 paragraphs, no boilerplate), keyed by the page's own URL since its canonical URL is on
another host; Download writes the .md file, the same file as the library's download. Then the
issue 11 and 12 safeguards: a forged canonical URL, a selection over a saved article (clip,
update with the whole page, undo), a thin result, damaged and newer-schema records, undo of a
delete, keys inside the reader, images only after "Load images", a 17 MB article; the options
page (issue 11 item 1: a renamed field, a file-name template, a Downloads sub-folder, the
toolbar button set to download or save, reset). Prints each check and the click-to-Markdown
timings. READMARK_FF_ONLY=options runs the options checks alone, READMARK_FF_ONLY=transfer
the library's tags, filters, export and import alone.
"""
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.firefox.options import Options
from selenium.webdriver.firefox.service import Service
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = Path(os.environ.get("READMARK_EXTENSION", ROOT / "extension")).resolve()
FIREFOX = os.environ.get("FIREFOX_BIN", "/usr/bin/firefox-esr")
GECKODRIVER = os.environ.get("GECKODRIVER") or shutil.which("geckodriver") or str(Path.home() / ".cargo/bin/geckodriver")
ADDON_UUID = "5f0e3b1c-8d4a-4e8e-9a57-2c1f6d0e7b42"
PANORAMA_DIR = ROOT / "tests/fixtures/panorama"
TIMEOUT = 20
# The 17 MB article takes a while to capture, extract and store (finding 5 of issue 12).
HUGE_TIMEOUT = 240
# Buttons fade between colours in 120 ms (ui.css): colours are measured once that is over.
SETTLE_S = 0.3
# The WCAG contrast ratio of an element's text on its first opaque background, in the page.
CONTRAST_JS = """
const element = document.querySelector(arguments[0]);
const rgb = (value) => value.match(/[\\d.]+/g).map(Number);
const luminance = ([r, g, b]) => {
  const channel = (c) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};
let node = element, background = null;
while (node && !background) {
  const value = rgb(getComputedStyle(node).backgroundColor);
  if (value.length < 4 || value[3] > 0) background = value;
  node = node.parentElement;
}
const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(background || [255, 255, 255])];
return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
"""

checks = 0


def check(condition, what, detail=""):
    """One named check: prints it, raises on failure."""
    global checks
    checks += 1
    if not condition:
        raise AssertionError(f"{what}{': ' + str(detail) if detail else ''}")
    print(f"  ok {checks:2} {what}", flush=True)


def without_front_matter(document):
    match = re.match(r"---\n.*?\n---\n", document, re.S)
    return (document[match.end():] if match else document).strip()


def front_matter(document):
    match = re.match(r"---\n(.*?)\n---\n", document, re.S)
    if not match:
        return None
    fields = {}
    for line in match.group(1).split("\n"):
        if ":" in line and not line.startswith(" "):
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


class Fixture:
    """The Panorama page and what its article must be."""

    def __init__(self):
        self.metadata = json.loads((PANORAMA_DIR / "expected-metadata.json").read_text())
        lines = (PANORAMA_DIR / "expected.txt").read_text().split("\n")
        self.url = self.metadata["url"]
        self.title = lines[0]
        self.paragraphs = [line for line in lines[1:] if line.strip()]
        self.boilerplate = [s for s in (PANORAMA_DIR / "boilerplate.txt").read_text().split("\n") if s]
        self.markdown = (PANORAMA_DIR / "expected.md").read_text().strip()

    def leaks(self, text):
        return [s for s in self.boilerplate if s in text]


def start_server():
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "tests/e2e/server.py"), "--port", "0"],
        stdout=subprocess.PIPE, text=True,
    )
    line = proc.stdout.readline().strip()
    match = re.fullmatch(r"PORT (\d+)", line)
    if not match:
        proc.terminate()
        raise RuntimeError(f"tests/e2e/server.py printed {line!r}")
    return proc, f"http://127.0.0.1:{match.group(1)}"


def prepare_extension(target):
    for needed in ("manifest.json", "capture.js", "pkg/readmark.js", "pkg/readmark_bg.wasm"):
        if not (EXTENSION / needed).exists():
            raise RuntimeError(f"{EXTENSION / needed} is missing (build the WASM package first)")
    shutil.copytree(EXTENSION, target)
    manifest_path = target / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    hosts = manifest.get("host_permissions", [])
    if "http://127.0.0.1/*" not in hosts:
        manifest["host_permissions"] = hosts + ["http://127.0.0.1/*"]
    manifest_path.write_text(json.dumps(manifest, indent=2))
    return manifest["browser_specific_settings"]["gecko"]["id"]


def firefox_options(gecko_id, downloads):
    options = Options()
    options.binary_location = FIREFOX
    options.add_argument("-headless")
    prefs = {
        # The add-on's moz-extension:// host is fixed.
        "extensions.webextensions.uuids": json.dumps({gecko_id: ADDON_UUID}),
        # Downloads go to our folder without a dialog.
        "browser.download.folderList": 2,
        "browser.download.dir": str(downloads),
        "browser.download.useDownloadDir": True,
        "browser.download.always_ask_before_handling_new_types": False,
        "browser.download.manager.showWhenStarting": False,
        "browser.download.alwaysOpenPanel": False,
        "browser.download.open_pdf_attachments_inline": False,
        "browser.helperApps.neverAsk.saveToDisk": "text/markdown",
        # Firefox keeps a prompt's accept button disabled until its window has had focus for this
        # long; a headless window never gets focus, so "Upload" (folder import) never enabled.
        "security.dialog_enable_delay": 0,
        # No request leaves the machine: every proxied host goes to a dead port; 127.0.0.1 is never proxied.
        "network.proxy.type": 1,
        "network.proxy.http": "127.0.0.1",
        "network.proxy.http_port": 9,
        "network.proxy.ssl": "127.0.0.1",
        "network.proxy.ssl_port": 9,
        "network.proxy.no_proxies_on": "127.0.0.1",
        "network.proxy.allow_hijacking_localhost": False,
        "network.dns.disablePrefetch": True,
        "network.prefetch-next": False,
        "network.captive-portal-service.enabled": False,
        "network.connectivity-service.enabled": False,
        "app.update.enabled": False,
        "app.update.auto": False,
        "services.settings.server": "http://127.0.0.1:9/",
        "browser.safebrowsing.malware.enabled": False,
        "browser.safebrowsing.phishing.enabled": False,
        "browser.safebrowsing.downloads.enabled": False,
        "browser.safebrowsing.downloads.remote.enabled": False,
        "browser.safebrowsing.blockedURIs.enabled": False,
        "extensions.getAddons.cache.enabled": False,
        "extensions.update.enabled": False,
        "extensions.systemAddon.update.enabled": False,
        "datareporting.policy.dataSubmissionEnabled": False,
        "datareporting.healthreport.uploadEnabled": False,
        "toolkit.telemetry.enabled": False,
        "toolkit.telemetry.unified": False,
        "browser.ping-centre.telemetry": False,
        "browser.newtabpage.activity-stream.feeds.telemetry": False,
        "browser.newtabpage.activity-stream.telemetry": False,
        "browser.newtabpage.enabled": False,
        "browser.startup.page": 0,
        "browser.aboutHomeSnippets.updateUrl": "",
        "geo.provider.network.url": "",
        "media.gmp-manager.url": "",
        "identity.fxaccounts.enabled": False,
    }
    for key, value in prefs.items():
        options.set_preference(key, value)
    return options


class Firefox:
    """The driver plus the few moves these tests need."""

    def __init__(self, driver):
        self.driver = driver
        self.base = f"moz-extension://{ADDON_UUID}/"

    def open_extension_page(self, path):
        """Opens an add-on page in a new tab (WebDriver refuses to navigate there: chrome context does it)."""
        driver = self.driver
        before = set(driver.window_handles)
        with driver.context(driver.CONTEXT_CHROME):
            driver.execute_script(
                "const tab = gBrowser.addTab(arguments[0], {"
                "  triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });"
                "gBrowser.selectedTab = tab;",
                self.base + path,
            )
        handle = WebDriverWait(driver, TIMEOUT).until(lambda d: (set(d.window_handles) - before) or None).pop()
        driver.switch_to.window(handle)
        WebDriverWait(driver, TIMEOUT).until(lambda d: d.current_url.startswith(self.base))
        return handle

    def open_page(self, url):
        """Opens a web page in a new tab; returns its window handle."""
        self.driver.switch_to.new_window("tab")
        self.driver.get(url)
        return self.driver.current_window_handle

    def extension_call(self, source, *args):
        """Runs `source` (an async function body; `browser` is the WebExtension API) in the current add-on page."""
        script = (
            "const done = arguments[arguments.length - 1];"
            "const browser = window.wrappedJSObject?.browser ?? window.browser;"
            f"(async (browser, args) => {{ {source} }})(browser, Array.from(arguments).slice(0, -1))"
            "  .then((value) => done({ ok: true, value: JSON.stringify(value) }),"
            "        (error) => done({ ok: false, error: String(error) }));"
        )
        result = self.driver.execute_async_script(script, *args)
        if not result["ok"]:
            raise RuntimeError(result["error"])
        return json.loads(result["value"]) if result["value"] is not None else None

    def state(self):
        return self.driver.find_element(By.TAG_NAME, "body").get_attribute("data-state")

    def wait_state(self, states=("ready", "error")):
        WebDriverWait(self.driver, TIMEOUT, poll_frequency=0.02).until(lambda d: self.state() in states)
        return self.state()

    def text(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector).get_attribute("textContent")

    def visible(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector).is_displayed()

    def records(self):
        """The library records in storage.local, by id."""
        items = self.extension_call("return await browser.storage.local.get(null);")
        return {key[len("article:"):]: value for key, value in items.items() if key.startswith("article:")}

    def message(self, type_, payload):
        """The background's raw reply to `{ type, payload }`, sent from the current add-on page."""
        return self.extension_call("return await browser.runtime.sendMessage({ type: args[0], payload: args[1] });", type_, payload)

    def tab_id(self, url):
        """The add-on's id for the tab showing `url` (from the current add-on page)."""
        tabs = self.extension_call("return (await browser.tabs.query({})).map((t) => ({ id: t.id, url: t.url }));")
        return [t["id"] for t in tabs if t.get("url") == url][-1]

    def popup(self, tab_id):
        """Opens the popup for `tab_id` in a new tab and waits for it to settle; returns its state."""
        self.open_extension_page(f"popup.html?tab={tab_id}")
        return self.wait_state()

    def wait_text(self, selector, pattern, timeout=TIMEOUT):
        WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(lambda d: re.search(pattern, self.text(selector)))
        return self.text(selector)

    def contrast(self, selector):
        time.sleep(SETTLE_S)
        return self.driver.execute_script(CONTRAST_JS, selector)

    def open_in_library(self, article_id):
        """In the current library page, opens `article_id` through the address (#id=…)."""
        self.driver.execute_script("location.hash = '#id=' + encodeURIComponent(arguments[0]);", article_id)

    def select(self, script):
        """Selects, in the current page, the node that `script` (an expression) names."""
        self.driver.execute_script(f"getSelection().selectAllChildren({script});")


def wait_for_download(folder, known=(), timeout=TIMEOUT, suffix=".md"):
    """A finished file (`suffix`) in `folder` not named in `known` (no .part beside it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        names = os.listdir(folder)
        done = [n for n in names if n.endswith(suffix) and n not in known]
        if done and not any(n.endswith(".part") for n in names):
            path = folder / done[0]
            if path.stat().st_size > 0:
                return path
        time.sleep(0.05)
    raise AssertionError(f"no new {suffix} download in {folder} after {timeout} s: {os.listdir(folder)}")


def run(ff, origin, fixture, downloads):
    driver = ff.driver

    print("Panorama page, popup", flush=True)
    page_url = f"{origin}/tests/fixtures/panorama/source.html"
    page_handle = ff.open_page(page_url)

    # The tab id, as the add-on sees it: from an add-on page (tabs.query with a port in the
    # URL pattern matches nothing in Firefox: filter the list here).
    ff.open_extension_page("library.html")
    tabs = ff.extension_call("return (await browser.tabs.query({})).map((t) => ({ id: t.id, url: t.url }));")
    matching = [t["id"] for t in tabs if t.get("url") == page_url]
    check(len(matching) == 1, "the add-on sees the Panorama tab", tabs)
    driver.switch_to.window(page_handle)
    outside = driver.execute_async_script(
        "const done = arguments[0];"
        "fetch('http://www.panorama.am/', { mode: 'no-cors', cache: 'no-store' }).then(() => done('reached'), (e) => done(e.name));")
    check(outside == "TypeError", "a request to another host fails (the dead proxy takes every host but 127.0.0.1)", outside)
    driver.switch_to.window(driver.window_handles[-1])
    tab_id = matching[0]
    library_handle = driver.current_window_handle

    started = time.perf_counter()
    ff.open_extension_page(f"popup.html?tab={tab_id}")
    state = ff.wait_state()
    popup_ms = (time.perf_counter() - started) * 1000
    check(state == "ready", "popup reaches body[data-state=ready]", ff.text("#status"))
    check(ff.text("#title") == fixture.title, "popup #title is the article title", ff.text("#title"))
    check(re.fullmatch(r"\d[\d,.\s]* words", ff.text("#words")) is not None, "popup #words", ff.text("#words"))
    check(re.fullmatch(r"\d+ min read", ff.text("#reading-time")) is not None, "popup #reading-time", ff.text("#reading-time"))
    preview = ff.text("#preview")
    check(without_front_matter(preview) == fixture.markdown, "popup #preview is the expected Markdown")
    check(not ff.visible("#saved-note"), "not saved yet")
    check(ff.visible("#preview-frame") and not ff.visible("#preview"), "the rendered preview shows first, the YAML behind the toggle")
    driver.switch_to.frame(driver.find_element(By.ID, "preview-frame"))
    shown = driver.find_element(By.TAG_NAME, "main").text
    driver.switch_to.default_content()
    check(fixture.paragraphs[0][:60] in shown, "the preview starts with the first paragraph", shown[:120])
    driver.find_element(By.ID, "toggle-markdown").click()
    check(ff.visible("#preview") and not ff.visible("#preview-frame"), "the toggle shows the Markdown file")
    driver.find_element(By.ID, "toggle-markdown").click()

    print("Save", flush=True)
    driver.find_element(By.ID, "save").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.visible("#saved-note"))
    check("Saved to your library" in ff.text("#saved-note"), "#saved-note says saved", ff.text("#saved-note"))
    ratio = ff.contrast("#save")
    check(ff.text("#save .label") == "Saved" and ratio >= 4.5, "“Saved” readable with the pointer on it (contrast ≥ 4.5)", ratio)
    records = ff.records()
    record = records.get(page_url)
    check(record is not None, f"record article:{page_url} in storage.local (the page's own URL)")
    check(fixture.url not in records, "not keyed by the canonical URL on another host")
    lines = [line for line in record["text"].split("\n") if line.strip()]
    check(lines == fixture.paragraphs and len(lines) == 14, "the record has exactly the 14 paragraphs, in order", len(lines))
    check(record["title"] == fixture.title, "record title")
    for field in ("text", "markdown", "title", "excerpt"):
        check(not fixture.leaks(record.get(field) or ""), f"no boilerplate in record.{field}", fixture.leaks(record.get(field) or ""))

    print("Download", flush=True)
    driver.find_element(By.ID, "download").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: re.search(r"Downloading “.+\.md”", ff.text("#status")))
    filename = re.search(r"“(.+)”", ff.text("#status")).group(1)
    path = wait_for_download(downloads)
    check(path.name == filename, "the file has the announced name", f"{path.name} vs {filename}")
    check(path.name.endswith(".md"), "the file name ends with .md", path.name)
    content = path.read_text(encoding="utf-8")
    check(content == ff.text("#preview"), "the file is the document the popup shows (its saved time is the record's)")
    check(without_front_matter(content) == fixture.markdown, "the file's body is the expected Markdown")
    check(len(re.split(r"\n\n+", without_front_matter(content))) == 15, "the title and 14 paragraphs")
    check(not fixture.leaks(content), "no boilerplate in the file", fixture.leaks(content))
    fields = front_matter(content) or {}
    check(fields.get("url", "").strip('"') == page_url, "front matter has the page URL", fields)
    check(fields.get("type") == '"article"', "front matter has the page type", fields)
    check(re.search(r"\d{4}-\d\d-\d\dT", fields.get("saved", "")), "front matter has the saved time", fields)
    popup_file = content

    print("Already saved, library page", flush=True)
    driver.close()  # the popup tab
    ff.open_extension_page(f"popup.html?tab={tab_id}")
    ff.wait_state()
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.visible("#saved-note"))
    check("Already saved" in ff.text("#saved-note"), "a second popup says already saved", ff.text("#saved-note"))
    check(ff.text("#save .label") == "Update in library" and ff.visible("#save-clip"), "Update / Save as a new clip offered")
    driver.close()

    driver.switch_to.window(library_handle)
    driver.refresh()
    ff.wait_state(("ready",))
    items = driver.find_elements(By.CSS_SELECTOR, "#list > li[data-id]")
    check([li.get_attribute("data-id") for li in items] == [page_url], "the library lists the article", len(items))
    items[0].find_element(By.CSS_SELECTOR, ".entry").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.visible("#reader") and ff.text("#reader-title") == fixture.title)
    frame = driver.find_element(By.ID, "reader-frame")
    driver.switch_to.frame(frame)
    WebDriverWait(driver, TIMEOUT).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "main p")) > 0)
    paragraphs = [p.get_attribute("textContent") for p in driver.find_elements(By.CSS_SELECTOR, "main p")]
    driver.switch_to.default_content()
    check(len(paragraphs) == 14, "the reader shows 14 paragraphs", len(paragraphs))
    check(paragraphs[0].startswith(fixture.paragraphs[0][:60]), "the reader starts with the first paragraph")
    known = set(os.listdir(downloads))
    driver.find_element(By.ID, "reader-download").click()
    library_file = wait_for_download(downloads, known).read_text(encoding="utf-8")
    check(library_file == popup_file, "the library's download is the same file as the popup's")

    print("Strict CSP page (script-src 'self')", flush=True)
    csp_handle = ff.open_page(f"{origin}/tests/fixtures/panorama/source.html?csp=strict")
    check(driver.execute_script("return typeof window.dataLayer") == "undefined", "the page's inline script was blocked by its CSP")
    driver.switch_to.window(library_handle)
    tabs = ff.extension_call("return (await browser.tabs.query({})).map((t) => ({ id: t.id, url: t.url }));")
    csp_tab = [t["id"] for t in tabs if (t.get("url") or "").endswith("?csp=strict")][0]
    reply = ff.extension_call("return await browser.runtime.sendMessage({ type: 'extract', payload: { tabId: args[0] } });", csp_tab)
    check(reply["ok"], "extract answers on the strict-CSP page", reply.get("error"))
    check(without_front_matter(reply["value"]["document"]) == fixture.markdown, "the strict-CSP page gives the same article")
    driver.switch_to.window(csp_handle)
    driver.close()
    driver.switch_to.window(library_handle)

    safeguards(ff, origin, fixture, page_url, page_handle, library_handle)

    print("Timing", flush=True)
    runs = []
    for _ in range(5):
        reply = ff.extension_call("return await browser.runtime.sendMessage({ type: 'extract', payload: { tabId: args[0] } });", tab_id)
        check(reply["ok"], "extract message answered", reply.get("error"))
        runs.append(reply["value"]["timing"])
    first = runs[0]
    med = {k: statistics.median(r[k] for r in runs) for k in ("captureMs", "extractMs", "totalMs")}
    print(f"Firefox click-to-Markdown (Panorama): popup open → body[data-state=ready] {popup_ms:.1f} ms")
    print(f"Firefox extract handler timing, first run: capture {first['captureMs']:.1f} ms, "
          f"extract {first['extractMs']:.1f} ms, total {first['totalMs']:.1f} ms")
    print(f"Firefox extract handler timing, median of {len(runs)}: capture {med['captureMs']:.1f} ms, "
          f"extract {med['extractMs']:.1f} ms, total {med['totalMs']:.1f} ms")
    driver.switch_to.window(page_handle)


def safeguards(ff, origin, fixture, page_url, page_handle, library_handle):
    """The issue 11 and issue 12 checks (the Panorama page is saved under `page_url`)."""
    driver = ff.driver
    full = ff.records()[page_url]

    print("Forged canonical URL (issue 12, finding 2)", flush=True)
    forged_url = f"{origin}/tests/e2e/pages/e2e-forged-canonical.html"
    forged_handle = ff.open_page(forged_url)
    driver.switch_to.window(library_handle)
    victim = dict(full, id=fixture.url, url=fixture.url)
    ff.extension_call("await browser.storage.local.set({ [args[0]]: args[1] });", f"article:{fixture.url}", victim)
    forged_tab = ff.tab_id(forged_url)
    ff.popup(forged_tab)
    check(not ff.visible("#saved-note"), "the forged page is not “already saved”")
    driver.find_element(By.ID, "save").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.visible("#saved-note"))
    records = ff.records()
    check(records[fixture.url]["title"] == fixture.title and records[fixture.url]["text"] == full["text"],
          "the article the page names keeps its title and text")
    check(records.get(forged_url, {}).get("title") == "Forged: the harbour was sold", "the forged page is saved under its own URL")
    ff.extension_call("await browser.storage.local.remove([args[0], 'article:' + args[1]]);", f"article:{fixture.url}", forged_url)
    driver.close()
    driver.switch_to.window(forged_handle)
    driver.close()
    driver.switch_to.window(library_handle)

    print("Selection over a saved article (issue 11)", flush=True)
    driver.switch_to.window(page_handle)
    ff.select("[...document.querySelectorAll('p')].find((p) => p.textContent.length > 200)")
    driver.switch_to.window(library_handle)
    panorama_tab = ff.tab_id(page_url)
    ff.popup(panorama_tab)
    check(ff.visible("#selection-over-saved") and ff.text("#save .label") == "Save the selection as a new clip",
          "the popup asks instead of replacing the saved article", ff.text("#save .label"))
    driver.find_element(By.ID, "save").click()
    ff.wait_text("#saved-note", "new clip")
    records = ff.records()
    check(records[page_url] == full, "the full article is untouched")
    clips = [r for key, r in records.items() if key.startswith(page_url + "#readmark-clip=")]
    check(len(clips) == 1 and clips[0]["fromSelection"] and clips[0]["wordCount"] < full["wordCount"], "the selection is its own clip")
    file_of = lambda id_: ff.message("file", {"id": id_})["value"]["document"]  # noqa: E731
    check("\nselection: true\n---\n" in file_of(clips[0]["id"]) and "\nselection:" not in file_of(page_url),
          "the clip's file ends its front matter with selection: true, the article's has none")
    driver.close()
    driver.switch_to.window(library_handle)
    ff.popup(panorama_tab)
    driver.find_element(By.ID, "update-whole-page").click()
    ff.wait_text("#save .label", "^Updated$")
    updated = ff.records()[page_url]
    check(not updated["fromSelection"] and updated["text"] == full["text"] and updated["updatedAt"] != full["updatedAt"],
          "“Update with the whole page” updates with the whole page")
    driver.find_element(By.ID, "undo").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: not ff.visible("#undo"))
    check(ff.records()[page_url] == full, "Undo restores the previous version exactly")
    ff.extension_call("await browser.storage.local.remove('article:' + args[0]);", clips[0]["id"])
    driver.close()
    driver.switch_to.window(library_handle)

    print("Title edit", flush=True)
    ff.popup(panorama_tab)
    before = ff.records()
    driver.find_element(By.ID, "edit-title").click()
    field = driver.find_element(By.ID, "title-input")
    field.clear()
    field.send_keys("Defenders invite diplomats" + Keys.ENTER)
    ff.wait_text("#preview", "\n# Defenders invite diplomats\n")
    check(ff.text("#title") == "Defenders invite diplomats" and ff.records() == before,
          "an edited title makes the file again (and typing saves nothing)")
    driver.close()
    driver.switch_to.window(library_handle)

    print("Thin result", flush=True)
    images_url = f"{origin}/tests/e2e/pages/e2e-images.html"
    images_handle = ff.open_page(images_url)
    ff.select("document.querySelector('h1')")
    driver.switch_to.window(library_handle)
    images_tab = ff.tab_id(images_url)
    ff.popup(images_tab)
    check(ff.visible("#thin-warning") and re.search(r"only \d+ words?", ff.text("#thin-text")), "a short selection is flagged thin", ff.text("#thin-text"))
    driver.find_element(By.ID, "whole-page").click()
    ff.wait_text("#save .label", "^Saved$")
    record = ff.records()[images_url]
    check(not record["fromSelection"] and record["wordCount"] > 50, "“Save the whole page instead” saved the whole page", record["wordCount"])
    driver.close()
    driver.switch_to.window(images_handle)
    driver.close()

    print("Library: Load images, keys inside the reader, undo of a delete", flush=True)
    driver.switch_to.window(library_handle)
    ff.open_in_library(images_url)
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.text("#reader-title") == "The tide tables of Skerry Point")
    image_state = "const i = document.getElementById('reader-frame').contentDocument.querySelector('main img'); return i && i.complete && i.naturalWidth > 0;"
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script("return !!document.getElementById('reader-frame').contentDocument.querySelector('main img');"))
    time.sleep(0.5)
    check(not driver.execute_script(image_state) and ff.visible("#load-images"), "the reader does not load the article's image")
    driver.find_element(By.ID, "load-images").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script(image_state))
    check(not ff.visible("#load-images"), "“Load images” loads it")

    driver.switch_to.frame(driver.find_element(By.ID, "reader-frame"))
    driver.find_element(By.CSS_SELECTOR, "main p").click()
    ActionChains(driver).send_keys("/").perform()
    driver.switch_to.default_content()
    check(driver.execute_script("return document.activeElement.id") == "search", "/ pressed in the article goes to the search")
    driver.switch_to.frame(driver.find_element(By.ID, "reader-frame"))
    driver.find_element(By.CSS_SELECTOR, "main p").click()
    ActionChains(driver).send_keys(Keys.DELETE).perform()
    driver.switch_to.default_content()
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.visible("#confirm-delete"))
    check(True, "Delete pressed in the article asks to delete it")
    driver.find_element(By.ID, "confirm-yes").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: images_url not in ff.records())
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.visible("#undo"))
    driver.find_element(By.ID, "undo").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: images_url in ff.records())
    check(ff.records()[images_url]["text"] == record["text"], "Undo brings the deleted article back")
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.text("#reader-title") == "The tide tables of Skerry Point")
    driver.switch_to.frame(driver.find_element(By.ID, "reader-frame"))
    driver.find_element(By.CSS_SELECTOR, "main p").click()
    # Esc empties the frame: the key goes up in the page (WebDriver cannot end it in a frame that is gone).
    ActionChains(driver).key_down(Keys.ESCAPE).perform()
    driver.switch_to.default_content()
    ActionChains(driver).key_up(Keys.ESCAPE).perform()
    WebDriverWait(driver, TIMEOUT).until(lambda d: not ff.visible("#reader"))
    check(True, "Esc pressed in the article closes the reader")

    print("Damaged and newer-schema records (issue 12, findings 3 and 10)", flush=True)
    bad = {
        "article:https://bad.example/no-saved": {"schema": 1, "id": "https://bad.example/no-saved", "title": "No savedAt", "text": "quokka"},
        "article:https://bad.example/number": {"schema": 1, "id": 42, "savedAt": 12345, "title": "Numbers", "text": "quokka"},
        "article:https://bad.example/junk": "not a record",
    }
    ff.extension_call("await browser.storage.local.set(args[0]);", bad)
    driver.refresh()
    ff.wait_state(("ready",))
    ids = [li.get_attribute("data-id") for li in driver.find_elements(By.CSS_SELECTOR, "#list > li[data-id]")]
    check(page_url in ids and images_url in ids, "the good records are still listed", ids)
    check("https://bad.example/no-saved" in ids and "https://bad.example/number" in ids and "https://bad.example/junk" not in ids,
          "damaged records are repaired or skipped", ids)
    ff.extension_call("await browser.storage.local.remove(args[0]);", list(bad))
    future = {"schema": 2, "id": images_url, "url": images_url, "title": "Saved by Readmark 2", "savedAt": "2027-01-01T00:00:00Z"}
    ff.extension_call("await browser.storage.local.set({ [args[0]]: args[1] });", f"article:{images_url}", future)
    images_handle = ff.open_page(images_url)
    driver.switch_to.window(library_handle)
    reply = ff.message("save", {"tabId": ff.tab_id(images_url), "mode": "update"})
    check(reply.get("error", {}).get("kind") == "NewerRecord" and ff.records()[images_url] == future,
          "a newer-schema record is not overwritten", reply)
    ff.open_in_library(images_url)
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.text("#reader-title") == "Saved by Readmark 2")
    driver.find_element(By.ID, "reader-delete").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.visible("#confirm-yes"))
    driver.find_element(By.ID, "confirm-yes").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: images_url not in ff.records())
    check(True, "and it can be deleted")
    driver.switch_to.window(images_handle)
    driver.close()
    driver.switch_to.window(library_handle)

    print("A 17 MB article (issue 12, finding 5)", flush=True)
    huge_url = f"{origin}/tests/e2e/pages/e2e-huge.html?mb=17"
    huge_handle = ff.open_page(huge_url)
    driver.switch_to.window(library_handle)
    driver.set_script_timeout(HUGE_TIMEOUT)
    started = time.perf_counter()
    reply = ff.message("save", {"tabId": ff.tab_id(huge_url)})
    save_s = time.perf_counter() - started
    check(reply.get("ok"), "the 17 MB article is saved (the shortcut's path)", reply.get("error"))
    started = time.perf_counter()
    ff.open_in_library(huge_url)
    WebDriverWait(driver, HUGE_TIMEOUT).until(lambda d: ff.text("#reader-title") == "The very long ledger")
    WebDriverWait(driver, HUGE_TIMEOUT).until(lambda d: d.execute_script(
        "const p = document.getElementById('reader-frame').contentDocument.querySelectorAll('main p');"
        "return p.length > 2000 && p[p.length - 1].textContent.includes('light was put out for good');"))
    check(True, "it opens in the library, to its last paragraph")
    reply = ff.message("extract", {"tabId": ff.tab_id(huge_url), "selection": False})
    check(reply.get("ok") and len(reply["value"]["document"]) > 17_000_000 and "markdown" not in reply["value"]["article"],
          "the popup's extraction of it carries the article once", reply.get("error"))
    print(f"Firefox, 17 MB article: save {save_s:.1f} s, library open {time.perf_counter() - started:.1f} s")
    ff.extension_call("await browser.storage.local.remove(['article:' + args[0], 'undo']);", huge_url)
    driver.set_script_timeout(TIMEOUT)
    driver.switch_to.window(huge_handle)
    driver.close()
    driver.switch_to.window(library_handle)


GENERATED = 500
SITES = ["news.example", "www.blog.example", "docs.example", "shop.example", "forum.example"]
TYPES = ["article", "forum", "documentation", "product", "listing", None]


def iso(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(seconds))


def generated_records(count):
    """`count` records in the stored form (as tests/e2e/extension.test.mjs makes them)."""
    start = 1767225600  # 2026-01-01T00:00:00Z
    records = []
    for i in range(count):
        url = f"https://{SITES[i % len(SITES)]}/post/{i}?ref={i % 7}"
        saved = iso(start + i * 3600)
        clip = i % 97 == 13
        markdown = f"Paragraph {i} about **topic {i % 10}** and the zephyr{' quokka' if i % 25 == 0 else ''}.\n\n- first point\n- second point\n"
        records.append({
            "schema": 1, "id": f"{url}#readmark-clip={saved}" if clip else url, "url": url,
            "title": "Same title / “quoted”: ok?" if i % 50 == 0 else f"Article {i} — Ünïcode café",
            "byline": f"Writer {i % 9}" if i % 2 else None, "siteName": None,
            "publishedTime": "2025-12-01T00:00:00Z" if i % 3 else None, "modifiedTime": None, "lang": "en", "dir": None,
            "excerpt": f"Excerpt {i}", "leadImage": None, "section": None, "pageType": TYPES[i % len(TYPES)],
            "wordCount": 14, "readingTimeMinutes": 1, "fromSelection": clip,
            "tags": ["reading"] if i % 3 == 0 else ["Later", "work"] if i % 5 == 0 else [],
            "markdown": markdown, "text": markdown.replace("**", "").replace("\n- ", "\n"),
            "savedAt": saved, "updatedAt": saved if i % 4 else iso(start + i * 3600 + 1800),
        })
    return records


# The operating system's file picker, as a user answers it: chooses `arguments[0]` (a folder),
# in the chrome context. Firefox's own picker component (@mozilla.org/filepicker;1, a GTK
# dialog that headless Firefox cannot show) is replaced by one that answers at once; the rest
# is Firefox's: the page's <input webkitdirectory> asks the picker, Firefox asks the user
# whether to upload every file of the folder, then lists them (webkitRelativePath included).
# WebDriver's Element Send Keys cannot do this: it refuses a folder ("File not found"), and
# files sent one by one carry no folder path.
FOLDER_PICKER_JS = """
const [path] = arguments;
const registrar = Components.manager.QueryInterface(Ci.nsIComponentRegistrar);
const contract = '@mozilla.org/filepicker;1';
const original = registrar.contractIDToCID(contract);
const cid = Services.uuid.generateUUID();
const asked = [];
class Picker {
  QueryInterface = ChromeUtils.generateQI(['nsIFilePicker']);
  init(parent, title, mode) { this.mode = mode; asked.push(mode); }
  appendFilters() {}
  appendFilter() {}
  appendRawFilter() {}
  isModeSupported() { return Promise.resolve(true); }
  get file() {
    const folder = Cc['@mozilla.org/file/local;1'].createInstance(Ci.nsIFile);
    folder.initWithPath(path);
    return folder;
  }
  get files() { return [this.file][Symbol.iterator](); }
  open(callback) { Services.tm.dispatchToMainThread(() => callback.done(Ci.nsIFilePicker.returnOK)); }
}
const factory = { createInstance: (iid) => new Picker().QueryInterface(iid) };
registrar.registerFactory(cid, 'Readmark e2e folder picker', contract, factory);
window.readmarkPicker = {
  asked,
  restore() {
    registrar.unregisterFactory(cid, factory);
    registrar.registerFactory(original, '', contract, null);
  },
};
"""


class FolderPicker:
    """`with FolderPicker(driver, folder) as asked:` the file picker chooses `folder`; `asked` lists the picker modes requested."""

    def __init__(self, driver, folder):
        self.driver, self.folder = driver, folder

    def __enter__(self):
        with self.driver.context(self.driver.CONTEXT_CHROME):
            self.driver.execute_script(FOLDER_PICKER_JS, str(self.folder))
        return self

    def asked(self):
        with self.driver.context(self.driver.CONTEXT_CHROME):
            return self.driver.execute_script("return [...window.readmarkPicker.asked];")

    def __exit__(self, *exc):
        with self.driver.context(self.driver.CONTEXT_CHROME):
            self.driver.execute_script("window.readmarkPicker.restore(); delete window.readmarkPicker;")


def transfer(ff, downloads, work):
    """Issue 11, items 3 and 4: tags, filters, export and import, in a library of generated records."""
    driver = ff.driver
    print(f"Tags, filters, export and import of {GENERATED} articles (issue 11, items 3 and 4)", flush=True)
    generated = generated_records(GENERATED)
    by_id = {r["id"]: r for r in generated}
    handle = ff.open_extension_page("library.html")
    ff.wait_state(("ready",))
    kept = ff.extension_call("return await browser.storage.local.get(null);")
    ff.extension_call("await browser.storage.local.clear(); await browser.storage.local.set(args[0]);",
                      {f"article:{r['id']}": r for r in generated})
    driver.refresh()
    ff.wait_state(("ready",))
    check(ff.text("#count") == f"{GENERATED} articles", "the library lists the generated articles", ff.text("#count"))

    def texts(selector, attribute="textContent"):
        """Read in one script: the list is drawn again whenever storage changes."""
        return driver.execute_script("return [...document.querySelectorAll(arguments[0])].map((e) => e[arguments[1]] ?? e.dataset.id);", selector, attribute)

    def listed():
        return texts("#list > li[data-id]", "dataId")

    # Tags on the open article: T from anywhere, Enter adds, the chip's button removes.
    one = generated[1]
    ff.open_in_library(one["id"])
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.text("#reader-title") == one["title"])
    driver.find_element(By.ID, "reader-title").send_keys("t")
    check(driver.execute_script("return document.activeElement.id") == "tag-input", "T goes to the tag field")
    driver.find_element(By.ID, "tag-input").send_keys("Deep dive, reading" + Keys.ENTER)
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.records()[one["id"]]["tags"] == ["Deep dive", "reading"])
    # The chips are drawn again when the storage change comes back: click the one drawn last.
    WebDriverWait(driver, TIMEOUT, ignored_exceptions=[StaleElementReferenceException]).until(
        lambda d: d.find_element(By.CSS_SELECTOR, '#reader-tags button[aria-label="Remove tag Deep dive"]').click() or True)
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.records()[one["id"]]["tags"] == ["reading"])
    check(ff.records()[one["id"]]["updatedAt"] == one["updatedAt"], "tags added and removed; updatedAt unchanged")
    reading = {r["id"] for r in generated if "reading" in r["tags"]} | {one["id"]}
    Select(driver.find_element(By.ID, "filter-tag")).select_by_value("reading")
    WebDriverWait(driver, TIMEOUT).until(lambda d: len(listed()) == len(reading))
    check(set(listed()) == reading and ff.text("#count") == f"{len(reading)} of {GENERATED} articles", "the tag filter lists exactly the tagged articles")
    driver.find_element(By.ID, "rename-tag").click()
    rename = driver.find_element(By.ID, "rename-input")
    rename.clear()
    rename.send_keys("To read")
    driver.find_element(By.ID, "rename-yes").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: sum("To read" in r["tags"] for r in ff.records().values()) == len(reading))
    check(not any("reading" in r["tags"] for r in ff.records().values()), "the tag is renamed on every article")
    ff.extension_call("await browser.storage.local.set(args[0]);", {f"article:{r['id']}": r for r in generated})
    WebDriverWait(driver, TIMEOUT).until(lambda d: "reading" in texts("#filter-tag option", "value"))
    Select(driver.find_element(By.ID, "filter-tag")).select_by_value("")
    Select(driver.find_element(By.ID, "filter-site")).select_by_value("docs.example")
    Select(driver.find_element(By.ID, "filter-type")).select_by_value("documentation")
    docs = {r["id"] for r in generated if "//docs.example/" in r["url"] and r["pageType"] == "documentation"}
    WebDriverWait(driver, TIMEOUT).until(lambda d: set(listed()) == docs)
    check(True, "site and type filters")
    driver.find_element(By.ID, "clear-filters").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: len(listed()) == GENERATED)
    check(re.fullmatch(r"Storage: [\d.,]+ (KB|MB) used( · [\d.,]+ (MB|GB|TB) left)?", ff.text("#storage")), "storage used (and left)", ff.text("#storage"))
    search = driver.find_element(By.ID, "search")
    search.send_keys("QUOKKA")
    quokkas = [r for r in generated if "quokka" in r["markdown"]]
    WebDriverWait(driver, TIMEOUT).until(lambda d: len(listed()) == len(quokkas))
    marks = texts("#list mark")
    check(len(marks) == len(quokkas) and set(marks) == {"quokka"}, "search matches are highlighted", marks[:3])
    search.send_keys(Keys.ESCAPE)
    WebDriverWait(driver, TIMEOUT).until(lambda d: len(listed()) == GENERATED)

    def export(layout="site", what="all"):
        """Runs the export dialog (`what`: all | filtered); returns the ZIP's path."""
        known = set(os.listdir(downloads))
        driver.find_element(By.ID, "open-export").click()
        WebDriverWait(driver, TIMEOUT).until(lambda d: ff.visible("#export-start"))
        driver.find_element(By.ID, f"export-{what}").click()
        driver.find_element(By.ID, f"layout-{layout}").click()
        driver.find_element(By.ID, "export-start").click()
        path = wait_for_download(downloads, known, timeout=120, suffix=".zip")
        ff.wait_text("#export-status", r"^Exported", timeout=60)
        check(driver.find_element(By.ID, "export-progress").get_attribute("value") == "100", "the progress bar reaches the end")
        driver.find_element(By.CSS_SELECTOR, '#export-dialog button[value="close"]').click()
        return path

    def import_report():
        WebDriverWait(driver, 120).until(lambda d: ff.visible("#import-report") or ff.text("#import-status").startswith("Nothing"))
        summary = ff.text("#import-summary") if ff.visible("#import-report") else ff.text("#import-status")
        skipped = texts("#import-skipped li")
        driver.find_element(By.CSS_SELECTOR, '#import-dialog button[value="close"]').click()
        return summary, skipped

    def import_files(paths):
        driver.find_element(By.ID, "open-import").click()
        WebDriverWait(driver, TIMEOUT).until(lambda d: ff.visible("#import-choose-files"))
        driver.find_element(By.ID, "import-files").send_keys("\n".join(str(p) for p in paths))
        return import_report()

    def import_folder(folder):
        """As a user does it: "Choose a folder of .md files…", the picker chooses `folder`, "Upload" in Firefox's prompt."""
        driver.find_element(By.ID, "open-import").click()
        WebDriverWait(driver, TIMEOUT).until(lambda d: ff.visible("#import-choose-folder"))
        with FolderPicker(driver, folder) as picker:
            driver.find_element(By.ID, "import-choose-folder").click()
            prompt = WebDriverWait(driver, TIMEOUT).until(expected_conditions.alert_is_present())
            check(f"upload all files from “{folder.name}”" in prompt.text, "Firefox asks before it hands over the folder's files", prompt.text)
            prompt.accept()
            report = import_report()
            check(picker.asked() == [2], "the button asked the file picker for a folder (nsIFilePicker.modeGetFolder)", picker.asked())
        return report

    started = time.perf_counter()
    zip_a = export().read_bytes()
    export_s = time.perf_counter() - started
    archive = zipfile.ZipFile(io.BytesIO(zip_a))
    names = archive.namelist()
    library = json.loads(archive.read("library.json"))
    check(len(names) == GENERATED + 1 and names[-1] == "library.json", "the ZIP holds one .md per article and library.json", len(names))
    check(all(r == by_id[r["id"]] for r in library["records"]) and len(library["records"]) == GENERATED, "library.json holds every record as stored")
    check(all(n.split("/")[0] in {s.removeprefix("www.") for s in SITES} for n in names[:-1]), "one folder per site")
    sample = library["records"][7]
    document = ff.message("file", {"id": sample["id"]})["value"]["document"]
    check(any(archive.read(n).decode() == document for n in names[:-1]), "a file in the ZIP is the library's download of that article")
    marked = [n for n in names[:-1] if "\nselection: true\n---\n" in archive.read(n).decode()]
    check(0 < len(marked) == sum(r["fromSelection"] for r in generated), "the clips' files, and only those, say selection: true", len(marked))
    ff.extension_call("await browser.storage.local.clear();")
    json_path = work / "library.json"
    json_path.write_bytes(archive.read("library.json"))
    started = time.perf_counter()
    summary, _ = import_files([json_path])
    import_s = time.perf_counter() - started
    check(summary == f"Added {GENERATED} articles, updated 0, skipped 0.", "library.json imported into an empty library", summary)
    check(ff.records() == by_id, "the imported records are the exported ones")
    WebDriverWait(driver, TIMEOUT).until(lambda d: len(listed()) == GENERATED)
    zip_b = export().read_bytes()
    check(zip_a == zip_b, "export → import → export is byte-identical", f"{len(zip_a)} vs {len(zip_b)} bytes")
    print(f"Firefox, {GENERATED} articles: export {export_s:.1f} s ({len(zip_a) // 1024} KB ZIP), import {import_s:.1f} s")
    # The list as filtered (one site), all in one folder.
    Select(driver.find_element(By.ID, "filter-site")).select_by_value("docs.example")
    docs_ids = [r["id"] for r in sorted(generated, key=lambda r: r["savedAt"], reverse=True) if "//docs.example/" in r["url"]]
    WebDriverWait(driver, TIMEOUT).until(lambda d: listed() == docs_ids)
    path = export(layout="flat", what="filtered")
    selection = zipfile.ZipFile(path)
    check(re.fullmatch(r"readmark-selection-\d{4}-\d\d-\d\d\.zip", path.name), "the filtered list's export is named as a selection", path.name)
    check([r["id"] for r in json.loads(selection.read("library.json"))["records"]] == docs_ids
          and len(selection.namelist()) == len(docs_ids) + 1 and not any("/" in n for n in selection.namelist()),
          "it holds exactly the listed articles, in the list's order, in one folder", len(selection.namelist()))
    driver.find_element(By.ID, "clear-filters").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: len(listed()) == GENERATED)
    zip_path = work / "export.zip"
    zip_path.write_bytes(zip_a)
    summary, skipped = import_files([zip_path])
    check(summary == f"Added 0 articles, updated 0, skipped {GENERATED}." and ff.records() == by_id, "the same export again adds nothing", summary)
    check(len(skipped) == GENERATED and all(s.endswith(": already in your library, unchanged") for s in skipped), "and says why, for each", skipped[:1])
    lost = generated[3:5]
    md_paths = []
    for record in lost + [generated[5]]:
        path = work / f"{record['url'].split('/')[-2]}-{len(md_paths)}.md"
        path.write_text(ff.message("file", {"id": record["id"]})["value"]["document"], encoding="utf-8")
        md_paths.append(path)
    note = work / "todo.md"
    note.write_text("# Things to do\n\n- nothing\n")
    ff.extension_call("await browser.storage.local.remove(args[0]);", [f"article:{r['id']}" for r in lost])
    summary, skipped = import_files(md_paths + [note])
    check(summary == "Added 2 articles, updated 0, skipped 2.", "Markdown files: the lost articles are added", summary)
    check(any(s.startswith("todo.md: a Markdown file without front matter") for s in skipped)
          and any(s.startswith(generated[5]["title"]) and "same or a more recent version" in s for s in skipped), "the rest is skipped with the reason", skipped)
    restored = ff.records()
    check(all(restored[r["id"]]["markdown"] == r["markdown"] and restored[r["id"]]["savedAt"] == r["savedAt"] for r in lost),
          "an imported file keeps its body and saved time")
    ff.extension_call("await browser.storage.local.set(args[0]);", {f"article:{r['id']}": r for r in lost})

    # A folder of Markdown files: the export unpacked without its library.json (one folder per
    # site), a note without front matter and a picture; the library lost three of the articles
    # and a clip (whose file must come back as that clip, not as its page's article).
    folder = work / "readmark-library"
    for name in names[:-1]:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(archive.read(name))
    (folder / "todo.md").write_text("# Things to do\n\n- nothing\n")
    (folder / "docs.example" / "picture.png").write_bytes(bytes([0x89, 0x50, 0x4E, 0x47]))
    lost = generated[6:9] + [next(r for r in generated if r["fromSelection"])]
    ff.extension_call("await browser.storage.local.remove(args[0]);", [f"article:{r['id']}" for r in lost])
    before = ff.records()
    summary, skipped = import_folder(folder)
    check(summary == f"Added 4 articles, updated 0, skipped {GENERATED - 4 + 2}.", "a folder of the export's Markdown files: the lost articles are added", summary)
    check(any(s.startswith("readmark-library/todo.md: a Markdown file without front matter") for s in skipped)
          and any(s.startswith("readmark-library/docs.example/picture.png: not a .zip, .json or .md file") for s in skipped),
          "the files are named by their path in the folder, with the reason", [s for s in skipped if s.startswith("readmark-library/")])
    had = [s for s in skipped if not s.startswith("readmark-library/")]
    check(len(had) == GENERATED - 4 and all(s.endswith(": your library has the same or a more recent version") for s in had),
          "the articles the library has (its clips included) are skipped, not replaced", [s for s in had if not s.endswith("version")][:3])
    after = ff.records()
    check({k: v for k, v in after.items() if k not in before} .keys() == {r["id"] for r in lost}
          and all(after[k] == v for k, v in before.items()), "only the lost articles are new; the rest is untouched")
    check(all(after[r["id"]]["markdown"] == r["markdown"] and after[r["id"]]["savedAt"] == r["savedAt"] and after[r["id"]]["title"] == r["title"]
              and after[r["id"]]["fromSelection"] == r["fromSelection"] for r in lost),
          "an article from the folder keeps its title, body and saved time; the clip's file is that clip (a selection, under its clip id)")
    ff.extension_call("await browser.storage.local.set(args[0]);", {f"article:{r['id']}": r for r in lost})

    # The test hook: the background's storage.local.set fails (as a full disk would) until put back.
    ff.extension_call("await browser.storage.local.remove(args[0]);", [f"article:{r['id']}" for r in generated[:10]])
    before = ff.extension_call("return await browser.storage.local.get(null);")
    fail_writes = """
      const bg = await browser.runtime.getBackgroundPage();
      const area = bg.browser.storage.local;
      if (args[0]) {
        bg.realSet = area.set;
        const fail = bg.Promise.reject.bind(bg.Promise, new bg.Error('injected failure: no space left on device'));
        Object.defineProperty(area, 'set', { value: fail, configurable: true, writable: true });
      } else {
        Object.defineProperty(area, 'set', { value: bg.realSet, configurable: true, writable: true });
      }
    """
    ff.extension_call(fail_writes, True)
    try:
        summary, _ = import_files([zip_path])
    finally:
        ff.extension_call(fail_writes, False)
    check(re.match(r"Nothing was imported: The library could not be saved; it is unchanged\..*injected failure", summary), "a failed write is reported", summary)
    check(ff.extension_call("return await browser.storage.local.get(null);") == before, "and leaves storage.local exactly as it was")
    summary, _ = import_files([zip_path])
    check(summary == f"Added 10 articles, updated 0, skipped {GENERATED - 10}.", "the same import then succeeds", summary)

    ff.extension_call("await browser.storage.local.clear(); await browser.storage.local.set(args[0]);", kept)
    driver.close()
    return handle


# The toolbar button as a click on it runs it: Firefox's own browser-action trigger (what a
# click or the _execute_action shortcut calls), from the chrome context. It fires
# action.onClicked when the options removed the popup, else opens the popup.
TOOLBAR_CLICK_JS = """
const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
const extension = ExtensionParent.GlobalManager.getExtension(arguments[0]);
ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
"""


def options_page(ff, origin, downloads, gecko_id):
    """Issue 11 item 1: a setting changed on the options page is used by the next file."""
    driver = ff.driver
    aclu = f"{origin}/tests/corpus/readability/aclu/source.html"
    byline = "Daniel Kahn Gillmor"
    print("options page", flush=True)
    options = ff.open_extension_page("options.html")
    check(ff.wait_state() == "ready", "the options page loads its settings")
    find = lambda selector: driver.find_element(By.CSS_SELECTOR, selector)  # noqa: E731
    check(find("#toolbar-popup").is_selected() and find("#filename-template").get_attribute("value") == "{title}",
          "it shows the defaults (popup, {title})")
    check(ff.extension_call("return await browser.action.getPopup({});").endswith("/popup.html"), "the toolbar button opens the popup")

    def save_options():
        find("#save-options").click()
        ff.wait_text("#status", r"^Options saved\.$")

    key = find("#key-byline")
    key.clear()
    key.send_keys("writer")
    check(find("#field-type").is_selected(), "the page type is in the front matter by default")
    pattern = find("#filename-template")
    pattern.clear()
    pattern.send_keys("{site} - {date} - {title}")
    find("#folder").send_keys("Clips")
    find("#toolbar-download").click()
    save_options()
    stored = ff.extension_call("return (await browser.storage.sync.get('settings')).settings;")
    check(stored["toolbarAction"] == "download" and stored["folder"] == "Clips", "stored in storage.sync", stored)
    check({"field": "byline", "name": "writer", "enabled": True} in stored["template"]["fields"], "byline is stored as writer")
    popup_of_button = lambda: ff.extension_call("return await browser.action.getPopup({});")  # noqa: E731
    WebDriverWait(driver, TIMEOUT).until(lambda d: popup_of_button() == "")
    check(popup_of_button() == "", "the toolbar button has no popup any more")

    clips = downloads / "Clips"
    known = set(os.listdir(clips)) if clips.exists() else set()
    page = ff.open_page(aclu)
    with driver.context(driver.CONTEXT_CHROME):
        driver.execute_script(TOOLBAR_CLICK_JS, gecko_id)
    WebDriverWait(driver, TIMEOUT).until(lambda d: clips.exists())
    path = wait_for_download(clips, known)
    check(re.fullmatch(r"American Civil Liberties Union - 2018-04-05 - Facebook Is Tracking Me Even Though I’m Not on Facebook\.md", path.name),
          "the toolbar button downloaded the file named by the template into Downloads/Clips", path.name)
    fields = front_matter(path.read_text())
    check(fields.get("writer") == json.dumps(byline) and "author" not in fields, "the renamed field is written as writer", fields)
    check(fields.get("type") == '"article"' and list(fields)[:3] == ["title", "writer", "site"], "type on, order kept", list(fields))
    driver.close()

    driver.switch_to.window(options)
    find("#toolbar-save").click()
    save_options()
    page = ff.open_page(aclu)
    with driver.context(driver.CONTEXT_CHROME):
        driver.execute_script(TOOLBAR_CLICK_JS, gecko_id)
    driver.switch_to.window(options)
    record = WebDriverWait(driver, TIMEOUT).until(lambda d: ff.records().get(aclu))
    check(record["byline"] == byline, "the toolbar button saved the article to the library")
    tab_id = ff.tab_id(aclu)
    ff.popup(tab_id)
    preview = ff.text("#preview")
    check(f'\nwriter: "{byline}"\n' in preview, "the popup's file uses the template")
    reply = ff.message("file", {"id": aclu})
    check(reply["ok"] and reply["value"]["document"] == preview, "the library's file is the popup's file")
    check(reply["value"]["filename"].startswith("American Civil Liberties Union - 2018-04-05 - "), "and has the same name")
    driver.close()

    driver.switch_to.window(options)
    find("#reset-options").click()
    ff.wait_text("#status", "reset")
    stored = ff.extension_call("return (await browser.storage.sync.get('settings')).settings;")
    check(stored["toolbarAction"] == "popup" and stored["template"]["filename"] == "{title}" and stored["folder"] == "",
          "reset stores the defaults")
    WebDriverWait(driver, TIMEOUT).until(lambda d: popup_of_button().endswith("/popup.html"))
    check(popup_of_button().endswith("/popup.html") and find("#key-byline").get_attribute("value") == "author",
          "the popup is back on the button, the author key is the default again")
    driver.switch_to.window(page)
    driver.close()
    driver.switch_to.window(options)


def markdown_style(ff, origin, downloads):
    """Issue 11 item 1: a Markdown style set on the options page writes the popup's file and its download."""
    driver = ff.driver
    page_url = f"{origin}/tests/corpus/readability/002/source.html"
    print("markdown style", flush=True)
    options = driver.current_window_handle
    find = lambda selector: driver.find_element(By.CSS_SELECTOR, selector)  # noqa: E731
    style = {"bullet": "*", "emphasis": "_", "strong": "__", "headings": "setext", "fence": "~~~", "links": "reference"}
    for key, value in style.items():
        Select(find(f"#style-{key}")).select_by_value(value)
    find("#style-escape-dollar").click()
    find("#save-options").click()
    ff.wait_text("#status", r"^Options saved\.$")
    stored = ff.extension_call("return (await browser.storage.sync.get('settings')).settings;")
    check(stored["template"]["markdown"] == {**style, "escapeDollar": False}, "the style is stored in storage.sync", stored["template"])

    page = ff.open_page(page_url)
    driver.switch_to.window(options)
    tab_id = ff.tab_id(page_url)
    check(ff.popup(tab_id) == "ready", "the popup reads the page")
    preview = ff.text("#preview")
    body = without_front_matter(preview)
    check(re.match(r"This API is so Fetching!\n={24}\n\n", body), "the title is underlined with =", body[:120])
    check("\n\nFeature detection\n-----------------\n\n" in body, "a section heading is underlined with -")
    check(re.search(r"\n\n~~~\nfetch\(\"/data\.json\"\)", body), "code is fenced with ~~~")
    check("\n* “none”: default.\n" in body and not re.search(r"^- ", body, re.M), "bullets are *")
    check("have a __guard__ property" in body, "strong is __")
    check("The [Fetch API][1] intends" in body and "\n[1]: https://developer.mozilla.org/en-US/docs/Web/API/Fetch_API\n" in body,
          "links are numbered references defined at the end")
    check("](http" not in body, "no inline link is left")
    known = set(os.listdir(downloads))
    find("#download").click()
    path = wait_for_download(downloads, known)
    # Not yet saved, the file's `saved` time is the moment it is made: the body is compared.
    check(without_front_matter(path.read_text()) == body, "the downloaded file is the previewed file, in the style", path.name)
    driver.close()

    driver.switch_to.window(options)
    find("#reset-options").click()
    ff.wait_text("#status", "reset")
    check(find("#style-fence").get_attribute("value") == "```" and find("#style-escape-dollar").is_selected(),
          "reset brings the default style back")
    driver.switch_to.window(page)
    driver.close()
    driver.switch_to.window(options)


def popup_tags(ff, origin):
    """Issue 11 item 2: the popup's tags field, completed from the library's tags."""
    driver = ff.driver
    print("popup tags", flush=True)
    home = driver.current_window_handle
    bbc = f"{origin}/tests/corpus/readability/bbc-1/source.html"
    nyt = f"{origin}/tests/corpus/readability/nytimes-1/source.html"
    find = lambda selector: driver.find_element(By.CSS_SELECTOR, selector)  # noqa: E731

    def saved(url):
        return WebDriverWait(driver, TIMEOUT).until(lambda d: ff.records().get(url))

    first = ff.open_page(bbc)
    driver.switch_to.window(home)
    check(ff.popup(ff.tab_id(bbc)) == "ready", "the popup reads the first page")
    find("#tags-input").send_keys("Quantum physics, long read")
    find("#save").click()
    check(saved(bbc)["tags"] == ["Quantum physics", "long read"], "typed tags are saved with the article")
    file_tags = r"\ntags:\n  - \"Quantum physics\"\n  - \"long read\"\n"
    check(re.search(file_tags, ff.wait_text("#preview", file_tags)), "the popup's file carries the tags")
    driver.close()

    driver.switch_to.window(home)
    second = ff.open_page(nyt)
    driver.switch_to.window(home)
    check(ff.popup(ff.tab_id(nyt)) == "ready", "the popup reads the second page")
    suggestions = lambda: driver.execute_script(  # noqa: E731
        "return [...document.querySelectorAll('#tag-suggestions option')].map((o) => o.value);")
    WebDriverWait(driver, TIMEOUT).until(lambda d: "Quantum physics" in suggestions())
    check(find("#tags-input").get_attribute("list") == "tag-suggestions", "the field completes from the library's tags", suggestions())
    find("#tags-input").send_keys("reading, ")
    check(sorted(suggestions()) == ["reading, Quantum physics", "reading, long read"], "after a comma each suggestion completes the last tag", suggestions())
    find("#tags-input").send_keys("Quantum physics")
    check(suggestions() == ["reading, long read"], "a tag already typed is not suggested again", suggestions())
    check(find("#save").text.strip() == "Save to library", "typing S in the field saved nothing")
    find("#save").click()
    record = WebDriverWait(driver, TIMEOUT).until(lambda d: (r := ff.records().get(nyt)) and r["tags"] and r)
    check(record["tags"] == ["reading", "Quantum physics"], "the second page is saved with its tags", record["tags"])
    reply = ff.message("file", {"id": nyt})
    check('\ntags:\n  - "reading"\n  - "Quantum physics"\n' in reply["value"]["document"], "the library's file has the same tags")
    driver.close()

    driver.switch_to.window(home)
    ff.popup(ff.tab_id(nyt))
    check(find("#tags-input").get_attribute("value") == "reading, Quantum physics", "a saved page shows its tags in the popup")
    driver.close()
    for handle in (first, second):
        driver.switch_to.window(handle)
        driver.close()
    driver.switch_to.window(home)


# axe-core, run in an add-on page through WebDriver (the pages' CSP allows no injected script
# tag); with a modal dialog open, the dialog is what the user can reach. The article frames
# run no script (sandbox): axe does not enter them; their text is the core's HTML.
AXE_RUN_JS = (ROOT / "node_modules/axe-core/axe.min.js").read_text() + """
;const done = arguments[arguments.length - 1];
const context = document.querySelector('dialog[open]') ?? document;
window.axe.run(context, { iframes: false, resultTypes: ['violations'] }).then(
  (result) => done({
    violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    passed: result.passes.length,
  }),
  (error) => done({ violations: [`axe-core failed: ${error}`], passed: 0 }));
"""
# Firefox's colour scheme for web content (0 dark, 1 light), which add-on pages follow.
SCHEME_PREF = "layout.css.prefers-color-scheme.content-override"


def set_scheme(driver, dark):
    with driver.context(driver.CONTEXT_CHROME):
        driver.execute_script("Services.prefs.setIntPref(arguments[0], arguments[1]);", SCHEME_PREF, 0 if dark else 1)


def check_accessible(ff, what):
    """0 axe-core violations on the current add-on page, light and dark (the scheme checked in the page)."""
    driver = ff.driver
    for dark in (False, True):
        set_scheme(driver, dark)
        WebDriverWait(driver, TIMEOUT).until(
            lambda d: d.execute_script("return matchMedia('(prefers-color-scheme: dark)').matches") == dark)
        time.sleep(SETTLE_S)
        result = driver.execute_async_script(AXE_RUN_JS)
        check(result["passed"] > 0 and result["violations"] == [],
              f"axe-core: 0 violations on {what} ({'dark' if dark else 'light'})", result)
    set_scheme(driver, False)


def accessibility(ff, origin):
    """Issue 11 item 5 in Firefox: axe-core on the popup's states, the library (list, reader, dialogs) and the options page."""
    driver = ff.driver
    print("axe-core in Firefox", flush=True)
    home = driver.current_window_handle
    find = lambda selector: driver.find_element(By.CSS_SELECTOR, selector)  # noqa: E731
    check_accessible(ff, "the options page")

    url = f"{origin}/tests/corpus/readability/ars-1/source.html"
    page = ff.open_page(url)
    driver.switch_to.window(home)
    check(ff.popup(ff.tab_id(url)) == "ready", "the popup reads the page")
    check_accessible(ff, "the popup, ready")
    find("#save").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.records().get(url))
    ff.wait_text("#saved-text", r"\S")
    check_accessible(ff, "the popup, saved")
    find("#toggle-markdown").click()
    check_accessible(ff, "the popup, Markdown open")
    driver.close()
    driver.switch_to.window(page)
    driver.close()

    driver.switch_to.window(home)
    missing = f"{origin}/tests/e2e/pages/e2e-noarticle.html"
    page = ff.open_page(missing)
    driver.switch_to.window(home)
    check(ff.popup(ff.tab_id(missing)) == "error", "the popup says the page has no article")
    check_accessible(ff, "the popup, error")
    driver.close()
    driver.switch_to.window(page)
    driver.close()

    driver.switch_to.window(home)
    ff.open_extension_page("library.html")
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#list > li"))
    check_accessible(ff, "the library list")
    ff.open_in_library(url)
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.visible("#reader-title") and ff.text("#reader-title").strip())
    check_accessible(ff, "the library reader")
    find("#reader-delete").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.visible("#confirm-delete"))
    check_accessible(ff, "the delete dialog")
    find("#confirm-delete button[value='cancel'], #confirm-no").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: not ff.visible("#confirm-delete"))
    find("#open-export").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: ff.visible("#export-start"))
    check_accessible(ff, "the export dialog")
    find('#export-dialog button[value="close"]').click()
    driver.close()
    driver.switch_to.window(home)


def main():
    fixture = Fixture()
    work = Path(tempfile.mkdtemp(prefix="readmark-ff-"))
    downloads = work / "downloads"
    downloads.mkdir()
    server = driver = None
    started = time.perf_counter()
    try:
        gecko_id = prepare_extension(work / "extension")
        server, origin = start_server()
        service = Service(executable_path=GECKODRIVER, service_args=["--allow-system-access"], log_output=str(work / "geckodriver.log"))
        driver = webdriver.Firefox(options=firefox_options(gecko_id, downloads), service=service)
        driver.set_script_timeout(TIMEOUT)
        addon = driver.install_addon(str(work / "extension"), temporary=True)
        print(f"firefox {driver.capabilities.get('browserVersion')}, add-on {addon} at moz-extension://{ADDON_UUID}/", flush=True)
        ff = Firefox(driver)
        only = os.environ.get("READMARK_FF_ONLY")
        if only not in ("options", "transfer"):
            run(ff, origin, fixture, downloads)
        if only != "options":
            transfer(ff, downloads, work)
        if only != "transfer":
            options_page(ff, origin, downloads, gecko_id)
            markdown_style(ff, origin, downloads)
            popup_tags(ff, origin)
            accessibility(ff, origin)
    except Exception as error:  # noqa: BLE001 - any failure fails the run, with its reason
        print(f"FAILED after {checks} checks: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
        print(f"{checks} passed, 1 failed", flush=True)
        log = work / "geckodriver.log"
        if log.exists() and os.environ.get("READMARK_E2E_LOG"):
            print(log.read_text()[-4000:], file=sys.stderr)
        return 1
    finally:
        if driver is not None:
            driver.quit()
        if server is not None:
            server.terminate()
            server.wait(timeout=5)
        shutil.rmtree(work, ignore_errors=True)
    print(f"Firefox end-to-end: {time.perf_counter() - started:.1f} s")
    print(f"{checks} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
