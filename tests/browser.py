"""Headless Chromium for the HTML report tests, without extra Python packages.

A page is driven by injecting test scripts into a copy of it (and allowing them in its
Content-Security-Policy by hash), then running ``chromium --headless --dump-dom``: the scripts run
while the page loads, write what they saw as JSON into a hidden element, and the dumped DOM carries
it back. ``--screenshot`` renders the same instrumented copy.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio", "--hide-scrollbars")
RESULT_ID = "fc-test-result"

# Runs first: records script errors and Content-Security-Policy violations (blocked requests, handlers).
_PROBE = ("window.__fcErrors=[];"
          "addEventListener('error',function(e){__fcErrors.push('error: '+e.message)});"
          "addEventListener('securitypolicyviolation',function(e){"
          "__fcErrors.push('csp: '+e.violatedDirective+' '+e.blockedURI)});")
# Runs last, after ``window.__fcTest`` (the test's own function) has been defined.
_REPORT = ("(function(){var r;try{r=window.__fcTest()}catch(e){r={exception:String(e&&e.stack||e)}}"
           "r.errors=window.__fcErrors;var p=document.createElement('pre');p.id='" + RESULT_ID + "';"
           "p.hidden=true;p.textContent=JSON.stringify(r);document.body.appendChild(p)})();")


def find_chromium() -> str | None:
    explicit = os.environ.get("FACTCHECK_CHROMIUM")
    if explicit:
        return explicit
    return next((path for path in map(shutil.which, NAMES) if path), None)


def ensure_chromium(timeout: float = 900) -> tuple[str | None, str]:
    """(path, "") when a Chromium is there or could be installed, else (None, why not)."""
    found = find_chromium()
    if found:
        return found, ""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None, "Chromium is not installed and installing it needs root (apt-get install chromium)"
    if not shutil.which("apt-get"):
        return None, "Chromium is not installed and there is no apt-get to install it with"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, f"{' '.join(command)} took longer than {timeout:.0f}s"
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            return None, f"{' '.join(command)} failed ({done.returncode}): {' / '.join(tail)}"
    found = find_chromium()
    return (found, "") if found else (None, "apt-get install chromium ran but no chromium binary is on PATH")


def _hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def instrument(page: str, test_js: str) -> str:
    """A copy of ``page`` with the probe in <head>, ``test_js`` and the reporter at the end of <body>."""
    test_js = "window.__fcTest=function(){\n" + test_js + "\n};"
    scripts = (_PROBE, test_js, _REPORT)
    page, count = re.subn(r"script-src ", "script-src " + " ".join(map(_hash, scripts)) + " ", page, count=1)
    assert count == 1, "the page has no Content-Security-Policy script-src to extend"
    page = page.replace("<head>", f"<head>\n<script>{_PROBE}</script>", 1)
    tail = f"<script>{test_js}</script>\n<script>{_REPORT}</script>\n</body>"
    head, sep, rest = page.rpartition("</body>")
    assert sep, "the page has no </body>"
    return head + tail + rest


class Chromium:
    def __init__(self, binary: str, workdir: Path, timeout: float = 90) -> None:
        self.binary = binary
        self.workdir = Path(workdir)
        self.timeout = timeout

    def _run(self, page: Path, *extra: str) -> str:
        with tempfile.TemporaryDirectory(dir=self.workdir) as profile:
            env = dict(os.environ, HOME=profile)
            command = [self.binary, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()]
            done = subprocess.run(command, capture_output=True, text=True, timeout=self.timeout, env=env)
        if done.returncode != 0:
            raise RuntimeError(f"chromium exited with {done.returncode}: {done.stderr[-2000:]}")
        return done.stdout

    def print_pdf(self, page_html: str, pdf: Path, *, name: str = "print") -> Path:
        """The page printed to ``pdf`` as Chromium prints it (print media, no header or footer)."""
        page = self.workdir / f"{name}.html"
        page.write_text(page_html, encoding="utf-8")
        pdf.parent.mkdir(parents=True, exist_ok=True)
        self._run(page, "--no-pdf-header-footer", f"--print-to-pdf={pdf.resolve()}")
        return pdf

    def run(self, page_html: str, test_js: str, *, name: str = "page",
            screenshot: Path | None = None, window: str = "1280,2000") -> tuple[dict, str]:
        """Load the instrumented page; (the test function's JSON result, the DOM after it ran)."""
        page = self.workdir / f"{name}.html"
        page.write_text(instrument(page_html, test_js), encoding="utf-8")
        dom = self._run(page, f"--window-size={window}", "--dump-dom")
        found = re.search(rf'<pre id="{RESULT_ID}" hidden="">(.*?)</pre>', dom, re.S)
        if not found:
            raise AssertionError(f"no test result in the dumped DOM (did the page load?):\n{dom[-3000:]}")
        result = json.loads(html.unescape(found.group(1)))
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            self._run(page, f"--window-size={window}", f"--screenshot={screenshot.resolve()}")
        return result, dom
