#!/usr/bin/env python3
"""A rule-based team agent for Agent Platform: no LLM, only rules over the project's input.

It registers with a role and capabilities, heartbeats, and answers the tasks a team's project run sends it. A manager or
coordinator answers with plans in the shape of docs/schemas/plan.schema.json:

- a manager gets {"kind": "plan_project", "project": {...}} and answers one goal per entry of project.sections, plus an
  "assemble" goal that depends on all of them;
- a coordinator gets {"kind": "plan_goal", "goal": "...", "description": {...}} and answers the sub-tasks of that goal:
  research -> write for a section, review for "assemble";
- either may get {"kind": "escalation", "level": ..., "remaining": <plan>, ...} when sub-tasks failed, and answers
  {"decision": ...} from --on-escalation: retry, replan (the remaining plan sent back as the new plan), give_up or ask_human.

An executor (--role executor --capabilities review=0.9) answers every task with its input. With --fail-first N the first N
tasks of any role fail instead, which is how the failure path of a team is shown (and tested): a failing executor is escalated
to the coordinator, a failing coordinator fails its goal and the manager is asked.

    HOST_URL=http://127.0.0.1:5080 python3 samples/team/planner.py --role manager --name manager
    HOST_URL=http://127.0.0.1:5080 python3 samples/team/planner.py --role coordinator --name coordinator

It reuses the task loop and HTTP transport of samples/python-agent/agent.py (serve_tasks) and prints one JSON line per answer.
"""

import argparse
import json
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python-agent"))
from agent import parse_capabilities, serve_tasks  # noqa: E402

CAPABILITY = {"manager": "plan-project", "coordinator": "plan-goal"}
ROLES = ["coordinator", "executor", "manager"]


def plan_project(project):
    sections = (project or {}).get("sections") or ["overview"]
    goals = [{"id": f"section-{i}", "input": {"section": s}} for i, s in enumerate(sections)]
    goals.append({"id": "assemble", "input": {"sections": sections}, "depends_on": [g["id"] for g in goals]})
    return {"tasks": goals}


def plan_goal(goal, description):
    if goal == "assemble":
        return {"tasks": [{"id": "review", "capabilities": {"review": 1.0}, "input": description}]}
    return {"tasks": [
        {"id": "research", "capabilities": {"research": 1.0}, "input": description},
        {"id": "write", "capabilities": {"write": 1.0}, "depends_on": ["research"],
         "input": {"section": (description or {}).get("section"), "notes": "${tasks.research.output}"}},
    ]}


def answer(task_input, args, summary):
    if len(summary["failed"]) < args.fail_first:
        raise ValueError(f"{args.name} fails its first {args.fail_first} tasks")
    if args.role == "executor":
        return {"agent": summary["agent_id"], "language": "python", "input": task_input}
    on_escalation = args.on_escalation
    kind = (task_input or {}).get("kind")
    if kind == "plan_project":
        return plan_project(task_input.get("project"))
    if kind == "plan_goal":
        return plan_goal(task_input.get("goal"), task_input.get("description"))
    if kind == "escalation":
        reply = {"decision": on_escalation}
        if on_escalation == "replan":
            # The remaining plan sent back: sub-tasks for a coordinator, goals (in the manager's own shape) for a manager.
            reply["plan"] = task_input.get("remaining")
        return reply
    raise ValueError(f"unknown task kind {kind!r}")


def main():
    parser = argparse.ArgumentParser(description="Rule-based team planner (manager or coordinator)")
    parser.add_argument("--role", choices=ROLES, required=True)
    parser.add_argument("--capabilities", default="",
                        help="name=proficiency,... (an executor's; a planner's replace plan-project or plan-goal)")
    parser.add_argument("--fail-first", type=int, default=0, help="fail this many tasks first")
    parser.add_argument("--name", default=os.environ.get("AGENT_NAME", f"planner-{os.getpid()}"))
    parser.add_argument("--host", default=os.environ.get("HOST_URL", "http://127.0.0.1:5080"))
    parser.add_argument("--on-escalation", default="retry", choices=["retry", "replan", "give_up", "ask_human"])
    parser.add_argument("--timeout", type=float, default=600.0, help="upper bound on the whole run, in seconds")
    parser.add_argument("--heartbeat-interval", type=float, default=5.0)
    # The shared loop reads these; the planner speaks HTTP only and long-polls its inbox for 2 s at a time.
    parser.set_defaults(grpc="", wait=2.0)
    args = parser.parse_args()

    summary = {"agent": args.name, "role": args.role, "agent_id": None, "registered": False, "heartbeats": 0,
               "rate_limited": 0, "retry_after_seconds": [], "answered": [], "failed": [], "errors": []}

    def on_registered():
        print(json.dumps({"event": "registered", "agent_id": summary["agent_id"], "role": args.role}), flush=True)

    def on_task(transport, task):
        task_id = task["task_id"]
        try:
            transport.post_result(task_id, answer(task.get("input"), args, summary))
            summary["answered"].append(task_id)
            event = "answered"
        except ValueError as error:
            transport.client.call("POST", "/tasks/" + urllib.parse.quote(task_id, safe="") + "/result", {"error": str(error)})
            summary["failed"].append(task_id)
            event = "failed"
            # A failure turns the agent to status error; it declares itself ready again, or it would get no more work.
            transport.client.call("POST", "/agents/me/heartbeat", {"status": "idle"})
        print(json.dumps({"event": event, "task_id": task_id, "kind": (task.get("input") or {}).get("kind")}), flush=True)

    registration = {
        "name": args.name, "description": f"rule-based {args.role}", "role": args.role,
        "capabilities": parse_capabilities(args.capabilities) if args.role == "executor" or args.capabilities else {CAPABILITY[args.role]: 1.0},
        "max_concurrent_tasks": 4,
        "heartbeat_interval_seconds": args.heartbeat_interval}
    return serve_tasks(args, summary, registration, on_task, on_registered=on_registered)


if __name__ == "__main__":
    sys.exit(main())
