"""The LaTeX document (`nndl latex`), by job:

    text      words with $...$ math as LaTeX, names, numbers
    layout    aligned blocks, long equations broken for a given text width
    sections  the four sections: costs, claims, code, numeric confirmation
    build     the whole document from the derivations, the proofs and the code
    pdf       compiling it, and reading the engine's log

From Python: `from exercises.document.build import build; build().latex()`.
"""
