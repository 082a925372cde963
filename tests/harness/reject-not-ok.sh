#!/bin/bash
# A plain failure (exit 1, as the browser tests do when something failed).
# harness-passes: 1
echo "ok 1 - first"
echo "not ok 2 - second"
echo "1..2"
exit 1
