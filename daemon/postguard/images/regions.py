"""Where the photo is in a picture: uniform borders to trim, a photo inside a screenshot.

Works on the greyscale working copy (see decode.py); pixel sizes below are in it.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

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
    spreads = np.sqrt(
        np.maximum(np.bincount(flat_labels, weights=values * values, minlength=count + 1) / sizes - means**2, 0)
    )
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
    box = _shave(
        flat_background, (max(0, ys.start - pad), min(h, ys.stop + pad), max(0, xs.start - pad), min(w, xs.stop + pad))
    )
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
