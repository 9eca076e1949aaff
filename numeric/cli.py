"""Subcommands of `numeric`: `nndl train` and `nndl confirm`."""
from __future__ import annotations

import json
import sys
import time

from derivations.errors import NndlError


def add_commands(sub) -> None:
    p = sub.add_parser("train", help="train the chapter's network on real digits",
                       description="Train a [784, hidden, 10] network by mini-batch SGD and report "
                       "the held-out accuracy and cost after every epoch.")
    _data_options(p)
    p.add_argument("--dataset", default="mnist", choices=("mnist", "fashion-mnist"))
    p.add_argument("--cost", default="cross-entropy",
                   choices=("quadratic", "cross-entropy", "log-likelihood"),
                   help="quadratic and cross-entropy use sigmoid outputs, log-likelihood softmax")
    p.add_argument("--hidden", type=int, default=30, help="neurons in the hidden layer (30)")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=10)
    p.add_argument("--eta", type=float, default=0.5, help="learning rate (0.5)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--engine", default="numpy", choices=("numpy", "numba"),
                   help="numpy (default), or numba: the same steps compiled, faster at small batches "
                   "(compiling takes a few seconds first)")
    p.add_argument("--init", default="scaled", choices=("scaled", "large"),
                   help="weights N(0, 1/n_in) (scaled, default) or N(0, 1) (large, the old one)")
    p.add_argument("--save", metavar="FILE", help="write the trained network to FILE (.npz)")
    p.add_argument("--json", action="store_true", help="print one JSON object at the end")
    p.set_defaults(run=run_train)

    p = sub.add_parser("confirm", help="confirm the symbolic results on real digits",
                       description="Check the results of `derivations` numerically on real MNIST "
                       "digits; each confirmation prints what it measured beside what is "
                       "expected. Exit status 0 only when all pass.")
    _data_options(p)
    p.add_argument("--out", metavar="DIR", help="write figures, report.md and confirm.json to DIR")
    p.add_argument("--json", action="store_true",
                   help="print a list of {id, claim, measured, expected, passed}")
    p.set_defaults(run=run_confirm)

    from numeric.bench import add_bench_command
    add_bench_command(sub)


def _data_options(p) -> None:
    p.add_argument("--data-dir", metavar="DIR",
                   help="folder with the IDX files (default: $NNDL_DATA_DIR, else a complete set in "
                   "the cache, else ../shared/mnist for mnist if present, else a download)")
    p.add_argument("--no-download", action="store_true", help="never download the dataset")


def load(args, name: str = "mnist"):
    from numeric.data import load_dataset
    return load_dataset(name, data_dir=args.data_dir, download=not args.no_download,
                        progress=sys.stderr.isatty())


# ---------------------------------------------------------------- nndl train

def run_train(args) -> int:
    from tqdm import tqdm

    from numeric.network import Network

    for option, value in (("--hidden", args.hidden), ("--epochs", args.epochs),
                          ("--batch-size", args.batch_size)):
        if value < 1:
            raise NndlError(f"{option} must be at least 1, got {value}")
    if not 0 < args.eta < float("inf"):
        raise NndlError(f"--eta must be a positive finite number, got {args.eta}")
    data = load(args, args.dataset)
    settings = {"dataset": data.name, "cost": args.cost, "sizes": [784, args.hidden, 10],
                "epochs": args.epochs, "batch_size": args.batch_size, "eta": args.eta,
                "seed": args.seed, "init": args.init, "engine": args.engine,
                "train_examples": len(data.train_y),
                "held_out_examples": len(data.test_y), "data_source": data.source}
    say = (lambda *a: None) if args.json else tqdm.write
    if data.note:
        say(f"note: {data.note}")
    say(f"training [784, {args.hidden}, 10] with the {args.cost} cost on {len(data.train_y):,} "
        f"{data.name} images, eta = {args.eta}, mini-batches of {args.batch_size}")
    net = Network(sizes=(784, args.hidden, 10), cost=args.cost, seed=args.seed, init=args.init)
    _derive_delta(net, say)
    start = time.perf_counter()
    with tqdm(total=args.epochs, desc="epochs", unit="epoch", file=sys.stderr,
              disable=None, leave=False) as bar:
        def on_epoch(record):
            bar.update(1)
            bar.set_postfix(accuracy=f"{record['accuracy']:.4f}", cost=f"{record['cost']:.4f}")
            say(f"epoch {record['epoch']:>3}: held-out accuracy {record['accuracy']:.4f} "
                f"({round(record['accuracy'] * len(data.test_y))}/{len(data.test_y)}), "
                f"cost {record['cost']:.4f}, {record['seconds']:.2f} s")
        history = net.sgd(data.train_x, data.train_y, args.epochs, args.batch_size, args.eta,
                          evaluation=(data.test_x, data.test_y), on_epoch=on_epoch, engine=args.engine)
    seconds = time.perf_counter() - start
    if args.save:
        net.save(args.save)
        say(f"saved the network to {args.save}")
    if args.json:
        print(json.dumps({"epochs": history, "settings": settings, "note": data.note,
                          "seconds": seconds}, indent=2))
    return 0


def _derive_delta(net, say) -> None:
    """Derive the output error before training starts, so the first epoch's time is training."""
    from derivations import output_error
    start = time.perf_counter()
    output_error(net.cost.name, net.cost.activation_name).numpy
    say(f"derived the output error delta for {net.cost.name} + {net.cost.activation_name} "
        f"with SymPy in {time.perf_counter() - start:.1f} s")


# ---------------------------------------------------------------- nndl confirm

def run_confirm(args) -> int:
    from numeric import confirm

    data = load(args, "mnist")
    say = (lambda *a: None) if args.json else print
    if data.note:
        say(f"note: {data.note}\n")
    results, seconds = confirm.run_all(data, out=args.out, on_result=lambda r: say(r.text()))
    passed = sum(r.passed for r in results)
    say(f"{passed} of {len(results)} confirmations passed in {seconds:.1f} s")
    if args.out:
        say(f"report: {confirm.Path(args.out) / 'report.md'}")
    if args.json:
        print(json.dumps([r.as_json() for r in results], indent=2))
    return 0 if passed == len(results) else 1
