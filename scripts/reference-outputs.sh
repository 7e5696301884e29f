#!/usr/bin/env bash
# Records (or checks) the model's reference outputs: SHA-256 of runs.csv, ticks.csv and events.csv of
# the README's main job, of thesis-obstacles-demand.yaml and of one traced run. A refactoring that must
# not change behaviour keeps these bytes; ReferenceOutputTests runs the same jobs and compares.
#
#   scripts/reference-outputs.sh            # print the hashes of the current build
#   scripts/reference-outputs.sh --record   # write them to tests/CrisisSim.Tests/Reference/reference-outputs.sha256
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet build src/CrisisSim.Cli -c Release -nologo -v quiet >/dev/null
cli=(dotnet exec "$root/src/CrisisSim.Cli/bin/Release/net10.0/crisissim.dll")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Keep these jobs equal to ReferenceOutputTests.Jobs.
"${cli[@]}" sweep scenarios/experiments/governance-comparison.yaml --out "$out/main" --ticks-every 1 >/dev/null
"${cli[@]}" sweep scenarios/experiments/thesis-obstacles-demand.yaml --out "$out/thesis" --ticks-every 6 >/dev/null
"${cli[@]}" run --trace --seed 3 --set governance.mode=co-governance --set governance.communication=platform --out "$out/trace" >/dev/null
hashes=$(cd "$out" && sha256sum main/runs.csv main/ticks.csv thesis/runs.csv thesis/ticks.csv trace/runs.csv trace/ticks.csv trace/events.csv)
if [ "${1:-}" = "--record" ]; then
  printf '%s\n' "$hashes" > tests/CrisisSim.Tests/Reference/reference-outputs.sha256
  echo "recorded tests/CrisisSim.Tests/Reference/reference-outputs.sha256"
else
  printf '%s\n' "$hashes"
  if diff <(printf '%s\n' "$hashes") tests/CrisisSim.Tests/Reference/reference-outputs.sha256 >/dev/null; then
    echo "identical to the recorded reference"
  else
    echo "DIFFERENT from the recorded reference" >&2; exit 1
  fi
fi
