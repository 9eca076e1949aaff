"""`nndl bench`: training speed against the reference implementations, and the proof suite's speed.

The training measurements are `numeric.bench`'s; this command adds the time of the proof suite
(`exercises.runner.prove_all`, as `nndl prove` runs it) and of building the document
(`exercises.document.build`, as `nndl latex` does), both run here, in this process.
"""
from __future__ import annotations

import json
import sys
import time

from nndl.options import default_jobs, positive_int


def add(sub) -> None:
    p = sub.add_parser("bench", help="time training against network2.py's algorithm and PyTorch, "
                       "and the proof suite",
                       description="Time one training epoch of [784, 30, 10] (cross-entropy, eta 0.5, "
                       "60,000 examples) at batch sizes 10 and 100 for this project, a reference "
                       "following Nielsen's network2.py and PyTorch (when installed), with ratios, "
                       "GFLOP/s against the machine's peak, peak memory, and the time of "
                       "proving every claim and of building the document.")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--quick", action="store_true",
                   help="a smoke run on 2,000 examples, one round (checks the benchmark works)")
    p.add_argument("--runs", type=positive_int, default=None, metavar="N",
                   help="rounds of alternating contenders (default 5; 1 with --quick)")
    p.add_argument("--threads", type=positive_int, default=None, metavar="N",
                   help="BLAS/OpenMP threads for every contender (default: the libraries' own choice)")
    p.add_argument("--no-proofs", action="store_true", help="do not time the proofs and the document")
    p.set_defaults(run=run)


def run(args) -> int:
    from numeric.bench import run_benchmark
    log = (lambda message: print(message, file=sys.stderr, flush=True))
    result = run_benchmark(quick=args.quick, runs=args.runs, threads=args.threads, log=log)
    result["prove_seconds"] = result["latex_seconds"] = None
    if args.no_proofs:
        result["notes"].append("the proofs and the document were not timed (--no-proofs)")
    else:
        log("timing the proofs (as nndl prove) and the document (as nndl latex) ...")
        result["prove_seconds"], result["latex_seconds"], notes = time_proofs()
        result["notes"] += notes
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


def time_proofs(jobs: int | None = None) -> tuple[float, float, list[str]]:
    """Seconds to prove every claim and to build the document, each in `jobs` workers as the
    commands do, and notes on anything that did not come out as expected (its time still counts)."""
    from exercises.document.build import build
    from exercises.registry import ids
    from exercises.runner import prove_all
    jobs = jobs or default_jobs()
    notes = []
    start = time.perf_counter()
    rows = list(prove_all(ids(), jobs))
    prove_seconds = time.perf_counter() - start
    unexpected = [r["id"] for r in rows if r["verdict"] != r["expected"]]
    if unexpected:
        notes.append(f"proofs: not as expected: {', '.join(unexpected)}")
    start = time.perf_counter()
    document = build(None, jobs=jobs)
    latex_seconds = time.perf_counter() - start
    if document.unexpected:
        notes.append(f"document: verdicts not as expected: {', '.join(document.unexpected)}")
    return prove_seconds, latex_seconds, notes


def report(r: dict) -> str:
    """The measurements as a short text report."""
    s, e, g = r["settings"], r["epoch_seconds_all"], r["gflops"]
    fmt = lambda v, f="{:.3f}": "n/a" if v is None else f.format(v)
    lines = [f"nndl bench: [784, 30, 10] cross-entropy, eta {s['eta']}, one epoch = {s['epoch_examples']:,} "
             f"examples ({s['data']}); median of {s['runs']} alternating round(s)", "",
             f"machine: {s['cpus']} CPUs, load average {s['load_average_at_start'][0]:.2f} at the start "
             f"and {s['load_average_at_end'][0]:.2f} at the end (other work on the machine slows every contender)",
             "", f"{'contender':<20}{'s/epoch':>10}{'GFLOP/s':>10}{'of peak':>9}{'of 1-thread peak':>18}"]
    for key in e:
        share, one = r["share_of_peak"][key], r["share_of_one_thread_peak"][key]
        lines.append(f"{key:<20}{e[key]:>10.3f}{g[key]:>10.2f}{share:>9.1%}{one:>18.1%}")
    lines += ["", "ratios (median over rounds of side-by-side epochs):"]
    lines += [f"  {k:<20} {fmt(v, '{:.1f}x')}" for k, v in r["ratios"].items()]
    lines += ["", f"work per epoch: {s['flops_per_epoch'] / 1e9:.2f} GFLOP (matrix products); peak of a "
              f"large NumPy matrix product (GFLOP/s): " + ", ".join(
                  f"{dt} {v:.1f} (all threads {r['peak_gflops_all_threads'][dt]:.1f}, one thread "
                  f"{r['peak_gflops_one_thread'][dt]:.1f})" for dt, v in r["peak_gflops_by_dtype"].items()),
              f"memory: peak of the process that loads the data and trains {r['peak_memory_mb']:.0f} MB, of "
              f"which one sgd call holds at most {r['training_memory_mb']:.0f} MB beyond the data; "
              "peak by worker: " + ", ".join(f"{k} {v:.0f} MB" for k, v in r["peak_memory_mb_by_worker"].items()),
              f"nndl prove: {fmt(r['prove_seconds'], '{:.1f} s')}; nndl latex: {fmt(r['latex_seconds'], '{:.1f} s')}"]
    if r["notes"]:
        lines += ["", "notes:"] + [f"  - {n}" for n in r["notes"]]
    return "\n".join(lines)


