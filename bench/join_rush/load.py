"""Open-loop HTTP load from its own process: one GET per line of --paths, at Poisson arrival
times with a front-loaded rush, over a bounded pool of concurrent connections.

Every request uses its own TCP connection (each person arrives on their own phone or browser),
sends `Connection: close`, never follows redirects, and is cut off after --timeout seconds.
The whole run is cut off at --seconds + --timeout + 15 s, so nothing here is unbounded.

Writes JSON to --out: {"meta": {...}, "rows": [[scheduled, started, finished, status, error,
location_ok], ...]} with times in seconds from the start of the run. `scheduled` is the arrival
time; latency measured from it includes any wait for a free connection slot (no coordinated
omission).
"""

import argparse
import asyncio
import json
import random
import sys
import time


def arrivals(
    n: int, seconds: float, front_share: float, front_seconds: float, seed: int
) -> list[float]:
    """n arrival times of a Poisson process whose rate is front_share*n/front_seconds for the
    first front_seconds and the rest spread evenly after: given the count, such a process's
    arrivals are independent draws from the normalised rate, sorted."""
    rng = random.Random(seed)
    times = []
    for _ in range(n):
        if rng.random() < front_share:
            times.append(rng.uniform(0.0, front_seconds))
        else:
            times.append(rng.uniform(front_seconds, seconds))
    times.sort()
    return times


async def fetch(host: str, port: int, path: str, expect_location: str) -> tuple[int, bool]:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(
            (
                f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: allteach-join-rush\r\n"
                "Accept: text/html\r\nConnection: close\r\n\r\n"
            ).encode("ascii")
        )
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        length = headers.get("content-length")
        if length is not None:
            await reader.readexactly(int(length))
        else:
            await reader.read(1 << 20)
        location_ok = True
        if expect_location:
            location_ok = headers.get("location", "").startswith(expect_location)
        return status, location_ok
    finally:
        writer.close()


async def run(args, paths: list[str]) -> dict:
    schedule = arrivals(len(paths), args.seconds, args.front_share, args.front_seconds, args.seed)
    rows: list[list] = [[t, None, None, None, "not started", False] for t in schedule]
    slots = asyncio.Semaphore(args.concurrency)
    loop = asyncio.get_running_loop()
    clock = time.perf_counter
    t0 = clock() + 0.1

    async def one(i: int, path: str) -> None:
        row = rows[i]
        async with slots:
            row[1] = clock() - t0
            try:
                status, location_ok = await asyncio.wait_for(
                    fetch(args.host, args.port, path, args.expect_location), args.timeout
                )
                row[3], row[4], row[5] = status, "", location_ok
            except TimeoutError:
                row[4] = "timeout"
            except (
                OSError,
                asyncio.IncompleteReadError,
                asyncio.LimitOverrunError,
                ValueError,
                IndexError,
            ) as error:
                row[4] = type(error).__name__
            row[2] = clock() - t0

    hard_stop = t0 + args.seconds + args.timeout + 15
    tasks = []
    for i, (when, path) in enumerate(zip(schedule, paths)):
        delay = t0 + when - clock()
        if delay > 0:
            await asyncio.sleep(delay)
        if clock() > hard_stop:
            break
        tasks.append(loop.create_task(one(i, path)))
    unfinished = 0
    if tasks:
        _, pending = await asyncio.wait(tasks, timeout=max(0.0, hard_stop - clock()))
        unfinished = len(pending)
        for task in pending:
            task.cancel()
        for row in rows[: len(tasks)]:
            if row[2] is None:
                row[4] = "unfinished"
    return {
        "meta": {
            "requests": len(paths),
            "launched": len(tasks),
            "unfinished": unfinished,
            "seconds": args.seconds,
            "front_share": args.front_share,
            "front_seconds": args.front_seconds,
            "concurrency": args.concurrency,
            "timeout": args.timeout,
            "wall": clock() - t0,
            "cpu": time.process_time(),
        },
        "rows": rows,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--paths", required=True, help="file with one request path per line")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--front-share", type=float, default=0.6)
    parser.add_argument("--front-seconds", type=float, default=30.0)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--expect-location", default="", help="a 3xx must redirect to a URL starting so"
    )
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("load is for loopback only")
    with open(args.paths) as f:
        paths = [line.strip() for line in f if line.strip()]
    result = asyncio.run(run(args, paths))
    with open(args.out, "w") as out:
        json.dump(result, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
