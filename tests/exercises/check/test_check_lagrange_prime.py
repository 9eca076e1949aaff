"""f'(x) for a function the text defines (f(x) = 3 ln(x)) is f's derivative in its variable, taken
by the kernel where f is defined (x > 0 for ln); a primed name the text defines itself, or one it
does not define unprimed, is not read so."""
from checked_steps import steps

from exercises.check.report import FOLLOWS, WRONG


def _last(text):
    return steps(text)[-1]


def test_the_derivative_of_the_defined_function_follows():
    rep = _last("$f(x)=3*ln(x)$\n\n$f'(x)=\\frac{3}{x}$\n")
    assert rep.verdict == FOLLOWS, rep.reason


def test_a_wrong_derivative_is_wrong_where_f_is_defined():
    rep = _last("$f(x)=3*ln(x)$\n\n$f'(x)=\\frac{2}{x}$\n")
    assert rep.verdict == WRONG, rep.reason
    assert rep.counterexample["point"]["x"] > 0
    assert _last("$f(x)=3*ln(x)$\n\n$f'(x)=3 ln(x)$\n").verdict == WRONG


def test_a_polynomials_derivative():
    assert _last("$g(t)=t^3$\n\n$g'(t)=3t^2$\n").verdict == FOLLOWS
    assert _last("$g(t)=t^3$\n\n$g'(t)=3t^3$\n").verdict == WRONG


def test_an_undefined_function_is_not_read_as_a_derivative():
    rep = _last("$h'(x)=\\frac{3}{x}$\n")
    assert rep.verdict not in (FOLLOWS, WRONG)
