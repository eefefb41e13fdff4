"""What-if for the join path: CPU (this process and its PostgreSQL backend) and wall time per
join for the current `join_link_follow` against a one-statement prototype (UPDATE ... RETURNING
plus a per-process cache of the session's meeting), against a database kept by run.py --keep.
Same environment variables as profile_view.py. Prototype only: nothing here is used by the app.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "prototype"))


def backend_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=400)
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from join_prototype import follow_one_statement as prototype

    from allteach.conferencing import services
    from allteach.conferencing.models import JoinLink

    def follow_one_statement(token: str) -> str:
        return prototype(token=token)

    tokens = list(JoinLink.objects.order_by("?").values_list("token", flat=True)[: args.n * 2])
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    variants = [
        (
            "current join_link_follow",
            lambda t: services.join_link_follow(token=t),
            tokens[: args.n],
        ),
        ("one-statement prototype", follow_one_statement, tokens[args.n :]),
    ]
    for t in tokens[:20]:  # warm both paths (clicks on these 20 go to 2+)
        services.join_link_follow(token=t)
        follow_one_statement(t)
    a = services.join_link_follow(token=tokens[0]).split("#")[0]
    b = follow_one_statement(tokens[0]).split("#")[0]
    assert a == b, (a, b)
    for name, fn, chunk in variants:
        walls = []
        cpu0, pg0 = time.process_time(), backend_cpu(backend)
        for token in chunk:
            t = time.perf_counter()
            fn(token)
            walls.append(time.perf_counter() - t)
        cpu, pg = time.process_time() - cpu0, backend_cpu(backend) - pg0
        walls.sort()
        print(
            f"{name:<28} Python CPU {1000 * cpu / len(chunk):5.2f} ms/join   PostgreSQL backend CPU "
            f"{1000 * pg / len(chunk):5.2f} ms/join   wall median {1000 * statistics.median(walls):6.2f} ms"
            f"  p99 {1000 * walls[int(0.99 * len(walls))]:6.2f} ms"
        )


if __name__ == "__main__":
    main()
