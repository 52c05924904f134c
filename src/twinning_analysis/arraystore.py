"""Named numpy arrays in one file with a recorded SHA-256, read back without pickle.

A cache that can run code is a liability: ``pickle`` executes whatever a crafted file tells it to.
Here a cache is plain numbers: a short JSON header (name, dtype and shape of each array) followed by
the arrays' raw bytes, plus a JSON sidecar that records the file's SHA-256, size and metadata.
:func:`load_arrays` reads the file once, checks its bytes against the recorded hash and only then
maps the arrays onto those bytes (no copy, no parsing beyond the header). Only numeric dtypes are
accepted, so nothing in the file is ever interpreted as an object.

Text columns are stored as one UTF-8 byte blob plus offsets (:func:`pack_strings`, :class:`Strings`).

>>> import tempfile, pathlib, numpy as np
>>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.arrays"
>>> save_arrays(path, {"x": np.arange(3), **pack_strings(["Köln", "Тверь"], "names")}, {"kind": "demo"})
>>> arrays, meta = load_arrays(path)
>>> arrays["x"].tolist(), Strings(arrays, "names")[1], meta["kind"]
([0, 1, 2], 'Тверь', 'demo')
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

MAGIC = b"TWINNING-ARRAYS-1\n"
#: Version of the sidecar layout; a sidecar of another version is refused.
SIDECAR_FORMAT = 1
_ALIGN = 16
#: Kinds of dtype a file may hold: booleans, integers, unsigned integers, floats.
_PLAIN_KINDS = "biuf"


class CacheError(Exception):
    """A cached array file is missing, damaged, altered since it was written, or of another layout."""


def sidecar_of(path: Path) -> Path:
    """The JSON file that records ``path``'s hash and metadata: ``index.arrays`` → ``index.arrays.json``."""
    return Path(f"{path}.json")


def _encode(arrays: dict[str, np.ndarray]) -> bytes:
    header, chunks, offset = {}, [], 0
    for name, array in arrays.items():
        array = np.ascontiguousarray(array)
        if array.dtype.kind not in _PLAIN_KINDS:
            raise TypeError(f"{name}: only numeric arrays can be stored, not {array.dtype}")
        header[name] = {"dtype": array.dtype.str, "shape": list(array.shape), "offset": offset}
        data = array.tobytes()
        padding = -len(data) % _ALIGN
        chunks += [data, b"\0" * padding]
        offset += len(data) + padding
    head = json.dumps(header, sort_keys=True).encode()
    head += b" " * (-(len(MAGIC) + 8 + len(head)) % _ALIGN)
    return MAGIC + len(head).to_bytes(8, "little") + head + b"".join(chunks)


def _decode(data: bytes, name: str) -> dict[str, np.ndarray]:
    if not data.startswith(MAGIC):
        raise CacheError(f"{name} is not an array file of this project")
    start = len(MAGIC) + 8
    length = int.from_bytes(data[len(MAGIC):start], "little")
    try:
        header = json.loads(data[start:start + length])
        body = start + length
        arrays = {}
        for key, spec in header.items():
            dtype = np.dtype(spec["dtype"])
            if dtype.kind not in _PLAIN_KINDS:
                raise ValueError(f"array {key} has the non-numeric dtype {dtype}")
            count = int(np.prod(spec["shape"], dtype=np.int64))
            arrays[key] = np.frombuffer(data, dtype, count, body + int(spec["offset"])).reshape(spec["shape"])
    except (ValueError, TypeError, KeyError) as err:
        raise CacheError(f"{name} has a broken header: {err}") from None
    return arrays


def save_arrays(path: Path, arrays: dict[str, np.ndarray], meta: dict) -> None:
    """Write ``arrays`` to ``path`` and its hash and ``meta`` to the sidecar.

    Both files are written to temporary names and renamed into place, the array file first, so an
    interrupted write leaves either the old pair or a pair whose hashes disagree (and is then rebuilt).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = _encode(arrays)
    record = {"format": SIDECAR_FORMAT, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "meta": meta}
    for target, content in ((path, data), (sidecar_of(path), json.dumps(record, indent=1).encode())):
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temp.write_bytes(content)
        os.replace(temp, target)


def load_arrays(path: Path) -> tuple[dict[str, np.ndarray], dict]:
    """The arrays and metadata saved at ``path`` (read-only views); :class:`CacheError` if anything is off."""
    path = Path(path)
    try:
        record = json.loads(sidecar_of(path).read_text(encoding="utf-8"))
        data = path.read_bytes()
    except (OSError, ValueError) as err:
        raise CacheError(f"cannot read {path.name} or its sidecar: {err}") from None
    if not isinstance(record, dict) or record.get("format") != SIDECAR_FORMAT:
        raise CacheError(f"{sidecar_of(path).name} is not a sidecar of format {SIDECAR_FORMAT}")
    if len(data) != record.get("size") or hashlib.sha256(data).hexdigest() != record.get("sha256"):
        raise CacheError(f"{path.name} does not match its recorded SHA-256 (altered or damaged)")
    return _decode(data, path.name), record.get("meta") or {}


def smallest_int(values, *, unsigned: bool = True) -> np.ndarray:
    """``values`` as 32-bit integers if they fit (offsets and codes do), else 64-bit."""
    array = np.asarray(values, dtype=np.int64)
    narrow = np.uint32 if unsigned else np.int32
    info = np.iinfo(narrow)
    if not len(array) or (array.min() >= info.min and array.max() <= info.max):
        return array.astype(narrow)
    return array


def pack_strings(values: list[str], name: str) -> dict[str, np.ndarray]:
    """Texts as two arrays, ``NAME.blob`` (UTF-8 bytes) and ``NAME.offsets`` (start of each, then the end)."""
    encoded = [v.encode("utf-8") for v in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return {f"{name}.blob": np.frombuffer(b"".join(encoded), dtype=np.uint8),
            f"{name}.offsets": smallest_int(offsets)}


def as_view(array: np.ndarray) -> memoryview:
    """A memoryview of ``array`` whose items are Python ints or floats (indexing numpy arrays one
    element at a time is several times slower)."""
    return memoryview(np.ascontiguousarray(array)).cast("B").cast(array.dtype.char)


class Strings:
    """Read-only sequence view of texts packed by :func:`pack_strings`."""

    def __init__(self, arrays: dict[str, np.ndarray], name: str):
        self._blob = arrays[f"{name}.blob"].tobytes()
        self._offsets = as_view(arrays[f"{name}.offsets"])

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, index: int) -> str:
        return self._blob[self._offsets[index]:self._offsets[index + 1]].decode("utf-8")

    def __iter__(self):
        for index in range(len(self)):
            yield self[index]
