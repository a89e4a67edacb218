#!/usr/bin/env python3
"""The seed lesson trained twice on the same data and initial weights: by our engine and by PyTorch.

Synthetic 1000 x 10 (2 classes, seed 42), stratified 800/200, standardised, MLP 10 -> 10 -> 2
(seeded nn.Linear-style init), SGD lr 0.1, StepLR(step_size=5, gamma=0.5), 10 epochs, batch 32,
no shuffling. The engine exports its data and initial weights (`lrlab_bench export`); PyTorch
replays them with the docs/run-spec.md 4.1 loop; both test accuracies (and losses) are printed.

  /usr/bin/python3 scripts/seed_lesson.py [--build-dir build/native]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SPEC = {
    "data": {"dataset": "synthetic", "n_samples": 1000, "n_features": 10, "n_classes": 2, "seed": 42},
    "model": {"sizes": [10, 10, 2], "seed": 0},
    "optimizer": {"type": "SGD", "lr": 0.1},
    "scheduler": {"type": "StepLR", "step_size": 5, "gamma": 0.5},
    "scheduler_step": "epoch",
    "epochs": 10,
    "batch_size": 32,
}


def run_engine(build_dir):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(SPEC, f)
        path = f.name
    try:
        exported = json.loads(subprocess.check_output([os.path.join(build_dir, "lrlab_bench"), "export", path]))
        ours = json.loads(subprocess.check_output([os.path.join(build_dir, "lrlab_native"), "train", path]))
    finally:
        os.unlink(path)
    return exported, ours


def run_torch(exported):
    import torch
    torch.set_num_threads(1)
    init = exported["model"]["init"]
    W1 = torch.tensor(init["W1"], requires_grad=True)
    b1 = torch.tensor(init["b1"], requires_grad=True)
    W2 = torch.tensor(init["W2"], requires_grad=True)
    b2 = torch.tensor(init["b2"], requires_grad=True)
    x = torch.tensor(exported["data"]["x"])
    y = torch.tensor(exported["data"]["y"], dtype=torch.int64)
    xt = torch.tensor(exported["test"]["x"])
    yt = torch.tensor(exported["test"]["y"], dtype=torch.int64)
    opt = torch.optim.SGD([W1, b1, W2, b2], lr=0.1)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=5, gamma=0.5)
    n, bsz = x.shape[0], SPEC["batch_size"]
    losses, accuracies = [], []
    model = lambda a: torch.relu(a @ W1.T + b1) @ W2.T + b2
    for epoch in range(SPEC["epochs"]):
        total = 0.0
        for k in range(0, n, bsz):
            xb, yb = x[k:k + bsz], y[k:k + bsz]
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
            total += float(loss) * len(xb)
        losses.append(total / n)
        sched.step()
        with torch.no_grad():
            accuracies.append(float((model(xt).argmax(1) == yt).float().mean()))
    return losses, accuracies


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build", "native"),
                    help="native build with lrlab_bench and lrlab_native (default build/native)")
    args = ap.parse_args()
    exported, ours = run_engine(args.build_dir)
    losses, accuracies = run_torch(exported)
    print(f"data: {len(exported['data']['y'])} train / {len(exported['test']['y'])} test rows (engine-generated)")
    print("epoch  train loss (ours)  train loss (torch)  test acc (ours)  test acc (torch)")
    for e in range(SPEC["epochs"]):
        print(f"{e:5d}  {ours['epoch_loss'][e]:17.9f}  {losses[e]:18.9f}  "
              f"{ours['epochs'][e]['val_accuracy']:15.3f}  {accuracies[e]:16.3f}")
    print(f"test accuracy after 10 epochs: ours {ours['test_accuracy']:.3f}, PyTorch {accuracies[-1]:.3f}")
    return 0 if abs(ours["test_accuracy"] - accuracies[-1]) <= 0.01 else 1


if __name__ == "__main__":
    sys.exit(main())
