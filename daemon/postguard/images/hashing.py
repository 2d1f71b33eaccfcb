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
photo (augmenting the bank, not the query). Borders, letterboxing, caption
bands and screenshots: the query side trims uniform borders and locates the
photo inside a larger picture, and hashes both areas.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image
from scipy import ndimage

HASH_VERSION = 4
DCT_SIZE = 32
LOW = 16  # coefficients kept per area (orientation handling works on this block)
FINE = 12  # the confirming hash uses the 12x12 corner: 143 bits
WORDS = 4  # uint64 words per stored hash row: the 63-bit hash, then 3 words of the 143-bit one

# Sub-windows of a reference photo along each axis (start, end), as fractions, and the
# smallest share of the photo a window keeps: crops of up to a quarter land near one.
SEGMENTS: tuple[tuple[float, float], ...] = (
    (0.0, 1.0), (0.0, 0.9), (0.05, 0.95), (0.1, 1.0),
    (0.0, 0.8), (0.0667, 0.8667), (0.1333, 0.9333), (0.2, 1.0),
)
MIN_WINDOW_AREA = 0.7
# The picture less a fifth at the bottom, top, right or left: windows the bank holds too.
STRIPS: tuple[tuple[float, float, float, float], ...] = (
    (0.0, 0.8, 0.0, 1.0), (0.2, 1.0, 0.0, 1.0), (0.0, 1.0, 0.0, 0.8), (0.0, 1.0, 0.2, 1.0),
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
    bits[:, 64:64 + fine.shape[1]] = fine > np.median(fine, axis=1, keepdims=True)
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
    return [(ys, ye, xs, xe) for ys, ye in params.segments for xs, xe in params.segments
            if (ye - ys) * (xe - xs) >= params.min_window_area - 1e-9]


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


def _canonical_rows(photo: np.ndarray, boxes: list[tuple[float, float, float, float]],
                    margin: float | None = None) -> np.ndarray:
    """Hash rows of sub-windows of an area: the canonical orientation of each, or with a
    margin every orientation that is canonical within it (the query side)."""
    h, w = photo.shape
    blocks = []
    for ys, ye, xs, xe in boxes:
        y0, x0 = int(round(ys * h)), int(round(xs * w))
        window = photo[y0:max(int(round(ye * h)), y0 + 1), x0:max(int(round(xe * w)), x0 + 1)]
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
    ac = float(np.sum(coefficients ** 2) - coefficients[0, 0] ** 2)
    return ac < BLANK_ENERGY


def query_rows(grey: np.ndarray, params: HashParams = DEFAULT_PARAMS) -> np.ndarray:
    """Query side: hash rows of each plausible orientation of each candidate area."""
    return query_hashes(grey, params)[0]


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
    rows = np.concatenate([_canonical_rows(grey[y0:y1, x0:x1], [(0.0, 1.0, 0.0, 1.0)], margin)
                           for y0, y1, x0, x1 in areas])
    y0, y1, x0, x1 = areas[0]
    strips = _canonical_rows(grey[y0:y1, x0:x1], list(STRIPS), margin) if params.strips else _EMPTY
    return rows, strips


def _differs(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return max(abs(p - q) for p, q in zip(a, b)) > 2


# -- finding the photo ----------------------------------------------------------
# A line is border when this share of it is the border colour: a short caption
# written on a band still counts as band.
BORDER_SHARE = 0.9

def trim_borders(grey: np.ndarray, tol: int = 12) -> tuple[int, int, int, int]:
    """Bounds (y0, y1, x0, x1) without uniform borders or letterbox bars."""
    h, w = grey.shape
    g = grey.astype(np.int16)

    def run(lines: np.ndarray) -> int:
        # Leading lines that are (almost) all the colour of the outermost line.
        ref = int(np.median(lines[0]))
        uniform = (np.abs(lines - ref) <= tol).mean(axis=1) >= BORDER_SHARE
        return int(np.argmin(uniform)) if not uniform.all() else len(uniform)

    top = run(g)
    bottom = h - run(g[::-1])
    left = run(g.T)
    right = w - run(g.T[::-1])
    if bottom - top < max(8, h // 4) or right - left < max(8, w // 4):
        return 0, h, 0, w  # nearly all uniform: keep the whole picture
    return top, bottom, left, right


SEAM = 2  # pixels of the working copy
TEXT_LINE = 3  # half the height of a line of text in the working copy


def locate_photo(grey: np.ndarray) -> tuple[int, int, int, int] | None:
    """Bounds of the main photo when it sits in a screenshot, caption band or frame.

    Screen backgrounds and caption bands are flat areas of one colour touching the
    picture's edge; a photo is the largest connected area of texture left.
    """
    h, w = grey.shape
    if not _edge_has_flat_runs(grey):
        return None  # an ordinary photo: no page, band or frame around it (most drafts; saves time)
    g = grey.astype(np.int16)
    flat = np.ones((h, w), dtype=bool)
    dx = np.abs(np.diff(g, axis=1)) <= 1
    dy = np.abs(np.diff(g, axis=0)) <= 1
    flat[:, 1:] &= dx
    flat[:, :-1] &= dx
    flat[1:, :] &= dy
    flat[:-1, :] &= dy
    labels, count = ndimage.label(flat)
    if count == 0:
        return None
    # Per flat area: size, mean and spread of grey level (bincount: one pass each).
    flat_labels = labels.ravel()
    values = grey.ravel().astype(np.float64)
    sizes = np.bincount(flat_labels, minlength=count + 1).astype(np.float64)
    sizes[0] = 1
    means = np.bincount(flat_labels, weights=values, minlength=count + 1) / sizes
    spreads = np.sqrt(np.maximum(
        np.bincount(flat_labels, weights=values * values, minlength=count + 1) / sizes - means ** 2, 0))
    uniform = spreads <= 3.0
    uniform[0] = False
    edge = np.zeros(count + 1, dtype=bool)
    edge[np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])] = True
    outer = edge & uniform & (sizes >= 0.02 * h * w)
    if not outer.any():
        return None
    # Flat patches of a background colour cut off from the edge (a card above the photo).
    gap = np.abs(means[:, None] - means[outer][None, :]).min(axis=1)
    background = outer | (uniform & (sizes >= 0.005 * h * w) & (gap <= 2.0))
    background[0] = False
    # Grow the background a little: the seams between two flat areas (page and card)
    # and thin text strokes would otherwise link everything into one piece.
    flat_background = background[labels]
    background = ndimage.binary_dilation(flat_background, iterations=SEAM)
    # Erode what is left so lines of text next to the photo fall away from it.
    content = ndimage.binary_erosion(~background, iterations=TEXT_LINE)
    parts, n = ndimage.label(content)
    if n == 0:
        return None
    sizes = ndimage.sum_labels(content, parts, np.arange(1, n + 1))
    biggest = int(np.argmax(sizes)) + 1
    ys, xs = ndimage.find_objects((parts == biggest).astype(np.int32))[0]
    pad = SEAM + TEXT_LINE
    box = _shave(flat_background, (max(0, ys.start - pad), min(h, ys.stop + pad),
                                   max(0, xs.start - pad), min(w, xs.stop + pad)))
    box_area = (box[1] - box[0]) * (box[3] - box[2])
    if box_area > 0.92 * h * w or box_area < 0.05 * h * w or min(box[1] - box[0], box[3] - box[2]) < 24:
        return None
    return box


def _shave(background: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """Drop edge lines of the box that are mostly page background (a line of text under a photo)."""
    y0, y1, x0, x1 = box
    while y1 - y0 > 8 and background[y0, x0:x1].mean() > 0.3:
        y0 += 1
    while y1 - y0 > 8 and background[y1 - 1, x0:x1].mean() > 0.3:
        y1 -= 1
    while x1 - x0 > 8 and background[y0:y1, x0].mean() > 0.3:
        x0 += 1
    while x1 - x0 > 8 and background[y0:y1, x1 - 1].mean() > 0.3:
        x1 -= 1
    return y0, y1, x0, x1


def _edge_has_flat_runs(grey: np.ndarray, share: float = 0.25) -> bool:
    """Cheap test first: is at least `share` of the picture's outer edge one grey level (+-1)?

    Pages, bands and frames are; a photo's edge (even a smooth sky, which drifts
    through many levels) rarely is.
    """
    edge = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    counts = np.bincount(edge, minlength=256)
    return bool(np.convolve(counts, np.ones(3), mode="same").max() >= share * len(edge))
