"""The office's own folder (thư mục của cơ quan): layering over the bundled templates, and the
`vanban office init|check` commands that start and validate one."""
