"""The texts the claims come from, each named by what it is: the book by chapter and section, the
other texts by author or site and title (the public texts in ../shared/seeds, README.md there)."""

BOOK = "Nielsen, Neural Networks and Deep Learning, ch. 3"
NOTES = "notes on Nielsen's NNDL, ch. 3, part A"                      # likelihood models, exercises A-I
SOFTMAX_NUMPY = "'The Softmax Function', a tutorial on softmax and cross-entropy in NumPy"
ROELANTS = "Peter Roelants, 'How to implement a neural network, Intermezzo 2' (peterroelants.github.io)"
NLL_NOTEBOOK = "a notebook on the softmax and the negative log-likelihood"
SOFTMAX_QA = "a question and answer on why the softmax derivative is written with its output"


def book(section: str, *what: str) -> str:
    """The book, one of its sections, and what there (an exercise, a problem, equations)."""
    return ", ".join([BOOK, f"'{section}'", *what])
