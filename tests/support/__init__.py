"""Support code of the test suite: paths, reading outputs back, builders of test inputs, fixtures.

`tests/` is on the import path (pytest's `pythonpath`), so tests write `from support.readback
import docx_lines`; fixture modules are loaded once as plugins by the top-level conftest.
"""
