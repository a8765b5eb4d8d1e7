#!/usr/bin/env python3
"""Trains claimlint's sentence scorer and writes Rules/claim-scorer.tsv.

  Scripts/train-scorer.py [--corpus DIR] [--check] [--features FILE] [--quiet] [--holdout-from N]

It builds the training dump (the ScorerFeatures target, declared when CLAIMLINT_TRAIN=1), which
prints every sentence of the corpus pages with its features as claimlint computes them at run time
(Sources/ClaimLint/Checks/SentenceFeatures.swift) and what the rules alone report there. A sentence
is positive when it overlaps an uncited, non-borderline labelled sentence of labels.jsonl, negative
when it overlaps no labelled sentence; the others (borderline or cited labels only) stay out of
training. Stems and first words count only when seen on at least MIN_PAGES different pages, so no
page-specific word is learned; the weights file names stems, never corpus text.

The model is L2-regularised logistic regression fitted by Newton's method (numpy, pinned below),
deterministic. The honest estimate is page-grouped 5-fold cross-validation of the combined system
(rules, then the scorer on the sentences they left, then the scorer dropping generic findings),
at sentence level as score.py counts: a labelled sentence is found when a flagged sentence overlaps
it; a flagged sentence is true when it overlaps an uncited labelled one. The thresholds are chosen
on those out-of-fold scores; in-sample scores are not an estimate of anything.

--holdout-from N writes nothing: it trains on the pages numbered below N only (choosing thresholds by
their cross-validation) and scores the pages from N up, which it never saw (pages 400-524 are the
project's own holdout): a second honest estimate, on whole unseen kinds of pages.

--check regenerates the file and fails when it differs from the committed one; without the corpus
(a user's clone has none) it says so and exits 0. .ci/run runs it.
"""
import argparse
import hashlib
import json
import os
import pathlib
import subprocess
import sys

NUMPY_PIN = "numpy==2.4.6"
ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "Rules" / "claim-scorer.tsv"
MIN_PAGES = 3
FOLDS = 5
# The L2 penalty and the thresholds' grid; the penalty is fixed (chosen once by the same CV), the
# thresholds are chosen by it on every run.
L2 = 2.0
REPORT_GRID = [x / 4 for x in range(-4, 17)]
DROP_GRID = [None] + [x / 2 for x in range(-12, 1)]
# Among thresholds, the one with the best F1 whose precision is at least the rules' own.
DIGITS = 4


def run_dump(docs):
    env = dict(os.environ, CLAIMLINT_TRAIN="1")
    subprocess.run(["swift", "build", "--product", "ScorerFeatures"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    binary = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True).stdout.strip()
    out = subprocess.run([os.path.join(binary, "ScorerFeatures")] + docs, cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def label_spans(corpus, labels):
    """Each label's byte range in its page (score.py finds labels by text, as here)."""
    spans = []
    cache = {}
    for label in labels:
        if label["doc"] not in cache:
            cache[label["doc"]] = open(os.path.join(corpus, "docs", label["doc"]), encoding="utf-8").read()
        text = cache[label["doc"]]
        at = text.find(label["text"])
        if at < 0:
            sys.exit(f"label not found in {label['doc']}: {label['text'][:60]!r}")
        start = len(text[:at].encode("utf-8"))
        spans.append((start, start + len(label["text"].encode("utf-8"))))
    return spans


def attach_labels(records, labels, spans):
    by_doc = {}
    for index, label in enumerate(labels):
        by_doc.setdefault(label["doc"], []).append(index)
    for record in records:
        record["doc"] = os.path.basename(record["file"])
        record["labels"] = [i for i in by_doc.get(record["doc"], [])
                            if spans[i][0] < record["end"] and record["start"] < spans[i][1]]
        strict = [i for i in record["labels"] if not labels[i]["cited"] and not borderline(labels[i])]
        record["y"] = 1 if strict else (0 if not record["labels"] else None)


def borderline(label):
    return label.get("why", "").startswith("borderline:")


def vocabulary(records):
    """Features kept for training: stems and first words seen on MIN_PAGES pages or more, the rest all."""
    pages = {}
    for record in records:
        for feature in record["features"]:
            pages.setdefault(feature, set()).add(record["doc"])
    return sorted(f for f, docs in pages.items()
                  if not f.startswith(("stem:", "first:")) or len(docs) >= MIN_PAGES)


def fit(records, features):
    import numpy as np
    index = {f: i for i, f in enumerate(features)}
    rows = [r for r in records if r["y"] is not None]
    x = np.zeros((len(rows), len(features) + 1))
    x[:, 0] = 1.0
    for row, record in enumerate(rows):
        for feature in record["features"]:
            if feature in index:
                x[row, index[feature] + 1] = 1.0
    y = np.array([r["y"] for r in rows], dtype=float)
    w = np.zeros(len(features) + 1)
    penalty = np.full(len(features) + 1, L2)
    penalty[0] = 0.0  # the intercept is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x.T * (p * (1 - p))) @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return float(w[0]), {f: float(w[i + 1]) for i, f in enumerate(features)}


def score(record, model):
    bias, weights = model
    return bias + sum(weights.get(f, 0.0) for f in record["features"])


def flagged(record, report_above, drop_below):
    if record["found"] == "specific":
        return True
    if record["found"] == "generic":
        return drop_below is None or record["score"] >= drop_below
    # As at run time, a sentence whose claim phrase the grammar cleared (negation, hedge) is left alone.
    return not record["cited"] and "shape:cleared" not in record["features"] and record["score"] > report_above


def evaluate(records, labels, flag):
    """Recall over strict uncited labels and precision over flagged sentences, as score.py counts."""
    strict = {i for i, label in enumerate(labels) if not label["cited"] and not borderline(label)}
    found = set()
    true = false = 0
    for record in records:
        if not flag(record):
            continue
        uncited = [i for i in record["labels"] if not labels[i]["cited"]]
        found.update(i for i in uncited if i in strict)
        if uncited:
            true += 1
        else:
            false += 1
    recall = len(found) / max(1, len(strict))
    precision = true / max(1, true + false)
    return recall, precision, true, false


def f1(recall, precision):
    return 0 if recall + precision == 0 else 2 * recall * precision / (recall + precision)


def cross_validate(records, labels):
    docs = sorted({r["doc"] for r in records})
    fold_of = {doc: i % FOLDS for i, doc in enumerate(docs)}
    for fold in range(FOLDS):
        train = [r for r in records if fold_of[r["doc"]] != fold]
        model = fit(train, vocabulary(train))
        for record in records:
            if fold_of[record["doc"]] == fold:
                record["score"] = score(record, model)
    rules = evaluate(records, labels, lambda r: r["found"] != "nothing")
    grid = []
    for report_above in REPORT_GRID:
        for drop_below in DROP_GRID:
            result = evaluate(records, labels, lambda r: flagged(r, report_above, drop_below))
            grid.append((report_above, drop_below, result))
    eligible = [g for g in grid if g[2][1] >= rules[1]] or grid
    best = max(eligible, key=lambda g: (round(f1(g[2][0], g[2][1]), 6), g[0], -(g[1] or -99)))
    return rules, best, grid


def page_number(doc):
    return int(doc.split("-", 1)[0])


def holdout_estimate(records, labels, first):
    """Trains on pages numbered below `first` and scores the others, as claimlint would run."""
    def only(keep):
        # Labels of the other pages count as cited: evaluate() then neither finds nor misses them.
        return [label if keep(page_number(label["doc"])) else dict(label, cited=True) for label in labels]
    train = [r for r in records if page_number(r["doc"]) < first]
    test = [r for r in records if page_number(r["doc"]) >= first]
    train_labels, test_labels = only(lambda n: n < first), only(lambda n: n >= first)
    _, (report_above, drop_below, cv), _ = cross_validate(train, train_labels)
    model = fit(train, vocabulary(train))
    for record in test:
        record["score"] = score(record, model)
    rules = evaluate(test, test_labels, lambda r: r["found"] != "nothing")
    combined = evaluate(test, test_labels, lambda r: flagged(r, report_above, drop_below))
    print(f"trained on {len({r['doc'] for r in train})} pages below {first} (CV: recall {cv[0]:.3f} precision "
          f"{cv[1]:.3f}), scored on {len({r['doc'] for r in test})} pages from {first} up:")
    print(f"rules alone:    recall {rules[0]:.3f} precision {rules[1]:.3f}")
    print(f"rules + scorer: recall {combined[0]:.3f} precision {combined[1]:.3f}")
    return 0


def render(model, report_above, drop_below, provenance):
    bias, weights = model
    lines = ["# claimlint's claim scorer: logistic-regression weights over sentence features.",
             "# Generated by Scripts/train-scorer.py; do not edit (Scripts/train-scorer.py --check compares).",
             "# Features: stem:S (a word's Snowball stem), first:S (the first word's stem), lexicon:NAME,",
             "# rule:ID (a rule found something in the sentence), shape:NAME; bias is the intercept;",
             "# threshold:report and threshold:drop are log-odds (likely-claim above, generic findings dropped below)."]
    lines += ["# " + line for line in provenance]
    lines.append(f"bias\t{bias:.{DIGITS}f}")
    lines.append(f"threshold:report\t{report_above:.{DIGITS}f}")
    lines.append(f"threshold:drop\t{(drop_below if drop_below is not None else -1000):.{DIGITS}f}")
    for feature in sorted(weights):
        value = round(weights[feature], DIGITS)
        if value != 0:
            lines.append(f"{feature}\t{value:.{DIGITS}f}")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "dev"))
    ap.add_argument("--check", action="store_true", help="fail when Rules/claim-scorer.tsv differs from a fresh run")
    ap.add_argument("--features", help="a dump made earlier, instead of building and running ScorerFeatures")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--holdout-from", type=int, metavar="N", help="train below page N, score from N up; write nothing")
    args = ap.parse_args()
    label_file = os.path.join(args.corpus, "labels.jsonl")
    if not os.path.exists(label_file):
        print(f"skipped: no labelled corpus at {args.corpus} (the scorer's training data is not part of a clone)")
        return 0
    try:
        import numpy  # noqa: F401
    except ImportError:
        sys.exit(f"numpy is missing: python3 -m pip install {NUMPY_PIN}")
    docs_dir = os.path.join(args.corpus, "docs")
    docs = sorted(os.path.join(docs_dir, d) for d in os.listdir(docs_dir) if d.endswith(".md"))
    records = load_jsonl(args.features) if args.features else run_dump(docs)
    labels = load_jsonl(label_file)
    attach_labels(records, labels, label_spans(args.corpus, labels))

    if args.holdout_from is not None:
        return holdout_estimate(records, labels, args.holdout_from)
    rules, best, _ = cross_validate(records, labels)
    report_above, drop_below, combined = best
    features = vocabulary(records)
    model = fit(records, features)
    digest = hashlib.sha256(open(label_file, "rb").read()).hexdigest()[:16]
    positives = sum(1 for r in records if r["y"] == 1)
    negatives = sum(1 for r in records if r["y"] == 0)
    provenance = [
        f"Data: {len(docs)} pages of the dev corpus, labels.jsonl sha256 {digest}…; {positives} positive and "
        f"{negatives} negative sentences, {len(records) - positives - negatives} left out (borderline or cited).",
        f"Model: L2 {L2}, stems and first words seen on >= {MIN_PAGES} pages, {len(features)} features, {NUMPY_PIN}.",
        f"Estimate ({FOLDS}-fold page-grouped cross-validation, sentence level): rules alone recall "
        f"{rules[0]:.3f} precision {rules[1]:.3f}; rules + scorer recall {combined[0]:.3f} precision {combined[1]:.3f}.",
    ]
    text = render(model, report_above, drop_below, provenance)
    if not args.quiet:
        print(f"rules alone:    recall {rules[0]:.3f} precision {rules[1]:.3f} ({rules[2]} true, {rules[3]} false)")
        print(f"rules + scorer: recall {combined[0]:.3f} precision {combined[1]:.3f} ({combined[2]} true, "
              f"{combined[3]} false), report above {report_above}, drop below {drop_below}")
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print("Rules/claim-scorer.tsv is out of date: run Scripts/train-scorer.py")
            return 1
        print("Rules/claim-scorer.tsv is what Scripts/train-scorer.py makes")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    subprocess.run([str(ROOT / "Scripts" / "embed-scorer.sh")], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
