//! Header recognition: which export a file is, judged from its column names alone.
//!
//! Names are compared folded (lower case, letters and digits only), so `LastName`,
//! `Last Name` and `last_name` match, and so do `Est. Value` and `est value`.

use super::SourceFormat;

/// How many header names an unknown-format error shows.
const SHOWN_COLUMNS: usize = 5;

/// Columns only a Salesforce Account export has, besides `Id` and `Name`.
const ACCOUNT_ONLY: [&str; 5] = [
    "accountnumber",
    "accountsource",
    "type",
    "billingcity",
    "billingcountry",
];

/// A header name folded for comparison: lower case, letters and digits only.
pub(super) fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The export whose columns these are, if Stride knows it.
pub(super) fn detect(headers: &[String]) -> Option<SourceFormat> {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let has = |name: &str| folded.iter().any(|h| h == name);

    if has("strideid") {
        Some(SourceFormat::StrideExport)
    } else if has("stagename") && has("name") {
        Some(SourceFormat::SalesforceOpportunities)
    } else if has("lastname") && has("company") {
        Some(SourceFormat::SalesforceLeads)
    } else if has("lastname") && (has("topic") || has("companyname")) {
        Some(SourceFormat::DynamicsLeads)
    } else if has("id") && has("name") && !has("lastname") && ACCOUNT_ONLY.iter().any(|c| has(c)) {
        Some(SourceFormat::SalesforceAccounts)
    } else {
        None
    }
}

/// The first header names, quoted and shortened, for a message about an unknown file.
pub(super) fn first_columns(headers: &[String]) -> String {
    let mut shown: Vec<String> = headers
        .iter()
        .take(SHOWN_COLUMNS)
        .map(|h| {
            let clean: String = h.chars().filter(|c| !c.is_control()).take(30).collect();
            format!("\"{clean}\"")
        })
        .collect();
    if headers.len() > SHOWN_COLUMNS {
        shown.push(format!("and {} more", headers.len() - SHOWN_COLUMNS));
    }
    shown.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect_line(line: &str) -> Option<SourceFormat> {
        let headers: Vec<String> = line.split(',').map(str::to_string).collect();
        detect(&headers)
    }

    #[test]
    fn recognises_each_known_export() {
        use SourceFormat::*;
        assert_eq!(
            detect_line("Id,IsDeleted,LastName,FirstName,Company,Status"),
            Some(SalesforceLeads)
        );
        assert_eq!(detect_line("id,lastname,company"), Some(SalesforceLeads));
        assert_eq!(
            detect_line("Id,AccountId,Name,StageName,Amount"),
            Some(SalesforceOpportunities)
        );
        assert_eq!(
            detect_line("Id,IsDeleted,Name,Type,BillingCity"),
            Some(SalesforceAccounts)
        );
        assert_eq!(
            detect_line("Id,Name,AccountNumber"),
            Some(SalesforceAccounts)
        );
        assert_eq!(
            detect_line("Topic,First Name,Last Name,Company Name"),
            Some(DynamicsLeads)
        );
        assert_eq!(
            detect_line("(Do Not Modify) Lead,LAST NAME,company name"),
            Some(DynamicsLeads)
        );
        assert_eq!(detect_line("topic , last_name"), Some(DynamicsLeads));
    }

    #[test]
    fn other_headers_are_not_guessed() {
        assert_eq!(detect_line("Id,AccountId,LastName,FirstName,Email"), None); // a Contact export
        assert_eq!(detect_line("Id,Name"), None);
        assert_eq!(detect_line("Name,Amount"), None);
        assert_eq!(detect_line(""), None);
    }

    #[test]
    fn folding_ignores_case_spacing_and_punctuation() {
        assert_eq!(fold("Est. Close Date"), "estclosedate");
        assert_eq!(fold("Decision Maker?"), "decisionmaker");
        assert_eq!(fold("Gender__c"), "genderc");
    }

    #[test]
    fn names_the_first_columns_and_how_many_follow() {
        let headers: Vec<String> = "a,b,c,d,e,f,g".split(',').map(str::to_string).collect();
        assert_eq!(
            first_columns(&headers),
            "\"a\", \"b\", \"c\", \"d\", \"e\", and 2 more"
        );
        assert_eq!(first_columns(&["x\u{7}y".to_string()]), "\"xy\"");
    }
}
