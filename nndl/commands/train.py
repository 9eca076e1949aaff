"""`nndl train`: train the chapter's network on real digits, with held-out accuracy per epoch."""
from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

from derivations.errors import says_what_it_leaves
from nndl.options import (Choices, DefaultsFormatter, network_costs, nonnegative_int, output_activations,
                          positive_float, positive_int, threads_option, writable_file)


def add(sub) -> None:
    p = sub.add_parser("train", help="train the chapter's network on real digits",
                       formatter_class=DefaultsFormatter,
                       description="Train a [784, hidden, 10] network by mini-batch SGD and report "
                       "the held-out accuracy and cost after every epoch.")
    data_options(p)
    p.add_argument("--dataset", default="mnist", choices=("mnist", "fashion-mnist"), help="the images")
    p.add_argument("--cost", default="cross-entropy", choices=Choices(network_costs), metavar="COST",
                   help="the cost, and with it the output activation: %(choices)s")
    p.add_argument("--output", choices=Choices(output_activations), metavar="ACTIVATION",
                   help="another output activation the cost is paired with: %(choices)s")
    p.add_argument("--hidden", type=positive_int, default=30, help="neurons in the hidden layer")
    p.add_argument("--epochs", type=positive_int, default=30, help="passes over the training data")
    p.add_argument("--batch-size", type=positive_int, default=10, help="examples per step of gradient descent")
    p.add_argument("--eta", type=positive_float, default=0.5, help="learning rate")
    p.add_argument("--seed", type=nonnegative_int, default=0, help="the same seed gives the same network")
    p.add_argument("--engine", default="auto", choices=("auto", "numpy", "numba"),
                   help="numba: the steps compiled (numba keeps the compiled code on disk: the first run "
                   "on a machine compiles for about 5 s, later runs load it in under a second); numpy: "
                   "the same steps as NumPy calls; auto: numba when it is installed, for batches of up "
                   "to 30 or up to 30 hidden neurons (where it was measured faster), else numpy")
    p.add_argument("--threads", type=threads_option, default="auto", metavar="N",
                   help="threads of the numba engine (the same network for any number); auto: both "
                   "cores while they are measured faster than one, timed again now and then as the "
                   "epochs go (one is faster while another program keeps the second core busy)")
    p.add_argument("--dtype", default="auto", choices=("auto", "float32", "float64"),
                   help="the arithmetic of training (and of the network saved); auto: float32 (faster "
                   "with both engines; the trained network agrees with float64's within the tests' "
                   "tolerances)")
    p.add_argument("--init", default="scaled", choices=("scaled", "large"),
                   help="weights N(0, 1/n_in) (scaled) or N(0, 1) (large, the book's old one)")
    p.add_argument("--save", metavar="FILE", type=Path,
                   help="write the trained network to FILE (.npz); checked before training starts")
    p.add_argument("--json", action="store_true", help="print one JSON object at the end")
    p.set_defaults(run=run)


def data_options(p) -> None:
    p.add_argument("--data-dir", metavar="DIR",
                   help="folder with the IDX files (default: $NNDL_DATA_DIR, else a complete set in "
                   "the cache, else ../shared/mnist for mnist if present, else a download)")
    p.add_argument("--no-download", action="store_true", help="never download the dataset")


def load(args, name: str = "mnist", dtype="float64"):
    import numpy as np

    from numeric.data import load_dataset
    return load_dataset(name, data_dir=args.data_dir, download=not args.no_download,
                        progress=sys.stderr.isatty(), dtype=np.dtype(dtype), warn=False)   # it says the note


def run(args) -> int:
    from tqdm import tqdm

    from numeric.network import Diverged, Network, training_plan
    if args.save is not None:
        writable_file(args.save, "--save")
    engine, dtype = training_plan(args.engine, args.dtype, args.batch_size, (784, args.hidden, 10))
    net = Network(sizes=(784, args.hidden, 10), cost=args.cost, seed=args.seed, init=args.init, output=args.output,
                  dtype=dtype)
    data = load(args, args.dataset, dtype)
    settings = {"dataset": data.name, "cost": args.cost, "output": net.cost.activation_name,
                "sizes": [784, args.hidden, 10],
                "epochs": args.epochs, "batch_size": args.batch_size, "eta": args.eta,
                "seed": args.seed, "init": args.init, "engine": engine, "dtype": dtype, "threads": args.threads,
                "train_examples": len(data.train_y),
                "held_out_examples": len(data.test_y), "data_source": data.source}
    say = (lambda *a: None) if args.json else tqdm.write
    if data.note:
        say(f"note: {data.note}")
    if args.batch_size > len(data.train_y):
        say(f"note: --batch-size {args.batch_size} is more than the {len(data.train_y):,} training examples: "
            "each epoch is one step on all of them")
    say(f"training [784, {args.hidden}, 10] with the {args.cost} cost and {net.cost.activation_name} outputs "
        f"on {len(data.train_y):,} {data.name} images, eta = {args.eta}, mini-batches of {args.batch_size} "
        f"({engine} engine, {dtype})")
    derive_delta(net, say)
    history: list = []
    untrained = net.total_cost(data.test_images, data.test_y)
    start = time.perf_counter()
    try:
        diverged_at = []     # the epoch that diverged: never saved, whenever a press lands
        with says_what_it_leaves(lambda: kept_when_interrupted(net, args.save, history, diverged_at)):
            with tqdm(total=args.epochs, desc="epochs", unit="epoch", file=sys.stderr,
                      disable=None, leave=False) as bar:
                def on_epoch(record):      # Network.sgd holds Ctrl-C meanwhile: noted and said whole
                    bar.update(1)
                    bar.set_postfix(accuracy=f"{record['accuracy']:.4f}", cost=f"{record['cost']:.4f}")
                    say(f"epoch {record['epoch']:>3}: held-out accuracy {record['accuracy']:.4f} "
                        f"({round(record['accuracy'] * len(data.test_y))}/{len(data.test_y)}), "
                        f"cost {record['cost']:.4f}, {record['seconds']:.2f} s")
                    why = diverged(net, record["cost"], untrained)
                    if why:
                        diverged_at.append(record["epoch"])
                        raise Diverged(record["epoch"], why)
                    history.append(record)
                net.sgd(data.train_images, data.train_y, args.epochs, args.batch_size, args.eta,   # bytes: /255 as gathered
                        evaluation=(data.test_images, data.test_y), on_epoch=on_epoch, engine=engine, dtype=dtype,
                        threads=args.threads)
    except Diverged as exc:
        # From here a Ctrl-C says the diverged network was not kept (never saves it, as a press
        # during training would save the last whole epoch's).
        nothing = nothing_kept_when_diverged(args.save)
        with says_what_it_leaves(lambda: nothing, from_any_thread=True):
            print(f"nndl train: training diverged after epoch {exc.epoch}: {exc.why} "
                  f"(eta = {args.eta} is too large for this cost; try a smaller --eta)", file=sys.stderr)
            if args.save is not None:
                print(f"nndl train: {nothing}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - start
    keep(net, args.save, say=say)
    if args.json:
        print(json.dumps({"epochs": history, "settings": settings, "note": data.note,
                          "seconds": seconds}, indent=2))
    return 0


GROWTH = 100   # a held-out cost this many times the untrained network's is divergence


def diverged(net, cost, untrained) -> str:
    """Why training has diverged, or "": non-finite weights or biases, a non-finite held-out cost
    (computed stably from z, so not from ln 0 where a float32 output rounds to 1), or a cost more
    than GROWTH times the untrained network's (the weights run away while staying finite)."""
    if not net.finite():
        return "the weights are no longer finite"
    if not math.isfinite(cost):
        return f"the held-out cost is {cost}"
    if cost > GROWTH * untrained:
        return (f"the held-out cost is {cost:.4g}, more than {GROWTH} times the untrained network's "
                f"{untrained:.4g}")
    return ""


def keep(net, path, say) -> None:
    """Save the network (when asked), and say so: both or neither (a press meanwhile lands after)."""
    if path is not None:
        from derivations.files import interrupts_held
        with interrupts_held():
            net.save(path)
            say(f"saved the network to {path}")


def kept_when_interrupted(net, path, history, diverged_at=()) -> str:
    """After Ctrl-C: save the network as it was after the last whole epoch (when asked), and
    return what was kept, for the one line that says the command was interrupted. The network is
    as the last epoch in `history` left it (Network.sgd's invariant); one that diverged is not kept."""
    if diverged_at or not net.finite():     # (the second: a press as sgd's own Diverged unwinds)
        return nothing_kept_when_diverged(path)
    done = len(history)
    if path is None:
        return f"after {done} complete epoch{'s' if done != 1 else ''}; nothing saved (no --save)"
    if not done:
        return "before the first epoch ended; nothing saved"
    from derivations.files import interrupts_held
    try:
        with interrupts_held():      # saved whole: a second press lands once the file is in place
            net.save(path)
    except KeyboardInterrupt:        # that second press: the first is being answered already
        pass
    return f"saved the network as it was after epoch {done} to {path}"


def nothing_kept_when_diverged(path) -> str:
    return (f"nothing saved to {path}: training diverged" if path is not None
            else "training diverged; nothing saved (no --save)")


def derive_delta(net, say) -> None:
    """Derive the output error before training starts, so the first epoch's time is training."""
    start = time.perf_counter()
    net.cost.delta
    say(f"derived the output error delta for {net.cost.name} + {net.cost.activation_name} "
        f"with SymPy in {time.perf_counter() - start:.1f} s")
