#!/usr/bin/env python3
"""A sample Agent Platform agent using only the Python 3 standard library.

It registers, heartbeats in the background, creates or joins a channel, posts, reads its inbox by long-poll and
acknowledges what it read, backs off on 429 using Retry-After, reports failures to the channel, and prints one JSON
summary line on exit.

    HOST_URL=http://127.0.0.1:5080 python3 samples/python-agent/agent.py --name py-agent --channel lobby

With --take-tasks it registers its --capabilities instead and works on the tasks the platform hands it: each `task` in its
inbox is acknowledged, worked on for --work-seconds (heartbeating the task's lease meanwhile) and answered with
POST /tasks/{id}/result; a `task_cancelled` notice stops that work. It prints one JSON line per task it starts.

    HOST_URL=http://127.0.0.1:5080 python3 samples/python-agent/agent.py --take-tasks --capabilities summarize=0.9

With --grpc HOST:PORT (or GRPC_TARGET) it does the same over the gRPC API with the client in clients/python, which needs
Debian's python3-grpcio, so run it with Debian's interpreter:

    /usr/bin/python3 samples/python-agent/agent.py --grpc 127.0.0.1:5081 --name py-agent --channel lobby
"""

import argparse
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from retry_after import RetryAfter


class ApiError(Exception):
    def __init__(self, method, path, status, body):
        super().__init__(f"{method} {path} answered {status}: {body.get('detail') or body.get('title') or body}")
        self.status = status
        self.body = body


class Client:
    """A tiny HTTP client that retries after 429 for as long as Retry-After says, waiting through `retry_after` (which never
    waits past the run's deadline)."""

    def __init__(self, base_url, retry_after, max_retries=10):
        self.base_url = base_url.rstrip("/") + "/api/v1"
        self.key = None
        self.retry_after = retry_after
        self.max_retries = max_retries

    def call(self, method, path, body=None, timeout=40):
        for _ in range(self.max_retries + 1):
            status, headers, payload = self._send(method, path, body, timeout)
            if status == 429:
                past_timeout = self.retry_after.wait(float(headers.get("Retry-After") or payload.get("retry_after_seconds") or 1))
                if past_timeout:
                    raise ApiError(method, path, 429, {"detail": past_timeout})
                continue
            if status >= 400:
                raise ApiError(method, path, status, payload)
            return status, payload
        raise ApiError(method, path, 429, {"detail": "still rate limited after retries"})

    def _send(self, method, path, body, timeout):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.key:
            request.add_header("Authorization", "Bearer " + self.key)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw = response.read()
                return response.status, response.headers, json.loads(raw) if raw else {}
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                payload = json.loads(raw) if raw else {}
            except ValueError:
                payload = {"detail": raw.decode("utf-8", "replace")}
            return error.code, error.headers, payload


class HttpTransport:
    """The agent's operations over the HTTP API (the default transport)."""

    name = "http"

    def __init__(self, base_url, retry_after):
        self.client = Client(base_url, retry_after)

    @property
    def has_key(self):
        return self.client.key is not None

    def register(self, body):
        _, registered = self.client.call("POST", "/agents", body)
        self.client.key = registered["api_key"]
        return registered["agent"]["id"]

    def heartbeat(self):
        _, beat = self.client.call("POST", "/agents/me/heartbeat")
        return beat.get("interval_seconds")

    def create_channel(self, channel, description):
        self.client.call("POST", "/channels", {"id": channel, "name": channel, "description": description})

    def join_channel(self, channel):
        self.client.call("POST", f"/channels/{channel}/members")

    def member_count(self, channel):
        _, view = self.client.call("GET", f"/channels/{channel}")
        return view["member_count"]

    def leave_channel(self, channel):
        self.client.call("DELETE", f"/channels/{channel}/members/me")

    def post(self, channel, title, content, priority):
        self.client.call("POST", f"/channels/{channel}/messages", {"title": title, "content": content, "priority": priority})

    def inbox(self, wait, limit):
        _, inbox = self.client.call("GET", f"/agents/me/inbox?wait={wait:.1f}&limit={limit}")
        return inbox.get("deliveries", [])

    def ack(self, delivery_ids):
        _, acked = self.client.call("POST", "/agents/me/inbox/ack", {"delivery_ids": delivery_ids})
        return acked["acknowledged"]

    def read_log(self, channel, after):
        _, page = self.client.call("GET", f"/channels/{channel}/messages?after={after}&limit=200")
        return len(page["messages"]), int(page["next_cursor"])

    def task_heartbeat(self, task_id):
        self.client.call("POST", "/tasks/" + urllib.parse.quote(task_id, safe="") + "/heartbeat")

    def post_result(self, task_id, output):
        _, answer = self.client.call("POST", "/tasks/" + urllib.parse.quote(task_id, safe="") + "/result", {"output": output})
        return answer["status"]

    def close(self):
        pass


def open_transport(args, summary, deadline):
    """HTTP by default; gRPC with --grpc (the client in clients/python, on Debian's python3-grpcio)."""
    if not args.grpc:
        return HttpTransport(args.host, RetryAfter(summary, deadline))
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    try:
        from grpc_transport import GrpcTransport
    except ImportError as error:
        raise RuntimeError(f"--grpc needs Debian's python3-grpcio; run the agent with /usr/bin/python3 ({error})") from error
    return GrpcTransport(args.grpc, RetryAfter(summary, deadline), ApiError)


class Heartbeat(threading.Thread):
    """Sends heartbeats on the schedule the host announces, until stopped."""

    def __init__(self, transport, summary, max_interval):
        super().__init__(daemon=True)
        self.transport = transport
        self.lock = threading.Lock()
        self.summary = summary
        self.max_interval = max_interval
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            interval = self.max_interval
            try:
                announced = self.transport.heartbeat()
                with self.lock:
                    self.summary["heartbeats"] += 1
                interval = min(float(announced or interval), self.max_interval)
            except (ApiError, OSError) as error:
                with self.lock:
                    self.summary["errors"].append(f"heartbeat: {error}")
            self.stopped.wait(interval)

    def stop(self):
        """Stops the loop and waits for a heartbeat in flight, so the transport is not closed under it."""
        self.stopped.set()
        self.join(timeout=30)


def main():
    parser = argparse.ArgumentParser(description="Agent Platform sample agent (Python)")
    parser.add_argument("--name", default=os.environ.get("AGENT_NAME", f"py-agent-{os.getpid()}"))
    parser.add_argument("--host", default=os.environ.get("HOST_URL", "http://127.0.0.1:5080"))
    parser.add_argument("--grpc", default=os.environ.get("GRPC_TARGET", ""),
                        help="HOST:PORT of the host's gRPC API; when set the agent talks gRPC instead of HTTP")
    parser.add_argument("--channel", default=os.environ.get("AGENT_CHANNEL", "lobby"))
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("AGENT_ROUNDS", "3")))
    parser.add_argument("--wait", type=float, default=2.0, help="long-poll seconds per inbox read")
    parser.add_argument("--expect-peers", type=int, default=0, help="post once this many other agents joined, and keep reading until posts from them arrived")
    parser.add_argument("--timeout", type=float, default=60.0, help="upper bound on the whole run, in seconds")
    parser.add_argument("--heartbeat-interval", type=float, default=5.0)
    parser.add_argument("--take-tasks", action="store_true", help="take tasks instead of chatting in a channel")
    parser.add_argument("--capabilities", default="", help="name=proficiency,... declared at registration")
    parser.add_argument("--role", choices=["manager", "coordinator", "executor"],
                        help="team role declared at registration with --take-tasks (HTTP only); team sub-tasks go to executors")
    parser.add_argument("--work-seconds", type=float, default=0.0, help="how long each task takes")
    parser.add_argument("--max-tasks", type=int, default=0, help="stop after this many results (0: run until --timeout)")
    args = parser.parse_args()
    if args.role and args.grpc:
        parser.error("--role is declared over HTTP only")
    if args.take_tasks:
        return take_tasks(args)

    summary = {
        "agent": args.name, "language": "python", "transport": "grpc" if args.grpc else "http", "agent_id": None,
        "registered": False, "joined": False,
        "channel": args.channel, "posted": 0, "received": 0, "received_from": [], "received_contents": [],
        "acknowledged": 0, "log_messages": 0, "rate_limited": 0, "retry_after_seconds": [], "heartbeats": 0,
        "failures_reported": 0, "errors": [],
    }
    transport = None
    heartbeat = None
    deadline = time.monotonic() + args.timeout
    peers = set()
    try:
        transport = open_transport(args, summary, deadline)
        summary["agent_id"] = me = transport.register({"name": args.name, "description": "Python sample agent"})
        summary["registered"] = True
        heartbeat = Heartbeat(transport, summary, args.heartbeat_interval)
        heartbeat.start()

        try:
            transport.create_channel(args.channel, "sample agents meet here")
        except ApiError as error:
            if error.status != 409:
                raise
            transport.join_channel(args.channel)
        summary["joined"] = True
        # Posts reach the members of the moment, so an agent expecting peers lets them join before it speaks.
        while args.expect_peers > 0 and transport.member_count(args.channel) < args.expect_peers + 1 and time.monotonic() < deadline:
            time.sleep(min(0.25, max(0.0, deadline - time.monotonic())))

        cursor = 0
        rounds = 0
        while time.monotonic() < deadline:
            if rounds < args.rounds:
                rounds += 1
                # The second post of a round hits the channel's post cooldown; the client sleeps Retry-After and retries.
                for part in ("hello", "again"):
                    transport.post(args.channel, f"round {rounds}", f"{args.name} says {part} (round {rounds})", "normal")
                    summary["posted"] += 1
            elif len(peers) >= args.expect_peers:
                break

            wait = max(0.0, min(args.wait, deadline - time.monotonic()))
            deliveries = transport.inbox(wait, 50)
            for delivery in deliveries:
                message = delivery["message"]
                summary["received"] += 1
                if message["kind"] == "post" and message["sender_id"] != me:
                    peers.add(message["sender_id"])
                    summary["received_contents"].append(message["content"])
            if deliveries:
                summary["acknowledged"] += transport.ack([d["delivery_id"] for d in deliveries])

            read, cursor = transport.read_log(args.channel, cursor)
            summary["log_messages"] += read

        if len(peers) < args.expect_peers:
            raise RuntimeError(f"expected posts from {args.expect_peers} other agents, saw {len(peers)}")
    except (ApiError, OSError, RuntimeError, KeyError, ValueError) as error:
        summary["errors"].append(str(error))
        report_failure(transport, args.channel, args.name, error, summary)
    finally:
        if summary["joined"]:
            leave(transport, args.channel)
        if heartbeat:
            heartbeat.stop()
        if transport:
            transport.close()
        summary["received_from"] = sorted(peers)
        print(json.dumps(summary), flush=True)
    return 0 if not summary["errors"] else 1


def parse_capabilities(text):
    capabilities = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, proficiency = part.partition("=")
        capabilities[name] = float(proficiency or 1)
    return capabilities


def take_tasks(args):
    """Registers with capabilities and answers the tasks that arrive in the inbox until --max-tasks or --timeout."""
    summary = {
        "agent": args.name, "language": "python", "transport": "grpc" if args.grpc else "http", "agent_id": None,
        "registered": False, "heartbeats": 0,
        "rate_limited": 0, "retry_after_seconds": [], "tasks_done": [], "tasks_cancelled": [], "task_heartbeats": 0,
        "results": {}, "errors": [],
    }
    cancelled = set()

    def on_task(transport, task):
        if task["task_id"] not in summary["tasks_done"]:
            work_on(transport, args, task, cancelled, summary)

    def on_cancelled(notice):
        cancelled.add(notice["task_id"])
        summary["tasks_cancelled"].append(notice["task_id"])

    registration = {
        "name": args.name, "description": "Python sample agent taking tasks",
        "capabilities": parse_capabilities(args.capabilities), "max_concurrent_tasks": 1,
        "heartbeat_interval_seconds": args.heartbeat_interval}
    if args.role:
        registration["role"] = args.role
    return serve_tasks(args, summary, registration, on_task, on_cancelled,
                       more=lambda: args.max_tasks == 0 or len(summary["tasks_done"]) < args.max_tasks)


def serve_tasks(args, summary, registration, on_task, on_cancelled=None, on_registered=None, more=lambda: True):
    """The loop of an agent taking tasks, for this sample and others that import it (samples/team/planner.py).

    Registers with `registration`, heartbeats, and reads the inbox by long-poll (--wait) until --timeout or until more()
    is false, acknowledging each batch; hands each task to on_task(transport, task) and each task_cancelled notice to
    on_cancelled(notice). Prints the summary line on exit and answers the exit code: 0, or 1 after an error."""
    transport = None
    heartbeat = None
    deadline = time.monotonic() + args.timeout
    try:
        transport = open_transport(args, summary, deadline)
        summary["agent_id"] = transport.register(registration)
        summary["registered"] = True
        if on_registered:
            on_registered()
        heartbeat = Heartbeat(transport, summary, args.heartbeat_interval)
        heartbeat.start()
        while time.monotonic() < deadline and more():
            wait = max(0.0, min(args.wait, deadline - time.monotonic()))
            deliveries = transport.inbox(wait, 10)
            if deliveries:
                transport.ack([d["delivery_id"] for d in deliveries])
            for delivery in deliveries:
                message = delivery["message"]
                if message["kind"] != "task":
                    continue
                content = json.loads(message["content"])
                if content.get("type") == "task_cancelled" and on_cancelled:
                    on_cancelled(content)
                elif content.get("type") == "task":
                    on_task(transport, content)
    except (ApiError, OSError, RuntimeError, KeyError, ValueError) as error:
        summary["errors"].append(str(error))
    finally:
        if heartbeat:
            heartbeat.stop()
        if transport:
            transport.close()
        print(json.dumps(summary), flush=True)
    return 0 if not summary["errors"] else 1


def work_on(transport, args, task, cancelled, summary):
    """Works on one task for --work-seconds, heartbeating its lease, then posts the result (unless it was cancelled)."""
    task_id = task["task_id"]
    print(json.dumps({"event": "task_started", "task_id": task_id, "agent_id": summary["agent_id"]}), flush=True)
    finish = time.monotonic() + args.work_seconds
    while time.monotonic() < finish and task_id not in cancelled:
        time.sleep(min(1.0, max(0.0, finish - time.monotonic())))
        try:
            transport.task_heartbeat(task_id)
            summary["task_heartbeats"] += 1
        except ApiError as error:
            if error.status == 409:
                cancelled.add(task_id)
            else:
                raise
    if task_id in cancelled:
        return
    output = {"agent": summary["agent_id"], "language": "python", "step": task["step_id"], "input": task.get("input")}
    summary["results"][task_id] = transport.post_result(task_id, output)
    summary["tasks_done"].append(task_id)


def leave(transport, channel):
    """Leaves the channel at the end of a run, so its member count and fan-out keep to the agents still there; best effort:
    when the host cannot be reached the membership stays."""
    try:
        transport.leave_channel(channel)
    except (ApiError, OSError):
        pass


def report_failure(transport, channel, name, error, summary):
    """Tells the channel what went wrong, so the other agents (and people) see it."""
    if transport is None or not transport.has_key or not summary["joined"]:
        return
    try:
        transport.post(channel, "failure", f"{name} failed: {error}"[:2000], "high")
        summary["failures_reported"] += 1
    except (ApiError, OSError) as report_error:
        summary["errors"].append(f"could not report the failure: {report_error}")


if __name__ == "__main__":
    sys.exit(main())
