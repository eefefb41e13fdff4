"""Train the name-token scorer (``allteach.phi.namemodel``) and write its weights.

Usage (from the repository root, standard library only, deterministic):

    .venv/bin/python src/allteach/phi/training/train_names.py

Training data: the synthetic generator (``bench/phi/corpus.py``, seeds 101-112; seed 7 is the
generator evaluation and is left out), ``bench/phi/dev3.jsonl``,
``tests/phi/regression/misses.jsonl``, ``tests/phi/dev/mine_marked.txt`` and the hand-written
``names_marked.txt`` beside this script. ``bench/phi/dev2.jsonl`` and ``bench/phi/heldout.jsonl``
are for validation only and are never read here.
Model: logistic regression over binary features, Adagrad, fixed seed and epoch count.
"""

import gzip
import importlib.util
import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench" / "phi"))

import corpus  # noqa: E402

from allteach.phi import namemodel  # noqa: E402

SEED = 13
EPOCHS = 12
RATE = 0.2
L2 = 1e-5
MIN_COUNT = 2
HAND_WEIGHT = 4  # hand-written cases stand for real text: count them several times
OUT = ROOT / "src" / "allteach" / "phi" / "data" / namemodel.WEIGHTS_FILE
HERE = Path(__file__).resolve().parent


def _marked(path: Path) -> list[dict]:
    spec = importlib.util.spec_from_file_location("markup", ROOT / "bench" / "phi" / "markup.py")
    markup = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(markup)
    recs, cur, lines = [], None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("=== "):
            if cur:
                recs.append("\n".join(lines))
            cur, lines = line[4:].strip(), []
        elif cur:
            lines.append(line)
    if cur:
        recs.append("\n".join(lines))
    out = []
    for marked in recs:
        text, spans, _ = markup.parse_marked(marked.strip("\n"))
        out.append({"text": text, "spans": spans})
    return out


def _jsonl(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in lines if x.strip()]


def records() -> list[tuple[dict, int]]:
    out: list[tuple[dict, int]] = []
    for seed in range(101, 113):
        out += [(r, 1) for r in corpus.generate(300, seed)]
    out += [(r, 2) for r in _jsonl(ROOT / "bench" / "phi" / "dev3.jsonl")]
    out += [(r, 2) for r in _jsonl(ROOT / "tests" / "phi" / "regression" / "misses.jsonl")]
    out += [(r, 2) for r in _marked(ROOT / "tests" / "phi" / "dev" / "mine_marked.txt")]
    out += [(r, HAND_WEIGHT) for r in _marked(HERE / "names_marked.txt")]
    return out


def examples(recs: list[tuple[dict, int]]) -> list[tuple[list[str], int, int]]:
    """(features, label, weight) for every candidate token of every record."""
    out = []
    for rec, weight in recs:
        text = rec["text"]
        mode = namemodel.mode_of(text)
        if mode == "upper":
            continue
        gold = [(s["start"], s["end"]) for s in rec["spans"] if s["label"] == "NAME"]
        toks = namemodel.tokenize(text)
        counts: dict[str, int] = {}
        for t in toks:
            if t.cap:
                counts[t.raw] = counts.get(t.raw, 0) + 1
        for i, t in enumerate(toks):
            if not namemodel.candidate(t, mode):
                continue
            y = int(any(s <= t.start and t.end <= e for s, e in gold))
            out.append((namemodel.features(text, toks, i, counts), y, weight))
    return out


def train(data: list[tuple[list[str], int, int]]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for feats, _, _ in data:
        for x in feats:
            counts[x] = counts.get(x, 0) + 1
    keep = {x for x, c in counts.items() if c >= MIN_COUNT}
    data = [([x for x in feats if x in keep], y, w) for feats, y, w in data]
    w: dict[str, float] = dict.fromkeys(sorted(keep), 0.0)
    g2: dict[str, float] = dict.fromkeys(w, 1e-8)
    rng = random.Random(SEED)
    order = list(range(len(data)))
    for epoch in range(EPOCHS):
        rng.shuffle(order)
        loss = 0.0
        for n in order:
            feats, y, weight = data[n]
            z = sum(w[x] for x in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            loss -= weight * math.log(p if y else 1.0 - p + 1e-12)
            g = (p - y) * weight
            for x in feats:
                gx = g + L2 * w[x]
                g2[x] += gx * gx
                w[x] -= RATE * gx / math.sqrt(g2[x])
        print(f"epoch {epoch + 1}: loss {loss / len(data):.4f}", file=sys.stderr)
    return {x: round(v, 3) for x, v in sorted(w.items()) if abs(v) >= 0.01}


def main() -> None:
    data = examples(records())
    pos = sum(y for _, y, _ in data)
    print(f"{len(data)} candidate tokens, {pos} inside names", file=sys.stderr)
    w = train(data)
    blob = json.dumps(
        {"model": "logistic regression, allteach.phi.namemodel", "seed": SEED, "weights": w},
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    ).encode("utf-8")
    OUT.write_bytes(gzip.compress(blob, mtime=0))
    print(f"{len(w)} weights -> {OUT} ({OUT.stat().st_size:,} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
