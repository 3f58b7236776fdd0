"""vanban web: the clerk's own page (issue 13).

A clerk has the approved list on her own computer, not a path on the server, and reads
Vietnamese. This small FastAPI application, rendered on the server with Jinja (autoescaped, no
front-end build), lets her sign in, upload the list (and session file) or a Markdown document,
see every problem as a table (file, sheet, row, column, what was expected), look at the draft
(first page of the decision, the sample certificate), and lets the văn thư issue it (signing date,
optional hand-given number) with progress, then download the ZIP, the print PDF and each file —
served by the draft's id and the file's position in its listing, never by a path from the request.

It drives the draft → issue lifecycle of `vanban.drafts`, the same as the CLI and the Prefect
deployments, and keeps its accounts and audit log in the register's database (`web_users`,
`web_audit`). `vanban web serve` runs it (uvicorn); `vanban web user add` creates accounts.
"""
