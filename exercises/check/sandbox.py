"""A learner's Python file, run in a process of its own for `nndl check`.

`Sandbox(path)` starts `python sandbox.py FILE` (this module, run by path so that it imports
nothing of the project: only the standard library, NumPy and latexify), which imports the file
under its own name (not `__main__`, so code under `if __name__ == "__main__":` does not run),
lists its functions and classes (`Sandbox.start()`), then computes one call at a time
(`Sandbox.call(name, args)`), each within a time limit. The learner's prints, to stdout or
stderr, go to a file of the parent's (`Sandbox.printed()`), never to the terminal. A crash, a
hang, `sys.exit` or `os._exit` in the learner's code ends that process, never the command: the
caller gets a `SandboxError` saying what happened, and the next call starts a fresh process.
`close()` (or leaving the `with` block, Ctrl-C included) kills the process and anything it
started: each is stopped first, then killed: the process, its descendants (by their links to
their parents, which a child in the middle of exec() or with a cleared environment still has),
its process group, and every process whose environment carries this sandbox's mark
(NNDL_CHECK_SANDBOX=token), so that a child started in a new session, or a daemon that forked
twice, is ended too. The learner's process may allocate MEMORY_MB of data (RLIMIT_DATA: a
MemoryError is said as "used more than N MB") and write OUTPUT_MB to any file, its prints
included (RLIMIT_FSIZE), and runs in a temporary working folder of its own (its files land
there and are removed). A copy of it made by fork() never answers on the channel: it ends
silently where the original would answer.

This keeps a learner's mistakes away from the command; it is not a security boundary: the file
runs with the user's rights, as `python FILE.py` would (a process that clears its environment
and is orphaned before the end escapes). What the child sends back is read with an unpickler that builds
only NumPy arrays and plain Python values.

Protocol, over the child's stdin and stdout (the learner's stdout is moved aside first): each
message is an 8-byte big-endian length and a pickle. Child -> parent first: {"ready": True}
(its own imports are done: the file's import is timed from here), then {"functions": [...]} or
{"error": ...}; then one {"value": ...} or {"error": ...} per call of the parent's.
"""
from __future__ import annotations

import ast
import io
import os
import pickle
import secrets
import select
import signal
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = struct.Struct(">Q")
MARK = "NNDL_CHECK_SANDBOX"        # in the environment of the learner's process and all it starts
MEMORY_MB = 1024                   # the learner's process: data it may allocate (RLIMIT_DATA) ...
OUTPUT_MB = 16                     # ... and the size of any file it writes, its prints included
STARTUP_SECONDS = 120.0            # the child's own imports, before the learner's file's (a busy machine)


class SandboxError(Exception):
    """The learner's process ended, or did not answer within the time limit. `hung`: it did not
    answer in time (else it ended, or wrote something that is not an answer on our channel)."""

    def __init__(self, message: str, hung: bool = False):
        super().__init__(message)
        self.hung = hung


class ImportFailed(Exception):
    """Importing the learner's file raised, called sys.exit, crashed or hung."""


# =============================================================================== the parent

class Sandbox:
    """The learner's file in a child process: `start()` imports it, `call()` runs its functions."""

    def __init__(self, path: Path, import_seconds: float, call_seconds: float,
                 memory_mb: int = MEMORY_MB, output_mb: int = OUTPUT_MB, search_path: Path | None = None):
        self.path = Path(path).resolve()
        self.search_path = Path(search_path or self.path.parent).resolve()   # sys.path[0]: its own modules
        self.import_seconds, self.call_seconds = import_seconds, call_seconds
        self.memory_mb, self.output_mb = memory_mb, output_mb
        from derivations.files import temporary_folder   # (the parent's only: the child imports none of ours)
        self.token = secrets.token_hex(16)          # marks every process it starts
        self._process: subprocess.Popen | None = None
        self._made = None                           # the process as a Temporary: removed however the run ends         # the process, as made (removed however the run ends)
        self.functions: list[dict] | None = None
        self.output = tempfile.TemporaryFile()      # the learner's stdout and stderr
        self._folder = temporary_folder("nndl-check-")     # its working folder: its writes land here
        self.folder = self._folder.thing

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
        self._folder.close()
        self.output.close()

    def start(self) -> list[dict]:
        """Import the file in a fresh process: its functions (name, parameters, docstring, latexify's
        LaTeX), or ImportFailed saying why not."""
        self.close()
        env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", MARK: self.token}
        from derivations.files import Temporary
        self._made = Temporary(lambda: subprocess.Popen(
            [sys.executable, __file__, str(self.path), str(self.memory_mb), str(self.output_mb), str(self.search_path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.output, env=env, cwd=self.folder,
            start_new_session=True), self._end)      # in a session of its own: Ctrl-C reaches us, not it
        self._process = self._made.thing
        try:
            self._receive(STARTUP_SECONDS)           # its own imports (NumPy, latexify): not timed as the file's
            first = self._receive(self.import_seconds)
        except SandboxError as exc:
            self.close()
            raise ImportFailed(str(exc).replace("while it ran", "while it was imported")) from None
        if "error" in first:
            self.close()
            raise ImportFailed(first["error"])
        self.functions = first["functions"]
        return self.functions

    def call(self, name: str, args: tuple) -> dict:
        """Run the function `name` ("f" or "Class.method") on `args` in the child: {"value": a float
        array} or {"error": what it raised}, with "warnings" and "uses" (the file's functions it
        called, with the shape of their first array argument). SandboxError if the process ends or
        does not answer within call_seconds (it is killed; the next call starts a fresh one)."""
        if self._process is None or self._process.poll() is not None:
            try:
                self.start()
            except ImportFailed as exc:
                raise SandboxError(f"importing it again failed: {exc}") from None
        try:
            self._send({"call": name, "args": args})
        except (BrokenPipeError, OSError):
            raise SandboxError(self._ended()) from None
        return self._receive(self.call_seconds)

    def printed(self) -> str:
        """What the learner's code printed so far (stdout and stderr)."""
        self.output.flush()
        self.output.seek(0)
        text = self.output.read().decode("utf-8", "replace")
        self.output.seek(0, io.SEEK_END)
        return text

    def close(self) -> None:
        """Kill the child and everything it started; wait for it."""
        made, self._made, self._process = self._made, None, None
        if made is not None:
            made.close()

    def _end(self, process: subprocess.Popen) -> None:
        for stream in (process.stdin, process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        frozen = freeze(process.pid, self.token)   # the process, all it started, stopped first
        for pid in frozen:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            os.killpg(process.pid, signal.SIGKILL)       # its process group (its session's, at first)
        except (ProcessLookupError, PermissionError):
            pass
        if process.poll() is None:
            process.kill()
        process.wait()
        kill_marked(self.token)         # and whatever left the group: a new session, a daemon

    # --- the wire ---------------------------------------------------------------------------
    def _send(self, message) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self._process.stdin.write(HEADER.pack(len(data)) + data)
        self._process.stdin.flush()

    def _receive(self, seconds: float) -> dict:
        deadline = time.monotonic() + seconds
        size, = HEADER.unpack(self._read(HEADER.size, deadline, seconds))
        try:
            message = _Unpickler(io.BytesIO(self._read(size, deadline, seconds))).load()
            if not isinstance(message, dict) or not {"functions", "value", "error", "ready"} & set(message):
                raise pickle.UnpicklingError(f"a {type(message).__name__} of no known form")
            return message
        except Exception as exc:       # not a message of ours: the learner's code wrote on our channel
            self.close()
            raise SandboxError(f"its process sent something that is not an answer ({exc})") from None

    def _read(self, count: int, deadline: float, seconds: float) -> bytes:
        fd, data = self._process.stdout.fileno(), bytearray()
        while len(data) < count:
            left = deadline - time.monotonic()
            ready = select.select([fd], [], [], max(left, 0))[0] if left > 0 else []
            if not ready:
                self.close()
                raise SandboxError(f"it did not finish within {seconds:g} s (an endless loop?)", hung=True)
            chunk = os.read(fd, count - len(data))
            if not chunk:
                raise SandboxError(self._ended())
            data += chunk
        return bytes(data)

    def _ended(self) -> str:
        try:
            code = self._process.wait(timeout=1.0)
        except subprocess.TimeoutExpired:       # alive, but it closed our channel
            code = None
        self.close()
        if code is None:
            return "its process closed the channel nndl check reads while it ran"
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"its process was killed by {name} while it ran"
        return f"its process ended (exit status {code}) while it ran"


def marked(token: str) -> list[int]:
    """The processes (of this user) whose environment carries MARK=token: the learner's process
    and everything it started, in its session or out of it (a child with start_new_session=True,
    a daemon that forked twice), unless it cleared its environment."""
    needle, found = f"{MARK}={token}".encode(), []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry.name}/environ", "rb") as f:
                if needle in f.read().split(b"\0"):
                    found.append(int(entry.name))
        except OSError:                 # gone, a zombie, or not ours
            continue
    return found


def _processes() -> dict[int, int]:
    """Every process's parent: {pid: ppid}."""
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    parents[int(entry.name)] = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):      # gone meanwhile
                continue
    return parents


def _stopped(pid: int) -> bool:
    """Whether a process is stopped, or has ended."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] in (b"T", b"t", b"Z", b"X")
    except (OSError, IndexError):
        return True


def freeze(root: int, token: str, seconds: float = 2.0) -> set[int]:
    """SIGSTOP `root`, its descendants and every marked process, until no new one appears: the
    processes stopped. The links to parents find a descendant whose environment cannot be read
    or has no mark: one in the middle of exec() (its environment reads empty until the new
    program is laid out) or one that cleared it; the mark finds one that left the tree (an
    orphan in a new session, a daemon). Each round waits (at most `seconds`) until those it
    signalled have stopped, so that none of them forks after the next look."""
    if not os.path.isdir("/proc"):
        return set()
    frozen: set[int] = set()
    while True:
        parents = _processes()
        found = set(marked(token)) | (({root} | frozen) & parents.keys())
        grew = True
        while grew:                     # the descendants of what was found
            more = {pid for pid, ppid in parents.items() if ppid in found} - found
            found |= more
            grew = bool(more)
        found -= frozen | {os.getpid()}
        if not found:
            return frozen
        for pid in found:
            try:
                os.kill(pid, signal.SIGSTOP)
            except OSError:
                pass
        frozen |= found
        deadline = time.monotonic() + seconds
        while not all(_stopped(pid) for pid in found) and time.monotonic() < deadline:
            time.sleep(0.002)


def kill_marked(token: str, rounds: int = 50) -> None:
    """SIGKILL every marked process until none is left (one may fork while the others die)."""
    if not os.path.isdir("/proc"):
        return
    for _ in range(rounds):
        pids = marked(token)
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGSTOP)        # stopped first: it cannot fork any more
            except OSError:
                pass
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.01)


class _Unpickler(pickle.Unpickler):
    """Builds NumPy arrays and plain Python values only."""

    ALLOWED = {("numpy", "ndarray"), ("numpy", "dtype")} | {
        (f"numpy.{core}.{module}", name) for core in ("core", "_core")
        for module, name in (("multiarray", "_reconstruct"), ("multiarray", "scalar"), ("numeric", "_frombuffer"))}

    def find_class(self, module, name):
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed")
        return super().find_class(module, name)


# =============================================================================== latexify

# ndarray methods that are also NumPy functions of the array: x.sum(axis=1) is np.sum(x, axis=1)
ARRAY_METHODS = {"sum", "max", "min", "mean", "prod", "std", "var", "argmax", "argmin", "cumsum",
                 "cumprod", "clip", "dot", "round", "all", "any", "transpose", "reshape", "squeeze",
                 "ravel", "nonzero", "trace", "diagonal"}
UNRENDERED = {"Slice": "slices such as z[1:] or z[:, None]", "Lambda": "a lambda",
              "JoinedStr": "f-strings", "Starred": "starred arguments (*args)", "NamedExpr": "the := operator",
              "Await": "await", "Yield": "yield", "YieldFrom": "yield", "Set": "set displays",
              "Dict": "dictionaries", "DictComp": "dictionary comprehensions", "SetComp": "set comprehensions",
              "GeneratorExp": "generator expressions", "IfExp": "conditional expressions (x if c else y)"}
STATEMENTS = {"For": "a for loop", "While": "a while loop", "If": "an if statement", "With": "a with block",
              "Try": "a try block", "Expr": "a call on a line of its own", "AugAssign": "an augmented assignment",
              "AnnAssign": "an annotated assignment", "Assert": "an assert", "Raise": "a raise",
              "Import": "an import", "ImportFrom": "an import", "FunctionDef": "a nested function",
              "ClassDef": "a nested class", "Global": "a global statement", "Nonlocal": "a nonlocal statement",
              "Delete": "a del statement", "Pass": "a pass", "Assign": "an assignment", "Return": "a return",
              "Match": "a match statement"}


def render(fn) -> tuple[str | None, str]:
    """latexify's LaTeX of a function, and "" (or None, and a sentence saying what it cannot render).
    Method calls are put in function form first (e.sum() as np.sum(e): latexify would lose the
    receiver), and keyword arguments as name = value (latexify would drop axis=1)."""
    import inspect
    import textwrap
    try:
        from latexify import codegen, transformers
    except ImportError:
        return None, "latexify is not installed"
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError):
        return None, "latexify cannot render it: its source is not available"
    if not tree.body or not isinstance(tree.body[0], ast.FunctionDef):
        return None, "latexify renders functions written with def"
    ast.increment_lineno(tree, getattr(getattr(fn, "__code__", None), "co_firstlineno", 1) - 1)  # the file's lines
    modules = {name for name, value in getattr(fn, "__globals__", {}).items() if inspect.ismodule(value)}
    numpy = next((n for n in ("np", "numpy") if n in modules), None) or next(
        (n for n, v in fn.__globals__.items() if inspect.ismodule(v) and v.__name__ == "numpy"), "np")
    tree = ast.fix_missing_locations(_FunctionForm(modules, numpy).visit(tree))
    try:
        tree = transformers.AugAssignReplacer().visit(tree)       # as latexify.get_latex does
        return codegen.FunctionCodegen().visit(tree), ""
    except Exception:         # latexify refuses what it cannot render: say what, in words
        return None, unrendered(tree.body[0])


class _FunctionForm(ast.NodeTransformer):
    """x.sum(axis=1) -> np.sum(x, axis == 1): calls as latexify renders them right."""

    def __init__(self, modules: set, numpy: str):
        self.modules, self.numpy = modules, numpy

    def visit_Call(self, node):
        self.generic_visit(node)
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in ARRAY_METHODS and not (
                isinstance(func.value, ast.Name) and func.value.id in self.modules | {"self", "cls"}):
            node = ast.Call(ast.Attribute(ast.Name(self.numpy, ast.Load()), func.attr, ast.Load()),
                            [func.value, *node.args], node.keywords)
        if node.keywords:
            shown = [ast.Compare(ast.Name(k.arg, ast.Load()), [ast.Eq()], [k.value]) for k in node.keywords if k.arg]
            node = ast.Call(node.func, [*node.args, *shown], [])
        return node


def unrendered(function) -> str:
    """Why latexify cannot render a function, in a sentence (it renders assignments to names
    followed by one return, or an if/else of returns, each line an expression it knows)."""
    body = [s for s in function.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    kinds = [type(node).__name__ for node in ast.walk(function)]
    if "For" in kinds or "While" in kinds or "AsyncFor" in kinds:
        return "latexify cannot render loops"
    if not body or not isinstance(body[-1], (ast.Return, ast.If)):
        last = STATEMENTS.get(type(body[-1]).__name__, "a statement") if body else "nothing"
        return f"latexify renders a function that ends with its return; this one ends with {last}"
    others = [s for s in body[:-1] if not isinstance(s, ast.Assign)]
    if others:
        what = STATEMENTS.get(type(others[0]).__name__, "a statement")
        return (f"latexify cannot render a function with several statements unless all but the last are "
                f"assignments; this one has {what} (line {others[0].lineno})")
    if isinstance(body[-1], ast.If):
        return "latexify renders an if statement only as if/else branches of one return each"
    found = next((UNRENDERED[k] for k in kinds if k in UNRENDERED), None)
    return f"latexify cannot render {found}" if found else "latexify cannot render one of its expressions"


# =============================================================================== the child

INSTANCE_NAMES = ("self", "cls", "this")


def _takes_instance(fn) -> bool:
    """Whether a function written in a class takes the instance first (self), or is a function
    of its arguments only, written without self and without @staticmethod (Nielsen's cost
    classes copied without the decorator: def fn(a, y)), called on the class as Cost.fn(a, y)."""
    names = fn.__code__.co_varnames[:fn.__code__.co_argcount]
    return not names or names[0] in INSTANCE_NAMES

def _child(path: Path) -> None:
    """Import the learner's file and answer calls until the parent closes the channel."""
    import functools
    import importlib.util
    import inspect
    import textwrap
    import threading
    import traceback
    import warnings

    import errno
    import resource

    import numpy as np
    try:
        import latexify  # noqa: F401  (imported before the limits: it is ours, not the learner's)
    except ImportError:
        pass

    memory_mb, output_mb = (int(v) for v in sys.argv[2:4])
    main = os.getpid()                      # a process the learner's code forks is not this one
    for limit, size in ((resource.RLIMIT_DATA, memory_mb * 2**20), (resource.RLIMIT_FSIZE, output_mb * 2**20)):
        hard = resource.getrlimit(limit)[1]          # never above what the user's own limit allows
        resource.setrlimit(limit, (size if hard == resource.RLIM_INFINITY else min(size, hard), hard))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)       # a write past the limit fails with EFBIG instead
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})   # held by the parent while starting it

    receive_from = os.fdopen(os.dup(0), "rb")
    send_to = os.fdopen(os.dup(1), "wb")
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)       # input() gets EOF, not our messages
    os.dup2(2, 1)                                       # prints go to the parent's file
    sys.path[0] = sys.argv[4]                           # its folder, as `python FILE.py` has it
    sys.argv = [str(path)]
    parent = os.getppid()

    def watch_parent():          # end with the command, even if it was killed without a word
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)
    threading.Thread(target=watch_parent, daemon=True).start()

    def send(message) -> None:
        if os.getpid() != main:             # a copy made by the learner's fork(): it ends here, silent
            os._exit(0)
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        send_to.write(HEADER.pack(len(data)) + data)
        send_to.flush()

    def where(exc: BaseException) -> str:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename) == path]
        return f" (line {frames[-1].lineno})" if frames else ""

    def described(exc: BaseException) -> str:
        """What the learner's code did: raised X: message (line n), or called sys.exit(code)."""
        if isinstance(exc, SystemExit):
            return f"called sys.exit({exc.code!r}){where(exc)}"
        if isinstance(exc, MemoryError):
            return f"used more than {memory_mb} MB of memory (nndl check's limit){where(exc)}"
        if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
            return f"printed or wrote more than {output_mb} MB (nndl check's limit){where(exc)}"
        return f"raised {type(exc).__name__}: {exc}{where(exc)}"

    send({"ready": True})                 # the learner's file's import is timed from here
    name = path.stem if path.stem.isidentifier() and path.stem not in sys.modules else "_learner"
    import_uses: list = []                # (function, shape of its first array argument) called at import

    def profile(frame, event, arg):
        if event == "call" and frame.f_code.co_filename == str(path) and frame.f_code.co_name != "<module>":
            first = next((v for v in frame.f_locals.values() if isinstance(v, np.ndarray)), None)
            use = (frame.f_code.co_qualname if hasattr(frame.f_code, "co_qualname") else frame.f_code.co_name,
                   None if first is None else tuple(first.shape))
            if first is not None and use not in import_uses and len(import_uses) < 1000:
                import_uses.append(use)
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        sys.setprofile(profile)
        try:
            spec.loader.exec_module(module)
        finally:
            sys.setprofile(None)
    except BaseException as exc:          # SystemExit and KeyboardInterrupt too: report, end
        send({"error": f"importing it {described(exc)}"})
        return

    callables = {}                        # "f" or "Class.method" -> (how to get it, function)
    listed = []

    def own(obj) -> bool:
        return getattr(obj, "__module__", None) == module.__name__

    def describe(qualname: str, fn, skip_first: bool, doc: str) -> dict:
        try:
            params = list(inspect.signature(fn).parameters.values())
        except (TypeError, ValueError):
            params = []
        params = params[1:] if skip_first else params
        latex, why = render(fn)
        try:
            source = textwrap.dedent(inspect.getsource(fn)).rstrip("\n")
        except (OSError, TypeError):
            source = ""
        return {"name": qualname, "doc": inspect.getdoc(fn) or "", "class_doc": doc, "source": source,
                "params": [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)],
                "required": sum(p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                                for p in params),
                "varargs": any(p.kind is p.VAR_POSITIONAL for p in params),
                "line": getattr(getattr(fn, "__code__", None), "co_firstlineno", 0),
                "latex": latex, "latex_error": why}

    for attr, obj in list(vars(module).items()):
        if callable(obj) and not inspect.isclass(obj) and own(obj):     # functions, numba's too
            callables[attr] = ("function", obj)
            listed.append(describe(attr, obj, False, ""))
        elif inspect.isclass(obj) and own(obj):
            for method, raw in vars(obj).items():
                qual = f"{attr}.{method}"
                if isinstance(raw, (staticmethod, classmethod)):
                    fn = raw.__func__
                    callables[qual] = ("attribute", (obj, method))
                    listed.append(describe(qual, fn, isinstance(raw, classmethod), inspect.getdoc(obj) or ""))
                elif inspect.isfunction(raw) and not method.startswith("__") and not _takes_instance(raw):
                    callables[qual] = ("attribute", (obj, method))    # fn(a, y) written without self:
                    listed.append(describe(qual, raw, False, inspect.getdoc(obj) or ""))   # called on the class
                elif inspect.isfunction(raw) and not method.startswith("__"):
                    callables[qual] = ("method", (obj, method))
                    listed.append(describe(qual, raw, True, inspect.getdoc(obj) or ""))
    for entry in listed:                  # how the file itself called it while it was imported
        entry["import_uses"] = [shape for qual, shape in import_uses if qual == entry["name"]]
    send({"functions": listed})

    uses: list = []                       # the file's functions its checked function called
    running = [False]

    def recorded(attr, fn):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            if running[0]:
                shape = next((np.shape(a) for a in args if isinstance(a, np.ndarray)), None)
                if (attr, shape) not in uses:
                    uses.append((attr, shape))
            return fn(*args, **kwargs)
        return run
    for attr, (how, fn) in callables.items():
        if how == "function":
            setattr(module, attr, recorded(attr, fn))

    instances = {}

    def resolve(qualname: str):
        how, what = callables[qualname]
        if how == "function":
            return what
        cls, method = what
        if how == "attribute":
            return getattr(cls, method)
        if cls not in instances:
            instances[cls] = cls()
        return getattr(instances[cls], method)

    while True:
        try:
            header = receive_from.read(HEADER.size)
        except OSError:
            return
        if len(header) < HEADER.size:
            return                                           # the parent is done
        message = pickle.loads(receive_from.read(HEADER.unpack(header)[0]))
        uses.clear()
        try:
            fn = resolve(message["call"])
        except BaseException as exc:
            send({"error": f"it cannot be called: making it {described(exc)}", "uncallable": True})
            continue
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            running[0] = True
            try:
                value, error = fn(*message["args"]), None
            except BaseException as exc:
                value, error = None, f"it {described(exc)}"
            finally:
                running[0] = False
        answer = {"warnings": sorted({str(w.message) for w in caught}), "uses": list(uses)}
        if error is None and isinstance(value, tuple) and len(value) >= 2:    # (loss, gradient), CS231n's
            try:
                answer["parts"] = [np.array(np.asarray(v), dtype=float) for v in value]
            except (TypeError, ValueError):
                pass
        if error is None:
            try:
                array = np.asarray(value)
                if value is None or array.dtype.kind not in "biuf":
                    raise TypeError(f"it returned {type(value).__name__}"
                                    + (f" of {array.dtype}" if array.dtype.kind == "c" else "") + ", not real numbers")
                answer["value"] = np.array(array, dtype=float)
            except (TypeError, ValueError) as exc:
                error = str(exc) if str(exc).startswith("it returned") else f"it returned {type(value).__name__}, not numbers"
        if error is not None:
            answer["error"] = error
        send(answer)


if __name__ == "__main__":
    _child(Path(sys.argv[1]).resolve())
