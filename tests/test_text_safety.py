"""`bad_character` finds its candidates with one regular expression: it must refuse exactly the
characters the rule names (controls but tab, bidi controls, invisible characters, surrogates,
non-characters U+FFFE/U+FFFF, private use), checked here against the rule written out per
character, over the whole Basic Multilingual Plane and the edges of the other planes."""

from __future__ import annotations

import unicodedata

from vanban.text_safety import BIDI_CONTROLS, INVISIBLE, bad_character


def refused(ch: str, multiline: bool) -> bool:
    code = ord(ch)
    if ch == "\t" or (multiline and ch in "\n\r"):
        return False
    return (
        code < 0x20
        or 0x7F <= code < 0xA0
        or ch in BIDI_CONTROLS
        or ch in INVISIBLE
        or 0xD800 <= code <= 0xDFFF
        or code in (0xFFFE, 0xFFFF)
        or unicodedata.category(ch) == "Co"
    )


def test_every_character_of_the_bmp_and_the_plane_edges():
    codes = [*range(0x10000), *range(0x1F000, 0x1F100), *range(0xEFFF0, 0xF0010), *range(0x10FFF0, 0x110000)]
    for multiline in (False, True):
        wrong = [
            hex(code)
            for code in codes
            if (bad_character(f"Lò Thị {chr(code)} Xuân", multiline=multiline) is not None)
            != refused(chr(code), multiline)
        ]
        assert wrong == []


def test_the_first_bad_character_is_named_and_line_breaks_pass_only_in_multiline_text():
    assert "U+202E" in bad_character("Nguyễn \u202e An \x0b")
    assert "U+000B" in bad_character("Nguyễn\x0b An \u202e")
    assert bad_character("Điều 1.\nĐiều 2.", multiline=True) is None
    assert "U+000A" in bad_character("Điều 1.\nĐiều 2.")
    assert bad_character("Trường THPT Phong Thổ\t(Lai Châu)") is None


def test_a_data_file_names_the_line_of_a_control_character():
    import pytest

    from vanban.inputs.yaml_guard import UnsafeYaml, check_events

    check_events('issuer: ldld-lai-chau\r\nsubject: "Về việc\ttặng Giấy khen"\r\n')  # CRLF, a quoted tab: fine
    for bad in ("\x07", "\x1b", "\x85", "\u2028"):
        with pytest.raises(UnsafeYaml) as caught:
            check_events(f"issuer: ldld-lai-chau\nsigner:\n  name: Tao Văn{bad} Chiến\n")
        assert caught.value.line == 3 and f"U+{ord(bad):04X}" in caught.value.message
