"""Load test: simulated visitors — real Chromium tabs and protocol-level sessions — walking across the pages."""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

from bench import browser, protocol


@dataclass
class Tally:
    """What one visitor saw: page-complete times in seconds, and every error with the page it happened on."""

    kind: str
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _order(urls: list[str], rng: random.Random) -> list[str]:
    start = rng.randrange(len(urls))
    return urls[start:] + urls[:start]


async def protocol_visitor(base: str, urls: list[str], deadline: float, think: float, seed: int) -> Tally:
    """A session without a browser: asks for each page over /_stcore/stream until the deadline."""
    rng, tally = random.Random(seed), Tally("protocol")
    try:
        async with protocol.Session(base, timeout=60) as session:
            while time.monotonic() < deadline:
                for url in _order(urls, rng):
                    if time.monotonic() >= deadline:
                        break
                    visit = await session.visit(url)
                    tally.times.append(visit.seconds)
                    if visit.error:
                        tally.errors.append(f"/{url}: {visit.error}")
                    await asyncio.sleep(think * rng.uniform(0.5, 1.5))
    except Exception as exc:  # noqa: BLE001 — a refused or dropped connection is an error to count
        tally.errors.append(f"connection: {type(exc).__name__}: {exc}"[:200])
    return tally


async def _wait_finished(counter: list[int], seen: int, timeout: float) -> None:
    async with asyncio.timeout(timeout):
        while counter[0] == seen:
            await asyncio.sleep(0.01)


async def _complete(page, counter: list[int], seen: int, charts: int, timeout: float = 60.0) -> None:
    await _wait_finished(counter, seen, timeout)
    await page.wait_for_function(browser.COMPLETE, arg=charts, polling=25, timeout=timeout * 1000)
    if await page.locator('[data-testid="stException"]').count():
        raise RuntimeError("the page shows an exception")


async def browser_visitor(chromium, base: str, urls: list[str], charts: dict[str, int], deadline: float,
                          think: float, seed: int) -> Tally:
    """A Chromium tab: opens the site, then follows the sidebar links page after page until the deadline."""
    rng, tally = random.Random(seed), Tally("browser")
    context = await chromium.new_context(viewport=browser.VIEWPORT)
    try:
        page = await context.new_page()
        finished = [0]

        def frame(payload: bytes | str) -> None:
            finished[0] += browser.finished_runs(payload)

        page.on("websocket", lambda ws: ws.on("framereceived", frame))
        order = _order(urls, rng)
        start = time.perf_counter()
        await page.goto(f"{base}/{order[0]}", wait_until="commit", timeout=60_000)
        await _complete(page, finished, 0, charts.get(order[0], 0))
        tally.times.append(time.perf_counter() - start)
        while time.monotonic() < deadline:
            for url in order[1:] + order[:1]:
                if time.monotonic() >= deadline:
                    break
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))
                seen = finished[0]
                start = time.perf_counter()
                try:
                    await page.locator(browser.sidebar_link(url)).first.click(timeout=30_000)
                    await _complete(page, finished, seen, charts.get(url, 0))
                    tally.times.append(time.perf_counter() - start)
                except Exception as exc:  # noqa: BLE001 — counted; the visitor goes on to the next page
                    tally.errors.append(f"/{url}: {type(exc).__name__}: {exc}"[:200])
    except Exception as exc:  # noqa: BLE001
        tally.errors.append(f"browser session: {type(exc).__name__}: {exc}"[:200])
    finally:
        await context.close()
    return tally
