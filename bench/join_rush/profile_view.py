"""Time the join path in one process, piece by piece, against a database run.py kept (--keep).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/allteach_bench SECRET_KEY=... \
    DJANGO_SETTINGS_MODULE=allteach.settings .venv/bin/python bench/join_rush/profile_view.py --n 300

Reports median/p99 of: the SELECT, the UPDATE (autocommit: includes the WAL flush), the whole
join_link_follow, the same UPDATE with synchronous_commit off, and the full view through
Django's test client (middleware included), next to /healthz.
"""

import argparse
import statistics
import time


def summary(name: str, samples: list[float]) -> None:
    samples = sorted(samples)
    p99 = samples[min(len(samples) - 1, int(0.99 * len(samples)))]
    print(
        f"{name:<44} median {statistics.median(samples) * 1000:7.2f} ms   p99 {p99 * 1000:7.2f} ms   n={len(samples)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--cprofile", type=int, default=0, help="also cProfile this many joins")
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.db.models import F
    from django.test import Client
    from django.utils import timezone

    from allteach.conferencing.models import JoinLink
    from allteach.conferencing.services import join_link_follow

    tokens = list(
        JoinLink.objects.order_by("?").values_list("token", flat=True)[: args.n * 5 + args.cprofile]
    )
    chunks = [tokens[i * args.n : (i + 1) * args.n] for i in range(5)]
    clock = time.perf_counter

    select, update, update_async, follow, view = [], [], [], [], []
    for token in chunks[0]:
        t = clock()
        link = (
            JoinLink.objects.select_related(
                "session", "session__cohort", "session__cohort__program", "user"
            )
            .filter(token=token)
            .first()
        )
        select.append(clock() - t)
        t = clock()
        JoinLink.objects.filter(pk=link.pk).update(
            clicks=F("clicks") + 1, last_clicked_at=timezone.now()
        )
        update.append(clock() - t)
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
    for token in chunks[1]:
        pk = JoinLink.objects.filter(token=token).values_list("pk", flat=True)[0]
        t = clock()
        JoinLink.objects.filter(pk=pk).update(
            clicks=F("clicks") + 1, last_clicked_at=timezone.now()
        )
        update_async.append(clock() - t)
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = on")
    for token in chunks[2]:
        t = clock()
        join_link_follow(token=token)
        follow.append(clock() - t)
    client = Client(HTTP_HOST="127.0.0.1")
    for token in chunks[3]:
        t = clock()
        response = client.get(f"/join/{token}")
        view.append(clock() - t)
        assert response.status_code == 302, response.status_code
    health = []
    for _ in range(args.n):
        t = clock()
        client.get("/healthz")
        health.append(clock() - t)

    if args.cprofile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for token in tokens[args.n * 5 :]:
            client.get(f"/join/{token}")
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)

    summary("SELECT link + session/cohort/program/user", select)
    summary("UPDATE clicks (autocommit, WAL flush)", update)
    summary("UPDATE clicks, synchronous_commit=off", update_async)
    summary("join_link_follow (whole service)", follow)
    summary("GET /join/<token> via test client", view)
    summary("GET /healthz via test client", health)


if __name__ == "__main__":
    main()
