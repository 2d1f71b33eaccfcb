"""Real photographs with and without people, from registry packages, labelled by hand.

- scikit-image's bundled data (PyPI, the test extra): skimage/data/*.
- Debian packages fetched by `make test-photos` (bench/images/fetch_photos.py: `apt-get download` and
  `dpkg-deb -x` into bench/.cache/, never at test time): kphotoalbum's demo album, desktop wallpapers,
  opencv-doc's sample pictures. Their file names carry a content hash, so a label cannot drift onto
  another photo.

Each label says what a person sees: "people" when at least one person is in the photo (even when their
face is hidden or turned away: the detector is measured honestly), and the kind of photo.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH_PHOTOS = ROOT / "bench" / ".cache" / "photos"
OPENCV_EXAMPLES = (
    ROOT / "bench" / ".cache" / "extract" / "opencv-doc" / "usr" / "share" / "doc" / "opencv-doc" / "examples"
)

# name -> (people in it?, kind)
LABELS: dict[str, tuple[bool, str]] = {
    # kphotoalbum demo album: a family's snapshots
    "kphotoalbum__12f4d580dff5.jpg": (True, "group of three"),
    "kphotoalbum__1c92d7742630.jpg": (True, "beach, people far away"),
    "kphotoalbum__1e5e3880f65a.jpg": (True, "two people, photo taken sideways"),
    "kphotoalbum__5b3b5a6cdf04.jpg": (True, "close-up portrait"),
    "kphotoalbum__5d60136f1143.jpg": (True, "two people, photo taken sideways"),
    "kphotoalbum__75dea938bf86.jpg": (True, "portrait on a beach"),
    "kphotoalbum__7814adbefb96.jpg": (True, "person at a distance, hat"),
    "kphotoalbum__82f0e4ec1906.jpg": (True, "person in the dark, face hidden"),
    "kphotoalbum__a262d1ec436c.jpg": (True, "portrait"),
    "kphotoalbum__c6b1c7923638.jpg": (True, "two people playing pool, faces turned"),
    "kphotoalbum__dd422c963594.jpg": (True, "person lying down"),
    "kphotoalbum__dd57f8a93ea8.jpg": (True, "couple with people behind"),
    "kphotoalbum__e2a3ebc63306.jpg": (True, "couple"),
    "kphotoalbum__e7c5112cad40.jpg": (True, "portrait"),
    "kphotoalbum__17ca43c9fb3b.jpg": (False, "aerial view"),
    "kphotoalbum__4d222fe25556.jpg": (False, "animal: rabbit"),
    "kphotoalbum__5a72fc60a654.jpg": (False, "animal: vivarium"),
    "kphotoalbum__710657460868.jpg": (False, "airport in snow"),
    "kphotoalbum__923ba3a8d169.jpg": (False, "canyon"),
    "kphotoalbum__9bbab84f2043.jpg": (False, "animal: rabbit in a box"),
    "kphotoalbum__b476b81f11db.jpg": (False, "animal: dog, close"),
    "kphotoalbum__c98f91990752.jpg": (False, "animal: dog in a wood"),
    "kphotoalbum__d7c724e47d68.jpg": (False, "sea"),
    "kphotoalbum__da4a44a03272.jpg": (False, "sunset"),
    "opencv-doc__1d570e49654e.jpg": (True, "footballer in action"),
    "opencv-doc__1a1dd18d78ee.jpg": (False, "animal: baboon face"),
    "opencv-doc__20bb6e8ae969.jpg": (False, "animal: squirrel"),
    "opencv-doc__34a99716b78d.jpg": (False, "animal: butterfly"),
    "opencv-doc__152c20d2f380.jpg": (False, "orange"),
    "opencv-doc__23b8cf46a196.jpg": (False, "building with birds"),
    "opencv-doc__742a1baad62a.jpg": (False, "building"),
    "opencv-doc__b2977cdbd9fb.jpg": (False, "street"),
    "opencv-doc__accda7a19a90.jpg": (False, "painting: Starry Night"),
    "opencv-doc__d9a69191f6e3.jpg": (False, "aerial city"),
    "opencv-doc__ea6fa9cea75d.jpg": (False, "car"),
    "opencv-doc__9c031d80a1c5.jpg": (False, "fruit"),
    "palapeli-data__9d54ae706bdd.jpg": (False, "animal: bee on a flower"),
    "palapeli-data__adb9e2834a8a.jpg": (False, "animal: chameleon"),
    "palapeli-data__f4a6bf48b97d.jpg": (False, "castle"),
    "palapeli-data__09772d09318b.jpg": (False, "bridge at night"),
    "palapeli-data__0cbd7154a147.jpg": (False, "citrus slices"),
    "lomiri-wallpapers-16.04__cc40e313c74e.jpg": (False, "animal: two dogs at a window"),
    "lomiri-wallpapers-16.04__d2e96e6d4da4.jpg": (False, "room with a drum"),
    "lomiri-wallpapers-16.04__85a5453c2fed.jpg": (False, "toy bird under lamps"),
    "lomiri-wallpapers-20.04__6572410c09f4.jpg": (False, "animal: bird on a tree"),
    "lxqt-themes__c237c26f6f0b.jpg": (False, "animal: butterfly"),
    "mate-backgrounds__e35a9a4126ef.jpg": (False, "animal: ladybird"),
    "plasma-workspace-wallpapers__6e0f3a72feb5.jpg": (False, "paper cups"),
    "plasma-workspace-wallpapers__7477457d7f17.jpg": (False, "forest"),
}
# Landscapes, flowers, textures and objects: no people.
SCENERY = (
    "lomiri-wallpapers-16.04__414d0072b2f6.jpg",
    "lomiri-wallpapers-16.04__474dab6a4b9f.jpg",
    "lomiri-wallpapers-16.04__4c119350ead8.jpg",
    "lomiri-wallpapers-16.04__66268e7b48f8.jpg",
    "lomiri-wallpapers-16.04__89e86af38d04.jpg",
    "lomiri-wallpapers-16.04__a5634d1ab5e4.jpg",
    "lomiri-wallpapers-16.04__af5af1784100.jpg",
    "lomiri-wallpapers-16.04__bd86b081f997.jpg",
    "lomiri-wallpapers-16.04__c8c0ab18e48d.jpg",
    "lomiri-wallpapers-16.04__e7b20e2db9dc.jpg",
    "lxqt-themes__2d885e0438c0.jpg",
    "lxqt-themes__a8235344ee6b.jpg",
    "lxqt-themes__e6cb8b3e09b9.jpg",
    "mate-backgrounds__19c78500ac00.jpg",
    "mate-backgrounds__254da96256ac.jpg",
    "mate-backgrounds__3e4ea9671c28.jpg",
    "mate-backgrounds__5c3011820598.jpg",
    "mate-backgrounds__665e5abf8a53.jpg",
    "mate-backgrounds__77ca53077831.jpg",
    "mate-backgrounds__8a67c2cb0be8.jpg",
    "mate-backgrounds__8fa0de0aa408.jpg",
    "mate-backgrounds__972b0a0c4e5e.jpg",
    "mate-backgrounds__d3095ee09d42.jpg",
    "mate-backgrounds__f7aac0dcc2e0.jpg",
    "opencv-doc__21cd00afbdd0.jpg",
    "opencv-doc__9928b44eee0d.jpg",
    "opencv-doc__b55798b35e2d.jpg",
    "opencv-doc__cce5736808ef.jpg",
    "opencv-doc__e86879de3d9a.jpg",
    "plasma-workspace-wallpapers__05bef6722fc0.jpg",
    "plasma-workspace-wallpapers__586682dcb362.jpg",
    "plasma-workspace-wallpapers__88c31d8944b7.jpg",
    "plasma-workspace-wallpapers__8e3703fae3a3.jpg",
    "plasma-workspace-wallpapers__95603a6560c7.jpg",
    "plasma-workspace-wallpapers__abc30b4fc6f6.jpg",
    "plasma-workspace-wallpapers__bdca288ce296.jpg",
    "plasma-workspace-wallpapers__c272434ef39f.jpg",
    "plasma-workspace-wallpapers__c868b5078959.jpg",
    "plasma-workspace-wallpapers__cb507baf1daf.jpg",
)
LABELS.update({name: (False, "scenery or object") for name in SCENERY})
SKIMAGE: dict[str, tuple[bool, str]] = {
    "astronaut.png": (True, "portrait"),
    "camera.png": (True, "photographer, greyscale"),
    "chelsea.png": (False, "animal: cat"),
    "coffee.png": (False, "cup of coffee"),
    "rocket.jpg": (False, "rocket"),
    "motorcycle_left.png": (False, "motorcycle"),
    "hubble_deep_field.jpg": (False, "galaxies"),
    "grass.png": (False, "grass"),
    "gravel.png": (False, "gravel"),
    "coins.png": (False, "coins, greyscale"),
    "moon.png": (False, "moon surface"),
    "brick.png": (False, "brick wall"),
}
OPENCV_EXTRA: dict[str, tuple[bool, str]] = {
    "data/basketball1.png": (True, "two people, one turned away, greyscale"),
    "data/chicky_512.png": (False, "animal: dog, close"),
    "text/scenetext01.jpg": (True, "street, people cut off at the edges (no faces)"),
    "text/scenetext02.jpg": (False, "road sign"),
    "text/scenetext04.jpg": (False, "generator by a wall"),
    "text/scenetext05.jpg": (False, "barrier on a pavement"),
    "text/scenetext06.jpg": (False, "shop front"),
}


def labelled_photos() -> list[tuple[Path, bool, str]]:
    """(path, people, kind) for every labelled photo; fails (CI) or skips (a developer without the
    fetched photos) when the Debian photos are missing."""
    skimage = pytest.importorskip("skimage")
    out = [(Path(skimage.__file__).parent / "data" / n, people, kind) for n, (people, kind) in SKIMAGE.items()]
    missing = [n for n in LABELS if not (BENCH_PHOTOS / n).is_file()]
    missing += [n for n in OPENCV_EXTRA if not (OPENCV_EXAMPLES / n).is_file()]
    if missing:
        message = f"{len(missing)} labelled photos are missing (first: {missing[0]}): run `make test-photos`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    out += [(BENCH_PHOTOS / n, people, kind) for n, (people, kind) in LABELS.items()]
    out += [(OPENCV_EXAMPLES / n, people, kind) for n, (people, kind) in OPENCV_EXTRA.items()]
    return out
