"""`nndl derive`: every derivation, as text, LaTeX or JSON. Exit 1 if any step failed its check."""
from __future__ import annotations

import json
import time


def add(sub) -> None:
    p = sub.add_parser(
        "derive", help="derive every cost from its likelihood model, and each output error",
        description="Derive the three costs from their likelihood models (Gaussian, Bernoulli, "
        "categorical) and the output error delta_j = dC/dz_j of every pairing of a cost with an "
        "output activation, for a symbolic number of output neurons n. Every step is checked by "
        "SymPy and by an independent 50-digit numeric check.")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--latex", action="store_true", help="print LaTeX (align* blocks) instead of text")
    fmt.add_argument("--json", action="store_true",
                     help="print, per pairing, the cost and delta as SymPy strings (parse_expr reads "
                     "them back) and as LaTeX")
    p.set_defaults(run=run)


def all_derivations():
    """(heading, [Derivation, ...]) for every model and every pairing, in reading order."""
    from derivations.models import MODELS
    from derivations.pairings import PAIRINGS
    out = []
    for model in MODELS.values():
        out.append((f"{model.name} model -> {model.cost_name} cost", [model.derivation, model.average_derivation]))
    for p in PAIRINGS:
        oe = p.output_error
        out.append((f"output error: {oe.title}", [oe.derivation, oe.weight_gradient, oe.bias_gradient]))
    return out


def as_json() -> list[dict]:
    from derivations.notation import sympy_string, tex
    from derivations.pairings import PAIRINGS
    rows = []
    for p in PAIRINGS:
        model, oe = p.model, p.output_error
        rows.append({
            "model": model.name, "cost_name": model.cost_name, "activation": p.activation.name,
            "cost": sympy_string(model.derivation.result), "cost_latex": tex(model.derivation.result),
            "delta": sympy_string(oe.closed_form), "delta_latex": tex(oe.closed_form),
            "delta_in_terms_of_a": sympy_string(oe.in_terms_of_a),
            "dC_dw": sympy_string(oe.weight_gradient.result), "dC_db": sympy_string(oe.bias_gradient.result),
            "verified": bool(model.derivation.verified and oe.verified),
        })
    return rows


def run(args) -> int:
    start = time.perf_counter()
    if args.json:
        rows = as_json()
        print(json.dumps(rows, indent=2))
        return 0 if all(r["verified"] for r in rows) else 1
    sections = all_derivations()
    ok = True
    for heading, derivations in sections:
        if args.latex:
            print(f"% {heading}")
            for d in derivations:
                print(f"% {d.title}\n{d.to_latex()}\n")
        else:
            print(f"\n### {heading}\n")
            for d in derivations:
                print(d.to_text() + "\n", flush=True)
        ok &= all(d.verified for d in derivations)
    seconds = time.perf_counter() - start
    summary = (f"{sum(len(ds) for _, ds in sections)} derivations, "
               f"{'every step checked' if ok else 'SOME STEPS FAILED THEIR CHECK'} ({seconds:.1f} s)")
    print(f"% {summary}" if args.latex else summary)
    return 0 if ok else 1
