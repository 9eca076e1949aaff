"""Labels of the sources added by the independent tester (issue 20's fresh material): six texts by six
authors no earlier source shares, labelled apart from the checker (codes and checks as corpus_labels
describes them, the names of corpus_specs), with their planted-error copies (edits as corpus_planted
describes them)."""

SM_DIAG_Q = "i==k: da(i,i) == (E(z[i])*S - E(z[i])*E(z[i]))/S**2"


def register_fresh(spec):
    # ------------------------------------------------------------------ Data Science SE 27267
    spec("datascience_se_27267_sigmoid_prime.md", """
        @cross-entropy-from-gradient D D D D R R | @sigmoid-derivative R R | D R
        """, {
        0: "the gradient the cost must have (the book's eq. 71), given", 1: "eq. 72, given",
        2: "a, defined (the sum's closing bracket typed inside its braces)", 3: "z, named",
        4: "by hand: the chain rule (C depends on b through a)",
        5: ("da/db = sigma'(z), since dz/db = 1",
            ": mp.diff(lambda v: sig(mp.fsum(wi*xi for wi, xi in zip(w, x)) + v), bb) == dsig(zz)"),
        6: ("sigma' = sigma(1 - sigma)", ": dsig(zz) == sgm*(1-sgm)"),
        7: "by hand: a = sigma(z)",
        8: "sigma, defined (the answer writes x where z is meant: a letter slip the rest of the answer keeps)",
        9: ("sigma' of the sigmoid, with the answer's x read as its z", ": dsig(zz) == E(-zz)/(1+E(-zz))**2"),
    })

    # ------------------------------------------------------------------ Computer Science SE 97812
    spec("csse_97812_softmax_monotonicity.md", """
        @softmax-monotonicity C C D C W | R R R
        """, {
        0: "the exercise's case j = k", 1: "the exercise's case j != k", 2: "the softmax, defined",
        3: "the case j != k",
        4: "by hand: false in general (a real slip, the asker's reduction): the sum is below 1 when every "
           "z_k < -ln n, e.g. n = 2 and z = (-1, -1) give 2/e",
        5: ("quotient rule, j = k", ": da(j,j) == (E(z[j])*S - E(z[j])*E(z[j]))/S**2"),
        6: (": the k = j term of the sum cancels", ": (E(z[j])*S - E(z[j])*E(z[j]))/S**2 == "
            "E(z[j])*Sm(lambda m: E(z[m]), skip=j)/S**2"),
        7: "by hand: exponentials are positive and the sum over k != j has a term (n >= 2)",
    })

    # ------------------------------------------------------------------ liunelson
    spec("liunelson_nielsen2015_notes.md", """
        @cross-entropy-gradient C D D S R R | S R | D | @- D D | D | D C R | C
        """, {
        0: "the range of z meant (for all z > 0)", 1: "C, defined as the average", 2: "C_x, the cross-entropy",
        3: "an ellipsis: the author skips the steps (the chain's claim is the next relation)",
        4: ("dC_x/dw_j through the skipped steps (one sigmoid neuron)", ": dw(0) == x[0]*(sgm-ys)"),
        5: "by hand: a = sigma(z)",
        6: "an ellipsis: the steps skipped",
        7: ("dC_x/db through the skipped steps", ": db() == sgm-ys"),
        8: "C_x for several output neurons, defined", 9: "a_i^N, defined as the softmax (written sigma(z_i^N, z^N))",
        10: "the softmax, written out", 11: "the log-likelihood cost, defined", 12: "the regularized cost, defined",
        13: "lambda > 0", 14: "by hand: collecting the terms in w", 15: "a value of lambda for the experiment",
    })

    # ------------------------------------------------------------------ abangfarhan
    spec("abangfarhan_softmax_cross_entropy.md", """
        @softmax-log-likelihood-gradient D C D D R | @softmax-jacobian R | R | R | C C
        R R | R | R R | R R | R | R R R R | C W | W R | W | R R R R |
        @softmax-log-likelihood-gradient R | C C R R W R | C R R R | R R | C W R W R | R | R
        """, {
        0: "the softmax, defined", 1: "y one-hot", 2: "L, defined", 3: "p, defined",
        4: ("only the j-th term of the sum depends on p_j", ": mp.diff(lambda v: -y[j]*ln(v), a[j]) == -y[j]/a[j]"),
        5: "by hand: p_j = e^{x_j} / sum_k e^{x_k}",
        6: "by hand: notation (e_j for e^{x_j}, a bare \\sum for the sum)",
        7: "by hand: the quotient rule, the prime being the derivative in x_i (said after the display)",
        8: "the case i != j", 9: "the case j = i",
        10: "by hand: notation (e_i' is the derivative of exp(x_i) in x_i)",
        11: ("the exponential's derivative", ": mp.diff(E, z[i]) == E(z[i])"),
        12: "by hand: e_i = exp(x_i)",
        13: "by hand: the sum's derivative in x_i, written out", 14: "by hand: the derivative of a sum",
        15: "by hand: only the term in x_i depends on x_i", 16: ("the exponential's derivative", ": mp.diff(E, z[i]) == E(z[i])"),
        17: "by hand: e_i = exp(x_i)",
        18: ("quotient rule, j = i", SM_DIAG_Q),
        19: (": factoring", ": (E(z[i])*S - E(z[i])*E(z[i]))/S**2 == E(z[i])/S*((S-E(z[i]))/S)"),
        20: (": splitting", ": E(z[i])/S*((S-E(z[i]))/S) == E(z[i])/S*(S/S - E(z[i])/S)"),
        21: (": the softmax", ": E(z[i])/S*(S/S - E(z[i])/S) == a[i]*(1-a[i])"),
        22: "the case j != i",
        23: ("a real slip: the prime is the derivative in x_i (as the text defines it), so the sum's derivative "
             "is e_i; the terms are differentiated in x_j instead", "i!=j: E(z[i]) == E(z[j])"),
        24: ("the same slip: the sum's derivative in x_i is exp(x_i), not d exp(x_j)/dx_j", "i!=j: E(z[i]) == E(z[j])"),
        25: ("d exp(x_j)/dx_j = exp(x_j)", ": mp.diff(E, z[j]) == E(z[j])"),
        26: ("the same slip: the sum's derivative in x_i is e_i, not e_j", "i!=j: E(z[i]) == E(z[j])"),
        27: ("quotient rule, j != i (the author uses the right e_i here, against the rows above)",
             "i!=j: da(j,i) == (0*S - E(z[i])*E(z[j]))/S**2"),
        28: (": simplifying", "i!=j: (0*S - E(z[i])*E(z[j]))/S**2 == -E(z[i])*E(z[j])/S**2"),
        29: (": splitting", "i!=j: -E(z[i])*E(z[j])/S**2 == -E(z[i])/S*E(z[j])/S"),
        30: (": the softmax", "i!=j: -E(z[i])/S*E(z[j])/S == -a[i]*a[j]"),
        31: ("chain rule through every p_j (one-hot y)", ": dC(i) == Sm(lambda m: -y[m]/a[m]*da(m,i))"),
        32: "j = i or not", 33: "the term j = i",
        34: ("the two derivatives above", ": -y[i]/a[i]*da(i,i) == (-y[i]/a[i])*a[i]*(1-a[i])"),
        35: (": cancelling p_i", ": (-y[i]/a[i])*a[i]*(1-a[i]) == -y[i]*(1-a[i])"),
        36: ("a real slip: -y_i(1 - p_i) = -y_i + y_i p_i, which is -y_i + p_i only when y_i = 1",
             ": -y[i]*(1-a[i]) == -y[i]+a[i]"),
        37: (": reordering", ": -y[i]+a[i] == a[i]-y[i]"),
        38: "the terms j != i",
        39: ("the two derivatives above", "i!=j: -y[j]/a[j]*da(j,i) == (-y[j]/a[j])*(-a[i]*a[j])"),
        40: (": the signs", "i!=j: (-y[j]/a[j])*(-a[i]*a[j]) == y[j]/a[j]*a[i]*a[j]"),
        41: (": cancelling p_j", ": y[j]/a[j]*a[i]*a[j] == a[i]*y[j]"),
        42: ("chain rule through every p_j (one-hot y)", ": dC(i) == Sm(lambda m: -y[m]/a[m]*da(m,i))"),
        43: "by hand: the sum written out",
        44: "the term j = i",
        45: ("a real slip, carried from the j = i term: that term is -y_i + y_i p_i, not p_i - y_i "
             "(wrong when the true class is not i)", ": dC(i) == Sm(lambda m: a[i]*y[m], skip=i) + a[i]-y[i]"),
        46: (": moving y_i to the end", ": Sm(lambda m: a[i]*y[m], skip=i) + (a[i]-y[i]) == "
             "Sm(lambda m: a[i]*y[m], skip=i) + a[i] - y[i]"),
        47: ("a second slip that undoes the first: the middle term is p_i, not p_i y_i, so p_i does not "
             "factor out as p_i (y_1 + ... + y_n)", ": Sm(lambda m: a[i]*y[m], skip=i) + a[i] - y[i] == "
             "a[i]*Sm(lambda m: y[m]) - y[i]"),
        48: ("one-hot y sums to 1", ": a[i]*Sm(lambda m: y[m]) - y[i] == a[i]-y[i]"),
        49: "by hand: the vector of the derivatives above", 50: "by hand: the same vector",
    })

    # ------------------------------------------------------------------ physicsd00d
    spec("physicsd00d_cs224d_einstein.md", """
        @softmax-log-likelihood-gradient D R | R R R R R R R R | R R R | R R R | R
        """, {
        0: "CE, defined",
        1: "by hand: Einstein's convention, stated in the text (the repeated i is summed)",
        2: "by hand: differentiating the cost (summed over i)", 3: "by hand: y_i does not depend on theta_k",
        4: ("d log u = du / u (summed over i)", ": dC(k) == -Sm(lambda m: y[m]/a[m]*da(m,k))"),
        5: "by hand: hat y_i is the softmax, its denominator's sum over m implied as the author writes it",
        6: "by hand: the quotient rule (the sum's index renamed p)",
        7: "by hand: d e^{theta_i} / d theta_k = e^{theta_i} delta_ik",
        8: ("the softmax, in each term", ": -Sm(lambda m: y[m]/a[m]*da(m,k)) == "
            "-Sm(lambda m: y[m]/a[m]*(a[m]*kd(m,k) - a[m]*a[k]))"),
        9: (": cancelling hat y_i", ": -Sm(lambda m: y[m]/a[m]*(a[m]*kd(m,k) - a[m]*a[k])) == "
            "-Sm(lambda m: y[m]*(kd(m,k) - a[k]))"),
        10: "by hand: delta_pk removed (the text's \\delta{ik} is its delta_{ik}, the underscore lost)",
        11: "by hand: y_i multiplied in",
        12: ("delta_ik removed; the second term keeps its sum over i (Einstein)",
             ": -Sm(lambda m: y[m]*kd(m,k)) + Sm(lambda m: y[m]*a[k]) == -y[k] + Sm(lambda m: y[m]*a[k])"),
        13: "by hand: the implied sum written out",
        14: (": hat y_k out of the sum", ": -y[k] + Sm(lambda m: y[m]*a[k]) == -y[k] + a[k]*Sm(lambda m: y[m])"),
        15: ("one-hot y sums to 1", ": -y[k] + a[k]*Sm(lambda m: y[m]) == -y[k] + a[k]"),
        16: ("the gradient, as a vector", ": dC(k) == a[k]-y[k]"),
    })

    # ------------------------------------------------------------------ anarthal
    spec("anarthal_multiclass_softmax.md", """
        @- D C S | C S | C S | S S | C S | C S | C S | C | D W | D | D D |
        @binary-vs-categorical-one-hot D | D | S C | C | R S | C | R S | C | R S | D
        """, {
        0: "K, given", 1: "a label's value", 2: "an arrow from a label to a fruit's name, not mathematics",
        3: "a label's value", 4: "an arrow to a name", 5: "a label's value", 6: "an arrow to a name",
        7: "an order of fruit names, said to be meaningless", 8: "the same order",
        9: "the one-hot label of oranges", 10: "an arrow to a name", 11: "the one-hot label of lemons",
        12: "an arrow to a name", 13: "the one-hot label of limes", 14: "an arrow to a name",
        15: "an example prediction", 16: "the softmax, defined (sum(.) written as a function)",
        17: ("a real slip: the sum's term is indexed [i], not [c], so it adds K copies of e^{z}[i]",
             ": E(z[i])/S == E(z[i])/(n*E(z[i]))"),
        18: "z^{[3]}, defined", 19: "a^{[3]}, defined", 20: "y_prob, named",
        21: "the two-class log loss, defined (\\ log: a space, then log)", 22: "the three-class loss, defined",
        23: "an arrow from a sentence, not mathematics", 24: "the example's label",
        25: "the first prediction",
        26: "by hand: the three-class loss at y = (1, 0, 0) and the prediction above",
        27: "a value rounded to four digits, written with = (-ln 0.7 = 0.35667...)",
        28: "the second prediction",
        29: "by hand: the loss at y = (1, 0, 0) and the second prediction",
        30: "a value rounded to four digits (-ln 0.33 = 1.10866...)",
        31: "the third prediction",
        32: "by hand: the loss at y = (1, 0, 0) and the third prediction",
        33: "a value rounded to four digits (-ln 0.1 = 2.30259...)",
        34: "the K-class loss, defined",
    })


PLANTS = [
    ("datascience_se_27267_sigmoid_prime.md", [
        (r"=a(1-a)$", r"=a(1+a)$", 7, "sign", ": sgm*(1-sgm) == sgm*(1+sgm)", []),
        (r"\frac{\partial{C}}{\partial{a}}\sigma\prime(z).$$", r"\frac{\partial{C}}{\partial{a}}\sigma\prime(z) x_j.$$", 5,
         "a factor added (the weight's x_j in the bias's derivative)",
         ": mp.diff(lambda v: sig(mp.fsum(wi*xi for wi, xi in zip(w, x)) + v), bb) == dsig(zz)*x[0]", []),
    ]),
    ("csse_97812_softmax_monotonicity.md", [
        (r"= \frac{e^{z_j} \sum_{k \neq j}", r"= -\frac{e^{z_j} \sum_{k \neq j}", 6, "sign",
         ": (E(z[j])*S - E(z[j])*E(z[j]))/S**2 == -E(z[j])*Sm(lambda m: E(z[m]), skip=j)/S**2",
         [(7, "after the slip the fraction is negative, not > 0", None)]),
    ]),
    ("liunelson_nielsen2015_notes.md", [
        (r"= x_j (a - y)$", r"= x_j (y - a)$", 5, "sign (the swapped difference)", ": x[0]*(sgm-ys) == x[0]*(ys-sgm)", []),
        (r"\ldots = (a - y)$", r"\ldots = (a - y)\sigma'(z)$", 7, "a sigma' left in (the quadratic cost's form)",
         ": db() == (sgm-ys)*dsig(zz)", []),
    ]),
    ("abangfarhan_softmax_cross_entropy.md", [
        (r"&= p_i \left( 1 - p_i \right) \label{eq:pi-xi}", r"&= \left( 1 - p_i \right) \label{eq:pi-xi}", 21,
         "a missing factor (p_i)", ": E(z[i])/S*(S/S - E(z[i])/S) == 1-a[i]", []),
        (r"&= -p_i p_j \label{eq:pi-xj}", r"&= p_i p_j \label{eq:pi-xj}", 30, "sign",
         "i!=j: -E(z[i])/S*E(z[j])/S == a[i]*a[j]", []),
        (r"&= p_i y_j \label{eq:L-pj-xi}", r"&= -p_i y_j \label{eq:L-pj-xi}", 41, "sign",
         "i!=j and t==j: y[j]/a[j]*a[i]*a[j] == -a[i]*y[j]", []),
    ]),
    ("physicsd00d_cs224d_einstein.md", [
        ("&= -y_k + \\hat{y}_k .  \\\\", "&= y_k - \\hat{y}_k .  \\\\", 15, "sign (the swapped difference)",
         ": -y[k] + a[k]*Sm(lambda m: y[m]) == y[k]-a[k]", []),
        ("&= -y_i \\bigg[ \\delta_{ik} - \\hat{y}_p \\delta_{pk}  \\bigg] \n",
         "&= -y_i \\bigg[ \\delta_{ik} + \\hat{y}_p \\delta_{pk}  \\bigg] \n", 9, "sign",
         ": -Sm(lambda m: y[m]/a[m]*(a[m]*kd(m,k) - a[m]*a[k])) == -Sm(lambda m: y[m]*(kd(m,k) + a[k]))",
         [(10, "the step after the slip: its left side has the + now",
           ": -Sm(lambda m: y[m]*(kd(m,k) + a[k])) == -Sm(lambda m: y[m]*(kd(m,k) - a[k]))")]),
    ]),
    ("anarthal_multiclass_softmax.md", [
        (r"= - 1 * log(0.7) - 0 * log(0.2)", r"= - 0 * log(0.7) - 1 * log(0.2)", 26,
         "an index mixed up (the label's entries swapped)", ": -1*ln(mp.mpf('0.7')) == -1*ln(mp.mpf('0.2'))", []),
        (r"= - 1 * log(0.1) - 0 * log(0.2)", r"= + 1 * log(0.1) - 0 * log(0.2)", 32, "sign",
         ": -ln(mp.mpf('0.1')) == ln(mp.mpf('0.1'))", []),
    ]),
]
