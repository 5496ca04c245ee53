#!/usr/bin/env bash
# Draws the README's pictures with `stride screenshot` from a small demo pipeline: list,
# record and dialogs at every screen class and in kiosk mode, light and dark, English and
# German (the gallery in README.md here), then a few extras: filters, high contrast, the editor.
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

# The set the README's gallery shows: list, record and the dialogs at every screen class and
# in kiosk mode, light and dark, English and German. English names have no language prefix;
# German ones start with de-. Kiosk pictures are 1920x1080 in kiosk mode.
sizes="390x844 844x390 800x1280 1280x800 1920x1080 kiosk"
screens="list record disqualify close-won form"
for lang in en de; do
    prefix=""
    [ "$lang" = de ] && prefix="de-"
    for theme in light dark; do
        for size in $sizes; do
            for screen in $screens; do
                if [ "$size" = kiosk ]; then
                    shot "$prefix$screen-1920x1080-kiosk-$theme" 1920x1080 "$screen" "$theme" \
                        --lang "$lang" --kiosk
                else
                    shot "$prefix$screen-$size-$theme" "$size" "$screen" "$theme" --lang "$lang"
                fi
            done
        done
    done
    # The on-screen keyboard of kiosk mode, on a tablet and on a phone-narrow window.
    for theme in light dark; do
        shot "${prefix}kiosk-keyboard-1280x800-$theme" 1280x800 typing "$theme" --lang "$lang" \
            --kiosk
        shot "${prefix}kiosk-keyboard-390x844-$theme" 390x844 typing "$theme" --lang "$lang" \
            --kiosk
    done
done
shot filters-1920x1080-light 1920x1080 filters light
shot record-1280x800-high-contrast 1280x800 record high-contrast
shot close-won-800x1280-high-contrast 800x1280 close-won high-contrast
# The editor on the built-in process, in English and German.
shot editor-1280x800 1280x800 process-editor light
shot editor-390x844 390x844 process-editor light
shot de-editor-1280x800 1280x800 process-editor light --lang de
# Stage targets: Develop gets a target as long as the shortest time an open opportunity has
# spent there, so that one's chevron is amber (nearing) and a longer one's red (overdue).
develop=$("$stride" --db "$db" search --view opportunities --json --limit 1000 "" |
    python3 -c 'import json, sys
rows = [r for r in json.load(sys.stdin)["records"] if r["stage"] == "Develop"]
rows.sort(key=lambda r: r["days_in_stage"])
print(rows[0]["days_in_stage"], rows[0]["id"], rows[-1]["id"])')
read -r target nearing overdue <<<"$develop"
"$stride" --db "$db" process export "Lead to Opportunity Sales Process" "$work/targets.toml" \
    >/dev/null
sed -i "/^key = \"develop\"/a target_days = $target" "$work/targets.toml"
"$stride" --db "$db" process import "$work/targets.toml" >/dev/null
for id in "$nearing" "$overdue"; do
    "$stride" --db "$db" process switch "$id" --to "Lead to Opportunity Sales Process@2" \
        >/dev/null
done
"$stride" --db "$db" --theme light screenshot "$out/record-nearing-1280x800.png" \
    --size 1280x800 --record "$nearing" >/dev/null
"$stride" --db "$db" --theme light screenshot "$out/record-overdue-1280x800.png" \
    --size 1280x800 --record "$overdue" >/dev/null
# The editor at a stage with a branch: the bundled branching process under the default name.
sed '0,/^name = .*/s//name = "Lead to Opportunity Sales Process"/' \
    assets/processes/executive-review.toml >"$work/branching.toml"
"$stride" --db "$db" process import "$work/branching.toml" >/dev/null
shot editor-branch-1280x800 1280x800 process-editor light
shot editor-branch-1280x1500 1280x1500 process-editor light
ls -l "$out"/*.png
