#!/usr/bin/python3
"""Triage peers for the benchmark: fastText and a TF-IDF + LinearSVC baseline.

Both are trained on the same corpus as Wardline (triage/corpus/*.jsonl) and measured on the dev
files: macro-F1, accuracy, urgent recall (a second binary model per peer for khan_cap) and
messages per CPU-second on one core. Prints one line per peer:
  <name> macro_f1=… accuracy=… urgent_recall=… msgs_per_sec=…

Usage: peers.py --work DIR --dev FILE... --corpus FILE...
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
import unicodedata


def load(paths):
    rows = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    rows.append(json.loads(line))
    return rows


def fold(text):
    """Diacritic folding: lower, NFD, drop combining marks, đ -> d."""
    t = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(c for c in t if unicodedata.category(c) != "Mn")


def metrics(gold, pred, gold_urgent, pred_urgent):
    labels = sorted(set(gold) | set(pred))
    f1s = []
    for l in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == l and p == l)
        np_ = sum(1 for p in pred if p == l)
        ng = sum(1 for g in gold if g == l)
        prec = tp / np_ if np_ else 0.0
        rec = tp / ng if ng else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    acc = sum(1 for g, p in zip(gold, pred) if g == p) / len(gold)
    ug = sum(gold_urgent)
    ur = sum(1 for g, p in zip(gold_urgent, pred_urgent) if g and p) / ug if ug else 1.0
    return sum(f1s) / len(f1s), acc, ur


def fasttext_line(text):
    # The usual fastText preprocessing: lower case, punctuation split off, one line.
    t = text.lower().replace("\n", " ")
    t = re.sub(r"([.,!?;:()\"'/])", r" \1 ", t)
    return " ".join(t.split())


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_fasttext(work, train, dev, repeat):
    ft = "fasttext"
    train_cat = os.path.join(work, "ft_cat.txt")
    train_urg = os.path.join(work, "ft_urg.txt")
    with open(train_cat, "w") as a, open(train_urg, "w") as b:
        for r in train:
            line = fasttext_line(r["text"])
            a.write(f"__label__{r['category']} {line}\n")
            b.write(f"__label__{r.get('priority') or 'binh_thuong'} {line}\n")
    common = ["-wordNgrams", "2", "-epoch", "25", "-lr", "0.5", "-thread", "1", "-verbose", "0"]
    for name, path in (("ft_cat", train_cat), ("ft_urg", train_urg)):
        subprocess.run([ft, "supervised", "-input", path, "-output", os.path.join(work, name)]
                       + common, check=True)
    dev_txt = os.path.join(work, "ft_dev.txt")
    with open(dev_txt, "w") as f:
        for r in dev:
            f.write(fasttext_line(r["text"]) + "\n")

    def predict(model, path):
        out = subprocess.run([ft, "predict", os.path.join(work, model + ".bin"), path],
                             check=True, capture_output=True, text=True).stdout.split("\n")
        return [l.replace("__label__", "").strip() for l in out if l.strip()]

    cats = predict("ft_cat", dev_txt)
    urg = predict("ft_urg", dev_txt)
    m = metrics([r["category"] for r in dev], cats,
                [r.get("priority") == "khan_cap" for r in dev], [u == "khan_cap" for u in urg])
    # Speed: predict on the dev set repeated, minus the model-loading time of a 1-line run.
    big = os.path.join(work, "ft_big.txt")
    with open(dev_txt) as f:
        lines = f.read()
    with open(big, "w") as f:
        for _ in range(repeat):
            f.write(lines)
    one = os.path.join(work, "ft_one.txt")
    with open(one, "w") as f:
        f.write(lines.split("\n")[0] + "\n")
    model = os.path.join(work, "ft_cat.bin")
    best_one = min(cpu_of([ft, "predict", model, one]) for _ in range(3))
    t_big = min(cpu_of([ft, "predict", model, big]) for _ in range(2))
    speed = len(dev) * repeat / max(t_big - best_one, 1e-9)
    return m, speed


def cpu_of(cmd):
    before = child_cpu()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return child_cpu() - before


def run_svm(train, dev, seconds):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline, make_union
    from sklearn.svm import LinearSVC

    def pipeline():
        features = make_union(
            TfidfVectorizer(preprocessor=fold, analyzer="word", ngram_range=(1, 2),
                            sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"),
            TfidfVectorizer(preprocessor=fold, analyzer="char_wb", ngram_range=(2, 5),
                            sublinear_tf=True))
        return make_pipeline(features, LinearSVC(C=1.0))

    x = [r["text"] for r in train]
    cat = pipeline().fit(x, [r["category"] for r in train])
    urg = pipeline().fit(x, [r.get("priority") or "binh_thuong" for r in train])
    dx = [r["text"] for r in dev]
    m = metrics([r["category"] for r in dev], list(cat.predict(dx)),
                [r.get("priority") == "khan_cap" for r in dev],
                [u == "khan_cap" for u in urg.predict(dx)])
    # Batches of the whole dev set (sklearn's per-call overhead would dominate one-by-one calls).
    done = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        cat.predict(dx)
        done += len(dx)
    speed = done / (time.process_time() - start)
    return m, speed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--dev", nargs="+", required=True)
    ap.add_argument("--corpus", nargs="+", required=True)
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=3.0)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    # Scope-only corpus lines (category null) train only Wardline's scope head.
    train = [r for r in load(a.corpus) if isinstance(r.get("category"), str)]
    dev = load(a.dev)
    for name, fn in (("fasttext", lambda: run_fasttext(a.work, train, dev, a.repeat)),
                     ("tfidf_svm", lambda: run_svm(train, dev, a.seconds))):
        (f1, acc, ur), speed = fn()
        print(f"{name} macro_f1={f1:.3f} accuracy={acc:.3f} urgent_recall={ur:.3f} "
              f"msgs_per_sec={speed:.0f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
