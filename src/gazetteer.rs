//! Gazetteer files: parsing and validating the TSV format of `gazetteers/README.md`.
//!
//! A gazetteer is data a person edits, so every fault is reported with the file, the line and what is
//! wrong, and loading never panics. Checks that need every file at once (an id defined twice across
//! files, a parent defined in another file) run when the extractor is built.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::entity::{Entity, EntityKind, FormerName, Label, Status};
use crate::error::Error;

/// The columns of a gazetteer file, in order. The last three (a body's or place's dates and its
/// successor) came later: a file whose header stops at `note` is read as having them empty, so files
/// written before them still load.
pub(crate) const COLUMNS: [&str; 16] = [
    "id",
    "label",
    "kind",
    "name",
    "parent",
    "forms",
    "hangul",
    "former",
    "lat",
    "lon",
    "verified",
    "sources",
    "note",
    "valid_from",
    "valid_to",
    "successor",
];

/// How many columns a file written before the dates had.
const COLUMNS_WITHOUT_DATES: usize = 13;

/// A column of a gazetteer file (`the_columns_are_named_in_the_order_of_the_format` checks it against
/// [`COLUMNS`]). Rows are read through these, so a column
/// mistyped in the code does not compile, where a mistyped name would silently read an empty cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Id,
    Label,
    Kind,
    Name,
    Parent,
    Forms,
    Hangul,
    Former,
    Lat,
    Lon,
    Verified,
    Sources,
    Note,
    ValidFrom,
    ValidTo,
    Successor,
}

impl Column {
    /// Every column, in the order of [`COLUMNS`].
    const ALL: [Column; 16] = [
        Column::Id,
        Column::Label,
        Column::Kind,
        Column::Name,
        Column::Parent,
        Column::Forms,
        Column::Hangul,
        Column::Former,
        Column::Lat,
        Column::Lon,
        Column::Verified,
        Column::Sources,
        Column::Note,
        Column::ValidFrom,
        Column::ValidTo,
        Column::Successor,
    ];

    /// Its name in a header.
    fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Label => "label",
            Column::Kind => "kind",
            Column::Name => "name",
            Column::Parent => "parent",
            Column::Forms => "forms",
            Column::Hangul => "hangul",
            Column::Former => "former",
            Column::Lat => "lat",
            Column::Lon => "lon",
            Column::Verified => "verified",
            Column::Sources => "sources",
            Column::Note => "note",
            Column::ValidFrom => "valid_from",
            Column::ValidTo => "valid_to",
            Column::Successor => "successor",
        }
    }
}

/// Where each column is in a file's rows, read from its header by name.
struct Header {
    /// The cell of each column, by [`Column`]; `None` for the dates of a file written before them.
    at: [Option<usize>; COLUMNS.len()],
    /// How many cells every row has.
    len: usize,
}

impl Header {
    /// Reads a header: every name must be a column of [`COLUMNS`], once, and every column must be
    /// there but the last three, which a file has all or none of. The message says what is wrong.
    fn parse(cells: &[&str]) -> Result<Header, String> {
        let expected = COLUMNS.join(", ");
        let mut at = [None; COLUMNS.len()];
        for (i, &cell) in cells.iter().enumerate() {
            let Some(column) = Column::ALL.into_iter().find(|c| c.name() == cell) else {
                return Err(format!(
                    "bad header: unknown column '{cell}' (column {}); expected the columns {expected}",
                    i + 1
                ));
            };
            if at[column as usize].replace(i).is_some() {
                return Err(format!(
                    "bad header: column '{cell}' twice (column {})",
                    i + 1
                ));
            }
        }
        let (required, dates) = Column::ALL.split_at(COLUMNS_WITHOUT_DATES);
        let missing =
            |columns: &[Column]| columns.iter().find(|c| at[**c as usize].is_none()).copied();
        let dates_missing =
            missing(dates).filter(|_| dates.iter().any(|c| at[*c as usize].is_some()));
        if let Some(column) = missing(required).or(dates_missing) {
            return Err(format!(
                "bad header: no column '{}'; expected the columns {expected}",
                column.name()
            ));
        }
        Ok(Header {
            at,
            len: cells.len(),
        })
    }

    /// The trimmed cell of `column` in a row, empty where the file has no such column.
    fn cell<'a>(&self, cells: &[&'a str], column: Column) -> &'a str {
        self.at[column as usize]
            .and_then(|i| cells.get(i))
            .map_or("", |c| c.trim())
    }
}

const BUILTIN: [(&str, &str); 2] = [
    (
        "gazetteers/divisions.tsv",
        include_str!("../gazetteers/divisions.tsv"),
    ),
    (
        "gazetteers/agencies.tsv",
        include_str!("../gazetteers/agencies.tsv"),
    ),
];

/// A set of gazetteer entries, loaded from one or more TSV files.
///
/// The built-in gazetteer ([`Gazetteer::builtin`]) is compiled into the library; user gazetteers in the
/// same format can be loaded from a string, a reader or a file, and given to
/// [`ExtractorBuilder::gazetteer`](crate::ExtractorBuilder::gazetteer).
///
/// # Example
///
/// ```
/// use nkner::{Extractor, Gazetteer, Label};
///
/// let tsv = "id\tlabel\tkind\tname\tparent\tforms\thangul\tformer\tlat\tlon\tverified\tsources\tnote\n\
///            my-unit\tUNIT\tunit\tPaektusan Hero Unit\t\t\t\t\t\t\tyes\t\t\n";
/// let mine = Gazetteer::from_tsv("my.tsv", tsv)?;
/// let extractor = Extractor::builder().gazetteer(mine).build()?;
/// let spans = extractor.extract("The Paektusan Hero Unit of the KPA trained near Samjiyon.");
/// assert_eq!(spans[0].text, "Paektusan Hero Unit");
/// assert_eq!(spans[0].label, Label::Unit);
/// assert_eq!(spans[0].kb_id.as_deref(), Some("my-unit"));
/// # Ok::<(), nkner::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    pub(crate) entries: Vec<Entry>,
}

/// One parsed line of a gazetteer file.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) entity: Entity,
    /// Every name the entry can be matched by: Latin forms, Hangul forms and former names.
    pub(crate) forms: Vec<Form>,
    /// The statuses the place has or had (bits of [`Status::bit`]).
    pub(crate) statuses: u8,
    pub(crate) origin: Origin,
}

/// Where an entry was read from.
#[derive(Clone, Debug)]
pub(crate) struct Origin {
    pub(crate) source: Arc<str>,
    pub(crate) line: usize,
}

#[derive(Clone, Debug)]
pub(crate) struct Form {
    pub(crate) text: String,
    pub(crate) flags: u32,
    pub(crate) label: Option<Label>,
    pub(crate) hangul: bool,
    pub(crate) former: bool,
}

/// Per-form flags (`gazetteers/README.md`, "Forms").
pub(crate) mod flag {
    pub(crate) const CASE: u32 = 1;
    pub(crate) const NK: u32 = 1 << 1;
    pub(crate) const HEAD: u32 = 1 << 2;
    pub(crate) const PERSON: u32 = 1 << 3;
    pub(crate) const SUFFIX: u32 = 1 << 4;
    pub(crate) const AMB: u32 = 1 << 5;
    pub(crate) const SK: u32 = 1 << 6;
    pub(crate) const ALT: u32 = 1 << 7;
    pub(crate) const EXACT: u32 = 1 << 8;
    /// Not written in files: a Hangul stem without its suffix, generated by the compiler.
    pub(crate) const BARE: u32 = 1 << 9;
    pub(crate) const MARKED: u32 = 1 << 10;
    /// Not written in files: the bare stem of a `suffix` form, a name only after the same document has
    /// named the place with its suffix (rule 18: 개성시 ... 개성의).
    pub(crate) const AFTER_SUFFIX: u32 = 1 << 11;
    /// The form also names a numbered series of missiles, rockets, tanks or ships: followed by a space
    /// and a number it is that thing ("Hwasong 18", rule 11), where any other place stays the place
    /// ("Hoeryong 30 houses", rule 29a).
    pub(crate) const SERIES: u32 = 1 << 12;
    /// Not written in files: a body's name followed by a building's word ("Workers' Party office"),
    /// the building's name (rule 29g), set by the candidate stage.
    pub(crate) const BUILDING: u32 = 1 << 13;
    /// With `marked`: also the North's in a North Korean text that names no American body, where its
    /// sentence or the one before names another of the North's bodies or places (the NSA, as Seoul's
    /// press translates the North's security organ).
    pub(crate) const NK_TEXT: u32 = 1 << 14;
    /// The form is also another country's body (China's Ministry of State Security, the Soviet State
    /// Planning Commission): no span in a text that names another such country and never North Korea.
    pub(crate) const SHARED: u32 = 1 << 15;
    /// Not written in files: a spelling that the Revised Romanization makes of the entry's Hangul and
    /// McCune-Reischauer does not (Bongcheon, Sincheon), the South's system, which also spells the
    /// South's places so: no span where the words right after place it in the South ("Sincheon
    /// Station in Seoul", rule 9).
    pub(crate) const REVISED: u32 = 1 << 16;

    pub(crate) const NAMES: [(&str, u32); 13] = [
        ("case", CASE),
        ("nk", NK),
        ("head", HEAD),
        ("person", PERSON),
        ("suffix", SUFFIX),
        ("amb", AMB),
        ("sk", SK),
        ("alt", ALT),
        ("exact", EXACT),
        ("marked", MARKED),
        ("series", SERIES),
        ("nktext", NK_TEXT),
        ("shared", SHARED),
    ];
}

impl Gazetteer {
    /// The built-in gazetteer: North Korea's administrative divisions and its agencies and units, as
    /// shipped in `gazetteers/`.
    ///
    /// # Panics
    ///
    /// Never in a released crate: the test suite loads the built-in files and fails on any fault.
    ///
    /// ```
    /// let g = nkner::Gazetteer::builtin();
    /// assert!(g.entities().any(|e| e.id == "kp-ryanggang-hyesan"));
    /// ```
    pub fn builtin() -> Gazetteer {
        let mut all = Gazetteer::default();
        for (source, text) in BUILTIN {
            let parsed = Gazetteer::from_tsv(source, text)
                .unwrap_or_else(|e| panic!("built-in gazetteer is invalid: {e}"));
            all.entries.extend(parsed.entries);
        }
        all
    }

    /// The version of the built-in data ([`Gazetteer::builtin`]), as in `gazetteers/VERSION`: the date
    /// of its last change, `YYYY.MM.DD`. It changes whenever a name, a form, a link or a coordinate of
    /// the built-in files does, independently of the crate's version, so a stored annotation can say
    /// which data made it. `CHANGELOG.md` says what each version changed.
    ///
    /// ```
    /// let version = nkner::Gazetteer::BUILTIN_VERSION;
    /// let parts: Vec<&str> = version.split('.').collect();
    /// assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [4, 2, 2]);
    /// assert!(parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())));
    /// ```
    pub const BUILTIN_VERSION: &'static str = include_str!("../gazetteers/VERSION").trim_ascii();

    /// Parses a gazetteer from TSV text. `source` names it in error messages (usually its path).
    ///
    /// # Errors
    ///
    /// An [`Error`] naming `source`, the line and the fault: a bad header, a row with the wrong number of
    /// cells, an empty id or name, an unknown label or flag, an empty or malformed form, a bad number,
    /// an id defined twice.
    pub fn from_tsv(source: &str, text: &str) -> Result<Gazetteer, Error> {
        let origin: Arc<str> = Arc::from(source);
        let mut entries: Vec<Entry> = Vec::new();
        let mut seen = std::collections::HashMap::new();
        let mut header: Option<Header> = None;
        // Excel and Notepad save UTF-8 with a byte-order mark.
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let row = raw.strip_suffix('\r').unwrap_or(raw);
            if row.trim().is_empty() || row.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = row.split('\t').collect();
            let Some(header) = &header else {
                header =
                    Some(Header::parse(&cells).map_err(|e| Error::gazetteer(source, line, e))?);
                continue;
            };
            let entry = parse_row(&origin, line, &cells, header)?;
            if let Some(first) = seen.insert(entry.entity.id.clone(), line) {
                return Err(Error::gazetteer(
                    source,
                    line,
                    format!(
                        "duplicate id '{}' (first defined on line {first})",
                        entry.entity.id
                    ),
                ));
            }
            entries.push(entry);
        }
        if header.is_none() {
            return Err(Error::gazetteer(source, 1, "empty file: no header"));
        }
        Ok(Gazetteer { entries })
    }

    /// Reads a gazetteer from a reader. `source` names it in error messages.
    ///
    /// # Errors
    ///
    /// As [`Gazetteer::from_tsv`], and an error if the reader fails or its bytes are not UTF-8.
    pub fn from_reader<R: Read>(source: &str, mut reader: R) -> Result<Gazetteer, Error> {
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(source, e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            Error::gazetteer(source, line, "invalid UTF-8")
        })?;
        Gazetteer::from_tsv(source, &text)
    }

    /// Reads a gazetteer file. Errors name the path as given.
    ///
    /// # Errors
    ///
    /// As [`Gazetteer::from_reader`], and an error if the file cannot be opened.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Gazetteer, Error> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| Error::io(&name, e))?;
        Gazetteer::from_reader(&name, file)
    }

    /// The entities of this gazetteer, in file order.
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.entries.iter().map(|e| &e.entity)
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the gazetteer has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds the entries of `other` after this gazetteer's own. Duplicate ids are reported when an
    /// extractor is built from the result.
    pub fn extend(&mut self, other: Gazetteer) {
        self.entries.extend(other.entries);
    }
}

/// Parses one row of a file, its cells placed by `header`.
fn parse_row(
    origin: &Arc<str>,
    line: usize,
    cells: &[&str],
    header: &Header,
) -> Result<Entry, Error> {
    let fail = |message: String| Error::gazetteer(origin, line, message);
    if cells.len() != header.len {
        return Err(fail(format!(
            "malformed row: expected {} tab-separated cells, found {}",
            header.len,
            cells.len()
        )));
    }
    let row = Row { cells, header };
    let id = row.id().map_err(fail)?;
    let name = row.required(Column::Name, id).map_err(fail)?;
    let label = row.label().map_err(fail)?;
    let kind = row.kind(id).map_err(fail)?;
    let verified = row.verified().map_err(fail)?;
    let lat = row.coordinate(Column::Lat, 90.0).map_err(fail)?;
    let lon = row.coordinate(Column::Lon, 180.0).map_err(fail)?;
    let (forms, former_names, statuses) = row.forms(name, label).map_err(fail)?;
    let (valid_from, valid_to) = row.validity().map_err(fail)?;
    let listed = |hangul: bool| {
        forms
            .iter()
            .filter(|f| f.hangul == hangul && !f.former)
            .map(|f| f.text.clone())
            .collect()
    };
    let (latin_forms, hangul_forms) = (listed(false), listed(true));
    Ok(Entry {
        entity: Entity {
            id: id.to_string(),
            label,
            kind,
            name: name.to_string(),
            parent: row.optional(Column::Parent),
            province: None,
            forms: latin_forms,
            hangul: hangul_forms,
            former_names,
            lat,
            lon,
            verified,
            valid_from,
            valid_to,
            successor: row.optional(Column::Successor),
            sources: row.optional(Column::Sources),
            note: row.optional(Column::Note),
        },
        forms,
        statuses,
        origin: Origin {
            source: origin.clone(),
            line,
        },
    })
}

/// One row's cells, read by column name. Each step reads its columns and says what is wrong in a
/// message that `parse_row` gives the file and the line.
struct Row<'a> {
    cells: &'a [&'a str],
    header: &'a Header,
}

impl<'a> Row<'a> {
    /// A column's trimmed cell; a column the file's header does not have reads as empty.
    fn cell(&self, column: Column) -> &'a str {
        self.header.cell(self.cells, column)
    }

    fn optional(&self, column: Column) -> Option<String> {
        Some(self.cell(column))
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    }

    fn required(&self, column: Column, id: &str) -> Result<&'a str, String> {
        let value = self.cell(column);
        if value.is_empty() {
            return Err(format!("empty {} for id '{id}'", column.name()));
        }
        Ok(value)
    }

    /// Ids are written unquoted in brat's notes and used as keys by other tools.
    fn id(&self) -> Result<&'a str, String> {
        let id = self.cell(Column::Id);
        if id.is_empty() {
            return Err("empty id".into());
        }
        match id
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        {
            Some(c) => Err(format!(
                "bad id '{id}': {c:?} is not an ASCII letter, digit, '-', '_' or '.'"
            )),
            None => Ok(id),
        }
    }

    fn label(&self) -> Result<Option<Label>, String> {
        match self.cell(Column::Label) {
            "NONE" => Ok(None),
            other => other
                .parse::<Label>()
                .map(Some)
                .map_err(|_| format!("unknown label '{other}'")),
        }
    }

    fn kind(&self, id: &str) -> Result<EntityKind, String> {
        self.required(Column::Kind, id)?
            .parse::<EntityKind>()
            .map_err(|e| e.to_string())
    }

    fn verified(&self) -> Result<bool, String> {
        match self.cell(Column::Verified) {
            "yes" => Ok(true),
            "no" => Ok(false),
            other => Err(format!("verified must be 'yes' or 'no', found '{other}'")),
        }
    }

    fn coordinate(&self, column: Column, limit: f64) -> Result<Option<f64>, String> {
        let value = self.cell(column);
        let column = column.name();
        if value.is_empty() {
            return Ok(None);
        }
        let number = value
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("bad {column} '{value}'"))?;
        if number.abs() > limit {
            return Err(format!(
                "bad {column} '{value}': not between -{limit} and {limit}"
            ));
        }
        Ok(Some(number))
    }

    fn list(&self, column: Column) -> Result<Vec<&'a str>, String> {
        split_list(self.cell(column), column.name())
    }

    /// The entry's forms: the Latin ones (with the canonical name, always a form), the Hangul and
    /// Hanja ones, and the former names; with the former names as such, and the statuses the entry has
    /// or had (a former name's suffix or head word gives one).
    fn forms(
        &self,
        name: &str,
        label: Option<Label>,
    ) -> Result<(Vec<Form>, Vec<FormerName>, u8), String> {
        let mut forms = Vec::new();
        let mut statuses = label.and_then(Status::of_label).map_or(0, Status::bit);
        for text in self.list(Column::Forms)? {
            forms.push(parse_form(text, false)?);
        }
        // The canonical name is always a form, so a new entry needs no more than its name.
        if !forms.iter().any(|f| f.text == name) {
            forms.insert(0, parse_form(name, false)?);
        }
        // The Hangul column also holds Hanja forms with their suffix (茂山郡, rule 22), and the former
        // names may be Hanja too (開豊郡): both are matched like Hangul ones.
        let korean =
            |c: char| crate::normalize::is_hangul(c) || ('\u{4E00}'..='\u{9FFF}').contains(&c);
        for text in self.list(Column::Hangul)? {
            let form = parse_form(text, true)?;
            if !form.text.chars().any(korean) {
                return Err(format!(
                    "hangul form '{}' has no Hangul or Hanja",
                    form.text
                ));
            }
            forms.push(form);
        }
        let mut former_names = Vec::new();
        for text in self.list(Column::Former)? {
            let (name_part, years) = split_years(text);
            let mut form = parse_form(name_part, name_part.chars().any(korean))?;
            former_names.push(FormerName {
                name: form.text.clone(),
                years,
            });
            form.former = true;
            if form.hangul {
                if let Some((_, status)) = crate::variants::split_korean_suffix(&form.text) {
                    if label.is_some_and(Label::is_place) {
                        statuses |= status.bit();
                    }
                }
            } else if let Some((stem_len, status)) =
                crate::boundary::english_head_at_end(&form.text)
            {
                if label.is_some_and(Label::is_place) {
                    statuses |= status.bit();
                    form.text.truncate(stem_len);
                }
            }
            forms.push(form);
        }
        Ok((forms, former_names, statuses))
    }

    /// `valid_from` and `valid_to`: dates, in order; `?` ends a body known to be gone without a date
    /// for it (absorbed "by 2016").
    fn validity(&self) -> Result<(Option<String>, Option<String>), String> {
        let valid_from = self.optional(Column::ValidFrom);
        let valid_to = self.optional(Column::ValidTo);
        let unknown_end = valid_to.as_deref() == Some("?");
        for (column, date) in [
            (Column::ValidFrom, &valid_from),
            (Column::ValidTo, &valid_to),
        ] {
            if let Some(date) = date.as_deref().filter(|d| !is_date(d)) {
                if column == Column::ValidTo && unknown_end {
                    continue;
                }
                let also = if column == Column::ValidTo {
                    ", or ?"
                } else {
                    ""
                };
                return Err(format!(
                    "bad {} '{date}': expected YYYY, YYYY-MM or YYYY-MM-DD{also}",
                    column.name()
                ));
            }
        }
        // Dates of one format order as text; a year alone stands for all of it, so "2016" and
        // "2016-06-29" agree.
        if let (Some(from), Some(to)) = (&valid_from, valid_to.as_ref().filter(|_| !unknown_end)) {
            if to < from && !from.starts_with(to.as_str()) {
                return Err(format!("valid_to '{to}' is before valid_from '{from}'"));
            }
        }
        Ok((valid_from, valid_to))
    }
}

fn split_list<'a>(cell: &'a str, column: &str) -> Result<Vec<&'a str>, String> {
    if cell.is_empty() {
        return Ok(Vec::new());
    }
    cell.split('|')
        .map(|item| {
            let item = item.trim();
            if item.is_empty() {
                Err(format!("empty form in column '{column}'"))
            } else {
                Ok(item)
            }
        })
        .collect()
}

/// Splits `Name (years)` into the name and the years.
fn split_years(text: &str) -> (&str, Option<String>) {
    if let Some(open) = text.rfind(" (") {
        if text.ends_with(')') {
            let years = text[open + 2..text.len() - 1].trim();
            return (text[..open].trim(), Some(years.to_string()));
        }
    }
    (text, None)
}

fn parse_form(text: &str, hangul: bool) -> Result<Form, String> {
    let (body, flags_text) = match text.find('{') {
        Some(open) => {
            if !text.ends_with('}') || text[open + 1..].contains('{') {
                return Err(format!(
                    "malformed form '{text}': flags go in one {{...}} at its end"
                ));
            }
            (text[..open].trim(), Some(&text[open + 1..text.len() - 1]))
        }
        None => {
            if text.contains('}') {
                return Err(format!("malformed form '{text}': '}}' without '{{'"));
            }
            (text, None)
        }
    };
    if body.is_empty() {
        return Err(format!("malformed form '{text}': no name before its flags"));
    }
    let mut form = Form {
        text: body.to_string(),
        flags: 0,
        label: None,
        hangul,
        former: false,
    };
    if is_acronym(body) {
        form.flags |= flag::CASE;
    }
    for name in flags_text.into_iter().flat_map(|f| f.split(',')) {
        let name = name.trim();
        if let Some((_, bit)) = flag::NAMES.iter().find(|(n, _)| *n == name) {
            form.flags |= bit;
        } else if let Ok(label) = name.parse::<Label>() {
            form.label = Some(label);
        } else {
            return Err(format!("unknown flag '{name}' in form '{body}'"));
        }
    }
    Ok(form)
}

/// A date as the gazetteer writes it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, month 01-12 and day 01-31.
fn is_date(text: &str) -> bool {
    let mut parts = text.split('-');
    let number = |part: Option<&str>, len: usize, max: u32| {
        part.filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
            .is_some_and(|n| (1..=max).contains(&n))
    };
    if !number(parts.next(), 4, 9999) {
        return false;
    }
    match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => true,
        (Some(m), None, _) => number(Some(m), 2, 12),
        (Some(m), Some(d), None) => number(Some(m), 2, 12) && number(Some(d), 2, 31),
        _ => false,
    }
}

/// Forms written wholly in capitals and digits are acronyms, matched case-sensitively.
fn is_acronym(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_uppercase())
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '&'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> String {
        format!("{}\n{}\n", COLUMNS.join("\t"), cells.join("\t"))
    }

    fn good() -> Vec<&'static str> {
        vec![
            "x-town",
            "CITY",
            "city",
            "Sometown",
            "",
            "Sometown|SMT{nk}",
            "섬타운시",
            "Oldtown County (to 1990)",
            "40.5",
            "128.1",
            "yes",
            "src",
            "",
            "1954",
            "",
            "",
        ]
    }

    fn error_of(cells: &[&str]) -> String {
        Gazetteer::from_tsv("t.tsv", &row(cells))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_good_row_parses_with_its_flags_and_former_status() {
        let g = Gazetteer::from_tsv("t.tsv", &row(&good())).unwrap();
        let entry = &g.entries[0];
        assert_eq!(entry.entity.label, Some(Label::City));
        assert_eq!(entry.entity.lat, Some(40.5));
        let smt = entry.forms.iter().find(|f| f.text == "SMT").unwrap();
        assert_eq!(smt.flags, flag::CASE | flag::NK);
        let old = entry.forms.iter().find(|f| f.former).unwrap();
        assert_eq!(old.text, "Oldtown");
        assert_eq!(
            entry.statuses,
            Status::City.bit() | Status::County.bit(),
            "a former head word records the status the place had"
        );
        assert_eq!(
            entry.entity.former_names[0].years.as_deref(),
            Some("to 1990")
        );
    }

    #[test]
    fn faults_name_file_line_and_what() {
        let mut cells = good();
        cells[1] = "TOWN";
        assert_eq!(error_of(&cells), "t.tsv:2: unknown label 'TOWN'");
        let mut cells = good();
        cells[0] = "";
        assert_eq!(error_of(&cells), "t.tsv:2: empty id");
        let mut cells = good();
        cells[3] = " ";
        assert_eq!(error_of(&cells), "t.tsv:2: empty name for id 'x-town'");
        let mut cells = good();
        cells[5] = "Sometown{ambigous}";
        assert_eq!(
            error_of(&cells),
            "t.tsv:2: unknown flag 'ambigous' in form 'Sometown'"
        );
        let mut cells = good();
        cells[5] = "Sometown||Other";
        assert_eq!(error_of(&cells), "t.tsv:2: empty form in column 'forms'");
        let mut cells = good();
        cells[8] = "north";
        assert_eq!(error_of(&cells), "t.tsv:2: bad lat 'north'");
        let mut cells = good();
        cells[8] = "999";
        assert_eq!(
            error_of(&cells),
            "t.tsv:2: bad lat '999': not between -90 and 90"
        );
        let mut cells = good();
        cells[9] = "-180.5";
        assert_eq!(
            error_of(&cells),
            "t.tsv:2: bad lon '-180.5': not between -180 and 180"
        );
        for bad in ["sp ace", "h\u{e9}san", "a/b"] {
            let mut cells = good();
            cells[0] = bad;
            assert!(
                error_of(&cells).starts_with(&format!("t.tsv:2: bad id '{bad}': ")),
                "{}",
                error_of(&cells)
            );
        }
        let mut cells = good();
        cells[6] = "Sometown";
        assert_eq!(
            error_of(&cells),
            "t.tsv:2: hangul form 'Sometown' has no Hangul or Hanja"
        );
        let mut cells = good();
        cells[10] = "maybe";
        assert_eq!(
            error_of(&cells),
            "t.tsv:2: verified must be 'yes' or 'no', found 'maybe'"
        );
        let mut cells = good();
        cells[2] = "";
        assert_eq!(error_of(&cells), "t.tsv:2: empty kind for id 'x-town'");
        let mut cells = good();
        cells[2] = "provence";
        assert!(
            error_of(&cells)
                .starts_with("t.tsv:2: unknown kind 'provence'; expected one of province, "),
            "{}",
            error_of(&cells)
        );
        let mut cells = good();
        cells[5] = "Sometown{nk";
        assert_eq!(
            error_of(&cells),
            "t.tsv:2: malformed form 'Sometown{nk': flags go in one {...} at its end"
        );
        assert_eq!(
            error_of(&good()[..12]),
            "t.tsv:2: malformed row: expected 16 tab-separated cells, found 12"
        );
        let mut cells = good();
        cells[14] = "1990-13";
        assert_eq!(
            error_of(&cells),
            "t.tsv:2: bad valid_to '1990-13': expected YYYY, YYYY-MM or YYYY-MM-DD, or ?"
        );
        let mut cells = good();
        cells[14] = "1950-06-25";
        assert_eq!(
            error_of(&cells),
            "t.tsv:2: valid_to '1950-06-25' is before valid_from '1954'"
        );
    }

    #[test]
    fn dates_and_successor_are_read_and_a_year_contains_its_days() {
        let mut cells = good();
        cells[14] = "1954-10";
        cells[15] = "y-town";
        let g = Gazetteer::from_tsv("t.tsv", &row(&cells)).unwrap();
        let entity = &g.entries[0].entity;
        assert_eq!(entity.valid_from.as_deref(), Some("1954"));
        assert_eq!(entity.valid_to.as_deref(), Some("1954-10"));
        assert_eq!(entity.successor.as_deref(), Some("y-town"));
        assert!(entity.is_defunct());
        for date in ["2016", "2016-06", "2016-06-29"] {
            assert!(is_date(date), "{date}");
        }
        for date in [
            "16",
            "2016-6",
            "2016-00",
            "2016-06-32",
            "2016-06-29-01",
            "c. 2016",
        ] {
            assert!(!is_date(date), "{date}");
        }
    }

    #[test]
    fn a_file_written_before_the_dates_still_loads() {
        let header = COLUMNS[..COLUMNS_WITHOUT_DATES].join("\t");
        let text = format!("{header}\n{}\n", good()[..13].join("\t"));
        let g = Gazetteer::from_tsv("t.tsv", &text).unwrap();
        assert_eq!(g.entries[0].entity.valid_from, None);
        let text = format!("{header}\n{}\n", good().join("\t"));
        assert_eq!(
            Gazetteer::from_tsv("t.tsv", &text).unwrap_err().to_string(),
            "t.tsv:2: malformed row: expected 13 tab-separated cells, found 16"
        );
    }

    #[test]
    fn the_columns_are_named_in_the_order_of_the_format() {
        assert_eq!(Column::ALL.map(Column::name), COLUMNS);
    }

    /// The header of [`COLUMNS`] with `from` made `to`, for a file of `row(...)`.
    fn with_header(from: &str, to: &str, cells: &[&str]) -> String {
        let header = COLUMNS.map(|c| if c == from { to } else { c });
        format!("{}\n{}\n", header.join("\t"), cells.join("\t"))
    }

    #[test]
    fn an_unknown_column_in_the_header_is_an_error_naming_it() {
        let err =
            Gazetteer::from_tsv("t.tsv", &with_header("lat", "lattitude", &good())).unwrap_err();
        assert_eq!(err.line(), Some(1));
        assert_eq!(
            err.to_string(),
            format!(
                "t.tsv:1: bad header: unknown column 'lattitude' (column 9); expected the columns {}",
                COLUMNS.join(", ")
            )
        );
        let err = Gazetteer::from_tsv("t.tsv", &with_header("lon", "lat", &good())).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.tsv:1: bad header: column 'lat' twice (column 10)"
        );
        let header = COLUMNS[..COLUMNS_WITHOUT_DATES + 1].join("\t");
        let err = Gazetteer::from_tsv("t.tsv", &format!("{header}\n")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.tsv:1: bad header: no column 'valid_to'; "),
            "{err}"
        );
    }

    #[test]
    fn columns_are_read_by_the_names_of_the_header() {
        let mut header = COLUMNS;
        header.swap(8, 9);
        let mut cells = good();
        cells.swap(8, 9);
        let text = format!("{}\n{}\n", header.join("\t"), cells.join("\t"));
        let entity = &Gazetteer::from_tsv("t.tsv", &text).unwrap().entries[0].entity;
        assert_eq!((entity.lat, entity.lon), (Some(40.5), Some(128.1)));
    }

    #[test]
    fn a_byte_order_mark_before_the_header_is_skipped() {
        let text = format!("\u{FEFF}{}", row(&good()));
        assert_eq!(Gazetteer::from_tsv("t.tsv", &text).unwrap().len(), 1);
    }

    #[test]
    fn duplicate_ids_and_bad_headers_are_errors() {
        let text = format!("{}{}\n", row(&good()), good().join("\t"));
        assert_eq!(
            Gazetteer::from_tsv("t.tsv", &text).unwrap_err().to_string(),
            "t.tsv:3: duplicate id 'x-town' (first defined on line 2)"
        );
        let err = Gazetteer::from_tsv("t.tsv", "id\tname\n").unwrap_err();
        assert_eq!(err.line(), Some(1));
        assert!(err.to_string().starts_with("t.tsv:1: bad header"));
        let err = Gazetteer::from_tsv("t.tsv", "# only a comment\n").unwrap_err();
        assert_eq!(err.to_string(), "t.tsv:1: empty file: no header");
    }

    #[test]
    fn invalid_utf8_names_its_line() {
        let mut bytes = row(&good()).into_bytes();
        bytes.extend_from_slice(b"\xff\n");
        let err = Gazetteer::from_reader("t.tsv", &bytes[..]).unwrap_err();
        assert_eq!(err.to_string(), "t.tsv:3: invalid UTF-8");
    }

    #[test]
    fn acronyms_are_case_sensitive_without_a_flag() {
        assert!(is_acronym("MSS"));
        assert!(is_acronym("APT38"));
        assert!(!is_acronym("MoSS"));
        assert!(!is_acronym("Hyesan"));
    }

    /// Over the whole built-in table: the South Korean spelling of every Hangul form is generated, so no
    /// row writes it by hand with the same flags (a written one carries flags of its own: 노동당{nk} for
    /// 로동당), and no generated spelling is a name another entry writes or generates.
    #[test]
    fn south_korean_spellings_over_the_whole_table_are_generated_and_collide_with_nothing() {
        let entries = Gazetteer::builtin().entries;
        let mut owners: std::collections::HashMap<String, Vec<&str>> = Default::default();
        for entry in &entries {
            for form in entry.forms.iter().filter(|f| f.hangul) {
                owners
                    .entry(form.text.clone())
                    .or_default()
                    .push(&entry.entity.id);
            }
        }
        let mut generated = 0;
        for entry in &entries {
            let id = entry.entity.id.as_str();
            for form in entry.forms.iter().filter(|f| f.hangul) {
                let Some(south) = crate::variants::south_korean_spelling(&form.text) else {
                    continue;
                };
                generated += 1;
                let typed = entry
                    .forms
                    .iter()
                    .find(|f| f.hangul && f.text == south && f.flags == form.flags);
                assert!(
                    typed.is_none(),
                    "{id}: {south} is written by hand but generated from {}",
                    form.text
                );
                let others: Vec<&&str> = owners
                    .get(&south)
                    .into_iter()
                    .flatten()
                    .filter(|o| **o != id)
                    .collect();
                assert!(
                    others.is_empty(),
                    "{id}: {south} (from {}) is also {others:?}",
                    form.text
                );
                owners.entry(south).or_default().push(id);
            }
        }
        println!("{generated} South Korean spellings generated");
        assert!(generated >= 25, "{generated}");
    }
}
