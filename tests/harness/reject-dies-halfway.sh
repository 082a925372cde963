#!/bin/bash
# A script that dies half-way (here: an unset variable under set -u) after
# two passes, before its plan line.
# harness-expect: no plan line (1..N): it stopped after 2 results
set -u
echo "ok 1 - first"
echo "ok 2 - second"
echo "ok 3 - $never_set"
echo "1..3"
