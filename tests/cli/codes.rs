//! `codes`: country codes across time, through the binary. The traps of
//! the published lists (COW 365, 255/260/265, 678/679/680, 345 and
//! Gleditsch–Ward 340/260) each with their exact values.

use serde_json::json;

use crate::support::dg;

#[test]
fn cow_365_is_the_soviet_union_then_russia_the_entity() {
    let ussr = dg(["codes", "365", "--from", "cow"])
        .on("1980-01-01")
        .json();
    assert_eq!(
        ussr,
        json!({
            "entity": null,
            "name": "Soviet Union",
            "codes": {"iso3": "SUN", "iso2": "SU", "isonum": "810", "cow": 365,
                      "cowabb": "RUS", "gw": 365, "name": "Soviet Union"},
            "result": null
        })
    );
    let russia = dg(["codes", "365", "--from", "cow", "--to", "iso3"])
        .on("1991-12-26")
        .json();
    assert_eq!(russia["entity"], "RUS");
    assert_eq!(russia["result"], "RUS");
    assert_eq!(russia["codes"]["isonum"], "643");
    let text = dg(["codes", "365", "--from", "cow", "--to", "iso3"])
        .on("1991-12-25")
        .text();
    assert_eq!(text, "SUN\n");
    let text = dg(["codes", "SUN", "--from", "iso3", "--to", "cow"])
        .on("1922-12-30")
        .text();
    assert_eq!(text, "365\n");
    let err = dg(["codes", "SUN", "--from", "iso3"])
        .on("1922-12-29")
        .fails_with(1);
    assert!(
        err.contains("ISO alpha-3 `SUN` names no state on 1922-12-29: SUN was Soviet Union 1922-12-30 to 1991-12-25"),
        "{err}"
    );
}

#[test]
fn cow_255_is_no_state_between_1945_and_1990() {
    let err = dg(["codes", "255", "--from", "cow"])
        .on("1980-01-01")
        .fails_with(1);
    assert!(
        err.contains("COW `255` names no state on 1980-01-01: 255 was Germany 1816-01-01 to 1945-05-08 and from 1990-10-03"),
        "{err}"
    );
    let imperial = dg(["codes", "255", "--from", "cow", "--to", "iso3"])
        .on("1900")
        .text();
    assert_eq!(imperial, "DEU\n");
    let united = dg(["codes", "255", "--from", "cow"])
        .on("1990-10-03")
        .json();
    assert_eq!(
        united["codes"],
        json!({"iso3": "DEU", "iso2": "DE", "isonum": "276", "cow": 255,
               "cowabb": "GMY", "gw": 260, "name": "Germany"})
    );
    let west = dg(["codes", "260", "--from", "cow"])
        .on("1980-01-01")
        .json();
    assert_eq!(west["name"], "West Germany");
    assert_eq!(
        (&west["codes"]["iso3"], &west["codes"]["gw"]),
        (&json!("DEU"), &json!(260))
    );
    let east = dg(["codes", "265", "--from", "cow", "--to", "iso3"])
        .on("1980-01-01")
        .text();
    assert_eq!(east, "DDR\n");
    assert_eq!(
        dg(["codes", "GDR", "--from", "cowabb", "--to", "gw"])
            .on("1980")
            .text(),
        "265\n"
    );
    dg(["codes", "265", "--from", "cow"])
        .on("1990-10-03")
        .fails_with(1);
}

#[test]
fn gleditsch_ward_260_is_west_then_unified_germany() {
    let cow = |day: &str| {
        dg(["codes", "260", "--from", "gw", "--to", "cow"])
            .on(day)
            .text()
    };
    assert_eq!(cow("1980-01-01"), "260\n");
    assert_eq!(cow("1990-10-02"), "260\n");
    assert_eq!(cow("1990-10-03"), "255\n");
    // Independent in 1950 for Gleditsch–Ward, in the COW system only from 1955-05-05.
    let err = dg(["codes", "260", "--from", "gw", "--to", "cow"])
        .on("1950")
        .fails_with(1);
    assert!(
        err.contains(
            "West Germany has no COW code on 1950-01-01 (it is COW 260 1955-05-05 to 1990-10-02)"
        ),
        "{err}"
    );
}

#[test]
fn yemen_678_679_680() {
    let to = |code: &str, scheme: &str, day: &str| {
        dg(["codes", code, "--from", "cow", "--to", scheme])
            .on(day)
            .text()
    };
    assert_eq!(to("678", "iso3", "1980-01-01"), "YEM\n");
    assert_eq!(to("678", "isonum", "1980-01-01"), "886\n");
    assert_eq!(to("680", "iso3", "1980-01-01"), "YMD\n");
    assert_eq!(to("680", "gw", "1980-01-01"), "680\n");
    assert_eq!(to("679", "iso3", "1990-05-22"), "YEM\n");
    assert_eq!(to("679", "isonum", "1990-05-22"), "887\n");
    assert_eq!(to("679", "gw", "1990-05-22"), "678\n");
    let err = dg(["codes", "679", "--from", "cow"])
        .on("1990-05-21")
        .fails_with(1);
    assert!(err.contains("679 was Yemen from 1990-05-22"), "{err}");
    let gw = |day: &str| {
        dg(["codes", "678", "--from", "gw", "--to", "cow"])
            .on(day)
            .text()
    };
    assert_eq!(
        (gw("1980-01-01"), gw("2000-01-01")),
        ("678\n".into(), "679\n".into())
    );
}

#[test]
fn yugoslavia_and_serbia_345() {
    let at = |day: &str| dg(["codes", "345", "--from", "cow"]).on(day).json()["codes"].clone();
    assert_eq!(
        at("1980-01-01"),
        json!({"iso3": "YUG", "iso2": "YU", "isonum": "890", "cow": 345,
               "cowabb": "YUG", "gw": 345, "name": "Yugoslavia"})
    );
    assert_eq!(at("2004-01-01")["iso3"], "SCG");
    assert_eq!(at("2006-06-04")["gw"], 345);
    assert_eq!(
        at("2006-06-05"),
        json!({"iso3": "SRB", "iso2": "RS", "isonum": "688", "cow": 345,
               "cowabb": "YUG", "gw": 340, "name": "Serbia"})
    );
    assert_eq!(
        dg(["codes", "340", "--from", "gw", "--to", "cow"])
            .on("2010")
            .text(),
        "345\n"
    );
    let err = dg(["codes", "345", "--from", "cow"])
        .on("1942-01-01")
        .fails_with(1);
    assert!(
        err.contains("345 was Yugoslavia 1878-07-13 to 1941-04-20 and from 1944-10-20"),
        "{err}"
    );
}

#[test]
fn names_are_forgiving_and_text_lists_every_code() {
    let text = dg(["codes", "cote d'ivoire", "--from", "name"])
        .on("2000")
        .text();
    assert_eq!(
        text,
        "Côte d'Ivoire: iso3 CIV, iso2 CI, isonum 384, cow 437, cowabb CDI, gw 437\n"
    );
    assert_eq!(
        dg(["codes", "EAST GERMANY", "--from", "name", "--to", "iso3"])
            .on("1980")
            .text(),
        "DDR\n"
    );
    assert_eq!(
        dg(["codes", "Bavaria", "--from", "name", "--to", "cowabb"])
            .on("1850")
            .text(),
        "BAV\n"
    );
    let err = dg(["codes", "Bavaria", "--from", "name", "--to", "iso3"])
        .on("1850")
        .fails_with(1);
    assert!(
        err.contains("Bavaria has no ISO alpha-3 code on 1850-01-01"),
        "{err}"
    );
    // Gleditsch–Ward's "Yemen (Arab Republic of Yemen)" is North Yemen in 1980.
    let yemen = dg(["codes", "Yemen", "--from", "name", "--to", "cow"]);
    assert_eq!(yemen.on("1980").text(), "678\n");
    let err = dg(["codes", "Germany", "--from", "name"])
        .on("1980")
        .fails_with(1);
    assert!(
        err.contains(
            "no state is called `Germany` on 1980-01-01; the name is that of Germany (ISO) until 1945-05-08 and from 1990-10-03; Germany (COW) 1816-01-01 to 1945-05-08 and from 1990-10-03; Germany (Prussia) (Gleditsch–Ward) 1816-01-01 to 1945-05-07"
        ),
        "{err}"
    );
}

#[test]
fn a_code_naming_two_states_lists_both() {
    // CS: Czechoslovakia's until 1992, and Serbia and Montenegro's from 2003,
    // the Federal Republic of Yugoslavia renamed.
    let err = dg(["codes", "CS", "--from", "iso2"])
        .on("1992-06-01")
        .fails_with(1);
    assert!(
        err.contains(
            "ISO alpha-2 `CS` names 2 states on 1992-06-01: Czechoslovakia 1918-10-28 to 1992-12-31; Yugoslavia 1992-04-28 to 2003-02-03"
        ),
        "{err}"
    );
    let out = dg(["codes", "CS", "--from", "iso2", "--to", "cow"])
        .on("2004")
        .text();
    assert_eq!(out, "345\n");
    // A renamed state's current code names it before the rename, as the UN
    // votes use MM for Burma from 1948.
    let burma = dg(["codes", "MM", "--from", "iso2"])
        .on("1948-09-02")
        .json();
    assert_eq!(
        (&burma["codes"]["iso2"], &burma["codes"]["cow"]),
        (&json!("BU"), &json!(775))
    );
}

#[test]
fn bad_codes_and_schemes_are_refused() {
    let err = dg(["codes", "abc", "--from", "cow"]).fails_with(2);
    assert!(err.contains("`abc` is not a COW code"), "{err}");
    let err = dg(["codes", "999", "--from", "cow"]).fails_with(1);
    assert!(err.contains("COW `999` names no state on any day"), "{err}");
    let err = dg(["codes", "DEU", "--from", "iso4"]).fails_with(2);
    assert!(err.contains("iso3"), "{err}");
    // A code names a state on a day: `codes` does not take --all-time, and
    // one given before the command's name is for the commands that do.
    let err = dg(["codes", "DEU", "--from", "iso3", "--all-time"]).fails_with(2);
    assert!(err.contains("unexpected argument '--all-time'"), "{err}");
    let before = dg([
        "--all-time",
        "codes",
        "DEU",
        "--from",
        "iso3",
        "--to",
        "cow",
    ]);
    assert_eq!(before.text(), "255\n");
    let before = dg([
        "--as-of", "1980", "codes", "DEU", "--from", "iso3", "--to", "cow",
    ]);
    assert_eq!(before.text(), "260\n");
    // The code table needs no fact of the database: no note about its dates.
    let out = dg(["codes", "DEU", "--from", "iso3"]).on("2030").run();
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
}
