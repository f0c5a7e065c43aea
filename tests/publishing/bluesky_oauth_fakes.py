"""An atproto world for the OAuth tests, answering in the shapes the atproto OAuth spec and
bsky.social publish: a handle's well-known DID, a PLC DID document, a PDS's protected-resource
metadata, an entryway's authorization server metadata, PAR and token endpoints that demand
their DPoP nonce first. Also an ES256 JWT checker written independently of Suar's signer."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import httpx
import respx
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

HANDLE = "pulih.test"
DID = "did:plc:pulihsuarpulihsuarpulihs"
OTHER_DID = "did:plc:orangjahatorangjahatoran"
PDS = "https://pds.test"
ISSUER = "https://auth.test"
PLC = "https://plc.directory"
SITE = "https://suar.example.org"
CLIENT_ID = f"{SITE}/publikasi/oauth/bluesky/client-metadata.json"
CALLBACK = f"{SITE}/publikasi/sambung/bluesky/kembali/"


def b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def s256(text: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()


def verify_es256(token: str, jwk: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Header and claims of a compact JWS, after checking its ES256 signature with `jwk`
    (raises InvalidSignature otherwise)."""
    head, body, signature = token.split(".")
    public = ec.EllipticCurvePublicNumbers(
        int.from_bytes(b64decode(jwk["x"]), "big"),
        int.from_bytes(b64decode(jwk["y"]), "big"),
        ec.SECP256R1(),
    ).public_key()
    raw = b64decode(signature)
    assert len(raw) == 64, "an ES256 signature is r || s, 64 bytes"
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    public.verify(der, f"{head}.{body}".encode(), ec.ECDSA(hashes.SHA256()))
    return json.loads(b64decode(head)), json.loads(b64decode(body))


def dpop_claims(request: httpx.Request) -> tuple[dict[str, Any], dict[str, Any]]:
    """A request's DPoP proof, verified with the key in its own header (as a server does)."""
    proof = request.headers["DPoP"]
    header = json.loads(b64decode(proof.split(".")[0]))
    assert header["typ"] == "dpop+jwt" and header["alg"] == "ES256"
    assert "d" not in header["jwk"], "a proof carries the public key only"
    return verify_es256(proof, header["jwk"])


def form(request: httpx.Request) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(request.content.decode()).items()}


def did_document(did: str = DID, handle: str = HANDLE, pds: str = PDS) -> dict[str, Any]:
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "alsoKnownAs": [f"at://{handle}"],
        "verificationMethod": [
            {
                "id": f"{did}#atproto",
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": "zQ3shXjHeiBuRCKmM36cuYnm7YEMzhGnCmCyW92sRJ9pribSF",
            }
        ],
        "service": [
            {"id": "#atproto_pds", "type": "AtprotoPersonalDataServer", "serviceEndpoint": pds}
        ],
    }


def server_metadata(issuer: str = ISSUER) -> dict[str, Any]:
    """/.well-known/oauth-authorization-server as bsky.social's entryway publishes it."""
    return {
        "issuer": issuer,
        "request_parameter_supported": True,
        "request_uri_parameter_supported": True,
        "require_request_uri_registration": True,
        "scopes_supported": ["atproto", "transition:email", "transition:generic"],
        "subject_types_supported": ["public"],
        "response_types_supported": ["code"],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "ui_locales_supported": ["en-US"],
        "display_values_supported": ["page", "popup", "touch"],
        "authorization_response_iss_parameter_supported": True,
        "jwks_uri": f"{issuer}/oauth/jwks",
        "authorization_endpoint": f"{issuer}/oauth/authorize",
        "token_endpoint": f"{issuer}/oauth/token",
        "token_endpoint_auth_methods_supported": ["none", "private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ["RS256", "ES256", "ES256K"],
        "revocation_endpoint": f"{issuer}/oauth/revoke",
        "pushed_authorization_request_endpoint": f"{issuer}/oauth/par",
        "require_pushed_authorization_requests": True,
        "dpop_signing_alg_values_supported": ["RS256", "ES256", "ES256K"],
        "client_id_metadata_document_supported": True,
    }


def nonce_first(nonce: str, answer: respx.MockResponse) -> list[respx.MockResponse]:
    """An authorization server's first answer to a proof without its nonce, then `answer`."""
    demand = respx.MockResponse(
        400,
        json={
            "error": "use_dpop_nonce",
            "error_description": "Authorization server requires nonce in DPoP proof",
        },
        headers={"DPoP-Nonce": nonce},
    )
    return [demand, answer]


def token_answer(
    access: str = "at-1", refresh: str = "rt-1", sub: str = DID, nonce: str = "n-2"
) -> respx.MockResponse:
    return respx.MockResponse(
        200,
        json={
            "access_token": access,
            "token_type": "DPoP",
            "refresh_token": refresh,
            "scope": "atproto transition:generic",
            "expires_in": 3600,
            "sub": sub,
        },
        headers={"DPoP-Nonce": nonce},
    )


@dataclass
class World:
    """The routes of one sign-in, for the tests to answer and to inspect."""

    handle: respx.Route
    plc: respx.Route
    resource: respx.Route
    metadata: respx.Route
    par: respx.Route
    token: respx.Route
    extra: dict[str, respx.Route] = field(default_factory=dict)


def atproto_world(*, token: list[respx.MockResponse] | None = None) -> World:
    """Register the routes of a sign-in of @pulih.test (inside respx.mock)."""
    return World(
        handle=respx.get(f"https://{HANDLE}/.well-known/atproto-did").respond(200, text=DID),
        plc=respx.get(f"{PLC}/{DID}").respond(200, json=did_document()),
        resource=respx.get(f"{PDS}/.well-known/oauth-protected-resource").respond(
            200,
            json={
                "resource": PDS,
                "authorization_servers": [ISSUER],
                "scopes_supported": [],
                "bearer_methods_supported": ["header"],
                "resource_documentation": "https://atproto.com",
            },
        ),
        metadata=respx.get(f"{ISSUER}/.well-known/oauth-authorization-server").respond(
            200, json=server_metadata()
        ),
        par=respx.post(f"{ISSUER}/oauth/par").mock(
            side_effect=nonce_first(
                "n-1",
                respx.MockResponse(
                    201,
                    json={
                        "request_uri": "urn:ietf:params:oauth:request_uri:req-1",
                        "expires_in": 299,
                    },
                    headers={"DPoP-Nonce": "n-1"},
                ),
            )
        ),
        token=respx.post(f"{ISSUER}/oauth/token").mock(side_effect=token or [token_answer()]),
    )


def in_an_hour() -> dt.datetime:
    from django.utils import timezone

    return timezone.now() + dt.timedelta(hours=1)
