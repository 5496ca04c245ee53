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
# German, where words run longest: phone and tablet landscape.
for theme in light dark; do
    shot "de-list-390x844-$theme" 390x844 list "$theme" --lang de
    shot "de-record-390x844-$theme" 390x844 record "$theme" --lang de
    shot "de-disqualify-390x844-$theme" 390x844 disqualify "$theme" --lang de
    shot "de-list-1280x800-$theme" 1280x800 list "$theme" --lang de
    shot "de-record-1280x800-$theme" 1280x800 record "$theme" --lang de
done
shot filters-1920x1080-light 1920x1080 filters light
shot record-1280x800-high-contrast 1280x800 record high-contrast
shot close-won-800x1280-high-contrast 800x1280 close-won high-contrast
# The editor at a stage with a branch: the bundled branching process under the default name.
sed '0,/^name = .*/s//name = "Lead to Opportunity Sales Process"/' \
    assets/processes/executive-review.toml >"$work/branching.toml"
"$stride" --db "$db" process import "$work/branching.toml" >/dev/null
shot editor-branch-1280x800 1280x800 process-editor light
shot editor-branch-1280x1500 1280x1500 process-editor light
ls -l "$out"/*.png
