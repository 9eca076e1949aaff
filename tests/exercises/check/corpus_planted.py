"""Planted-error copies: a corpus text with one of the chapter's usual slips planted in some of its
chains (a sign, a missing sigma', the swapped cost, an index mixed up, a missing factor), each at a
known step, labelled wrong with the computation that shows it.

An edit is (old, new, index, kind, check, also): `old` (found once in the text) becomes `new`; the
step at relation `index` (counted as in the source's labels) is the planted slip, of `kind`; `check`
is its numeric check (it must fail); `also` lists later steps the slip makes wrong too, as
(index, why, check or None).
"""

PLANTS = [
    ("yanfenglee_dl_demo.md", [
        (r"\frac{ds}{dz} = s(1-s)", r"\frac{ds}{dz} = s(1+s)", 2, "sign",
         ": dsig(z[0]) == sig(z[0])*(1+sig(z[0]))", []),
        (r"= a_i(1 - a_i), \quad i = j", r"= -a_i(1 - a_i), \quad i = j", 9, "sign",
         "i==j: da(j,i) == -a[i]*(1-a[i])", []),
        (r"= -a_i a_j,\quad i \neq j.", r"= a_i a_j,\quad i \neq j.", 11, "sign",
         "i!=j: da(j,i) == a[i]*a[j]", []),
        (r"= -\sum_k y_k \frac{1}{a_k} \frac{\partial a_k}{\partial z_i} $$",
         r"= -\sum_k \frac{1}{a_k} \frac{\partial a_k}{\partial z_i} $$", 14, "a missing factor (y_k)",
         ": dC(i) == -Sm(lambda m: 1/a[m]*da(m,i))",
         [(15, "the step after the slip: its left side lost the y_k",
           ": -Sm(lambda m: 1/a[m]*da(m,i)) == -y[i]*(1-a[i]) - Sm(lambda m: y[m]/a[m]*(-a[m]*a[i]), skip=i)")]),
    ]),
    ("daviddwlee84_softmax_derivation.md", [
        ("= \\hat{y}_i (1-\\hat{y}_i)\n", "= \\hat{y}_i (1+\\hat{y}_i)\n", 19, "sign",
         ": E(z[i])/S*(1-E(z[i])/S) == a[i]*(1+a[i])", []),
        (r"= -\hat{y_i}\hat{y_j}", r"= \hat{y_i}\hat{y_j}", 24, "sign",
         "i!=j: -E(z[i])/S*E(z[j])/S == a[i]*a[j]", []),
        (r"\frac{y_j}{\hat{y}_j} (-\hat{y_i}\hat{y_j}) \\", r"\frac{y_j}{\hat{y}_j} (\hat{y_i}\hat{y_j}) \\", 29,
         "sign (in the softmax's off-diagonal derivative)",
         "t!=i: -y[i]/a[i]*da(i,i) - Sm(lambda m: y[m]/a[m]*da(m,i), skip=i) == "
         "-y[i]/a[i]*a[i]*(1-a[i]) - Sm(lambda m: y[m]/a[m]*(a[i]*a[m]), skip=i)",
         [(30, "the step after the slip", "t!=i: -y[i]/a[i]*a[i]*(1-a[i]) - Sm(lambda m: y[m]/a[m]*(a[i]*a[m]), skip=i) == "
           "-y[i] + y[i]*a[i] + Sm(lambda m: y[m]*a[i], skip=i)")]),
    ]),
    ("jmaczan_softmax_derivative.md", [
        (r"{\sum_{j=1}^K{e^{z_j}}}=S_i(1-S_i)", r"{\sum_{j=1}^K{e^{z_j}}}=(1-S_i)", 8, "a missing factor (S_i)",
         ": E(z[i])/S*(S-E(z[i]))/S == 1-a[i]", []),
        (r"=-S_i \cdot S_k", r"=S_i \cdot S_k", 13, "sign", "i!=k: da(i,k) == a[i]*a[k]", []),
        (r"=S_i\frac{-e^{z_k}}", r"=S_i\frac{e^{z_k}}", 12, "sign",
         "i!=k: -E(z[i])*E(z[k])/S**2 == a[i]*E(z[k])/S", []),
    ]),
    ("sunhaozhe_matrix_calculus.md", [
        (r"&= p_k (1 - p_k) \end{split}", r"&= (1 - p_k) \end{split}", 7, "a missing factor (p_k)",
         ": E(z[k])/S*(S-E(z[k]))/S == 1-a[k]", []),
        (r"&= - p_k p_i \end{split}", r"&= - p_k^2 \end{split}", 11, "an index mixed up (p_i written p_k)",
         "i!=k: -E(z[k])*E(z[i])/(S*S) == -a[k]**2", []),
        (r"&= p_k - y_k \end{split}", r"&= y_k - p_k \end{split}", 20, "sign (the swapped difference)",
         "t==k: -y[k] + Sm(lambda m: y[m]*a[k]) == y[k]-a[k]", []),
    ]),
    ("mathse_945871_softmax_loss.md", [
        (r"}-y_i=p_i-y_i$$", r"}-y_i=p_i-1$$", 16, "y_i = 1 assumed for every i",
         "t!=i: a[i]*Sm(lambda m: y[m])-y[i] == a[i]-1", []),
    ]),
    ("blatherstrike_softmax_gradient.md", [
        (r"{\sum^2} = S_i(1-S_i)$$", r"{\sum^2} = S_i(S_i-1)$$", 12, "sign",
         ": (E(z[i])*S - E(z[i])*E(z[i]))/S**2 == a[i]*(a[i]-1)", []),
        (r"}-y_i=p_i-y_i$$", r"}-y_i=p_i$$", 22, "a term dropped (y_i)",
         "t==i: a[i]*Sm(lambda m: y[m])-y[i] == a[i]", []),
    ]),
    ("ezalos_backprop_maths.md", [
        (r"\frac{∂C}{∂a^L_j}=(a^L_j−y_j)", r"\frac{∂C}{∂a^L_j}=(y_j−a^L_j)", 10, "sign",
         ": mp.diff(lambda v: (y[j]-v)**2/2, a[j]) == y[j]-a[j]", []),
        (r"\frac{\partial L}{\partial o_i}=-\sum_ky_k\frac{\partial \log p_k}{\partial o_i}",
         r"\frac{\partial L}{\partial o_i}=\sum_ky_k\frac{\partial \log p_k}{\partial o_i}", 2, "sign",
         ": dC(i) == Sm(lambda m: y[m]*da(m,i)/a[m])",
         [(3, "the step after the slip", ": Sm(lambda m: y[m]*da(m,i)/a[m]) == -Sm(lambda m: y[m]/a[m]*da(m,i))")]),
    ]),
    ("nielsen_chapter3.md", [
        (r"\frac{\partial C}{\partial w_j} =  \frac{1}{n} \sum_x x_j(\sigma(z)-y).",
         r"\frac{\partial C}{\partial w_j} =  \frac{1}{n} \sum_x x_j(y-\sigma(z)).", 20, "sign",
         ": dw(0) == x[0]*(ys-sgm)", []),
        (r"\frac{\partial C}{\partial b} = \frac{1}{n} \sum_x (\sigma(z)-y).",
         r"\frac{\partial C}{\partial b} = \frac{1}{n} \sum_x \sigma'(z)(\sigma(z)-y).", 21,
         "a sigma' left in (the quadratic cost's form)", ": db() == dsig(zz)*(sgm-ys)", []),
        ("& = & \\frac{1}{n}\n  \\sum_x \\frac{\\sigma'(z) x_j}", "& = & -\\frac{1}{n}\n  \\sum_x \\frac{\\sigma'(z) x_j}",
         17, "sign", ": dw(0) == -dsig(zz)*x[0]/(sgm*(1-sgm))*(sgm-ys)", []),
        ("-\\frac{(1-y)}{1-\\sigma(z)} \\right)\\sigma'(z) x_j.", "-\\frac{(1-y)}{1-\\sigma(z)} \\right)\\sigma'(z).",
         16, "a missing factor (x_j)",
         ": -(ys/sgm - (1-ys)/(1-sgm))*dsig(zz)*x[0] == -(ys/sgm - (1-ys)/(1-sgm))*dsig(zz)", []),
        (r"\frac{\partial C}{\partial a} = \frac{a-y}{a(1-a)}.", r"\frac{\partial C}{\partial a} = \frac{y-a}{a(1-a)}.",
         41, "sign", ": mp.diff(lambda v: -(ys*ln(v)+(1-ys)*ln(1-v)), sgm) == (ys-sgm)/(sgm*(1-sgm))", []),
        (r"& = & a^L_j-y_j  \tag{81}", r"& = & y_j-a^L_j  \tag{81}", 49, "sign (the swapped difference)",
         ": dC(j) == y[j]-a[j]", []),
        (r"\delta^L_j = a^L_j -y_j.", r"\delta^L_j = (a^L_j -y_j)\sigma'(z^L_j).", 53,
         "the swapped cost (the quadratic cost's sigma')", ": dC(j) == (a[j]-y[j])*a[j]*(1-a[j])", []),
        (r"& = & \frac{\sum_j e^{z^L_j}}{\sum_k e^{z^L_k}} = 1.", r"& = & \frac{e^{z^L_j}}{\sum_k e^{z^L_k}} = 1.", 45,
         "an index mixed up (the sum over j dropped)", ": Sm(lambda m: a[m]) == E(z[j])/S",
         [(46, "a_j = 1 does not hold for n >= 2", ": E(z[j])/S == 1")]),
        ("\\sum_x a^{L-1}_k  (a^L_j-y_j) \\sigma'(z^L_j).", "\\sum_x a^{L-1}_k  (a^L_j-y_j).", 27,
         "the swapped cost (the cross-entropy's form for the quadratic cost)", ": dw(0, 'q') == x[0]*(sgm-ys)", []),
        (r"(a-y)\sigma'(z) = a \sigma'(z),", r"(y-a)\sigma'(z) = a \sigma'(z),", 7, "sign (the swapped difference)",
         ": db('q') == (ys-sgm)*dsig(zz)",
         [(8, "with y = 0, (0 - a) sigma'(z) is not a sigma'(z)", "y01: -sgm*dsig(zz) == sgm*dsig(zz)")]),
    ]),
    ("xinyudu_cross_entropy.md", [
        (r"\sum_x x_j(\sigma(z)-y)\tag{4-6}", r"\sum_x x_j\sigma'(z)(\sigma(z)-y)\tag{4-6}", 15,
         "a sigma' left in (the quadratic cost's form)", ": dw(0) == x[0]*dsig(zz)*(sgm-ys)", []),
        (r"$$\sigma'(z)=\sigma(z)(1-\sigma(z))$$", r"$$\sigma'(z)=\sigma(z)(1+\sigma(z))$$", 8, "sign",
         ": dsig(zz) == sgm*(1+sgm)", []),
        (r"\frac{\partial C}{\partial w_j}=-\frac{1}{n}\sum_x(", r"\frac{\partial C}{\partial w_j}=\frac{1}{n}\sum_x(", 6,
         "sign (the cost's minus lost)", ": dw(0) == (ys/sgm - (1-ys)/(1-sgm))*dsig(zz)*x[0]",
         [(7, "the step after the slip: its left side lost the minus",
           ": (ys/sgm - (1-ys)/(1-sgm))*dsig(zz)*x[0] == -(ys/sgm - (1-ys)/(1-sgm))*dsig(zz)*x[0]")]),
    ]),
    ("statsse_235528_softmax_backprop.md", [
        (r"=o_b(1-o_b)$$", r"=o_b(1-o_a)$$", 15, "an index mixed up (o_a for o_b)",
         "i!=k: a[i]-a[i]**2 == a[i]*(1-a[k])", []),
        (r"=\frac{e^{z_b}}{\sum e^z}-\frac{(e^{z_b})^2}{(\sum e^z)^2}$$",
         r"=\frac{e^{z_b}}{\sum e^z}-\frac{e^{z_b}}{(\sum e^z)^2}$$", 12, "a missing square",
         ": (E(z[i])*S - E(z[i])**2)/S**2 == E(z[i])/S - E(z[i])/S**2",
         [(13, "the step after the slip: its left side lost the square",
           ": E(z[i])/S - E(z[i])/S**2 == E(z[i])/S - (E(z[i])/S)**2")]),
    ]),
]
