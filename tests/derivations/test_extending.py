"""Adding a pairing the way the README's "Extending" section says: its three blocks, run as written
in the modules they name, give a tanh output layer that is derived, checked, trained (both engines),
offered by the command line and shown in the document."""
from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from derivations.symbols import a, j, y

ROOT = Path(__file__).resolve().parents[2]


def extending_blocks() -> list[tuple[str, str]]:
    """(module, code) for each Python block of the README's Extending section."""
    readme = (ROOT / "README.md").read_text()
    text = readme[readme.index("## Extending\n"):]
    text = text[:text.index("\n## ", 1)]
    out = []
    for code in re.findall(r"```python\n(.*?)```", text, re.S):
        first, _, body = code.partition("\n")
        module = first.removeprefix("# ").removesuffix(".py").replace("/", ".")
        out.append((module, body))
    return out


@pytest.fixture(scope="module")
def tanh_pairing():
    """Run the README's blocks in their modules; afterwards put the modules back as they were."""
    saved = {}
    activations = importlib.import_module("derivations.activations")
    kept_activations = dict(activations.ACTIVATIONS)
    try:
        for module_name, code in extending_blocks():
            module = importlib.import_module(module_name)
            saved.setdefault(module_name, dict(vars(module)))
            exec(compile(code, f"README.md Extending, {module_name}", "exec"), vars(module))
        from derivations.pairings import pairing
        yield pairing("quadratic", "tanh")
    finally:
        for module_name, namespace in saved.items():
            module = importlib.import_module(module_name)
            for key in set(vars(module)) - set(namespace):
                delattr(module, key)
            for key, value in namespace.items():
                setattr(module, key, value)
        activations.ACTIVATIONS.clear()
        activations.ACTIVATIONS.update(kept_activations)


def test_the_readme_has_the_three_blocks():
    assert [m for m, _ in extending_blocks()] == ["derivations.activations", "numeric.functions",
                                                  "derivations.pairings"]


@pytest.mark.slow
def test_the_new_pairing_is_derived_and_every_step_checked(tanh_pairing):
    oe = tanh_pairing.output_error
    assert oe.verified, [str(v) for d in (oe.derivation, oe.weight_gradient, oe.bias_gradient) for v in d.failures()]
    assert sp.simplify(oe.closed_form - (a[j] - y[j]) * (1 - a[j] ** 2)) == 0
    assert not tanh_pairing.default and tanh_pairing.cost == "quadratic"


@pytest.mark.slow
def test_the_document_checks_its_numpy_code_against_the_formula(tanh_pairing):
    from exercises.check import formulas as F
    pairs = {p.heading: p for p in F.code_formulas()}
    for heading in ("the tanh activation", "the output error, quadratic cost with tanh output"):
        checked = F.check(pairs[heading])
        assert checked.random_points > 0 and checked.worst <= max(pairs[heading].rtol, pairs[heading].atol), heading


@pytest.mark.slow
def test_the_network_learns_with_it_and_its_delta_is_the_gradient(tanh_pairing):
    from numeric.network import Network
    net = Network((4, 3, 2), cost="quadratic", output="tanh", seed=3)
    assert net.cost.pairing is tanh_pairing
    rng = np.random.default_rng(0)
    x, labels = rng.uniform(0, 1, (6, 4)), rng.integers(0, 2, 6)
    y_ = np.eye(2)[labels]
    nabla_b, nabla_w = net.backprop(x, y_)
    numeric_b, numeric_w = net.central_differences(x, labels, [net.biases[-1], net.weights[-1]])
    np.testing.assert_allclose(nabla_b[-1], numeric_b, rtol=1e-6)    # central differences, h = 1e-6
    np.testing.assert_allclose(nabla_w[-1], numeric_w, rtol=1e-6)


@pytest.mark.slow
def test_both_engines_take_the_same_steps_with_it(tanh_pairing):
    from numeric.network import Network
    rng = np.random.default_rng(1)
    x, labels = rng.uniform(0, 1, (40, 4)), rng.integers(0, 2, 40)
    nets = [Network((4, 3, 2), cost="quadratic", output="tanh", seed=5) for _ in range(2)]
    for net, engine in zip(nets, ("numpy", "numba")):
        net.sgd(x, labels, 2, 10, 0.1, engine=engine, dtype="float64")
    for w_numpy, w_numba in zip(nets[0].weights + nets[0].biases, nets[1].weights + nets[1].biases):
        np.testing.assert_allclose(w_numba, w_numpy, rtol=1e-10, atol=1e-12)


@pytest.mark.slow
def test_the_command_line_offers_and_trains_it(mnist_dir, tanh_pairing, capsys):
    from nndl.cli import main
    code = main(["train", "--data-dir", str(mnist_dir), "--cost", "quadratic", "--output", "tanh",
                 "--epochs", "1", "--eta", "0.1", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0 and result["settings"]["output"] == "tanh"
    assert np.isfinite(result["epochs"][0]["cost"]) and result["epochs"][0]["accuracy"] > 0.5
    assert main(["train", "--help"]) == 0
    assert "tanh (with quadratic)" in " ".join(capsys.readouterr().out.split())
