//! The page `serve` answers at `/`, in headless Chromium: the same page
//! as `export html`, live, so the counts of each day, the details of a
//! click and the paths come from the server's answers. Skips with one
//! line when no Chromium is found.

use serde_json::Value;

use super::browser::Browser;
use super::html::{
    assert_notes_shown, drawn, json_counts, link_key, path_from_iran_to_belarus, set_date, shown,
};
use super::server::Server;
use crate::support::dg;

/// Opens the served page at `fragment` and waits until it has drawn.
fn open(browser: &Browser, server: &Server, fragment: &str) {
    browser.open(&format!("http://{}/{fragment}", server.addr));
    browser.wait_for("document.getElementById('diplograph').dataset.ready === 'true'");
}

#[test]
fn the_served_page_shows_each_day_as_the_server_answers_it() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let server = Server::bundled();
    for date in ["2024-07-03", "2024-07-04", "2010-01-01"] {
        open(&browser, &server, &format!("#as-of={date}"));
        assert_eq!(browser.attr("#diplograph", "data-mode"), "live");
        assert_eq!(browser.attr("#diplograph", "data-date"), date);
        assert_eq!(shown(&browser), json_counts(&["--as-of", date]), "{date}");
    }
    // What the command line notes for a day, the page says too.
    for date in ["1900-01-01", "2026-12-02"] {
        open(&browser, &server, &format!("#as-of={date}"));
        assert_notes_shown(&browser, date);
    }
    // The page asked the server for each day's export.
    let log = server.log();
    for date in ["2024-07-03", "2024-07-04", "2010-01-01"] {
        assert!(
            log.iter()
                .any(|l| l.starts_with(&format!("GET /api/export?as_of={date}"))
                    && l.contains(" 200 ")),
            "{date}: {log:#?}"
        );
    }
    // Belarus, observer of the SCO until the Astana summit, member from it.
    let (member, observer) = (
        link_key("member", "BLR", "SCO"),
        link_key("observer", "BLR", "SCO"),
    );
    open(&browser, &server, "#as-of=2024-07-03");
    assert!(drawn(&browser, &observer) && !drawn(&browser, &member));
    set_date(&browser, "2024-07-04");
    assert!(drawn(&browser, &member) && !drawn(&browser, &observer));
    assert_eq!(shown(&browser), json_counts(&["--as-of", "2024-07-04"]));
}

#[test]
fn on_the_served_page_search_clicks_and_paths_ask_the_server() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let server = Server::bundled();
    let date = "2024-07-04";
    open(&browser, &server, &format!("#as-of={date}"));

    browser.type_into("#search", "Mokhbar");
    browser
        .wait_for("document.getElementById('diplograph').dataset.selected === 'mohammad-mokhber'");
    browser.wait_for("document.getElementById('details').dataset.id === 'mohammad-mokhber'");
    let show = dg(["show", "mohammad-mokhber"]).on(date).json();
    browser.wait_for(&format!(
        "document.querySelectorAll('#details li').length === {}",
        show["relations"].as_array().unwrap().len()
    ));

    // A click on Iran: its relations in force, from /api/show.
    browser.click("g.node[data-id=\"IRN\"]");
    browser.wait_for("document.getElementById('details').dataset.id === 'IRN'");
    let show = dg(["show", "Iran"]).on(date).json();
    browser.wait_for(&format!(
        "document.querySelectorAll('#details li').length === {}",
        show["relations"].as_array().unwrap().len()
    ));
    let details = browser.eval("document.getElementById('details').textContent");
    assert!(
        details.as_str().unwrap().contains("etv-bharat-2023-07-04"),
        "{details}"
    );
    assert!(
        server
            .log()
            .iter()
            .any(|l| l.starts_with(&format!("GET /api/show/IRN?as_of={date}"))),
        "{:#?}",
        server.log()
    );

    // Iran to Belarus, from /api/path: two hops through the SCO.
    path_from_iran_to_belarus(&browser);
    assert!(
        server.log().iter().any(|l| l.starts_with("GET /api/path?")),
        "{:#?}",
        server.log()
    );
    // Nothing the page asked for failed.
    let failed: Vec<String> = server
        .log()
        .into_iter()
        .filter(|l| {
            l.starts_with("GET ") && !l.contains(" 200 ") && !l.starts_with("GET /favicon.ico 204 ")
        })
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(browser.eval("document.getElementById('status') === null || !document.getElementById('status').textContent.includes('error')"), Value::Bool(true));
}
