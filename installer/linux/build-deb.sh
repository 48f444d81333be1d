#!/usr/bin/env bash
# Lays out and builds the .deb from jpackage's app-image (called by `mvn -Pinstaller package` on Linux).
#   build-deb.sh APP_IMAGE_DIR OUTPUT_DIR     with SWITCHBOARD_VERSION, SWITCHBOARD_MAINTAINER, SWITCHBOARD_HOMEPAGE set
# Why not `jpackage --type deb`: it can only put files under /opt and relies on xdg-utils at install time,
# while this package must also own the systemd unit, a conffile in /etc, the menu entry and the icons,
# all as plain files dpkg tracks (docs/decisions/installer-01-deb-layout.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
image="$1"
out="$2"
version="${SWITCHBOARD_VERSION:?}"
maintainer="${SWITCHBOARD_MAINTAINER:?}"
homepage="${SWITCHBOARD_HOMEPAGE:?}"
arch="$(dpkg --print-architecture)"
root="$out/deb-root"
umask 022

rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/doc/switchboard" \
         "$root/usr/lib/systemd/system" "$root/etc/switchboard"
cp -a "$image" "$root/opt/switchboard"
ln -s /opt/switchboard/bin/Switchboard "$root/usr/bin/switchboard"
install -m 0644 "$here/switchboard.desktop" "$root/usr/share/applications/switchboard.desktop"
for icon in "$here"/../icons/hicolor/*/switchboard.png; do
    size="$(basename "$(dirname "$icon")")"
    install -D -m 0644 "$icon" "$root/usr/share/icons/hicolor/$size/apps/switchboard.png"
done
install -m 0644 "$here/switchboard-serve.service" "$root/usr/lib/systemd/system/switchboard-serve.service"
install -m 0644 "$here/switchboard.env" "$root/etc/switchboard/switchboard.env"
install -m 0644 "$here/README.server" "$root/usr/share/doc/switchboard/README.server"
sed -e "s|@MAINTAINER@|$maintainer|" -e "s|@HOMEPAGE@|$homepage|" "$here/copyright" > "$root/usr/share/doc/switchboard/copyright"
chmod -R u+rwX,go+rX,go-w "$root"

install -m 0755 "$here/postinst" "$here/prerm" "$here/postrm" "$root/DEBIAN/"
echo /etc/switchboard/switchboard.env > "$root/DEBIAN/conffiles"
# What the runtime and JavaFX load: the NEEDED entries of every library in the image (JavaFX's GTK 3, Pango, Cairo,
# GL, X11; the Debian JDK's AWT, sound, image and font libraries, which it links against the system's), mapped to
# their packages with dpkg -S; plus a font and adduser. The "| …t64" alternatives are the same libraries' names
# since Debian 13 and Ubuntu 24.04. Build on the distribution release you ship to.
depends="adduser, libc6, libgcc-s1, libstdc++6, zlib1g, libgtk-3-0 | libgtk-3-0t64, libglib2.0-0 | libglib2.0-0t64,
 libgdk-pixbuf-2.0-0, libpango-1.0-0, libpangoft2-1.0-0, libpangocairo-1.0-0, libcairo2, libcairo-gobject2,
 libatk1.0-0 | libatk1.0-0t64, libx11-6, libxext6, libxi6, libxrender1, libxtst6, libxxf86vm1, libgl1,
 libfreetype6, libfontconfig1, libharfbuzz0b, liblcms2-2, libjpeg62-turbo | libjpeg62, libpng16-16 | libpng16-16t64,
 libgif7, libasound2 | libasound2t64, fonts-dejavu-core | fonts-dejavu-mono"
(cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
installed_size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
cat > "$root/DEBIAN/control" <<CONTROL
Package: switchboard
Version: $version-1
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: $(echo "$depends" | tr -s ' \n' ' ' | sed 's/ $//')
Section: net
Priority: optional
Homepage: $homepage
Description: Desktop inbox for business messaging on WhatsApp
 Support agents answer customers in WhatsApp conversation threads; supervisors
 watch delivery and volume; admins manage tenants, contacts, templates and
 campaigns. Runs on its own embedded PostgreSQL or on a team's server.
 .
 Also installs switchboard-serve.service (disabled), the headless webhook
 receiver for the one server Meta's Cloud API reaches.
CONTROL

deb="$out/switchboard_${version}-1_${arch}.deb"
dpkg-deb --root-owner-group -Z"${SWITCHBOARD_DEB_COMPRESSION:-xz}" --build "$root" "$deb"
ls -l "$deb"
