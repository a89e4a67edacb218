#!/usr/bin/env python3
"""Converts the small real data sets shipped with scikit-learn into LR Lab's format.

Input: the CSV files Debian's python3-sklearn carries in sklearn/datasets/data/ (read
through sklearn.datasets.load_*, which also supplies feature and class names).
Output:
  web/data/<name>.csv        one file per data set (format below), fetched by the page
  web/data/ATTRIBUTION.md    sources and licences
The build turns each CSV into the compact file the engine loads on demand
(scripts/build-datasets.mjs -> dist/engine/data/<name>.bin).

Format (parsed by wasm/src/data/csv_dataset.cpp):
  # <title>                       comment lines start with '#'
  # classes: name0,name1,...      class names, in class-index order
  feature_1,...,feature_n,target  header
  5.1,3.5,1.4,0.2,0               rows: shortest decimal of each value, integer class index

Run with Debian's python (sklearn): /usr/bin/python3 scripts/datasets.py
"""
import argparse
import os
import sys

import sklearn
import sklearn.datasets as skd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SETS = [
    ("iris", skd.load_iris, "Iris plants (Fisher, 1936)",
     "R. A. Fisher, \"The use of multiple measurements in taxonomic problems\", Annual Eugenics 7 (1936); "
     "UCI Machine Learning Repository, https://archive.ics.uci.edu/dataset/53/iris (CC BY 4.0)."),
    ("wine", skd.load_wine, "Wine recognition (Forina et al.)",
     "M. Forina et al., PARVUS; UCI Machine Learning Repository, https://archive.ics.uci.edu/dataset/109/wine (CC BY 4.0)."),
    ("breast_cancer", skd.load_breast_cancer, "Breast cancer Wisconsin (diagnostic)",
     "W. H. Wolberg, W. N. Street, O. L. Mangasarian; UCI Machine Learning Repository, "
     "https://archive.ics.uci.edu/dataset/17/breast+cancer+wisconsin+diagnostic (CC BY 4.0)."),
    ("digits", skd.load_digits, "Optical recognition of handwritten digits, 8x8 (Alpaydin, Kaynak)",
     "E. Alpaydin, C. Kaynak; UCI Machine Learning Repository, "
     "https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits (CC BY 4.0)."),
]


def number(v):
    f = float(v)
    return str(int(f)) if f.is_integer() else repr(f)


def csv_text(name, loader, title):
    d = loader()
    names = [str(n) for n in d.feature_names]
    classes = [str(c) for c in d.target_names]
    for s in names + classes:
        if "," in s or "\n" in s:
            sys.exit(f"{name}: name {s!r} contains a comma or newline")
    lines = [f"# {title}", "# classes: " + ",".join(classes), ",".join(names + ["target"])]
    for row, label in zip(d.data, d.target):
        lines.append(",".join(number(v) for v in row) + "," + str(int(label)))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.parse_args()
    texts = []
    attribution = [
        "# Data sets shipped with LR Lab",
        "",
        f"Converted by `scripts/datasets.py` from the copies bundled with scikit-learn {sklearn.__version__} "
        "(Debian package `python3-sklearn`, `sklearn/datasets/data/`), which scikit-learn distributes under its "
        "BSD-3-Clause licence. Values are unchanged; only the file layout differs (see the script).",
        "",
    ]
    for name, loader, title, source in SETS:
        text = csv_text(name, loader, title)
        texts.append((name, text))
        with open(os.path.join(ROOT, "web", "data", name + ".csv"), "w") as f:
            f.write(text)
        attribution.append(f"- `{name}.csv`: {title}. {source}")
    attribution.append("")
    with open(os.path.join(ROOT, "web", "data", "ATTRIBUTION.md"), "w") as f:
        f.write("\n".join(attribution))
    for name, text in texts:
        print(f"{name}: {len(text)} bytes")


if __name__ == "__main__":
    main()
