"""Loads the generated protobuf and gRPC modules, generating them first when they are missing or stale."""

import importlib
import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(_HERE))
try:
    import generate as _generate  # clients/python/generate.py
finally:
    sys.path.pop(0)

_OUTPUT = _generate.generate()
if _OUTPUT not in sys.path:
    # The generated modules import each other as `agentplatform.v1.*`, so their root must be importable.
    sys.path.append(_OUTPUT)


def _service(name):
    """The message module and the gRPC module of protos/agentplatform/v1/<name>.proto."""
    return (importlib.import_module(f"agentplatform.v1.{name}_pb2"),
            importlib.import_module(f"agentplatform.v1.{name}_pb2_grpc"))


agents, agents_grpc = _service("agents")
channels, channels_grpc = _service("channels")
inbox, inbox_grpc = _service("inbox")
requests, requests_grpc = _service("requests")
tasks, tasks_grpc = _service("tasks")
messages = importlib.import_module("agentplatform.v1.messages_pb2")
status_details = importlib.import_module("status_details_pb2")
