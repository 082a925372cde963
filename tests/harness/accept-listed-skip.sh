#!/bin/bash
# A skip listed in tests/skips.txt counts as skipped: not passed, not failed.
# harness-expect: skipped, listed in tests/skips.txt: accept-listed-skip.sh: a listed skip
# harness-passes: 1
echo "ok 1 - first"
echo "ok 2 - a listed skip # SKIP the harness self-test"
echo "1..2"
