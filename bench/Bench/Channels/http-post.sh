#!/usr/bin/env bash
# Durable channel posts over HTTP with wrk: starts the Release host on loopback (no post cooldown, no key rate limit),
# registers 101 agents, puts 100 members in one channel and lets wrk post as the owner.
# Usage: bench/Bench/Channels/http-post.sh [seconds] [connections]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
seconds="${1:-10}"
connections="${2:-64}"
port=5187
data="$(mktemp -d)"
host_dll="$root/src/AgentHost/bin/Release/net10.0/AgentPlatform.AgentHost.dll"
[ -f "$host_dll" ] || dotnet build -c Release "$root/src/AgentHost" >/dev/null

Runtime__DataDirectory="$data" Channels__PostCooldown=00:00:00 Api__RateLimit__PermitsPerSecond=10000000 Api__RateLimit__Burst=10000000 Api__RegistrationRateLimit__PermitsPerSecond=10000000 Api__RegistrationRateLimit__Burst=10000000 \
  Logging__LogLevel__Default=Warning dotnet "$host_dll" --urls "http://127.0.0.1:$port" >"$data/host.log" 2>&1 &
host_pid=$!
trap 'kill $host_pid 2>/dev/null; wait $host_pid 2>/dev/null; rm -rf "$data"' EXIT
base="http://127.0.0.1:$port/api/v1"
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

register() { curl -sf -X POST "$base/agents" -H 'content-type: application/json' -d "{\"name\":\"$1\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])'; }
owner_key="$(register bench-owner)"
channel="bench-$(date +%s)"
curl -sf -X POST "$base/channels" -H "authorization: Bearer $owner_key" -H 'content-type: application/json' \
  -d "{\"id\":\"$channel\",\"name\":\"bench\"}" >/dev/null
for i in $(seq 100); do
  key="$(register "bench-member-$i")"
  curl -sf -X POST "$base/channels/$channel/members" -H "authorization: Bearer $key" >/dev/null
done

echo "## ceiling on this machine now: GET /healthz (no auth, no state)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port/healthz" | grep -E "Requests/sec|50%|99%"
echo "## durable channel posts, 100 members"
CHANNEL="$channel" API_KEY="$owner_key" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$root/bench/Bench/Channels/post.lua" "http://127.0.0.1:$port"
curl -sf "$base/channels/$channel" -H "authorization: Bearer $owner_key"; echo
