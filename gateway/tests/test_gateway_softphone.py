"""The web softphone in headless Chromium: two pages, a call between them, checked on what each page shows."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from gwstack import Stack

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


async def see(page: Any, selector: str, text: str, *, contains: bool = False, timeout: float = 60_000) -> None:
    """Wait until the element shows `text` (polled every 20 ms), else fail with what it shows; the generous
    timeout is for a busy machine, a passing run does not wait for it."""
    check = "t.includes(want)" if contains else "t.trim() === want"
    script = f"([sel, want]) => {{ const t = document.querySelector(sel).textContent; return {check}; }}"
    try:
        await page.wait_for_function(script, arg=[selector, text], polling=20, timeout=timeout)
    except Exception:
        shown = await page.text_content(selector)
        raise AssertionError(f"{selector} shows {shown!r}, expected {text!r}") from None


# CI installs Debian's chromium (.ci/run), so there a missing browser is a failure, not a skip.
pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"), reason=f"needs Chromium at {CHROMIUM}"
)


async def test_softphone_is_served(stack: Stack) -> None:
    async with aiohttp.ClientSession() as http, http.get(f"{stack.rest_url}/softphone") as resp:
        assert resp.status == 200
        assert resp.headers["Content-Type"].startswith("text/html")
        text = await resp.text()
        assert "Callwire softphone" in text
        assert f'|| "{stack.gateway.ws_port}")' in text  # the page's default WebSocket port is this gateway's
        assert "http://" not in text.replace("http://' + ", "")  # nothing loaded from elsewhere


async def test_two_softphones_call_each_other(stack: Stack, tmp_path: Path) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        context = await pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, args=ARGS, headless=True
        )
        try:
            pages = {}
            for ext in ("101", "102"):
                page = await context.new_page()
                # 101 names the WebSocket explicitly; 102 relies on the port the gateway put in the page.
                query = f"ws={stack.ws_url}&extension={ext}" if ext == "101" else f"extension={ext}"
                await page.goto(f"{stack.rest_url}/softphone?{query}")
                await see(page, "#conn", "connected")
                await page.click("#btn-monitor")
                await see(page, "#status", f"monitoring {ext}")
                pages[ext] = page
            a, b = pages["101"], pages["102"]

            # Agent: log in, AUX with a reason code
            await a.fill("#agentid", "12345")
            await a.fill("#agentpass", "67890")
            await a.click("#btn-login")
            await see(a, "#status", "logged in")
            await a.select_option("#state", "aux")
            await a.fill("#reasoncode", "2")
            await a.click("#btn-setstate")
            await see(a, "#agentstate", "aux (2), idle")

            # A calls B with user data; B rings and shows the data
            await a.fill("#destination", "102")
            await a.fill("#calldata", "account 4711")
            await a.click("#btn-makecall")
            await see(a, "#callstate", "calling")
            await see(b, "#callstate", "ringing")
            await see(b, "#callinfo", "from 101")
            await see(b, "#d-userdata", "account 4711")
            await see(b, "#d-calling", "101")

            await b.click("#btn-answer")
            await see(a, "#callstate", "connected")
            await see(b, "#callstate", "connected")
            await see(a, "#callinfo", "with 102")

            await a.click("#btn-hold")
            await see(a, "#callstate", "on hold")
            await a.click("#btn-retrieve")
            await see(a, "#callstate", "connected")
            await a.fill("#dtmf", "123#")
            await a.click("#btn-dtmf")
            await see(a, "#status", "DTMF sent")

            await b.click("#btn-hangup")
            await see(b, "#callstate", "idle")
            await see(a, "#callstate", "idle")
            await see(a, "#log", '"eventtype":"disconnect"', contains=True)
            await see(b, "#log", '"eventtype":"offer"', contains=True)
        finally:
            await context.close()


async def test_first_visit_shows_a_hint_and_the_next_one_remembers_the_extension(stack: Stack, tmp_path: Path) -> None:
    """No extension is mapped to this address: the first view asks for one instead of showing the lookup's error."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        context = await pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, args=ARGS, headless=True
        )
        try:
            page = await context.new_page()
            await page.goto(f"{stack.rest_url}/softphone")
            await see(page, "#conn", "connected")
            await see(page, "#status", "pick an extension", contains=True)
            assert await page.get_attribute("#status", "class") == "hint"
            await see(page, "#log", '"request":"myextension"', contains=True)
            assert await page.locator("#log .fail").count() == 0  # the expected "not found" is not shown as an error
            assert await page.input_value("#extension") == ""

            await page.fill("#extension", "103")
            await page.click("#btn-monitor")
            await see(page, "#status", "monitoring 103")
            await page.close()

            again = await context.new_page()  # a later visit in the same browser
            await again.goto(f"{stack.rest_url}/softphone")
            await see(again, "#conn", "connected")
            await see(again, "#status", "press Connect to monitor 103")
            assert await again.input_value("#extension") == "103"
            await again.click("#btn-monitor")
            await see(again, "#status", "monitoring 103")
        finally:
            await context.close()
