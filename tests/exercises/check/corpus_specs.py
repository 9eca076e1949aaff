"""The corpus's labels, one block per file (codes and notes as corpus_labels describes them).

Names in the checks: softmax layer z, a (= softmax(z)), y (one-hot at t), S (= sum_m e^{z_m}), da(p, q)
(= d a_p / d z_q, numerically), dC(q) (= d(-ln a_t)/d z_q), Sm(f, skip) (sum over the classes),
kd (Kronecker delta); sigmoid layer sa (= sigma(z)), yvec (labels in (0,1)), dCE(q); one neuron
x, w, bb, zz (= w.x + b), sgm (= sigma(zz)), ys (its label), dw(q, kind), db(kind) (kind "ce" or "q"),
dsig (sigma', numerically); E = exp, ln = log, sig = sigma; c > 0.
"""

# a few checks used by several files
SM_DIAG = "i==k: da(i,i) == a[i]*(1-a[i])"
SM_OFF = "i!=k: da(i,k) == -a[i]*a[k]"
LL = ": dC(i) == a[i]-y[i]"


def register(spec):
    # ------------------------------------------------------------------ Nielsen, chapter 3
    spec("nielsen_chapter3.md", """
        @quadratic-gradient D C C D D R R | R R | C C D D D D
        @cross-entropy-gradient R R | R | D @sigmoid-derivative R | @cross-entropy-gradient R | R | S D S C
        @binary-entropy-minimum R | @quadratic-gradient R | @cross-entropy-gradient R | R | D
        @linear-output-quadratic R | R | R | S @cross-entropy-from-gradient D D R | @sigmoid-derivative R R |
        @cross-entropy-from-gradient R | R | R | R | D @softmax-distribution R R | @softmax-inverse R |
        D @softmax-log-likelihood-gradient R | R | @softmax-temperature D D @softmax-log-likelihood-gradient R
        """, {
        5: ("chain rule for the quadratic cost of one neuron", ": dw(0, 'q') == (sgm-ys)*dsig(zz)*x[0]"),
        6: "by hand: with x = 1 and y = 0, substituted as the sentence after the display says",
        7: ("chain rule, quadratic cost", ": db('q') == (sgm-ys)*dsig(zz)"),
        8: "by hand: y = 0 substituted (stated after the display)",
        15: ("dC/dw_j of the cross-entropy, d sigma/d w_j = sigma'(z) x_j",
             ": dw(0) == -(ys/sgm - (1-ys)/(1-sgm))*dsig(zz)*x[0]"),
        16: "by hand: d sigma / d w_j = sigma'(z) x_j",
        17: ("common denominator (eq. 60)", ": dw(0) == dsig(zz)*x[0]/(sgm*(1-sgm))*(sgm-ys)"),
        19: ("the sigmoid's derivative", ": dsig(zz) == sgm*(1-sgm)"),
        20: ("eq. 61", ": dw(0) == x[0]*(sgm-ys)"),
        21: ("eq. 62", ": db() == sgm-ys"),
        26: ("the cost's value at a = y", ": cost('ce', bb=bb) - cost('ce', bb=bb) + -(ys*ln(ys)+(1-ys)*ln(1-ys)) "
             "== -(ys*ln(ys)+(1-ys)*ln(1-ys))"),
        27: ("eq. 65 for one example and one output neuron", ": dw(0, 'q') == x[0]*(sgm-ys)*dsig(zz)"),
        28: ("delta^L = a^L - y for sigmoid outputs and the cross-entropy", ": dCE(j) == sa[j]-yvec[j]"),
        29: ("eq. 67 for one example", ": dw(0) == x[0]*(sgm-ys)"),
        31: "by hand: C = 1/2 sum (a_j - y_j)^2 with a_j = z_j gives dC/dz_j = a_j - y_j",
        32: "by hand: dz_j/dw_jk = a_k^{L-1}, times delta_j = a_j - y_j, averaged over x",
        33: "by hand: dz_j/db_j = 1, averaged over x",
        37: "by hand: chain rule, da/db = sigma'(z)",
        38: ("sigma' = sigma(1 - sigma)", ": dsig(zz) == sgm*(1-sgm)"),
        39: "by hand: a = sigma(z)",
        40: "by hand: substituting sigma'(z) = a(1 - a)",
        41: ("with dC/db = a - y (eq. 72) and eq. 74; true of the cross-entropy",
             ": mp.diff(lambda v: -(ys*ln(v)+(1-ys)*ln(1-v)), sgm) == (sgm-ys)/(sgm*(1-sgm))"),
        42: "by hand: an antiderivative of (a - y)/(a(1 - a)) in a, up to a constant",
        43: "by hand: averaging eq. 76 over the training examples",
        45: ("sum of the outputs", ": Sm(lambda m: a[m]) == Sm(lambda m: E(z[m]))/S"),
        46: (": the same sums", ": Sm(lambda m: E(z[m]))/S == 1"),
        47: ("z_j = ln a_j + C with C = ln sum_k e^{z_k} (defined in the sentence: some constant independent of j)",
             ": z[j] == ln(a[j]) + ln(S)"),
        49: ("eq. 81 (one-hot y)", LL),
        50: "by hand: dz_j/dw_jk = a_k^{L-1} times eq. 81",
        53: ("eq. 84 (one-hot y)", LL),
    })

    # ------------------------------------------------------------------ NNDL-solutions notebook
    # (see corpus_specs_notebook.py)
    from corpus_specs_notebook import register_notebook
    register_notebook(spec)
    register_more(spec)

    # ------------------------------------------------------------------ Du Xinyu
    spec("xinyudu_cross_entropy.md", """
        @quadratic-gradient D R R | R R | D @cross-entropy-gradient R R | @sigmoid-derivative R |
        D R S S R R | @cross-entropy-gradient R
        """, {
        1: ("chain rule, quadratic cost of one neuron", ": dw(0, 'q') == (sgm-ys)*dsig(zz)*x[0]"),
        2: "by hand: x = 1 and y = 0, as the sentence before the display says",
        3: ("chain rule", ": db('q') == (sgm-ys)*dsig(zz)"),
        4: "by hand: y = 0 (stated before the display)",
        6: ("eq. 4-5, first equality", ": dw(0) == -(ys/sgm - (1-ys)/(1-sgm))*dsig(zz)*x[0]"),
        7: "by hand: d sigma / d w_j = sigma'(z) x_j",
        8: ("sigma' = sigma(1 - sigma) (true for the chapter's sigma and for the text's 1/(1-e^{-z}) alike)",
            ": dsig(zz) == sgm*(1-sgm)"),
        9: "the text's own sigma(z) = 1/(1 - e^{-z}) (not the chapter's: the steps below hold for it)",
        10: "by hand: notation (sigma' is d sigma / dz)",
        11: "a typo: d((1-e^{-z}) sigma)/d e^{-z} as written (meant d(1-e^{-z})/d e^{-z}); not judged",
        12: "its left side is the typo'd product above; not judged",
        13: ("-(-1)(-u)/(1-u)^2 = (1/(1-u))(-u/(1-u)), u = e^{-z}",
             ": -1/(1-E(-zz))**2*(-1)*(-E(-zz)) == 1/(1-E(-zz))*(-E(-zz))/(1-E(-zz))"),
        14: ("sigma(1 - sigma) under the text's sigma = 1/(1 - e^{-z}) (wrong under the chapter's sigma)",
             ": 1/(1-E(-zz))*(-E(-zz))/(1-E(-zz)) == (1/(1-E(-zz)))*(1-1/(1-E(-zz)))"),
        15: ("eq. 4-6", ": dw(0) == x[0]*(sgm-ys)"),
    })

    # ------------------------------------------------------------------ yanfenglee
    spec("yanfenglee_dl_demo.md", """
        @sigmoid-derivative D D | R | @- D D W | R | D | @softmax-jacobian D R C | R C |
        @softmax-log-likelihood-gradient D R R R R R R
        """, {
        2: ("ds/dz = s(1 - s)", ": dsig(z[0]) == sig(z[0])*(1-sig(z[0]))"),
        3: "t names tanh(z)",
        4: "tanh, defined by its exponential form",
        5: ("the exponential form of tanh equals 2 sigma(2z) - 1, not 2 sigma(z) - 1: a real mistake",
            ": (E(z[0])-E(-z[0]))/(E(z[0])+E(-z[0])) == 2*sig(z[0])-1"),
        6: ("dt/dz = 1 - t^2 for t = tanh(z)", ": mp.diff(mp.tanh, z[0]) == 1-mp.tanh(z[0])**2"),
        9: ("for i = j (the condition on the same line)", "i==j: da(j,i) == a[i]*(1-a[i])"),
        11: ("for i != j", "i!=j: da(j,i) == -a[i]*a[j]"),
        14: ("chain rule through every a_k (one-hot y)", ": dC(i) == -Sm(lambda m: y[m]/a[m]*da(m,i))"),
        15: ("splitting k = i from k != i", ": -Sm(lambda m: y[m]/a[m]*da(m,i)) == "
             "-y[i]*(1-a[i]) - Sm(lambda m: y[m]/a[m]*(-a[m]*a[i]), skip=i)"),
        16: (": simplifying", ": -y[i]*(1-a[i]) - Sm(lambda m: y[m]/a[m]*(-a[m]*a[i]), skip=i) == "
             "-y[i]*(1-a[i]) + Sm(lambda m: y[m]*a[i], skip=i)"),
        17: (": expanding", ": -y[i]*(1-a[i]) + Sm(lambda m: y[m]*a[i], skip=i) == "
             "-y[i]+y[i]*a[i] + Sm(lambda m: y[m]*a[i], skip=i)"),
        18: (": collecting a_i", ": -y[i]+y[i]*a[i] + Sm(lambda m: y[m]*a[i], skip=i) == a[i]*Sm(lambda m: y[m]) - y[i]"),
        19: ("sum_k y_k = 1 (one-hot y)", ": a[i]*Sm(lambda m: y[m]) - y[i] == a[i]-y[i]"),
    })

    # ------------------------------------------------------------------ daviddwlee84
    spec("daviddwlee84_softmax_derivation.md", """
        @softmax-log-likelihood-gradient D D D C D D D R R | R R | @softmax-jacobian R C | D C
        R R R R R | C R R R R | @softmax-log-likelihood-gradient R R R R R R R R R | C
        R R | R R | R | R
        """, {
        1: "hat y_i is defined as the softmax", 2: "the softmax, defined", 3: "for all i = 1, 2, 3",
        7: "by hand: the chain rule through theta (vector form)", 8: "by hand: the chain rule through hat y",
        9: "by hand: the chain rule through theta", 10: "by hand: the chain rule through hat y",
        11: "by hand: notation (the derivative of the softmax's i-th output)",
        15: "by hand: sum_K is defined as sum_j exp(theta_j)",
        16: ("quotient rule", "i==k: da(i,i) == (E(z[i])*S - E(z[i])*E(z[i]))/S**2"),
        17: (": factoring", ": (E(z[i])*S - E(z[i])*E(z[i]))/S**2 == E(z[i])/S*(S-E(z[i]))/S"),
        18: (": rewriting", ": E(z[i])/S*(S-E(z[i]))/S == E(z[i])/S*(1-E(z[i])/S)"),
        19: (": the softmax", ": E(z[i])/S*(1-E(z[i])/S) == a[i]*(1-a[i])"),
        21: "by hand: notation", 22: ("quotient rule, i != j", "i!=j: da(i,j) == (0-E(z[i])*E(z[j]))/S**2"),
        23: (": rewriting", "i!=j: (0-E(z[i])*E(z[j]))/S**2 == -E(z[i])/S*E(z[j])/S"),
        24: (": the softmax", "i!=j: -E(z[i])/S*E(z[j])/S == -a[i]*a[j]"),
        25: ("J = -sum y_j log hat y_j", ": dC(i) == -Sm(lambda m: y[m]*(da(m,i)/a[m]))"),
        26: "by hand: y_j does not depend on theta_i",
        27: "by hand: d log u = du / u",
        28: ("splitting j = i from j != i", ": -Sm(lambda m: y[m]/a[m]*da(m,i)) == "
             "-y[i]/a[i]*da(i,i) - Sm(lambda m: y[m]/a[m]*da(m,i), skip=i)"),
        29: (": the softmax's derivatives", ": -y[i]/a[i]*da(i,i) - Sm(lambda m: y[m]/a[m]*da(m,i), skip=i) == "
             "-y[i]/a[i]*a[i]*(1-a[i]) - Sm(lambda m: y[m]/a[m]*(-a[i]*a[m]), skip=i)"),
        30: (": simplifying", ": -y[i]*(1-a[i]) + Sm(lambda m: y[m]*a[i], skip=i) == "
             "-y[i] + y[i]*a[i] + Sm(lambda m: y[m]*a[i], skip=i)"),
        31: (": joining the sums", ": -y[i] + y[i]*a[i] + Sm(lambda m: y[m]*a[i], skip=i) == -y[i] + Sm(lambda m: y[m]*a[i])"),
        32: (": factoring", ": -y[i] + Sm(lambda m: y[m]*a[i]) == -y[i] + a[i]*Sm(lambda m: y[m])"),
        33: ("sum y_j = 1 (one-hot, said after the display)", ": -y[i] + a[i]*Sm(lambda m: y[m]) == a[i]-y[i]"),
        34: "y is one-hot", 35: "by hand: notation (theta = w^T x + b)",
        36: "by hand: the derivative of w^T x + b in w, as the text lays out its vectors",
        37: "by hand: notation", 38: "by hand: d(w^T x + b)/db = 1",
        39: "by hand: chain rule, x^T times hat y - y", 40: "by hand: hat y - y, times 1",
    })

    # ------------------------------------------------------------------ jmaczan
    spec("jmaczan_softmax_derivative.md", """
        @softmax-jacobian D C D R | R | R | R R R | C R | R | R | R
        """, {
        3: "by hand: notation (S_i is the softmax)",
        4: ("the quotient rule (a rule, with f' g - f g' over g^2)", ": mp.diff(lambda v: E(v)/(E(v)+1), z[0]) == "
            "(E(z[0])*(E(z[0])+1) - E(z[0])*E(z[0]))/(E(z[0])+1)**2"),
        5: ("quotient rule; the sum's ' is its derivative in z_i", "i==k: da(i,i) == (E(z[i])*S - E(z[i])*E(z[i]))/S**2"),
        6: (": factoring", ": (E(z[i])*S - E(z[i])*E(z[i]))/S**2 == E(z[i])*(S-E(z[i]))/S**2"),
        7: (": splitting", ": E(z[i])*(S-E(z[i]))/S**2 == E(z[i])/S*(S-E(z[i]))/S"),
        8: (": the softmax", ": E(z[i])/S*(S-E(z[i]))/S == a[i]*(1-a[i])"),
        10: "by hand: notation", 11: ("quotient rule, k != i", "i!=k: da(i,k) == (0*S - E(z[i])*E(z[k]))/S**2"),
        12: (": rewriting (the left side's numerator is the sum's only term in z_k)",
             "i!=k: -E(z[i])*E(z[k])/S**2 == a[i]*(-E(z[k]))/S"),
        13: ("for k != i", SM_OFF),
    })

    # ------------------------------------------------------------------ ezalos
    spec("ezalos_backprop_maths.md", """
        @softmax-log-likelihood-gradient R | R | R R R R R R R | @quadratic-gradient D | R | R | @- R | R | R
        """, {
        0: "by hand: BP1 (the chain rule, a_j depends on z_j only for sigma)",
        1: "by hand: BP1 in vector form",
        2: (": chain rule (one-hot y)", ": dC(i) == -Sm(lambda m: y[m]*da(m,i)/a[m])"),
        3: "by hand: d log p = dp / p",
        4: (": splitting k = i", ": -Sm(lambda m: y[m]/a[m]*da(m,i)) == -y[i]*(1-a[i]) - Sm(lambda m: y[m]/a[m]*(-a[m]*a[i]), skip=i)"),
        5: "by hand: y_k (1/p_k)(-p_k p_i) = -y_k p_i",
        6: "by hand: expanding -y_i(1 - p_i)",
        7: (": collecting p_i", ": -y[i]+y[i]*a[i]+Sm(lambda m: y[m]*a[i], skip=i) == a[i]*Sm(lambda m: y[m])-y[i]"),
        8: ("sum y_k = 1 (one-hot)", ": a[i]*Sm(lambda m: y[m])-y[i] == a[i]-y[i]"),
        10: "by hand: derivative of 1/2 sum (y_j - a_j)^2 in a_j (Unicode ∂ and −)",
        11: "by hand: the same, as a vector",
        12: "by hand: BP2 (chapter 2's backpropagation equation)",
        13: "by hand: BP3", 14: "by hand: BP4",
    })

    # ------------------------------------------------------------------ Mathematics Stack Exchange 945871
    spec("mathse_945871_softmax_loss.md", """
        @softmax-jacobian D D R C | R C | @softmax-log-likelihood-gradient W R R | R |
        R R R R R R R | C
        """, {
        2: ("for i = j (the en dash is the mirror's minus)", "i==j: da(j,i) == a[i]*(1-a[i])"),
        4: ("for i != j", "i!=j: da(j,i) == -a[i]*a[j]"),
        6: ("the asker's slip: the k != i terms are y_k (1/p_k)(-p_k p_i) = -y_k p_i, not -p_k y_k",
            ": dC(i) == -(y[i]*(1-a[i]) + Sm(lambda m: -a[m]*y[m], skip=i))"),
        7: (": expanding the bracket", ": -(y[i]*(1-a[i]) + Sm(lambda m: -a[m]*y[m], skip=i)) == "
            "a[i]*y[i] - y[i] + Sm(lambda m: a[m]*y[m], skip=i)"),
        8: ("joining the sum (its bound i is a new letter)", ": a[i]*y[i] - y[i] + Sm(lambda m: a[m]*y[m], skip=i) == "
            "Sm(lambda m: a[m]*y[m]) - y[i]"),
        9: ("the slides' result (one-hot y)", LL),
        10: (": chain rule", ": dC(i) == -Sm(lambda m: y[m]*da(m,i)/a[m])"),
        11: "by hand: d log p = dp / p",
        12: (": splitting k = i", ": -Sm(lambda m: y[m]/a[m]*da(m,i)) == -y[i]*(1-a[i]) - Sm(lambda m: y[m]/a[m]*(-a[m]*a[i]), skip=i)"),
        13: "by hand: y_k (1/p_k)(-p_k p_i) = -y_k p_i",
        14: "by hand: expanding",
        15: (": collecting p_i", ": -y[i]+y[i]*a[i]+Sm(lambda m: y[m]*a[i], skip=i) == a[i]*Sm(lambda m: y[m])-y[i]"),
        16: ("sum y_k = 1 (said after the display)", ": a[i]*Sm(lambda m: y[m])-y[i] == a[i]-y[i]"),
    })

    # ------------------------------------------------------------------ blatherstrike
    spec("blatherstrike_softmax_gradient.md", """
        @softmax-jacobian D D D R | D D R R C R C R R | C W W |
        @softmax-log-likelihood-gradient R R R R R R R
        """, {
        3: "by hand: the quotient rule (f = g/h)",
        6: "by hand: d e^{a_i} / d a_i = e^{a_i} (the prose says which variable)",
        7: "by hand: e^{a_i} is constant in a_j, j != i (said in the prose)",
        9: "by hand: d/d a_j of the sum is e^{a_j}",
        11: ("quotient rule, i = j (the bare \\sum stands for the sum of e^{a_k})",
             "i==k: da(i,i) == (E(z[i])*S - E(z[i])*E(z[i]))/S**2"),
        12: (": the softmax", ": (E(z[i])*S - E(z[i])*E(z[i]))/S**2 == a[i]*(1-a[i])"),
        14: ("a real slip: the numerator is e^{a_i} e^{a_j}, written e^{a_i} e^{a_i}",
             "i!=k: da(i,k) == (0*S - E(z[i])*E(z[i]))/S**2"),
        15: ("the slip's fraction is -S_i^2, not -S_i S_j", "i!=k: (0*S - E(z[i])*E(z[i]))/S**2 == -a[i]*a[k]"),
        16: (": chain rule (L and p as in the answer it follows)", ": dC(i) == -Sm(lambda m: y[m]*da(m,i)/a[m])"),
        17: "by hand: d log p = dp / p",
        18: (": splitting k = i", ": -Sm(lambda m: y[m]/a[m]*da(m,i)) == -y[i]*(1-a[i]) - Sm(lambda m: y[m]/a[m]*(-a[m]*a[i]), skip=i)"),
        19: "by hand", 20: "by hand: expanding",
        21: (": collecting p_i", ": -y[i]+y[i]*a[i]+Sm(lambda m: y[m]*a[i], skip=i) == a[i]*Sm(lambda m: y[m])-y[i]"),
        22: ("one-hot y", ": a[i]*Sm(lambda m: y[m])-y[i] == a[i]-y[i]"),
    })

    # ------------------------------------------------------------------ Sun Haozhe
    spec("sunhaozhe_matrix_calculus.md", """
        @softmax-jacobian D D R R | C R R R | C R R R | R C C |
        @softmax-log-likelihood-gradient R R R R R R | C
        """, {
        2: "by hand: notation", 3: ("quotient rule", "i!=k: da(i,k) == (0*S - E(z[k])*E(z[i]))/S**2"),
        5: ("i = k, quotient rule", "i==k: da(k,k) == (E(z[k])*S - E(z[k])*E(z[k]))/S**2"),
        6: (": factoring", ": (E(z[k])*S - E(z[k])*E(z[k]))/S**2 == E(z[k])/S*(S-E(z[k]))/S"),
        7: (": the softmax", ": E(z[k])/S*(S-E(z[k]))/S == a[k]*(1-a[k])"),
        9: ("i != k, quotient rule", "i!=k: da(i,k) == (0*S - E(z[k])*E(z[i]))/S**2"),
        10: (": the first term vanishes", "i!=k: (0*S - E(z[k])*E(z[i]))/S**2 == -E(z[k])*E(z[i])/(S*S)"),
        11: (": the softmax", "i!=k: -E(z[k])*E(z[i])/(S*S) == -a[k]*a[i]"),
        12: "by hand: the two cases above, as a \\begin{cases}",
        15: (": chain rule (one-hot y)", ": dC(k) == -Sm(lambda m: y[m]*da(m,k)/a[m])"),
        16: "by hand: chain rule through p_i", 17: "by hand: d log p / dp = 1/p",
        18: (": the two cases", ": -Sm(lambda m: y[m]/a[m]*da(m,k)) == -y[k]*(1-a[k]) + Sm(lambda m: y[m]*a[k], skip=k)"),
        19: (": joining the sum", ": -y[k]*(1-a[k]) + Sm(lambda m: y[m]*a[k], skip=k) == -y[k] + Sm(lambda m: y[m]*a[k])"),
        20: ("sum y_i = 1 (said after the display)", ": -y[k] + Sm(lambda m: y[m]*a[k]) == a[k]-y[k]"),
    })

    # ------------------------------------------------------------------ Cross Validated 235528
    spec("statsse_235528_softmax_backprop.md", """
        @softmax-log-likelihood-gradient D D D D W | R | R | @softmax-jacobian R | D D D R R | R R R
        """, {
        4: ("a real mistake (the question's): with a softmax, E depends on w_ij through every o_k, "
            "so dE/dw_ij is o_i (o_j - t_j), not (-t_j/o_j) o_j(1-o_j) o_i; wrong when t_j = 0",
            ": dC(j)*x[0] == (-y[j]/a[j])*a[j]*(1-a[j])*x[0]"),
        5: "by hand: z_j = sum_i w_ij o_i + b",
        6: ("dE/do_j with the o's as independent variables", ": mp.diff(lambda v: -y[j]*ln(v), a[j]) == -y[j]/a[j]"),
        7: "by hand: notation (o_j is the softmax of z)",
        11: ("quotient rule for o_b (b is a class, here the index i)",
             "i==k: da(i,i) == (E(z[i])*S - E(z[i])**2)/S**2"),
        12: (": splitting", ": (E(z[i])*S - E(z[i])**2)/S**2 == E(z[i])/S - E(z[i])**2/S**2"),
        13: "by hand: the softmax, written softmax(b)", 14: (": the softmax", ": E(z[i])/S - E(z[i])**2/S**2 == a[i]-a[i]**2"),
        15: (": factoring", ": a[i]-a[i]**2 == a[i]*(1-a[i])"),
    })

    # ------------------------------------------------------------------ Cross Validated 277203
    spec("statsse_277203_cross_entropy.md", """
        @softmax-log-likelihood-gradient D D @softmax-jacobian R | @softmax-log-likelihood-gradient W |
        S S S | S
        """, {
        2: ("do_j/dz_j (the \\delta is a partial derivative)", "i==k: da(j,j) == a[j]*(1-a[j])"),
        3: ("a real mistake (the sign): dE/dz_j = o_j - t_j", ": dC(j) == y[j]-a[j]"),
        4: "E_j is the asker's own per-neuron cost, never defined; not judged",
        5: "not judged (E_j undefined)", 6: "not judged (E_j undefined)",
        7: "not judged (E_j undefined; the quotient follows from the asker's wrong-signed dE/dz_j)",
    })


def register_more(spec):
    """The sources added for the exercises the first ones did not reach."""
    spec("d2l_softmax_regression_concise.md", """
        D @softmax-shift-invariance D R R | @log-softmax-stable R | R R
        """, {
        0: "the softmax, recalled", 1: "the softmax, written again at the chain's start",
        2: ("multiplying by exp(o-bar)/exp(o-bar), o-bar = max_k o_k",
            ": E(z[j])/S == E(z[j]-max(z))*E(max(z))/Sm(lambda m: E(z[m]-max(z))*E(max(z)))"),
        3: (": cancelling exp(o-bar)", ": E(z[j]-max(z))*E(max(z))/Sm(lambda m: E(z[m]-max(z))*E(max(z))) == "
            "E(z[j]-max(z))/Sm(lambda m: E(z[m]-max(z)))"),
        4: "by hand: o-bar is the largest o_k",
        5: ("the log of the stable form", ": ln(a[j]) == ln(E(z[j]-max(z))/Sm(lambda m: E(z[m]-max(z))))"),
        6: ("log of a quotient", ": ln(E(z[j]-max(z))/Sm(lambda m: E(z[m]-max(z)))) == "
            "z[j]-max(z)-ln(Sm(lambda m: E(z[m]-max(z))))"),
    })
    spec("mathse_2503428_bce_signs.md", """
        @cross-entropy-from-gradient D S S S R R W | R
        """, {
        0: "J, defined (its second term's brackets and index as the asker typed them)",
        4: ("for one example J = -(y log yhat + (1-y) log(1-yhat))",
            ": mp.diff(lambda v: -(ys*ln(v)+(1-ys)*ln(1-v)), sgm) == -1*mp.diff(lambda v: ys*ln(v)+(1-ys)*ln(1-v), sgm)"),
        5: "by hand: the derivative of a sum",
        6: ("a real mistake (the asker's): d/dyhat log(1 - yhat) = -1/(1 - yhat), the chain rule's minus is lost",
            ": -1*(mp.diff(lambda v: ys*ln(v), sgm) + mp.diff(lambda v: (1-ys)*ln(1-v), sgm)) == "
            "-1*(ys/sgm + (1-ys)/(1-sgm))"),
        7: ("the expected result", ": mp.diff(lambda v: -(ys*ln(v)+(1-ys)*ln(1-v)), sgm) == -1*(ys/sgm - (1-ys)/(1-sgm))"),
    })
    spec("statsse_286898_sigmoid_softmax.md", """
        D D @two-class-softmax-is-logistic R R R R
        """, {
        0: "sigma, defined", 1: "the softmax, defined",
        2: ("two classes", "n==2: a[0] == E(z[0])/(E(z[0])+E(z[1]))"),
        3: (": dividing by e^{x_0}", ": E(z[0])/(E(z[0])+E(z[1])) == 1/(1+E(z[1]-z[0]))"),
        4: "by hand: not equal as functions (they differ whenever x_1 != 0), which is what the asker says",
        5: ("sigmoid's definition", ": 1/(1+E(-z[0])) == sig(z[0])"),
    })
    spec("deeplearningai_softmax_from_sigmoid.md", """
        D @two-class-softmax-is-logistic R R R R | R R R | @softmax-shift-invariance D R R
        """, {
        0: "z = [z, 0], the example's logits",
        1: "by hand: the softmax of [z, 0], first class",
        2: (": e^0 = 1", ": E(z[0])/(E(z[0])+E(0)) == E(z[0])/(E(z[0])+1)"),
        3: (": dividing by e^z", ": E(z[0])/(E(z[0])+1) == 1/(1+E(-z[0]))"),
        4: (": the sigmoid", ": 1/(1+E(-z[0])) == sig(z[0])"),
        5: "by hand: the softmax of [z, 0], second class",
        6: (": e^0 = 1", ": E(0)/(E(z[0])+E(0)) == 1/(E(z[0])+1)"),
        7: (": 1 - sigma(z)", ": 1/(E(z[0])+1) == 1-sig(z[0])"),
        8: "the softmax of [z_1, z_2], written out",
        9: ("multiplying by e^{-c}/e^{-c} (first component; the second alike)",
            ": E(z[0])/(E(z[0])+E(z[1])) == E(z[0])*E(-c)/(E(-c)*(E(z[0])+E(z[1])))"),
        10: (": joining the exponentials", ": E(z[0])*E(-c)/(E(-c)*(E(z[0])+E(z[1]))) == E(z[0]-c)/(E(z[0]-c)+E(z[1]-c))"),
    })
    spec("evbn_sigmoid_limits.md", """
        @sigmoid-saturation R S | R S S | R S | R S S | R R
        """, {
        0: ("the sigmoid at -4", ": sig(-4) == 1/(1+E(-(-4)))"),
        1: "a value rounded to eight digits, written with =", 2: "by hand: the sigmoid inside the limit",
        3: "e^{\\infty} inside a limit: notation, not judged", 4: "its left side is the e^{\\infty} form",
        5: ("the sigmoid at 4", ": sig(4) == 1/(1+E(-(4)))"), 6: "a value rounded to seven digits, written with =",
        7: "by hand: the sigmoid inside the limit", 8: "e^{-\\infty} inside a limit: notation, not judged",
        9: "its left side is the e^{-\\infty} form",
        10: ("the sigmoid at 0", ": sig(0) == 1/(1+E(-(0)))"), 11: ("exactly one half", ": 1/(1+E(-(0))) == mp.mpf(1)/2"),
    })
    spec("datascience_se_categorical_confusion.md", """
        @binary-vs-categorical-one-hot D D D S C C
        """, {
        3: "cases whose conditions name the sum's own indices (meant term by term): not judged",
    })
    spec("catwang01_activations.md", """
        @sigmoid-derivative-bound D R R R
        """, {
        0: "sigma, defined (\\exp^{-x} for e^{-x})",
        1: ("sigma' = sigma(1 - sigma)", ": dsig(zz) == sgm*(1-sgm)"),
        2: "by hand: p(1 - p) <= 1/4 for every p, here p = sigma(x) in (0, 1)",
        3: ("(1/2)^2", ": (mp.mpf(1)/2)**2 == mp.mpf(1)/4"),
    })
    spec("zh4ngx_cs224d_sigmoid.md", """
        @sigmoid-derivative D S S S R R R R W R
        """, {
        0: "sigma, defined (e^-x for e^{-x})",
        1: "d sigma/dz 1/(z) * dx/dz (z): garbled notation, not judged (the sign of d(1/z)/dz is lost here)",
        2: "garbled notation (dx/dz for dz/dx), not judged", 3: "its left side is the garbled form",
        4: (": rewriting", ": 1/(1+E(-zz))**2*(-E(-zz)) == -E(-zz)/(1+E(-zz))**2"),
        5: (": splitting", ": -E(-zz)/(1+E(-zz))**2 == (1/(1+E(-zz)))*(-E(-zz)/(1+E(-zz)))"),
        6: (": sigma and +1 - 1", ": (1/(1+E(-zz)))*(-E(-zz)/(1+E(-zz))) == sgm*((-E(-zz)+1-1)/(1+E(-zz)))"),
        7: (": regrouping", ": sgm*((-E(-zz)+1-1)/(1+E(-zz))) == sgm*((-1-E(-zz))/(1+E(-zz)) + 1/(1+E(-zz)))"),
        8: ("a real mistake: (-1 - e^-x) becomes (1 + e^-x), the sign flipped back (the earlier lost sign compensated)",
            ": sgm*((-1-E(-zz))/(1+E(-zz)) + 1/(1+E(-zz))) == sgm*((1+E(-zz))/(1+E(-zz)) - 1/(1+E(-zz)))"),
        9: (": 1 - sigma", ": sgm*((1+E(-zz))/(1+E(-zz)) - 1/(1+E(-zz))) == sgm*(1-sgm)"),
    })
    spec("rikumat_nnlite_bce.md", """
        @cost-from-likelihood D S S D S D D R D
        """, {
        0: "z_i, defined as a probability", 1: "inside Pr(...)", 2: "inside Pr(...)", 4: "inside Pr(...)",
        6: "the Bernoulli likelihood, defined",
        7: ("the log of the likelihood", ": ln(sgm**ys*(1-sgm)**(1-ys)) == ys*ln(sgm)+(1-ys)*ln(1-sgm)"),
    })
    spec("henry54130_sigmoid_derivative.md", """
        @sigmoid-derivative D R | R | R | R R | D R S | R R | R
        """, {
        1: ("a power", ": sgm == (1+E(-zz))**-1"),
        2: ("chain rule", ": dsig(zz) == -1*(1+E(-zz))**-2*mp.diff(lambda v: 1+E(-v), zz)"),
        3: ("the inner derivative", ": mp.diff(lambda v: 1+E(-v), zz) == -E(-zz)"),
        4: ("chain rule", ": dsig(zz) == -(1+E(-zz))**-2*(-E(-zz))"),
        5: (": simplifying", ": -(1+E(-zz))**-2*(-E(-zz)) == E(-zz)/(1+E(-zz))**2"),
        7: "by hand: 1 - 1/(1 + e^{-x}) = e^{-x}/(1 + e^{-x})", 8: "the consequent's own sign",
        9: ("splitting", ": dsig(zz) == 1/(1+E(-zz))*E(-zz)/(1+E(-zz))"),
        10: (": sigma(1 - sigma)", ": 1/(1+E(-zz))*E(-zz)/(1+E(-zz)) == sgm*(1-sgm)"),
        11: ("the result", ": dsig(zz) == sgm*(1-sgm)"),
    })
    spec("nielsen_chapter3_cost_properties.md", """
        @cross-entropy-is-a-cost D R | C C C S C C
        """, {
        1: "by hand: both logarithms are negative for 0 < a < 1 and the weights y, 1 - y are not both 0",
        5: "an approximation (a near 0), not an identity",
    })
