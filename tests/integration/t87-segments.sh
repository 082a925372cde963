#!/bin/bash
# Issue 24, segments: `scripts/tms drill segments` with the suite's worker
# build. nginx (dmz), the worker pool over TCP (app) and PostgreSQL (db)
# each in a network namespace of its own behind an nftables router; the
# drill prints the reachability matrix and checks it (outside reaches only
# dmz:443, dmz only app:9000, app only db:5432), signs in through the whole
# chain, and checks PostgreSQL's TLS (hostssl only, client certificate,
# TLS 1.2/1.3 AES-GCM only). It prints its own TAP plan; about 20 s.
set -o pipefail
TMS_SEG_BIN=${TMS_BIN:?} bash "${TMS_ROOT:?}/scripts/tms" drill segments
