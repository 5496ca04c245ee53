//! The list's rows as a lazy Slint model: it knows how many records the query finds and
//! reads only the pages the list view asks for, continuing from the last row of the page
//! before by keyset, and keeps a few pages so scrolling back is free.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use slint::{Model, ModelNotify, ModelTracker};

use super::convert;
use super::generated::ListRowData;
use crate::controller::{Controller, ListRow};
use crate::store::{ListQuery, PageKey};

/// Rows read at a time: a few screens of a tall window.
const PAGE_ROWS: usize = 64;

/// Pages kept; the oldest read is dropped first beyond this.
const KEPT_PAGES: usize = 32;

/// One read page: the rows Slint shows and the key of its last row.
struct Page {
    rows: Vec<ListRowData>,
    last_key: Option<PageKey>,
}

/// A lazy, cached view of one list query.
pub(super) struct PagedRows {
    controller: Rc<Controller>,
    query: RefCell<ListQuery>,
    count: Cell<usize>,
    pages: RefCell<HashMap<usize, Page>>,
    read_order: RefCell<Vec<usize>>,
    notify: ModelNotify,
}

impl PagedRows {
    /// An empty model reading through `controller`.
    pub fn new(controller: Rc<Controller>) -> Self {
        PagedRows {
            controller,
            query: RefCell::new(ListQuery::default()),
            count: Cell::new(0),
            pages: RefCell::new(HashMap::new()),
            read_order: RefCell::new(Vec::new()),
            notify: ModelNotify::default(),
        }
    }

    /// Shows what `query` finds, counting it afresh and forgetting every page read, so the
    /// rows on screen are read again, and only those.
    pub fn show(&self, query: ListQuery, count: usize) {
        *self.query.borrow_mut() = query;
        self.count.set(count);
        self.pages.borrow_mut().clear();
        self.read_order.borrow_mut().clear();
        self.notify.reset();
    }

    /// The query the rows show.
    pub fn query(&self) -> ListQuery {
        self.query.borrow().clone()
    }

    fn read_page(&self, number: usize) -> Option<()> {
        // Reading on from the page before is an index seek; without it, count from the top.
        let after = number.checked_sub(1).and_then(|before| {
            let pages = self.pages.borrow();
            pages.get(&before).and_then(|page| page.last_key.clone())
        });
        let query = self.query.borrow().clone();
        let read = self.controller.list_page_knowing(
            &query,
            self.count.get(),
            after.as_ref(),
            number * PAGE_ROWS,
            PAGE_ROWS,
        );
        let rows: Vec<ListRow> = match read {
            Ok(rows) => rows,
            Err(error) => {
                tracing::warn!(%error, page = number, "could not read a page of the list");
                return None;
            }
        };
        let page = Page {
            last_key: rows.last().map(|row| row.key.clone()),
            rows: rows.iter().map(convert::list_row).collect(),
        };
        self.keep(number, page);
        Some(())
    }

    fn keep(&self, number: usize, page: Page) {
        let mut order = self.read_order.borrow_mut();
        let mut pages = self.pages.borrow_mut();
        if order.len() >= KEPT_PAGES {
            let oldest = order.remove(0);
            pages.remove(&oldest);
        }
        order.push(number);
        pages.insert(number, page);
    }
}

impl Model for PagedRows {
    type Data = ListRowData;

    fn row_count(&self) -> usize {
        self.count.get()
    }

    fn row_data(&self, row: usize) -> Option<ListRowData> {
        if row >= self.count.get() {
            return None;
        }
        let number = row / PAGE_ROWS;
        if !self.pages.borrow().contains_key(&number) {
            self.read_page(number)?;
        }
        let pages = self.pages.borrow();
        pages.get(&number)?.rows.get(row % PAGE_ROWS).cloned()
    }

    fn model_tracker(&self) -> &dyn ModelTracker {
        &self.notify
    }
}
