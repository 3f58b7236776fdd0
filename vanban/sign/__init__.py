"""Electronic issue (issue 14): PDF/A-2b originals, Decree 30 signature appearance, PAdES.

- `vanban.sign.pdfa`: `render_archival_pdf(document, signing_time)` (PDF/A-2b with title =
  subject, author = issuer, creation date = signing time, identifier = number and symbol) and
  `pdfa_problems(pdf)` (the PDF/A-2b checks that matter; what they miss is in its docstring).
- `vanban.sign.appearance`: where the images go (Appendix I): `find_signature_block`,
  `signature_layout`, `attachment_stamp_box`, `image_problems`.
- `vanban.sign.pades`: `sign_document` (signer's signature image, then the seal, each an
  incremental update), `sign_attachment` (top-right text block), keys from PKCS#12 or PKCS#11.
- `vanban.sign.verify`: `verify(path, trust_roots) -> list[SignatureReport]`, Vietnamese text.
- `vanban.sign.package`: `sign_package(folder, keys)` for an issued package and its manifest.
- `vanban.sign.cli`: the `sign` and `verify` commands (Typer), not yet mounted in `vanban`.

The core never imports Prefect; pyHanko, pdfminer and Pillow are imported by these modules only.
"""
