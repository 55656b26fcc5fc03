"""One deadline for a whole model request, retries included.

An HTTP client's timeout bounds each read, not the request: a server that trickles a token a
second never times out, and a timeout that is retried waits (retries + 1) times as long plus the
back-off. `DeadlineChatModel` runs each attempt in a worker thread and stops waiting when the
deadline passes; attempts are retried (connection errors, timeouts, 408/409/429/5xx) only while
time is left and only before the first token has been passed on.
"""
from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, BaseMessageChunk
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

BACKOFF_SECONDS = 0.5  # doubled after each failed attempt, capped at 4 s


class ModelTimeout(TimeoutError):
    """The model did not finish within the request's deadline."""


def retryable(exc: BaseException) -> bool:
    """Connection errors, timeouts and the HTTP statuses a retry may cure."""
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        return status in (408, 409, 429) or status >= 500
    names = {cls.__name__ for cls in type(exc).__mro__}
    return bool(names & {"APIConnectionError", "APITimeoutError", "ConnectionError",
                         "TimeoutError", "TimeoutException", "TransportError"})


def _within(deadline: float, produce: Callable[[], Iterator[Any]]) -> Iterator[Any]:
    """Items of produce() as they come, from a worker thread; ModelTimeout at the deadline.
    An abandoned worker ends on its own (its client's timeout is the time that was left)."""
    items: queue.Queue = queue.Queue()
    stop = threading.Event()

    def work() -> None:
        try:
            for item in produce():
                if stop.is_set():
                    return
                items.put(("item", item))
            items.put(("done", None))
        except BaseException as exc:  # handed to the caller's thread
            items.put(("error", exc))

    threading.Thread(target=work, daemon=True, name="llm-request").start()
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ModelTimeout("the language model did not answer in time")
            try:
                kind, value = items.get(timeout=remaining)
            except queue.Empty:
                raise ModelTimeout("the language model did not answer in time") from None
            if kind == "done":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()


class DeadlineChatModel(BaseChatModel):
    """A chat model whose every call (invoke or stream) ends within `timeout` seconds.

    `build(seconds)` makes the underlying client for one attempt, with its own timeout set to the
    time left and no retries of its own."""

    build: Callable[[float], BaseChatModel]
    timeout: float
    retries: int = 0
    streaming: bool = False  # stream() passes tokens on as they come (else one piece at the end)

    @property
    def _llm_type(self) -> str:
        return "deadline"

    def _attempts(self, call: Callable[[BaseChatModel], Iterator[Any]]) -> Iterator[Any]:
        deadline = time.monotonic() + self.timeout
        for attempt in range(self.retries + 1):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ModelTimeout("the language model did not answer in time")
            model = self.build(remaining)
            started = False
            try:
                for item in _within(deadline, lambda: call(model)):
                    started = True
                    yield item
                return
            except ModelTimeout:
                raise
            except Exception as exc:
                if started or attempt == self.retries or not retryable(exc):
                    raise
            pause = min(BACKOFF_SECONDS * 2 ** attempt, 4.0, deadline - time.monotonic())
            if pause > 0:
                time.sleep(pause)

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any
                  ) -> ChatResult:
        replies = list(self._attempts(lambda m: iter([m.invoke(messages, stop=stop, **kwargs)])))
        message = replies[-1] if replies else AIMessage(content="")
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any
                ) -> Iterator[ChatGenerationChunk]:
        for chunk in self._attempts(lambda m: m.stream(messages, stop=stop, **kwargs)):
            if not isinstance(chunk, BaseMessageChunk):  # a client that answered in one piece
                chunk = AIMessageChunk(content=chunk.content)
            piece = ChatGenerationChunk(message=chunk)
            if run_manager and isinstance(chunk.content, str):
                run_manager.on_llm_new_token(chunk.content, chunk=piece)
            yield piece
