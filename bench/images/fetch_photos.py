"""Fetch real photographs for the image benchmark from Debian packages.

Uses the system's apt (`apt-get download`, no install) and `dpkg-deb -x` into
bench/.cache/ (gitignored). Keeps JPEG photos at least MIN_SIDE pixels on the
short side, de-duplicated by content, under bench/.cache/photos/.
Run: python bench/images/fetch_photos.py   (idempotent; runs `apt-get update` if a download fails)
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

# Packages that ship photographs, and which of their folders hold photos (not
# drawings, chessboards, logos or tutorial outputs of the same few photos).
PACKAGES: dict[str, tuple[str, ...]] = {
    "kphotoalbum": ("usr/share/kphotoalbum/demo",),
    "palapeli-data": ("usr/share/palapeli/collection",),  # (its backgrounds/ are textures)
    "mate-backgrounds": ("usr/share/backgrounds/mate/nature",),
    "lxqt-themes": ("usr/share/lxqt/wallpapers",),
    "plasma-workspace-wallpapers": ("usr/share/wallpapers",),
    "lomiri-wallpapers-16.04": ("usr/share/backgrounds",),
    "lomiri-wallpapers-20.04": ("usr/share/backgrounds",),
    "ukui-wallpapers": ("usr/share/backgrounds",),
    "opencv-doc": (
        "usr/share/doc/opencv-doc/examples/data",
        "usr/share/doc/opencv-doc/examples/hfs",
        "usr/share/doc/opencv-doc/examples/alphamat",
    ),
}
# Calibration chessboards, synthetic test pictures and logos are not photographs.
SKIP_PREFIXES = (
    "left",
    "right",
    "text_",
    "board",
    "ellipses",
    "pca_test",
    "testdata",
    "WindowsLogo",
    "LinuxLogo",
    "blox",
    "Blender_",
    "ela_modified",
    # second views of the same scene (stereo pairs): the same photo, in effect
    "aloeR",
    "leuvenB",
    "aero3",
    # drawings and abstract art among the wallpapers
    "waves-purple-logo",
    "umang_",
    "analogpattern_",
    "Fossa_",
    "Infinite-Sea_",
    "Painting-Colors_",
    "string",
    "2004default",
    "firstgeneration",
    "the-mouse",
    "rhythm",
)
ART_FOLDERS = {"Flow", "Autumn", "PastelHills", "SafeLanding", "Honeywave", "Shell"}
MIN_SIDE = 300
CACHE = Path(__file__).resolve().parents[1] / ".cache"
PHOTO_SUFFIXES = {".jpg", ".jpeg"}


_lists_updated = False


def _update_package_lists() -> bool:
    """A fresh machine has no package lists yet: `apt-get update` once, then retry."""
    global _lists_updated
    if _lists_updated:
        return False
    _lists_updated = True
    return subprocess.run(["apt-get", "update"], capture_output=True).returncode == 0


def fetch_package(name: str) -> Path | None:
    debs = CACHE / "debs"
    root = CACHE / "extract" / name
    if root.exists():
        return root
    debs.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["apt-get", "download", name], cwd=debs, capture_output=True, text=True)
    if done.returncode != 0 and _update_package_lists():
        done = subprocess.run(["apt-get", "download", name], cwd=debs, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"  {name}: apt-get download failed: {done.stderr.strip()[:200]}", file=sys.stderr)
        return None
    deb = max(debs.glob(f"{name}_*.deb"), key=lambda p: p.stat().st_mtime)
    tmp = root.with_name(name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp)], check=True)
    tmp.rename(root)
    deb.unlink()  # keep only the extracted photos
    return root


def candidates(root: Path, folders: tuple[str, ...]) -> list[Path]:
    found = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if (
                path.suffix.lower() in PHOTO_SUFFIXES
                and path.is_file()
                and not path.is_symlink()
                and not path.name.startswith(SKIP_PREFIXES)
                and not ART_FOLDERS & set(path.parts)
            ):
                found.append(path)
    # Wallpaper packages ship each photo at many sizes: keep the largest of each folder.
    by_folder: dict[Path, Path] = {}
    rest = []
    for path in found:
        if path.parent.name.startswith("images"):
            best = by_folder.get(path.parent.parent)
            if best is None or path.stat().st_size > best.stat().st_size:
                by_folder[path.parent.parent] = path
        else:
            rest.append(path)
    return rest + sorted(by_folder.values())


def collect(paths: list[Path], package: str, out: Path, seen: set[str]) -> int:
    kept = 0
    for path in paths:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            continue
        try:
            with Image.open(path) as im:
                if min(im.size) < MIN_SIDE or im.mode not in ("RGB", "L", "CMYK"):
                    continue
        except Exception:
            continue
        seen.add(digest)
        (out / f"{package}__{digest[:12]}.jpg").write_bytes(data)
        kept += 1
    return kept


def main() -> None:
    out = CACHE / "photos"
    out.mkdir(parents=True, exist_ok=True)
    seen_full: set[str] = set()
    for p in out.glob("*.jpg"):
        seen_full.add(hashlib.sha256(p.read_bytes()).hexdigest())
    for name, folders in PACKAGES.items():
        root = fetch_package(name)
        if root is None:
            continue
        kept = collect(candidates(root, folders), name, out, seen_full)
        print(f"{name}: {kept} new photos")
    print(f"{len(list(out.glob('*.jpg')))} photos in {out}")


if __name__ == "__main__":
    main()
