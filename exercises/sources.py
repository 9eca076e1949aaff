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


# a short name for each text, for the `nndl prove` table (its legend gives the whole names)
SHORT = {BOOK: "NNDL", NOTES: "notes", SOFTMAX_NUMPY: "tutorial", ROELANTS: "Roelants",
         NLL_NOTEBOOK: "notebook", SOFTMAX_QA: "Q&A"}


def short(source: str) -> str:
    """The short names of the texts a claim's source cites, in the order it cites them."""
    found = sorted((source.find(text), name) for text, name in SHORT.items() if text in source)
    return ", ".join(name for _, name in found)


def legend(sources) -> str:
    """What each short name in these sources stands for."""
    used = {name for s in sources for name in short(s).split(", ") if name}
    return "; ".join(f"{name} = {text}" for text, name in SHORT.items() if name in used)
