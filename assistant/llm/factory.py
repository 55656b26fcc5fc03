"""The answerer the settings ask for: model-backed when a model is configured, else extractive."""
from __future__ import annotations

from assistant.answer.extractive import ExtractiveAnswerer
from assistant.corpus.store import Corpus
from assistant.settings import Settings


def make_answerer(settings: Settings, corpus: Corpus):
    """An LLMAnswerer when settings name a model, else an ExtractiveAnswerer (both answer(),
    the first also stream()). Raises IpmsError for a bad model configuration."""
    extractive = ExtractiveAnswerer(settings, corpus)
    if not settings.llm_enabled:
        return extractive
    from assistant.llm.answerer import LLMAnswerer
    from assistant.llm.chat_models import make_chat_model

    # streamed: the web chat shows the text as it comes; the guard reads it whole at the end
    return LLMAnswerer(settings, corpus, make_chat_model(settings, streaming=True), extractive)
