#!/bin/sh
# Headless Chromium for the end-to-end tests (tests/test_browser.py): Debian's `chromium` package,
# driven by the Python `playwright` package with executable_path=/usr/bin/chromium. Never
# `playwright install` (it downloads browser builds from a CDN). Does nothing if Chromium is there.
set -eu
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium
