#!/usr/bin/env python3
"""Generates the Python stubs of protos/agentplatform/v1 into agentplatform_client/_generated (not committed).

Uses `protoc` (Debian: protobuf-compiler) with `grpc_python_plugin` (Debian: protobuf-compiler-grpc), because the
grpc_tools of Debian's python3-grpc-tools predates proto3 `optional`. Does nothing when the stubs are newer than every
proto; safe to run from several processes at once (each builds into its own folder and one rename wins).

    /usr/bin/python3 clients/python/generate.py [--force]
"""

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENTS = os.path.dirname(HERE)
PROTO_ROOT = os.path.join(os.path.dirname(CLIENTS), "protos")
SERVICE_PROTOS = os.path.join(PROTO_ROOT, "agentplatform", "v1")
STATUS_PROTO = os.path.join(CLIENTS, "status_details.proto")
OUTPUT = os.path.join(HERE, "agentplatform_client", "_generated")
STAMP = os.path.join(OUTPUT, ".stamp")


def sources():
    protos = sorted(os.path.join(SERVICE_PROTOS, name) for name in os.listdir(SERVICE_PROTOS) if name.endswith(".proto"))
    return protos + [STATUS_PROTO]


def up_to_date():
    if not os.path.exists(STAMP):
        return False
    built = os.path.getmtime(STAMP)
    return all(os.path.getmtime(path) <= built for path in sources() + [os.path.abspath(__file__)])


def tool(name, package):
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"{name} not found: install the Debian package {package} (apt-get install {package})")
    return path


def generate(force=False):
    """Builds the stubs unless they are current; returns the folder to put on sys.path."""
    if not force and up_to_date():
        return OUTPUT
    protoc = tool("protoc", "protobuf-compiler")
    plugin = tool("grpc_python_plugin", "protobuf-compiler-grpc")
    staging = tempfile.mkdtemp(prefix=".generating-", dir=os.path.dirname(OUTPUT))
    try:
        command = [protoc, f"--plugin=protoc-gen-grpc_python={plugin}", f"-I{PROTO_ROOT}", f"-I{CLIENTS}",
                   f"--python_out={staging}", f"--grpc_python_out={staging}"]
        command += [os.path.relpath(path, PROTO_ROOT) for path in sources()[:-1]] + [os.path.basename(STATUS_PROTO)]
        subprocess.run(command, check=True, cwd=PROTO_ROOT)
        open(os.path.join(staging, ".stamp"), "w").close()
        retired = None
        if os.path.exists(OUTPUT):
            retired = tempfile.mkdtemp(prefix=".retired-", dir=os.path.dirname(OUTPUT))
            try:
                os.replace(OUTPUT, os.path.join(retired, "old"))
            except OSError:
                pass
        try:
            os.replace(staging, OUTPUT)
        except OSError:
            # Another process renamed its fresh stubs into place first; theirs are as good as ours.
            if not os.path.exists(STAMP):
                raise
        if retired:
            shutil.rmtree(retired, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return OUTPUT


if __name__ == "__main__":
    print(generate(force="--force" in sys.argv[1:]))
