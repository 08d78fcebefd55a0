#!/usr/bin/env python3
"""Compares the gentle-start coach with VADER sentiment on the project's evaluation set.

    pip install vaderSentiment
    cargo build --release -p rekindle
    python3 scripts/coach_vs_vader.py

VADER scores polarity (negative to positive); it has no notion of criticism vs
complaint. Both are asked the same questions: is this message harsh, and does a
complaint read gentler than the criticism on the same topic? Prints Markdown.
"""
import json
import os
import subprocess
import sys

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "crates/rekindle-core/tests/data/coach_eval.tsv")
BIN = os.environ.get("BIN", os.path.join(ROOT, "target/release/rekindle"))

rows = []
with open(DATA, encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        labels, group, text = line.rstrip("\n").split("\t", 2)
        rows.append(({k for k in labels.split(",") if k != "none"}, group, text))

out = subprocess.run([BIN, "coach", "--lines"], input="\n".join(r[2] for r in rows) + "\n",
                     capture_output=True, text=True, check=True).stdout.splitlines()
ours = [json.loads(l) for l in out]
vader = SentimentIntensityAnalyzer()
compound = [vader.polarity_scores(r[2])["compound"] for r in rows]

def detect_ours(a):
    return any(f["kind"] != "absolute" for f in a["findings"])

def prf(pred):
    tp = sum(1 for r, p in zip(rows, pred) if r[0] and p)
    fp = sum(1 for r, p in zip(rows, pred) if not r[0] and p)
    fn = sum(1 for r, p in zip(rows, pred) if r[0] and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1

ours_pred = [detect_ours(a) for a in ours]
vader_pred = [c <= -0.05 for c in compound]

pairs = [(i, i + 1) for i in range(len(rows) - 1) if rows[i][1] == "complaint" and rows[i + 1][1] == "criticism"]
ours_pairs = sum(1 for a, b in pairs if ours[a]["gentleness"] > ours[b]["gentleness"])
vader_pairs = sum(1 for a, b in pairs if compound[a] > compound[b])

print(f"Evaluation set: {len(rows)} messages, {len(pairs)} complaint/criticism pairs.\n")
print("| question | coach | VADER (compound ≤ −0.05 = harsh) |")
print("|---|---:|---:|")
op, orc, of1 = prf(ours_pred)
vp, vr, vf1 = prf(vader_pred)
print(f"| harsh vs not: precision | {op:.2f} | {vp:.2f} |")
print(f"| harsh vs not: recall | {orc:.2f} | {vr:.2f} |")
print(f"| harsh vs not: F1 | {of1:.2f} | {vf1:.2f} |")
print(f"| complaint reads gentler than its criticism | {ours_pairs}/{len(pairs)} | {vader_pairs}/{len(pairs)} |")
groups = ["criticism", "contempt", "blame", "defensiveness", "stonewalling", "demand"]
for g in groups:
    idx = [i for i, r in enumerate(rows) if r[1] == g]
    o = sum(1 for i in idx if ours_pred[i]) / len(idx)
    v = sum(1 for i in idx if vader_pred[i]) / len(idx)
    print(f"| {g}: share recognised as harsh | {o:.2f} | {v:.2f} |")
for g in ["complaint", "neutral", "warm"]:
    idx = [i for i, r in enumerate(rows) if r[1] == g]
    o = sum(1 for i in idx if ours_pred[i]) / len(idx)
    v = sum(1 for i in idx if vader_pred[i]) / len(idx)
    print(f"| {g}: share wrongly called harsh | {o:.2f} | {v:.2f} |")
