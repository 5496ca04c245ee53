//! Reading lists: a view's rows a page at a time, search, and the counts on the tabs.

use super::{AppResult, Controller, Counts, ListRow};
use crate::store::{ListFilter, ListQuery, PageKey, StoreResult, Summary};

impl Controller {
    /// Every record in a list view, most recently changed first.
    pub fn list(&self, filter: ListFilter) -> AppResult<Vec<ListRow>> {
        let summaries = self.store.read(|tx| tx.list(filter, usize::MAX))?;
        self.rows(&summaries)
    }

    /// At most `limit` rows of `query`: those after the row with key `after` when given (the
    /// fast way to read on), else those from position `offset`.
    pub fn list_page(
        &self,
        query: &ListQuery,
        after: Option<&PageKey>,
        offset: usize,
        limit: usize,
    ) -> AppResult<Vec<ListRow>> {
        let summaries = self.store.read(|tx| tx.page(query, after, offset, limit))?;
        self.rows(&summaries)
    }

    /// Like [`Controller::list_page`], for a caller that has counted what `query` finds
    /// (`found`), which lets a search that matches most of a tab read its page sooner.
    pub fn list_page_knowing(
        &self,
        query: &ListQuery,
        found: usize,
        after: Option<&PageKey>,
        offset: usize,
        limit: usize,
    ) -> AppResult<Vec<ListRow>> {
        let summaries = self
            .store
            .read(|tx| tx.page_knowing(query, Some(found), after, offset, limit))?;
        self.rows(&summaries)
    }

    /// How many records `query` finds.
    pub fn count_matching(&self, query: &ListQuery) -> AppResult<usize> {
        Ok(self.store.read(|tx| tx.count_matching(query))?)
    }

    /// How many records `query` finds, and the first `limit` of them.
    pub fn search(&self, query: &ListQuery, limit: usize) -> AppResult<(usize, Vec<ListRow>)> {
        let (total, summaries) = self.store.read(|tx| -> StoreResult<_> {
            let total = tx.count_matching(query)?;
            let first = tx.page(query, None, 0, limit)?;
            Ok((total, first))
        })?;
        Ok((total, self.rows(&summaries)?))
    }

    /// The lead sources the records hold, each once whatever its case, in alphabetical order.
    pub fn lead_sources(&self) -> AppResult<Vec<String>> {
        Ok(self.store.read(|tx| tx.lead_sources())?)
    }

    /// How many records each list view holds.
    pub fn counts(&self) -> AppResult<Counts> {
        self.store.read(|tx| {
            Ok(Counts {
                open_leads: tx.count(ListFilter::OpenLeads)?,
                open_opportunities: tx.count(ListFilter::OpenOpportunities)?,
                closed: tx.count(ListFilter::Closed)?,
            })
        })
    }

    /// The rows for `summaries`, each stage named as the version its record follows names it.
    fn rows(&self, summaries: &[Summary]) -> AppResult<Vec<ListRow>> {
        let now = self.now();
        let process = self.process();
        let mut rows: Vec<ListRow> = summaries
            .iter()
            .map(|s| ListRow::new(&process, s, now))
            .collect();

        // Only a record on another process version can be at a stage the default lacks.
        let elsewhere = |s: &Summary| process.stage(&s.stage).is_none();
        if summaries.iter().any(elsewhere) {
            let names = self.store.read(|tx| tx.stage_names())?;
            for (row, summary) in rows.iter_mut().zip(summaries) {
                if let (true, Some(name)) = (elsewhere(summary), names.get(&summary.stage)) {
                    row.stage_name = name.clone();
                }
            }
        }
        Ok(rows)
    }
}
