"""Readers of the reading view, run as a process of their own: `URL REQUESTS`, one reader for each
line of launch data on stdin; prints as JSON the pages' latencies in ms (p50, p95; the p95 after
each reader's first page; the slowest first page) and the rate."""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from urllib.parse import urlsplit


class Reader:
    """One phone: a keep-alive HTTP/1.1 connection asking for pages. Plain asyncio streams, not
    an HTTP library: on this two-core machine the load shares the server's cores, and httpx
    spent more time on a page than the server did."""

    def __init__(self, host: str, port: int, launch: str) -> None:
        self.host, self.port = host, port
        self.head = f"Host: {host}\r\nAuthorization: tma {launch}\r\n\r\n".encode()

    async def __aenter__(self) -> Reader:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.writer.close()

    async def get(self, path: str) -> bytes:
        self.writer.write(f"GET {path} HTTP/1.1\r\n".encode() + self.head)
        status = await self.reader.readline()
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        body = await self.reader.readexactly(length)
        if b" 200 " not in status:
            raise RuntimeError(f"{status!r}: {body[:200]!r}")
        return body


async def main(url: str, launches: list[str], requests: int) -> None:
    times: list[float] = []
    first: list[float] = []  # each reader's first page: the draft read and laid out, once
    address = urlsplit(url)
    host, port = address.hostname or "127.0.0.1", address.port or 80

    async def reader(n: int) -> None:
        async with Reader(host, port, launches[n]) as phone:
            for i in range(requests):
                start = time.perf_counter()
                await phone.get(f"/api/draft?page={(n + i) % 34}")
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
