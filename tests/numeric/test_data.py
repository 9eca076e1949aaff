"""The MNIST data layer: IDX parsing and its errors, the real test set, downloads from a local server."""
from __future__ import annotations

import gzip
import hashlib
import http.server
import threading
from pathlib import Path

import numpy as np
import pytest

from derivations.errors import NndlError
from numeric import data
from numeric.data import (FILES, IMAGES_MAGIC, LABELS_MAGIC, TEST_IMAGES, TEST_LABELS,
                          TRAIN_IMAGES, TRAIN_LABELS, DataError, Images, load_dataset, read_idx,
                          read_pair, write_idx)



SHARED_DATA_DIR = data.shared_data_dir


@pytest.fixture(autouse=True)
def without_the_shared_test_set(monkeypatch):
    """Most tests here are about folders, caches and downloads: hide ../shared/mnist from them."""
    monkeypatch.setattr(data, "shared_data_dir", lambda: None)


def digits(n, seed=0):
    """n random 28x28 'images' and labels 0..9."""
    rng = np.random.default_rng(seed)
    return (rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8),
            rng.integers(0, 10, size=n, dtype=np.uint8))


def make_folder(folder: Path, n_train=50, n_test=20, train=True, gz=True) -> Path:
    """A folder of small valid IDX files: test (seed 1) and, if `train`, training (seed 2)."""
    folder.mkdir(parents=True, exist_ok=True)
    pairs = [(TEST_IMAGES, TEST_LABELS, n_test, 1)]
    if train:
        pairs.append((TRAIN_IMAGES, TRAIN_LABELS, n_train, 2))
    for images_name, labels_name, n, seed in pairs:
        x, y = digits(n, seed)
        if not gz:
            images_name, labels_name = images_name[:-3], labels_name[:-3]
        write_idx(folder / images_name, x)
        write_idx(folder / labels_name, y)
    return folder


def sums(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def error(fn, *args, **kwargs) -> str:
    with pytest.raises(DataError) as info:
        fn(*args, **kwargs)
    assert isinstance(info.value, NndlError)
    return str(info.value)


# ---------------------------------------------------------------- IDX format

@pytest.mark.parametrize("name", ["a-idx3-ubyte", "a-idx3-ubyte.gz"])
def test_write_then_read_gives_the_same_array(tmp_path, name):
    x, y = digits(7)
    write_idx(tmp_path / name, x)
    write_idx(tmp_path / ("l" + name), y)
    assert np.array_equal(read_idx(tmp_path / name, IMAGES_MAGIC), x)
    assert np.array_equal(read_idx(tmp_path / ("l" + name), LABELS_MAGIC), y)
    assert (tmp_path / name).read_bytes()[:2] == (b"\x1f\x8b" if name.endswith(".gz") else b"\0\0")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "l" + name])


def test_wrong_magic_number(tmp_path):
    x, y = digits(5)
    write_idx(tmp_path / "labels.gz", y)
    msg = error(read_pair, tmp_path / "labels.gz", tmp_path / "labels.gz")
    assert "labels.gz" in msg and "wrong magic number 2049" in msg and "2051" in msg
    (tmp_path / "junk").write_bytes(b"PK\x03\x04" + bytes(100))
    msg = error(read_idx, tmp_path / "junk", IMAGES_MAGIC)
    assert "junk" in msg and "wrong magic number" in msg


def test_truncated_file(tmp_path):
    x, _ = digits(5)
    write_idx(tmp_path / "x", x)
    whole = (tmp_path / "x").read_bytes()
    (tmp_path / "x").write_bytes(whole[:-10])
    msg = error(read_idx, tmp_path / "x", IMAGES_MAGIC)
    assert str(tmp_path / "x") in msg and "truncated" in msg and str(len(whole)) in msg
    (tmp_path / "x.gz").write_bytes(gzip.compress(whole[:-10]))  # a valid gzip of a short file
    assert "truncated" in error(read_idx, tmp_path / "x.gz", IMAGES_MAGIC)
    (tmp_path / "h").write_bytes(whole[:9])  # cut inside the header
    assert "truncated" in error(read_idx, tmp_path / "h", IMAGES_MAGIC)
    (tmp_path / "e").write_bytes(b"")
    assert "truncated" in error(read_idx, tmp_path / "e", IMAGES_MAGIC)


def test_trailing_bytes_are_an_error(tmp_path):
    x, _ = digits(3)
    write_idx(tmp_path / "x", x)
    (tmp_path / "x").write_bytes((tmp_path / "x").read_bytes() + b"\0" * 5)
    assert "5 bytes after the end" in error(read_idx, tmp_path / "x", IMAGES_MAGIC)


def test_truncated_gzip_stream(tmp_path):
    x, _ = digits(40)
    write_idx(tmp_path / "x.gz", x)
    raw = (tmp_path / "x.gz").read_bytes()
    (tmp_path / "x.gz").write_bytes(raw[: len(raw) // 2])
    msg = error(read_idx, tmp_path / "x.gz", IMAGES_MAGIC)
    assert "x.gz" in msg and "truncated gzip stream" in msg


def test_corrupt_gzip_stream(tmp_path):
    x, _ = digits(40)
    write_idx(tmp_path / "x.gz", x)
    raw = bytearray((tmp_path / "x.gz").read_bytes())
    raw[-8] ^= 0xFF  # the CRC of the data
    (tmp_path / "x.gz").write_bytes(bytes(raw))
    msg = error(read_idx, tmp_path / "x.gz", IMAGES_MAGIC)
    assert "x.gz" in msg and "corrupt gzip stream" in msg
    raw = bytearray((tmp_path / "x.gz").read_bytes())
    raw[20:60] = b"\xff" * 40  # the deflate data itself
    (tmp_path / "y.gz").write_bytes(bytes(raw))
    assert "gzip stream" in error(read_idx, tmp_path / "y.gz", IMAGES_MAGIC)


def test_wrong_image_size(tmp_path):
    write_idx(tmp_path / "x", np.zeros((4, 28, 27), np.uint8))
    write_idx(tmp_path / "y", np.zeros(4, np.uint8))
    msg = error(read_pair, tmp_path / "x", tmp_path / "y")
    assert str(tmp_path / "x") in msg and "28x27" in msg and "expected 28x28" in msg


def test_label_count_differs_from_image_count(tmp_path):
    write_idx(tmp_path / "x", np.zeros((4, 28, 28), np.uint8))
    write_idx(tmp_path / "y", np.zeros(3, np.uint8))
    msg = error(read_pair, tmp_path / "x", tmp_path / "y")
    assert str(tmp_path / "y") in msg and "3 labels for the 4 images" in msg


def test_label_out_of_range(tmp_path):
    write_idx(tmp_path / "x", np.zeros((4, 28, 28), np.uint8))
    write_idx(tmp_path / "y", np.array([1, 9, 10, 3], np.uint8))
    msg = error(read_pair, tmp_path / "x", tmp_path / "y")
    assert str(tmp_path / "y") in msg and "label 10 at index 2" in msg and "0..9" in msg


def test_checksum_mismatch(tmp_path):
    folder = make_folder(tmp_path / "d")
    good = sums(folder)
    assert load_dataset(data_dir=folder, checksums=good, download=False).train_x.shape == (50, 784)
    bad = dict(good, **{TRAIN_LABELS: "0" * 64})
    msg = error(load_dataset, data_dir=folder, checksums=bad, download=False)
    assert TRAIN_LABELS in msg and "sha256 mismatch" in msg and "0" * 64 in msg
    # the real sums: these small files are not MNIST
    assert "sha256 mismatch" in error(load_dataset, data_dir=folder, download=False)


def test_errors_are_about_the_file_through_load_dataset(tmp_path):
    folder = make_folder(tmp_path / "d", gz=False)
    write_idx(folder / TRAIN_LABELS.removesuffix(".gz"), np.full(50, 11, np.uint8))
    msg = error(load_dataset, data_dir=folder, download=False)  # uncompressed: no sums to check
    assert TRAIN_LABELS.removesuffix(".gz") in msg and "label 11" in msg


# ---------------------------------------------------------------- folders

def test_full_folder_loads_as_train_and_test(tmp_path):
    folder = make_folder(tmp_path / "d")
    d = load_dataset(data_dir=folder, checksums=sums(folder), download=False)
    x, y = digits(50, 2)
    assert d.train_x.shape == (50, 784) and d.test_x.shape == (20, 784)
    assert d.train_x.dtype == np.float64 and d.train_y.dtype == np.int64
    assert np.allclose(d.train_x, x.reshape(50, 784) / 255) and np.array_equal(d.train_y, y)
    assert 0 <= d.train_x.min() and d.train_x.max() <= 1
    assert d.note == "" and d.source == str(folder) and d.name == "mnist"
    f32 = load_dataset(data_dir=folder, checksums={}, download=False, dtype=np.float32)
    assert f32.train_x.dtype == np.float32


def test_images_are_held_as_bytes_and_read_as_byte_over_255(tmp_path):
    """The files' bytes are kept (a quarter of float32's memory); train_x is byte / 255, exactly
    the numbers of converting to the dtype and dividing (correctly rounded)."""
    folder = make_folder(tmp_path / "d")
    d = load_dataset(data_dir=folder, checksums={}, download=False, dtype=np.float32)
    x = digits(50, 2)[0].reshape(50, 784)
    assert d.train_images.pixels.dtype == np.uint8 and d.train_images.shape == (50, 784)
    assert np.array_equal(d.train_images.pixels, x) and len(d.test_images) == 20
    for dtype in (np.float32, np.float64):
        expected = x.astype(dtype)
        expected /= dtype(255)
        assert np.array_equal(d.train_images.floats(dtype), expected)
        assert not np.array_equal(d.train_images.floats(dtype), x * (dtype(1) / dtype(255)))  # a reciprocal is not
    assert d.train_x.dtype == np.float32 and np.array_equal(d.train_x, d.train_images.floats(np.float32))
    assert np.array_equal(d.train_images[3:5].pixels, x[3:5]) and d.train_images[[1, 4, 7]].shape == (3, 784)
    assert d.train_images[2].shape == (1, 784) and "50 of 784 bytes" in repr(d.train_images)
    for wrong in (np.zeros((2, 784)), np.zeros(784, np.uint8)):
        with pytest.raises(DataError, match="unsigned bytes"):
            Images(wrong)


def test_uncompressed_files_are_accepted(tmp_path):
    folder = make_folder(tmp_path / "d", gz=False)
    d = load_dataset(data_dir=folder, download=False)
    assert d.train_x.shape == (50, 784) and np.array_equal(d.test_y, digits(20, 1)[1])


def test_test_only_folder_is_split_and_says_so(tmp_path):
    folder = make_folder(tmp_path / "d", train=False, n_test=30)
    d = load_dataset(data_dir=folder, checksums={}, download=False)
    assert d.train_x.shape == (24, 784) and d.test_x.shape == (6, 784)
    assert "training set absent" in d.note and "24 of the 30" in d.note
    x, y = digits(30, 1)
    both = np.concatenate([d.train_y, d.test_y])
    assert sorted(both) == sorted(y)


def test_named_folder_without_files_is_an_error(tmp_path):
    assert "does not exist" in error(load_dataset, data_dir=tmp_path / "nope")
    msg = error(load_dataset, data_dir=tmp_path)
    assert str(tmp_path) in msg and TEST_IMAGES in msg
    assert "unknown dataset" in error(load_dataset, "cifar", data_dir=tmp_path)


def test_environment_variable_names_the_folder(tmp_path, monkeypatch):
    folder = make_folder(tmp_path / "env")
    monkeypatch.setenv("NNDL_DATA_DIR", str(folder))
    assert load_dataset(checksums={}, download=False).source == str(folder)


def test_cache_folder_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert data.cache_dir("fashion-mnist") == tmp_path / "xdg" / "nndl-proofs" / "fashion-mnist"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert data.cache_dir("mnist") == tmp_path / "home" / ".cache" / "nndl-proofs" / "mnist"


def test_cache_is_used_before_downloading(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NNDL_DATA_DIR", raising=False)
    folder = make_folder(tmp_path / "nndl-proofs" / "mnist")
    d = load_dataset(checksums=sums(folder), mirrors=["http://127.0.0.1:9/"], progress=False)
    assert d.source == str(folder) and d.note == ""


def test_nothing_found_and_no_download(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NNDL_DATA_DIR", raising=False)
    msg = error(load_dataset, "mnist", download=False)
    assert "not found" in msg and "downloading is off" in msg


# ---------------------------------------------------------------- the real MNIST test set

@pytest.fixture
def real(mnist_dir, mnist):
    """The real MNIST test set, loaded once per run (conftest's `mnist`)."""
    assert (mnist_dir / TEST_IMAGES).is_file(), f"the real MNIST test set is missing at {mnist_dir}"
    return mnist


def test_shared_folder_is_found(mnist_dir):
    assert SHARED_DATA_DIR() == mnist_dir.resolve()


def test_real_mnist_test_set(mnist_dir, real):
    assert real.train_x.shape == (8000, 784) and real.test_x.shape == (2000, 784)
    assert real.train_y.dtype == np.int64 and real.train_x.dtype == np.float64
    assert real.train_x.min() == 0.0 and real.train_x.max() == 1.0
    counts = np.bincount(np.concatenate([real.train_y, real.test_y]), minlength=10)
    # the published class counts of the MNIST test set
    assert counts.tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert all(150 <= c <= 250 for c in np.bincount(real.test_y))
    assert real.note == (f"training set absent in {mnist_dir}: trained on 8,000 of the 10,000 real test digits, evaluated on the "
                         "other 2,000 (split seed 0)")
    ink = real.train_x.mean(axis=1)
    assert 0.08 < ink.mean() < 0.18  # digits are mostly background


def test_real_split_is_fixed_and_disjoint(mnist_dir, real):
    again = load_dataset("mnist", data_dir=mnist_dir, download=False)
    assert np.array_equal(real.train_x, again.train_x) and np.array_equal(real.test_y, again.test_y)
    images, labels = read_pair(mnist_dir / TEST_IMAGES, mnist_dir / TEST_LABELS)
    order = np.random.default_rng(data.SPLIT_SEED).permutation(10_000)
    assert np.array_equal(real.test_y, labels[order[8000:]])
    assert np.array_equal(real.train_x, images[order[:8000]].reshape(8000, 784) / 255)
    assert len(set(order[:8000]) & set(order[8000:])) == 0


def test_real_files_match_shared_sha256sums(mnist_dir):
    for line in (mnist_dir / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert data.KNOWN_SHA256["mnist"][name] == (digest,)
        assert data.sha256_of(mnist_dir / name) == digest


# ---------------------------------------------------------------- downloads, from a real local server

class Server:
    """An HTTP server on 127.0.0.1 in a thread, serving `files` {url path: bytes}."""

    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.requests: list[str] = []
        self.short: set[str] = set()  # paths whose body is cut off after half the Content-Length
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append(self.path)
                body = outer.files.get(self.path)
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2] if self.path in outer.short else body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


@pytest.fixture
def small_mnist(tmp_path):
    """Valid small IDX files and their sha256 sums."""
    folder = make_folder(tmp_path / "origin")
    return {p.name: p.read_bytes() for p in folder.iterdir()}, sums(folder)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("NNDL_DATA_DIR", raising=False)
    return tmp_path / "xdg" / "nndl-proofs" / "mnist"


def test_download_fills_the_cache(server, small_mnist, cache, capsys):
    files, checksums = small_mnist
    server.files = {f"/mnist/{name}": body for name, body in files.items()}
    d = load_dataset(mirrors=[server.url + "/mnist/"], checksums=checksums, progress=True)
    assert d.source == str(cache) and d.train_x.shape == (50, 784) and d.note == ""
    assert sorted(p.name for p in cache.iterdir()) == sorted(FILES)
    assert sorted(server.requests) == sorted(f"/mnist/{n}" for n in FILES)
    # a second load reads the cache and asks the server nothing
    load_dataset(mirrors=[server.url + "/mnist/"], checksums=checksums, progress=False)
    assert len(server.requests) == 4


def test_next_mirror_after_404(server, small_mnist, cache):
    files, checksums = small_mnist
    server.files = {f"/b/{name}": body for name, body in files.items()}
    d = load_dataset(mirrors=[server.url + "/a/", server.url + "/b/"], checksums=checksums,
                     progress=False)
    assert d.test_x.shape == (20, 784)
    assert sum(r.startswith("/a/") for r in server.requests) == 4


def test_404_everywhere_is_an_error_and_leaves_nothing(server, small_mnist, cache):
    _, checksums = small_mnist
    msg = error(load_dataset, mirrors=[server.url + "/a/"], checksums=checksums, progress=False)
    assert "could not download" in msg and "HTTP 404" in msg and TRAIN_IMAGES in msg
    assert list(cache.iterdir()) == []


def test_corrupted_download_is_rejected_and_leaves_nothing(server, small_mnist, cache):
    files, checksums = small_mnist
    server.files = {f"/m/{name}": body for name, body in files.items()}
    body = bytearray(files[TRAIN_IMAGES])
    body[100] ^= 0x01  # one flipped bit
    server.files[f"/m/{TRAIN_IMAGES}"] = bytes(body)
    msg = error(load_dataset, mirrors=[server.url + "/m/"], checksums=checksums, progress=False)
    assert "sha256 mismatch" in msg and "rejected" in msg and TRAIN_IMAGES in msg
    assert list(cache.iterdir()) == []


def test_cut_off_download_leaves_nothing(server, small_mnist, cache):
    files, checksums = small_mnist
    server.files = {f"/m/{name}": body for name, body in files.items()}
    server.short = {f"/m/{TRAIN_IMAGES}"}
    msg = error(load_dataset, mirrors=[server.url + "/m/"], checksums=checksums, progress=False)
    assert "could not download" in msg and TRAIN_IMAGES in msg and "closed after" in msg
    assert list(cache.iterdir()) == []


def test_downloaded_files_must_have_a_known_sum(server, small_mnist, cache):
    files, checksums = small_mnist
    server.files = {f"/m/{name}": body for name, body in files.items()}
    del checksums[TEST_LABELS]
    msg = error(data.download, TEST_LABELS, cache, checksums, [server.url + "/m/"], False)
    assert "no known sha256" in msg and server.requests == []


def test_test_only_cache_without_download_is_split(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NNDL_DATA_DIR", raising=False)
    make_folder(tmp_path / "nndl-proofs" / "mnist", train=False, n_test=10)
    d = load_dataset(download=False, checksums={})
    assert len(d.train_y) == 8 and len(d.test_y) == 2 and "training set absent" in d.note


@pytest.mark.slow
def test_fashion_mnist_from_debian(tmp_path, monkeypatch):
    folder = Path("/usr/share/datasets/fashion-mnist")
    assert (folder / TRAIN_IMAGES).is_file(), "Debian's dataset-fashion-mnist is not installed"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # an empty cache
    monkeypatch.delenv("NNDL_DATA_DIR", raising=False)
    d = load_dataset("fashion-mnist", download=False, dtype=np.float32)
    assert d.source == str(folder) and d.note == "" and d.train_x.dtype == np.float32
    assert d.train_x.shape == (60_000, 784) and d.test_x.shape == (10_000, 784)
    assert np.bincount(d.train_y).tolist() == [6000] * 10
    assert np.bincount(d.test_y).tolist() == [1000] * 10


def test_without_a_folder_the_shared_test_set_is_found(mnist_dir, tmp_path, monkeypatch):
    """From Python as from the command: no folder given, nothing cached -> ../shared/mnist."""
    monkeypatch.setattr(data, "shared_data_dir", SHARED_DATA_DIR)
    monkeypatch.delenv("NNDL_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    d = data.load_dataset("mnist", download=False, progress=False)
    assert Path(d.source).resolve() == mnist_dir.resolve()
    assert len(d.train_y) == 8000 and len(d.test_y) == 2000 and "8,000" in d.note


def test_a_complete_cached_set_comes_before_the_shared_test_set(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "shared_data_dir", SHARED_DATA_DIR)
    monkeypatch.delenv("NNDL_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache = make_folder(data.cache_dir("mnist"), n_train=50, n_test=20)
    d = data.load_dataset("mnist", download=False, progress=False, checksums=sums(cache))
    assert (len(d.train_y), len(d.test_y)) == (50, 20)


def test_written_files_follow_the_umask_not_mkstemps_0600(tmp_path):
    import os
    path = tmp_path / "x.gz"
    write_idx(path, digits(3)[1])
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["x.gz"]   # no temporary file left
