#!/usr/bin/env python3
"""The seed lesson (lessons/01-pipeline.md) trained by our engine and by PyTorch, with StepLR and
with the constant-LR baseline, on the same data, initial weights and batch order.

The run-spec is the one the page builds from the lesson's defaults (scripts/lesson-spec.mjs).
The engine exports its data and initial weights (`lrlab_bench export`); PyTorch replays them with
the docs/run-spec.md 4.1 loop, drawing each epoch's shuffle from the engine's generator (std::mt19937 seeded
with shuffle_seed, SeededRandom::below, Fisher-Yates over a permutation kept across epochs:
wasm/src/nn/seeded_random.hpp, wasm/src/train/train_session.cpp). Prints both traces and checks the
lesson's claim: training loss <= 0.30 and test accuracy >= 0.85 after the last epoch, and StepLR
ahead of the constant LR on final test loss and accuracy, in both implementations.

  /usr/bin/python3 scripts/seed_lesson.py [--build-dir build/native] [--lesson pipeline]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Mt19937:
    """std::mt19937 (the C++ standard fixes its output sequence)."""

    def __init__(self, seed):
        self.mt = [0] * 624
        self.mt[0] = seed & 0xFFFFFFFF
        for i in range(1, 624):
            self.mt[i] = (1812433253 * (self.mt[i - 1] ^ (self.mt[i - 1] >> 30)) + i) & 0xFFFFFFFF
        self.index = 624

    def next_u32(self):
        if self.index >= 624:
            for i in range(624):
                y = (self.mt[i] & 0x80000000) | (self.mt[(i + 1) % 624] & 0x7FFFFFFF)
                self.mt[i] = self.mt[(i + 397) % 624] ^ (y >> 1) ^ (0x9908B0DF if y & 1 else 0)
            self.index = 0
        y = self.mt[self.index]
        self.index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        return y & 0xFFFFFFFF

    def below(self, n):
        threshold = (2 ** 32 - n) % n
        while True:
            r = self.next_u32()
            if r >= threshold:
                return r % n


def lesson_spec(lesson, constant):
    args = ["node", os.path.join(ROOT, "scripts", "lesson-spec.mjs"), lesson] + (["--constant"] if constant else [])
    return json.loads(subprocess.check_output(args))


def run_engine(build_dir, spec):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(spec, f)
        path = f.name
    try:
        exported = json.loads(subprocess.check_output([os.path.join(build_dir, "lrlab_bench"), "export", path]))
        ours = json.loads(subprocess.check_output([os.path.join(build_dir, "lrlab_native"), "train", path]))
    finally:
        os.unlink(path)
    return exported, ours


def run_torch(exported, spec):
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
    opt = torch.optim.SGD([W1, b1, W2, b2], lr=spec["optimizer"]["lr"], momentum=spec["optimizer"].get("momentum", 0))
    s = spec["scheduler"]
    sched = None
    if s is not None:
        assert s["type"] == "StepLR", "this replay knows the seed lesson's StepLR only"
        sched = torch.optim.lr_scheduler.StepLR(opt, step_size=s["step_size"], gamma=s["gamma"])
    n, bsz = x.shape[0], spec["batch_size"]
    order = list(range(n))
    rng = Mt19937(spec.get("shuffle_seed", 0))
    model = lambda a: torch.relu(a @ W1.T + b1) @ W2.T + b2
    trace = []
    for epoch in range(spec["epochs"]):
        if spec.get("shuffle"):
            for i in range(n, 1, -1):
                j = rng.below(i)
                order[i - 1], order[j] = order[j], order[i - 1]
        idx = torch.tensor(order)
        total = 0.0
        for k in range(0, n, bsz):
            xb, yb = x[idx[k:k + bsz]], y[idx[k:k + bsz]]
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
            total += float(loss) * len(xb)
        if sched:
            sched.step()
        with torch.no_grad():
            out = model(xt)
            trace.append({"train_loss": total / n,
                          "val_loss": float(torch.nn.functional.cross_entropy(out, yt)),
                          "val_accuracy": float((out.argmax(1) == yt).float().mean())})
    return trace


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build", "native"),
                    help="native build with lrlab_bench and lrlab_native (default build/native)")
    ap.add_argument("--lesson", default="pipeline", help="lesson id whose defaults are trained")
    args = ap.parse_args()
    ok = True
    finals = {}
    for name, constant in (("StepLR", False), ("constant LR", True)):
        spec = lesson_spec(args.lesson, constant)
        exported, ours = run_engine(args.build_dir, spec)
        theirs = run_torch(exported, spec)
        print(f"\n{name}: {len(exported['data']['y'])} train / {len(exported['test']['y'])} test rows "
              f"(engine-generated), {spec['epochs']} epochs")
        print("epoch  LR        train loss ours / torch   test loss ours / torch   test acc ours / torch")
        for e, (o, t) in enumerate(zip(ours["epochs"], theirs)):
            print(f"{e:5d}  {o['lr'][0]:<8g}  {o['train_loss']:.6f} / {t['train_loss']:.6f}      "
                  f"{o['val_loss']:.6f} / {t['val_loss']:.6f}      {o['val_accuracy']:.3f} / {t['val_accuracy']:.3f}")
            ok &= abs(o["train_loss"] - t["train_loss"]) <= 1e-3 and abs(o["val_accuracy"] - t["val_accuracy"]) <= 0.01
        finals[name] = (ours["epochs"][-1], theirs[-1])
    (so, st), (co, ct) = finals["StepLR"], finals["constant LR"]
    for who, s, c in (("ours", so, co), ("PyTorch", st, ct)):
        claim = (s["train_loss"] <= 0.30 and s["val_accuracy"] >= 0.85
                 and s["val_loss"] < c["val_loss"] and s["val_accuracy"] > c["val_accuracy"])
        print(f"{who}: StepLR final train loss {s['train_loss']:.4f}, test loss {s['val_loss']:.4f}, "
              f"test acc {s['val_accuracy']:.3f}; constant LR test loss {c['val_loss']:.4f}, "
              f"test acc {c['val_accuracy']:.3f} -> claim {'holds' if claim else 'FAILS'}")
        ok &= claim
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
