#!/usr/bin/env python3
"""The coach beside VADER on the held-out set (or another set in the same format).

    pip install vaderSentiment
    cargo build --release -p rekindle
    python3 scripts/coach_heldout.py [crates/rekindle-core/tests/data/coach_heldout.tsv]

Each line of the set is `kinds<TAB>rating<TAB>message` (rating 1–5, 1 = hostile). Both
are asked one question: does a message rated 1–2 score harsher than one rated 3–5? The
answer is the ROC AUC of 100 − gentleness (coach) and of −compound (VADER), ties
counted half. Also prints how many messages each leaves exactly neutral. Prints
aggregates only, never a message, so looking at the output cannot tune anything.
"""
import json
import os
import subprocess
import sys

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    ROOT, "crates/rekindle-core/tests/data/coach_heldout.tsv")
BIN = os.environ.get("BIN", os.path.join(ROOT, "target/release/rekindle"))

rows = []
with open(DATA, encoding="utf-8") as f:
    for line in f:
        if not line.strip() or line.startswith("#"):
            continue
        kinds, rating, text = line.rstrip("\n").split("\t", 2)
        rows.append((int(rating), text))

out = subprocess.run([BIN, "coach", "--lines"], input="\n".join(t for _, t in rows) + "\n",
                     capture_output=True, text=True, check=True).stdout.splitlines()
coach = [100 - json.loads(l)["gentleness"] for l in out]
vader_analyser = SentimentIntensityAnalyzer()
vader = [-vader_analyser.polarity_scores(t)["compound"] for _, t in rows]


def auc(scores):
    harsh = [s for s, (r, _) in zip(scores, rows) if r <= 2]
    kind = [s for s, (r, _) in zip(scores, rows) if r >= 3]
    wins = sum(1.0 if h > k else 0.5 if h == k else 0.0 for h in harsh for k in kind)
    return wins / (len(harsh) * len(kind))


harsh_n = sum(1 for r, _ in rows if r <= 2)
print(f"{os.path.basename(DATA)}: {len(rows)} messages, {harsh_n} rated 1–2, "
      f"{len(rows) - harsh_n} rated 3–5\n")
print("| | coach | VADER |")
print("|---|---:|---:|")
print(f"| ROC AUC (rated 1–2 harsher than 3–5) | {auc(coach):.3f} | {auc(vader):.3f} |")
neutral_coach = sum(1 for s in coach if s == 40)
neutral_vader = sum(1 for s in vader if s == 0)
print(f"| exactly neutral (coach 60; VADER compound 0) | {neutral_coach} "
      f"({100 * neutral_coach / len(rows):.0f}%) | {neutral_vader} "
      f"({100 * neutral_vader / len(rows):.0f}%) |")
