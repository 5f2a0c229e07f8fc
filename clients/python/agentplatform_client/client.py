"""A typed client of the Agent Platform gRPC API (package agentplatform.v1) for one agent."""

import time

import grpc
from google.protobuf import json_format, struct_pb2

from . import _stubs
from .errors import ApiError
from .inbox import InboxStream

_PRIORITIES = {"high": "PRIORITY_HIGH", "normal": "PRIORITY_NORMAL", "low": "PRIORITY_LOW"}
_DECLARED = {"idle": "DECLARED_STATUS_IDLE", "busy": "DECLARED_STATUS_BUSY", "waiting": "DECLARED_STATUS_WAITING"}


def _enum(enum_type, names, value, what):
    if value is None:
        return 0
    if value not in names:
        raise ValueError(f"{what} must be one of {', '.join(names)}, not {value!r}")
    return enum_type.Value(names[value])


def _optional(**fields):
    return {name: value for name, value in fields.items() if value is not None}


class AgentClient:
    """One agent's connection to the platform over gRPC (h2c), e.g. AgentClient("127.0.0.1:5081").

    Call `register` first (it keeps the key), or pass the `api_key` of an agent registered before. Every call but
    `register` sends `authorization: Bearer <key>`. Failures raise ApiError. With `rate_limit_retries` > 0 a call
    answered RESOURCE_EXHAUSTED sleeps for the RetryInfo delay and tries again that many times, telling
    `on_rate_limited(delay_seconds)` each time. Safe to share between threads.
    """

    def __init__(self, target, api_key=None, *, timeout=30.0, rate_limit_retries=0, on_rate_limited=None):
        self.api_key = api_key
        self.timeout = timeout
        self.rate_limit_retries = rate_limit_retries
        self.on_rate_limited = on_rate_limited
        self._channel = grpc.insecure_channel(target)
        self._agents = _stubs.agents_grpc.AgentServiceStub(self._channel)
        self._channels = _stubs.channels_grpc.ChannelServiceStub(self._channel)
        self._inbox = _stubs.inbox_grpc.InboxServiceStub(self._channel)
        self._tasks = _stubs.tasks_grpc.TaskServiceStub(self._channel)
        self._requests = _stubs.requests_grpc.RequestServiceStub(self._channel)

    # Identity and liveness

    def register(self, name, *, description=None, emoji=None, capabilities=None, max_concurrent_tasks=None,
                 heartbeat_interval_seconds=None):
        """Registers an agent, keeps its key for the calls that follow and returns the RegisterResponse."""
        request = _stubs.agents.RegisterRequest(
            name=name, capabilities=capabilities or {},
            **_optional(description=description, emoji=emoji, max_concurrent_tasks=max_concurrent_tasks,
                        heartbeat_interval_seconds=heartbeat_interval_seconds))
        answer = self._call(self._agents.Register, "AgentService.Register", request, authorized=False)
        self.api_key = answer.api_key
        return answer

    def get_me(self):
        """The agent's own AgentView."""
        return self._call(self._agents.GetMe, "AgentService.GetMe", _stubs.agents.GetMeRequest())

    def update_me(self, *, description=None, emoji=None, capabilities=None, max_concurrent_tasks=None,
                  heartbeat_interval_seconds=None):
        """Changes the fields given (capabilities replaces the whole map) and returns the new AgentView."""
        request = _stubs.agents.UpdateMeRequest(**_optional(
            description=description, emoji=emoji, max_concurrent_tasks=max_concurrent_tasks,
            heartbeat_interval_seconds=heartbeat_interval_seconds))
        if capabilities is not None:
            request.capabilities.values.update(capabilities)
            request.capabilities.SetInParent()
        return self._call(self._agents.UpdateMe, "AgentService.UpdateMe", request)

    def heartbeat(self, status=None):
        """Keeps the agent online; `status` may declare idle, busy or waiting. Returns the HeartbeatResponse."""
        request = _stubs.agents.HeartbeatRequest(status=_enum(_stubs.agents.DeclaredStatus, _DECLARED, status, "status"))
        return self._call(self._agents.Heartbeat, "AgentService.Heartbeat", request)

    def rotate_key(self):
        """Issues a new key (the old one stops working at once), keeps it and returns it."""
        answer = self._call(self._agents.RotateKey, "AgentService.RotateKey", _stubs.agents.RotateKeyRequest())
        self.api_key = answer.api_key
        return answer.api_key

    # Channels

    def create_channel(self, channel_id, name, description=None):
        """Creates a channel (ALREADY_EXISTS when the id is taken) and returns its ChannelView."""
        request = _stubs.channels.CreateChannelRequest(id=channel_id, name=name, **_optional(description=description))
        return self._call(self._channels.CreateChannel, "ChannelService.CreateChannel", request)

    def list_channels(self, limit=0, after=""):
        """One page of channels: ListChannelsResponse with `channels` and `next_cursor` ('' on the last page)."""
        request = _stubs.channels.ListChannelsRequest(limit=limit, after=after)
        return self._call(self._channels.ListChannels, "ChannelService.ListChannels", request)

    def get_channel(self, channel_id):
        """The ChannelView of one channel."""
        request = _stubs.channels.GetChannelRequest(channel_id=channel_id)
        return self._call(self._channels.GetChannel, "ChannelService.GetChannel", request)

    def join_channel(self, channel_id):
        """Joins a channel; the answer's `joined` is False when the agent already was a member."""
        request = _stubs.channels.JoinChannelRequest(channel_id=channel_id)
        return self._call(self._channels.JoinChannel, "ChannelService.JoinChannel", request)

    def leave_channel(self, channel_id):
        """Leaves a channel."""
        request = _stubs.channels.LeaveChannelRequest(channel_id=channel_id)
        self._call(self._channels.LeaveChannel, "ChannelService.LeaveChannel", request)

    def post_message(self, channel_id, content, *, title=None, priority=None):
        """Posts to a channel the agent is a member of; `priority` is high, normal or low. Returns the Message."""
        request = _stubs.channels.PostMessageRequest(
            channel_id=channel_id, content=content, priority=_enum(_stubs.messages.Priority, _PRIORITIES, priority, "priority"),
            **_optional(title=title))
        return self._call(self._channels.PostMessage, "ChannelService.PostMessage", request)

    def read_messages(self, channel_id, after=0, limit=0):
        """Reads the channel log after a sequence: ReadMessagesResponse with `messages` and `next_cursor`."""
        request = _stubs.channels.ReadMessagesRequest(channel_id=channel_id, after=after, limit=limit)
        return self._call(self._channels.ReadMessages, "ChannelService.ReadMessages", request)

    # Inbox and direct messages

    def subscribe(self):
        """Opens the inbox stream: an InboxStream of leased deliveries (tasks and requests arrive on it too)."""
        call = self._inbox.Subscribe(_stubs.inbox.SubscribeRequest(), metadata=self._metadata())
        return InboxStream(call)

    def ack(self, delivery_ids):
        """Settles deliveries for good; returns how many leased deliveries it settled."""
        request = _stubs.inbox.SettleRequest(delivery_ids=list(delivery_ids))
        return self._call(self._inbox.Ack, "InboxService.Ack", request).acknowledged

    def nack(self, delivery_ids):
        """Hands deliveries back for redelivery after a short back-off; returns how many it handed back."""
        request = _stubs.inbox.SettleRequest(delivery_ids=list(delivery_ids))
        return self._call(self._inbox.Nack, "InboxService.Nack", request).handed_back

    def send_direct(self, agent_id, content, *, title=None, priority=None):
        """Sends a message to another agent's inbox and returns the Message."""
        request = _stubs.inbox.SendDirectRequest(
            agent_id=agent_id, content=content, priority=_enum(_stubs.messages.Priority, _PRIORITIES, priority, "priority"),
            **_optional(title=title))
        return self._call(self._inbox.SendDirect, "InboxService.SendDirect", request)

    # Tasks

    def post_result(self, task_id, output):
        """Completes a task the agent holds with `output` (any JSON value); returns the TaskActResponse."""
        value = json_format.ParseDict(output, struct_pb2.Value())
        request = _stubs.tasks.PostResultRequest(task_id=task_id, output=value)
        return self._call(self._tasks.PostResult, "TaskService.PostResult", request)

    def post_error(self, task_id, error):
        """Fails a task the agent holds with an error text; returns the TaskActResponse."""
        request = _stubs.tasks.PostResultRequest(task_id=task_id, error=error)
        return self._call(self._tasks.PostResult, "TaskService.PostResult", request)

    def task_heartbeat(self, task_id):
        """Extends the task's lease (FAILED_PRECONDITION once it ended); returns the TaskActResponse."""
        request = _stubs.tasks.TaskHeartbeatRequest(task_id=task_id)
        return self._call(self._tasks.Heartbeat, "TaskService.Heartbeat", request)

    def reject_task(self, task_id, reason=None):
        """Hands a task back so it goes to another agent; returns the TaskActResponse."""
        request = _stubs.tasks.RejectTaskRequest(task_id=task_id, **_optional(reason=reason))
        return self._call(self._tasks.Reject, "TaskService.Reject", request)

    # Request/reply

    def send_request(self, agent_id, content, *, priority=None, timeout_seconds=None):
        """Sends a request to another agent and waits for its reply: SendRequestResponse (request_id, from, content)."""
        request = _stubs.requests.SendRequestRequest(
            agent_id=agent_id, content=content, priority=_enum(_stubs.messages.Priority, _PRIORITIES, priority, "priority"),
            **_optional(timeout_seconds=timeout_seconds))
        # The host waits up to timeout_seconds (30 by default) for the reply; the call's own deadline must outlast it.
        deadline = max(self.timeout, (timeout_seconds or 30) + 5)
        return self._call(self._requests.Send, "RequestService.Send", request, timeout=deadline)

    def reply(self, request_id, content):
        """Answers a request found in the inbox; returns the ReplyResponse."""
        request = _stubs.requests.ReplyRequest(request_id=request_id, content=content)
        return self._call(self._requests.Reply, "RequestService.Reply", request)

    def close(self):
        """Closes the connection; streams still open end."""
        self._channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _metadata(self):
        if not self.api_key:
            raise ValueError("no API key: call register() first or pass api_key")
        return (("authorization", "Bearer " + self.api_key),)

    def _call(self, rpc, method, request, *, authorized=True, timeout=None):
        metadata = self._metadata() if authorized else ()
        retries = self.rate_limit_retries
        while True:
            try:
                return rpc(request, metadata=metadata, timeout=timeout or self.timeout)
            except grpc.RpcError as rpc_error:
                error = ApiError.from_rpc_error(method, rpc_error)
            if error.code != grpc.StatusCode.RESOURCE_EXHAUSTED or error.retry_delay is None or retries <= 0:
                raise error
            retries -= 1
            if self.on_rate_limited:
                self.on_rate_limited(error.retry_delay)
            time.sleep(error.retry_delay)
