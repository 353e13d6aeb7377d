#!/usr/bin/env bash
# The Python package, as a user gets it: `pip install ./python` into a virtual environment (the wheel is
# built by maturin, which pip fetches), then the pytest suite in python/tests, with spaCy, pandas and
# PySpark from the package index. `.ci/run` runs it after the Rust tests.
#
#   bash scripts/test-python.sh [PYTEST ARGS...]
#
# Environment:
#   NKNER_PY_VENV   virtual environment, made once and reused (default: target/py-venv)
#   NKNER_BIN       the CLI whose output the tests compare with (default: target/debug/nkner, built by
#                   `cargo test --workspace`; the tests build it if it is missing)
#
# pytest's own summary line is the last thing printed; its status is this script's status, so a run
# that collects no test (pytest's status 5) fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${NKNER_PY_VENV:-$ROOT/target/py-venv}

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
PY="$VENV/bin/python"
"$PY" -m pip install --quiet --disable-pip-version-check --upgrade pip
# The test dependencies: the type stubs (mypy.stubtest), the spaCy component, the pandas recipe, the
# PySpark path (which needs Java).
"$PY" -m pip install --quiet --disable-pip-version-check pytest mypy spacy pandas pyarrow pyspark
# The package itself, from source, as the README says.
"$PY" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./python

export NKNER_BIN=${NKNER_BIN:-$ROOT/target/debug/nkner}
# Spark in local mode: nothing from an outside Spark install, the workers run this Python.
unset SPARK_HOME SPARK_CONF_DIR PYSPARK_SUBMIT_ARGS PYSPARK_DRIVER_PYTHON HADOOP_CONF_DIR
export PYSPARK_PYTHON="$PY" SPARK_LOCAL_IP=127.0.0.1 PATH="$VENV/bin:$PATH"
# -rs prints the reason of every skipped test.
exec "$PY" -m pytest -rs -p no:cacheprovider python/tests "$@"
