"""`nndl derive`: print every derivation (text, LaTeX or JSON)."""
from __future__ import annotations


def add_commands(sub) -> None:
    p = sub.add_parser("derive", help="derive every cost from its likelihood model, and its output errors",
                       description="Derive the three costs from their likelihood models and the output "
                       "error delta of each (model, activation) pairing, every step checked by SymPy.")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--latex", action="store_true", help="print LaTeX instead of text")
    fmt.add_argument("--json", action="store_true",
                     help="print per model and activation the cost and delta as SymPy strings and LaTeX")
    p.set_defaults(run=run)


def run(args) -> int:
    raise NotImplementedError  # filled in below
