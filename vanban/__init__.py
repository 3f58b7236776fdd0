"""vanban: Vietnamese official documents (văn bản hành chính) per Decree 30/2020/NĐ-CP.

The core package holds the domain, the format rules, the input readers, the renderers and the
register. It never imports Prefect: orchestration lives in the top-level `flows` package.
"""

__version__ = "0.1.0"
