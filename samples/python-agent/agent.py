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


class ApiError(Exception):
    def __init__(self, method, path, status, body):
        super().__init__(f"{method} {path} answered {status}: {body.get('detail') or body.get('title') or body}")
        self.status = status
        self.body = body


class Client:
    """A tiny HTTP client that retries after 429 for as long as Retry-After says."""

    def __init__(self, base_url, summary, max_retries=10):
        self.base_url = base_url.rstrip("/") + "/api/v1"
        self.key = None
        self.summary = summary
        self.max_retries = max_retries
        self.lock = threading.Lock()

    def call(self, method, path, body=None, timeout=40):
        for _ in range(self.max_retries + 1):
            status, headers, payload = self._send(method, path, body, timeout)
            if status == 429:
                retry_after = float(headers.get("Retry-After") or payload.get("retry_after_seconds") or 1)
                with self.lock:
                    self.summary["rate_limited"] += 1
                    self.summary["retry_after_seconds"].append(retry_after)
                time.sleep(retry_after)
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


class Heartbeat(threading.Thread):
    """Sends heartbeats on the schedule the host announces, until stopped."""

    def __init__(self, client, summary, max_interval):
        super().__init__(daemon=True)
        self.client = client
        self.summary = summary
        self.max_interval = max_interval
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            interval = self.max_interval
            try:
                _, beat = self.client.call("POST", "/agents/me/heartbeat")
                with self.client.lock:
                    self.summary["heartbeats"] += 1
                interval = min(float(beat.get("interval_seconds") or interval), self.max_interval)
            except (ApiError, OSError) as error:
                with self.client.lock:
                    self.summary["errors"].append(f"heartbeat: {error}")
            self.stopped.wait(interval)


def main():
    parser = argparse.ArgumentParser(description="Agent Platform sample agent (Python)")
    parser.add_argument("--name", default=os.environ.get("AGENT_NAME", f"py-agent-{os.getpid()}"))
    parser.add_argument("--host", default=os.environ.get("HOST_URL", "http://127.0.0.1:5080"))
    parser.add_argument("--channel", default=os.environ.get("AGENT_CHANNEL", "lobby"))
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("AGENT_ROUNDS", "3")))
    parser.add_argument("--wait", type=float, default=2.0, help="long-poll seconds per inbox read")
    parser.add_argument("--expect-peers", type=int, default=0, help="keep reading until posts from this many other agents arrived")
    parser.add_argument("--timeout", type=float, default=60.0, help="upper bound on the whole run, in seconds")
    parser.add_argument("--heartbeat-interval", type=float, default=5.0)
    parser.add_argument("--take-tasks", action="store_true", help="take tasks instead of chatting in a channel")
    parser.add_argument("--capabilities", default="", help="name=proficiency,... declared at registration")
    parser.add_argument("--work-seconds", type=float, default=0.0, help="how long each task takes")
    parser.add_argument("--max-tasks", type=int, default=0, help="stop after this many results (0: run until --timeout)")
    args = parser.parse_args()
    if args.take_tasks:
        return take_tasks(args)

    summary = {
        "agent": args.name, "language": "python", "agent_id": None, "registered": False, "joined": False,
        "channel": args.channel, "posted": 0, "received": 0, "received_from": [], "received_contents": [],
        "acknowledged": 0, "log_messages": 0, "rate_limited": 0, "retry_after_seconds": [], "heartbeats": 0,
        "failures_reported": 0, "errors": [],
    }
    client = Client(args.host, summary)
    heartbeat = None
    deadline = time.monotonic() + args.timeout
    peers = set()
    try:
        _, registered = client.call("POST", "/agents", {"name": args.name, "description": "Python sample agent"})
        client.key = registered["api_key"]
        summary["agent_id"] = me = registered["agent"]["id"]
        summary["registered"] = True
        heartbeat = Heartbeat(client, summary, args.heartbeat_interval)
        heartbeat.start()

        try:
            client.call("POST", "/channels", {"id": args.channel, "name": args.channel, "description": "sample agents meet here"})
        except ApiError as error:
            if error.status != 409:
                raise
            client.call("POST", f"/channels/{args.channel}/members")
        summary["joined"] = True

        cursor = 0
        rounds = 0
        while time.monotonic() < deadline:
            if rounds < args.rounds:
                rounds += 1
                # The second post of a round hits the channel's post cooldown; the client sleeps Retry-After and retries.
                for part in ("hello", "again"):
                    client.call("POST", f"/channels/{args.channel}/messages",
                                {"title": f"round {rounds}", "content": f"{args.name} says {part} (round {rounds})", "priority": "normal"})
                    summary["posted"] += 1
            elif len(peers) >= args.expect_peers:
                break

            wait = max(0.0, min(args.wait, deadline - time.monotonic()))
            _, inbox = client.call("GET", f"/agents/me/inbox?wait={wait:.1f}&limit=50")
            deliveries = inbox.get("deliveries", [])
            for delivery in deliveries:
                message = delivery["message"]
                summary["received"] += 1
                if message["kind"] == "post" and message["sender_id"] != me:
                    peers.add(message["sender_id"])
                    summary["received_contents"].append(message["content"])
            if deliveries:
                _, acked = client.call("POST", "/agents/me/inbox/ack", {"delivery_ids": [d["delivery_id"] for d in deliveries]})
                summary["acknowledged"] += acked["acknowledged"]

            _, page = client.call("GET", f"/channels/{args.channel}/messages?after={cursor}&limit=200")
            summary["log_messages"] += len(page["messages"])
            cursor = int(page["next_cursor"])

        if len(peers) < args.expect_peers:
            raise RuntimeError(f"expected posts from {args.expect_peers} other agents, saw {len(peers)}")
    except (ApiError, OSError, RuntimeError, KeyError, ValueError) as error:
        summary["errors"].append(str(error))
        report_failure(client, args.channel, args.name, error, summary)
    finally:
        if heartbeat:
            heartbeat.stopped.set()
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
        "agent": args.name, "language": "python", "agent_id": None, "registered": False, "heartbeats": 0,
        "rate_limited": 0, "retry_after_seconds": [], "tasks_done": [], "tasks_cancelled": [], "task_heartbeats": 0,
        "results": {}, "errors": [],
    }
    client = Client(args.host, summary)
    heartbeat = None
    deadline = time.monotonic() + args.timeout
    cancelled = set()
    try:
        _, registered = client.call("POST", "/agents", {
            "name": args.name, "description": "Python sample agent taking tasks",
            "capabilities": parse_capabilities(args.capabilities), "max_concurrent_tasks": 1,
            "heartbeat_interval_seconds": args.heartbeat_interval})
        client.key = registered["api_key"]
        summary["agent_id"] = registered["agent"]["id"]
        summary["registered"] = True
        heartbeat = Heartbeat(client, summary, args.heartbeat_interval)
        heartbeat.start()
        while time.monotonic() < deadline and (args.max_tasks == 0 or len(summary["tasks_done"]) < args.max_tasks):
            wait = max(0.0, min(args.wait, deadline - time.monotonic()))
            _, inbox = client.call("GET", f"/agents/me/inbox?wait={wait:.1f}&limit=10")
            deliveries = inbox.get("deliveries", [])
            if deliveries:
                client.call("POST", "/agents/me/inbox/ack", {"delivery_ids": [d["delivery_id"] for d in deliveries]})
            for delivery in deliveries:
                message = delivery["message"]
                if message["kind"] != "task":
                    continue
                content = json.loads(message["content"])
                if content["type"] == "task_cancelled":
                    cancelled.add(content["task_id"])
                    summary["tasks_cancelled"].append(content["task_id"])
                elif content["type"] == "task" and content["task_id"] not in summary["tasks_done"]:
                    work_on(client, args, content, cancelled, summary)
    except (ApiError, OSError, KeyError, ValueError) as error:
        summary["errors"].append(str(error))
    finally:
        if heartbeat:
            heartbeat.stopped.set()
        print(json.dumps(summary), flush=True)
    return 0 if not summary["errors"] else 1


def work_on(client, args, task, cancelled, summary):
    """Works on one task for --work-seconds, heartbeating its lease, then posts the result (unless it was cancelled)."""
    task_id = task["task_id"]
    path = "/tasks/" + urllib.parse.quote(task_id, safe="")
    print(json.dumps({"event": "task_started", "task_id": task_id, "agent_id": summary["agent_id"]}), flush=True)
    finish = time.monotonic() + args.work_seconds
    while time.monotonic() < finish and task_id not in cancelled:
        time.sleep(min(1.0, max(0.0, finish - time.monotonic())))
        try:
            client.call("POST", path + "/heartbeat")
            summary["task_heartbeats"] += 1
        except ApiError as error:
            if error.status == 409:
                cancelled.add(task_id)
            else:
                raise
    if task_id in cancelled:
        return
    output = {"agent": summary["agent_id"], "language": "python", "step": task["step_id"], "input": task.get("input")}
    _, answer = client.call("POST", path + "/result", {"output": output})
    summary["results"][task_id] = answer["status"]
    summary["tasks_done"].append(task_id)


def report_failure(client, channel, name, error, summary):
    """Tells the channel what went wrong, so the other agents (and people) see it."""
    if not client.key or not summary["joined"]:
        return
    try:
        client.call("POST", f"/channels/{channel}/messages",
                    {"title": "failure", "content": f"{name} failed: {error}"[:2000], "priority": "high"})
        summary["failures_reported"] += 1
    except (ApiError, OSError) as report_error:
        summary["errors"].append(f"could not report the failure: {report_error}")


if __name__ == "__main__":
    sys.exit(main())
