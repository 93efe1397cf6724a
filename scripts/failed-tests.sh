#!/usr/bin/env bash
# Prints the failed .NET tests found in dotnet test logs, each with the first lines of its error message, so that a
# run's last screen names what failed (CI shows only the end of its output). Prints nothing when no test failed.
# usage: scripts/failed-tests.sh LOG...
set -uo pipefail
awk '
  /^  Failed [^ ]/ { sub(/^  Failed /, "FAILED "); print; grab = 1; shown = 0; next }
  grab && /^  (Stack Trace|Standard Output Messages):/ { grab = 0; next }
  grab && /^  Error Message:/ { next }
  grab && shown < 16 && NF > 0 { print "    " $0; shown++; next }
  grab && shown >= 16 { grab = 0 }
' "$@" | awk 'NR == 1 { print "== failed tests" } { print }'
