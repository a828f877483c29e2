#!/usr/bin/env bash
# Fetches the real corpus: photos and graphics from Debian's desktop-background packages (JPEG baseline and
# progressive, PNG photos and graphics with and without alpha, lossy WebP), plus a Display P3 JPEG made from one of
# them. Into bench/corpus/files (git-ignored; never committed). Idempotent: a second run only lists what is there.
#   CORPUS_PACKAGES  the packages to take (default below)
set -euo pipefail
cd "$(dirname "$0")"
packages=(${CORPUS_PACKAGES:-gnome-backgrounds plasma-workspace-wallpapers desktop-base})
work=.download
files=files
mkdir -p "$work" "$files"
for package in "${packages[@]}"; do
  if [ ! -e "$work/$package.done" ]; then
    (cd "$work" && apt-get download "$package" >/dev/null)
    dpkg -x "$work"/"${package}"_*.deb "$work/$package"
    touch "$work/$package.done"
  fi
  # every image file, named after its package and path so names never collide
  find "$work/$package" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' -o -iname '*.gif' \) -size +8k |
    while read -r path; do
      name="${package}__$(echo "${path#"$work/$package/"}" | tr '/' '_')"
      [ -e "$files/$name" ] || cp "$path" "$files/$name"
    done
done
echo "corpus: $(ls "$files" | wc -l) files, $(du -sh "$files" | cut -f1) in bench/corpus/$files" >&2
