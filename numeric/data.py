"""MNIST and Fashion-MNIST in their original IDX format: find, download, check, load.

Where the files come from, in this order:

1. an explicit folder: ``data_dir`` (``nndl --data-dir DIR``) or the environment
   variable ``NNDL_DATA_DIR``; it is used as it is, never written to;
2. the cache folder ``($XDG_CACHE_HOME or ~/.cache)/nndl-proofs/<dataset>``;
3. for Fashion-MNIST, Debian's ``/usr/share/datasets/fashion-mnist``;
4. a download from the public mirrors into the cache, each file's sha256 checked
   before it is kept (``download=False`` turns this off).

A folder holding only the test files (like ``../shared/mnist``, the real MNIST
test set) is still usable: the 10,000 test images are split, with a fixed seed,
into 8,000 to train on and 2,000 held out, and ``Dataset.note`` says so.

Every problem with a file (wrong magic number, truncated or corrupt gzip stream,
wrong image size, label count different from image count, label outside 0..9,
sha256 mismatch) raises ``DataError`` with a message naming the file.

The images are held as the files store them, one unsigned byte per pixel (``Images``:
47 MB for 60,000 images, a quarter of float32's 188 MB); ``Dataset.train_x`` and
``test_x`` give them as intensities byte / 255 in [0, 1], and the network's engines
divide by 255 as they gather each mini-batch, so training on the bytes gives the very
numbers that training on those floats gives.
"""
from __future__ import annotations

import gzip
import hashlib
import http.client
import math
import os
import urllib.error
import urllib.request
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from derivations.errors import NndlError
from derivations.files import atomic_file


class DataError(NndlError):
    """A data file is missing, malformed, or not the file it claims to be."""


IMAGES_MAGIC = 2051  # 0x00000803: unsigned bytes, 3 dimensions
LABELS_MAGIC = 2049  # 0x00000801: unsigned bytes, 1 dimension
ROWS = COLS = 28
N_CLASSES = 10

TRAIN_IMAGES = "train-images-idx3-ubyte.gz"
TRAIN_LABELS = "train-labels-idx1-ubyte.gz"
TEST_IMAGES = "t10k-images-idx3-ubyte.gz"
TEST_LABELS = "t10k-labels-idx1-ubyte.gz"
FILES = (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)

DATASETS = ("mnist", "fashion-mnist")

# sha256 of each gzip file as distributed; a file may have more than one known form.
KNOWN_SHA256: dict[str, dict[str, tuple[str, ...]]] = {
    "mnist": {
        # the published sums (the same from every mirror); the t10k ones also
        # match ../shared/mnist/SHA256SUMS
        TRAIN_IMAGES: ("440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",),
        TRAIN_LABELS: ("3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",),
        TEST_IMAGES: ("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",),
        TEST_LABELS: ("f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",),
    },
    "fashion-mnist": {
        # first: Zalando's files (the download); second: Debian's
        # dataset-fashion-mnist 0.0~git20200523.55506a9-1, the same images
        # re-gzipped without the file name in the gzip header
        TRAIN_IMAGES: ("3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                       "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
        TRAIN_LABELS: ("a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                       "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
        TEST_IMAGES: ("346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                      "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
        TEST_LABELS: ("67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
                      "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"),
    },
}

# Base URLs tried in order; the file name is appended.
MIRRORS: dict[str, tuple[str, ...]] = {
    "mnist": (
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
    ),
    "fashion-mnist": (
        "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
    ),
}

# Folders where a system package puts a dataset.
SYSTEM_DIRS: dict[str, tuple[Path, ...]] = {
    "mnist": (),
    "fashion-mnist": (Path("/usr/share/datasets/fashion-mnist"),),
}

SPLIT_SEED = 0  # the fixed split of the 10,000 test digits when there is no training set
SPLIT_TRAIN = 8_000
DOWNLOAD_TIMEOUT = 30  # seconds without data before a mirror is given up


PIXEL_MAX = 255  # an IDX byte b is the pixel intensity b / 255


class Images:
    """Images as the IDX files store them: one row of ROWS * COLS unsigned bytes per image, the
    intensity of a pixel being byte / 255. `floats(dtype)` gives the intensities; `Network.sgd`
    takes Images as they are and divides by 255 as it gathers each mini-batch (the same numbers:
    the division is correctly rounded either way)."""

    def __init__(self, pixels):
        pixels = np.asarray(pixels)
        if pixels.dtype != np.uint8 or pixels.ndim != 2:
            raise DataError(f"images: expected rows of unsigned bytes (a 2-D uint8 array), got a "
                            f"{pixels.ndim}-D {pixels.dtype} array")
        self.pixels = pixels

    def __len__(self):
        return len(self.pixels)

    @property
    def shape(self):
        return self.pixels.shape

    def __getitem__(self, rows):
        """The images `rows` (a slice, an index array or one index), as Images."""
        return Images(self.pixels[rows].reshape(-1, self.pixels.shape[1]))

    def floats(self, dtype=np.float64) -> np.ndarray:
        """The intensities byte / 255, as a new (n, ROWS * COLS) array of `dtype`."""
        x = self.pixels.astype(dtype)
        x /= np.asarray(PIXEL_MAX, dtype=dtype)  # in place: one float copy, not two
        return x

    def __repr__(self):
        return f"<Images: {len(self):,} of {self.pixels.shape[1]} bytes>"


@dataclass
class Dataset:
    """Images (`train_images`, `test_images`: bytes as the files hold them) and labels as int64
    class indices; `train_x` and `test_x` give the images as rows of 784 pixel intensities in
    [0, 1] of `dtype` (a new array on each use)."""
    train_images: Images
    train_y: np.ndarray
    test_images: Images
    test_y: np.ndarray
    name: str
    source: str
    note: str = ""
    dtype: np.dtype = np.dtype(np.float64)

    @property
    def train_x(self) -> np.ndarray:
        return self.train_images.floats(self.dtype)

    @property
    def test_x(self) -> np.ndarray:
        return self.test_images.floats(self.dtype)


# ---------------------------------------------------------------- IDX files

def read_idx(path, magic: int) -> np.ndarray:
    """The array in the IDX file at `path` (gzip or not), after checking its header. The bytes are
    read into the array as they are decompressed, so a load holds no other copy of the data (60,000
    images: 47 MB, not two or three times that)."""
    path = Path(path)
    try:
        f = open(path, "rb")
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with f:
        size = os.fstat(f.fileno()).st_size
        compressed = f.read(2) == b"\x1f\x8b"
        f.seek(0)
        if not compressed:
            try:
                return _parse_idx(path, f, magic, size)
            except OSError as exc:
                raise DataError(f"{path}: cannot read ({exc.strerror or exc})") from None
        try:
            with gzip.GzipFile(fileobj=f, mode="rb") as stream:
                return _parse_idx(path, stream, magic, GZIP_MAX_RATIO * size + 2**16)
        except EOFError:
            raise DataError(f"{path}: truncated gzip stream (the file ends before the data does)") from None
        except (OSError, zlib.error) as exc:
            raise DataError(f"{path}: corrupt gzip stream ({exc})") from None


GZIP_MAX_RATIO = 1032  # deflate's largest expansion: a file of s bytes holds at most about 1032 s


def _parse_idx(path: Path, stream, magic: int, most: int) -> np.ndarray:
    """The IDX array in `stream` (the file's data, decompressed), which holds at most `most` bytes."""
    head = stream.read(4)
    if len(head) < 4:
        raise DataError(f"{path}: truncated: {len(head)} bytes, too short for an IDX header")
    found = int.from_bytes(head, "big")
    if found != magic:
        raise DataError(f"{path}: wrong magic number {found} (expected {magic}: "
                        f"{'images' if magic == IMAGES_MAGIC else 'labels'}); not this kind of IDX file")
    ndim = magic & 0xFF
    header = 4 + 4 * ndim
    dims = stream.read(4 * ndim)
    if len(dims) < 4 * ndim:
        raise DataError(f"{path}: truncated: {4 + len(dims)} bytes, the header alone needs {header}")
    shape = tuple(int.from_bytes(dims[4 * i: 4 + 4 * i], "big") for i in range(ndim))
    expected = header + math.prod(shape)
    if expected > most:   # more than the file can hold: say how much it does hold
        raise DataError(f"{path}: truncated: {header + _length(stream)} bytes, but the header "
                        f"(shape {shape}) says {expected}")
    array = np.empty(shape, np.uint8)
    into, got = memoryview(array).cast("B"), 0
    while got < len(into):
        n = stream.readinto(into[got:got + (1 << 20)])  # a block at a time (gzip decompresses each into a copy)
        if not n:
            raise DataError(f"{path}: truncated: {header + got} bytes, but the header "
                            f"(shape {shape}) says {expected}")
        got += n
    extra = _length(stream)
    if extra:
        raise DataError(f"{path}: {extra} bytes after the end the header "
                        f"(shape {shape}) gives; not a single IDX file")
    return array


def _length(stream) -> int:
    """The number of bytes left in `stream` (read and dropped, a block at a time)."""
    total = 0
    for block in iter(lambda: stream.read(1 << 20), b""):
        total += len(block)
    return total


def write_idx(path, array) -> Path:
    """Write a uint8 array as an IDX file (gzip when `path` ends in .gz), atomically."""
    path = Path(path)
    array = np.asarray(array)
    if array.dtype != np.uint8:
        raise DataError(f"{path}: IDX files here hold unsigned bytes, got dtype {array.dtype}")
    if not 1 <= array.ndim <= 255:
        raise DataError(f"{path}: cannot write a {array.ndim}-dimensional array as IDX")
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(
        int(n).to_bytes(4, "big") for n in array.shape)
    data = header + np.ascontiguousarray(array).tobytes()
    if path.suffix == ".gz":
        data = gzip.compress(data, mtime=0)
    _atomic_write(path, data)
    return path


def _atomic_write(path: Path, data: bytes) -> None:
    with atomic_file(path) as f:
        f.write(data)


def sha256_of(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_pair(images_path, labels_path, checksums=None) -> tuple[np.ndarray, np.ndarray]:
    """Images (n, 28, 28) uint8 and labels (n,) uint8 from two IDX files, checked."""
    images = read_idx(images_path, IMAGES_MAGIC)
    if images.shape[1:] != (ROWS, COLS):
        raise DataError(f"{images_path}: images are {images.shape[1]}x{images.shape[2]}, "
                        f"expected {ROWS}x{COLS}")
    labels = read_idx(labels_path, LABELS_MAGIC)
    if len(labels) != len(images):
        raise DataError(f"{labels_path}: {len(labels)} labels for the {len(images)} images "
                        f"in {images_path}")
    if len(labels) and labels.max() >= N_CLASSES:
        bad = int(np.argmax(labels >= N_CLASSES))
        raise DataError(f"{labels_path}: label {int(labels[bad])} at index {bad} is outside 0..9")
    for path in (images_path, labels_path):
        _check_sha256(Path(path), checksums)
    return images, labels


def _check_sha256(path: Path, checksums) -> None:
    """Check a gzip file against its known sums; uncompressed files have none to check."""
    known = _known(checksums, path.name)
    if not known or path.suffix != ".gz":
        return
    got = sha256_of(path)
    if got not in known:
        raise DataError(f"{path}: sha256 mismatch: got {got}, expected {' or '.join(known)}")


def _known(checksums, filename: str) -> tuple[str, ...]:
    value = (checksums or {}).get(filename, ())
    return (value,) if isinstance(value, str) else tuple(value)


# ---------------------------------------------------------------- where files are

def cache_dir(name: str = "mnist") -> Path:
    """($XDG_CACHE_HOME or ~/.cache)/nndl-proofs/<dataset>."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "nndl-proofs" / name


def shared_data_dir() -> Path | None:
    """The real MNIST test set at ../shared/mnist beside the project, if it is there.

    The project root is found from this file (an editable install) or the
    current directory (a checkout you are standing in)."""
    roots = [Path(__file__).resolve().parent.parent, Path.cwd(), *Path.cwd().parents]
    for root in roots:
        folder = root.parent / "shared" / "mnist"
        if _find(folder, TEST_IMAGES) and _find(folder, TEST_LABELS):
            return folder.resolve()
    return None


def _find(folder: Path, filename: str) -> Path | None:
    """`folder/filename`, or its uncompressed form, whichever exists."""
    for candidate in (folder / filename, folder / filename.removesuffix(".gz")):
        if candidate.is_file():
            return candidate
    return None


def _has(folder: Path, *filenames: str) -> bool:
    return all(_find(folder, f) for f in filenames)


# ---------------------------------------------------------------- download

def download(filename: str, folder, checksums, mirrors, progress: bool = True) -> Path:
    """Fetch `filename` into `folder` from the first mirror that serves it with a known sha256.

    The bytes go to a temporary file in `folder`, are hashed as they arrive,
    and the file is renamed into place only when the hash matches; on any
    failure the temporary file is removed, so nothing half-written is kept."""
    folder = Path(folder)
    known = _known(checksums, filename)
    if not known:
        raise DataError(f"{filename}: no known sha256, refusing to download it unchecked")
    folder.mkdir(parents=True, exist_ok=True)
    failures = []
    for base in mirrors:
        url = base.rstrip("/") + "/" + filename
        try:
            return _fetch(url, folder / filename, known, progress)
        except DataError as exc:
            failures.append(str(exc))
        except urllib.error.HTTPError as exc:
            failures.append(f"{url}: HTTP {exc.code} {exc.reason}")
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            failures.append(f"{url}: {getattr(exc, 'reason', None) or exc}")
    tried = "; ".join(failures) or "no mirrors given"
    raise DataError(f"could not download {filename}: {tried}")


def _fetch(url: str, target: Path, known: tuple[str, ...], progress: bool) -> Path:
    from tqdm import tqdm

    with atomic_file(target) as out:   # kept only if complete and its sha256 is known
        h, size = hashlib.sha256(), 0
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as response:
            total = response.headers.get("Content-Length")
            with tqdm(total=int(total) if total else None, unit="B", unit_scale=True,
                      desc=target.name, disable=not progress, leave=False) as bar:
                for block in iter(lambda: response.read(1 << 16), b""):
                    out.write(block)
                    h.update(block)
                    size += len(block)
                    bar.update(len(block))
        if total and size != int(total):
            raise DataError(f"{url}: the connection closed after {size} of {total} bytes; "
                            "download rejected")
        got = h.hexdigest()
        if got not in known:
            raise DataError(f"{url}: sha256 mismatch: got {got}, expected "
                            f"{' or '.join(known)}; download rejected")
    return target


# ---------------------------------------------------------------- the loader

class SplitWarning(UserWarning):
    """The training set is absent: the data is a split of the real test set (Dataset.note says which)."""


def load_dataset(name: str = "mnist", data_dir=None, download: bool = True,
                 progress: bool = True, dtype=np.float64, checksums=None,
                 mirrors=None, warn: bool = True) -> Dataset:
    """Load `name` ("mnist" or "fashion-mnist") from the first source that has it: `data_dir`
    (or $NNDL_DATA_DIR) as given; else a complete set in the cache or a system folder; else, for
    MNIST, the real test set in ../shared/mnist; else a verified download into the cache.

    `checksums` maps file names to known sha256 sums (default KNOWN_SHA256[name]),
    `mirrors` lists download base URLs (default MIRRORS[name]); `dtype` is that of the
    intensities `train_x` and `test_x` give (the images are held as bytes). When the training set
    is absent and the test set is split in two, a SplitWarning says so (unless `warn` is False: the
    command line prints the note itself)."""
    if name not in DATASETS:
        raise DataError(f"unknown dataset {name!r}; choose from {', '.join(DATASETS)}")
    checksums = KNOWN_SHA256[name] if checksums is None else checksums
    mirrors = MIRRORS[name] if mirrors is None else tuple(mirrors)
    folder = _locate(name, data_dir, download, progress, checksums, mirrors)
    data = _load_folder(name, folder, checksums, dtype)
    if data.note and warn:
        warnings.warn(f"{data.note}; put the training files there (or give data_dir) to train on the full set",
                      SplitWarning, stacklevel=2)
    return data


def _locate(name, data_dir, allow_download, progress, checksums, mirrors) -> Path:
    explicit = data_dir if data_dir is not None else os.environ.get("NNDL_DATA_DIR") or None
    if explicit is not None:  # what the user named is what is used
        folder = Path(explicit).expanduser()
        if not folder.is_dir():
            raise DataError(f"data folder {folder} does not exist")
        if not _has(folder, TEST_IMAGES, TEST_LABELS):
            raise DataError(f"{folder}: no {name} test files ({TEST_IMAGES} and {TEST_LABELS}, "
                            "gzip or uncompressed)")
        return folder
    cache = cache_dir(name)
    for folder in (cache, *SYSTEM_DIRS[name]):   # a complete set first
        if _has(folder, *FILES):
            return folder
    shared = shared_data_dir() if name == "mnist" else None
    if shared is not None and _has(shared, TEST_IMAGES, TEST_LABELS):   # the real test set beside us
        return shared
    if allow_download:
        for filename in FILES:
            if not _find(cache, filename):
                download(filename, cache, checksums, mirrors, progress)
        return cache
    if _has(cache, TEST_IMAGES, TEST_LABELS):
        return cache
    places = ", ".join(str(p) for p in (cache, *SYSTEM_DIRS[name]))
    raise DataError(f"{name} not found (looked in {places}) and downloading is off; "
                    "give --data-dir DIR or allow the download")


def _load_folder(name: str, folder: Path, checksums, dtype) -> Dataset:
    dtype = np.dtype(dtype)
    test_x, test_y = _xy(folder, TEST_IMAGES, TEST_LABELS, checksums)
    if _has(folder, TRAIN_IMAGES, TRAIN_LABELS):
        train_x, train_y = _xy(folder, TRAIN_IMAGES, TRAIN_LABELS, checksums)
        return Dataset(train_x, train_y, test_x, test_y, name, str(folder), dtype=dtype)
    order = np.random.default_rng(SPLIT_SEED).permutation(len(test_y))
    n_train = SPLIT_TRAIN if len(test_y) == 10_000 else int(round(0.8 * len(test_y)))
    train, held_out = order[:n_train], order[n_train:]
    missing = [f for f in (TRAIN_IMAGES, TRAIN_LABELS) if not _find(folder, f)]
    what = ("training set absent" if len(missing) == 2 else
            f"training {'labels' if missing == [TRAIN_LABELS] else 'images'} missing ({missing[0]})")
    note = (f"{what} in {folder}: trained on {n_train:,} of the "
            f"{len(test_y):,} real test {'digits' if name == 'mnist' else 'images'}, "
            f"evaluated on the other {len(held_out):,} (split seed {SPLIT_SEED})")
    return Dataset(test_x[train], test_y[train], test_x[held_out], test_y[held_out],
                   name, str(folder), note, dtype=dtype)


def _xy(folder, images_name, labels_name, checksums) -> tuple[Images, np.ndarray]:
    images, labels = read_pair(_find(folder, images_name), _find(folder, labels_name), checksums)
    return Images(images.reshape(len(images), ROWS * COLS)), labels.astype(np.int64)
