#!/bin/sh
# A stand-in PDF engine for tests: answers --version and --help like
# WeasyPrint, writes a tiny PDF and logs every document it renders to
# $FAKE_ENGINE_LOG.
case "$1" in
--version) echo "FakePrint 1.0"; exit 0 ;;
--help) echo "--pdf-variant {pdf/ua-1}"; exit 0 ;;
esac
for last; do :; done
printf '%%PDF-1.4\n%% fake\n' > "$last"
echo "$last" >> "${FAKE_ENGINE_LOG:-/dev/null}"
