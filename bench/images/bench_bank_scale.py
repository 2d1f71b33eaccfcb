"""The reference bank at a school's scale (issue 11): false matches with a bank of 1,000 reference
photos against 20,000 drafts that are not in it, and recall on everyday edits against that bank.

Real photographs only: bench/.cache/photos (Debian packages, `fetch_photos.py`) and scikit-image's
bundled photos. There are about a hundred distinct source photos, far fewer than 21,000, so the
references and drafts are distinct crops of them (a random window of 30-85% of the photo's area,
random position and shape). The sources are split in two first: no source photo, so no scene, is on
both sides, and every match of a draft is a false match.

  python bench/images/bench_bank_scale.py            # 1,000 references, 20,000 drafts
  python bench/images/bench_bank_scale.py --drafts 2000 --edits 50   # quicker
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

from postguard.images.decode import WORK_SIDE, decode
from postguard.images.hashing import query_hashes, reference_rows
from postguard.images.index import HashIndex, strip_mask

HERE = Path(__file__).resolve().parent
PHOTOS = HERE.parent / ".cache" / "photos"
SEED = 20261201
SOURCE_SIDE = 1024  # sources are kept at this long side; crops are shrunk as decode() would

sys.path.insert(0, str(HERE))
from transforms import TRANSFORMS  # noqa: E402

# scikit-image photos (not drawings, microscopy or synthetic pictures); the motorcycle is a stereo pair
# (one scene), so only its left view.
SKIMAGE_PHOTOS = (
    "astronaut.png",
    "camera.png",
    "chelsea.png",
    "coffee.png",
    "rocket.jpg",
    "motorcycle_left.png",
    "hubble_deep_field.jpg",
    "grass.png",
    "gravel.png",
    "brick.png",
    "coins.png",
    "moon.png",
)


def sources() -> list[tuple[str, Image.Image]]:
    paths = sorted(PHOTOS.glob("*.jpg"))
    if len(paths) < 40:
        sys.exit("Too few photos: run `python bench/images/fetch_photos.py` first.")
    try:
        import skimage

        paths += [Path(skimage.__file__).parent / "data" / name for name in SKIMAGE_PHOTOS]
    except ImportError:
        print("(scikit-image not installed: Debian photos only)")
    out = []
    for path in paths:
        with Image.open(path) as im:
            img = im.convert("RGB")
        img.thumbnail((SOURCE_SIDE, SOURCE_SIDE), Image.Resampling.LANCZOS)
        out.append((path.name, img))
    return out


def random_crop(img: Image.Image, rng: random.Random) -> Image.Image:
    w, h = img.size
    area = rng.uniform(0.3, 0.85)
    aspect = rng.uniform(0.6, 1.6)
    cw = min(w, max(32, int(round(w * np.sqrt(area * aspect)))))
    ch = min(h, max(32, int(round(h * np.sqrt(area / aspect)))))
    x0, y0 = rng.randrange(0, w - cw + 1), rng.randrange(0, h - ch + 1)
    return img.crop((x0, y0, x0 + cw, y0 + ch))


def working_grey(img: Image.Image) -> np.ndarray:
    """The greyscale working copy decode() makes of a JPEG: long side at most WORK_SIDE."""
    grey = img.convert("L")
    if max(grey.size) > WORK_SIDE:
        ratio = WORK_SIDE / max(grey.size)
        grey = grey.resize((max(1, round(grey.width * ratio)), max(1, round(grey.height * ratio))), Image.BOX)
    return np.asarray(grey, dtype=np.uint8)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--references", type=int, default=1_000)
    parser.add_argument("--drafts", type=int, default=20_000)
    parser.add_argument("--edits", type=int, default=300, help="bank references edited for the recall check")
    args = parser.parse_args()
    rng = random.Random(SEED)
    photos = sources()
    rng.shuffle(photos)
    half = len(photos) // 2
    bank_sources, draft_sources = photos[:half], photos[half:]
    print(
        f"Bank at school scale: {len(photos)} distinct source photos, {len(bank_sources)} for references and "
        f"{len(draft_sources)} for drafts (no scene on both sides); {args.references:,} references, "
        f"{args.drafts:,} drafts (random crops of the sources)"
    )
    started = time.perf_counter()
    references: list[Image.Image] = []
    rows, owners = [], []
    for i in range(args.references):
        crop = random_crop(bank_sources[i % len(bank_sources)][1], rng)
        references.append(crop)
        r = reference_rows(working_grey(crop))
        rows.append(r)
        owners.append(np.full(len(r), i))
    owner_array = np.concatenate(owners)
    index = HashIndex(np.concatenate(rows), owner_array, strip_mask(owner_array))
    print(f"  bank: {args.references:,} references = {len(index):,} hashes ({time.perf_counter() - started:.0f} s)")

    started = time.perf_counter()
    false_drafts = 0
    worst: list[tuple[int, str]] = []
    for j in range(args.drafts):
        name, source = draft_sources[j % len(draft_sources)]
        hits = index.search(*query_hashes(working_grey(random_crop(source, rng))))
        if hits:
            false_drafts += 1
            worst.append((hits[0].distance, name))
    elapsed = time.perf_counter() - started
    print(
        f"  false matches: {false_drafts} of {args.drafts:,} drafts = {1e4 * false_drafts / args.drafts:.2f} per "
        f"10,000 (aim <= 1); {1e3 * elapsed / args.drafts:.1f} ms per draft"
    )
    if worst:
        print("  matched drafts (distance, source): " + ", ".join(f"{d} {n}" for d, n in sorted(worst)[:10]))

    everyday = [name for name, (group, _) in TRANSFORMS.items() if group == "everyday"]
    per = dict.fromkeys(everyday, 0)
    picked = rng.sample(range(args.references), min(args.edits, args.references))
    started = time.perf_counter()
    for ref in picked:
        for name in everyday:
            data = TRANSFORMS[name][1](references[ref], random.Random(f"{SEED}/{ref}/{name}"))
            hits = index.search(*query_hashes(decode(data=data).grey))
            per[name] += any(h.owner == ref for h in hits)
    total = sum(per.values())
    n = len(picked) * len(everyday)
    print(
        f"  recall on everyday edits against the 1,000-photo bank: {total}/{n} = {100 * total / n:.2f}% "
        f"(aim >= 99%; {len(picked)} references x {len(everyday)} edits, {time.perf_counter() - started:.0f} s)"
    )
    low = [f"{k} {100 * v / len(picked):.1f}%" for k, v in per.items() if v < len(picked)]
    if low:
        print("  edits below 100%: " + ", ".join(low))


if __name__ == "__main__":
    main()
