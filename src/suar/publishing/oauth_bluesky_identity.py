"""Who a Bluesky sign-in is for, and which server may authorise it (atproto OAuth,
"Identity Authentication"): handle → DID → DID document → PDS → the PDS's protected-resource
metadata → its authorization server → that server's metadata, checked against the atproto
profile.

Everything here fetches URLs that come from what a person typed or from documents other
servers published, so each fetch is HTTPS only, to a public host name (no IP literals, no
local names, no host that resolves to a private address), without redirects, with Suar's
timeouts and a size cap. The address check is a partial defence (httpx resolves the name
again when it connects, so a DNS answer that changes in between is not caught); it keeps
the ordinary ways of pointing Suar at an internal address out.

DNS TXT handle records are not readable here (no DNS client library): a handle is resolved
over HTTPS (`/.well-known/atproto-did`) and else by a PDS's
`com.atproto.identity.resolveHandle`, and the DID document must claim the handle back.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
from django.utils.translation import gettext as _

from suar.publishing.adapters.base import http_client
from suar.publishing.oauth import ConnectError

PLC_DIRECTORY = "https://plc.directory"
DEFAULT_RESOLVER = "https://bsky.social"
MAX_BYTES = 256 * 1024
HANDLE_RE = re.compile(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")
DID_RE = re.compile(r"^did:(plc:[a-z2-7]{24}|web:[a-z0-9.-]+)$")
# The atproto handle spec refuses these top-level domains; `.test` stays usable for tests.
_REFUSED_TLDS = {"alt", "arpa", "example", "internal", "invalid", "local", "localhost", "onion"}


@dataclass
class Identity:
    did: str
    handle: str  # verified both ways, or the DID itself when the document claims no handle
    pds: str


# --- fetching untrusted URLs --------------------------------------------------------------


def _public_host(host: str) -> bool:
    if not host or host == "localhost" or host.rsplit(".", 1)[-1] in _REFUSED_TLDS:
        return False
    try:
        ipaddress.ip_address(host.strip("[]"))
        return False  # atproto names hosts; an address literal is how SSRF starts
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return True  # unresolvable: the request fails to connect, which is reported as such
    return all(ipaddress.ip_address(info[4][0]).is_global for info in infos)


def safe_url(url: str) -> bool:
    """An HTTPS URL to a public host, without credentials."""
    parts = urlsplit(url)
    return (
        parts.scheme == "https"
        and parts.hostname is not None
        and parts.username is None
        and parts.password is None
        and _public_host(parts.hostname)
    )


def simple_origin(url: str) -> str | None:
    """`https://host[:port]` when the URL is exactly an origin (an authorization server or
    PDS address), else None."""
    parts = urlsplit(url)
    if (
        parts.scheme != "https"
        or not parts.hostname
        or parts.username
        or parts.password
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.port == 443
    ):
        return None
    return f"https://{parts.netloc.lower()}"


@dataclass
class Fetched:
    status: int
    body: bytes

    def json(self) -> dict[str, Any]:
        try:
            value = json.loads(self.body)
        except ValueError as exc:
            raise ValueError("not JSON") from exc
        if not isinstance(value, dict):
            raise ValueError("not a JSON object")
        return value


class Unreachable(Exception):
    """The server did not answer (connection refused, timeout, refused URL)."""


def fetch(url: str) -> Fetched:
    """GET an untrusted URL with the SSRF limits above; raises Unreachable."""
    if not safe_url(url):
        raise Unreachable(f"refused URL {url}")
    try:
        with http_client().stream("GET", url, headers={"Accept": "application/json"}) as answer:
            body = b""
            for chunk in answer.iter_bytes():
                body += chunk
                if len(body) > MAX_BYTES:
                    raise Unreachable(f"{url} answered with more than {MAX_BYTES} bytes")
            return Fetched(answer.status_code, body)
    except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as exc:
        raise Unreachable(f"{url}: {exc!r}") from exc


def unreachable(host: str) -> ConnectError:
    return ConnectError(
        _("Suar cannot reach %(server)s right now. Try again in a few minutes.") % {"server": host}
    )


def fetch_json(url: str) -> dict[str, Any] | None:
    """The JSON object URL answers with 200, else None; a server that does not answer at all
    is the person's "cannot reach" error."""
    try:
        found = fetch(url)
    except Unreachable:
        raise unreachable(urlsplit(url).netloc) from None
    if found.status != 200:
        return None
    try:
        return found.json()
    except ValueError:
        return None


# --- handles and DIDs ---------------------------------------------------------------------


def normalise_handle(value: str) -> str:
    handle = value.strip().lstrip("@").lower()
    if handle.startswith("at://"):
        handle = handle[5:]
    return handle


def is_handle(value: str) -> bool:
    return (
        len(value) <= 253
        and HANDLE_RE.match(value) is not None
        and value.rsplit(".", 1)[-1] not in _REFUSED_TLDS
    )


def is_did(value: str) -> bool:
    return DID_RE.match(value) is not None


def resolve_handle(handle: str, resolvers: list[str]) -> str:
    """The DID a handle names: its HTTPS well-known file, else a PDS's resolveHandle."""
    reached = False
    try:
        found = fetch(f"https://{handle}/.well-known/atproto-did")
        reached = True
        if found.status == 200:
            lines = found.body.decode(errors="replace").strip().splitlines()
            if lines and is_did(lines[0].strip()):
                return lines[0].strip()
    except Unreachable:
        pass
    for server in resolvers:
        url = f"{server}/xrpc/com.atproto.identity.resolveHandle?handle={quote(handle)}"
        try:
            found = fetch(url)
        except Unreachable:
            continue
        reached = True
        try:
            did = found.json().get("did") if found.status == 200 else None
        except ValueError:
            did = None
        if isinstance(did, str) and is_did(did):
            return did
    if not reached:
        raise unreachable(handle)
    raise ConnectError(
        _("There is no Bluesky account @%(handle)s. Check the handle and try again.")
        % {"handle": handle}
    )


def resolve_did(did: str) -> dict[str, Any]:
    """The DID document: plc.directory for did:plc, /.well-known/did.json for did:web."""
    if did.startswith("did:plc:"):
        url = f"{PLC_DIRECTORY}/{did}"
    else:
        domain = did.removeprefix("did:web:")
        if not is_handle(domain):  # a host name; did:web with a port or a path is refused
            raise ConnectError(_("Suar cannot use the account %(did)s.") % {"did": did})
        url = f"https://{domain}/.well-known/did.json"
    doc = fetch_json(url)
    if doc is None or doc.get("id") != did:
        raise ConnectError(
            _("The Bluesky account %(did)s no longer exists or cannot be read.") % {"did": did}
        )
    return doc


def handle_in(doc: dict[str, Any]) -> str | None:
    for alias in doc.get("alsoKnownAs") or []:
        if isinstance(alias, str) and alias.startswith("at://"):
            candidate = normalise_handle(alias)
            if is_handle(candidate):
                return candidate
    return None


def pds_of(doc: dict[str, Any]) -> str:
    did = doc.get("id", "")
    for service in doc.get("service") or []:
        if (
            isinstance(service, dict)
            and service.get("id") in ("#atproto_pds", f"{did}#atproto_pds")
            and service.get("type") == "AtprotoPersonalDataServer"
            and isinstance(service.get("serviceEndpoint"), str)
        ):
            endpoint = service["serviceEndpoint"].rstrip("/")
            if safe_url(endpoint):
                return endpoint
    raise ConnectError(_("The account %(did)s names no server Suar can use.") % {"did": did})


def resolve_identity(identifier: str, resolvers: list[str]) -> Identity:
    """A handle or DID as a verified identity (the DID document must claim the handle)."""
    if is_did(identifier):
        doc = resolve_did(identifier)
        handle = handle_in(doc)
        if handle is not None:
            try:
                if resolve_handle(handle, resolvers) != identifier:
                    handle = None
            except ConnectError:
                handle = None
        return Identity(identifier, handle or identifier, pds_of(doc))
    if not is_handle(identifier):
        raise ConnectError(
            _("“%(value)s” is not a Bluesky handle. It looks like name.bsky.social.")
            % {"value": identifier}
        )
    did = resolve_handle(identifier, resolvers)
    doc = resolve_did(did)
    if handle_in(doc) != identifier:
        raise ConnectError(
            _(
                "The handle @%(handle)s and the account it points to do not match, so Suar "
                "cannot be sure whose account it is. Check the handle in Bluesky."
            )
            % {"handle": identifier}
        )
    return Identity(did, identifier, pds_of(doc))


# --- servers ------------------------------------------------------------------------------


def not_oauth_ready(server: str) -> ConnectError:
    return ConnectError(
        _(
            "The server %(server)s does not offer “Sign in with Bluesky” (atproto OAuth). "
            "Connect with an app password instead."
        )
        % {"server": server}
    )


def authorization_server_of(pds: str) -> str:
    """The authorization server a PDS names in /.well-known/oauth-protected-resource."""
    host = urlsplit(pds).netloc
    meta = fetch_json(f"{pds}/.well-known/oauth-protected-resource")
    servers = meta.get("authorization_servers") if meta else None
    if not servers or not isinstance(servers, list) or not isinstance(servers[0], str):
        raise not_oauth_ready(host)
    issuer = simple_origin(servers[0])
    resource = meta.get("resource") if meta else None
    if issuer is None or not safe_url(issuer):
        raise not_oauth_ready(host)
    if isinstance(resource, str) and resource.rstrip("/").lower() != pds.lower():
        raise not_oauth_ready(host)
    return issuer


# Each requirement the atproto profile puts on authorization server metadata.
_REQUIRED_IN = {
    "response_types_supported": ["code"],
    "grant_types_supported": ["authorization_code", "refresh_token"],
    "code_challenge_methods_supported": ["S256"],
    "token_endpoint_auth_methods_supported": ["none", "private_key_jwt"],
    "token_endpoint_auth_signing_alg_values_supported": ["ES256"],
    "scopes_supported": ["atproto", "transition:generic"],
    "dpop_signing_alg_values_supported": ["ES256"],
}
_REQUIRED_TRUE = (
    "authorization_response_iss_parameter_supported",
    "require_pushed_authorization_requests",
    "client_id_metadata_document_supported",
)
_ENDPOINTS = ("authorization_endpoint", "token_endpoint", "pushed_authorization_request_endpoint")


def metadata_problem(meta: dict[str, Any], issuer: str) -> str | None:
    """What in the metadata breaks the atproto profile, or None."""
    if not isinstance(meta.get("issuer"), str) or simple_origin(meta["issuer"]) != issuer:
        return f"issuer {meta.get('issuer')!r} is not {issuer}"
    for name, values in _REQUIRED_IN.items():
        offered = meta.get(name)
        if not isinstance(offered, list) or any(value not in offered for value in values):
            return f"{name} lacks {values}"
    for name in _REQUIRED_TRUE:
        if meta.get(name) is not True:
            return f"{name} is not true"
    if meta.get("require_request_uri_registration") is False:
        return "require_request_uri_registration is false"
    for name in _ENDPOINTS:
        if not isinstance(meta.get(name), str) or not safe_url(meta[name]):
            return f"{name} is not a public https URL"
    return None


def authorization_server_metadata(issuer: str) -> dict[str, Any]:
    """RFC 8414 metadata of the issuer, refused unless it meets the atproto profile."""
    host = urlsplit(issuer).netloc
    meta = fetch_json(f"{issuer}/.well-known/oauth-authorization-server")
    if meta is None:
        raise not_oauth_ready(host)
    if problem := metadata_problem(meta, issuer):
        raise ConnectError(
            _("The sign-in server %(server)s does not meet atproto's OAuth rules: %(problem)s.")
            % {"server": host, "problem": problem}
        )
    return meta


def authorization_server_for(server: str) -> str:
    """A server a person named (a PDS or an entryway) as the authorization server."""
    try:
        return authorization_server_of(server)
    except ConnectError:
        return server  # not a PDS with protected-resource metadata: perhaps the server itself
