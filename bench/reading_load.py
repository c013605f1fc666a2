"""Readers of the reading view, run as a process of their own: `URL REQUESTS`, one reader for each
line of launch data on stdin; prints the pages' latencies (p50, p95 in ms; the p95 after each reader's first page, and the
slowest first page) and the rate as JSON."""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time

import httpx


async def main(url: str, launches: list[str], requests: int) -> None:
    times: list[float] = []
    first: list[float] = []  # each reader's first page: the draft read and laid out, once

    async def reader(n: int) -> None:
        # A reader is a phone of its own: one connection, kept alive between its pages.
        async with httpx.AsyncClient(base_url=url, timeout=60) as http:
            headers = {"Authorization": f"tma {launches[n]}"}
            for i in range(requests):
                start = time.perf_counter()
                answer = await http.get(f"/api/draft?page={(n + i) % 34}", headers=headers)
                answer.raise_for_status()
                (times if i else first).append(time.perf_counter() - start)

    began = time.perf_counter()
    await asyncio.gather(*(reader(n) for n in range(len(launches))))
    took = time.perf_counter() - began
    every = sorted(times + first)
    times.sort()
    print(json.dumps({
        "p50": statistics.median(every) * 1000,
        "p95": every[int(len(every) * 0.95)] * 1000,
        "warm_p95": times[int(len(times) * 0.95)] * 1000,
        "first_max": max(first) * 1000,
        "rate": len(every) / took,
    }))  # fmt: skip


if __name__ == "__main__":
    url, requests = sys.argv[1:]
    asyncio.run(main(url, sys.stdin.read().split(), int(requests)))
