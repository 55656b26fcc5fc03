"""Chat models by name: every provider here speaks the OpenAI API (vLLM, Ollama, DeepSeek, Qwen,
OpenAI), so one LangChain client covers them; only the default endpoint differs."""
from __future__ import annotations

from langchain_core.language_models.chat_models import BaseChatModel

from assistant.errors import IpmsError
from assistant.settings import Settings

DEFAULT_BASE_URLS = {
    "openai": None,  # the client's own default
    "vllm": "http://127.0.0.1:8000/v1",
    "ollama": "http://127.0.0.1:11434/v1",
    "deepseek": "https://api.deepseek.com/v1",
    "qwen": "https://dashscope.aliyuncs.com/compatible-mode/v1",
}


def make_chat_model(settings: Settings, streaming: bool = False) -> BaseChatModel | None:
    """The configured chat model, or None when answers stay extractive."""
    provider = settings.llm_provider.lower()
    if provider in ("", "none"):
        return None
    if provider not in DEFAULT_BASE_URLS:
        raise IpmsError(f"unknown llm provider '{settings.llm_provider}' "
                        f"(use none, {', '.join(DEFAULT_BASE_URLS)})")
    if not settings.llm_model:
        raise IpmsError("IPMS_LLM_MODEL is required when a language model is configured")
    try:
        from langchain_openai import ChatOpenAI
    except ImportError:
        raise IpmsError("language-model answers need: pip install langchain-openai") from None
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else "not-needed"
    return ChatOpenAI(model=settings.llm_model,
                      base_url=settings.llm_base_url or DEFAULT_BASE_URLS[provider],
                      api_key=key, temperature=settings.llm_temperature,
                      timeout=settings.llm_timeout, max_retries=settings.llm_retries,
                      streaming=streaming)
