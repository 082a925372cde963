#!/bin/bash
# Plan first, then killed (like a crash) after two of its four results.
# harness-expect: plan 1..4 but 2 results
echo "1..4"
echo "ok 1 - first"
echo "ok 2 - second"
kill -KILL $$
echo "ok 3 - third"
echo "ok 4 - fourth"
