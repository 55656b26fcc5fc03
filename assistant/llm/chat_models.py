"""Chat models by name: every provider here speaks the OpenAI API (vLLM, Ollama, DeepSeek, Qwen,
OpenAI), so one LangChain client covers them; only the default endpoint differs. The client is
wrapped so that IPMS_LLM_TIMEOUT bounds the whole request, retries included (deadline.py)."""
from __future__ import annotations

from langchain_core.language_models.chat_models import BaseChatModel

from assistant.errors import IpmsError
from assistant.llm.deadline import DeadlineChatModel
from assistant.settings import Settings

DEFAULT_BASE_URLS = {
    "openai": None,  # the client's own default
    "vllm": "http://127.0.0.1:8000/v1",
    "ollama": "http://127.0.0.1:11434/v1",
    "deepseek": "https://api.deepseek.com/v1",
    "qwen": "https://dashscope.aliyuncs.com/compatible-mode/v1",
}


def make_chat_model(settings: Settings, streaming: bool = False) -> BaseChatModel | None:
    """The configured chat model, or None when answers stay extractive. Every call on it ends
    within settings.llm_timeout seconds (ModelTimeout otherwise), with up to settings.llm_retries
    retries inside that time. Raises IpmsError for an unknown provider, a missing model name or a
    missing langchain-openai."""
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

    def client(seconds: float) -> BaseChatModel:
        return ChatOpenAI(model=settings.llm_model,
                          base_url=settings.llm_base_url or DEFAULT_BASE_URLS[provider],
                          api_key=key, temperature=settings.llm_temperature,
                          timeout=max(seconds, 0.1), max_retries=0, streaming=streaming)

    return DeadlineChatModel(build=client, timeout=settings.llm_timeout,
                             retries=max(settings.llm_retries, 0), streaming=streaming)
