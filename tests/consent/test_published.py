"""The signed consent list on real SQLite: publish, verify, follow, and every way a list is refused
(the last good list stays in force). The URL fetcher runs against a real loopback HTTP server."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
import zlib
from pathlib import Path

import pytest

from postguard import db
from postguard.consent import follow
from postguard.consent.published import (
    FILE_NAME,
    KEY_FILE,
    ListRefused,
    fingerprint_of,
    load_or_create_key,
    normalise_fingerprint,
    publish,
    verify,
)
from postguard.consent.store import REFUSED, ConsentStore
from postguard.home import mode_of


@pytest.fixture
def admin(make_home):
    settings = make_home()
    conn = db.connect(settings.db_path)
    yield settings, conn
    conn.close()


@pytest.fixture
def staff(make_home):
    settings = make_home(roster=False)
    conn = db.connect(settings.db_path)
    yield settings, conn
    conn.close()


def published_key(settings) -> str:
    key, _ = load_or_create_key(settings.home)
    return fingerprint_of(key.public_key())


def test_first_publish_makes_an_owner_only_key_and_a_verifiable_file(admin, tmp_path):
    settings, conn = admin
    share = tmp_path / "share"
    share.mkdir()
    result = publish(conn, settings.home, share)
    assert mode_of(settings.home / KEY_FILE) == 0o600
    assert result.path == share / FILE_NAME and result.version == ConsentStore(conn).version
    assert len(result.fingerprint) == 19 and result.fingerprint.count("-") == 3
    verified = verify(result.path.read_bytes(), result.fingerprint)
    assert verified.version == result.version and len(verified.content["pupils"]) == 24
    assert not list(share.glob(".*tmp"))  # no temporary file left behind
    again = publish(conn, settings.home, share)
    assert again.fingerprint == result.fingerprint  # the same key next time


def test_fingerprints_read_over_the_phone_are_normalised():
    assert normalise_fingerprint("abcd efgh-ijkl mnop") == "ABCD-EFGH-IJKL-MNOP"
    assert normalise_fingerprint("ABCD-EFGH-IJKL-MN0P") == "ABCD-EFGH-IJKL-MNOP"  # zero for O
    assert normalise_fingerprint("ABCD-EFGH-IJKL") is None
    assert normalise_fingerprint("ABCD-EFGH-IJKL-MN9P") is None


def _tamper(data: bytes) -> bytes:
    """Grant a refused pupil's consent inside the payload, keeping the signature and the layout."""
    magic, header, compressed = data.split(b"\n", 2)
    payload = json.loads(zlib.decompress(compressed))
    payload["pupils"][0]["name_consent"] = "granted"
    changed = zlib.compress(json.dumps(payload).encode())
    fields = json.loads(header)
    fields["payload_bytes"] = len(changed)
    return b"\n".join([magic, json.dumps(fields).encode(), changed])


def test_every_bad_list_is_refused_with_a_plain_reason(admin, make_home, tmp_path):
    settings, conn = admin
    share = tmp_path / "share"
    share.mkdir()
    good = publish(conn, settings.home, share).path.read_bytes()
    fp = published_key(settings)
    other_home = make_home()
    other_conn = db.connect(other_home.db_path)
    other = publish(other_conn, other_home.home, tmp_path).path.read_bytes()
    other_conn.close()
    cases = {
        "its signature does not match": _tamper(good),
        "signed by another key": other,
        "incomplete or damaged": good[: len(good) // 2],
        "not a PostGuard consent list": b'{"hello": 1}',
    }
    for reason, data in cases.items():
        with pytest.raises(ListRefused, match=reason):
            verify(data, fp)
    for cut in (10, 40, len(good) - 1):  # cut inside the first line, the header, the payload
        with pytest.raises(ListRefused, match="incomplete or damaged"):
            verify(good[:cut], fp)
    with pytest.raises(ListRefused, match="not a PostGuard consent list"):
        verify(b"\x00\xff" * 50, fp)


def test_follow_applies_refuses_older_and_keeps_the_last_good_list(admin, staff, tmp_path):
    a_settings, a_conn = admin
    s_settings, s_conn = staff
    share = tmp_path / "share"
    share.mkdir()
    admin_store, staff_store = ConsentStore(a_conn), ConsentStore(s_conn)
    publish(a_conn, a_settings.home, share)
    v1 = (share / FILE_NAME).read_bytes()
    fp = published_key(a_settings)
    first = follow.start_following(s_conn, s_settings.home, str(share), fp)
    assert first.status == follow.APPLIED
    assert staff_store.count() == 24 and (s_settings.home / follow.KEPT_COPY).read_bytes() == v1
    assert mode_of(s_settings.home / follow.KEPT_COPY) == 0o600
    assert follow.update(s_conn, s_settings.home).status == follow.CURRENT
    assert "has not changed" in follow.update(s_conn, s_settings.home).message  # a stat, not a read

    admin_store.set_consent("T100000000004", photo=REFUSED, actor="office")
    publish(a_conn, a_settings.home, share)
    assert follow.update(s_conn, s_settings.home).status == follow.APPLIED
    assert staff_store.get("T100000000004").photo_consent == REFUSED
    in_force = (staff_store.version, [p for p in staff_store.pupils()])

    bad = {
        "older": v1,
        "its signature does not match": _tamper((share / FILE_NAME).read_bytes()),
        "incomplete or damaged": (share / FILE_NAME).read_bytes()[:100],
    }
    good = (share / FILE_NAME).read_bytes()
    for reason, data in bad.items():
        (share / FILE_NAME).write_bytes(data)
        result = follow.update(s_conn, s_settings.home)
        assert result.status == follow.REFUSED and reason in result.message, result.message
        assert (staff_store.version, staff_store.pupils()) == in_force
        fresh = follow.freshness(staff_store)
        assert fresh.problem == result.message and "last good list stays in force" in fresh.problem
    (share / FILE_NAME).write_bytes(good)
    assert follow.update(s_conn, s_settings.home).status == follow.CURRENT
    assert follow.freshness(staff_store).problem is None

    shutil.rmtree(share)  # offline: the list in force stays
    result = follow.update(s_conn, s_settings.home)
    assert result.status == follow.UNAVAILABLE and "could not be read" in result.message
    assert (staff_store.version, staff_store.pupils()) == in_force


def test_freshness_is_stale_after_the_configured_times(admin, staff, tmp_path):
    from datetime import UTC, datetime, timedelta

    a_settings, a_conn = admin
    s_settings, s_conn = staff
    publish(a_conn, a_settings.home, tmp_path)
    follow.start_following(s_conn, s_settings.home, str(tmp_path), published_key(a_settings))
    store = ConsentStore(s_conn)
    assert not follow.freshness(store).stale
    later = datetime.now(UTC) + timedelta(hours=25)
    stale = follow.freshness(store, now=later)
    assert stale.stale and "24 hours" in stale.stale_reasons[0]
    week = follow.freshness(store, unread_hours=1000, published_days=7, now=datetime.now(UTC) + timedelta(days=8))
    assert week.stale and week.stale_reasons == ["the list in force was published more than 7 days ago"]
    assert not follow.freshness(store, published_days=30, now=datetime.now(UTC) + timedelta(hours=2)).stale
    local = follow.freshness(ConsentStore(a_conn))
    assert (local.source, local.stale) == ("local", False)


def test_a_wrong_key_never_starts_following(admin, staff, tmp_path):
    a_settings, a_conn = admin
    s_settings, s_conn = staff
    publish(a_conn, a_settings.home, tmp_path)
    with pytest.raises(ListRefused, match="another key"):
        follow.start_following(s_conn, s_settings.home, str(tmp_path), "AAAA-BBBB-CCCC-DDDD")
    assert follow.follow_config(ConsentStore(s_conn)) is None and ConsentStore(s_conn).count() == 0


class _Handler(http.server.BaseHTTPRequestHandler):
    body = b""
    status = 200

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.status == 200 and self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(self.status)
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_fetcher_reads_over_http_only_when_the_test_allows_it(admin, web_server, tmp_path):
    settings, conn = admin
    _Handler.body = publish(conn, settings.home, tmp_path).path.read_bytes()
    _Handler.status = 200
    fetched = follow.fetch(f"{web_server}/lists/", allow_http=True)
    assert fetched.data == _Handler.body and fetched.stamp == 'etag "v1"'
    assert follow.fetch(f"{web_server}/x/{FILE_NAME}", allow_http=True).data == _Handler.body
    assert follow.fetch(f"{web_server}/lists/", fetched.stamp, allow_http=True).data is None  # 304: unchanged
    with pytest.raises(follow.SourceUnavailable, match="only https://"):
        follow.fetch(f"{web_server}/lists/")  # production: https only
    _Handler.status = 404
    with pytest.raises(follow.SourceUnavailable, match="answered 404"):
        follow.fetch(f"{web_server}/lists/", allow_http=True)
    with pytest.raises(follow.SourceUnavailable, match="could not be reached"):
        follow.fetch("https://127.0.0.1:9/lists/", timeout=2)


def test_a_missing_folder_or_file_is_unavailable(tmp_path: Path):
    with pytest.raises(follow.SourceUnavailable, match="cannot be found"):
        follow.fetch(str(tmp_path / "nowhere"))
    with pytest.raises(follow.SourceUnavailable, match="has the list been published there"):
        follow.fetch(str(tmp_path))  # folder without the list


def _self_signed(tmp_path: Path) -> tuple[Path, Path, str]:
    """A certificate for 127.0.0.1 made here (cert file, key file, PEM text)."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    pem = cert.public_bytes(serialization.Encoding.PEM)
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(pem)
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file, pem.decode("ascii")


def test_https_source_is_read_with_the_certificate_checked(admin, tmp_path):
    import ssl

    settings, conn = admin
    _Handler.body = publish(conn, settings.home, tmp_path).path.read_bytes()
    _Handler.status = 200
    cert_file, key_file, pem = _self_signed(tmp_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert_file, key_file)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"https://127.0.0.1:{server.server_address[1]}/postguard/"
    try:
        trusting = ssl.create_default_context(cadata=pem)
        fetched = follow.fetch(url, ssl_context=trusting)
        assert fetched.data == _Handler.body
        verify(fetched.data, published_key(settings))
        with pytest.raises(follow.SourceUnavailable, match="certificate is not trusted"):
            follow.fetch(url, timeout=5)  # the system's roots do not trust a self-signed certificate
    finally:
        server.shutdown()
        server.server_close()


def test_a_slower_process_never_rolls_back_a_newer_list(admin, staff, tmp_path):
    a_settings, a_conn = admin
    s_settings, s_conn = staff
    fp = published_key(a_settings)
    older = verify(publish(a_conn, a_settings.home, tmp_path).path.read_bytes(), fp)
    ConsentStore(a_conn).set_consent("T100000000004", photo=REFUSED, actor="office")
    newer = verify(publish(a_conn, a_settings.home, tmp_path).path.read_bytes(), fp)
    follow.start_following(s_conn, s_settings.home, str(tmp_path), fp)  # applies the newer list
    other = db.connect(s_settings.db_path)  # a second process that had verified the older list
    try:
        assert follow.apply(other, older, str(tmp_path)) is False
        assert follow.apply(other, newer, str(tmp_path)) is False
    finally:
        other.close()
    assert ConsentStore(s_conn).get("T100000000004").photo_consent == REFUSED


def test_a_pupil_forgotten_at_the_school_is_forgotten_on_every_follower(admin, staff, tmp_path):
    a_settings, a_conn = admin
    s_settings, s_conn = staff
    fp = published_key(a_settings)
    publish(a_conn, a_settings.home, tmp_path)
    follow.start_following(s_conn, s_settings.home, str(tmp_path), fp)
    s_conn.execute(
        "INSERT INTO check_audit(at, status, pupils, duration_ms) VALUES ('now', 'ok', ?, 1.0)",
        (json.dumps(["T100000000004", "T100000000005"]),),
    )
    ConsentStore(a_conn).forget("T100000000004", actor="dpo")
    publish(a_conn, a_settings.home, tmp_path)
    assert follow.update(s_conn, s_settings.home).status == follow.APPLIED
    assert ConsentStore(s_conn).get("T100000000004") is None
    assert json.loads(s_conn.execute("SELECT pupils FROM check_audit").fetchone()[0]) == ["T100000000005"]
