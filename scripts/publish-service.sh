#!/usr/bin/env bash
# Publishes the service as it is meant to run: ReadyToRun (its own assemblies and its packages' compiled ahead of time
# for this machine's runtime), framework-dependent, into build/service (or the directory given). A fresh process then
# works at full speed within seconds instead of after half a minute of JIT compilation (docs/benchmarks.md, cold start).
#   scripts/publish-service.sh [OUT_DIR]     then: dotnet build/service/DataOrchestrator.Api.dll
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-build/service}"
dotnet publish DataOrchestrator.Api/DataOrchestrator.Api.csproj -c Release --use-current-runtime --self-contained false \
  -p:PublishReadyToRun=true -o "$out" -nologo -v q
