"""Checks the transcribed real award decisions in tests/data/decisions (issue 10 research data).

The YAML files are ground truth for the decision-content model; these tests keep them usable:
every shape tag belongs to the fixed vocabulary, every file names its source, and no real
signer name slips in (signers are placeholders, the structure of the block is what matters).
"""

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parent / "data" / "decisions"
NON_DECISION = {"vocabulary.yaml", "proposed-data.yaml", "issuer-families.yaml"}
DECISIONS = sorted(p for p in DATA.glob("*.yaml") if p.name not in NON_DECISION)
VOCAB = yaml.safe_load((DATA / "vocabulary.yaml").read_text(encoding="utf-8"))
PLACEHOLDER_NAMES = {None, "Nguyễn Văn A"}


def test_there_are_decisions():
    assert len(DECISIONS) >= 9


@pytest.mark.parametrize("path", DECISIONS, ids=lambda p: p.stem)
def test_decision_file(path):
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert d["id"] == path.stem
    assert d["source"]["url"].startswith("http")
    assert d["source"]["seen"]
    assert d["issuer"]["system"] in {"state", "trade_union", "party", "school"}
    assert d["decides_line"] in {"QUYẾT ĐỊNH:", "QUYẾT ĐỊNH"}
    assert d["articles"][0]["label"].startswith("Điều 1")
    for tag in d["shape"]:
        axis, _, value = tag.partition(".")
        assert value in VOCAB.get(axis, []), f"{path.name}: unknown shape tag {tag}"
    signature = d.get("signature") or {}
    assert signature.get("name") in PLACEHOLDER_NAMES, f"{path.name}: real signer name"


def test_issuer_families_cover_issue_12():
    families = yaml.safe_load((DATA / "issuer-families.yaml").read_text(encoding="utf-8"))["families"]
    wanted = {
        "ttg",
        "ministry",
        "ubnd_tinh",
        "so",
        "ubnd_xa",
        "hdtdkt",
        "tld",
        "ldld_tinh",
        "cd_nganh",
        "cdcs",
        "party",
        "school",
    }
    assert wanted <= set(families)
    for key, fam in families.items():
        assert fam.get("evidence"), f"{key}: no evidence"
