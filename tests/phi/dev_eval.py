"""Dev measurement (not a test): recall/precision on bench/phi/corpus.py and scan speed.

Usage: .venv/bin/python tests/phi/dev_eval.py [N] [SEED] [miss|fp|LABEL]
"""

import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "phi"))
import corpus

from allteach.phi import scan

n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
show = sys.argv[3] if len(sys.argv) > 3 else ""
recs = corpus.generate(n, seed)
tot = collections.Counter()
hit = collections.Counter()
hitl = collections.Counter()
fp = collections.Counter()
tp = collections.Counter()
negs = 0
neghit = 0
misses = []
fps = []
t0 = time.perf_counter()
chars = 0
for r in recs:
    text = r["text"]
    chars += len(text)
    fs = scan(text)
    for g in r["spans"]:
        tot[g["label"]] += 1
        need = [i for i in range(g["start"], g["end"]) if text[i].isalnum()]
        cov = [f for f in fs if all(f.start <= i < f.end for i in need)]
        if cov:
            hit[g["label"]] += 1
            if any(f.label == g["label"] for f in cov):
                hitl[g["label"]] += 1
            else:
                misses.append(
                    (
                        "LABEL",
                        g["label"],
                        [f.label for f in cov],
                        text[g["start"] : g["end"]],
                        text[max(0, g["start"] - 40) : g["end"] + 20],
                    )
                )
        else:
            misses.append(
                (
                    "MISS",
                    g["label"],
                    text[g["start"] : g["end"]],
                    text[max(0, g["start"] - 50) : g["end"] + 30],
                )
            )
    for f in fs:
        if any(f.start < g["end"] and g["start"] < f.end for g in r["spans"]):
            tp[f.label] += 1
        else:
            fp[f.label] += 1
            fps.append(
                (f.label, text[f.start : f.end], f.reason, text[max(0, f.start - 40) : f.end + 30])
            )
    for h in r["hard_negatives"]:
        negs += 1
        if any(f.start < h["end"] and h["start"] < f.end for f in fs):
            neghit += 1
el = time.perf_counter() - t0
print(f"{'label':<12}{'gold':>6}{'recall':>8}{'rec+lab':>8}{'prec':>7}")
for lab in sorted(set(tot) | set(fp)):
    p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else float("nan")
    print(
        f"{lab:<12}{tot[lab]:>6}{hit[lab] / max(1, tot[lab]):>8.3f}{hitl[lab] / max(1, tot[lab]):>8.3f}{p:>7.3f}"
    )
T = sum(tot.values())
print(
    "ALL",
    T,
    round(sum(hit.values()) / T, 3),
    round(sum(hitl.values()) / T, 3),
    "prec",
    round(sum(tp.values()) / (sum(tp.values()) + sum(fp.values())), 3),
    "hardneg flagged",
    neghit,
    "/",
    negs,
    f"{chars / el:,.0f} chars/s",
)
if show:
    for m in misses:
        if show in ("all", m[1]) or show == "miss":
            print(m)
    for f in fps:
        if show in ("all", "fp", f[0]):
            print("FP", f)

# Speed: CPU time (process_time) so that other load on the machine does not count.
words = " ".join(r["text"] for r in recs).split(" ")
cases = [" ".join(words[i * 2000 : (i + 1) * 2000]) for i in range(len(words) // 2000)]
times = []
for _ in range(3):
    for c in cases:
        t0 = time.process_time()
        scan(c)
        times.append(time.process_time() - t0)
times.sort()
cpu0 = time.process_time()
for r in recs:
    scan(r["text"])
cpu = time.process_time() - cpu0
print(
    f"CPU: {chars / cpu:,.0f} chars/s; 2000-word case ({len(times)} runs): median {times[len(times) // 2] * 1000:.1f} ms, p95 {times[int(0.95 * len(times)) - 1] * 1000:.1f} ms"
)
