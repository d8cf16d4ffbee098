#!/usr/bin/env python3
"""Train the events stage's sentence classifier (PLOVER type) and write ``src/dateline/data/events/classifier.npz``.

Training material, both permissively licensed (never ``shared/eval``):

- NGEC synthetic PLOVER stories (Halterman 2023, github.com/ahalterman/NGEC-2025, MIT): each story's headline
  (the generation prompt, country filled in) and its lead sentence, labelled with the story's PLOVER type.
- PLOVER gold standard records (openeventdata/PLOVER, CC BY-SA 4.0): CAMEO-manual example sentences; old type
  names mapped to the current ontology (DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT).

Features are :func:`dateline.events.sentence_features` (words, bigrams, root verb, and the dictionary rules'
hits), so the model learns when to trust the rules. The model is a softmax regression fitted with Adam and L2 in
plain numpy; the shipped file holds the feature vocabulary and float16 weights (the CC BY-SA 4.0 share-alike terms
of the gold records apply to it; attribution is stored in its ``about`` entry).

Run: ``.venv/bin/python scripts/train_event_classifier.py [--shared ../shared] [--out PATH]``
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import pickle
import time
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

from dateline.events import EventStage, load_lexicon, sentence_features
from dateline.nlp import load_model

REPO = Path(__file__).resolve().parent.parent
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
ABOUT = (
    "dateline events classifier: softmax regression over dateline.events.sentence_features, trained by "
    "scripts/train_event_classifier.py on NGEC synthetic PLOVER stories (Halterman 2023, "
    "github.com/ahalterman/NGEC-2025, MIT) and the PLOVER gold standard records (Open Event Data Alliance, "
    "github.com/openeventdata/PLOVER, CC BY-SA 4.0). This file is licensed CC BY-SA 4.0."
)


def examples(shared: Path) -> list[tuple[str, str]]:
    """(text, PLOVER type) pairs; a story gives its headline and its first 600 characters (lead sentence)."""
    out: list[tuple[str, str]] = []
    zpath = shared / "data" / "ngec-synthetic-events" / "gpt_synthetic_events_2023-10-19_19.csv.zip"
    with zipfile.ZipFile(zpath) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv") and not n.startswith("__MACOSX"))
        for row in csv.DictReader(io.TextIOWrapper(zf.open(name), encoding="utf-8")):
            headline = row["prompt"].split("\n")[0].strip()
            if headline:
                out.append((headline, row["label"]))
            out.append(("LEAD:" + row["text"][:600], row["label"]))
    gsr = json.loads((shared / "data" / "plover-gold-records" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    for rec in gsr[1:]:
        if rec.get("text") and rec.get("event"):
            out.append((rec["text"], OLD_NAMES.get(rec["event"], rec["event"])))
    return out


def featurize(pairs: list[tuple[str, str]], cache: Path | None) -> list[list[str]]:
    """Feature lists of each example's first sentence (cached, keyed by the texts, to iterate quickly)."""
    key = hash(tuple(t for t, _ in pairs))
    if cache and cache.exists():
        saved_key, feats = pickle.loads(cache.read_bytes())
        if saved_key == key:
            return feats
    nlp = load_model()
    stage = EventStage(classifier=None)
    lex = load_lexicon()
    texts = [t.removeprefix("LEAD:") for t, _ in pairs]
    feats = []
    for doc in nlp.pipe(texts, batch_size=64):
        sent = next(iter(doc.sents))
        hits = stage.sentence_hits(sent)
        feats.append(sentence_features(sent, [(h.tok, h.code) for h in hits], lex))
    if cache:
        cache.write_bytes(pickle.dumps((key, feats)))
    return feats


def train(
    rows: list[np.ndarray], y: np.ndarray, n_feats: int, n_types: int, *, epochs: int, l2: float, lr: float, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression on sparse binary rows (arrays of feature ids), mini-batch Adam with L2; class-balanced."""
    rng = np.random.default_rng(seed)
    W = np.zeros((n_feats, n_types), np.float32)
    b = np.zeros(n_types, np.float32)
    counts = np.bincount(y, minlength=n_types).astype(np.float32)
    class_w = (len(y) / (n_types * np.maximum(counts, 1))).astype(np.float32)  # balance the skewed synthetic set
    mW, vW = np.zeros_like(W), np.zeros_like(W)
    mb, vb = np.zeros_like(b), np.zeros_like(b)
    step = 0
    for _ in range(epochs):
        order = rng.permutation(len(rows))
        for start in range(0, len(order), 64):
            batch = order[start : start + 64]
            lens = np.array([len(rows[i]) for i in batch])
            flat = np.concatenate([rows[i] for i in batch]).astype(np.int64)
            owner = np.repeat(np.arange(len(batch)), lens)
            logits = np.tile(b, (len(batch), 1))
            np.add.at(logits, owner, W[flat])
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(batch)), y[batch]] -= 1.0
            p *= class_w[y[batch]][:, None] / len(batch)
            gW = np.zeros_like(W)
            np.add.at(gW, flat, p[owner])
            gW += l2 * W
            gb = p.sum(axis=0)
            step += 1
            for param, g, m, v in ((W, gW, mW, vW), (b, gb, mb, vb)):
                m *= 0.9
                m += 0.1 * g
                v *= 0.999
                v += 0.001 * g * g
                param -= lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return W, b


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "dateline" / "data" / "events" / "classifier.npz")
    ap.add_argument("--cache", type=Path, default=None, help="cache the training features here (a pickle)")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--lr", type=float, default=0.02)
    args = ap.parse_args()
    t0 = time.perf_counter()
    pairs = examples(args.shared)
    feats = featurize(pairs, args.cache)
    print(f"{len(pairs)} examples featurised in {time.perf_counter() - t0:.0f} s: {Counter(t for _, t in pairs)}")
    counts = Counter(f for fs in feats for f in set(fs))
    vocab = sorted(f for f, c in counts.items() if c >= args.min_count)
    index = {f: i for i, f in enumerate(vocab)}
    types = sorted({t for _, t in pairs})
    y = np.array([types.index(t) for _, t in pairs])
    rows = [np.array(sorted({index[f] for f in fs if f in index}), np.int64) for fs in feats]
    W, b = train(rows, y, len(vocab), len(types), epochs=args.epochs, l2=args.l2, lr=args.lr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        vocab=np.array(vocab),
        weights=W.astype(np.float16),
        bias=b.astype(np.float16),
        types=np.array(types),
        about=np.array(ABOUT),
    )
    print(f"{len(vocab)} features x {len(types)} types -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
