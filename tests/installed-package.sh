#!/bin/sh
# Runs inside a brand-new Debian 12 root that has nothing of planpress but
# its .deb and a copy of the example site (tests/fresh-install.sh makes the
# root and copies them in). It installs the package as a user would, so
# that apt resolves its Depends from the archive, and then uses the
# installed planpress the way a kansli would, in folders of its own: with
# no source tree on the machine, nothing here can lean on one, and with no
# -dev packages, a library missing from Depends makes a command fail.
#
# usage: installed-package.sh PACKAGE.deb EXAMPLE-SITE-DIR
#
# Prints each step; exits non-zero at the first that fails.
set -eu

deb=$1
example=$2

started=$(date +%s)
step() { echo "installed-package: [$(($(date +%s) - started)) s] $*"; }

# apt-get takes a local package by a path with a slash, and fetches what
# it depends on from the archive. Without its Recommends at first: they
# (WeasyPrint, and Python with it) could bring in a library that Depends
# forgot, and hide that. They come later, for build --pdf.
step "apt-get install --no-install-recommends $deb"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "$deb" >/tmp/apt-install.log 2>&1 ||
	{ cat /tmp/apt-install.log; exit 1; }
echo "installed: $(sed -n 's/^Setting up \([^ ]*\) .*/\1/p' /tmp/apt-install.log | tr '\n' ' ')"
planpress --version

# What the package puts where its users and dpkg look for it.
for f in /usr/share/man/man1/planpress.1.gz /usr/share/doc/planpress/copyright \
	/usr/share/doc/planpress/changelog.gz /usr/share/doc/planpress/README.md.gz \
	/usr/share/doc/planpress/writing.md.gz /usr/share/doc/planpress/templates.md.gz \
	/usr/share/planpress/templates/base.mustache /usr/share/planpress/assets/planpress.css \
	/usr/share/locale/sv/LC_MESSAGES/planpress.mo; do
	[ -f "$f" ] || { echo "installed-package: the package has no $f" >&2; exit 1; }
done

# A new site, as the README's "Start a site of your own" has it.
mkdir -p /tmp/kansli
cd /tmp/kansli
step "planpress new site, build, check in /tmp/kansli"
planpress new site
planpress build site
planpress check site
[ -f site/public/index.html ] || { echo "installed-package: build wrote no index.html" >&2; exit 1; }

# In Swedish where the user's language is Swedish (the fresh root has only
# the C.UTF-8 locale, with which LANGUAGE chooses the language): the
# installed catalogue is found.
step "planpress speaks Swedish with LANGUAGE=sv"
LANGUAGE=sv LC_ALL=C.UTF-8 planpress build no-such-site 2> /tmp/sv.err || true
grep -qF 'no-such-site: error: det finns ingen sådan webbplatsmapp' /tmp/sv.err ||
	{ echo "installed-package: no Swedish message: $(cat /tmp/sv.err)" >&2; exit 1; }

# The theme under /usr/share/planpress is the one built into the binary.
step "planpress theme export: the same files as /usr/share/planpress"
planpress theme export theme
diff -r theme /usr/share/planpress

# `serve` loads libmicrohttpd with dlopen: a missing one ends it at once
# with an error, a loaded one serves until timeout stops it (status 124).
# (The port is an unusual one: the root shares this machine's network.)
step "planpress serve starts (libmicrohttpd is there)"
status=0
timeout 3 planpress serve site -p 47113 || status=$?
[ "$status" = 124 ] || { echo "installed-package: serve exited with status $status" >&2; exit 1; }

# The repository's example site, copied out of the source tree.
step "planpress build and check of the example site"
cp -R "$example" /tmp/kansli/exempel
planpress build exempel
planpress check exempel

# build --pdf runs WeasyPrint: the package's Recommends, installed now as
# apt would have (without their own Recommends, as `make deps` does).
recommends=$(dpkg-deb -f "$deb" Recommends | sed 's/([^)]*)//g; s/,/ /g')
step "apt-get install $recommends; planpress build --pdf of the example site"
apt-get install -y -qq --no-install-recommends $recommends >/tmp/apt-install.log 2>&1 ||
	{ cat /tmp/apt-install.log; exit 1; }
planpress build --pdf exempel
find exempel/public -name '*.pdf' | grep -q . ||
	{ echo "installed-package: build --pdf made no PDF" >&2; exit 1; }
step "all passed"
