"""Loads the generated protobuf and gRPC modules, generating them first when they are missing or stale."""

import importlib
import importlib.util
import os
import sys

# Loaded by path: a module of the application called `generate` must not stand in for clients/python/generate.py.
_SCRIPT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "generate.py")
_spec = importlib.util.spec_from_file_location("agentplatform_client._generate", _SCRIPT)
_generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_generate)

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
