"""Labels of the third set of sources: seven texts by seven authors no earlier source shares (a
Chinese blog's and a Chinese course-note's derivations, two blog posts, a Mathematics SE question
and answer, two personal note files), labelled apart from the checker (codes and checks as
corpus_labels describes them, the names of corpus_specs), with their planted-error copies (edits as
corpus_planted describes them)."""

NEURON_DSIG_W = "mp.diff(lambda v: sig(v*x[0] + w[1]*x[1] + w[2]*x[2] + bb), w[0])"
CE_BRACKET = "(ys/sgm - (1-ys)/(1-sgm))"


def register_third(spec):
    # ------------------------------------------------------------------ gxli (cnblogs)
    spec("gxli_cnblogs_cross_entropy.md", """
        @cross-entropy-from-gradient R R R R | @quadratic-gradient R | @cross-entropy-from-gradient D | R | R |
        @cross-entropy-gradient D | R R R R | R | R | @- D
        """, {
        0: "by hand: the chain rule (C depends on b through a and z)",
        1: "by hand: a = sigma(z), z = wx + b",
        2: ("d(wx+b)/db = 1", ": mp.diff(lambda v: w[0]*x[0] + v, bb) == 1"),
        3: ("sigma'(z) = a(1 - a)", ": dsig(zz) == sgm*(1-sgm)"),
        4: ("the quadratic cost's derivative in the bias (one neuron)", ": db('quad') == (sgm-ys)*dsig(zz)"),
        5: "the derivative wished for (no sigma'), given",
        6: "by hand: rows 1-4 of the first display with the wish put in",
        7: "by hand: integrating dC/da = (a - y)/(a(1 - a)) in a gives the cross-entropy up to a constant",
        8: "C, the cross-entropy averaged over the inputs, defined",
        9: ("the derivative of the bracket, times d sigma / d w_j (one training input: the sum over x "
            "term by term)", f": dw(0) == -{CE_BRACKET}*dsig(zz)*x[0]"),
        10: ("d sigma / d w_j = sigma'(z) x_j", f": {NEURON_DSIG_W} == dsig(zz)*x[0]"),
        11: (": the bracket over one denominator", f": -{CE_BRACKET}*dsig(zz)*x[0] == "
             "dsig(zz)*x[0]/(sgm*(1-sgm))*(sgm-ys)"),
        12: (": sigma' = sigma(1 - sigma) cancels", ": dsig(zz)*x[0]/(sgm*(1-sgm))*(sgm-ys) == x[0]*(sgm-ys)"),
        13: ("the sigmoid's derivative", ": dsig(zz) == sgm*(1-sgm)"),
        14: ("dC/db (one training input)", ": db() == sgm-ys"),
        15: "the quadratic cost, defined",
    })

    # ------------------------------------------------------------------ zakariapz
    spec("zakariapz_softmax_cross_entropy.md", """
        @softmax-log-likelihood-gradient D D D R W R | R C R R R R R C R R R R | R | W W R
        """, {
        0: "L, defined", 1: "ell_j, named (the sum's terms: ell_j = y_j log p_j)", 2: "p_j, the softmax, defined",
        3: ("chain rule through every p_j, with ell_j = y_j log p_j", ": dC(i) == -Sm(lambda m: y[m]/a[m]*da(m,i))"),
        4: ("a real slip: ell_j = y_j log p_j (L = -sum ell_j), so its derivative is y_j / p_j, not the "
            "derivative of -y_j log p_j", "t==j: y[j]/a[j] == -y[j]/a[j]"),
        5: ("the derivative of -y_j log p_j in p_j", ": mp.diff(lambda v: -y[j]*ln(v), a[j]) == -y[j]/a[j]"),
        6: "by hand: p_j written out",
        7: "the case i = j",
        8: "by hand: a_i is a_j (i = j)",
        9: "by hand: the quotient written as a product with a power -1",
        10: ("the product rule (i = j)", "i==j: da(j,i) == E(z[j])/S - E(z[j])/S**2*E(z[j])"),
        11: (": the softmax", ": E(z[j])/S - E(z[j])/S**2*E(z[j]) == a[j]-a[j]**2"),
        12: (": factoring", ": a[j]-a[j]**2 == a[j]*(1-a[j])"),
        13: "the case i != j",
        14: "by hand: p_j written out", 15: "by hand: exp(a_j) does not depend on a_i (i != j)",
        16: ("the power's derivative (i != j)", "i!=j: da(j,i) == -E(z[j])/S**2*E(z[i])"),
        17: (": the softmax", "i!=j: -E(z[j])/S**2*E(z[i]) == -a[j]*a[i]"),
        18: ("the two cases in one", ": da(j,i) == a[j]*(kd(i,j)-a[i])"),
        19: ("a real slip that undoes the one at ell_j's derivative: the chain rule above has a minus "
             "(L = -sum ell_j), lost here", ": dC(i) == Sm(lambda m: y[m]/a[m]*da(m,i))"),
        20: ("the slipped -y_j/p_j put for d ell_j / d p_j = y_j/p_j",
             ": Sm(lambda m: y[m]/a[m]*da(m,i)) == Sm(lambda m: -y[m]/a[m]*a[m]*(kd(i,m)-a[i]))"),
        21: (": cancelling p_j", ": Sm(lambda m: -y[m]/a[m]*a[m]*(kd(i,m)-a[i])) == Sm(lambda m: y[m]*(a[i]-kd(i,m)))"),
    })

    # ------------------------------------------------------------------ mattpetersen
    spec("mattpetersen_softmax_cross_entropy.md", """
        @softmax-shift-invariance D D D R R R | R | @softmax-jacobian R R | C R R | S R |
        @softmax-log-likelihood-gradient D C | D R | R R R R | R | R R R R
        """, {
        0: "the row vector x, named", 1: "the softmax's output row, named", 2: "the softmax, defined",
        3: "by hand: the softmax of x + c, from its definition",
        4: ("e^{u + c} = e^u e^c", ": E(z[i]+c)/mp.fsum(E(v+c) for v in z) == E(z[i])*E(c)/mp.fsum(E(v)*E(c) for v in z)"),
        5: (": e^c cancels", ": E(z[i])*E(c)/mp.fsum(E(v)*E(c) for v in z) == a[i]"),
        6: ("e^0 = 1", ": E(c - c) == 1"),
        7: ("the quotient rule", ": da(i,i) == (S*E(z[i]) - E(z[i])*E(z[i]))/S**2"),
        8: (": the softmax", ": (S*E(z[i]) - E(z[i])*E(z[i]))/S**2 == a[i]-a[i]**2"),
        9: "the case j != i",
        10: ("the quotient rule, the numerator's derivative 0 (the sum's own j is its bound index)",
             "i!=j: da(i,j) == (S*0 - E(z[i])*E(z[j]))/S**2"),
        11: (": the softmax", "i!=j: (S*0 - E(z[i])*E(z[j]))/S**2 == -a[i]*a[j]"),
        12: "a picture of the matrix (its entries indexed 0..n, against the text's 1..n): not a claim the "
            "checker could judge",
        13: "by hand: the entries above, diag(s) less the outer product s^T s (s a row)",
        14: "the label row, named", 15: "one-hot: a single 1",
        16: "H, the cross-entropy, defined", 17: "by hand: the sum as a row times a column",
        18: "by hand: y is constant", 19: "by hand: y is constant", 20: "by hand: log's derivative, entry by entry",
        21: "by hand: a row times a diagonal matrix, entry by entry",
        22: "by hand: the chain rule, a row gradient times a Jacobian",
        23: "by hand: the two factors above",
        24: "by hand: multiplied out",
        25: "by hand: (y/s) s^T is the scalar sum of y_i (the author's S^{repeated row}: rows equal to s), "
            "(y/s) diag(s) is y",
        26: ("one-hot y sums to 1", ": dC(k) == a[k]-y[k]"),
    })

    # ------------------------------------------------------------------ Mathematics SE 1804041
    spec("mathse_1804041_softmax_scores.md", """
        @softmax-log-likelihood-gradient D R | D | D | C | C | @softmax-jacobian D | R C |
        @softmax-log-likelihood-gradient D | R | D | D | @softmax-jacobian C R | C R
        """, {
        0: "L_i, defined (scores f, true class y_i)",
        1: ("log of a quotient, log e^u = u (f read as z, y_i as the true class t)", ": -ln(a[t]) == -z[t] + ln(S)"),
        2: "the scores, defined (loosely: w_j x_i)", 3: "p, defined",
        4: "the case j = y_i", 5: "the case j != y_i",
        6: "p_j, the softmax, defined",
        7: ("the diagonal entry (i = j)", "i==j: da(j,i) == a[i]*(1-a[i])"), 8: "the case i = j",
        9: "L_i, defined (the sum from 0 to n)",
        10: "by hand: p_{y_i}, defined next, is the fraction",
        11: "p_k, defined", 12: "sigma, named: the softmax's denominator (not the sigmoid)",
        13: "the case k = y_i",
        14: ("the quotient rule, k = y_i (sigma the denominator)", "k==t: da(k,t) == (E(z[k])*S - E(2*z[k]))/S**2"),
        15: "the case k != y_i",
        16: ("the quotient rule, k != y_i", "k!=t: da(k,t) == -E(z[k])*E(z[t])/S**2"),
    })

    # ------------------------------------------------------------------ bitjoy
    spec("bitjoy_nndl_chapter3.md", """
        @quadratic-gradient C C R R | R R | @cross-entropy-gradient D | R R R | R | R |
        D | R | R | @linear-output-quadratic D | R | R | R | @cross-entropy-from-gradient D | D | R R
        """, {
        0: "the book's example: input x = 1", 1: "the book's example: target y = 0",
        2: ("the quadratic cost's derivative in the weight (one neuron)", ": dw(0, 'quad') == (sgm-ys)*dsig(zz)*x[0]"),
        3: "by hand: with the text's x = 1 and y = 0",
        4: ("the quadratic cost's derivative in the bias", ": db('quad') == (sgm-ys)*dsig(zz)"),
        5: "by hand: with the text's y = 0",
        6: "C, the cross-entropy averaged over the inputs, defined",
        7: ("the derivative of the bracket, times d sigma / d w_j (one training input)",
            f": dw(0) == -{CE_BRACKET}*{NEURON_DSIG_W}"),
        8: ("d sigma / d w_j = sigma'(z) x_j", f": {NEURON_DSIG_W} == dsig(zz)*x[0]"),
        9: (": over one denominator", f": -{CE_BRACKET}*dsig(zz)*x[0] == dsig(zz)*x[0]/(sgm*(1-sgm))*(sgm-ys)"),
        10: ("dC/dw_j (one training input)", ": dw(0) == x[0]*(sgm-ys)"),
        11: ("dC/db (one training input)", ": db() == sgm-ys"),
        12: "C for a layer of sigmoid outputs, defined",
        13: ("the output error of sigmoid outputs with the cross-entropy (labels in (0, 1))", ": dCE(k) == sa[k]-yvec[k]"),
        14: "by hand: delta^L_j times a^{L-1}_k, averaged over the inputs",
        15: "linear outputs, defined",
        16: "by hand: the quadratic cost's output error with linear outputs",
        17: "by hand: delta^L_j times a^{L-1}_k, averaged", 18: "by hand: delta^L_j, averaged",
        19: "the derivative wished for, given", 20: "the derivative wished for, given",
        21: "by hand: the chain rule (C depends on b through a)",
        22: ("sigma'(z) = a(1 - a)", ": dsig(zz) == sgm*(1-sgm)"),
    })

    # ------------------------------------------------------------------ 1036225283 (doc)
    spec("doc1036225283_softmax_loss.md", """
        @softmax-log-likelihood-gradient D | R | R | R | R | D | R | W | @- D | R
        """, {
        0: "s^i, the softmax, defined ((e^z)^i is e^{z_i}, N classes)",
        1: "by hand: the sum written out for the three classes the next lines list",
        2: "by hand: i = 1 of the line above", 3: "by hand: i = 2", 4: "by hand: i = 3",
        5: "the loss, defined",
        6: ("one-hot: only the true class's term is left (i the true class, as the text says)",
            ": -Sm(lambda m: y[m]*ln(a[m])) == -y[t]*ln(a[t])"),
        7: ("a real slip: -y^i / s^i is the loss's derivative in s^i, not the loss", ": -y[t]*ln(a[t]) == -y[t]/a[t]"),
        8: "f, defined (an example)",
        9: ("ln's derivative", ": mp.diff(lambda v: 3*ln(v), c) == 3/c"),
    })

    # ------------------------------------------------------------------ Tonkic
    spec("tonkic_sigmoid.md", """
        @sigmoid-derivative D | R | R
        """, {
        0: "sigma, defined (in x)",
        1: ("sigma' = sigma(1 - sigma)", ": dsig(z[0]) == sig(z[0])*(1-sig(z[0]))"),
        2: ("sigma' written out", ": dsig(z[0]) == E(-z[0])/(1+E(-z[0]))**2"),
    })


PLANTS = [
    ("gxli_cnblogs_cross_entropy.md", [
        (r"&=\frac{1}{n} \sum_{x} x_{j}(\sigma(z)-y)", r"&=\frac{1}{n} \sum_{x} x_{j}(y-\sigma(z))", 12,
         "sign (the swapped difference)", ": dsig(zz)*x[0]/(sgm*(1-sgm))*(sgm-ys) == x[0]*(ys-sgm)", []),
        (r"\[\sigma^{\prime}(z)=\sigma(z)(1-\sigma(z))", r"\[\sigma^{\prime}(z)=\sigma(z)(1+\sigma(z))", 13,
         "sign", ": dsig(zz) == sgm*(1+sgm)", []),
    ]),
    ("zakariapz_softmax_cross_entropy.md", [
        (r"\\ = p_j -p_j^2 \\", r"\\ = p_j -p_j \\", 11, "a missing factor (p_j)",
         ": E(z[j])/S - E(z[j])/S**2*E(z[j]) == 0",
         [(12, "the step after the slip: its left side lost the square", ": a[j]-a[j] == a[j]*(1-a[j])")]),
        (r"\[ \frac{\partial p_j}{\partial a_i} = p_j(\delta_{ij} -p_i). \]",
         r"\[ \frac{\partial p_j}{\partial a_i} = p_j(\delta_{ij} +p_i). \]", 18, "sign",
         ": da(j,i) == a[j]*(kd(i,j)+a[i])", []),
    ]),
    ("mathse_1804041_softmax_scores.md", [
        (r"= p_i(1 - p_i),\quad i = j", r"= p_i(1 + p_i),\quad i = j", 7, "sign", "i==j: da(j,i) == a[i]*(1+a[i])", []),
        (r"\frac{-e^{f_k}e^{f_{y_i}}}{\sigma^2}", r"\frac{e^{f_k}e^{f_{y_i}}}{\sigma^2}", 16, "sign",
         "k!=t: da(k,t) == E(z[k])*E(z[t])/S**2", []),
    ]),
    ("bitjoy_nndl_chapter3.md", [
        (r"\frac{\partial C}{\partial w_j} = \frac{1}{n} \sum_x x_j(\sigma(z)-y).\tag{7}",
         r"\frac{\partial C}{\partial w_j} = \frac{1}{n} \sum_x x_j(\sigma(z)-y)\sigma'(z).\tag{7}", 10,
         "a sigma' left in (the quadratic cost's form)", ": dw(0) == x[0]*(sgm-ys)*dsig(zz)", []),
    ]),
    ("tonkic_sigmoid.md", [
        (r"\sigma'(x) = \frac{e^{-x}}{(1 + e^{-x})^2}", r"\sigma'(x) = \frac{e^{-x}}{(1 - e^{-x})^2}", 2, "sign",
         ": dsig(z[0]) == E(-z[0])/(1-E(-z[0]))**2", []),
    ]),
]
