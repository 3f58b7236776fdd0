"""Adversarial inputs (issue 9): the corpus, the isolating runner and their tests."""
