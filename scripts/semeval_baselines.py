#!/usr/bin/env python3
"""Two reference points for the policy-frames pack on the SemEval-2023 Task 3 training
articles, under the same 5-fold cross-validation as `framelex eval --cv 5`:

- most frequent frames: always predict the 5 frames most frequent in the training folds;
- TF-IDF + logistic regression: word uni- and bigrams (sublinear tf, min_df 2), one
  class-balanced logistic regression per frame (C=10), probability >= 0.5.

It prints micro- and macro-F1 over the 300 articles, for three fold seeds and their mean.
The folds are scikit-learn's KFold, not framelex's stratified folds, so the figures compare
protocols, not identical splits. This script is not run by CI: it needs scikit-learn
(`pip install scikit-learn==1.5.2`), which the project does not otherwise use.

Usage: python3 scripts/semeval_baselines.py [--shared DIR]
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the ../shared folder")
    args = ap.parse_args()
    try:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import f1_score
        from sklearn.model_selection import KFold
        from sklearn.preprocessing import MultiLabelBinarizer
    except ImportError:
        sys.exit("semeval_baselines.py needs scikit-learn: pip install scikit-learn==1.5.2")
    path = Path(args.shared) / "data/semeval2023-task3-en/train.jsonl"
    if not path.is_file():
        sys.exit(f"semeval_baselines.py: {path} is missing")
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    # Title and text as `eval --title-field title` reads them.
    texts = [r["title"] + "\n\n" + r["text"] for r in rows]
    binarizer = MultiLabelBinarizer()
    gold = binarizer.fit_transform([r["frames"] for r in rows])

    def figures(pred):
        return (f1_score(gold, pred, average="micro", zero_division=0),
                f1_score(gold, pred, average="macro", zero_division=0))

    results = {"most frequent 5 frames": [], "TF-IDF + logistic regression": []}
    for seed in (1, 2, 3):
        top5 = np.zeros_like(gold)
        logreg = np.zeros_like(gold)
        for train, test in KFold(5, shuffle=True, random_state=seed).split(texts):
            top5[np.ix_(test, np.argsort(-gold[train].sum(0))[:5])] = 1
            vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2, ngram_range=(1, 2),
                                         max_features=50000)
            x_train = vectorizer.fit_transform([texts[i] for i in train])
            x_test = vectorizer.transform([texts[i] for i in test])
            for j in range(gold.shape[1]):
                if gold[train, j].sum() == 0:
                    continue
                model = LogisticRegression(C=10, class_weight="balanced", max_iter=2000)
                model.fit(x_train, gold[train, j])
                logreg[test, j] = model.predict_proba(x_test)[:, 1] >= 0.5
        results["most frequent 5 frames"].append(figures(top5))
        results["TF-IDF + logistic regression"].append(figures(logreg))
    for name, runs in results.items():
        per_seed = ", ".join(f"{mi:.3f}/{ma:.3f}" for mi, ma in runs)
        micro = sum(r[0] for r in runs) / len(runs)
        macro = sum(r[1] for r in runs) / len(runs)
        print(f"{name:<30} micro-F1 {micro:.3f}  macro-F1 {macro:.3f}  (seeds 1-3: {per_seed})")


if __name__ == "__main__":
    main()
