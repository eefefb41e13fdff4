"""Dev measurement (not a test): score scan() on a JSONL corpus or a marked-up file.

Usage: .venv/bin/python tests/phi/dev/eval_set.py PATH [miss|fp|all]
Prints recall overall and per category, precision, hard negatives flagged, leak-free share,
PHI-free clean share, and (with miss/fp/all) the misses and false positives.
"""

import collections
import importlib.util
import json
import sys
import time
from pathlib import Path

from allteach.phi import scan

ROOT = Path(__file__).resolve().parents[3]


def load(path: Path) -> list[dict]:
    if path.suffix == ".jsonl":
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    spec = importlib.util.spec_from_file_location("markup", ROOT / "bench" / "phi" / "markup.py")
    markup = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(markup)
    recs, cur, lines = [], None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("=== "):
            if cur:
                recs.append((cur, "\n".join(lines)))
            cur, lines = line[4:].strip(), []
        elif cur:
            lines.append(line)
    if cur:
        recs.append((cur, "\n".join(lines)))
    out = []
    for rid, marked in recs:
        text, spans, negs = markup.parse_marked(marked.strip("\n"))
        kind = "phi" if spans else "clean"
        out.append({"id": rid, "text": text, "kind": kind, "spans": spans, "hard_negatives": negs})
    return out


def main() -> None:
    path = Path(sys.argv[1])
    show = sys.argv[2] if len(sys.argv) > 2 else ""
    recs = load(path)
    tot, hit = collections.Counter(), collections.Counter()
    tp = fp = negs = neghit = phi_cases = leak_free = clean = clean_ok = 0
    misses, fps = [], []
    cpu = 0.0
    for r in recs:
        text = r["text"]
        t0 = time.process_time()
        fs = scan(text)
        cpu += time.process_time() - t0
        ok_case = True
        for g in r["spans"]:
            tot[g["label"]] += 1
            need = [i for i in range(g["start"], g["end"]) if text[i].isalnum()]
            if any(all(f.start <= i < f.end for i in need) for f in fs):
                hit[g["label"]] += 1
            else:
                ok_case = False
                ctx = text[max(0, g["start"] - 50) : g["end"] + 30].replace("\n", " / ")
                misses.append((r["id"], g["label"], text[g["start"] : g["end"]], ctx))
        if r["spans"]:
            phi_cases += 1
            leak_free += ok_case
        else:
            clean += 1
            clean_ok += not fs
        for f in fs:
            if any(f.start < g["end"] and g["start"] < f.end for g in r["spans"]):
                tp += 1
            else:
                fp += 1
                ctx = text[max(0, f.start - 40) : f.end + 30].replace("\n", " / ")
                fps.append((r["id"], f.label, text[f.start : f.end], f.reason, ctx))
        for h in r.get("hard_negatives", []):
            negs += 1
            neghit += any(f.start < h["end"] and h["start"] < f.end for f in fs)
    total = sum(tot.values())
    print(f"{path.name}: {len(recs)} cases, {total} spans")
    for lab in sorted(tot):
        print(f"  {lab:<12}{hit[lab]:>4}/{tot[lab]:<4}{hit[lab] / tot[lab]:>7.1%}")
    print(
        f"recall {sum(hit.values()) / max(1, total):.3f}  precision {tp / max(1, tp + fp):.3f}  "
        f"hardneg flagged {neghit}/{negs}  leak-free {leak_free}/{phi_cases}  "
        f"clean ok {clean_ok}/{clean}  cpu {cpu:.2f}s"
    )
    if show in ("miss", "all"):
        for m in misses:
            print("MISS", *m, sep=" | ")
    if show in ("fp", "all"):
        for f in fps:
            print("FP  ", *f, sep=" | ")


if __name__ == "__main__":
    main()
