#!/bin/sh
# usage: tests/sv-locale.sh DIR
# Makes the locale sv_SE.UTF-8 in DIR with localedef (its sources come with
# Debian's locales package, which make test-deps installs), unless it is
# there already. The tests run planpress in Swedish with LOCPATH=DIR and
# LANG=sv_SE.UTF-8, as a Swedish user's machine would, on a machine that
# has generated no Swedish locale. Exits 1 if it cannot be made.
dir=${1:?usage: tests/sv-locale.sh DIR}
[ -f "$dir/sv_SE.UTF-8/LC_MESSAGES/SYS_LC_MESSAGES" ] && exit 0
mkdir -p "$dir" && localedef -i sv_SE -f UTF-8 "$dir/sv_SE.UTF-8" > "$dir/localedef.log" 2>&1
[ -f "$dir/sv_SE.UTF-8/LC_MESSAGES/SYS_LC_MESSAGES" ] || { cat "$dir/localedef.log" >&2; exit 1; }
