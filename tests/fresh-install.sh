#!/bin/sh
# Runs the README's two commands, `make deps site` and `make test`, on a
# brand-new Debian 12 root that mmdebstrap makes from nothing: the proof
# that a fresh machine needs nothing the project's own files do not
# install. A green run on a machine that already has the packages proves
# nothing of the kind (issue 18).
#
# Then it builds the Debian package there (`make deb`, which lints it) and
# installs it with apt in a second brand-new root that gets nothing but
# the .deb and a copy of the example site, where tests/installed-package.sh
# uses the installed planpress: the proof that the package's Depends are
# complete (that root has no -dev packages to hide a missing one) and that
# nothing planpress does leans on the source tree (there is none).
#
# usage: tests/fresh-install.sh            (as root; .ci/run calls it)
#
# Environment:
#   FRESH_ROOT   where the root is made (default: a new folder in /tmp);
#                it is removed afterwards unless FRESH_KEEP=1
#   FRESH_CMD    what to run in the root's clone (default: the README's
#                two commands)
#   FRESH_DEB    0 skips the package (default 1: after FRESH_CMD,
#                `make deb` and the second root)
#   FRESH_PKG_ROOT  where the second root is made (default: a new folder
#                in /tmp); removed afterwards unless FRESH_KEEP=1
#
# The root gets the clone (the files git tracks, as they are in the work
# tree) at /work/main and ../shared at /work/shared, as on the machines
# here. When this machine has CA certificates of its own (in
# /usr/local/share/ca-certificates) or npm settings, the root gets them
# too, because a fresh machine here has them.
# Prints what it does and how long each step took; exits with the status
# of the commands run in the root.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$here/../shared" 2>/dev/null && pwd || true)
root=${FRESH_ROOT:-$(mktemp -d /tmp/planpress-fresh.XXXXXX)}
pkgroot=${FRESH_PKG_ROOT:-$(mktemp -d /tmp/planpress-pkg.XXXXXX)}
cmd=${FRESH_CMD:-make deps site && make test}
deb=${FRESH_DEB:-1}
mirror=${FRESH_MIRROR:-http://deb.debian.org}

if [ "$(id -u)" != 0 ]; then
	echo "fresh-install: needs root (mmdebstrap, chroot, mount)" >&2
	exit 2
fi
if ! command -v mmdebstrap >/dev/null; then
	apt-get update -qq && apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
fi

started=$(date +%s)
step() { echo "fresh-install: [$(($(date +%s) - started)) s] $*"; }

# mount_root DIR / umount_root DIR: what a command in the root needs of
# the kernel (/proc, /dev and shared memory, which Chromium and the
# thread pool use)
mount_root() {
	mount -t proc proc "$1/proc"
	mount --bind /dev "$1/dev"
	mount -t devpts devpts "$1/dev/pts" 2>/dev/null || true
	mount -t tmpfs tmpfs "$1/dev/shm"
}
umount_root() {
	for m in dev/shm dev/pts dev proc; do
		mountpoint -q "$1/$m" 2>/dev/null && umount -l "$1/$m" 2>/dev/null
	done
	return 0
}
cleanup() {
	umount_root "$root"
	umount_root "$pkgroot"
	[ "${FRESH_KEEP:-0}" = 1 ] || rm -rf "$root" "$pkgroot"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# make_root DIR [PACKAGES]: a minimal Debian 12 (apt and what it needs)
make_root() {
	rm -rf "$1"
	mmdebstrap --quiet --variant=apt ${2:+--include="$2"} bookworm "$1" \
		"deb $mirror/debian bookworm main" \
		"deb $mirror/debian bookworm-updates main" \
		"deb $mirror/debian-security bookworm-security main"
}

# in_root DIR COMMAND: runs COMMAND with sh in the root, with a clean
# environment as a login on a fresh machine would have
in_root() {
	chroot "$1" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive CI="${CI:-}" \
		NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
		sh -c "$2"
}

step "making a Debian 12 root in $root"
make_root "$root" ca-certificates,make,git

step "copying in the clone and ../shared"
mkdir -p "$root/work/main"
(cd "$here" && git ls-files -z --cached --others --exclude-standard |
	xargs -0 sh -c 'for f; do [ -e "$f" ] || [ -L "$f" ] && printf "%s\0" "$f"; done' sh |
	tar --null -T - -cf -) | tar -C "$root/work/main" -xf -
# git wants to know the clone is the user's own (it is, both are root)
(cd "$here" && tar -cf - .git) | tar -C "$root/work/main" -xf -
if [ -n "$shared" ]; then mkdir -p "$root/work/shared" && cp -R "$shared/." "$root/work/shared/"; fi

# this machine's own certificate authorities and npm settings
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
	cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
	chroot "$root" update-ca-certificates >/dev/null 2>&1
fi
for f in /root/.npmrc /etc/npmrc /usr/etc/npmrc; do
	if [ -f "$f" ]; then
		mkdir -p "$root$(dirname "$f")"
		cp "$f" "$root$f"
	fi
done

mount_root "$root"

step "running in the root: $cmd"
status=0
in_root "$root" "cd /work/main && $cmd" || status=$?

# The package is built in the first root, after the README's commands, as
# a maintainer would on a machine set up by them (`make deb` installs the
# packaging tools it needs). Not after a failure: that has said enough.
deb_started=$(date +%s)
if [ "$deb" != 0 ] && [ $status = 0 ]; then
	step "building the package in the root: make deb"
	in_root "$root" "cd /work/main && make deb" || status=$?
fi
if [ "$deb" != 0 ] && [ $status = 0 ]; then
	pkg_started=$(date +%s)
	step "making a second Debian 12 root in $pkgroot, for the package alone"
	make_root "$pkgroot"
	# Only the package, the example site (its content/, site.conf and
	# assets/, as a user's site has them) and the script that uses them.
	mkdir -p "$pkgroot/tmp/pkg/exempel"
	cp "$root"/work/main/build/planpress_*.deb "$pkgroot/tmp/pkg/"
	(cd "$root/work/main" && cp -R content site.conf assets "$pkgroot/tmp/pkg/exempel/")
	cp "$root/work/main/tests/installed-package.sh" "$pkgroot/tmp/pkg/"
	mount_root "$pkgroot"
	step "installing and using the package in the second root"
	in_root "$pkgroot" 'cd /tmp && sh /tmp/pkg/installed-package.sh /tmp/pkg/planpress_*.deb /tmp/pkg/exempel' ||
		status=$?
	step "the second root took $(($(date +%s) - pkg_started)) s"
fi
[ "$deb" = 0 ] || step "the package's part took $(($(date +%s) - deb_started)) s"
step "done, exit status $status"
exit $status
