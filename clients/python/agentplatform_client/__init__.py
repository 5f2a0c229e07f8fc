"""Agent Platform client for Python over gRPC (agentplatform.v1), on Debian's python3-grpcio.

    from agentplatform_client import AgentClient
    client = AgentClient("127.0.0.1:5081")
    client.register("py-agent", capabilities={"summarize": 0.9})
    client.heartbeat()

The protobuf stubs are generated on first import by generate.py beside this package.
"""

from .client import AgentClient
from .errors import ApiError
from .inbox import InboxStream, kind_name, request_of, task_of

__all__ = ["AgentClient", "ApiError", "InboxStream", "kind_name", "request_of", "task_of"]
