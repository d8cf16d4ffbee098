#!/usr/bin/env python3
"""Train the events stage's sentence classifier (PLOVER type) and write ``src/dateline/data/events/classifier.npz``.

Training material, both permissively licensed (never ``shared/eval``):

- NGEC synthetic PLOVER stories (Halterman 2023, github.com/ahalterman/NGEC-2025, MIT): each story's headline
  (the generation prompt, country filled in) and its lead sentence, labelled with the story's PLOVER type.
- PLOVER gold standard records (openeventdata/PLOVER, CC BY-SA 4.0): CAMEO-manual example sentences; old type
  names mapped to the current ontology (DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT).
  Two records are left out (``EXCLUDED``) because they share an 8-word run with a sentence of the PLV evaluation
  set (``scripts/check_event_overlap.py`` finds them); one of them is the same news sentence.

Features are :func:`dateline.events.sentence_features` (words, bigrams, the main verb with its objects,
prepositions, complements and negation, dependency triples, and the dictionary rules' hits), so the model learns
when to trust the rules. The model is a class-balanced softmax regression fitted with Adam and L2 in plain numpy;
the shipped file holds the feature vocabulary and float16 weights (the CC BY-SA 4.0 share-alike terms of the gold
records apply to it; attribution is stored in its ``about`` entry).

Model selection: ``--dev 0.15`` holds out 15% of the training stories (split by a hash of the story, so a
story's headline and lead stay together), trains on the rest and prints the held-out accuracy of the classifier
alone and of the whole events stage (the type of its top event, as ``dateline eval events`` scores it); nothing
is written then. The evaluation sets are not read.

Run: ``.venv/bin/python scripts/train_event_classifier.py [--shared ../shared] [--out PATH] [--cache DIR]``
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from dateline.events import EventStage, TypeClassifier, load_lexicon, sentence_features
from dateline.nlp import load_model

REPO = Path(__file__).resolve().parent.parent
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# Gold records sharing an 8-word run with a PLV evaluation sentence (scripts/check_event_overlap.py): left out so
# the evaluation stays a test. AGREE-0004 is the same news sentence; DEMAND-0034 shares a phrase.
EXCLUDED = {"PLOVER-GSR01-AGREE-0004", "PLOVER-GSR01-DEMAND-0034"}
ABOUT = (
    "dateline events classifier: softmax regression over dateline.events.sentence_features, trained by "
    "scripts/train_event_classifier.py on NGEC synthetic PLOVER stories (Halterman 2023, "
    "github.com/ahalterman/NGEC-2025, MIT) and the PLOVER gold standard records (Open Event Data Alliance, "
    "github.com/openeventdata/PLOVER, CC BY-SA 4.0). This file is licensed CC BY-SA 4.0."
)


def examples(shared: Path) -> list[tuple[str, str, str]]:
    """(text, PLOVER type, group) triples; a story gives its headline and its lead (first 600 characters, of
    which the first sentence is used). ``group`` names the story, for a held-out split that keeps it whole."""
    out: list[tuple[str, str, str]] = []
    zpath = shared / "data" / "ngec-synthetic-events" / "gpt_synthetic_events_2023-10-19_19.csv.zip"
    with zipfile.ZipFile(zpath) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv") and not n.startswith("__MACOSX"))
        for i, row in enumerate(csv.DictReader(io.TextIOWrapper(zf.open(name), encoding="utf-8"))):
            headline = row["prompt"].split("\n")[0].strip()
            if headline:
                out.append((headline, row["label"], f"ngec-{i}"))
            out.append((row["text"][:600], row["label"], f"ngec-{i}"))
    gsr = json.loads((shared / "data" / "plover-gold-records" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    for rec in gsr[1:]:
        if rec.get("text") and rec.get("event") and rec.get("id") not in EXCLUDED:
            out.append((rec["text"], OLD_NAMES.get(rec["event"], rec["event"]), rec["id"]))
    return out


def parse(texts: list[str], cache: Path | None) -> list[Any]:
    """spaCy docs of the texts' first sentences (cached as a DocBin keyed by the texts, to iterate quickly)."""
    from spacy.tokens import DocBin

    nlp = load_model()
    key = hashlib.sha1("\n\x00".join(texts).encode()).hexdigest()[:16]
    path = cache / f"event-train-{key}.spacy" if cache else None
    if path is not None and path.exists():
        return list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
    docs = []
    for doc in nlp.pipe(texts, batch_size=64):
        sent = next(iter(doc.sents))
        docs.append(sent.as_doc())
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = DocBin(attrs=["ORTH", "LEMMA", "TAG", "POS", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START", "IS_STOP", "MORPH"])
        for d in docs:
            db.add(d)
        path.write_bytes(db.to_bytes())
    return docs


def featurize(docs: list[Any], stage: EventStage) -> list[list[str]]:
    """Each doc's (one sentence's) classifier features, with the dictionary rules' hits."""
    lex = stage.lexicon
    feats = []
    for doc in docs:
        sent = doc[:]
        hits = stage.sentence_hits(sent)
        feats.append(sentence_features(sent, [(h.tok, h.code) for h in hits], lex))
    return feats


def train(
    rows: list[np.ndarray], y: np.ndarray, n_feats: int, n_types: int, *, epochs: int, l2: float, lr: float, seed: int = 0,
    balance: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression on sparse binary rows (arrays of feature ids), mini-batch Adam with L2.

    ``balance`` 1 weighs each class by the inverse of its frequency (the synthetic set is skewed), 0 not at all."""
    rng = np.random.default_rng(seed)
    W = np.zeros((n_feats, n_types), np.float32)
    b = np.zeros(n_types, np.float32)
    counts = np.bincount(y, minlength=n_types).astype(np.float32)
    class_w = ((len(y) / (n_types * np.maximum(counts, 1))) ** balance).astype(np.float32)
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


def fit(feats: list[list[str]], labels: list[str], args: argparse.Namespace, gold: list[bool] | None = None) -> TypeClassifier:
    """Vocabulary (features seen in at least ``--min-count`` examples) and weights, as a :class:`TypeClassifier`.

    ``gold`` marks the real-news gold records, repeated ``--gold-weight`` times (the synthetic stories outnumber
    them thirty to one, and they read like the news the stage meets)."""
    if gold is not None and args.gold_weight > 1:
        extra = [i for i, g in enumerate(gold) if g] * (args.gold_weight - 1)
        feats = feats + [feats[i] for i in extra]
        labels = labels + [labels[i] for i in extra]
    counts = Counter(f for fs in feats for f in set(fs))
    vocab = sorted(f for f, c in counts.items() if c >= args.min_count)
    index = {f: i for i, f in enumerate(vocab)}
    types = sorted(set(labels))
    y = np.array([types.index(t) for t in labels])
    rows = [np.array(sorted({index[f] for f in fs if f in index}), np.int64) for fs in feats]
    W, b = train(rows, y, len(vocab), len(types), epochs=args.epochs, l2=args.l2, lr=args.lr, balance=args.balance)
    W16, b16 = W.astype(np.float16), b.astype(np.float16)  # what ships
    return TypeClassifier(index, W16.astype(np.float32), b16.astype(np.float32), tuple(types))


def held_out(group: str, share: float) -> bool:
    return int(hashlib.md5(group.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < share


# Stage settings compared by --dev: the shipped defaults, the old combination (rerank only), and variations.
DEV_GRID: list[dict[str, float]] = [
    {},
    {"classifier_threshold": 0.5, "classifier_override": 1.1, "statement_threshold": 1.1},
    {"intent_reject": False},
    {"intent": False},
    *(
        {"classifier_weight": w, "classifier_threshold": t, "classifier_override": o, "main_bonus": m}
        for w in (0.5, 0.7, 0.9)
        for t in (0.2, 0.3)
        for o in (0.5, 0.6)
        for m in (0.1, 0.2, 0.3)
    ),
]


def dev_tops(clf: TypeClassifier, docs: list[Any], feats: list[list[str]]) -> dict[str, list[str]]:
    """Each held-out sentence's predicted type: by the classifier alone, by the rules alone, and by the events
    stage's top event under each :data:`DEV_GRID` setting."""
    from dateline.evaluation.events import top_event
    from dateline.models import Article

    out: dict[str, list[str]] = {"classifier": [], "rules": []}
    for fs in feats:
        p = clf.probabilities(fs)
        out["classifier"].append(max(p, key=p.__getitem__))
    stages = {"rules": EventStage(classifier=None)}
    for settings in DEV_GRID:
        st = EventStage(classifier=None, **settings)
        st.classifier = clf
        stages["stage " + (" ".join(f"{k}={v}" for k, v in settings.items()) or "defaults")] = st
    for name, st in stages.items():
        tops = out.setdefault(name, [])
        for doc in docs:
            art = Article(id="dev", text=doc.text)
            art.doc = doc
            top = top_event(st.sentence_events(art, doc[:]))
            tops.append(top.type if top is not None else "NONE")
    return out


def dev_report(labels: list[str], tops: dict[str, list[str]], title: str) -> None:
    """Accuracy of each way of typing against the held-out labels (CONCEDE/RETREAT kept apart)."""
    n = len(labels)
    print(f"{title}: {n} held-out sentences")
    for name, pred in tops.items():
        print(f"  {name:30} {sum(p == g for p, g in zip(pred, labels)) / n:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "dateline" / "data" / "events" / "classifier.npz")
    ap.add_argument("--cache", type=Path, default=None, help="cache the parsed training sentences in this folder")
    ap.add_argument("--dev", type=float, default=0.0, help="hold out this share of stories, report, write nothing")
    ap.add_argument("--dev-gold", type=int, default=0, help="K-fold over the gold records (real news), report, write nothing")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--lr", type=float, default=0.02)
    ap.add_argument("--gold-weight", type=int, default=1, help="repeat each gold record this many times")
    ap.add_argument("--balance", type=float, default=1.0, help="class weight exponent (1 = inverse frequency)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    triples = examples(args.shared)
    texts = [t for t, _, _ in triples]
    labels = [lab for _, lab, _ in triples]
    docs = parse(texts, args.cache)
    stage = EventStage(classifier=None)
    load_lexicon()
    feats = featurize(docs, stage)
    print(f"{len(triples)} examples featurised in {time.perf_counter() - t0:.0f} s: {Counter(labels)}")
    is_gold = [g.startswith("PLOVER-") for _, _, g in triples]
    if args.dev:
        dev = [held_out(g, args.dev) for _, _, g in triples]
        tr = [i for i, d in enumerate(dev) if not d]
        te = [i for i, d in enumerate(dev) if d]
        clf = fit([feats[i] for i in tr], [labels[i] for i in tr], args, [is_gold[i] for i in tr])
        dev_report([labels[i] for i in te], dev_tops(clf, [docs[i] for i in te], [feats[i] for i in te]), "dev (stories)")
    if args.dev_gold:
        # The gold records are real news sentences like those the stage meets: K folds, each trained on the
        # synthetic stories and the other folds.
        gold = [i for i, (_, _, g) in enumerate(triples) if g.startswith("PLOVER-")]
        fold = {i: int(hashlib.md5(triples[i][2].encode()).hexdigest()[:8], 16) % args.dev_gold for i in gold}
        tops: dict[str, list[str]] = {}
        gold_labels: list[str] = []
        for k in range(args.dev_gold):
            te = [i for i in gold if fold[i] == k]
            tr = [i for i in range(len(triples)) if fold.get(i, -1) != k]
            clf = fit([feats[i] for i in tr], [labels[i] for i in tr], args, [i in fold for i in tr])
            for name, pred in dev_tops(clf, [docs[i] for i in te], [feats[i] for i in te]).items():
                tops.setdefault(name, []).extend(pred)
            gold_labels += [labels[i] for i in te]
        dev_report(gold_labels, tops, f"dev (gold records, {args.dev_gold}-fold)")
    if args.dev or args.dev_gold:
        return
    clf = fit(feats, labels, args, is_gold)
    vocab = sorted(clf.vocab, key=clf.vocab.__getitem__)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        vocab=np.array(vocab),
        weights=clf.weights.astype(np.float16),
        bias=clf.bias.astype(np.float16),
        types=np.array(clf.types),
        about=np.array(ABOUT),
    )
    print(f"{len(vocab)} features x {len(clf.types)} types -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
