"""Vietnamese-language helpers (tiếng Việt): text normalisation, money, name ordering.

Submodules are imported explicitly (`from vanban.vietnamese.money import money_in_words`);
this package re-exports nothing so that importing one helper never loads the others
(collation and text are pure Python; nothing here needs PyICU at import time).
"""
