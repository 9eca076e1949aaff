"""A compiled training epoch: `Network.sgd(engine="numba")`.

The same steps as `Network.update_mini_batch`, one per mini-batch, written as loops and compiled
by numba, so that a step at batch size 10 costs its arithmetic and not ~20 NumPy calls. Any layer
sizes; sigmoid hidden layers; the output activation of the pairing (derivations.pairings).

What comes from where:
- the output error delta is the one `derivations` derived with SymPy (its lambdified NumPy code,
  compiled by numba), not typed here;
- sigma, sigma'(z) = a (1 - a) and an elementwise output activation are numeric.functions' own
  formulas, compiled;
- the softmax is written out per row (`softmax_row`); tests hold it against
  numeric.functions.softmax and the derived formula.
Those formulas are compiled in each process (a fraction of a second) and reach the epoch as
function pointers (numba's first-class functions; the elementwise ones one call per row), so the
epoch itself holds only this file's code: numba caches it on disk (`cache=True`, in `__pycache__`
beside this file) and a new process loads it instead of compiling it again (about 5 s), and a
change to numeric.functions can never leave a stale formula in the cache (numba re-checks only
the file a cached function is written in).

The products are written for the machine (blocks of five examples and three neurons, sums
reassociated so that the compiler vectorises them, the learning rate folded into delta, the
images gathered as bytes and divided by 255 while the next mini-batch is prefetched); every
pixel's products are computed, zeros included. The invariant: every step is the step
`Network.update_mini_batch` takes, to rounding (tests hold the two to each other, and one thread
to two bit for bit). An epoch runs in segments (SEGMENT_EXAMPLES), each on one thread or several
(`Threads`), so that Ctrl-C takes effect when the segment it falls in ends (within about 20 ms
at batch size 10). What each part costs, and what was tried and lost (sparse products): the
project's docs/performance.md.

Importing this module without numba installed raises an NndlError.
"""
from __future__ import annotations

import ctypes
import functools
import os
import threading
import time

import numpy as np

from derivations.errors import NndlError
from numeric import functions
from numeric.data import PIXEL_MAX, Images

# Reassociating sums (and fusing multiply-adds) lets the compiler vectorise the dot products; the
# results differ from NumPy's by rounding only (tests: 1e-12 in float64). No other fast-math flag:
# e^{-z} = inf must still give sigma(z) = 0.
REORDER = {"reassoc", "contract"}

try:
    import llvmlite.ir
    import numba
    import numba.core.cgutils
    import numba.extending
except ImportError:
    raise NndlError("engine 'numba' needs numba, which is not installed (pip install numba)") from None


njit = functools.partial(numba.njit, cache=True)


@numba.extending.intrinsic
def prefetch(typingctx, address):
    """Ask the core to bring the cache line at `address` (an integer) in ahead of its use
    (llvm.prefetch): the epoch fetches the next mini-batch's shuffled rows while it computes this
    one, instead of waiting for memory when it gathers them."""
    def codegen(context, builder, signature, args):
        i32 = llvmlite.ir.IntType(32)
        pointer = builder.inttoptr(args[0], llvmlite.ir.IntType(8).as_pointer())
        function = numba.core.cgutils.get_or_insert_function(
            builder.module, llvmlite.ir.FunctionType(llvmlite.ir.VoidType(), [pointer.type, i32, i32, i32]),
            "llvm.prefetch.p0")
        builder.call(function, [pointer, i32(0), i32(3), i32(1)])   # read, keep in all caches, data
        return context.get_dummy_value()
    return numba.types.void(numba.types.intp), codegen


# --- the formulas of the table, compiled as function pointers -------------------------------

def _numba_type(dtype):
    return numba.from_dtype(np.dtype(dtype))


@functools.lru_cache(maxsize=None)
def formula(name: str, dtype="float64"):
    """numeric.functions' elementwise formula `name` (sigmoid, identity, sigmoid_prime_of_output),
    compiled into a loop over a row: out[i] = f(values[i]) for i < n, for numbers of `dtype`
    (`out` may be `values`). One call per row, not per number: an indirect call costs about as
    much as the formula. Compiled in each process (about 0.1 s), never taken from a cache."""
    t = _numba_type(dtype)
    code = getattr(functions, name)
    one = numba.njit(getattr(code, "__wrapped__", code))  # the formula, without the input checks
    pointer = numba.types.CPointer(t)

    @numba.cfunc(numba.types.void(pointer, pointer, numba.types.intp))
    def on_row(values, out, n):
        row, into = numba.carray(values, n), numba.carray(out, n)
        for i in range(n):
            into[i] = one(row[i])
    return on_row


def evaluate(name: str, values: np.ndarray) -> np.ndarray:
    """`formula(name, values.dtype)` applied to a 1-D array from Python (for tests)."""
    values = np.ascontiguousarray(values)
    out = np.empty_like(values)
    pointer = ctypes.POINTER(np.ctypeslib.as_ctypes_type(values.dtype))
    formula(name, values.dtype.name).ctypes(values.ctypes.data_as(pointer), out.ctypes.data_as(pointer), len(values))
    return out


@functools.lru_cache(maxsize=None)
def compiled_delta(cost: str, activation: str, dtype="float64"):
    """The derived output error delta(a, y) (elementwise NumPy code from SymPy), compiled into a
    loop over n numbers of `dtype`: out[i] = delta(a[i], y[i]), one call for a whole mini-batch
    (in each process: lambdified code has no file for numba's cache)."""
    from derivations.pairings import output_error
    t = _numba_type(dtype)
    one = numba.njit(output_error(cost, activation).numpy)
    pointer = numba.types.CPointer(t)

    @numba.cfunc(numba.types.void(pointer, pointer, pointer, numba.types.intp))
    def on_rows(a, y, out, n):
        a_, y_, into = numba.carray(a, n), numba.carray(y, n), numba.carray(out, n)
        for i in range(n):
            into[i] = one(a_[i], y_[i])
    return on_rows


def evaluate_delta(cost: str, activation: str, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """`compiled_delta` applied to 1-D arrays from Python (for tests)."""
    a, y = np.ascontiguousarray(a), np.ascontiguousarray(y, dtype=a.dtype)
    out = np.empty_like(a)
    pointer = ctypes.POINTER(np.ctypeslib.as_ctypes_type(a.dtype))
    compiled_delta(cost, activation, a.dtype.name).ctypes(*(v.ctypes.data_as(pointer) for v in (a, y, out)), len(a))
    return out


@njit
def softmax_row(z, out):
    """out = softmax(z) for one example, from z - max(z) (no overflow), as numeric.functions.softmax;
    `out` may be `z`."""
    top = z[0]
    for j in range(1, len(z)):
        top = max(top, z[j])
    total = z[0] * 0
    for j in range(len(z)):
        out[j] = np.exp(z[j] - top)
        total += out[j]
    for j in range(len(z)):
        out[j] = out[j] / total


# --- the products, blocked ---------------------------------------------------------------------
# Within a thread the products run on its core alone (numba's prange, sharing each product's
# blocks between the cores, was measured 5 to 10 times slower at batch sizes 100 and 1000 while
# other work ran on the machine, and gained little when it was quiet: a step at batch size 10
# lasts about 15 us). The threads of the epoch (below) share the first layer's neurons instead,
# and meet once per step.

@njit(fastmath=REORDER)
def forward_five(a_in, w, b, z, i, zero):
    """z[i:i+5] = w a_in[i:i+5] + b: three neurons at a time (15 sums in registers; each number
    loaded feeds three or five multiply-adds)."""
    n_out, n_in = w.shape
    x0, x1, x2, x3, x4 = a_in[i], a_in[i + 1], a_in[i + 2], a_in[i + 3], a_in[i + 4]
    j_end = n_out - n_out % 3
    for j in range(0, j_end, 3):
        w0, w1, w2 = w[j], w[j + 1], w[j + 2]
        s00 = s01 = s02 = s10 = s11 = s12 = s20 = s21 = s22 = s30 = s31 = s32 = s40 = s41 = s42 = zero
        for p in range(n_in):
            u, v, t = w0[p], w1[p], w2[p]
            s00 += x0[p] * u
            s01 += x0[p] * v
            s02 += x0[p] * t
            s10 += x1[p] * u
            s11 += x1[p] * v
            s12 += x1[p] * t
            s20 += x2[p] * u
            s21 += x2[p] * v
            s22 += x2[p] * t
            s30 += x3[p] * u
            s31 += x3[p] * v
            s32 += x3[p] * t
            s40 += x4[p] * u
            s41 += x4[p] * v
            s42 += x4[p] * t
        for q, (s0, s1, s2) in enumerate(((s00, s01, s02), (s10, s11, s12), (s20, s21, s22),
                                          (s30, s31, s32), (s40, s41, s42))):
            z[i + q, j], z[i + q, j + 1], z[i + q, j + 2] = s0 + b[j], s1 + b[j + 1], s2 + b[j + 2]
    for j in range(j_end, n_out):
        for q in range(i, i + 5):
            z[q, j] = dot(a_in[q], w[j], zero) + b[j]


@njit(fastmath=REORDER)
def forward_one(a_in, w, b, z, i, zero):
    """z[i] = w a_in[i] + b (the examples after the last block of five)."""
    for j in range(w.shape[0]):
        z[i, j] = dot(a_in[i], w[j], zero) + b[j]


@njit(fastmath=REORDER)
def dot(u, v, zero):
    """sum_p u[p] v[p]."""
    s = zero
    for p in range(len(u)):
        s += u[p] * v[p]
    return s


@njit(fastmath=REORDER)
def forward(a_in, w, b, z, m, zero):
    """z[i] = w a_in[i] + b for the first m rows."""
    for block in range(m // 5):
        forward_five(a_in, w, b, z, 5 * block, zero)
    for i in range(m - m % 5, m):
        forward_one(a_in, w, b, z, i, zero)


@njit(fastmath=REORDER)
def backward_error(delta, w, a_in, error, m, zero, sigmoid_prime_of_output, scratch):
    """BP2 for the first m rows: error[i] = (w^T delta[i]) * sigma'(z), with w as it was before this
    step's update: five rows of w at a time (each error[i, p] loaded and stored once per five
    multiply-adds), then sigma'(z) = a_in (1 - a_in) (numeric.functions.sigmoid_prime_of_output,
    one call for the m rows, into `scratch`)."""
    n_out, n_in = w.shape
    j_end = n_out - n_out % 5
    for i in range(m):
        e, d = error[i], delta[i]
        for p in range(n_in):
            e[p] = zero
        for j in range(0, j_end, 5):
            w0, w1, w2, w3, w4 = w[j], w[j + 1], w[j + 2], w[j + 3], w[j + 4]
            c0, c1, c2, c3, c4 = d[j], d[j + 1], d[j + 2], d[j + 3], d[j + 4]
            for p in range(n_in):
                e[p] += c0 * w0[p] + c1 * w1[p] + c2 * w2[p] + c3 * w3[p] + c4 * w4[p]
        for j in range(j_end, n_out):
            axpy(d[j], w[j], e)
    sigmoid_prime_of_output(a_in.ctypes, scratch.ctypes, m * n_in)   # a_in's first m rows, contiguous
    for i in range(m):
        e, sp = error[i], scratch[i]
        for p in range(n_in):
            e[p] *= sp[p]


# 60 rows of 784 float32 inputs, 190 kB, stay in a core's 1 MB second-level cache; a multiple of
# five, so that the blocks (and the numbers) are those of one pass over all the examples
UPDATE_EXAMPLES = 60


@njit(fastmath=REORDER)
def update_three(w, delta, a_in, j, start, stop):
    """BP4 for rows j, j+1, j+2 of w and examples start..stop-1, with the learning rate in delta:
    w[j] += sum_i delta[i, j] a_in[i], five examples at a time (each w[j, p] loaded and stored once
    per five multiply-adds, each a_in[i, p] loaded once per three rows; the fifteen factors
    delta[i, j] stay in registers). Blocks of three rows, as forward_five's blocks of three neurons,
    so that threads sharing the rows (`split`) share whole blocks."""
    n_in = w.shape[1]
    w0, w1, w2 = w[j], w[j + 1], w[j + 2]
    i_end = stop - (stop - start) % 5
    for i in range(start, i_end, 5):
        x0, x1, x2, x3, x4 = a_in[i], a_in[i + 1], a_in[i + 2], a_in[i + 3], a_in[i + 4]
        c0, c1, c2, c3, c4 = delta[i, j], delta[i + 1, j], delta[i + 2, j], delta[i + 3, j], delta[i + 4, j]
        d0, d1, d2, d3, d4 = (delta[i, j + 1], delta[i + 1, j + 1], delta[i + 2, j + 1], delta[i + 3, j + 1],
                              delta[i + 4, j + 1])
        e0, e1, e2, e3, e4 = (delta[i, j + 2], delta[i + 1, j + 2], delta[i + 2, j + 2], delta[i + 3, j + 2],
                              delta[i + 4, j + 2])
        for p in range(n_in):
            u0, u1, u2, u3, u4 = x0[p], x1[p], x2[p], x3[p], x4[p]
            w0[p] += c0 * u0 + c1 * u1 + c2 * u2 + c3 * u3 + c4 * u4
            w1[p] += d0 * u0 + d1 * u1 + d2 * u2 + d3 * u3 + d4 * u4
            w2[p] += e0 * u0 + e1 * u1 + e2 * u2 + e3 * u3 + e4 * u4
    for i in range(i_end, stop):
        axpy(delta[i, j], a_in[i], w0)
        axpy(delta[i, j + 1], a_in[i], w1)
        axpy(delta[i, j + 2], a_in[i], w2)


@njit(fastmath=REORDER)
def update_one(w, delta, a_in, j, start, stop):
    """BP4 for row j of w (a row after the last block of three)."""
    for i in range(start, stop):
        axpy(delta[i, j], a_in[i], w[j])


@njit(fastmath=REORDER)
def axpy(c, u, v):
    """v += c u."""
    for p in range(len(u)):
        v[p] += c * u[p]


@njit(fastmath=REORDER)
def update_bias(b, delta, m, zero):
    """BP3 with the learning rate in delta: b += sum_i delta[i]."""
    for j in range(len(b)):
        s = zero
        for i in range(m):
            s += delta[i, j]
        b[j] += s


@njit(fastmath=REORDER)
def update(w, b, delta, a_in, m, zero):
    """BP3 and BP4 for the first m rows of delta and a_in, UPDATE_EXAMPLES examples at a time."""
    update_bias(b, delta, m, zero)
    n_out = w.shape[0]
    for start in range(0, m, UPDATE_EXAMPLES):       # these examples' rows stay in the core's cache
        stop = min(start + UPDATE_EXAMPLES, m)
        for block in range(n_out // 3):
            update_three(w, delta, a_in, 3 * block, start, stop)
        for j in range(n_out - n_out % 3, n_out):
            update_one(w, delta, a_in, j, start, stop)


# --- the epoch, in one thread or several -------------------------------------------------------
# The first layer's products are 95% of the work at [784, 30, 10]; with several threads each takes
# a share of its neurons (their rows of w, their entries of b and of z), split where the blocks of
# three neurons split, so that every number is computed as in one thread, bit for bit. The rest of
# the network is small, and every thread computes all of it, on its own copy of the weights, so
# that the threads meet once per step: when each has published its part of z = w a + b for the
# first layer (`exchange`, two buffers used in turn, so that a thread's next part never overwrites
# one still being read) and waits, spinning, for the others' (`progress`: each thread's count of
# published steps, on cache lines of its own). A thread decides from one word per other thread,
# that thread's count or STOPPED, so that a late look (a thread the system descheduled) only
# delays it: nothing but STOPPED, written only when a thread fails, makes a thread leave a step
# undone (a separate stop mark, once set as the caller returned, could be seen after a stale count,
# and the thread then skipped the segment's last step).

SPINS = 2000   # spins before a waiting thread gives its core away on each further spin
STOPPED = -1   # a thread's progress when it will publish no more steps (it, or a thread before it, failed)


@numba.extending.intrinsic
def atomic_load(typingctx, address):
    """The int64 at `address`, read atomically with acquire order: what the thread that stored it
    wrote before storing it is visible after."""
    def codegen(context, builder, signature, args):
        pointer = builder.inttoptr(args[0], llvmlite.ir.IntType(64).as_pointer())
        return builder.load_atomic(pointer, "acquire", 8)
    return numba.types.int64(numba.types.intp), codegen


@numba.extending.intrinsic
def atomic_store(typingctx, address, value):
    """Store the int64 `value` at `address` atomically with release order (see atomic_load)."""
    def codegen(context, builder, signature, args):
        pointer = builder.inttoptr(args[0], llvmlite.ir.IntType(64).as_pointer())
        builder.store_atomic(args[1], pointer, "release", 8)
        return context.get_dummy_value()
    return numba.types.void(numba.types.intp, numba.types.int64), codegen


@numba.extending.intrinsic
def give_way(typingctx):
    """sched_yield(): let another program have this core (a thread that waits long for another,
    which the system has not scheduled, must not keep it off the core)."""
    def codegen(context, builder, signature, args):
        function = numba.core.cgutils.get_or_insert_function(
            builder.module, llvmlite.ir.FunctionType(llvmlite.ir.IntType(32), []), "sched_yield")
        builder.call(function, [])
        return context.get_dummy_value()
    return numba.types.void(), codegen


@njit(nogil=True)
def wait_for_others(progress, thread, threads, step_number):
    """Publish that this thread has done step `step_number`'s part, then wait until every other
    thread has. False when another thread has stopped (its progress STOPPED): this thread then
    marks itself STOPPED too (so that a thread waiting for it stops as well) and does no more."""
    own = progress[thread].ctypes.data
    atomic_store(own, step_number)
    for other in range(threads):
        if other == thread:
            continue
        address, spins = progress[other].ctypes.data, 0
        while True:
            seen = atomic_load(address)         # one word: a stale value is an earlier count
            if seen >= step_number:
                break
            if seen == STOPPED:
                atomic_store(own, STOPPED)
                return False
            spins += 1
            if spins > SPINS:
                give_way()
    return True


@njit(nogil=True)
def gather(x, order, start, count, divisor, into):
    """into[i] = x[order[start + i]] / divisor for the examples start.. start+count-1 that exist,
    and the rows of the mini-batch after them asked for from memory (`prefetch`)."""
    stop = min(start + count, len(order))
    row_bytes = x.shape[1] * x.itemsize
    for i in range(stop, min(stop + count, len(order))):
        address = x[order[i]].ctypes.data
        for line in range(0, row_bytes, 64):
            prefetch(address + line)
    for i in range(start, stop):
        row, out = x[order[i]], into[i - start]
        for p in range(x.shape[1]):
            out[p] = row[p] / divisor


@njit(fastmath=REORDER, nogil=True)
def epoch(thread, bounds, progress, exchange, x, divisor, labels, order, weights, biases, batch_size, eta,
          hidden_of, hidden_prime_of, output_of, row_output, delta_of):
    """update_mini_batch on the examples order[k:k+batch_size] for every k: feedforward, BP1
    (delta_of, times -eta/m), then per layer from the last: BP2 with w before its update, BP3/BP4.
    As thread `thread` of len(bounds) - 1: the first layer's neurons bounds[thread] to
    bounds[thread + 1] - 1 only (weights[0] is shared by the threads; the other arrays are this
    thread's own), meeting the others through `exchange` and `progress` once per step.
    weights[l] (n_out, n_in) and biases[l] are updated in place. x may be of another dtype than
    the weights, bytes included: each mini-batch is gathered as x / divisor in the weights' dtype
    (divisor 255 for Images, 1 for floats); labels are class indices."""
    L, threads = len(weights), len(bounds) - 1
    first, last = bounds[thread], bounds[thread + 1]
    dtype = weights[0].dtype
    zero, one = np.zeros(1, dtype)[0], np.ones(1, dtype)[0]
    scale = np.empty(1, dtype)
    sizes = [x.shape[1]] + [weights[l].shape[0] for l in range(L)]
    widths = [x.shape[1]] + [weights[l].shape[1] for l in range(1, L)] + [sizes[L]]   # hidden rows padded
    a = [np.zeros((batch_size, n), dtype) for n in widths]      # a[0] = x, a[l] = sigma(z[l]); z first
    deltas = [np.zeros((batch_size, n), dtype) for n in widths]
    scratch = [np.zeros((batch_size, n), dtype) for n in widths]  # sigma'(z) of a layer, its first m rows
    y = np.empty((batch_size, sizes[L]), dtype)                  # one-hot targets of the mini-batch
    inputs = [np.zeros((batch_size, widths[0]), dtype) for _ in range(2)]   # this step's x, the next's
    gather(x, order, 0, batch_size, divisor, inputs[0])
    step_number = 0
    for k in range(0, len(order), batch_size):
        m = min(batch_size, len(order) - k)
        scale[0] = -eta / m
        step = scale[0]
        a[0] = inputs[step_number % 2]
        forward(a[0], weights[0][first:last], biases[0][first:last], a[1][:, first:], m, zero)
        if L > 1:                                                # a hidden layer: its sigma, by parts
            for i in range(m):
                hidden_of(a[1][i, first:last].ctypes, a[1][i, first:last].ctypes, last - first)
        parity = step_number % 2
        if threads > 1:                                          # this thread's part, published
            mine = exchange[parity, thread]
            for i in range(m):
                for j in range(last - first):
                    mine[i, j] = a[1][i, first + j]
        step_number += 1
        # the next mini-batch gathered now, while the other threads finish their parts
        gather(x, order, k + batch_size, batch_size, divisor, inputs[step_number % 2])
        if threads > 1:                                          # the others' parts, as one layer
            if not wait_for_others(progress, thread, threads, step_number):
                return
            for other in range(threads):
                if other != thread:
                    part = exchange[parity, other]
                    for i in range(m):
                        for j in range(bounds[other + 1] - bounds[other]):
                            a[1][i, bounds[other] + j] = part[i, j]
        for l in range(L):                                       # feedforward, z in place of a
            if l > 0:
                forward(a[l], weights[l], biases[l], a[l + 1], m, zero)
            out = a[l + 1]                                       # its first m rows, contiguous
            if l < L - 1:                                        # a row's padding stays 0
                if l > 0:
                    for i in range(m):
                        hidden_of(out[i].ctypes, out[i].ctypes, sizes[l + 1])
            elif row_output:
                for i in range(m):
                    softmax_row(out[i], out[i])
            else:
                output_of(out.ctypes, out.ctypes, m * sizes[l + 1])
        for i in range(m):                                       # BP1 (from derivations), times -eta/m
            label = labels[order[k + i]]
            for j in range(sizes[L]):
                y[i, j] = one if j == label else zero
        delta_of(a[L].ctypes, y.ctypes, deltas[L].ctypes, m * sizes[L])
        for i in range(m):
            for j in range(sizes[L]):
                deltas[L][i, j] *= step
        for l in range(L - 1, 0, -1):                            # layer l maps a[l] to a[l + 1]
            backward_error(deltas[l + 1], weights[l], a[l], deltas[l], m, zero, hidden_prime_of, scratch[l])
            update(weights[l], biases[l], deltas[l + 1], a[l], m, zero)
        update(weights[0][first:last], biases[0][first:last], deltas[1][:, first:last], a[0], m, zero)


def split(n: int, threads: int) -> np.ndarray:
    """bounds[t]..bounds[t+1]-1: thread t's neurons of a layer of n, in whole blocks of three
    (forward_five's and update_three's), so that each neuron's numbers are those of one thread."""
    blocks = n // 3
    bounds = [3 * (blocks * t // threads) for t in range(threads)] + [n]
    return np.array(bounds, np.int64)


SEGMENT_EXAMPLES = 12000  # an epoch runs in segments of about this many examples (at batch size
#                          10, 12-20 ms each), each on as many threads as `Threads` chooses; a
#                          segment's start costs about 0.1 ms (numba checks its arguments' types)
MOST_THREADS = 2          # measured on the 2-core machine only


class Threads:
    """How many threads the compiled epoch's segments run on: a fixed number, or "auto": chosen by
    measurement, segment by segment. Both threads (or as many as this process may use, up to
    MOST_THREADS) and one are each timed on a segment; then the faster runs, and the slower is
    timed again now and then (after 4 segments, then 8, 16, ... up to 64 while it keeps losing), so
    that when another program starts or stops using the second core the choice follows (what two
    threads save, and cost when the second core is busy: the project's docs/performance.md). The
    numbers trained do not depend on the choice (`split`)."""

    FIRST_PROBE, LAST_PROBE = 4, 64

    def __init__(self, threads="auto"):
        if threads == "auto":
            cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
            most = min(cores, MOST_THREADS, numba.config.NUMBA_NUM_THREADS)   # numba's own setting too
            self.options = sorted({1, max(1, most)}, reverse=True)
        else:
            self.options = [threads]
        self.seconds = {}                  # threads -> seconds per example of its latest segment
        self.segment, self.probe_at, self.interval, self.probing = 0, 0, self.FIRST_PROBE, None

    def choose(self) -> int:
        """The number of threads for the next segment."""
        unmeasured = [t for t in self.options if t not in self.seconds]
        if unmeasured:
            return unmeasured[0]
        best = min(self.options, key=self.seconds.get)
        if len(self.options) > 1 and self.segment >= self.probe_at:
            self.probing = next(t for t in self.options if t != best)
            return self.probing
        return best

    def measured(self, threads: int, seconds: float, examples: int):
        """A segment of `examples` took `seconds` on `threads`."""
        self.seconds[threads] = seconds / max(examples, 1)
        self.segment += 1
        if self.probing is not None:
            others = [self.seconds[t] for t in self.options if t != threads]
            lost = bool(others) and self.seconds[threads] > min(others)
            self.interval = min(2 * self.interval, self.LAST_PROBE) if lost else self.FIRST_PROBE
            self.probing = None
        if self.segment > self.probe_at:
            self.probe_at = self.segment + self.interval


_PLANS: dict = {}


def plan(threads, sizes, batch_size, dtype) -> Threads:
    """The `Threads` for this choice, these layers, batch size and dtype: one per process, so that
    its measurements carry from one `sgd` call to the next."""
    key = (threads, tuple(sizes), batch_size, str(dtype))
    if key not in _PLANS:
        _PLANS[key] = Threads(threads)
    return _PLANS[key]


def train_epoch(net, x, labels, order, batch_size, eta, threads="auto"):
    """`Network._train_epoch` through the compiled kernel: the same arguments, the same steps, in
    segments of about SEGMENT_EXAMPLES, each on the number of threads `threads` (a number, "auto",
    or a `Threads` kept from epoch to epoch) chooses; the same numbers on any number of them."""
    activation = net.cost.pairing.activation
    if not activation.elementwise and activation.numpy != "softmax":
        raise NndlError(f"engine 'numba' has no row form of the {activation.name} activation")
    dtype = net.dtype.name
    chosen = threads if isinstance(threads, Threads) else plan(threads, net.sizes, batch_size, dtype)
    output = activation.numpy if activation.elementwise else "sigmoid"     # (unused for a row form)
    x, divisor = (x.pixels, PIXEL_MAX) if isinstance(x, Images) else (x, 1)
    data = (np.ascontiguousarray(x), net.dtype.type(divisor), np.asarray(labels, np.int64))
    formulas = (formula("sigmoid", dtype), formula("sigmoid_prime_of_output", dtype), formula(output, dtype),
                not activation.elementwise, compiled_delta(net.cost.name, net.cost.activation_name, dtype))
    order = np.asarray(order, np.int64)
    shared = np.ascontiguousarray(net.weights[0])      # the first layer's w: all threads update it
    length = max(1, SEGMENT_EXAMPLES // batch_size) * batch_size
    for start in range(0, len(order), length):
        segment = order[start:start + length]
        count = chosen.choose()
        begun = time.perf_counter()
        _segment(net, shared, data, segment, batch_size, eta, formulas, count)
        chosen.measured(count, time.perf_counter() - begun, len(segment))
    net.weights[0][...] = shared


def _segment(net, shared, data, order, batch_size, eta, formulas, threads):
    """The steps on the mini-batches of `order`, on `threads` threads (fewer if the first layer has
    fewer than three neurons per thread); net's weights and biases updated (its first layer's
    weights in `shared`)."""
    threads = max(1, min(threads, net.sizes[1] // 3 if len(net.sizes) > 2 else 1))
    bounds = split(net.sizes[1], threads)
    copies = [(shared,) + tuple(padded(w) for w in net.weights[1:]) for _ in range(threads)]
    biases = [tuple(np.array(b) for b in net.biases) for _ in range(threads)]
    part_width = -(-int(np.diff(bounds).max()) // PAD) * PAD
    exchange = np.zeros((2, threads, batch_size, part_width), net.dtype)
    progress = np.zeros((threads, 64 // 8), np.int64)              # a cache line each
    failures = []

    def run(thread):
        epoch(thread, bounds, progress, exchange, *data[:3], order, copies[thread], biases[thread], batch_size,
              float(eta), *formulas)

    def helper_run(thread):
        try:
            run(thread)
        except BaseException as error:  # raised again by the caller, below
            progress[thread, 0] = STOPPED                          # the others stop instead of waiting
            failures.append(error)

    helpers = [threading.Thread(target=helper_run, args=(t,), daemon=True) for t in range(1, threads)]
    try:
        for helper in helpers:
            helper.start()
        run(0)
    except BaseException:
        progress[0, 0] = STOPPED        # thread 0 will publish no more: the others stop
        raise
    finally:
        interrupted = False
        for helper in helpers:          # none may still write when the caller goes on
            while helper.ident is not None and helper.is_alive():
                try:
                    helper.join()
                except KeyboardInterrupt:
                    interrupted = True
        if interrupted:
            raise KeyboardInterrupt
    if failures:
        raise failures[0]
    for l in range(1, len(net.weights)):
        net.weights[l][...] = copies[0][l][:, :net.sizes[l]]
    for t in range(threads):
        net.biases[0][bounds[t]:bounds[t + 1]] = biases[t][0][bounds[t]:bounds[t + 1]]
    for l in range(1, len(net.biases)):
        net.biases[l][...] = biases[0][l]


PAD = 16   # a hidden layer's activations are held in rows of a multiple of 16 numbers (one or two
#            AVX-512 registers), the rest zeros: loops over them have no scalar remainder


def padded(w):
    """w (n_out, n_in) with zero columns up to a multiple of PAD: the layer's weights as the epoch
    holds them when its inputs are a hidden layer's padded rows (the zeros stay zeros: their
    inputs and their updates are 0)."""
    n_out, n_in = w.shape
    out = np.zeros((n_out, -(-n_in // PAD) * PAD), w.dtype)
    out[:, :n_in] = w
    return out
