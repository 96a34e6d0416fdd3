#!/usr/bin/env bash
# Builds the root filesystem every netplane image starts from (deploy/images/README.md):
#
#   /opt/java          a Java runtime cut by jlink from the build JDK (MODULES below)
#   /lib, /lib64, /usr the shared libraries it needs, from Debian packages (PACKAGES below)
#   /etc               passwd and group with the user nonroot (65532:65532), nsswitch.conf,
#                      ssl/certs/ca-certificates.crt from Debian's ca-certificates
#   /tmp, /home/nonroot empty directories
#   /usr/share/doc     the packages' copyright files and image-base.txt, the versions used
#
# Usage: deploy/images/base.sh OUTPUT_DIR [jlink|base]
#   jlink (default): the above; base: OUTPUT_DIR is left empty, for images whose base image
#   brings Java (-Dimage.runtime=base, deploy/images/README.md)
#
# The result is cached in ${XDG_CACHE_HOME:-~/.cache}/netplane/image-base/<key>, the key being
# this script, the JDK and the candidate versions of the packages; OUTPUT_DIR gets a copy.
# Needs apt-get and dpkg-deb (Debian or Ubuntu; `apt-get update` is run once when the package
# lists are missing and this runs as root), and a JDK with jmods (the build JDK: JAVA_HOME, else
# the jlink on PATH).
set -euo pipefail

# java.base ... jdk.unsupported: `jdeps --print-module-deps --ignore-missing-deps
# --multi-release 17` of both shaded jars, united. jdk.crypto.ec: elliptic-curve TLS.
# jdk.management: container-aware OperatingSystemMXBean. jdk.jfr: flight recordings.
MODULES=java.base,java.compiler,java.desktop,java.naming,java.net.http,java.sql,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.unsupported
# AWT's native parts: the images are headless and only use java.beans from java.desktop
EXCLUDE_FILES='**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libjsound.so,**/libfontmanager.so,**/liblcms.so,**/libjavajpeg.so,**/libmlib_image.so,**/psfont*'
# glibc; its C.UTF-8 locale (libc-bin); libjvm.so's C++ runtime; libzip.so's zlib (Debian's JDK
# links the system one); CA roots. gcc-N-base, which holds libgcc-s1's and libstdc++6's copyright
# file, is added below.
PACKAGES=(libc6 libc-bin libgcc-s1 libstdc++6 zlib1g ca-certificates)
USER_ID=65532

out=${1:?usage: $0 OUTPUT_DIR [jlink|base]}
runtime=${2:-jlink}

die() { echo "base.sh: $*" >&2; exit 1; }

case "$runtime" in
  jlink) ;;
  base)
    rm -rf "$out"
    mkdir -p "$out"
    exit 0 ;;
  *) die "unknown runtime '$runtime' (jlink or base)" ;;
esac

for tool in apt-get apt-cache dpkg dpkg-deb sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is required (a Debian or Ubuntu machine)"
done
# the library paths below and the images' platform (Jib's default) are amd64's
[[ "$(dpkg --print-architecture)" == amd64 ]] || die "builds linux/amd64 images on amd64 machines only"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/jlink" ]]; then
  jdk=$JAVA_HOME
else
  jlink_bin=$(command -v jlink) || die "jlink not found: set JAVA_HOME to a JDK"
  jdk=$(dirname "$(dirname "$(readlink -f "$jlink_bin")")")
fi
[[ -d "$jdk/jmods" ]] || die "$jdk has no jmods directory; jlink needs a JDK with jmods (e.g. Debian's openjdk-17-jdk-headless or a Temurin JDK)"

# name=version of each package (and of gcc-N-base), as apt-get would download them now
candidates() {
  local pkgs=("${PACKAGES[@]}") gcc_base
  gcc_base=$(apt-cache depends libgcc-s1 2>/dev/null | awk '$1 == "Depends:" && $2 ~ /^gcc-[0-9]+-base/ {print $2; exit}')
  [[ -n "$gcc_base" ]] && pkgs+=("${gcc_base%%:*}")
  apt-cache policy "${pkgs[@]}" | awk '/^[^ ]/ {p=$1} /Candidate:/ {print p "=" $2}' | sed 's/:=/=/'
}
versions=$(candidates)
if grep -q '=(none)' <<<"$versions"; then
  [[ $(id -u) -eq 0 ]] || die "no candidate for some of ${PACKAGES[*]}; run 'apt-get update' as root"
  echo "base.sh: apt-get update" >&2
  apt-get update -qq
  versions=$(candidates)
  grep -q '=(none)' <<<"$versions" && die "no candidate version: $versions"
fi

key=$( { cat "$0"; cat "$jdk/release"; echo "$jdk"; echo "$versions"; } | sha256sum | cut -c1-16)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/netplane/image-base
base=$cache/$key

if [[ ! -d "$base" ]]; then
  SECONDS=0
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/tmp.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  root=$work/rootfs
  mkdir -p "$work/debs" "$work/pkg" "$root"

  # ---- Debian packages, pinned to the versions in the key
  if ! (cd "$work/debs" && apt-get download -qq -o APT::Sandbox::User=root $versions); then
    # lists older than the mirror name versions it no longer has: update them, start again
    [[ $(id -u) -eq 0 && -z "${NETPLANE_BASE_UPDATED:-}" ]] || die "cannot download $(echo $versions); run 'apt-get update' as root"
    echo "base.sh: apt-get update" >&2
    apt-get update -qq
    rm -rf "$work"
    NETPLANE_BASE_UPDATED=1 exec "$0" "$out" "$runtime"
  fi
  for deb in "$work"/debs/*.deb; do
    dpkg-deb -x "$deb" "$work/pkg"
  done
  pkg=$work/pkg
  mkdir -p "$root/lib" "$root/lib64" "$root/usr/lib/x86_64-linux-gnu" "$root/usr/share/doc" "$root/etc/ssl/certs"
  # libc6's libraries (without gconv, which Java never loads), libgcc-s1's, zlib1g's
  cp -a "$pkg/lib/x86_64-linux-gnu" "$root/lib/"
  cp -a "$pkg"/usr/lib/x86_64-linux-gnu/libstdc++.so.6* "$root/usr/lib/x86_64-linux-gnu/"
  cp -a "$pkg/lib64/ld-linux-x86-64.so.2" "$root/lib64/"
  mkdir -p "$root/usr/lib/locale"
  cp -a "$pkg/usr/lib/locale/C.utf8" "$root/usr/lib/locale/"
  for doc in "$pkg"/usr/share/doc/*; do
    name=$(basename "$doc")
    if [[ -f "$doc/copyright" ]]; then
      mkdir -p "$root/usr/share/doc/$name"
      cp "$doc/copyright" "$root/usr/share/doc/$name/"
    fi
  done
  # ca-certificates' postinst would build this bundle from the same files
  find "$pkg/usr/share/ca-certificates" -name '*.crt' -print0 | LC_ALL=C sort -z | xargs -0 cat > "$root/etc/ssl/certs/ca-certificates.crt"

  # Image layers are built from plain files: each link becomes the file it names (renamed when
  # it sits beside it, copied otherwise), so no link can point outside the image.
  while IFS= read -r link; do
    target=$(readlink "$link")
    if [[ "$target" == /* ]]; then
      target=$root$target
    else
      target=$(dirname "$link")/$target
    fi
    [[ -f "$target" ]] || die "link $link names a missing file"
    if [[ "$(dirname "$target")" == "$(dirname "$link")" ]]; then
      mv -f "$target" "$link"
    else
      cp --remove-destination "$target" "$link"
    fi
  done < <(find "$root" -type l | LC_ALL=C sort)
  if [[ -n "$(find "$root" -type l)" ]]; then
    die "links left in the image: $(find "$root" -type l)"
  fi

  # ---- the Java runtime
  # --compress=0: lib/modules stays 25 MB larger on disk but the gzipped layer is 6 MB smaller
  # than with --compress=2 (zip inside gzip), and classes load without inflating
  "$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$MODULES" \
    --exclude-files="$EXCLUDE_FILES" \
    --strip-debug --no-header-files --no-man-pages --compress=0 \
    --output "$root/opt/java"
  [[ -s "$root/opt/java/lib/security/cacerts" ]] || die "the runtime has no lib/security/cacerts"

  # ---- users, name service, empty directories
  mkdir -p "$root/tmp" "$root/home/nonroot"
  cat > "$root/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:$USER_ID:$USER_ID:nonroot:/home/nonroot:/sbin/nologin
EOF
  cat > "$root/etc/group" <<EOF
root:x:0:
nobody:x:65534:
nonroot:x:$USER_ID:
EOF
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"

  {
    echo "netplane image base $key"
    echo "Java runtime: jlink of $(grep '^IMPLEMENTOR=' "$jdk/release" | cut -d= -f2- | tr -d '"') $(grep '^JAVA_RUNTIME_VERSION=' "$jdk/release" | cut -d= -f2- | tr -d '"')"
    echo "modules: $MODULES"
    echo "Debian packages:"
    sed 's/^/  /' <<<"$versions"
  } > "$root/usr/share/doc/image-base.txt"

  # another build may have finished the same base meanwhile
  mv -T "$root" "$base" 2>/dev/null || [[ -d "$base" ]] || die "cannot create $base"
  echo "base.sh: built $base in ${SECONDS}s" >&2
fi

rm -rf "$out"
mkdir -p "$(dirname "$out")"
cp -a "$base" "$out"
