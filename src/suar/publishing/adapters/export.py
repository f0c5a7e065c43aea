"""Export: a ready-to-post zip (text per platform, images, alt text, README) in the data dir,
for accounts Suar cannot post to through an API."""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings

from suar.publishing.adapters.base import (
    Adapter,
    Engagement,
    IncomingComment,
    NotSupported,
    PublishResult,
    media_path,
)
from suar.publishing.limits import PLATFORM_LIMITS, check_variant, measure
from suar.publishing.models import Publication

README = """Suar export bundle
==================

This folder holds one post, ready to publish by hand.

- text.txt: the post's text.
- text-<platform>.txt: the same text, for each platform whose limits it fits.
- images/: the media files, in order.
- alt-text.txt: the description of each image; paste it into the platform's alt text field.
- manifest.json: all of the above in machine-readable form.

Scheduled for: {scheduled}
"""


def export_dir() -> Path:
    return Path(settings.DATA_DIR) / "exports"


def bundle_path(publication: Publication) -> Path:
    # The key names the file, so writing it twice replaces it instead of adding a copy.
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in publication.idempotency_key)
    return export_dir() / publication.organisation.slug / f"{safe}.zip"


class ExportAdapter(Adapter):
    platform = "export"
    idempotent_create = True
    block_refusal = "an export bundle is posted by hand: block people on the platform itself"

    def publish(self, publication: Publication) -> PublishResult:
        target = bundle_path(publication)
        target.parent.mkdir(parents=True, exist_ok=True)
        images = sum(1 for m in publication.media if str(m.get("mime", "")).startswith("image/"))
        videos = len(publication.media) - images
        alt_texts = [str(m.get("alt_text", "")) for m in publication.media]
        fits = {
            key: measure(publication.text, key)
            for key in PLATFORM_LIMITS
            if key != "export"
            and not check_variant(
                publication.text, key, images=images, videos=videos, alt_texts=alt_texts
            )
        }
        manifest = {
            "text": publication.text,
            "scheduled_at": publication.scheduled_at.isoformat(),
            "fits_platforms": fits,
            "media": [],
        }
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
        os.close(fd)
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("README.txt", README.format(scheduled=publication.scheduled_at))
            bundle.writestr("text.txt", publication.text)
            for key in fits:
                bundle.writestr(f"text-{key}.txt", publication.text)
            lines = []
            for number, item in enumerate(publication.media, start=1):
                path = media_path(item)
                name = f"images/{number:02d}-{path.name}"
                bundle.write(path, name)
                lines.append(f"{name}: {item.get('alt_text', '')}")
                manifest["media"].append(  # type: ignore[attr-defined]
                    {"file": name, "alt_text": item.get("alt_text", ""), "mime": item.get("mime")}
                )
            bundle.writestr("alt-text.txt", "\n".join(lines) + ("\n" if lines else ""))
            bundle.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        os.replace(tmp, target)  # atomic: a crash leaves the old bundle or none, never half
        return PublishResult(post_id=str(target.relative_to(export_dir())))

    def fetch_engagement(self, publication: Publication) -> Engagement:
        raise NotSupported("an export bundle is posted by hand: Suar cannot see its figures")

    def fetch_comments(
        self, publication: Publication, *, since_id: str | None = None
    ) -> list[IncomingComment]:
        raise NotSupported("an export bundle is posted by hand: Suar cannot see its comments")

    def hide_comment(self, publication: Publication, comment_id: str) -> None:
        raise NotSupported("an export bundle is posted by hand: hide comments on the platform")

    def lookup(self, publication: Publication) -> PublishResult | None:
        target = bundle_path(publication)
        if target.is_file():
            return PublishResult(post_id=str(target.relative_to(export_dir())))
        return None
