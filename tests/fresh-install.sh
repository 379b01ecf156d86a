#!/bin/sh
# Runs the README's two commands, `make deps site` and `make test`, on a
# brand-new Debian 12 root that mmdebstrap makes from nothing: the proof
# that a fresh machine needs nothing the project's own files do not
# install. A green run on a machine that already has the packages proves
# nothing of the kind (issue 18).
#
# usage: tests/fresh-install.sh            (as root; .ci/run calls it)
#
# Environment:
#   FRESH_ROOT   where the root is made (default: a new folder in /tmp);
#                it is removed afterwards unless FRESH_KEEP=1
#   FRESH_CMD    what to run in the root's clone (default: the README's
#                two commands)
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
cmd=${FRESH_CMD:-make deps site && make test}
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

cleanup() {
	for m in dev/shm dev/pts dev proc; do
		mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m" 2>/dev/null
	done
	[ "${FRESH_KEEP:-0}" = 1 ] || rm -rf "$root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "making a Debian 12 root in $root"
rm -rf "$root"
mmdebstrap --quiet --variant=apt --include=ca-certificates,make,git bookworm "$root" \
	"deb $mirror/debian bookworm main" \
	"deb $mirror/debian bookworm-updates main" \
	"deb $mirror/debian-security bookworm-security main"

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

mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount -t devpts devpts "$root/dev/pts" 2>/dev/null || true
mount -t tmpfs tmpfs "$root/dev/shm"

step "running in the root: $cmd"
status=0
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive CI="${CI:-}" \
	NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
	sh -c "cd /work/main && $cmd" || status=$?
step "done, exit status $status"
exit $status
