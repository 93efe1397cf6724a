#!/usr/bin/env bash
# Runs the end-to-end benchmark: the EDC simulator and the service as real processes on loopback.
#   bench/run.sh            the full run (1,000 x 2 items, 1 GiB download, 100,000 stored orchestrations, 10,000 x 2
#                           items in memory and in PostgreSQL with one and two instances; ~15 min)
#   bench/run.sh --quick    a small run (CI uses it so the benchmark never rots)
#   bench/run.sh --only floor,pipeline,dps,client,overhead,cold,api,download,state,storage  (dps: the DPS flow at 64
#                           workers, 20 ms; client: the 64-worker row with a client polling GET /status and against an
#                           independent Node EDC stand-in; cold: a fresh process of the plain and of the ReadyToRun
#                           build under a backlog)
#   bench/run.sh ... --service-build plain|published|PATH.dll   which build of the service the scenarios run
#   bench/run.sh --only cold --cold-builds plain,r2r,r2r-defaults,r2r-tc-off,PATH.dll   cold-start rows (may repeat)
# Results: bench/results/{full,quick}.{md,json}; a run with --only writes <scenarios>.{md,json} (quick.<scenarios>
# with --quick) so that it never overwrites a complete run's files.
# The storage scenario starts a throwaway PostgreSQL cluster (tools/DataOrchestrator.Testing, as the tests do; needs
# PostgreSQL's server programs: apt-get install -y postgresql) and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v curl >/dev/null || { echo "bench needs curl (apt-get install curl)" >&2; exit 1; }
dotnet tool restore >/dev/null
dotnet build DataOrchestrator.sln -c Release -nologo -v q >/dev/null
scripts/publish-service.sh >/dev/null   # the ReadyToRun build, beside the plain one in the cold-start scenario
exec dotnet tools/DataOrchestrator.Bench/bin/Release/net10.0/DataOrchestrator.Bench.dll "$@"
