"""Drives every RPC family of the Python client against a real host and prints one JSON line of named checks.

    /usr/bin/python3 flow.py HOST:PORT

Run by ClientFlowTests with a host whose post cooldown is 1 s and ack timeout 2 s.
"""

import json
import os
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "clients", "python"))
import grpc  # noqa: E402
from agentplatform_client import AgentClient, ApiError, kind_name, request_of  # noqa: E402

checks = {}


def check(name, condition, detail=""):
    checks[name] = bool(condition)
    if not condition:
        checks.setdefault("_failures", []).append(f"{name}: {detail}")


def refusal(operation):
    try:
        operation()
    except ApiError as error:
        return error
    return None


def next_delivery(stream, kind, timeout=10.0):
    finish = time.monotonic() + timeout
    while time.monotonic() < finish:
        delivery = stream.read(max(0.0, finish - time.monotonic()))
        if delivery is not None and kind_name(delivery.message) == kind:
            return delivery
    return None


def main():
    target = sys.argv[1]
    suffix = uuid.uuid4().hex[:8]
    alice = AgentClient(target)
    bob = AgentClient(target)

    registered = alice.register(f"py-alice-{suffix}", description="flow", capabilities={"summarize": 0.5})
    bob_id = bob.register(f"py-bob-{suffix}").agent.id
    check("register", registered.api_key and registered.agent.capabilities["summarize"] == 0.5)
    check("get_me", alice.get_me().name == f"py-alice-{suffix}")
    updated = alice.update_me(description="changed", capabilities={"translate": 0.9})
    check("update_me", updated.description == "changed" and dict(updated.capabilities) == {"translate": 0.9})
    beat = alice.heartbeat("idle")
    check("heartbeat", beat.status == "idle" and beat.interval_seconds > 0, beat)

    old_key = alice.api_key
    new_key = alice.rotate_key()
    stale = refusal(AgentClient(target, old_key).get_me)
    check("rotate_key", new_key != old_key and stale is not None and stale.code == grpc.StatusCode.UNAUTHENTICATED, stale)

    channel = f"py-flow-{suffix}"
    check("create_channel", alice.create_channel(channel, "flow", "client flow").id == channel)
    taken = refusal(lambda: alice.create_channel(channel, "again"))
    check("create_channel_taken", taken is not None and taken.code == grpc.StatusCode.ALREADY_EXISTS, taken)
    check("list_channels", channel in [c.id for c in alice.list_channels(limit=100).channels])
    check("get_channel", alice.get_channel(channel).member_count == 1)
    check("join_channel", bob.join_channel(channel).joined and not bob.join_channel(channel).joined)
    posted = alice.post_message(channel, "hello from python", title="greeting", priority="high")
    page = bob.read_messages(channel)
    check("post_and_read", any(m.id == posted.id and m.content == "hello from python" for m in page.messages)
          and page.next_cursor >= posted.sequence)
    cooled = refusal(lambda: alice.post_message(channel, "too soon"))
    check("rate_limited_with_retry_delay", cooled is not None and cooled.code == grpc.StatusCode.RESOURCE_EXHAUSTED
          and cooled.retry_delay and cooled.retry_delay > 0, cooled)
    invalid = refusal(lambda: alice.send_direct(bob_id, ""))
    check("invalid_argument_names_field", invalid is not None and invalid.code == grpc.StatusCode.INVALID_ARGUMENT
          and "content" in invalid.field_violations, invalid)
    bob.leave_channel(channel)
    outsider = refusal(lambda: bob.post_message(channel, "not a member"))
    check("leave_channel", outsider is not None and outsider.code == grpc.StatusCode.PERMISSION_DENIED, outsider)

    stream = bob.subscribe()
    alice.send_direct(bob_id, "direct one", title="dm")
    direct = next_delivery(stream, "direct")
    check("send_direct_and_stream", direct is not None and direct.message.content == "direct one"
          and direct.message.sender_id == registered.agent.id, direct)
    check("ack", direct is not None and bob.ack([direct.delivery_id]) == 1)

    alice.send_direct(bob_id, "direct two")
    first = next_delivery(stream, "direct")
    handed_back = bob.nack([first.delivery_id]) if first else 0
    again = next_delivery(stream, "direct")
    check("nack_redelivers", handed_back == 1 and again is not None and again.delivery_id == first.delivery_id
          and again.attempt == first.attempt + 1, again)
    if again:
        bob.ack([again.delivery_id])

    replies = {}
    sender = threading.Thread(target=lambda: replies.update(answer=alice.send_request(bob_id, "ping", timeout_seconds=10)))
    sender.start()
    asked = next_delivery(stream, "request")
    request = request_of(asked) if asked else None
    if request:
        bob.reply(request["request_id"], "pong from python")
        bob.ack([asked.delivery_id])
    sender.join(15)
    answer = replies.get("answer")
    check("request_reply", answer is not None and answer.content == "pong from python" and answer.request_id == request["request_id"])

    missing = refusal(lambda: bob.post_result("no-such-task", {"x": 1}))
    check("task_result_unknown_task", missing is not None and missing.code == grpc.StatusCode.NOT_FOUND, missing)
    missing = refusal(lambda: bob.task_heartbeat("no-such-task"))
    check("task_heartbeat_unknown_task", missing is not None and missing.code == grpc.StatusCode.NOT_FOUND, missing)
    missing = refusal(lambda: bob.reject_task("no-such-task", "cannot"))
    check("task_reject_unknown_task", missing is not None and missing.code == grpc.StatusCode.NOT_FOUND, missing)
    stream.cancel()

    # Disconnect mid-stream: a delivery received but not acknowledged comes again on a new connection.
    alice.send_direct(bob_id, "unacked")
    dropped = AgentClient(target, bob.api_key)
    dropping = dropped.subscribe()
    lost = next_delivery(dropping, "direct")
    dropped.close()
    reconnected = AgentClient(target, bob.api_key)
    with reconnected.subscribe() as stream_again:
        redelivered = next_delivery(stream_again, "direct", timeout=15)
    check("redelivered_after_disconnect", lost is not None and redelivered is not None
          and redelivered.delivery_id == lost.delivery_id and redelivered.attempt > lost.attempt, (lost, redelivered))
    if redelivered:
        reconnected.ack([redelivered.delivery_id])
    for client in (alice, bob, reconnected):
        client.close()


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # noqa: BLE001 - the test reads the failure from the summary
        checks.setdefault("_failures", []).append(f"unexpected: {error!r}")
    print(json.dumps(checks), flush=True)
