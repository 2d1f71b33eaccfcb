"""Reader for Facebook "Download Your Information" exports in JSON format.

Takes the downloaded .zip or the unpacked folder. Post files are
`your_posts*.json` / `profile_posts*.json` and other JSON lists under a
`posts/` folder; each post has `timestamp`, `data[].post` (the text),
`attachments[].data[]` holding `media` (`uri`, `description`, `title`,
`creation_timestamp`, `thumbnail`), `place`, `external_context.url` and `text`,
plus optional `title` and `tags`. Album files (`album/*.json`) hold `name`,
`description` and `photos[]`. Some files wrap their list in one key
(`{"profile_posts_v2": [...]}`, `{"other_photos_v2": [...]}`).

Everything is read defensively: missing keys, unreadable files and missing
media are skipped and listed, never fatal. Strings are repaired for mojibake.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from postguard.batch.json_stream import iter_json_entries
from postguard.batch.media import (
    ZIP_DAMAGE,
    FolderMedia,
    MediaSource,
    PartsMedia,
    ZipMedia,
    clean_inner_path,
    is_image,
    is_video,
)
from postguard.batch.model import BatchPost, InputError
from postguard.batch.mojibake import repair

POST_FILE_NAME = re.compile(r"^(your_posts|profile_posts|posts)[^/]*\.json$", re.IGNORECASE)
MEDIA_LIST_FILE_NAME = re.compile(r"^(your_uncategorized_photos|your_videos|your_photos)[^/]*\.json$", re.IGNORECASE)
# A post file larger than this is refused; post files are read item by item (flat memory).
MAX_JSON_BYTES = 256 * 1024 * 1024
# A list file with more entries than this is read up to here and counted (a real export
# splits posts over files of a few thousand each).
MAX_ENTRIES_PER_FILE = 100_000


def natural_key(path: str) -> list:
    """So posts_2.json sorts before posts_10.json."""
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", path)]


def is_export(path: Path) -> bool:
    """Whether INPUT looks like an export (a folder or .zip) rather than a JSONL/CSV file."""
    return path.is_dir() or path.suffix.lower() == ".zip"


class ExportTree:
    """The files of an export, the same way for a folder, a zip, or several parts of one."""

    def __init__(self, paths: list[Path]):
        parts = [self._open(path) for path in paths]
        self.media: MediaSource = parts[0] if len(parts) == 1 else PartsMedia(parts)
        self._files = sorted(set(self.media.names()))
        self._file_set = set(self._files)

    @staticmethod
    def _open(path: Path) -> MediaSource:
        if not path.exists():
            raise InputError(f"{path} does not exist.")
        if path.is_dir():
            return FolderMedia(path, confined=True)
        try:
            return ZipMedia(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise InputError(f"{path} is not a readable zip file ({exc}).") from None

    @property
    def files(self) -> list[str]:
        return self._files

    def exists(self, inner: str) -> bool:
        return inner in self._file_set

    def iter_entries(self, inner: str) -> Iterator[tuple[str | None, Any, bool]]:
        """(key, value, in_list) of a JSON file, one value at a time, repaired for mojibake."""
        with self.media.open(inner, MAX_JSON_BYTES) as stream:
            for key, value, in_list in iter_json_entries(stream):
                yield key, repair(value), in_list

    @property
    def links(self) -> list[str]:
        return self.media.links()

    def resolve_link(self, uri: str, near: str) -> str | None:
        """The link entry a media `uri` names, if it names one (links are never followed)."""
        inner = clean_inner_path(uri)
        links = set(self.links)
        if inner is None or not links:
            return None
        for parent in PurePosixPath(near).parents:
            candidate = inner if str(parent) == "." else f"{parent}/{inner}"
            if candidate in links or any(candidate.startswith(link + "/") for link in links):
                return candidate
        return None

    def resolve(self, uri: str, near: str) -> str | None:
        """Find a media `uri` inside the export. URIs are relative to the export
        root, which may sit under a wrapper folder: try each ancestor of the JSON
        file that mentions it, nearest first."""
        inner = clean_inner_path(uri)
        if inner is None:
            return None
        parents = list(PurePosixPath(near).parents)  # nearest first, ends with "."
        for parent in parents:
            candidate = inner if str(parent) == "." else f"{parent}/{inner}"
            if candidate in self._file_set:
                return candidate
        return None


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _url(value: Any) -> str | None:
    value = _str(value)
    return value if value.startswith(("https://", "http://")) else None


def stable_id(*parts: Any) -> str:
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return "fb-" + digest[:16]


class FacebookExportReader:
    """Yields a `BatchPost` for each post, album photo and loose photo in an export."""

    kind = "facebook-export"

    def __init__(self, paths: Path | list[Path]):
        paths = [paths] if isinstance(paths, Path) else list(paths)
        self.tree = ExportTree(paths)
        self.notes: Counter[str] = Counter()  # what was skipped, counted by reason
        self.post_files = [f for f in self.tree.files if self._is_post_file(f)]
        self.album_files = [f for f in self.tree.files if self._is_album_file(f)]
        self.media_files = [
            f for f in self.tree.files if MEDIA_LIST_FILE_NAME.match(PurePosixPath(f).name) and f not in self.post_files
        ]
        self.post_files.sort(key=natural_key)
        self.album_files.sort(key=natural_key)
        if not (self.post_files or self.album_files or self.media_files):
            raise InputError(
                f"No Facebook posts found in {', '.join(map(str, paths))}. "
                "Expected a 'Download Your Information' export in JSON format "
                "with posts/your_posts_1.json, profile_posts_1.json or album/*.json."
            )

    @property
    def media(self) -> MediaSource:
        return self.tree.media

    @staticmethod
    def _is_post_file(inner: str) -> bool:
        p = PurePosixPath(inner)
        if p.suffix.lower() != ".json" or "album" in p.parts[:-1] or "media" in p.parts[:-1]:
            return False
        if MEDIA_LIST_FILE_NAME.match(p.name):
            return False
        return bool(POST_FILE_NAME.match(p.name)) or (len(p.parts) > 1 and p.parts[-2] == "posts")

    @staticmethod
    def _is_album_file(inner: str) -> bool:
        p = PurePosixPath(inner)
        return p.suffix.lower() == ".json" and len(p.parts) > 1 and p.parts[-2] == "album"

    # -- reading -----------------------------------------------------------
    def posts(self, since: int | None = None) -> Iterator[BatchPost]:
        """Every post once, in a stable order (post files, then albums, then loose photos).
        Notes are recounted on every pass."""
        self.notes = Counter()
        seen_ids: Counter[str] = Counter()
        seen_media: set[str] = set()
        for post in self._all_posts(seen_media):
            seen_ids[post.id] += 1
            if seen_ids[post.id] > 1:  # the same post twice in an export: keep both, distinct ids
                post.id = f"{post.id}-{seen_ids[post.id]}"
            if since is not None and post.timestamp is not None and post.timestamp < since:
                self.notes["older than --since"] += 1
                continue
            if not post.text.strip() and not post.images:
                self.notes["posts with no text or photos to check"] += 1
                continue
            yield post

    def _entries(self, inner: str, *, count_problems: bool = True) -> Iterator[tuple[str | None, Any, bool]]:
        """A file's entries in bounded memory; a file that breaks part-way is counted, its earlier
        entries kept; past MAX_ENTRIES_PER_FILE the rest is counted, not read."""
        read = 0
        try:
            for entry in self.tree.iter_entries(inner):
                read += 1
                if read > MAX_ENTRIES_PER_FILE:
                    if count_problems:
                        self.notes[
                            f"file {inner} has more than {MAX_ENTRIES_PER_FILE:,} entries: the rest not read"
                        ] += 1
                    return
                yield entry
        except (ValueError, UnicodeDecodeError, OSError, RecursionError, *ZIP_DAMAGE):
            where = f" after {read} entries" if read else ""
            if count_problems:  # plain words for the report's reader, not the exception's name
                self.notes[f"unreadable file {inner} (damaged, or not Facebook's format{where})"] += 1

    def _items(self, inner: str) -> Iterator[Any]:
        """The posts of a post or media-list file: items of its list(s)."""
        return (value for _key, value, in_list in self._entries(inner) if in_list)

    def _all_posts(self, seen_media: set[str]) -> Iterator[BatchPost]:
        if self.tree.links:
            self.notes["links in the export not followed"] += len(self.tree.links)
        for inner in self.post_files:
            for index, item in enumerate(self._items(inner)):
                post = self._post(item, inner, index)
                if post is not None:
                    seen_media.update(post.images)
                    yield post
        for inner in self.album_files:
            # Two passes in flat memory: the album's own fields first (its name titles each
            # photo, wherever it sits in the file), then its photos one at a time.
            fields: dict[str, Any] | None = {}
            for key, value, in_list in self._entries(inner):
                if key is None:
                    fields = None  # a list, not an album
                    break
                if not in_list and fields is not None:
                    fields[key] = value
            if fields is None:
                self.notes[f"unrecognised album file {inner}"] += 1
                continue
            entries = self._entries(inner, count_problems=False)  # pass 1 counted any problem
            photos = (value for key, value, in_list in entries if in_list and key == "photos")
            yield from self._album(fields, photos, inner, seen_media)
        for inner in self.media_files:
            for index, item in enumerate(self._items(inner)):
                if isinstance(item, dict) and (item.get("uri") or item.get("thumbnail")):
                    post = self._media_post(item, inner, index, seen_media, title=None)
                    if post is not None:
                        yield post

    def _media_paths(self, media: dict, near: str, post: BatchPost) -> list[str]:
        """The checkable image(s) of one media item; videos are checked by their thumbnail."""
        uri = _str(media.get("uri"))
        thumb = media.get("thumbnail")
        thumb_uri = _str(thumb.get("uri")) if isinstance(thumb, dict) else ""
        if uri and is_video(uri):
            if not thumb_uri:
                post.skipped.append(f"video not checked (no thumbnail in export): {uri}")
                self.notes["videos not checked"] += 1
                return []
            self.notes["videos checked by their thumbnail only"] += 1
            uri = thumb_uri
        elif not uri:
            uri = thumb_uri
        if not uri:
            return []
        if uri.startswith(("http://", "https://")):
            post.skipped.append(f"online image not in the export: {uri}")
            self.notes["online images not in the export"] += 1
            return []
        if not is_image(uri):
            post.skipped.append(f"not an image: {uri}")
            self.notes["attachments that are not images"] += 1
            return []
        found = self.tree.resolve(uri, near)
        if found is None and self.tree.resolve_link(uri, near) is not None:
            post.skipped.append(f"photo is a link, not followed: {uri}")
            self.notes["photos that are links, not followed"] += 1
            return []
        if found is None:
            post.skipped.append(f"photo missing from export: {uri}")
            self.notes["photos missing from the export"] += 1
            return []
        return [found]

    def _post(self, item: Any, inner: str, index: int) -> BatchPost | None:
        if not isinstance(item, dict):
            self.notes["entries that are not posts"] += 1
            return None
        if "uri" in item and "data" not in item and "attachments" not in item:
            return self._media_post(item, inner, index, set(), title=None)
        post = BatchPost(
            id="",
            text="",
            timestamp=_int(item.get("timestamp")),
            source=f"{inner}#{index}",
            title=_str(item.get("title")) or None,
            from_export=True,
        )
        texts: list[str] = []
        for entry in item.get("data") or ():
            if isinstance(entry, dict):
                if _str(entry.get("post")):
                    texts.append(_str(entry["post"]))
                if post.timestamp is None:
                    post.timestamp = _int(entry.get("update_timestamp"))
        for key in ("url", "permalink_url", "permalink", "href"):
            post.permalink = post.permalink or _url(item.get(key))
        captions: list[str] = []
        for attachment in item.get("attachments") or ():
            for entry in (attachment.get("data") or ()) if isinstance(attachment, dict) else ():
                if not isinstance(entry, dict):
                    continue
                media = entry.get("media")
                if isinstance(media, dict):
                    post.images.extend(self._media_paths(media, inner, post))
                    caption = _str(media.get("description"))
                    if caption:
                        captions.append(caption)
                    if post.timestamp is None:
                        post.timestamp = _int(media.get("creation_timestamp"))
                place = entry.get("place")
                if isinstance(place, dict):
                    post.place = ", ".join(filter(None, (_str(place.get("name")), _str(place.get("address"))))) or None
                context = entry.get("external_context")
                if isinstance(context, dict):
                    post.shared_link = post.shared_link or _url(context.get("url"))
                if _str(entry.get("text")):
                    texts.append(_str(entry["text"]))
        # Captions the Page wrote on its photos are checked too, once each.
        for caption in captions:
            if caption not in texts:
                texts.append(caption)
        tags = [(_str(t.get("name")) if isinstance(t, dict) else _str(t)) for t in item.get("tags") or ()]
        tags = [t for t in tags if t]
        if tags:
            texts.append("Tagged: " + ", ".join(tags))
        post.text = "\n\n".join(texts)
        post.id = stable_id(post.timestamp, post.text, *sorted(post.images))
        return post

    def _media_post(
        self, item: dict, inner: str, index: int, seen_media: set[str], title: str | None
    ) -> BatchPost | None:
        post = BatchPost(
            id="",
            text=_str(item.get("description")),
            timestamp=_int(item.get("creation_timestamp")),
            source=f"{inner}#{index}",
            title=title or _str(item.get("title")) or None,
            from_export=True,
        )
        post.images = self._media_paths(item, inner, post)
        if post.images and post.images[0] in seen_media:
            self.notes["album photos already checked with their post"] += 1
            return None
        post.id = stable_id(post.timestamp, _str(item.get("uri")) or post.source, post.text)
        return post

    def _album(
        self, album: dict[str, Any], photos: Iterator[Any], inner: str, seen_media: set[str]
    ) -> Iterator[BatchPost]:
        name = _str(album.get("name")) or None
        description = _str(album.get("description"))
        if description:
            yield BatchPost(
                id=stable_id("album", inner, description),
                text=description,
                timestamp=_int(album.get("last_modified_timestamp")),
                source=f"{inner}#description",
                title=name,
                from_export=True,
            )
        for index, photo in enumerate(photos):
            if not isinstance(photo, dict):
                self.notes["entries that are not posts"] += 1
                continue
            post = self._media_post(photo, inner, index, seen_media, title=name)
            if post is not None:
                seen_media.update(post.images)
                yield post
