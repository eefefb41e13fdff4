"""Benchmark only: with BENCH_JOIN_PROTOTYPE=1 (run.py --prototype), swap the join view's
service for join_prototype.follow_one_statement once Django's apps are loaded (the URLconf,
and so the view module, is imported later, on the first request)."""

import os

if os.environ.get("BENCH_JOIN_PROTOTYPE") == "1":
    from django.apps import registry

    _populate = registry.Apps.populate

    def populate(self, installed_apps=None):
        _populate(self, installed_apps)
        import sys

        if self is not registry.apps or getattr(registry, "_bench_swapped", False):
            return  # migrations build other registries; swap once, in the real one
        registry._bench_swapped = True

        from join_prototype import follow_one_statement

        from allteach.conferencing import services

        services.join_link_follow = follow_one_statement
        views = sys.modules.get("allteach.conferencing.views")
        if views is not None:
            views.join_link_follow = follow_one_statement
        print(f"BENCH_JOIN_PROTOTYPE active in pid {os.getpid()}", file=sys.stderr, flush=True)

    registry.Apps.populate = populate
