"""TLS verification over the three wires, against an HTTPS server on 127.0.0.1 whose
certificate a throwaway CA (made here, with cryptography) signed."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ofsc import APIConnectionError

from ..reliability.conftest import WIRES, Wire

cryptography = pytest.importorskip("cryptography")


def _certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A CA certificate, and a certificate and key for 127.0.0.1 signed by it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)

    def name(text: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder().subject_name(name("test CA")).issuer_name(name("test CA"))
        .public_key(ca_key.public_key()).serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    server = (
        x509.CertificateBuilder().subject_name(name("127.0.0.1")).issuer_name(ca.subject)
        .public_key(key.public_key()).serial_number(2)
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(server.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return ca_file, cert_file, key_file


class HTTPSServer:
    """Answers every GET with an empty page of work zones, over TLS."""

    def __init__(self, cert_file: Path, key_file: Path) -> None:
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                body = json.dumps({"items": [], "totalResults": 0}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that refuses the certificate hangs up mid-handshake

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self._server.server_address[1]}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    return _certificates(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def https(certificates: tuple[Path, Path, Path]) -> Iterator[HTTPSServer]:
    server = HTTPSServer(certificates[1], certificates[2])
    yield server
    server.close()


@pytest.fixture(params=list(WIRES))
def wire(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Wire]:
    from ofsc.testing import MockOFS

    for variable in ("SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(variable, raising=False)
    loopback = Wire(request.param, MockOFS(seed=5), base_url="")
    yield loopback
    loopback.facade.close()


def _workzones(wire: Wire, https: HTTPSServer, **settings: object) -> object:
    client = wire.client(base_url=https.url, max_retries=0, **settings)
    return wire.facade(client.metadata.get_workzones())


def test_an_unknown_ca_is_refused(wire: Wire, https: HTTPSServer) -> None:
    """Promise: by default every wire verifies the server against certifi's CAs, so a
    certificate from an unknown CA fails the call with APIConnectionError."""
    with pytest.raises(APIConnectionError):
        _workzones(wire, https)


def test_a_custom_ca_is_trusted(
    wire: Wire, https: HTTPSServer, certificates: tuple[Path, Path, Path]
) -> None:
    """Promise: verify=<CA bundle> makes every wire trust that CA (and still check the host)."""
    assert _workzones(wire, https, verify=str(certificates[0])) is not None


def test_ssl_cert_file_is_trusted_with_trust_env(
    wire: Wire, https: HTTPSServer, certificates: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Promise: SSL_CERT_FILE names the CAs when trust_env (the default), on every wire; with
    trust_env=False it is ignored."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates[0]))
    assert _workzones(wire, https) is not None
    with pytest.raises(APIConnectionError):
        _workzones(wire, https, trust_env=False)


def test_verification_can_be_turned_off(wire: Wire, https: HTTPSServer) -> None:
    """Promise: verify=False skips verification on every wire (for a network you trust)."""
    assert _workzones(wire, https, verify=False) is not None
