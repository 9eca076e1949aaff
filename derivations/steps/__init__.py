"""Steps: the one form every derivation and every proof in the project is written in.

A step is a statement (a SymPy proposition: Eq, Ne, Gt, Ge, Lt, Le, And, Implies, or
Eq(Limit(f, x, p, dir), L)), the words that justify it, and how it is established. Its checks are
derived from the statement; nothing beside the statement can be handed to them. One idea a file:

  statements   propositions in words and LaTeX, and when two are the same (bound indices renamed)
  definitions  a fresh symbol and its value (asserting nothing), the definitions in scope, unfolding
  verdicts     the one vocabulary of statuses, and `establish`, the one call to the primitives
  step         the step: statement, why, how it is established, its checks
  checks       the scope a chain is checked in, and the Checker that derives a statement's checks
  builder      the one step builder (define, show, equal, scopes, citations) and `Derivation`

A step's status comes from the one vocabulary of `Verdict`s: proved, refuted, undecided,
disagreement, vacuous. A `Derivation` is a chain of steps (a = b, then = c by transitivity);
`exercises.proof.Proof` collects the steps of a claim's proof; both are built by a `StepBuilder`.
Checks run when first read.
"""
from derivations.steps.statements import (RELATION_TEXT, RELATIONS, antecedents, canonical_indices, index_symbols,
                                          names_in, normal, on_sides, parts, rename, same_statement, statement_tex,
                                          statement_text, tex_text, why_words)
from derivations.steps.definitions import (Definition, Definitions, chapter_definitions, claimed_assumptions, fresh_problem,
                                          implied_assumptions, same_definition)
from derivations.steps.verdicts import (BY_HYPOTHESIS, BY_RANGE, BY_READING, BY_REWRITING, BY_RULE, BY_STEP, DISAGREEMENT, PROVED, REFUTED,
                                        UNDECIDED, VACUOUS, certificate_of, combined, establish, failed, oracle_of, oracle_of_all)
from derivations.steps.step import CHECK, DEFINITION, INSTANCE, LEMMA, Check, Step
from derivations.steps.checks import Checker, Given, Scope, unmet_hypotheses
from derivations.steps.builder import Derivation, StepBuilder, equation

__all__ = ["RELATION_TEXT", "RELATIONS", "antecedents", "canonical_indices", "index_symbols", "names_in", "normal",
           "on_sides", "parts", "rename", "same_statement", "statement_tex", "statement_text", "tex_text", "why_words",
           "Definition", "Definitions", "chapter_definitions", "claimed_assumptions", "fresh_problem", "implied_assumptions",
           "same_definition",
           "BY_HYPOTHESIS", "BY_RANGE", "BY_READING", "BY_REWRITING", "BY_RULE", "BY_STEP", "DISAGREEMENT", "PROVED", "REFUTED", "UNDECIDED",
           "VACUOUS", "certificate_of", "combined", "establish", "failed", "oracle_of", "oracle_of_all",
           "CHECK", "DEFINITION", "INSTANCE", "LEMMA", "Check", "Step", "Checker", "Given", "Scope",
           "unmet_hypotheses", "Derivation", "StepBuilder", "equation"]
