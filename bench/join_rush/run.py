"""Join-rush benchmark: 10,000 people follow their personal `/join/<token>` link in two minutes.

Builds a throwaway PostgreSQL database (`allteach_bench`), serves it with `allteach serve`
(gunicorn), and drives it from a second process (`load.py`) with a front-loaded Poisson rush.
The same load against `/healthz` (one `SELECT 1`) is the floor of the stack, measured in the
same run. Goal: join p99 < 250 ms, no errors, and every link clicked exactly once.

    .venv/bin/python bench/join_rush/run.py [--people 10000] [--seconds 120] [--quick] [--keep]
"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent
DB_NAME = "allteach_bench"


def log(message: str) -> None:
    print(f"[join_rush {time.strftime('%H:%M:%S')}] {message}", flush=True)


def admin_conn(args) -> psycopg.Connection:
    return psycopg.connect(f"{args.pg}/postgres", autocommit=True)


def recreate_db(args) -> None:
    with admin_conn(args) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def drop_db(args) -> None:
    with admin_conn(args) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def db_sessions(args) -> tuple[int, int]:
    """(connections ever opened to the bench database, connections open now)."""
    with admin_conn(args) as conn:
        total = conn.execute(
            "SELECT sessions FROM pg_stat_database WHERE datname = %s", [DB_NAME]
        ).fetchone()[0]
        now = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND backend_type = 'client backend'",
            [DB_NAME],
        ).fetchone()[0]
    return int(total or 0), int(now)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(port: int, path: str, timeout: float = 2.0) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its direct children."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def pct(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), int(-(-q * len(sorted_values) // 100))))
    return sorted_values[rank - 1]


class Server:
    def __init__(self, args, env: dict, workdir: Path):
        self.port = free_port()
        self.log_path = workdir / "gunicorn.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115 -- open for the server's lifetime
        cmd = [
            str(BIN / "allteach"),
            "serve",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
        ]
        log("starting " + " ".join(cmd[1:]))
        self.proc = subprocess.Popen(
            cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT, cwd=workdir
        )
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}); see {self.log_path}")
            try:
                if http_get(self.port, "/healthz") == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer /healthz within 60 s")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()


def run_load(
    args,
    server: Server,
    workdir: Path,
    name: str,
    paths: list[str],
    *,
    seconds: float,
    front_seconds: float,
    concurrency: int,
    expect_location: str = "",
) -> dict:
    paths_file = workdir / f"{name}.paths"
    paths_file.write_text("\n".join(paths) + "\n")
    out = workdir / f"{name}.json"
    cmd = [
        sys.executable,
        str(HERE / "load.py"),
        "--port",
        str(server.port),
        "--paths",
        str(paths_file),
        "--out",
        str(out),
        "--seconds",
        str(seconds),
        "--front-share",
        str(args.front_share),
        "--front-seconds",
        str(front_seconds),
        "--concurrency",
        str(concurrency),
        "--timeout",
        str(args.timeout),
        "--seed",
        str(args.seed),
        "--expect-location",
        expect_location,
    ]
    sessions_before, _ = db_sessions(args)
    cpu_before = tree_cpu(server.proc.pid)
    busy_before = machine_busy()
    load = subprocess.Popen(cmd)
    # Machine CPU over the rush alone (the whole-phase figure dilutes it with the quiet tail).
    rush_busy = None
    try:
        load.wait(timeout=front_seconds)
    except subprocess.TimeoutExpired:
        rush_after = machine_busy()
        rush_busy = (rush_after[0] - busy_before[0]) / max(1, rush_after[1] - busy_before[1])
    try:
        returncode = load.wait(timeout=seconds + args.timeout + 60)
    except subprocess.TimeoutExpired:
        load.kill()
        raise
    if returncode:
        raise RuntimeError(f"load.py failed ({returncode})")
    busy_after = machine_busy()
    cpu_after = tree_cpu(server.proc.pid)
    time.sleep(0.6)  # PostgreSQL flushes its statistics at most once every 0.5 s
    sessions_after, open_now = db_sessions(args)
    result = json.loads(out.read_text())
    result["server_cpu"] = cpu_after - cpu_before
    result["machine_busy"] = (busy_after[0] - busy_before[0]) / max(
        1, busy_after[1] - busy_before[1]
    )
    result["machine_busy_rush"] = rush_busy if rush_busy is not None else result["machine_busy"]
    result["db_connections_opened"] = sessions_after - sessions_before
    result["db_connections_open"] = open_now
    result["loadavg"] = os.getloadavg()[0]
    return result


def summarise(name: str, result: dict, ok_status: int) -> dict:
    rows = result["rows"]
    errors: dict[str, int] = {}
    latencies, services, waits = [], [], []
    for scheduled, started, finished, status, error, location_ok in rows:
        if error:
            errors[error] = errors.get(error, 0) + 1
        elif status != ok_status:
            errors[f"HTTP {status}"] = errors.get(f"HTTP {status}", 0) + 1
        elif not location_ok:
            errors["wrong Location"] = errors.get("wrong Location", 0) + 1
        if finished is not None and not error:
            latencies.append((finished - scheduled) * 1000)
            services.append((finished - started) * 1000)
            waits.append((started - scheduled) * 1000)
    for values in (latencies, services, waits):
        values.sort()
    ends = [r[2] for r in rows if r[2] is not None]
    span = (max(ends) - min(r[0] for r in rows)) if ends else float("nan")
    buckets: dict[int, int] = {}
    for r in rows:
        buckets[int(r[0])] = buckets.get(int(r[0]), 0) + 1
    done: dict[int, int] = {}
    for r in rows:
        if r[2] is not None and not r[4]:
            done[int(r[2])] = done.get(int(r[2]), 0) + 1
    return {
        "name": name,
        "peak_done_rps": max(done.values()) if done else 0,
        "requests": len(rows),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "ok": len(rows) - sum(errors.values()),
        "span_s": span,
        "throughput": len(ends) / span if ends else 0.0,
        "peak_offered_rps": max(buckets.values()) if buckets else 0,
        "p50": pct(latencies, 50),
        "p95": pct(latencies, 95),
        "p99": pct(latencies, 99),
        "max": latencies[-1] if latencies else float("nan"),
        "service_p99": pct(services, 99),
        "slot_wait_p99": pct(waits, 99),
        "server_cpu_ms_per_req": 1000 * result["server_cpu"] / max(1, len(rows)),
        "machine_busy_pct": 100 * result["machine_busy"],
        "machine_busy_rush_pct": 100 * result["machine_busy_rush"],
        "db_connections_opened": result["db_connections_opened"],
        "db_connections_open": result["db_connections_open"],
        "load_cpu_s": result["meta"]["cpu"],
        "loadavg": result["loadavg"],
    }


def print_table(stats: list[dict], args) -> None:
    cols = [
        ("requests", "requests", "{:d}"),
        ("errors", "errors", "{:d}"),
        ("throughput", "req/s (achieved)", "{:.1f}"),
        ("peak_offered_rps", "peak 1 s arrivals", "{:d}"),
        ("peak_done_rps", "peak 1 s answers", "{:d}"),
        ("p50", "p50 ms", "{:.1f}"),
        ("p95", "p95 ms", "{:.1f}"),
        ("p99", "p99 ms", "{:.1f}"),
        ("max", "max ms", "{:.1f}"),
        ("service_p99", "p99 ms from connect", "{:.1f}"),
        ("slot_wait_p99", "p99 ms waiting for a slot", "{:.1f}"),
        ("server_cpu_ms_per_req", "gunicorn CPU ms/req", "{:.2f}"),
        ("machine_busy_rush_pct", "machine CPU busy % (rush)", "{:.0f}"),
        ("machine_busy_pct", "machine CPU busy % (phase)", "{:.0f}"),
        ("load_cpu_s", "load generator CPU s", "{:.1f}"),
        ("loadavg", "1-min load average after", "{:.1f}"),
        ("db_connections_opened", "DB connections opened", "{:d}"),
        ("db_connections_open", "DB connections open after", "{:d}"),
    ]
    width = max(len(c[1]) for c in cols) + 2
    print()
    print(f"{'':<{width}}" + "".join(f"{s['name']:>18}" for s in stats))
    for key, label, fmt in cols:
        print(f"{label:<{width}}" + "".join(f"{fmt.format(s[key]):>18}" for s in stats))
    for s in stats:
        if s["error_kinds"]:
            print(
                f"  {s['name']} errors: "
                + ", ".join(f"{k}: {v}" for k, v in sorted(s["error_kinds"].items()))
            )
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument(
        "--seconds", type=float, default=120.0, help="arrivals spread over this long"
    )
    parser.add_argument(
        "--front-share", type=float, default=0.6, help="share of arrivals in the rush"
    )
    parser.add_argument(
        "--front-seconds", type=float, default=None, help="length of the rush (seconds/4)"
    )
    parser.add_argument("--quick", action="store_true", help="smoke test: 1,000 people over 15 s")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4, help="1 gives gunicorn's sync worker")
    parser.add_argument(
        "--concurrency", type=int, default=200, help="most connections open at once"
    )
    parser.add_argument("--timeout", type=float, default=5.0, help="per-request timeout, seconds")
    parser.add_argument("--goal-p99-ms", type=float, default=250.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--pg", default=os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
    )
    parser.add_argument(
        "--synchronous-commit",
        choices=["on", "off"],
        default=None,
        help="what-if: set synchronous_commit on the bench database (default: the server's setting)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database and work folder")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    if args.quick:
        args.people, args.seconds = min(args.people, 1_000), 15.0
    front_seconds = args.front_seconds if args.front_seconds is not None else args.seconds / 4

    workdir = Path(tempfile.mkdtemp(prefix="join_rush_"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "allteach.settings",
        "DATABASE_URL": f"{args.pg}/{DB_NAME}",
        "SECRET_KEY": "join-rush-bench-" + "x" * 40,
        "ALLTEACH_DATA_DIR": str(workdir / "data"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "PYTHONUNBUFFERED": "1",
    }
    server = None
    try:
        log(f"recreating database {DB_NAME}; work folder {workdir}")
        recreate_db(args)
        started = time.perf_counter()
        allteach = str(BIN / "allteach")
        subprocess.run(
            [allteach, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=workdir
        )
        subprocess.run(
            [allteach, "collectstatic", "--noinput", "-v", "0"], env=env, check=True, cwd=workdir
        )
        log(f"migrated and collected static files in {time.perf_counter() - started:.1f} s")
        tokens_file = workdir / "tokens.txt"
        subprocess.run(
            [
                sys.executable,
                str(HERE / "setup_data.py"),
                "--people",
                str(args.people),
                "--tokens",
                str(tokens_file),
            ],
            env=env,
            check=True,
            cwd=workdir,
        )
        if args.synchronous_commit:
            with admin_conn(args) as conn:
                conn.execute(
                    f"ALTER DATABASE {DB_NAME} SET synchronous_commit = {args.synchronous_commit}"
                )
            log(f"what-if: synchronous_commit = {args.synchronous_commit} for {DB_NAME}")
        tokens = tokens_file.read_text().split()
        assert len(tokens) == args.people == len(set(tokens)), (
            "setup did not make one token per person"
        )

        server = Server(args, dict(env), workdir)
        worker_class = "gthread" if args.threads > 1 else "sync"
        log(
            f"gunicorn {worker_class}: {args.workers} workers x {args.threads} threads on port {server.port}"
        )

        # Warm-up (not measured): import the URLconf, templates and DB connections in every worker.
        warm = run_load(
            args,
            server,
            workdir,
            "warmup",
            ["/healthz"] * 200 + ["/join/not-a-real-token"] * 100,
            seconds=5,
            front_seconds=5,
            concurrency=args.workers * args.threads,
        )
        warm_bad = {
            k: v
            for k, v in summarise("warmup", warm, 200)["error_kinds"].items()
            if k != "HTTP 410"
        }
        if warm_bad:
            log(f"warm-up errors: {warm_bad}")

        log(
            f"baseline: {args.people} x /healthz over {args.seconds:.0f} s "
            f"({args.front_share:.0%} in the first {front_seconds:.0f} s)"
        )
        base = run_load(
            args,
            server,
            workdir,
            "healthz",
            ["/healthz"] * args.people,
            seconds=args.seconds,
            front_seconds=front_seconds,
            concurrency=args.concurrency,
        )
        log(f"join: {args.people} distinct /join/<token>, same arrival times")
        shuffled = tokens[:]
        random.Random(args.seed).shuffle(shuffled)
        join = run_load(
            args,
            server,
            workdir,
            "join",
            [f"/join/{t}" for t in shuffled],
            seconds=args.seconds,
            front_seconds=front_seconds,
            concurrency=args.concurrency,
            expect_location="https://meet.jit.si/",
        )
        server.stop()
        server_errors = [
            line
            for line in server.log_path.read_text().splitlines()
            if "[ERROR]" in line or "Traceback" in line or "WORKER TIMEOUT" in line
        ]

        with psycopg.connect(f"{args.pg}/{DB_NAME}") as conn:
            total, once, never, more = conn.execute(
                "SELECT count(*), count(*) FILTER (WHERE clicks = 1), count(*) FILTER (WHERE clicks = 0),"
                " count(*) FILTER (WHERE clicks > 1) FROM conferencing_joinlink"
            ).fetchone()
            stamped = conn.execute(
                "SELECT count(*) FROM conferencing_joinlink WHERE first_clicked_at IS NOT NULL"
                " AND first_clicked_at = last_clicked_at"
            ).fetchone()[0]

        stats = [summarise("join", join, 302), summarise("healthz", base, 200)]
        print()
        print(
            f"join rush: {args.people} people, {args.seconds:.0f} s, {args.front_share:.0%} of arrivals in the "
            f"first {front_seconds:.0f} s (Poisson), <= {args.concurrency} connections, {args.timeout:.0f} s "
            f"timeout; gunicorn {worker_class} {args.workers}x{args.threads}, PostgreSQL"
            f"{' (synchronous_commit=' + args.synchronous_commit + ')' if args.synchronous_commit else ''}"
            ", "
            f"{os.cpu_count()} cores"
        )
        print_table(stats, args)
        clicks_ok = total == args.people and once == args.people
        print(
            f"clicks: {once}/{total} links clicked exactly once ({never} never, {more} more than once); "
            f"{stamped} with first_clicked_at = last_clicked_at -> {'PASS' if clicks_ok else 'FAIL'}"
        )
        if server_errors:
            print(f"gunicorn log: {len(server_errors)} error lines, first: {server_errors[0]}")
        j = stats[0]
        p99_ok = j["p99"] < args.goal_p99_ms
        errors_ok = j["errors"] == 0
        goal_ok = p99_ok and errors_ok and clicks_ok
        print(
            f"goal: join p99 < {args.goal_p99_ms:.0f} ms ({j['p99']:.1f} ms: {'ok' if p99_ok else 'MISSED'}), "
            f"no errors ({j['errors']}: {'ok' if errors_ok else 'MISSED'}), every link clicked once "
            f"({'ok' if clicks_ok else 'MISSED'}) -> {'PASS' if goal_ok else 'FAIL'}"
        )
        print(
            f"(join p99 is {j['p99'] / stats[1]['p99']:.1f}x the healthz floor; "
            f"p50 {j['p50'] - stats[1]['p50']:+.1f} ms over it)"
        )
        if args.json:
            Path(args.json).write_text(
                json.dumps(
                    {
                        "args": vars(args),
                        "worker_class": worker_class,
                        "stats": stats,
                        "clicks": {"total": total, "once": once, "never": never, "more": more},
                        "pass": goal_ok,
                    },
                    indent=2,
                )
            )
        return 0 if goal_ok else 1
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            log(f"kept database {DB_NAME} and {workdir}")
        else:
            drop_db(args)
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
