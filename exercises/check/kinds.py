"""What a learner's NumPy function can be held to, for `nndl check FILE.py`.

A *kind* is a formula `derivations` derived (sigma, sigma', the softmax, the log-softmax, each
pairing's cost and output error delta_j), with its values from `exercises.check.formulas` (mpmath
at 60 digits, more for large inputs). A *reading* is one way a learner's function can take that
formula's inputs: softmax(z); a cost of outputs and targets fn(a, y), or of logits and class
indices cross_entropy(X, y); network2.py's delta(z, a, y); a gradient of logits and labels. For
each kind this module makes the inputs it is tried on (ordinary and extreme, one example or a
batch of rows), the values the derived formula gives there, and the usual mistakes, each as the
values it would give (a hint is named when the learner's values match one).

Conventions: one example is a 1-D array (n output neurons; n logits); a batch holds one example
per row. The elementwise kinds (sigma, sigma') take any shape. A batch's
cost is the mean (1/N) sum_x C_x, as the chapter averages it, unless the function's docstring says
it is the sum; a batch's delta is per example (the chapter's delta_j = dC_x/dz_j) or the gradient
of the batch's mean cost (delta_j / N, as seed 001's code divides by m).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from exercises.check import formulas as F

RTOL = 1e-8              # a learner's value agrees with the formula within this relative error ...
ATOL = 2.0**-52          # ... or this absolute error (one rounding of a number near 1)
SEED = 0

CHAPTER = "Nielsen ch. 3"
SIGMA_PRIME_CANCELS = ("the cross-entropy's delta is a - y: the σ'(z) factor cancels "
                       f"({CHAPTER}, 'The cross-entropy cost function')")
SIGMA_PRIME_MISSING = ("σ'(z) is missing: the quadratic cost's delta is (a - y) σ'(z) "
                       f"({CHAPTER}, 'The cross-entropy cost function', equations (55), (56))")
WHOLE_BATCH = ("normalised over the whole batch, not each row: each example's Σ_k e^(z_k) runs "
               "over its own row only (np.sum(..., axis=-1, keepdims=True))")
NO_MAX = ("no max subtracted: e^(1000) overflows (float64 ends at e^709.78); "
          "e^(z_j - max_k z_k) / Σ_k e^(z_k - max_k z_k) is the same a_j and never overflows")
LOG_UNDERFLOW = ("ln of a probability that underflowed to 0: ln a_j = (z_j - max_k z_k) - "
                 "ln Σ_k e^(z_k - max_k z_k) takes no logarithm of a tiny number")
MISSING_MEAN = (f"a missing 1/n: C = (1/n) Σ_x C_x is the mean over the n examples of the batch "
                f"({CHAPTER}, equation (63))")
MISSING_MEAN_DELTA = ("a missing 1/n: the gradient of the batch's mean cost C = (1/n) Σ_x C_x is "
                      "∂C/∂z_j = δ_j/n for each example")
EXTRA_MEAN_DELTA = ("divided by the batch size: the chapter's δ_j = ∂C_x/∂z_j is per example "
                    "(its docstring says so)")
SIGMOID_SIGN = "a sign: σ(z) = 1/(1 + e^(-z)), with e^(-z) (Nielsen ch. 1, 'Sigmoid neurons')"
SIGMOID_DENOMINATOR = "a sign: σ(z) = 1/(1 + e^(-z)), with 1 + e^(-z) in the denominator, not 1 - e^(-z)"
SIGMA_PRIME_SIGN = "a sign: σ'(z) = σ(z)(1 - σ(z)), with 1 - σ(z), not 1 + σ(z)"
SIGMA_PRIME_WRONG = "σ'(z) is wrong in it: the quadratic cost's delta is (a - y) σ'(z) with σ'(z) = σ(z)(1 - σ(z)); "
OUTPUT_FORM = ("this is a(1 - a), σ' written with the output a = σ(z), applied to z itself: "
               "given z, σ'(z) = σ(z)(1 - σ(z))")
OVERFLOW = ("NaN or inf from finite input: an exponential overflowed (e^x is inf in float64 "
            "for x > 709.78)")


# =========================================================================== kinds

@dataclass(frozen=True)
class Kind:
    """A derived formula a learner's function can be held to."""

    name: str                    # what --as names and the report shows
    family: str                  # elementwise, row (one example's vector -> vector), cost, delta
    pairing: object = None       # derivations.pairings.Pairing, for costs and deltas

    @property
    def formula(self) -> F.CodeFormula:
        return _formula(self.name)

    @property
    def softmax(self) -> bool:
        """Whether its values for one example depend on the whole row (softmax outputs)."""
        return self.family == "row" or (self.pairing is not None and not self.pairing.activation.elementwise)


@lru_cache(maxsize=None)
def kinds() -> dict[str, Kind]:
    """Every kind, by name: the activations, then a cost and a delta for each default pairing
    of derivations.pairings (quadratic_cost, cross_entropy_delta, log_likelihood_cost, ...)."""
    from derivations.pairings import default_pairings
    out = [Kind("sigmoid", "elementwise"), Kind("sigmoid_prime", "elementwise"),
           Kind("softmax", "row"), Kind("log_softmax", "row")]
    for cost, p in default_pairings().items():
        stem = cost.replace("-", "_")
        out += [Kind(f"{stem}_cost", "cost", p), Kind(f"{stem}_delta", "delta", p)]
    return {k.name: k for k in out}


@lru_cache(maxsize=None)
def _formula(name: str) -> F.CodeFormula:
    from derivations.activations import SIGMOID, SOFTMAX
    kind = kinds()[name]
    if name == "sigmoid":
        return F.activation_formula(SIGMOID)
    if name == "sigmoid_prime":
        return F.sigmoid_prime_formula()
    if name == "softmax":
        return F.activation_formula(SOFTMAX)
    if name == "log_softmax":
        return F.log_softmax_formula()
    if kind.family == "cost":
        return F.cost_formula(kind.pairing.model)
    return F.delta_formula(kind.pairing)


@lru_cache(maxsize=None)
def cost_of_logits_formula(name: str) -> F.CodeFormula:
    """A softmax pairing's cost as a function of logits and class indices."""
    p = kinds()[name].pairing
    return F.cost_formula(p.model, of_logits=p.activation)


# A learner's function names, and the kinds each may be. A name that fits several (cross_entropy:
# seed 001's is categorical, from logits; Nielsen's is binary) is held to the first of them that its
# results fit, after its parameters and docstring have ruled out what they exclude.
NAMES = {
    "sigmoid": ("sigmoid",), "sigma": ("sigmoid",), "logistic": ("sigmoid",),
    "sigmoid_prime": ("sigmoid_prime",), "sigma_prime": ("sigmoid_prime",), "dsigmoid": ("sigmoid_prime",),
    "d_sigmoid": ("sigmoid_prime",), "sigmoid_derivative": ("sigmoid_prime",), "sigmoid_grad": ("sigmoid_prime",),
    "softmax": ("softmax",), "stable_softmax": ("softmax",), "softmax_stable": ("softmax",),
    "log_softmax": ("log_softmax",), "stable_log_softmax": ("log_softmax",), "logsoftmax": ("log_softmax",),
    "quadratic_cost": ("quadratic_cost",), "quadratic": ("quadratic_cost",), "mse": ("quadratic_cost",),
    "quadratic_loss": ("quadratic_cost",),
    "binary_cross_entropy": ("cross_entropy_cost",), "cross_entropy_cost": ("cross_entropy_cost",),
    "cross_entropy": ("log_likelihood_cost", "cross_entropy_cost"),
    "cross_entropy_loss": ("log_likelihood_cost", "cross_entropy_cost"),
    "categorical_cross_entropy": ("log_likelihood_cost",), "log_likelihood": ("log_likelihood_cost",),
    "categorical_crossentropy": ("log_likelihood_cost",), "categorical_cross_entropy_loss": ("log_likelihood_cost",),
    "binary_crossentropy": ("cross_entropy_cost",), "binary_cross_entropy_loss": ("cross_entropy_cost",),
    "crossentropy": ("log_likelihood_cost", "cross_entropy_cost"),
    "softmax_loss": ("log_likelihood_cost",),         # CS231n's layers.py: (loss, dx) of scores x, labels y
    "log_likelihood_cost": ("log_likelihood_cost",), "negative_log_likelihood": ("log_likelihood_cost",),
    "nll": ("log_likelihood_cost",), "softmax_cross_entropy": ("log_likelihood_cost",),
    "quadratic_delta": ("quadratic_delta",), "delta_quadratic": ("quadratic_delta",),
    "cross_entropy_delta": ("cross_entropy_delta", "log_likelihood_delta"),
    "binary_cross_entropy_delta": ("cross_entropy_delta",),
    "delta_cross_entropy": ("log_likelihood_delta", "cross_entropy_delta"),
    "cross_entropy_grad": ("log_likelihood_delta", "cross_entropy_delta"),
    "grad_cross_entropy": ("log_likelihood_delta", "cross_entropy_delta"),
    "cross_entropy_gradient": ("log_likelihood_delta", "cross_entropy_delta"),
    "log_likelihood_delta": ("log_likelihood_delta",), "delta_log_likelihood": ("log_likelihood_delta",),
    "softmax_cross_entropy_grad": ("log_likelihood_delta",),
}
COST_METHODS = ("fn", "cost", "loss", "value")                  # network2.py's QuadraticCost.fn
DELTA_METHODS = ("delta", "grad", "gradient", "derivative", "prime")
CLASS_COSTS = ((r"quadratic|mse|squared", "quadratic"), (r"loglikelihood|log_likelihood|softmax|categorical|nll",
               "log_likelihood"), (r"crossentropy|cross_entropy|bce", "cross_entropy"))


def kinds_for(name: str) -> tuple[str, ...]:
    """The kinds a function or method of this name may be ("" when nndl check does not know it)."""
    plain = name.lower().lstrip("_")
    if "." in plain:
        cls, method = plain.rsplit(".", 1)
        cost = next((c for pattern, c in CLASS_COSTS if re.search(pattern, cls)), None)
        if cost and method in COST_METHODS:
            return (f"{cost}_cost",)
        if cost and method in DELTA_METHODS:
            return (f"{cost}_delta",)
        plain = method
    return NAMES.get(plain, ())


# =========================================================================== readings

LOGIT_PARAMS = {"z", "zs", "z_l", "zl", "x", "logits", "logit", "scores", "inputs", "weighted_input"}
OUTPUT_PARAMS = {"a", "a_l", "al", "output", "outputs", "activation", "activations", "p", "probs",
                 "probabilities", "y_hat", "yhat", "y_pred", "pred", "preds", "prediction", "predictions"}
LOGIT_WORDS = r"logit|\bscores?\b|fully.connected|weighted input|before (the )?softmax|pre-?activation|unnormali[sz]ed"
OUTPUT_WORDS = r"probabilit|activations?\b|softmax output|output of (the )?softmax|after (the )?softmax"
INDEX_WORDS = r"not one.?hot|class (index|indices|labels?)|\bintegers?\b|\bindices\b|argmax"
ONEHOT_WORDS = r"one.?hot"
BATCH_WORDS = (r"\bbatch|mini.?batch|\bexamples\b|num_examples|n_examples|\bsamples\b|\brows\b|"
               r"one (example|sample) per row|\bmatrix\b")
SUM_WORDS = r"\b(sum|summed|total)\b[^.]*\b(batch|examples|samples|rows)\b"
MEAN_DELTA_WORDS = r"\b(mean|average|averaged)\b|divided by|/ ?(n|m|len)\b"
PER_EXAMPLE_WORDS = r"per.example|each example|one example"


@dataclass(frozen=True)
class Reading:
    """One way of calling a function of a kind: its arguments' roles, in order. Roles: z (logits
    or weighted inputs), a (outputs of the pairing's activation), y (targets, or one-hot rows),
    labels (class indices, or one-hot rows when labels == "onehot")."""

    kind: Kind
    roles: tuple
    labels: str = "targets"          # targets (y in [0, 1]), onehot, index

    def describe(self, params: list[str]) -> str:
        """The arguments in the chapter's terms: "X: logits z, y: class indices"."""
        act = "softmax(z)" if self.kind.softmax else "σ(z)"
        what = {"z": ("logits", "z") if self.kind.softmax else ("weighted inputs", "z"),
                "a": ("outputs", f"a = {act}"), "y": ("one-hot targets" if self.labels == "onehot" else "targets", "y"),
                "labels": ("class indices" if self.labels == "index" else "one-hot labels", "")}
        out = []
        for role, name in zip(self.roles, list(params) + list(self.roles)[len(params):]):
            words, letter = what[role]
            if role == "a":
                letter = act if name == "a" else letter
            elif name == letter:
                letter = ""
            out.append(f"{name}: {words}{' ' + letter if letter else ''}")
        return ", ".join(out)


def readings(kind: Kind) -> list[Reading]:
    """The ways of calling a function of this kind, the usual one first; the targets may come
    first too (cross_entropy(y, a), categorical_cross_entropy(y_true, y_pred))."""
    if kind.name == "sigmoid_prime":      # σ'(z) of z, or a(1 - a) of the output a = σ(z) (dsigmoid(y))
        return [Reading(kind, ("z",)), Reading(kind, ("a",))]
    if kind.family in ("elementwise", "row"):
        return [Reading(kind, ("z",))]
    if kind.family == "cost":
        if kind.softmax:
            usual = [Reading(kind, ("z", "labels"), "index"), Reading(kind, ("z", "labels"), "onehot"),
                     Reading(kind, ("a", "y"), "onehot"), Reading(kind, ("a", "labels"), "index")]
        else:
            usual = [Reading(kind, ("a", "y"))]
        return usual + [Reading(kind, r.roles[::-1], r.labels) for r in usual]
    if kind.softmax:
        usual = [Reading(kind, ("z", "a", "y"), "onehot"), Reading(kind, ("z", "labels"), "index"),
                 Reading(kind, ("z", "labels"), "onehot"), Reading(kind, ("a", "y"), "onehot"),
                 Reading(kind, ("a", "labels"), "index")]
    else:
        usual = [Reading(kind, ("z", "a", "y")), Reading(kind, ("a", "y")), Reading(kind, ("z", "y"))]
    return usual + [Reading(kind, r.roles[::-1], r.labels) for r in usual if len(r.roles) == 2]


OUTPUT_OF_SIGMOID = {"a", "s", "sig", "sigma", "out", "output", "activation", "activations", "y", "fx", "sx",
                     "sigmoid", "sigmoid_output", "sigmoid_x", "a_l", "al"}
TARGET_PARAMS = {"y", "t", "ys", "target", "targets", "label", "labels", "y_true", "ytrue", "true", "truth",
                 "desired", "expected", "y_target", "gt", "onehot", "one_hot", "y_onehot", "y_batch", "y_train"}
TARGET_WORDS = r"target|label|\btrue\b|desired|expected|ground.?truth|one.?hot|class(es)? (index|indices)"
OUTPUT_DOC_WORDS = r"output|predict|probabilit|activation|softmax|sigmoid"
ROLE_OF = {"y": "target", "labels": "target", "a": "output", "z": "logit"}


def named_role(name: str) -> str | None:
    """target, output or logit, as a parameter's name says (None: it does not say)."""
    name = name.lower()
    if name in TARGET_PARAMS:
        return "target"
    if name in OUTPUT_PARAMS:
        return "output"
    if name in LOGIT_PARAMS:
        return "logit"
    return None


def documented_role(name: str, doc: str) -> str | None:
    """target, output or logit, as the docstring says of this parameter ("y: targets, a: sigmoid
    outputs", "- y_pred -- predicted probabilities"); None when it says nothing of it."""
    found = re.search(rf"(?<![\w.`]){re.escape(name)}`*\s*(?:\([^)]*\))?\s*(?::|--|\u2014|=| is | are )\s*([^,;\n]+)",
                      doc)
    if not found:
        return None
    words = found.group(1)
    if re.search(TARGET_WORDS, words, re.I):
        return "target"
    if re.search(LOGIT_WORDS, words, re.I):
        return "logit"
    if re.search(OUTPUT_DOC_WORDS, words, re.I):
        return "output"
    return None


def possible_readings(kind: Kind, info: dict) -> list[Reading]:
    """The readings a function's parameters and docstring allow, those its parameters' names or
    docstring point to first: as many arguments as it takes; a parameter named or documented like
    targets (y, y_true, labels; "y: targets") is not given outputs or logits, nor one named like
    outputs (a, p, y_pred) targets or logits, nor one named like logits (z, X, logits) outputs or
    targets; words in its docstring (logits, probabilities, one-hot, class indices) rule out the
    others."""
    params, doc = info["params"], info["doc"]
    out = []
    for r in readings(kind):
        if not (info["required"] <= len(r.roles) <= len(params) or info["varargs"] and info["required"] <= len(r.roles)):
            continue
        said = ([documented_role(p, doc) or named_role(p) for p in params[:len(r.roles)]]
                if kind.family in ("cost", "delta") else [])     # one argument: nothing to tell apart
        if r.roles == ("a",) and kind.family == "elementwise":
            # σ' of the output only when its parameter or docstring says it takes the output
            if not params or not (params[0].lower() in OUTPUT_OF_SIGMOID
                                  or re.search(r"output|activation|sigmoid\(|σ\(|already", doc, re.I)):
                continue
            said = ["output"]
        if any(role is not None and role != ROLE_OF[given] for given, role in zip(r.roles, said)):
            continue
        if kind.family in ("cost", "delta") and _says_activation(doc) not in (None, kind.softmax):
            continue
        if kind.softmax and kind.family != "row":
            if re.search(LOGIT_WORDS, doc, re.I) and "z" not in r.roles:
                continue
            if re.search(OUTPUT_WORDS, doc, re.I) and not re.search(LOGIT_WORDS, doc, re.I) and "z" in r.roles \
                    and "a" not in r.roles:
                continue
            if re.search(INDEX_WORDS, doc, re.I) and r.labels == "onehot":
                continue
            if re.search(ONEHOT_WORDS, doc, re.I) and not re.search(INDEX_WORDS, doc, re.I) and r.labels == "index":
                continue
        called = info.get("called_with") or []          # the file's own calls: the roles their arguments' names say
        agreeing = sum(role == ROLE_OF[given] for given, role in zip(r.roles, called))
        out.append((-sum(role is not None for role in said), -agreeing, len(out), r))
    return [r for *_, r in sorted(out, key=lambda t: t[:3])]


def _says_activation(doc: str) -> bool | None:
    """True when the docstring names the softmax only, False the sigmoid only, else None."""
    softmax, sigmoid = re.search(r"softmax", doc, re.I), re.search(r"sigmoid|logistic|\bσ", doc, re.I)
    return None if bool(softmax) == bool(sigmoid) else bool(softmax)


def why_reading(reading: Reading, info: dict) -> str:
    """Why a reading was chosen, as far as the names, docstring and the file's own calls go: 'its
    docstring says so', 'its parameters' names say so', 'the file calls it so' or ''."""
    params, doc = info["params"], info["doc"]
    if any(documented_role(p, doc) for p in params[:len(reading.roles)]):
        return "its docstring says what each argument is"
    if any(named_role(p) for p in params[:len(reading.roles)]):
        return "its parameters' names say what each argument is"
    called = info.get("called_with") or []
    if any(role == ROLE_OF[given] for given, role in zip(reading.roles, called)):
        return f"the file calls it with arguments named so ({info.get('call_shown', '')})"
    return ""


def call_roles(source: str) -> dict[str, tuple[list, str]]:
    """{function or method name: (the roles its arguments' names say, per position; the call as
    written)} from the file's own calls (loss = cross_entropy(Y, A); self.cost.delta(z, a, y)):
    the first call whose arguments' names say something."""
    import ast
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return {}

    def base(node):
        while isinstance(node, (ast.Subscript, ast.Attribute)) and not (
                isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self"):
            node = node.value
        return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    out = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(
            node.func, ast.Attribute) else None
        if not name or name in out:
            continue
        roles = [named_role(base(arg)) for arg in node.args]
        if any(roles):
            out[name] = (roles, ast.get_source_segment(source, node) or name)
    return out


def says_batch(info: dict) -> bool:
    return bool(re.search(BATCH_WORDS, info["doc"], re.I))


def says_sum(info: dict) -> bool:
    return bool(re.search(SUM_WORDS, info["doc"], re.I))


MEAN_WORDS = r"\b(mean|average|averaged)\b"


def says_cost_convention(info: dict) -> str | None:
    """A batch's cost as the docstring says it: 'sum', 'mean' or None (it says neither)."""
    if says_sum(info):
        return "sum"
    if re.search(MEAN_WORDS, info["doc"], re.I):
        return "mean"
    return None


COST_CONVENTIONS = ("mean", "sum", "per example")    # a batch's cost: (1/n) Σ_x C_x, Σ_x C_x, each C_x


SHAPE_WORDS = (r"axis\s*=\s*(1|-1|axis)\b|keepdims\s*=\s*True|\.shape\[0\]|\[\s*:\s*,|np\.arange\(\s*len|"
               r"np\.arange\([^)]*shape\[0\]|\[\s*range\(")


def shape_says_batch(info: dict) -> str:
    """What in the function's own source handles a batch of rows (axis=1, keepdims=True,
    X.shape[0], X[:, ...]), or ''."""
    found = re.search(SHAPE_WORDS, info.get("source") or "")
    return found.group(0) if found else ""


def sums_over_columns(info: dict) -> bool:
    """Whether its source reduces over axis 0 (a batch of columns, or a mistake on rows)."""
    return bool(re.search(r"axis\s*=\s*0\b", info.get("source") or ""))


def says_delta_convention(info: dict) -> str | None:
    """'mean' when the docstring says the delta is of the batch's mean cost, 'per example' when it
    says per example, None when it says neither."""
    if re.search(PER_EXAMPLE_WORDS, info["doc"], re.I):
        return "per example"
    if re.search(MEAN_DELTA_WORDS, info["doc"], re.I):
        return "mean"
    return None


# =========================================================================== inputs

@dataclass
class Example:
    """Inputs in the chapter's terms, one example per row: z (logits or weighted inputs), y
    (targets or one-hot rows), labels (class indices of one-hot y), a (outputs, given or computed
    from z by the pairing's activation). `single`: one example (passed as a 1-D array, or as a
    batch of one row to a function that takes only batches)."""

    kind: Kind
    z: np.ndarray | None = None
    y: np.ndarray | None = None
    labels: np.ndarray | None = None
    given_a: np.ndarray | None = None
    single: bool = True
    extreme: bool = False

    @property
    def a(self) -> np.ndarray:
        if self.given_a is not None:
            return self.given_a
        import numeric.functions as NF
        with np.errstate(over="ignore"):
            return NF.softmax(self.z) if self.kind.softmax else NF.sigmoid(self.z)

    @property
    def rows(self) -> int:
        return 1 if self.kind.family == "elementwise" else len(self.z if self.z is not None else self.given_a)

    def value(self, role: str, labels: str) -> np.ndarray:
        if role == "labels":
            return self.labels if labels == "index" else self.y
        return {"z": self.z, "a": self.a, "y": self.y}[role]

    def rolled(self) -> "Example":
        """The same example with its columns rotated by one (its class moves: a function that
        reads only the first entry, or one fixed class, no longer fits by chance)."""
        roll = lambda v: None if v is None else np.roll(v, 1, axis=-1)
        labels = None if self.labels is None else (self.labels + 1) % self.z.shape[-1]
        return Example(self.kind, roll(self.z), roll(self.y), labels, roll(self.given_a), self.single, self.extreme)

    def shifted(self, column: int, step: float) -> "Example":
        """The same example with z_column moved by step (for central differences)."""
        z = self.z.copy()
        z[0, column] += step
        return Example(self.kind, z, self.y, self.labels, None, self.single, self.extreme)


SCALARS = F.SCALAR_EXTREMES[0][0]
EXTREME_LOGITS = [np.array(rows, dtype=float) for rows in (
    [[1e3, 0.0, -1e3], [-1e3, -1e3, -999.0], [1e300, -1e300, 0.0], [1e300, 1e300, -1e300],
     [-1e3, -1e3, -1e3], [0.0, -50.0, -800.0], [700.0, 710.0, 720.0]],
    [[1e308, -1e308]])]
EXTREME_WEIGHTED = np.array([[1e3, -1e3, 40.0], [1e300, -1e300, -40.0], [745.0, -745.0, 0.0],
                             [710.0, -710.0, 1e-300]])
EXTREME_TARGETS = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
EXTREME_OUTPUTS = (  # sigmoid outputs near 0 and 1, with targets on either side
    (np.array([[1e-300, 1 - 2**-53, 0.5], [2**-53, 1e-300, 1 - 2**-53]]),
     np.array([[1.0, 0.0, 0.5], [0.0, 0.0, 1.0]])),
    (np.array([[1e-300, 1 - 2**-53]]), np.array([[0.0, 1.0]])))
EXTREME_PROBABILITIES = np.array([[1e-300, 1.0], [2**-53, 1 - 2**-53], [1.0, 1e-300]])


def examples(kind: Kind, reading: Reading, category: str, rng: np.random.Generator) -> list[Example]:
    """The inputs of one category: single (ordinary, one example), batch (ordinary, rows),
    extreme (one example), extreme batch. The same seed gives the same inputs."""
    extreme, batch = category.startswith("extreme"), category.endswith("batch")
    if kind.family == "elementwise":
        if extreme:
            return [] if batch else [Example(kind, SCALARS.copy(), extreme=True)]
        shape = (4, 6) if batch else (24,)
        return [Example(kind, np.concatenate([rng.normal(0, 5, 12), rng.uniform(-30, 30, 12)]).reshape(shape),
                        single=not batch)]
    uses_z = "z" in reading.roles
    if extreme:
        if kind.family == "row" or kind.softmax and (uses_z or kind.family == "delta"):
            groups = [_with_labels(kind, z, rng) for z in EXTREME_LOGITS]
        elif uses_z or kind.family == "delta":
            groups = [Example(kind, EXTREME_WEIGHTED.copy(), EXTREME_TARGETS.copy(), extreme=True)]
        elif kind.softmax:
            labels = np.arange(len(EXTREME_PROBABILITIES)) % 2
            groups = [Example(kind, None, np.eye(2)[labels], labels, EXTREME_PROBABILITIES.copy())]
        else:
            groups = [Example(kind, None, y.copy(), None, a.copy()) for a, y in EXTREME_OUTPUTS]
        for g in groups:
            g.extreme, g.single = True, False
        return groups if batch else [_row(g, q) for g in groups for q in range(g.rows)]
    sizes = ((4, 3), (3, 10)) if batch else ((1, 2), (1, 3), (1, 10)) if kind.family == "row" else ((1, 3), (1, 10))
    out = []
    for number, (rows, size) in enumerate(sizes):
        z = rng.normal(0, 3, (rows, size))
        if kind.family == "row":
            out.append(Example(kind, z, single=not batch))
        elif kind.softmax:
            out.append(_with_labels(kind, z, rng, single=not batch))
        else:        # sigmoid outputs: one-hot targets, then targets anywhere in [0, 1]
            y = np.eye(size)[rng.integers(0, size, rows)] if number == 0 else rng.uniform(0, 1, (rows, size))
            out.append(Example(kind, z, y, single=not batch))
    return out


def _with_labels(kind, z, rng, single=False) -> Example:
    labels = rng.integers(0, z.shape[1], len(z))
    return Example(kind, z, np.eye(z.shape[1])[labels], labels, single=single)


def _row(g: Example, q: int) -> Example:
    pick = lambda v: None if v is None else v[q:q + 1]
    return Example(g.kind, pick(g.z), pick(g.y), pick(g.labels), pick(g.given_a), single=True, extreme=g.extreme)


def arguments(reading: Reading, ex: Example, vector: bool) -> tuple:
    """The arguments of a call: a single example as 1-D arrays (vector) or as a batch of one row."""
    out = []
    for role in reading.roles:
        value = np.array(ex.value(role, reading.labels))
        if ex.single and vector and reading.kind.family != "elementwise":
            value = value[0]
        out.append(value)
    return tuple(out)


# =========================================================================== the derived values

def expected(reading: Reading, ex: Example, convention: str, vector: bool) -> np.ndarray:
    """The derived formula's values for these inputs, under this batch convention (costs: mean
    or sum; deltas: per example or mean), in the shape the call returns."""
    kind = reading.kind
    if kind.family == "elementwise":
        return _reference(kind.formula, ex.z)
    if kind.family == "row":
        want = _per_row(kind.formula, ex.z)
    elif kind.family == "cost":
        per_example = [_cost(reading, _row(ex, q)) for q in range(ex.rows)]
        if ex.single:
            return np.asarray(per_example[0])
        if convention == "sum":
            return np.asarray(math.fsum(per_example))
        if convention == "per example":                  # a vector of each example's C_x
            return np.asarray(per_example)
        return np.asarray(F._mean(per_example, F._average()))     # the derived (1/N) sum_x C_x
    else:
        want = _per_row(kind.formula, ex.z, ex.y)
        if not ex.single and convention == "mean":
            want = want * mean_gradient_factor(ex.rows)
    return want[0] if ex.single and vector else want


def _cost(reading: Reading, ex: Example) -> float:
    """The derived cost C_x of one example (a row)."""
    if "z" in reading.roles and reading.kind.softmax:
        return float(_reference(cost_of_logits_formula(reading.kind.name), ex.z, ex.labels))
    return float(_reference(reading.kind.formula, ex.a, ex.y))


def _per_row(formula: F.CodeFormula, *point) -> np.ndarray:
    """formula.reference row by row (each row computed once per run, in a batch or alone)."""
    return np.concatenate([_reference(formula, *(p[q:q + 1] for p in point)) for q in range(len(point[0]))])


_CACHE: dict = {}


def _reference(formula: F.CodeFormula, *point) -> np.ndarray:
    """formula.reference at a point, computed once per run for equal inputs."""
    key = (formula.heading, *((p.shape, p.dtype.str, p.tobytes()) for p in point))
    if key not in _CACHE:
        _CACHE[key] = np.asarray(formula.reference(point), dtype=float)
    return _CACHE[key]


@lru_cache(maxsize=None)
def mean_gradient_factor(count: int) -> float:
    """dC/dC_x for the mean C = (1/N) sum_x C_x of N = count examples: each example's share of
    the gradient of the batch's mean cost (1/N), from derivations' average."""
    import sympy as sp

    from derivations.symbols import C_x, x_count
    average = F._average().subs(x_count, count).doit()
    return float(sp.diff(average, C_x[1]))


# =========================================================================== the usual mistakes

def mistakes(reading: Reading, ex: Example, convention: str, vector: bool, want: np.ndarray) -> list[tuple]:
    """(hint, the values that mistake gives) for the usual mistakes that could explain a wrong
    value at these inputs, each the derived formula changed in one way; the more particular
    first (a log of a softmax that underflowed before a softmax without its max, a sign last)."""
    import numeric.functions as NF
    kind, out = reading.kind, []
    shape = lambda v: (np.asarray(v)[0] if ex.single and vector and kind.family != "elementwise" else np.asarray(v))
    with np.errstate(all="ignore"):
        if kind.name == "sigmoid":
            out.append((SIGMOID_SIGN, kind.formula.reference((-ex.z,))))
            out.append((SIGMOID_DENOMINATOR, 1 / (1 - np.exp(-ex.z))))
        if kind.name == "sigmoid_prime":
            out += [(hint, values) for hint, values in sigma_prime_mistakes(ex.z) if hint != sign_hint(kind)]
        if kind.family == "row":
            if not ex.single:         # the project's float64 softmax of the whole batch as one row
                whole = (NF.softmax if kind.name == "softmax" else NF.log_softmax)(ex.z.reshape(1, -1))
                out.append((WHOLE_BATCH, whole.reshape(ex.z.shape)))
            if kind.name == "log_softmax":
                out.append((LOG_UNDERFLOW, shape(np.log(NF.softmax(ex.z)))))
            naive = naive_softmax(ex.z)
            out.append((NO_MAX, shape(naive if kind.name == "softmax" else np.log(naive))))
        if kind.family == "cost":
            if not ex.single and convention == "mean":
                out.append((MISSING_MEAN, want * ex.rows))
            if kind.softmax and "z" in reading.roles:
                rows, share = np.arange(ex.rows), 1.0 if convention == "sum" else mean_gradient_factor(ex.rows)
                cost = lambda log_a: -np.sum(log_a[rows, ex.labels]) * share
                if not ex.single:
                    out.append((WHOLE_BATCH, cost(NF.log_softmax(ex.z.reshape(1, -1)).reshape(ex.z.shape))))
                out.append((LOG_UNDERFLOW, cost(np.log(NF.softmax(ex.z)))))
                out.append((NO_MAX, cost(np.log(naive_softmax(ex.z)))))
        if kind.family == "delta":
            if not ex.single:
                if convention == "mean":
                    out.append((MISSING_MEAN_DELTA, want * ex.rows))
                else:
                    out.append((EXTRA_MEAN_DELTA, want / ex.rows))
            if not kind.softmax:          # sigma'(z) missing, extra or itself wrong (the file's own)
                sigma_prime = _reference(_formula("sigmoid_prime"), ex.z)
                if _has_sigma_prime(kind):
                    out.append((SIGMA_PRIME_MISSING, want / shape(sigma_prime)))
                    out += [(SIGMA_PRIME_WRONG + hint, want / shape(sigma_prime) * shape(values))
                            for hint, values in sigma_prime_mistakes(ex.z)]
                else:
                    out += [(SIGMA_PRIME_CANCELS, want * shape(values))
                            for _, values in [(None, sigma_prime), *sigma_prime_mistakes(ex.z)]]
            if kind.softmax:
                scale = mean_gradient_factor(ex.rows) if not ex.single and convention == "mean" else 1.0
                if not ex.single:
                    out.append((WHOLE_BATCH, (NF.softmax(ex.z.reshape(1, -1)).reshape(ex.z.shape) - ex.y) * scale))
                out.append((NO_MAX, shape((naive_softmax(ex.z) - ex.y) * scale)))
        out.append((sign_hint(kind), -want))
    return out


def sigma_prime_mistakes(z: np.ndarray) -> list[tuple]:
    """(hint, values) of the usual wrong σ'(z): a(1 - a) applied to z, σ(z)(1 + σ(z)), -σ'(z);
    from the derived σ and σ' (a delta that multiplies by a wrong σ' of the file is matched too)."""
    sigma = _reference(_formula("sigmoid"), z)
    return [(OUTPUT_FORM, _output_form(z)), (SIGMA_PRIME_SIGN, sigma * (1 + sigma)),
            (sign_hint(kinds()["sigmoid_prime"]), -_reference(_formula("sigmoid_prime"), z))]


def formula_of(reading: Reading) -> F.CodeFormula:
    """The derived formula a reading is held to (a softmax cost of logits shows a_j = softmax too)."""
    if reading.kind.family == "cost" and reading.kind.softmax and "z" in reading.roles:
        return cost_of_logits_formula(reading.kind.name)
    return reading.kind.formula


def sign_hint(kind: Kind) -> str:
    return f"a sign: {shown(kind.formula.formula[0])}, and this returns its negative"


def shown(equation) -> str:
    """An equation of derivations on one line, in the chapter's notation."""
    from derivations.notation import text
    return f"{text(equation.lhs)} = {text(equation.rhs)}"


def naive_softmax(z: np.ndarray) -> np.ndarray:
    """The derived softmax, lambdified for NumPy and evaluated as written (no max subtracted)."""
    f = _numpy_softmax(z.shape[1])
    with np.errstate(all="ignore"):
        return np.stack(f(*z.T), axis=1)


@lru_cache(maxsize=None)
def _numpy_softmax(size: int):
    from derivations.activations import softmax_function
    return softmax_function(size, modules="numpy")


def _output_form(values: np.ndarray) -> np.ndarray:
    """a (1 - a), sigma' in terms of the output (derivations' SIGMOID.derivative_in_a), at a = values."""
    import sympy as sp

    from derivations.activations import SIGMOID
    from derivations.symbols import a, j
    (in_a,) = SIGMOID.derivative_in_a(j).values()
    s = sp.Symbol("a", real=True)
    return sp.lambdify(s, in_a.xreplace({a[j]: s}), modules="numpy")(values)


def _has_sigma_prime(kind: Kind) -> bool:
    from derivations.activations import sigma_prime
    return kind.pairing.output_error.closed_form.has(sigma_prime)


GUARDS = (1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12, 1e-13, 1e-14, 1e-15, 1e-16, 1e-20)


def guarded(reading: Reading, ex: Example, convention: str, vector: bool, got) -> float | None:
    """ε when a cost's values are the formula's with ε added inside its logarithms, ln(a + ε) (and
    ln(1 - a + ε)), the usual guard against ln 0: right at ordinary outputs to within what ε
    moves, its values at outputs near 0 are then the extreme checks' to judge. None otherwise."""
    kind = reading.kind
    if kind.family != "cost" or "a" not in reading.roles or not _has_log(kind):
        return None
    a, rows = np.asarray(ex.a, dtype=float), np.arange(ex.rows)
    got = np.asarray(got, dtype=float)
    with np.errstate(all="ignore"):
        for eps in GUARDS:
            if kind.softmax and reading.labels == "index":
                variants = [-np.log(a[rows, ex.labels] + eps)]
            elif kind.softmax:
                variants = [-np.sum(ex.y * np.log(a + eps), axis=1)]
            else:
                first = ex.y * np.log(a + eps)
                variants = [-np.sum(first + (1 - ex.y) * np.log(1 - a + eps), axis=1),
                            -np.sum(first + (1 - ex.y) * np.log(1 - a), axis=1)]
            for per_row in variants:
                value = (per_row[0] if ex.single else per_row.mean() if convention == "mean"
                         else per_row.sum() if convention == "sum" else per_row)
                value = np.asarray(value)
                if got.size == value.size and bool(np.all(agree(got.reshape(value.shape), value))):
                    return eps
    return None


@lru_cache(maxsize=None)
def _has_log(kind: Kind) -> bool:
    import sympy as sp
    return any(row.rhs.has(sp.log) for row in kind.formula.formula)


def agree(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Where a learner's values agree with the formula's: within RTOL relative or ATOL absolute
    (equal infinities agree; NaN never does)."""
    return F._agree(np.asarray(got, dtype=float), np.asarray(want, dtype=float), RTOL, ATOL)


def matching_hints(reading, ex, convention, vector, want, got) -> list[str]:
    """The hint of the first usual mistake whose values the learner's match at these inputs
    (none, or one)."""
    for hint, values in mistakes(reading, ex, convention, vector, want):
        values = np.asarray(values, dtype=float)
        same = agree(got, values) | (np.isnan(got) & np.isnan(values))     # the same NaN, too
        if values.shape == got.shape and bool(np.all(same)):
            return [hint]
    return []
