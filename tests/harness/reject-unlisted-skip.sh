#!/bin/bash
# A skip that tests/skips.txt does not list.
# harness-expect: unlisted skip: "the feature is checked" # SKIP not this time
echo "ok 1 - first"
echo "ok 2 - the feature is checked # SKIP not this time"
echo "1..2"
