"""Labels of the NNDL-solutions chapter 3 notebook (nndl-solutions/NNDL-solutions, after its 2020
fixes): a correct solution set, so every step it writes is right; what is not a step is said."""

SUM_NOT_J = "Sm(lambda m: E(z[m]), skip=j)"
INNER = f"(1 + E(-z[j])*{SUM_NOT_J})"
SIGMA_LAYER_CE = "-(yvec[j]/sa[j] - (1-yvec[j])/(1-sa[j]))"


def register_notebook(spec):
    spec("nndl_solutions_chap3.ipynb", """
        @sigmoid-derivative R | D R | R R | R R | R |
        @cross-entropy-argument-order C C C C C C C C D R R |
        @binary-entropy-minimum C C D S R | S S R S R S R S | S R | C C C C C C R | S
        @quadratic-gradient R R | D R | R | R | @cross-entropy-gradient R R R R R R | R | R R | R | R | R
        @linear-output-quadratic R | D R | R | R | R | R R | R R | R | R
        @input-factor R | D R R |
        @sigmoid-outputs-not-distribution D D R | R | @softmax-distribution R R R |
        @softmax-monotonicity R R R | R R R R | C R R R R |
        @softmax-nonlocality C R | D @softmax-inverse D R |
        @softmax-log-likelihood-gradient R | D R R R R R D | C R R R S R R C C | C R R R R R R C C |
        R | R | R |
        @softmax-temperature D C R | R R | R R | C R | R | R | C R C R C R | R | R | R | C
        @softmax-log-likelihood-gradient R | D R R R R D | C R R R S R R C C | C R R R R R R C C
        @- D C S S R R S S S S S
        @- R | R | D R | R | D S
        @cross-entropy-gradient R | @- D R S | @cross-entropy-gradient R |
        @- D D C C C C C
        @- R | D R | R R R R
        """, {
        0: "the exercise's claim, in the heading",
        2: ("a power of the denominator", ": 1/(1+E(-zz)) == (1+E(-zz))**-1"),
        3: ("sigma' by the chain rule", ": dsig(zz) == E(-zz)*(1+E(-zz))**-2"),
        4: (": rewriting", ": E(-zz)*(1+E(-zz))**-2 == E(-zz)/(1+E(-zz))**2"),
        5: (": sigma(1 - sigma)", ": sgm*(1-sgm) == 1/(1+E(-zz))*(1+E(-zz)-1)/(1+E(-zz))"),
        6: (": simplifying", ": 1/(1+E(-zz))*(1+E(-zz)-1)/(1+E(-zz)) == E(-zz)/(1+E(-zz))**2"),
        7: ("sigma' = sigma(1 - sigma)", ": dsig(zz) == sgm*(1-sgm)"),
        17: "by hand: sigma(z) > 0 for every real z", 18: "by hand: sigma(z) < 1 for every real z",
        21: "the cross-entropy of one neuron, defined", 22: "where the minimum is claimed (not an identity)",
        23: ("C'(a)", ": mp.diff(lambda v: -(ys*ln(v)+(1-ys)*ln(1-v)), sgm) == -ys/sgm + (1-ys)/(1-sgm)"),
        24: "the equation to solve (not an identity)", 25: "the equation to solve",
        26: "by hand: equivalent equations for 0 < a < 1", 27: "the equation's own sign",
        28: "by hand: multiplying by a(1 - a) > 0", 29: "the equation's own sign",
        30: "by hand: y - ay = a - ay iff y = a", 31: "the equation's own sign", 32: "where the extremum is",
        33: ("C''(a)", ": mp.diff(lambda v: -(ys*ln(v)+(1-ys)*ln(1-v)), sgm, 2) == ys/sgm**2 + (1-ys)/(1-sgm)**2"),
        40: "by hand: both terms are positive for 0 < a < 1 and 0 < y < 1", 41: "where the minimum is",
        42: "by hand: BP4", 43: "by hand: BP1",
        45: "by hand: the derivative of 1/2 sum (a_i - y_i)^2 in a_j",
        46: "by hand: BP4 and BP1 with dC/da_j = a_j - y_j",
        47: "by hand: averaged over the training examples",
        48: "by hand: BP1",
        49: ("dC/da_j of the cross-entropy", f"y01: mp.diff(lambda v: -(yvec[j]*ln(v)+(1-yvec[j])*ln(1-v)), sa[j])*dsig(z[j]) == "
             f"{SIGMA_LAYER_CE}*dsig(z[j])"),
        50: (": sigma' = sigma(1 - sigma)", f": {SIGMA_LAYER_CE}*dsig(z[j]) == {SIGMA_LAYER_CE}*sa[j]*(1-sa[j])"),
        51: (": common denominator", f": {SIGMA_LAYER_CE}*sa[j]*(1-sa[j]) == -(yvec[j]*(1-sa[j]) - (1-yvec[j])*sa[j])"),
        52: (": expanding", ": -(yvec[j]*(1-sa[j]) - (1-yvec[j])*sa[j]) == sa[j]-yvec[j]"),
        53: "by hand: a_j = sigma(z_j)",
        54: ("delta^L = a^L - y", ": dCE(j) == sa[j]-yvec[j]"),
        55: "by hand: BP4", 56: "by hand: delta_j = a_j - y_j",
        57: "by hand: averaged over the training examples", 58: "BP4, recalled", 59: "BP3, recalled",
        60: "by hand: BP1 with the activation f", 62: "by hand: quadratic cost", 63: "f is the identity",
        64: "by hand: f' = 1", 65: "by hand: vector form", 66: "by hand: BP4", 67: "by hand: delta = a - y",
        68: "by hand: BP3", 69: "by hand: delta = a - y", 70: "by hand: averaged", 71: "by hand: averaged",
        72: "by hand: chain rule", 74: ("chain rule", ": mp.diff(lambda v: sig(v*x[0] + w[1]*x[1] + w[2]*x[2] + bb), w[0]) "
                                        "== x[0]*dsig(zz)"),
        75: "by hand: z = sum_i w_i x_i + b",
        78: "by hand: sigma < 1", 79: "by hand: sigma < 1 everywhere",
        80: ("sum of the softmax outputs", ": Sm(lambda m: a[m]) == Sm(lambda m: E(z[m]))/S"),
        81: "by hand: both sides are 1 (the single output neuron of the example: e^z / e^z)",
        82: "by hand: e^z / e^z = 1",
        83: ("splitting the sum", f": a[j] == E(z[j])/(E(z[j]) + {SUM_NOT_J})"),
        84: (": dividing by e^{z_j}", f": E(z[j])/(E(z[j]) + {SUM_NOT_J}) == 1/{INNER}"),
        85: (": as a power", f": 1/{INNER} == {INNER}**-1"),
        86: ("chain rule (the derivative of the inner sum in z_j)", f": da(j,j) == "
             f"-mp.diff(lambda v: 1 + E(-v)*{SUM_NOT_J}, z[j])*{INNER}**-2"),
        87: (": the inner derivative", f": -mp.diff(lambda v: 1 + E(-v)*{SUM_NOT_J}, z[j])*{INNER}**-2 == "
             f"(E(-z[j])*{SUM_NOT_J})*{INNER}**-2"),
        88: (": a_j", f": (E(-z[j])*{SUM_NOT_J})*{INNER}**-2 == (E(-z[j])*{SUM_NOT_J})*a[j]**2"),
        89: "by hand: a product of positive numbers (n >= 2: the sum over k != j is not empty)",
        91: ("chain rule, k != j", f"k!=j: da(j,k) == -(E(-z[j])*E(z[k]))*{INNER}**-2"),
        92: "by hand: the inner derivative in z_k is e^{-z_j} e^{z_k}",
        93: (": a_j", f"k!=j: -(E(-z[j])*E(z[k]))*{INNER}**-2 == -(E(-z[j])*E(z[k]))*a[j]**2"),
        94: "by hand: minus a product of positive numbers",
        96: ("for k != j", "k!=j: da(j,k) == -a[j]*a[k]"),
        99: ("z_j = ln a_j + ln sum_k e^{z_k}", ": z[j] == ln(a[j]) + ln(S)"),
        100: ("eq. 81, the claim", LL_J),
        101: "y tilde is defined (the true class)",
        102: "by hand: BP3", 103: "by hand: the definition of delta",
        104: ("chain rule", ": dC(j) == Sm(lambda m: mp.diff(lambda v: -ln(v) if m == t else 0*v, a[m])*da(m,j))"),
        105: "by hand: C depends on a_{y tilde} only",
        106: ("C = -ln a_{y tilde}", ": dC(j) == -1/a[t]*da(t,j)"),
        107: "the cost, recalled after \\text{as}",
        109: ("j = y tilde", f"j==t: dC(j) == -1/a[j]*(E(-z[j])*{SUM_NOT_J})*a[j]**2"),
        110: (": rewriting", f"j==t: -1/a[j]*(E(-z[j])*{SUM_NOT_J})*a[j]**2 == -a[j]*(1 + E(-z[j])*{SUM_NOT_J} - 1)"),
        111: (": 1/a_j", f": -a[j]*(1 + E(-z[j])*{SUM_NOT_J} - 1) == -a[j]*(1/a[j] - 1)"),
        112: "an identity recalled after \\text{recalling ...}, not a step of the chain",
        113: (": simplifying", ": -a[j]*(1/a[j] - 1) == a[j]-1"),
        114: ("y_j = 1 for j = y tilde", "j==t: a[j]-1 == a[j]-y[j]"),
        118: ("j != y tilde", "j!=t: dC(j) == -1/a[t]*(-E(-z[t])*E(z[j]))*a[t]**2"),
        119: (": simplifying", "j!=t: -1/a[t]*(-E(-z[t])*E(z[j]))*a[t]**2 == a[t]*E(-z[t])*E(z[j])"),
        120: (": a_{y tilde}", "j!=t: a[t]*E(-z[t])*E(z[j]) == E(z[t])/S*E(-z[t])*E(z[j])"),
        121: (": cancelling", "j!=t: E(z[t])/S*E(-z[t])*E(z[j]) == E(z[j])/S"),
        122: "by hand: the softmax",
        123: ("y_j = 0 for j != y tilde", "j!=t: a[j] == a[j]-y[j]"),
        126: ("eq. 81", LL_J), 127: "BP3, recalled", 128: "BP4, recalled",
        131: "by hand: exponentials are positive",
        132: "by hand: the sum of the outputs", 133: ("sums to one", ": Sm(lambda m: E(c*z[m]))/Sm(lambda m: E(c*z[m])) == 1"),
        134: ("dividing by e^{c z_j}", ": E(c*z[j])/Sm(lambda m: E(c*z[m])) == "
              "1/(1 + E(-c*z[j])*Sm(lambda m: E(c*z[m]), skip=j))"),
        135: (": joining the exponentials", ": 1/(1 + E(-c*z[j])*Sm(lambda m: E(c*z[m]), skip=j)) == "
              "1/(1 + Sm(lambda m: E(c*(z[m]-z[j])), skip=j))"),
        137: "by hand: z_m - z_j > 0 (the condition before)", 138: "by hand: one term tends to infinity, the others are positive",
        139: "by hand: z_j is not a maximum", 140: "n counts the maximal inputs here (the text's own n)",
        141: "by hand: z_k = z_j", 143: "by hand: z_k < z_j",
        145: "by hand: n - 1 other maximal inputs (n: the number of maxima)", 146: "by hand: 1/(1 + n - 1)",
        147: "by hand: n = 1", 148: "by hand: the two cases (n: the number of maximal inputs)",
        150: ("eq. 84, the claim", LL_J), 152: "by hand: the definition of delta",
        153: ("chain rule", ": dC(j) == Sm(lambda m: mp.diff(lambda v: -ln(v) if m == t else 0*v, a[m])*da(m,j))"),
        154: "by hand: C depends on a_{y tilde} only", 155: ("C = -ln a_{y tilde}", ": dC(j) == -1/a[t]*da(t,j)"),
        158: ("j = y tilde", f"j==t: dC(j) == -1/a[j]*(E(-z[j])*{SUM_NOT_J})*a[j]**2"),
        159: (": rewriting", f"j==t: -1/a[j]*(E(-z[j])*{SUM_NOT_J})*a[j]**2 == -a[j]*(1 + E(-z[j])*{SUM_NOT_J} - 1)"),
        160: (": 1/a_j", f": -a[j]*(1 + E(-z[j])*{SUM_NOT_J} - 1) == -a[j]*(1/a[j] - 1)"),
        161: "an identity recalled after \\text{recalling ...}, not a step of the chain",
        162: (": simplifying", ": -a[j]*(1/a[j] - 1) == a[j]-1"),
        163: ("y_j = 1 for j = y tilde", "j==t: a[j]-1 == a[j]-y[j]"),
        167: ("j != y tilde", "j!=t: dC(j) == -1/a[t]*(-E(-z[t])*E(z[j]))*a[t]**2"),
        168: (": simplifying", "j!=t: -1/a[t]*(-E(-z[t])*E(z[j]))*a[t]**2 == a[t]*E(-z[t])*E(z[j])"),
        169: (": a_{y tilde}", "j!=t: a[t]*E(-z[t])*E(z[j]) == E(z[t])/S*E(-z[t])*E(z[j])"),
        170: (": cancelling", "j!=t: E(z[t])/S*E(-z[t])*E(z[j]) == E(z[j])/S"),
        171: "by hand: the softmax", 172: ("y_j = 0 for j != y tilde", "j!=t: a[j] == a[j]-y[j]"),
        175: "J is defined", 176: "inside the set's definition",
        177: "a modelling step (variances of independent weights), not an identity",
        178: "uses V(w_j) = 1/n_in and V(b) = 1 from the book, not stated here",
        179: "by hand: |J| = n_in/2 (said in the prose before)", 180: "by hand: 1/2 + 1",
        181: "the standard deviation, by definition the square root of V(z)",
        182: "a hyper-parameter's value", 183: "a hyper-parameter's value", 184: "a hyper-parameter's value",
        185: "a hyper-parameter's value",
        186: "by hand: BP1", 187: "by hand: BP1 in vector form",
        189: "by hand: the quadratic cost's derivative", 190: "by hand: vector form",
        191: "the cross-entropy as written (its brackets missing: the sum and the minus cover the first term only)",
        192: "the intended cross-entropy's derivative; under the definition as written (brackets missing) it is "
             "not; not judged",
        193: "by hand: delta^L = a^L - y for sigmoid outputs and the cross-entropy",
        195: "by hand: s = 1/(1 + e^{-x}) iff x = -ln(1/s - 1), for 0 < s < 1",
        196: "the equation's own sign", 197: "by hand: delta^L = a^L - y",
        205: ("the exercise's claim", ": sig(zz) == (1+mp.tanh(zz/2))/2"),
        206: "tanh, by definition",
        207: ("multiplying by e^x", ": (E(zz)-E(-zz))/(E(zz)+E(-zz)) == (E(2*zz)-1)/(E(2*zz)+1)"),
        208: ("tanh(z/2) = (e^z - 1)/(e^z + 1)", ": (1+mp.tanh(zz/2))/2 == (E(zz)+1+E(zz)-1)/(E(zz)+1)/2"),
        209: (": simplifying", ": (E(zz)+1+E(zz)-1)/(E(zz)+1)/2 == E(zz)/(E(zz)+1)"),
        210: (": dividing by e^z", ": E(zz)/(E(zz)+1) == 1/(1+E(-zz))"),
        211: "by hand: the sigmoid",
    })


LL_J = ": dC(j) == a[j]-y[j]"
