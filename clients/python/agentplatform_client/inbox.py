"""The inbox as a stream of leased deliveries."""

import json
import queue
import threading

import grpc

from . import _stubs
from .errors import ApiError


def kind_name(message):
    """The message kind as the HTTP API spells it: post, system, direct, task or request ('' when unspecified)."""
    name = _stubs.messages.MessageKind.Name(message.kind) if message.kind in _stubs.messages.MessageKind.values() else ""
    return name.removeprefix("MESSAGE_KIND_").lower().replace("unspecified", "")


def task_of(delivery):
    """The task JSON of a MESSAGE_KIND_TASK delivery as a dict (type `task` or `task_cancelled`), else None."""
    if delivery.message.kind != _stubs.messages.MESSAGE_KIND_TASK:
        return None
    return json.loads(delivery.message.content)


def request_of(delivery):
    """The request JSON of a MESSAGE_KIND_REQUEST delivery (request_id, content, expires_at), else None."""
    if delivery.message.kind != _stubs.messages.MESSAGE_KIND_REQUEST:
        return None
    return json.loads(delivery.message.content)


class InboxStream:
    """Iterates the deliveries of InboxService.Subscribe until cancelled.

    Each delivery is leased: acknowledge it with AgentClient.ack (or hand it back with nack); what is not settled
    comes again after the host's ack timeout, also when the stream is cancelled or the process dies mid-stream.
    """

    _END = object()

    def __init__(self, call):
        self._call = call
        self._cancelled = False
        self._queue = None
        self._lock = threading.Lock()
        self._failure = None
        self.ended = False

    def __iter__(self):
        try:
            for delivery in self._call:
                yield delivery
        except grpc.RpcError as error:
            if self._cancelled and error.code() == grpc.StatusCode.CANCELLED:
                return
            raise ApiError.from_rpc_error("InboxService.Subscribe", error) from None

    def read(self, timeout=None):
        """The next delivery, or None when none came within `timeout` seconds or the stream ended.

        Reads on a background thread, so a caller can wait with a bound; use either this or iteration, not both.
        Raises ApiError when the stream failed.
        """
        with self._lock:
            if self._queue is None:
                self._queue = queue.Queue()
                threading.Thread(target=self._pump, daemon=True, name="inbox-stream").start()
        if self.ended:
            return None
        try:
            item = self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
        if item is InboxStream._END:
            self.ended = True
            if self._failure:
                raise self._failure
            return None
        return item

    def _pump(self):
        try:
            for delivery in self:
                self._queue.put(delivery)
        except ApiError as error:
            self._failure = error
        finally:
            self._queue.put(InboxStream._END)

    def cancel(self):
        """Closes the stream; an iteration in progress ends without error."""
        self._cancelled = True
        self._call.cancel()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.cancel()
