#!/usr/bin/env python3
"""PyTorch CPU eager in `npm run bench` (issue 12): the bench workloads trained the way
the course teaches the loop, on one thread, from the data and initial weights our engine
exports (lrlab_bench export). Prints JSON {"torch": version, "workloads": [{name, seconds}]}.

Usage: bench_torch.py WORKLOADS_EXPORT.json, a JSON list of
  {"name", "spec", "export": {"data": {"x", "y"}, "test": {"x", "y"}, "model": {"sizes", "init"}}}
"""
import json
import sys
import time

import torch


def build(export):
    sizes = export["model"]["sizes"]
    layers = []
    for i in range(len(sizes) - 1):
        lin = torch.nn.Linear(sizes[i], sizes[i + 1])
        with torch.no_grad():
            lin.weight.copy_(torch.tensor(export["model"]["init"][f"W{i + 1}"]))
            lin.bias.copy_(torch.tensor(export["model"]["init"][f"b{i + 1}"]))
        layers.append(lin)
        if i + 2 < len(sizes):
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def train_seconds(spec, export):
    model = build(export)
    x = torch.tensor(export["data"]["x"], dtype=torch.float32)
    y = torch.tensor(export["data"]["y"], dtype=torch.int64)
    tx = torch.tensor(export["test"]["x"], dtype=torch.float32) if export["test"]["y"] else None
    ty = torch.tensor(export["test"]["y"], dtype=torch.int64) if export["test"]["y"] else None
    o = spec["optimizer"]
    opt = torch.optim.SGD(model.parameters(), lr=o["lr"], momentum=o.get("momentum", 0.0))
    s = spec.get("scheduler")
    sched = torch.optim.lr_scheduler.StepLR(opt, s["step_size"], s.get("gamma", 0.1)) if s else None
    bs = spec["batch_size"]
    batches = [(x[k:k + bs], y[k:k + bs]) for k in range(0, len(y), bs)]
    t0 = time.perf_counter()
    for _ in range(spec["epochs"]):
        for xb, yb in batches:
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
            loss.item()  # the course reads every batch loss
        if sched:
            sched.step()
        if tx is not None:
            with torch.no_grad():
                torch.nn.functional.cross_entropy(model(tx), ty).item()
    return time.perf_counter() - t0


def main():
    torch.set_num_threads(1)
    with open(sys.argv[1]) as f:
        workloads = json.load(f)
    out = []
    for w in workloads:
        train_seconds(w["spec"], w["export"])  # warm-up
        reps = min(w.get("repeat", 3), 5)
        out.append({"name": w["name"], "seconds": min(train_seconds(w["spec"], w["export"]) for _ in range(reps))})
    print(json.dumps({"torch": torch.__version__, "workloads": out}))


if __name__ == "__main__":
    main()
