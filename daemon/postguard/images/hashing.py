"""Perceptual hashes of a greyscale working copy, robust to what staff do to photos.

Each hashed area is shrunk to 32x32 and histogram-equalised with a smoothed
histogram (brightness, contrast and tone filters drop out), then gives a 63-bit pHash (8x8 low DCT
frequencies without DC, for the fast scan) and a 143-bit one (12x12, to
confirm a candidate: more bits tell different photos apart, and frequencies
above 12 change too much under small crops to help). Both come from one DCT,
so the 8 mirror/rotation variants of an area are sign flips and a transpose of
its coefficients: no re-decoding.

Mirror and 90-degree rotation: every area is stored in a canonical orientation
(first horizontal and vertical frequencies positive, horizontal the stronger),
so the bank holds one hash per area; a query also tries each orientation that
is canonical within a margin, so a near-tie cannot lose a match.

Crops: the bank side holds hashes of overlapping sub-windows of each reference
photo (augmenting the bank, not the query), and a second set, trimmed, when
the photo's own edge is uniform. Borders, letterboxing, caption bands and
screenshots: the query side trims uniform borders and locates the photo inside
a larger picture (regions.py), and hashes those areas. Stickers and text near
an edge: the query also hashes four strips (the picture less a fifth on one
side), matched against the same strips of the references.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from postguard.images.regions import locate_photo, trim_borders

HASH_VERSION = 4
DCT_SIZE = 32
LOW = 16  # coefficients kept per area (orientation handling works on this block)
FINE = 12  # the confirming hash uses the 12x12 corner: 143 bits
WORDS = 4  # uint64 words per stored hash row: the 63-bit hash, then 3 words of the 143-bit one

# Sub-windows of a reference photo along each axis (start, end), as fractions, and the
# smallest share of the photo a window keeps: crops of up to a quarter land near one.
SEGMENTS: tuple[tuple[float, float], ...] = (
    (0.0, 1.0),
    (0.0, 0.9),
    (0.05, 0.95),
    (0.1, 1.0),
    (0.0, 0.8),
    (0.0667, 0.8667),
    (0.1333, 0.9333),
    (0.2, 1.0),
)
MIN_WINDOW_AREA = 0.7
# The picture less a fifth at the bottom, top, right or left: windows the bank holds too.
STRIPS: tuple[tuple[float, float, float, float], ...] = (
    (0.0, 0.8, 0.0, 1.0),
    (0.2, 1.0, 0.0, 1.0),
    (0.0, 1.0, 0.0, 0.8),
    (0.0, 1.0, 0.2, 1.0),
)
# Orientations whose canonical score is within this share of the coefficient scale are tried too.
ORIENTATION_MARGIN = 0.25


def _dct_matrix(n: int) -> np.ndarray:
    k = np.arange(n)[:, None]
    i = np.arange(n)[None, :]
    m = np.cos(np.pi * (2 * i + 1) * k / (2 * n)) * np.sqrt(2.0 / n)
    m[0] /= np.sqrt(2.0)
    return m.astype(np.float32)


_DCT = _dct_matrix(DCT_SIZE)
_EMPTY = np.zeros((0, WORDS), dtype=np.uint64)
# AC energy below this (after equalisation) means a flat, single-colour area.
BLANK_ENERGY = 1.0
_TONE_KERNEL = np.exp(-0.5 * (np.arange(-24, 25) / 8.0) ** 2).astype(np.float32)
_TONE_CURVE_SCALE = np.float32(255.0)
_ALT = np.where(np.arange(LOW) % 2 == 0, 1.0, -1.0).astype(np.float32)  # flips odd frequencies


@dataclass(frozen=True)
class HashParams:
    segments: tuple[tuple[float, float], ...] = SEGMENTS
    min_window_area: float = MIN_WINDOW_AREA
    orientation_margin: float = ORIENTATION_MARGIN
    locate: bool = True  # look for a photo inside a screenshot or caption band
    all_orientations: bool = False  # bench switch: try all 8 instead of the canonical ones
    strips: bool = True  # also match the four strips (stickers and text near an edge)


DEFAULT_PARAMS = HashParams()


def low_dct(area: np.ndarray) -> np.ndarray:
    """16x16 low-frequency DCT coefficients of a greyscale area."""
    small = np.asarray(Image.fromarray(area).resize((DCT_SIZE, DCT_SIZE), Image.Resampling.BOX))
    x = _TONE_CURVE_SCALE * _soft_cdf(small)[small]
    return (_DCT @ x @ _DCT.T)[:LOW, :LOW]


def _soft_cdf(small: np.ndarray) -> np.ndarray:
    """Histogram equalisation with a smoothed histogram.

    Plain equalisation makes brightness, contrast and tone filters drop out, but
    it blows up JPEG noise in flat areas (a grey sky, a black night) into big
    swings; smoothing the histogram over a few grey levels keeps the curve gentle.
    """
    hist = np.bincount(small.ravel(), minlength=256).astype(np.float32)
    cdf = np.cumsum(np.convolve(hist, _TONE_KERNEL, mode="same") + 1e-3)
    return ((cdf - cdf[0]) / (cdf[-1] - cdf[0])).astype(np.float32)


def orientations(c: np.ndarray) -> np.ndarray:
    """The 8 mirror/rotation variants of a coefficient block, shape (8, 16, 16)."""
    out = []
    for block in (c, c.T):
        for h in (False, True):
            for v in (False, True):
                b = block
                if h:
                    b = b * _ALT[None, :]
                if v:
                    b = b * _ALT[:, None]
                out.append(b)
    return np.stack(out)


def canonical_scores(variants: np.ndarray) -> np.ndarray:
    """Score >= 0 means the variant is the canonical orientation (up to ties)."""
    a = variants[:, 0, 1]
    b = variants[:, 1, 0]
    scale = np.sqrt(np.mean(variants[0, :8, :8] ** 2) - variants[0, 0, 0] ** 2 / 64) + 1e-6
    return np.minimum(np.minimum(a, b), np.abs(a) - np.abs(b)) / scale


def hash_rows(blocks: np.ndarray) -> np.ndarray:
    """(n, 16, 16) coefficient blocks -> (n, WORDS) uint64 rows: 63-bit hash, then the 143-bit one.

    Bits: coefficient above the block's median, DC left out (always above, so no information).
    """
    n = blocks.shape[0]
    coarse = blocks[:, :8, :8].reshape(n, -1)[:, 1:]
    fine = blocks[:, :FINE, :FINE].reshape(n, -1)[:, 1:]
    bits = np.zeros((n, WORDS * 64), dtype=bool)
    bits[:, 1:64] = coarse > np.median(coarse, axis=1, keepdims=True)
    bits[:, 64 : 64 + fine.shape[1]] = fine > np.median(fine, axis=1, keepdims=True)
    return np.packbits(bits, axis=1).view(">u8").astype(np.uint64)


def reference_rows(grey: np.ndarray, params: HashParams = DEFAULT_PARAMS) -> np.ndarray:
    """Bank side: one canonical hash row per sub-window of the photo.

    A photo whose own edge is uniform (a black silhouette under a sunset, a plain
    sky) is hashed both whole and trimmed: a draft with a frame added loses only
    the frame when trimmed, a plain copy loses the uniform edge too.
    """
    h, w = grey.shape
    trimmed = trim_borders(grey)
    areas = [(0, h, 0, w)] + ([trimmed] if _big_trim(trimmed, h, w) else [])
    return np.concatenate([_window_rows(grey[y0:y1, x0:x1], params) for y0, y1, x0, x1 in areas])


def windows(params: HashParams = DEFAULT_PARAMS) -> list[tuple[float, float, float, float]]:
    """The bank's sub-windows (y start, y end, x start, x end), in stored order."""
    return [
        (ys, ye, xs, xe)
        for ys, ye in params.segments
        for xs, xe in params.segments
        if (ye - ys) * (xe - xs) >= params.min_window_area - 1e-9
    ]


def strip_positions(params: HashParams = DEFAULT_PARAMS) -> list[int]:
    """Where the STRIPS sit among `windows(params)`."""
    boxes = windows(params)
    return [boxes.index(strip) for strip in STRIPS]


def _big_trim(box: tuple[int, int, int, int], h: int, w: int) -> bool:
    # Trims of a few lines are covered by the windows' overlap; only bigger ones count.
    y0, y1, x0, x1 = box
    return (y1 - y0) < 0.95 * h or (x1 - x0) < 0.95 * w


def _window_rows(photo: np.ndarray, params: HashParams) -> np.ndarray:
    return _canonical_rows(photo, windows(params))


def _canonical_rows(
    photo: np.ndarray, boxes: list[tuple[float, float, float, float]], margin: float | None = None
) -> np.ndarray:
    """Hash rows of sub-windows of an area: the canonical orientation of each, or with a
    margin every orientation that is canonical within it (the query side)."""
    h, w = photo.shape
    blocks = []
    for ys, ye, xs, xe in boxes:
        y0, x0 = int(round(ys * h)), int(round(xs * w))
        window = photo[y0 : max(int(round(ye * h)), y0 + 1), x0 : max(int(round(xe * w)), x0 + 1)]
        coefficients = low_dct(window)
        if margin is not None and _is_blank(coefficients):
            continue  # one flat colour: its hash would be noise, and could only match other noise
        variants = orientations(coefficients)
        scores = canonical_scores(variants)
        if margin is None:
            blocks.append(variants[int(np.argmax(scores))])
        else:
            blocks.extend(variants[scores >= min(-margin, float(scores.max()))])
    return hash_rows(np.stack(blocks)) if blocks else _EMPTY


def _is_blank(coefficients: np.ndarray) -> bool:
    ac = float(np.sum(coefficients**2) - coefficients[0, 0] ** 2)
    return ac < BLANK_ENERGY


def query_hashes(grey: np.ndarray, params: HashParams = DEFAULT_PARAMS) -> tuple[np.ndarray, np.ndarray]:
    """Query side: (rows of each candidate area, rows of its strips).

    Areas: the picture without uniform borders, and the photo found inside a
    screenshot or caption band. Strips: the trimmed picture less a fifth on one
    side, each matched only against the same strips of the references: a
    sticker or a line of text near one edge spoils the whole picture's hash,
    not all four strips.
    """
    h, w = grey.shape
    trimmed = trim_borders(grey)
    areas = [trimmed]
    if _big_trim(trimmed, h, w):
        areas.append((0, h, 0, w))  # the "border" may be the photo's own edge, flattened by an edit
    if params.locate:
        found = locate_photo(grey)
        if found is not None and all(_differs(found, a) for a in areas):
            areas.append(found)
    margin = 8.0 if params.all_orientations else params.orientation_margin
    rows = np.concatenate(
        [_canonical_rows(grey[y0:y1, x0:x1], [(0.0, 1.0, 0.0, 1.0)], margin) for y0, y1, x0, x1 in areas]
    )
    strips = _EMPTY
    if params.strips:
        # The trimmed picture's strips, and the located photo's (a screenshot's strips are mostly page).
        located = [areas[-1]] if len(areas) > 1 and params.locate and areas[-1] != areas[0] else []
        strips = np.concatenate(
            [_canonical_rows(grey[y0:y1, x0:x1], list(STRIPS), margin) for y0, y1, x0, x1 in [areas[0], *located]]
        )
    return rows, strips


def _differs(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return max(abs(p - q) for p, q in zip(a, b, strict=True)) > 2
