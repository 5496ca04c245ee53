//! Search and paging as the list and `stride search` use them: which records words find,
//! that the index follows every change, that filters and sorts narrow and order correctly,
//! and that reading page by page gives exactly the whole list.

use std::error::Error;
use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use stride::controller::{Controller, FixedClock, LeadForm, ListRow, QualifyChoice};
use stride::process::{Money, Rating, RecordId, Status};
use stride::store::{ListFilter, ListQuery, ListSort};
use tempfile::TempDir;

type TestResult = Result<(), Box<dyn Error>>;

struct App {
    _dir: TempDir,
    controller: Controller,
    clock: Arc<FixedClock>,
}

fn app() -> Result<App, Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap(),
    ));
    let controller = Controller::with_clock(&dir.path().join("search.db"), clock.clone())?;
    Ok(App {
        _dir: dir,
        controller,
        clock,
    })
}

fn lead(app: &App, topic: &str, last: &str, company: &str) -> Result<RecordId, Box<dyn Error>> {
    app.clock.advance(Duration::minutes(1));
    let form = LeadForm {
        topic: topic.into(),
        last_name: last.into(),
        company: company.into(),
        ..LeadForm::default()
    };
    Ok(app.controller.create_lead(&form)?)
}

/// Sets an estimated close date as an import would; the lead form has no field for it.
fn set_close(app: &App, id: RecordId, date: Option<&str>) -> TestResult {
    let db = rusqlite::Connection::open(app.controller.database_path())?;
    db.execute(
        "UPDATE records SET estimated_close = ?1 WHERE id = ?2",
        rusqlite::params![date, id.0],
    )?;
    Ok(())
}

fn find(app: &App, filter: ListFilter, text: &str) -> Result<Vec<RecordId>, Box<dyn Error>> {
    let query = ListQuery {
        filter,
        text: text.into(),
        ..ListQuery::default()
    };
    let rows = app.controller.list_page(&query, None, 0, 1000)?;
    assert_eq!(
        app.controller.count_matching(&query)?,
        rows.len(),
        "the count agrees with the rows for {text:?}"
    );
    Ok(rows.iter().map(|row| row.id).collect())
}

#[test]
fn words_find_records_by_the_start_of_any_word_they_hold() -> TestResult {
    let app = app()?;
    let fleet = lead(&app, "Fleet telematics", "Müller", "Northwind Traders")?;
    let chairs = lead(&app, "Office chairs", "O'Brien", "Contoso")?;
    let mut form = app.controller.lead_form(chairs)?;
    form.email = "sean.obrien@contoso.example".into();
    form.notes = "Wants a demo before the trade show".into();
    app.controller.update_lead(chairs, &form)?;

    assert_eq!(find(&app, ListFilter::All, "fleet")?, vec![fleet]);
    assert_eq!(find(&app, ListFilter::All, "TELE")?, vec![fleet]);
    assert_eq!(
        find(&app, ListFilter::All, "muller")?,
        vec![fleet],
        "accents are ignored"
    );
    assert_eq!(find(&app, ListFilter::All, "north trad")?, vec![fleet]);
    assert_eq!(find(&app, ListFilter::All, "o'brien")?, vec![chairs]);
    assert_eq!(
        find(&app, ListFilter::All, "sean.obrien@contoso")?,
        vec![chairs]
    );
    assert_eq!(
        find(&app, ListFilter::All, "demo")?,
        vec![chairs],
        "notes are searched"
    );
    assert!(
        find(&app, ListFilter::All, "fleet chairs")?.is_empty(),
        "every word must match"
    );
    assert_eq!(
        find(&app, ListFilter::All, "")?.len(),
        2,
        "no words finds everything"
    );
    Ok(())
}

#[test]
fn nothing_typed_is_read_as_query_syntax_and_the_tab_is_not_a_word() -> TestResult {
    let app = app()?;
    lead(&app, "Solar roof", "Lang", "Adatum")?;

    for typed in [
        "\"",
        "*",
        "(",
        "solar)",
        "NEAR(solar",
        "solar OR",
        "-solar",
        "^",
        "tab:lead",
    ] {
        let found = find(&app, ListFilter::All, typed);
        assert!(
            found.is_ok(),
            "{typed:?} gives an answer, not an error: {found:?}"
        );
    }
    assert!(find(&app, ListFilter::OpenLeads, "lead")?.is_empty());
    assert!(
        find(&app, ListFilter::All, "!!!")?.is_empty(),
        "signs alone find nothing"
    );
    assert!(
        find(&app, ListFilter::All, "🙂")?.is_empty(),
        "an emoji alone finds nothing"
    );
    assert_eq!(
        find(&app, ListFilter::All, "  ")?.len(),
        1,
        "blanks are no search"
    );
    assert!(find(&app, ListFilter::All, "open")?.is_empty());

    // A pasted paragraph is searched by its first twelve different words.
    let pasted = format!("solar lang {}", "solar ".repeat(5_000));
    assert_eq!(find(&app, ListFilter::All, &pasted)?.len(), 1);
    let long = format!(
        "solar {} zebra",
        "s so sol sola l la lan lang a ad ada adat ".repeat(50)
    );
    assert_eq!(
        find(&app, ListFilter::All, &long)?.len(),
        1,
        "words past the twelfth are left out"
    );
    Ok(())
}

#[test]
fn the_index_follows_edits_closes_and_qualifying() -> TestResult {
    let app = app()?;
    let id = lead(&app, "Warehouse scanners", "Berg", "Fabrikam")?;

    let mut form = app.controller.lead_form(id)?;
    form.topic = "Handheld terminals".into();
    app.controller.update_lead(id, &form)?;
    assert!(find(&app, ListFilter::All, "warehouse")?.is_empty());
    assert_eq!(find(&app, ListFilter::All, "handheld")?, vec![id]);

    let options = app.controller.qualify_options(id)?;
    let qualified = app.controller.qualify(id, &QualifyChoice::default())?;
    assert!(
        options.accounts.is_empty(),
        "a fresh database offers no duplicate accounts"
    );
    assert!(find(&app, ListFilter::OpenLeads, "handheld")?.is_empty());
    assert_eq!(find(&app, ListFilter::Closed, "handheld")?, vec![id]);
    let opportunity = qualified.opportunity;
    assert_eq!(
        find(&app, ListFilter::OpenOpportunities, "fabrikam berg")?,
        vec![opportunity]
    );

    app.controller
        .close_won(opportunity, Some(Money::from_minor(10_000)), None)?;
    assert!(find(&app, ListFilter::OpenOpportunities, "fabrikam")?.is_empty());
    assert_eq!(find(&app, ListFilter::Closed, "fabrikam")?.len(), 2);
    Ok(())
}

#[test]
fn reading_page_by_page_gives_the_whole_list_in_every_sort() -> TestResult {
    let app = app()?;
    for n in 0..45 {
        let id = lead(
            &app,
            &format!("Deal {n}"),
            &format!("Person{n}"),
            "Same Company",
        )?;
        let mut form = app.controller.lead_form(id)?;
        // Some values repeat and some are missing, so ties and gaps are crossed by pages.
        form.estimated_value = match n % 4 {
            0 => String::new(),
            k => format!("{}", k * 1000),
        };
        app.controller.update_lead(id, &form)?;
        let close = format!("2026-04-{:02}", 1 + n % 7);
        set_close(&app, id, (n % 5 != 0).then_some(close.as_str()))?;
    }

    for sort in [ListSort::Recent, ListSort::Value, ListSort::CloseDate] {
        let query = ListQuery {
            sort,
            text: "same".into(),
            ..ListQuery::default()
        };
        let whole = app.controller.list_page(&query, None, 0, 1000)?;
        assert_eq!(whole.len(), 45);

        let mut by_key: Vec<ListRow> = Vec::new();
        loop {
            let after = by_key.last().map(|row| row.key.clone());
            let page = app.controller.list_page(&query, after.as_ref(), 0, 7)?;
            if page.is_empty() {
                break;
            }
            by_key.extend(page);
        }
        let by_offset: Vec<ListRow> = (0..7)
            .map(|n| app.controller.list_page(&query, None, n * 7, 7))
            .collect::<Result<Vec<_>, _>>()?
            .concat();
        let ids = |rows: &[ListRow]| rows.iter().map(|row| row.id).collect::<Vec<_>>();
        assert_eq!(ids(&by_key), ids(&whole), "{sort:?} by key");
        assert_eq!(ids(&by_offset), ids(&whole), "{sort:?} by offset");

        // Told that the words match the whole tab, the list checks rows one by one in order;
        // the pages are the same.
        let mut dense: Vec<ListRow> = Vec::new();
        loop {
            let after = dense.last().map(|row| row.key.clone());
            let page = app
                .controller
                .list_page_knowing(&query, 45, after.as_ref(), 0, 7)?;
            if page.is_empty() {
                break;
            }
            dense.extend(page);
        }
        assert_eq!(ids(&dense), ids(&whole), "{sort:?} checked one by one");
        let some = ListQuery {
            text: "deal 4".into(),
            ..query.clone()
        };
        let sparse = app.controller.list_page(&some, None, 0, 100)?;
        let told = app.controller.list_page_knowing(&some, 45, None, 0, 100)?;
        assert_eq!(
            ids(&told),
            ids(&sparse),
            "{sort:?} a few found, checked one by one"
        );
        assert_eq!(sparse.len(), 6, "Deal 4 and Deal 40 to 44");

        let values: Vec<String> = whole
            .iter()
            .map(|row| row.estimated_value.clone())
            .collect();
        match sort {
            ListSort::Value => {
                assert_eq!(values.first().map(String::as_str), Some("3,000.00"));
                assert_eq!(
                    values.last().map(String::as_str),
                    Some(""),
                    "no value goes last"
                );
            }
            ListSort::Recent => assert_eq!(whole[0].title, "Deal 44"),
            ListSort::CloseDate => {
                let first = app.controller.page(whole[0].id)?.record.estimated_close;
                let last = app.controller.page(whole[44].id)?.record.estimated_close;
                assert_eq!(first, NaiveDate::from_ymd_opt(2026, 4, 1));
                assert_eq!(last, None, "no close date goes last");
            }
        }
    }
    Ok(())
}

#[test]
fn filters_narrow_by_status_stage_rating_source_and_overdue() -> TestResult {
    let app = app()?;
    let hot = lead(&app, "Hot one", "Hahn", "Alpine")?;
    let late = lead(&app, "Late one", "Lutz", "Alpine")?;
    let other = lead(&app, "Other one", "Otto", "Alpine")?;
    let mut form = app.controller.lead_form(hot)?;
    form.rating = "Hot".into();
    form.source = "Trade show".into();
    app.controller.update_lead(hot, &form)?;
    set_close(&app, late, Some("2026-02-01"))?;
    app.controller
        .disqualify(other, "no_longer_interested".parse()?)?;

    let query = |change: &dyn Fn(&mut ListQuery)| -> Result<Vec<RecordId>, Box<dyn Error>> {
        let mut query = ListQuery {
            filter: ListFilter::All,
            text: "alpine".into(),
            ..ListQuery::default()
        };
        change(&mut query);
        let rows = app.controller.list_page(&query, None, 0, 100)?;
        assert_eq!(app.controller.count_matching(&query)?, rows.len());
        let mut ids: Vec<RecordId> = rows.iter().map(|row| row.id).collect();
        ids.sort();
        Ok(ids)
    };

    assert_eq!(query(&|q| q.rating = Some(Rating::Hot))?, vec![hot]);
    assert_eq!(query(&|q| q.source = Some("trade SHOW".into()))?, vec![hot]);
    assert_eq!(
        query(&|q| q.status = Some(Status::Disqualified))?,
        vec![other]
    );
    assert_eq!(query(&|q| q.status = Some(Status::Open))?, vec![hot, late]);
    assert_eq!(query(&|q| q.stage = Some("qualify".into()))?.len(), 3);
    assert!(query(&|q| q.stage = Some("develop".into()))?.is_empty());
    let today = app.controller.today();
    assert_eq!(query(&|q| q.overdue_on = Some(today))?, vec![late]);
    Ok(())
}

#[test]
fn records_written_before_search_existed_are_found_after_the_upgrade() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("old.db");
    let mut conn = rusqlite::Connection::open(&path)?;
    stride::store::schema::migrations().to_version(&mut conn, 1)?;
    conn.execute(
        "INSERT INTO records (kind, topic, last_name, company, probability, status, reason,
             stage, stage_entered_at, created_at, updated_at)
         VALUES ('lead', 'Kiosk terminals', 'Varga', 'Tailspin', 10, 'open', 'new', 'qualify',
             '2026-01-05 10:00:00+00:00', '2026-01-05 10:00:00+00:00',
             '2026-01-05 10:00:00+00:00')",
        [],
    )?;
    drop(conn);

    let app = Controller::open(&path)?;
    let query = ListQuery {
        text: "kiosk varga".into(),
        ..ListQuery::default()
    };
    let (total, rows) = app.search(&query, 10)?;
    assert_eq!(total, 1);
    assert_eq!(rows[0].title, "Kiosk terminals");
    Ok(())
}

#[test]
fn the_sources_offered_are_those_the_records_hold_each_once() -> TestResult {
    let app = app()?;
    assert!(app.controller.lead_sources()?.is_empty());

    let mut ids = Vec::new();
    for (last, source) in [
        ("Ames", "Partner referral"),
        ("Bode", " partner REFERRAL "),
        ("Cruz", "Web"),
        ("Diaz", ""),
    ] {
        let id = lead(&app, "Boiler", last, "Acme")?;
        let mut form = app.controller.lead_form(id)?;
        form.source = source.into();
        app.controller.update_lead(id, &form)?;
        ids.push(id);
    }

    let sources = app.controller.lead_sources()?;
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(sources[0].eq_ignore_ascii_case("partner referral"));
    assert_eq!(sources[1], "Web");

    // Choosing a source offered finds every record that holds it, however it was typed.
    let query = ListQuery {
        filter: ListFilter::All,
        source: Some(sources[0].clone()),
        ..ListQuery::default()
    };
    let found: Vec<RecordId> = app
        .controller
        .list_page(&query, None, 0, 10)?
        .iter()
        .map(|row| row.id)
        .collect();
    assert_eq!(found.len(), 2);
    assert!(found.contains(&ids[0]) && found.contains(&ids[1]));
    Ok(())
}
