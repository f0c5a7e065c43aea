"""The JOSE pieces atproto OAuth needs, on `cryptography` alone: ES256 keys as JWKs, signed
JWTs (DPoP proofs, client assertions), PKCE, and DPoP requests with the server's nonce.

DPoP (RFC 9449) binds tokens to a key only this session holds: every request carries a fresh
proof signed with it, naming the method and URL (`htm`, `htu`), a unique `jti`, the time, the
server's current nonce and, towards the PDS, the hash of the access token (`ath`). atproto
servers require their nonce: the first request to a server is answered `use_dpop_nonce` with
a `DPoP-Nonce` header, and is sent once more with it. Nonces are remembered per server.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

PrivateKey = ec.EllipticCurvePrivateKey
_COORDINATE = 32  # P-256: 32-byte coordinates and signature halves


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def s256(value: str) -> str:
    """base64url(SHA-256(value)): the PKCE S256 challenge, and DPoP's `ath`."""
    return b64url(hashlib.sha256(value.encode("ascii")).digest())


def pkce_pair() -> tuple[str, str]:
    """A fresh PKCE verifier (64 characters of [A-Za-z0-9_-]) and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    return verifier, s256(verifier)


# --- keys ---------------------------------------------------------------------------------


def new_key() -> PrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def public_jwk(key: PrivateKey) -> dict[str, str]:
    numbers = key.public_key().public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url(numbers.x.to_bytes(_COORDINATE, "big")),
        "y": b64url(numbers.y.to_bytes(_COORDINATE, "big")),
    }


def private_jwk_json(key: PrivateKey) -> str:
    """The private key as a JWK (JSON text): only ever stored encrypted."""
    d = key.private_numbers().private_value.to_bytes(_COORDINATE, "big")
    return json.dumps({**public_jwk(key), "d": b64url(d)}, sort_keys=True)


def load_private_jwk(text: str) -> PrivateKey:
    """The key back from `private_jwk_json`; ValueError when it is not a P-256 private JWK."""
    try:
        jwk = json.loads(text)
        if jwk.get("kty") != "EC" or jwk.get("crv") != "P-256":
            raise ValueError("not a P-256 key")
        key = ec.derive_private_key(int.from_bytes(b64url_decode(jwk["d"]), "big"), ec.SECP256R1())
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
        raise ValueError("not a private JWK") from exc
    if public_jwk(key) != {k: jwk.get(k) for k in ("kty", "crv", "x", "y")}:
        raise ValueError("the JWK's public part does not belong to its private part")
    return key


# --- signed JWTs --------------------------------------------------------------------------


def _part(value: dict[str, Any]) -> str:
    return b64url(json.dumps(value, separators=(",", ":")).encode())


def sign_jwt(key: PrivateKey, header: dict[str, Any], claims: dict[str, Any]) -> str:
    """A compact JWS with ES256: the signature is r || s, 32 bytes each (RFC 7518 §3.4),
    not the DER that `cryptography` produces."""
    signing_input = f"{_part({**header, 'alg': 'ES256'})}.{_part(claims)}"
    der = key.sign(signing_input.encode("ascii"), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    signature = r.to_bytes(_COORDINATE, "big") + s.to_bytes(_COORDINATE, "big")
    return f"{signing_input}.{b64url(signature)}"


def htu(url: str) -> str:
    """The URL a proof names: without query and fragment (RFC 9449 §4.2)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def proof(
    key: PrivateKey,
    *,
    method: str,
    url: str,
    nonce: str | None = None,
    access_token: str | None = None,
) -> str:
    """One DPoP proof; never reused (each has its own `jti`)."""
    claims: dict[str, Any] = {
        "jti": secrets.token_urlsafe(16),
        "htm": method.upper(),
        "htu": htu(url),
        "iat": int(time.time()),
    }
    if nonce:
        claims["nonce"] = nonce
    if access_token:
        claims["ath"] = s256(access_token)
    return sign_jwt(key, {"typ": "dpop+jwt", "jwk": public_jwk(key)}, claims)


def client_assertion(key: PrivateKey, *, kid: str, client_id: str, audience: str) -> str:
    """private_key_jwt client authentication (RFC 7523): the audience is the authorization
    server's issuer; `jti` makes every assertion single-use."""
    now = int(time.time())
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": audience,
        "jti": secrets.token_urlsafe(16),
        "iat": now,
        "exp": now + 60,
    }
    return sign_jwt(key, {"typ": "JWT", "kid": kid}, claims)


# --- nonces and requests ------------------------------------------------------------------


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class NonceStore:
    """The latest DPoP nonce each server sent (servers rotate them within 5 minutes; a stale
    one costs one `use_dpop_nonce` round trip). Shared by every thread of the process."""

    def __init__(self, size: int = 2000) -> None:
        self._nonces: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, url: str) -> str | None:
        with self._lock:
            return self._nonces.get(origin(url))

    def remember(self, url: str, nonce: str) -> None:
        with self._lock:
            self._nonces[origin(url)] = nonce
            self._nonces.move_to_end(origin(url))
            while len(self._nonces) > self._size:
                self._nonces.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._nonces.clear()


NONCES = NonceStore()


def asks_for_nonce(response: httpx.Response) -> bool:
    """The server refused the proof for its nonce: a 400 from an authorization server or a
    401 with `WWW-Authenticate: DPoP error="use_dpop_nonce"` from a resource server."""
    if response.status_code not in (400, 401):
        return False
    if "use_dpop_nonce" in response.headers.get("www-authenticate", ""):
        return True
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("error") == "use_dpop_nonce"


def send(
    transmit: Callable[[dict[str, str]], httpx.Response],
    *,
    key: PrivateKey,
    method: str,
    url: str,
    access_token: str | None = None,
    nonces: NonceStore = NONCES,
) -> httpx.Response:
    """Send with a DPoP proof (and `Authorization: DPoP` when there is an access token), once
    more when the server asks for its new nonce. `transmit(headers)` sends one request and
    returns the answer with its body read."""
    response: httpx.Response | None = None
    for attempt in range(2):
        nonce = nonces.get(url)
        headers = {
            "DPoP": proof(key, method=method, url=url, nonce=nonce, access_token=access_token)
        }
        if access_token:
            headers["Authorization"] = f"DPoP {access_token}"
        response = transmit(headers)
        fresh = response.headers.get("dpop-nonce")
        if fresh:
            nonces.remember(url, fresh)
        if attempt == 0 and fresh and fresh != nonce and asks_for_nonce(response):
            response.close()
            continue
        return response
    assert response is not None
    return response
