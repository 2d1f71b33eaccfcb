"""Image checker benchmark: recall per edit, false matches, speed. One run, one machine.

Needs the photos from `python bench/images/fetch_photos.py` (Debian packages).
Half the photos (shuffled with a fixed seed) are the bank of reference photos;
the other half are never added. Every edit in transforms.TRANSFORMS is applied
to every photo: edited bank photos must match their reference (recall), edited
other photos must match nothing (false-match rate).

  python bench/images/bench_images.py            # everything
  python bench/images/bench_images.py --quick    # fewer timing repeats
  python bench/images/bench_images.py --tune     # distance percentiles for choosing thresholds

Edited copies are cached in bench/.cache/edited: delete it after changing transforms.py.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

from postguard.images.decode import decode
from postguard.images.hashing import DEFAULT_PARAMS, WORDS, HashParams, query_hashes, reference_rows
from postguard.images.index import (
    CLOSE_COARSE_DISTANCE,
    CLOSE_FINE_DISTANCE,
    MAX_COARSE_DISTANCE,
    MAX_FINE_DISTANCE,
    STRIP_COARSE_DISTANCE,
    STRIP_FINE_DISTANCE,
    HashIndex,
    strip_mask,
)

HERE = Path(__file__).resolve().parent
CACHE = HERE.parent / ".cache"
PHOTOS = CACHE / "photos"
SEED = 20261124
EDIT_SIDE = 2048  # photos are edited at upload size (Facebook keeps at most 2048 px)

sys.path.insert(0, str(HERE))
from transforms import TRANSFORMS, fit  # noqa: E402


def load_photos(seed: int = SEED) -> tuple[list[Path], list[Path]]:
    photos = sorted(PHOTOS.glob("*.jpg"))
    if len(photos) < 20:
        sys.exit("Too few photos: run `python bench/images/fetch_photos.py` first.")
    random.Random(seed).shuffle(photos)
    half = len(photos) // 2
    return photos[:half], photos[half:]


def edited_files(photos: list[Path], rounds: int) -> dict[tuple[str, str, int], Path]:
    """Edited copies on disk (cached: the same seed gives the same edits)."""
    out: dict[tuple[str, str, int], Path] = {}
    folder = CACHE / "edited"
    folder.mkdir(parents=True, exist_ok=True)
    for photo in photos:
        base = None
        for name in TRANSFORMS:
            for rnd in range(rounds):
                path = folder / f"{photo.stem}__{name}__{rnd}.bin"
                if not path.exists():
                    if base is None:
                        with Image.open(photo) as im:
                            base = fit(im.convert("RGB"), EDIT_SIDE)
                    rng = random.Random(f"{SEED}/{photo.stem}/{name}/{rnd}")
                    path.write_bytes(TRANSFORMS[name][1](base, rng))
                out[(photo.stem, name, rnd)] = path
    return out


def build_bank(bank: list[Path], params: HashParams) -> tuple[np.ndarray, np.ndarray]:
    rows, owners = [], []
    for i, photo in enumerate(bank):
        r = reference_rows(decode(photo).grey, params)
        rows.append(r)
        owners.append(np.full(len(r), i))
    return np.concatenate(rows), np.concatenate(owners)


def accuracy(bank: list[Path], negatives: list[Path], rounds: int, params: HashParams) -> dict:
    rows, owners = build_bank(bank, params)
    index = HashIndex(rows, owners, strip_mask(owners))
    edited = edited_files(bank + negatives, rounds)
    owner_of = {p.stem: i for i, p in enumerate(bank)}
    per = {name: [0, 0, 0, 0] for name in TRANSFORMS}  # hits, positives, false, negatives
    tune: dict[str, list[tuple[int, int]]] = {name: [] for name in TRANSFORMS}
    neg_best: list[int] = []
    for (stem, name, _rnd), path in edited.items():
        q, strips = query_hashes(decode(data=path.read_bytes()).grey, params)
        hits = index.search(q, strips)
        stat = per[name]
        coarse = np.bitwise_count(rows[:, 0][None, :] ^ q[:, :1])
        fine = np.bitwise_count(rows[None, :, 1:] ^ q[:, None, 1:]).sum(-1)
        if stem in owner_of:
            stat[1] += 1
            stat[0] += any(h.owner == owner_of[stem] for h in hits)
            mine = owners == owner_of[stem]
            tune[name].append((int(coarse[:, mine].min()), int(fine[:, mine].min())))
        else:
            stat[3] += 1
            stat[2] += bool(hits)
            gate = coarse <= index.max_coarse
            neg_best.append(int(fine[gate].min()) if gate.any() else 143)
    return {"per": per, "tune": tune, "neg_best": neg_best, "bank_rows": len(rows)}


def report_accuracy(result: dict, show_tune: bool) -> None:
    per = result["per"]
    print(
        f"\nRecall per edit (bank rows: {result['bank_rows']}; "
        f"match: coarse <= {MAX_COARSE_DISTANCE} of 63 bits and fine <= {MAX_FINE_DISTANCE} of 143, "
        f"or coarse <= {CLOSE_COARSE_DISTANCE} and fine <= {CLOSE_FINE_DISTANCE}; "
        f"strips: {STRIP_COARSE_DISTANCE} and {STRIP_FINE_DISTANCE})"
    )
    print(f"{'edit':22} {'group':9} {'recall':>8} {'found':>9} {'false':>7}")
    groups: dict[str, list[int]] = {}
    total_false = total_neg = 0
    for name, (hits, pos, false, neg) in per.items():
        group = TRANSFORMS[name][0]
        g = groups.setdefault(group, [0, 0])
        g[0] += hits
        g[1] += pos
        total_false += false
        total_neg += neg
        print(f"{name:22} {group:9} {100 * hits / max(pos, 1):7.1f}% {hits:>4}/{pos:<4} {false:>3}/{neg}")
    for group, (hits, pos) in groups.items():
        print(f"{'ALL ' + group:32} {100 * hits / max(pos, 1):7.1f}% {hits:>4}/{pos:<4}")
    print(f"false matches on negatives: {total_false}/{total_neg} = {100 * total_false / max(total_neg, 1):.2f}%")
    if show_tune:
        print(
            "\nDistances to the right reference (min over windows/orientations): coarse p50/p90/max, fine p50/p90/max"
        )
        for name, pairs in result["tune"].items():
            if pairs:
                a = np.array(pairs)
                print(
                    f"{name:22} coarse {np.percentile(a[:, 0], 50):5.0f} {np.percentile(a[:, 0], 90):5.0f}"
                    f" {a[:, 0].max():5d}"
                    f"   fine {np.percentile(a[:, 1], 50):5.0f} {np.percentile(a[:, 1], 90):5.0f} {a[:, 1].max():5d}"
                )
        nb = np.array(result["neg_best"])
        print(
            f"negatives: nearest fine distance (after the coarse gate) min {nb.min()} p1 {np.percentile(nb, 1):.0f} "
            f"p5 {np.percentile(nb, 5):.0f} p50 {np.percentile(nb, 50):.0f}"
        )


def big_jpegs(photos: list[Path], count: int, grain: float) -> list[Path]:
    """12-megapixel JPEGs (4000x3000, quality 92) made from the real photos. Upscaled photos
    are smoother than a camera's (about 1 MB); with sensor-like grain they weigh what a
    phone's photos do (2-4 MB), and JPEG decoding time grows with the bytes."""
    folder = CACHE / f"12mp_grain{grain:g}"
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    out = []
    for photo in photos[:count]:
        path = folder / f"{photo.stem}.jpg"
        if not path.exists():
            with Image.open(photo) as im:
                big = np.asarray(im.convert("RGB").resize((4000, 3000), Image.Resampling.BICUBIC), dtype=np.int16)
            if grain:
                big = big + rng.normal(0, grain, big.shape).astype(np.int16)
            Image.fromarray(np.clip(big, 0, 255).astype(np.uint8)).save(path, "JPEG", quality=92)
        out.append(path)
    return out


def speed(bank: list[Path], negatives: list[Path], repeats: int) -> None:
    import imagehash

    rows, owners = build_bank(bank, DEFAULT_PARAMS)
    per_photo = len(rows) // len(bank)
    rng = np.random.default_rng(SEED)
    fillers = 100_000 - len(bank)
    # A 100,000-photo bank: the real references plus random hashes for the rest.
    big = np.concatenate([rows, rng.integers(0, 2**64, (fillers * per_photo, WORDS), dtype=np.uint64)])
    big_owners = np.concatenate([owners, np.repeat(np.arange(len(bank), 100_000), per_photo)])
    index = HashIndex(big, big_owners, strip_mask(big_owners))
    print(
        f"\nSpeed, bank of 100,000 photos = {len(index):,} hashes; 12 MP JPEGs (4000x3000), "
        f"20 files x {repeats} repeats each; medians:"
    )
    for grain in (0, 5):
        files = big_jpegs(bank[:10] + negatives[:10], 20, grain)
        ours, theirs = [], []
        for _ in range(repeats):
            for path in files:
                t = time.perf_counter()
                index.search(*query_hashes(decode(path).grey))
                ours.append(time.perf_counter() - t)
                t = time.perf_counter()
                imagehash.phash(Image.open(path))
                theirs.append(time.perf_counter() - t)
        m_ours, m_theirs = statistics.median(ours), statistics.median(theirs)
        mb = statistics.median(p.stat().st_size for p in files) / 1e6
        label = "smooth upscale" if not grain else "with grain"
        print(
            f"  {label:15} ({mb:.1f} MB): PostGuard end to end (decode, hash, match) {1e3 * m_ours:.1f} ms; "
            f"imagehash.phash(Image.open(path)) alone {1e3 * m_theirs:.1f} ms; ratio {m_theirs / m_ours:.1f}x"
        )
    million = HashIndex(rng.integers(0, 2**64, (1_000_000, WORDS), dtype=np.uint64), np.arange(1_000_000))
    q = rng.integers(0, 2**64, (1, WORDS), dtype=np.uint64)
    times = []
    for _ in range(30 * repeats):
        t = time.perf_counter()
        million.search(q)
        times.append(time.perf_counter() - t)
    print(f"  lookup of one hash in 1,000,000: median {1e3 * statistics.median(times):.2f} ms")
    qs = [query_hashes(decode(p).grey)[0] for p in big_jpegs(bank[:10] + negatives[:10], 20, 0)]
    print(f"  query hashes per photo (areas x orientations tried): mean {np.mean([len(x) for x in qs]):.2f}")


def whole_check_speed(bank: list[Path], negatives: list[Path], repeats: int) -> None:
    """Issue 11: a 12 MP JPEG's whole check (read, decode, hash, face detection, match against a
    1,000-photo bank) beside the reduced-scale decode alone of the same file, in one run."""
    from postguard.images.faces import shared_detector
    from postguard.images.fingerprint import fingerprint_of

    rows, owners = build_bank(bank, DEFAULT_PARAMS)
    per_photo = len(rows) // len(bank)
    rng = np.random.default_rng(SEED + 11)
    fillers = 1_000 - len(bank)
    big = np.concatenate([rows, rng.integers(0, 2**64, (fillers * per_photo, WORDS), dtype=np.uint64)])
    big_owners = np.concatenate([owners, np.repeat(np.arange(len(bank), 1_000), per_photo)])
    index = HashIndex(big, big_owners, strip_mask(big_owners))
    # People photos first (kphotoalbum's demo album), so face detection has faces to find.
    people_first = sorted(bank + negatives, key=lambda p: (not p.name.startswith("kphotoalbum"), p.name))
    files = big_jpegs(people_first[:10], 10, 5)
    shared_detector()  # loaded once, as in the daemon
    decode_alone, whole, faces_alone, found = [], [], [], 0
    for _ in range(repeats):
        for path in files:
            t = time.perf_counter()
            decode(data=path.read_bytes())
            decode_alone.append(time.perf_counter() - t)
            t = time.perf_counter()
            fp = fingerprint_of(path=path)
            index.search(fp.rows(), fp.part_rows())
            whole.append(time.perf_counter() - t)
            found += bool(fp.faces)
            rgb = decode(data=path.read_bytes(), colour=True).rgb
            t = time.perf_counter()
            shared_detector().detect(rgb)
            faces_alone.append(time.perf_counter() - t)
    m_decode, m_whole, m_faces = (statistics.median(x) for x in (decode_alone, whole, faces_alone))
    mb = statistics.median(p.stat().st_size for p in files) / 1e6
    print(
        f"\nWhole check of a 12 MP JPEG (4000x3000, with grain, {mb:.1f} MB; {len(files)} files x {repeats}; "
        f"bank of 1,000 photos = {len(index):,} hashes; medians):"
    )
    print(f"  reduced-scale decode alone (file read + greyscale 1/8 decode): {1e3 * m_decode:.1f} ms")
    print(
        f"  whole check (read, colour decode, hash, face detection, match): {1e3 * m_whole:.1f} ms; "
        f"ratio {m_whole / m_decode:.2f}x (aim <= 2x)"
    )
    print(f"  of which face detection (5 BlazeFace passes; 8 when none is found upright): {1e3 * m_faces:.1f} ms")
    print(f"  photos where faces were found: {found // repeats}/{len(files)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer timing repeats")
    parser.add_argument("--tune", action="store_true", help="print distance percentiles")
    parser.add_argument("--rounds", type=int, default=1, help="random edits per photo and edit")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--split-seed", type=int, default=SEED, help="another bank/other split of the photos")
    parser.add_argument("--all-orientations", action="store_true", help="try all 8 orientations")
    parser.add_argument("--no-strips", action="store_true", help="do not match strips (A/B)")
    parser.add_argument("--whole-only", action="store_true", help="only the whole-check speed (issue 11)")
    args = parser.parse_args()
    bank, negatives = load_photos(args.split_seed)
    print(
        f"Image checker benchmark: {len(bank)} bank photos, {len(negatives)} other photos, "
        f"{len(TRANSFORMS)} edits x {args.rounds} round(s), Debian package photos"
    )
    if args.whole_only:
        whole_check_speed(bank, negatives, 1 if args.quick else 3)
        return
    params = HashParams(all_orientations=args.all_orientations, strips=not args.no_strips)
    report_accuracy(accuracy(bank, negatives, args.rounds, params), args.tune)
    if not args.no_speed:
        speed(bank, negatives, 1 if args.quick else 3)
        whole_check_speed(bank, negatives, 1 if args.quick else 3)


if __name__ == "__main__":
    main()
