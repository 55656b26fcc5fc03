"""Language-model answers through LangChain, behind a citation guard."""
