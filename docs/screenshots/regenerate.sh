#!/usr/bin/env bash
# Draws the README's pictures with `stride screenshot` from a small demo pipeline:
# every screen class in light and dark, a few sheets, kiosk mode and high contrast.
# Run from the repository's root: bash docs/screenshots/regenerate.sh
set -euo pipefail

out=docs/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# STRIDE_BIN names a stride binary already built; otherwise a release build is made.
stride=${STRIDE_BIN:-}
if [ -z "$stride" ]; then
    cargo build --release --quiet
    stride=${CARGO_TARGET_DIR:-target}/release/stride
fi
db=$work/demo.db
"$stride" --db "$db" demo --leads 60 --opportunities 20 --seed 3 >/dev/null

shot() { # NAME SIZE SCREEN THEME [more options]
    local name=$1 size=$2 screen=$3 theme=$4
    shift 4
    "$stride" --db "$db" --theme "$theme" "$@" screenshot "$out/$name.png" \
        --size "$size" --screen "$screen" >/dev/null
}

for theme in light dark; do
    shot "list-390x844-$theme" 390x844 list "$theme"
    shot "record-390x844-$theme" 390x844 record "$theme"
    shot "disqualify-390x844-$theme" 390x844 disqualify "$theme"
    shot "list-844x390-$theme" 844x390 list "$theme"
    shot "record-844x390-$theme" 844x390 record "$theme"
    shot "record-800x1280-$theme" 800x1280 record "$theme"
    shot "form-800x1280-$theme" 800x1280 form "$theme"
    shot "record-1280x800-$theme" 1280x800 record "$theme"
    shot "close-won-1280x800-$theme" 1280x800 close-won "$theme"
    shot "record-1920x1080-$theme" 1920x1080 record "$theme"
    shot "kiosk-1920x1080-$theme" 1920x1080 record "$theme" --kiosk
    shot "kiosk-keyboard-1280x800-$theme" 1280x800 typing "$theme" --kiosk
done
shot filters-1920x1080-light 1920x1080 filters light
shot record-1280x800-high-contrast 1280x800 record high-contrast
shot close-won-800x1280-high-contrast 800x1280 close-won high-contrast
ls -l "$out"/*.png
