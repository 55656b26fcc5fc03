"""Retrieval: the clause-number router, lexical and dense rankings, fusion and abstention."""
