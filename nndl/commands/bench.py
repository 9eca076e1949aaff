"""`nndl bench`: training speed against the reference implementations, and the proof suite's speed.

The training measurements are `numeric.bench`'s; this command adds the time of the proof suite
(`exercises.runner.prove_all`, as `nndl prove` runs it) and of building the document
(`exercises.document.build`, as `nndl latex` does), both run here, in this process.
"""
from __future__ import annotations

import json
import sys
import time

from pathlib import Path

from nndl.options import default_jobs, positive_int, writable_folder

SCALING_FILES = ("bench-scaling.png", "bench-scaling.txt")


def add(sub) -> None:
    p = sub.add_parser("bench", help="time training against network2.py's algorithm and PyTorch, "
                       "and the proof suite",
                       description="Time one training epoch of [784, 30, 10] (cross-entropy, eta 0.5, "
                       "60,000 examples) at batch sizes 10 and 100 for this project (Network.sgd as "
                       "called by default, each engine by name, and the best of them), a reference "
                       "following Nielsen's network2.py and PyTorch (when installed), with ratios, "
                       "GFLOP/s against the machine's peak, peak memory, and the time of "
                       "proving every claim and of building the document. With --scaling: how the "
                       "time grows with the batch size and the hidden width instead.")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--quick", action="store_true",
                   help="a smoke run on 2,000 examples, one round (checks the benchmark works)")
    p.add_argument("--runs", type=positive_int, default=None, metavar="N",
                   help="rounds of alternating contenders (default 5; 1 with --quick)")
    p.add_argument("--threads", type=positive_int, default=None, metavar="N",
                   help="BLAS/OpenMP threads for every contender (default: the libraries' own choice)")
    p.add_argument("--no-proofs", action="store_true", help="do not time the proofs and the document")
    p.add_argument("--data", choices=("auto", "fashion-mnist", "mnist"), default="auto",
                   help="the 60,000 training images: Fashion-MNIST's (about half of their pixels nonzero), "
                   "the 10,000 real MNIST test digits repeated (a fifth nonzero), or auto: Fashion-MNIST "
                   "when it is installed, else MNIST")
    p.add_argument("--scaling", action="store_true",
                   help="instead: seconds per epoch of this project, the reference and PyTorch over batch "
                   "sizes 1, 10, 100, 1000 and hidden widths 30, 100, 300, beside the floor the measured "
                   f"peak implies; prints a table and writes it and a log-log figure to --out "
                   f"({', '.join(SCALING_FILES)})")
    p.add_argument("--out", type=Path, default=Path("."), metavar="DIR",
                   help="the folder --scaling writes its table and figure to (default: the current folder)")
    p.set_defaults(run=run)


def run(args) -> int:
    from numeric.bench import run_benchmark
    log = (lambda message: print(message, file=sys.stderr, flush=True))
    if args.scaling:
        return run_scaling(args, log)
    result = run_benchmark(quick=args.quick, runs=args.runs, threads=args.threads, log=log, dataset=args.data)
    result["prove_seconds"] = result["latex_seconds"] = None
    if args.no_proofs:
        result["notes"].append("the proofs and the document were not timed (--no-proofs)")
    else:
        log("timing the proofs (as nndl prove) and the document (as nndl latex) ...")
        result["prove_seconds"], result["latex_seconds"], notes = time_proofs()
        result["notes"] += notes
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


def run_scaling(args, log) -> int:
    """`nndl bench --scaling`: the table on stdout (or JSON), the table and the figure in --out."""
    from derivations.files import atomic_file
    from numeric.bench import run_scaling as measure
    from numeric.bench import scaling_figure, scaling_table
    out = writable_folder(args.out, "--out")
    result = measure(quick=args.quick, runs=args.runs, threads=args.threads, log=log, dataset=args.data)
    table = (f"nndl bench --scaling: seconds per epoch of 60,000 examples, cross-entropy, eta 0.5\n\n"
             f"{scaling_table(result)}\n\n{result['note']}\n")
    out.mkdir(parents=True, exist_ok=True)
    figure, text = (out / name for name in SCALING_FILES)
    with atomic_file(figure) as f:
        f.write(scaling_figure(result))
    with atomic_file(text) as f:
        f.write(table.encode())
    result["files"] = [str(figure), str(text)]
    print(json.dumps(result, indent=2) if args.json else table + f"\nwrote {figure} and {text}")
    return 0


def time_proofs(jobs: int | None = None) -> tuple[float, float, list[str]]:
    """Seconds to prove every claim and to build the document, each in `jobs` workers as the
    commands do, and notes on anything that did not come out as expected (its time still counts)."""
    from exercises.document.build import build, parts
    from exercises.registry import ids
    from exercises.runner import prove_all
    from nndl.progress import progress
    jobs = jobs or default_jobs()
    notes = []
    start = time.perf_counter()
    rows = []
    with progress("timing nndl prove", len(ids()), unit="claim") as shown:
        for row in prove_all(ids(), jobs):
            rows.append(row)
            shown.done(row["id"])
    prove_seconds = time.perf_counter() - start
    unexpected = [r["id"] for r in rows if r["verdict"] != r["expected"]]
    if unexpected:
        notes.append(f"proofs: not as expected: {', '.join(unexpected)}")
    start = time.perf_counter()
    with progress("timing nndl latex", parts(), unit="part") as shown:
        document = build(None, jobs=jobs, done=shown.done)
    latex_seconds = time.perf_counter() - start
    if document.unexpected:
        notes.append(f"document: verdicts not as expected: {', '.join(document.unexpected)}")
    return prove_seconds, latex_seconds, notes


def report(r: dict) -> str:
    """The measurements as a short text report."""
    from numeric.bench import RATIOS
    s, e, g = r["settings"], r["epoch_seconds_all"], r["gflops"]
    unmeasured = r.get("unmeasured", {})
    fmt = lambda v, f="{:.3f}": "n/a" if v is None else f.format(v)  # noqa: E731
    lines = [f"nndl bench: [784, 30, 10] cross-entropy, eta {s['eta']}, one epoch = {s['epoch_examples']:,} "
             f"examples ({s['data']}); median of {s['runs']} alternating round(s)", "",
             f"machine: {s['cpus']} CPUs, load average {s['load_average_at_start'][0]:.2f} at the start "
             f"and {s['load_average_at_end'][0]:.2f} at the end (other work on the machine slows every contender)",
             "", "this: Network.sgd as called by default (engine, dtype and threads auto); numpy, numba: each "
             f"engine by name, in {s['this_dtype']} (numba: threads auto, numba1: one thread); best: the "
             "fastest of them, round by round",
             "", f"{'contender':<20}{'s/epoch':>10}{'GFLOP/s':>10}{'of peak':>9}"]
    for key in e:
        lines.append(f"{key:<20}{e[key]:>10.3f}{g[key]:>10.2f}{r['share_of_peak'][key]:>9.1%}")
    for key, why in unmeasured.items():
        lines.append(f"{key:<20}{'n/a':>10}  ({why})")
    lines += ["", "ratios (median over rounds of side-by-side epochs):"]
    for name, value in r["ratios"].items():
        why = next((unmeasured[key] for key in RATIOS.get(name, ()) if key in unmeasured), None)
        lines.append(f"  {name:<20} {fmt(value, '{:.1f}x')}" + (f"  ({why})" if value is None and why else ""))
    peak = r["peak_gflops_by_dtype"]
    lines += ["", f"work per epoch: {s['flops_per_epoch'] / 1e9:.2f} GFLOP (matrix products); peak (the faster of "
              "a large NumPy matrix product with the contenders' threads and with one), GFLOP/s: " + ", ".join(
                  f"{dt} {v:.1f} (contenders' threads {r['peak_gflops_all_threads'][dt]:.1f}, one thread "
                  f"{r['peak_gflops_one_thread'][dt]:.1f})" for dt, v in peak.items()),
              f"memory: peak of the process that loads the data and trains (sgd as called by default) "
              f"{r['peak_memory_mb']:.0f} MB, of which one sgd call holds at most {r['training_memory_mb']:.1f} MB "
              "beyond the data; peak by worker: " + ", ".join(
                  f"{k} {v:.0f} MB" for k, v in r["peak_memory_mb_by_worker"].items()),
              f"nndl prove: {fmt(r['prove_seconds'], '{:.1f} s')}; nndl latex: {fmt(r['latex_seconds'], '{:.1f} s')}"
              + (" (not timed: --no-proofs)" if r["prove_seconds"] is None else "")]
    if r["notes"]:
        lines += ["", "notes:"] + [f"  - {n}" for n in r["notes"]]
    return "\n".join(lines)
