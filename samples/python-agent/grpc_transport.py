"""The sample agent's operations over the gRPC API, with the Python client in clients/python.

Deliveries come from the inbox stream instead of long-polls; they are handed to the agent in the HTTP JSON shape, so
the agent's logic is the same on both transports.
"""

import os
import sys
import time

import grpc

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "clients", "python"))
from agentplatform_client import AgentClient  # noqa: E402
from agentplatform_client import ApiError as GrpcApiError  # noqa: E402
from agentplatform_client import kind_name  # noqa: E402

# The HTTP status each gRPC refusal stands for (docs/grpc-api.md), so the agent's checks read the same on both transports.
_HTTP_STATUS = {
    grpc.StatusCode.INVALID_ARGUMENT: 400, grpc.StatusCode.UNAUTHENTICATED: 401, grpc.StatusCode.PERMISSION_DENIED: 403,
    grpc.StatusCode.NOT_FOUND: 404, grpc.StatusCode.ALREADY_EXISTS: 409, grpc.StatusCode.FAILED_PRECONDITION: 409,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 429, grpc.StatusCode.DEADLINE_EXCEEDED: 504,
}


class GrpcTransport:
    """Talks to the host's gRPC port; raises `error_type(method, path, status, body)` like the HTTP transport.

    A call answered RESOURCE_EXHAUSTED is tried again after its RetryInfo delay, waited through `retry_after` as the HTTP
    transport waits a 429's Retry-After."""

    name = "grpc"

    def __init__(self, target, retry_after, error_type, max_retries=10):
        self.retry_after = retry_after
        self.error_type = error_type
        self.max_retries = max_retries
        # The client's own retries would sleep for the whole delay, whatever the deadline: they stay off, and _do retries.
        self.client = AgentClient(target)
        self.stream = None

    @property
    def has_key(self):
        return self.client.api_key is not None

    def register(self, body):
        answer = self._do(self.client.register, body["name"], description=body.get("description"),
                          capabilities=body.get("capabilities"), max_concurrent_tasks=body.get("max_concurrent_tasks"),
                          heartbeat_interval_seconds=body.get("heartbeat_interval_seconds"))
        return answer.agent.id

    def heartbeat(self):
        return self._do(self.client.heartbeat).interval_seconds

    def create_channel(self, channel, description):
        self._do(self.client.create_channel, channel, channel, description)

    def join_channel(self, channel):
        self._do(self.client.join_channel, channel)

    def member_count(self, channel):
        return self._do(self.client.get_channel, channel).member_count

    def leave_channel(self, channel):
        self._do(self.client.leave_channel, channel)

    def post(self, channel, title, content, priority):
        self._do(self.client.post_message, channel, content, title=title, priority=priority)

    def inbox(self, wait, limit):
        """What the stream delivered within `wait` seconds (at most `limit`), opening the stream on first use."""
        if self.stream is None:
            self.stream = self.client.subscribe()
        deliveries = []
        finish = time.monotonic() + wait
        while len(deliveries) < limit:
            left = finish - time.monotonic() if not deliveries else 0.05
            delivery = self._do(self.stream.read, max(0.0, left))
            if delivery is None:
                break
            deliveries.append({
                "delivery_id": delivery.delivery_id, "attempt": delivery.attempt,
                "message": {"kind": kind_name(delivery.message), "sender_id": delivery.message.sender_id,
                            "title": delivery.message.title, "content": delivery.message.content},
            })
        return deliveries

    def ack(self, delivery_ids):
        return self._do(self.client.ack, delivery_ids)

    def read_log(self, channel, after):
        page = self._do(self.client.read_messages, channel, after=after, limit=200)
        return len(page.messages), page.next_cursor

    def task_heartbeat(self, task_id):
        self._do(self.client.task_heartbeat, task_id)

    def post_result(self, task_id, output):
        return self._do(self.client.post_result, task_id, output).status

    def close(self):
        if self.stream is not None:
            self.stream.cancel()
        self.client.close()

    def _do(self, operation, *args, **kwargs):
        method = "(gRPC)"
        for _ in range(self.max_retries + 1):
            try:
                return operation(*args, **kwargs)
            except GrpcApiError as error:
                if error.code != grpc.StatusCode.RESOURCE_EXHAUSTED or error.retry_delay is None:
                    raise self.error_type(error.method, "(gRPC)", _HTTP_STATUS.get(error.code, 500), {"detail": error.message}) from None
                method = error.method
                past_timeout = self.retry_after.wait(error.retry_delay)
                if past_timeout:
                    raise self.error_type(method, "(gRPC)", 429, {"detail": past_timeout}) from None
        raise self.error_type(method, "(gRPC)", 429, {"detail": "still rate limited after retries"})
