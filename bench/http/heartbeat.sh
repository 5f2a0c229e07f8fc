#!/usr/bin/env bash
# Authenticated heartbeats/s and p99 with wrk -t2 -c64 against the Release host, next to GET /healthz.
# Usage: bench/http/heartbeat.sh [--quick]   (BENCH_WRK_SECONDS=8 by default; 3 runs, 1 with --quick)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
dotnet build -c Release src/AgentHost -v q -nologo >/dev/null
dotnet run -c Release --project bench/Bench -- http-heartbeat "$@"
