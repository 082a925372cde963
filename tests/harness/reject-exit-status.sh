#!/bin/bash
# Every result passes and the plan matches, but the script exits 3.
# harness-expect: exited with status 3
echo "ok 1 - first"
echo "ok 2 - second"
echo "1..2"
exit 3
