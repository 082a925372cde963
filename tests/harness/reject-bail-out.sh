#!/bin/bash
# A bail-out line, with a plan and results that otherwise agree.
# harness-expect: Bail out! the database is gone
echo "ok 1 - first"
echo "Bail out! the database is gone"
echo "1..1"
