//! What a span can be: its [`Label`], and the gazetteer [`Entity`] it links to.

use std::fmt;
use std::str::FromStr;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// The type of a span, as `ANNOTATION.md` defines them.
///
/// Serialized as the upper-case name (`"CITY"`). `Display` writes the same name and honours width and
/// alignment. New labels may be added in a minor release: match with a `_` arm.
///
/// ```
/// use nkner::Label;
///
/// assert_eq!("COUNTY".parse::<Label>().unwrap(), Label::County);
/// assert_eq!(Label::Agency.as_str(), "AGENCY");
/// assert_eq!(format!("[{:<8}]", Label::City), "[CITY    ]");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "UPPERCASE"))]
#[non_exhaustive]
pub enum Label {
    /// A first-level province (do) of North Korea.
    Province,
    /// A city (si), including the provincial-level cities (Pyongyang, Rason, Nampo, Kaesong).
    City,
    /// A county (kun / gun).
    County,
    /// A ward or district of a city (kuyok, ku, chigu).
    District,
    /// A state, party, military or security body with a proper name, or its acronym.
    Agency,
    /// A named or numbered unit, office, bureau, group or task force.
    Unit,
}

impl Label {
    /// Every label, in declaration order.
    pub const ALL: [Label; 6] = [
        Label::Province,
        Label::City,
        Label::County,
        Label::District,
        Label::Agency,
        Label::Unit,
    ];

    /// The label's name as it appears in gazetteers and output (`"PROVINCE"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Province => "PROVINCE",
            Label::City => "CITY",
            Label::County => "COUNTY",
            Label::District => "DISTRICT",
            Label::Agency => "AGENCY",
            Label::Unit => "UNIT",
        }
    }

    /// Whether the label is one of the four kinds of place.
    pub fn is_place(self) -> bool {
        matches!(
            self,
            Label::Province | Label::City | Label::County | Label::District
        )
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The error returned when a string names no [`Label`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLabel(pub String);

impl fmt::Display for UnknownLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown label '{}'", self.0)
    }
}

impl std::error::Error for UnknownLabel {}

impl FromStr for Label {
    type Err = UnknownLabel;

    fn from_str(s: &str) -> Result<Label, UnknownLabel> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| UnknownLabel(s.to_string()))
    }
}

/// What a gazetteer entry is, as its `kind` column says: finer than its [`Label`], and given also to the
/// entries kept without a label (special regions, state media, companies).
///
/// Kinds are a closed list, as labels are: a gazetteer row with a kind not listed here is an error
/// naming the file and the line, so a misspelt kind is never read as a new one. An entry of your own
/// takes the kind of what it is (a farm unit is a `unit`, a provincial committee is `party`). Serialized
/// as the snake-case name (`"provincial_city"`). `Display` writes the same name and honours width and
/// alignment. New kinds may be added in a minor release: match with a `_` arm.
///
/// ```
/// use nkner::EntityKind;
///
/// assert_eq!("mass_org".parse::<EntityKind>().unwrap(), EntityKind::MassOrg);
/// assert_eq!(EntityKind::ProvincialCity.as_str(), "provincial_city");
/// let hyesan = nkner::default_extractor().entity("kp-ryanggang-hyesan").unwrap();
/// assert_eq!(hyesan.kind, EntityKind::City);
/// assert!("prefecture".parse::<EntityKind>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum EntityKind {
    /// A first-level province (do).
    Province,
    /// A provincial-level city (Pyongyang, Rason, Nampo, Kaesong): a first-level unit.
    ProvincialCity,
    /// A city (si).
    City,
    /// A county (kun / gun).
    County,
    /// A ward or district of a city (kuyok, ku, chigu).
    District,
    /// A special region or zone (Kaesong Industrial Region): kept without a label, and no place it
    /// names is hidden by it (ANNOTATION rule 4).
    SpecialRegion,
    /// One of the provinces of before the division (Hwanghae, Hamgyong, Pyongan): a PROVINCE span
    /// without a link (ANNOTATION rule 28).
    HistoricalProvince,
    /// A county that no longer exists under its name (청성군, 1952-1974; 흡곡군, to 1914): a COUNTY span
    /// without a link (ANNOTATION rule 29f).
    HistoricalCounty,
    /// A body of the Workers' Party.
    Party,
    /// A state body: the Cabinet, its ministries and commissions, the assembly.
    State,
    /// A security or intelligence body.
    Security,
    /// A military body or formation.
    Military,
    /// A named or numbered unit, office or bureau.
    Unit,
    /// A court or prosecutor's office.
    Judicial,
    /// A mass organisation (a league, a union).
    MassOrg,
    /// State media, kept without a label.
    Media,
    /// A bank or trading company, kept without a label (ANNOTATION rule 14).
    Company,
}

impl EntityKind {
    /// Every kind, in declaration order.
    pub const ALL: [EntityKind; 17] = [
        EntityKind::Province,
        EntityKind::ProvincialCity,
        EntityKind::City,
        EntityKind::County,
        EntityKind::District,
        EntityKind::SpecialRegion,
        EntityKind::HistoricalProvince,
        EntityKind::HistoricalCounty,
        EntityKind::Party,
        EntityKind::State,
        EntityKind::Security,
        EntityKind::Military,
        EntityKind::Unit,
        EntityKind::Judicial,
        EntityKind::MassOrg,
        EntityKind::Media,
        EntityKind::Company,
    ];

    /// The kind's name as it appears in gazetteers and output (`"provincial_city"`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Province => "province",
            EntityKind::ProvincialCity => "provincial_city",
            EntityKind::City => "city",
            EntityKind::County => "county",
            EntityKind::District => "district",
            EntityKind::SpecialRegion => "special_region",
            EntityKind::HistoricalProvince => "historical_province",
            EntityKind::HistoricalCounty => "historical_county",
            EntityKind::Party => "party",
            EntityKind::State => "state",
            EntityKind::Security => "security",
            EntityKind::Military => "military",
            EntityKind::Unit => "unit",
            EntityKind::Judicial => "judicial",
            EntityKind::MassOrg => "mass_org",
            EntityKind::Media => "media",
            EntityKind::Company => "company",
        }
    }
}

impl EntityKind {
    /// Whether the kind is a division of the past that no division of today stands for: its spans
    /// carry its label but no link (ANNOTATION rules 28 and 29f).
    pub(crate) fn is_historical(self) -> bool {
        matches!(
            self,
            EntityKind::HistoricalProvince | EntityKind::HistoricalCounty
        )
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The error returned when a string names no [`EntityKind`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = EntityKind::ALL.iter().map(|k| k.as_str()).collect();
        write!(
            f,
            "unknown kind '{}'; expected one of {}",
            self.0,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for EntityKind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<EntityKind, UnknownKind> {
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

/// One entry of a gazetteer: a place or a body that spans link to.
///
/// Entities are reached through [`Extractor::entity`](crate::Extractor::entity) or
/// [`Gazetteer::entities`](crate::Gazetteer::entities). With the `serde` feature an entity serializes
/// with these field names (`former_names` as a list of `{"name", "years"}`) and reads back the same way.
///
/// ```
/// let e = nkner::default_extractor().entity("kp-ryanggang-hyesan").unwrap();
/// assert_eq!(e.name, "Hyesan");
/// assert_eq!(e.hangul_name(), Some("혜산시"));
/// assert!(e.forms.iter().any(|f| f == "Hyesan"));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[non_exhaustive]
pub struct Entity {
    /// Stable id (the reference table's id for the built-in entries).
    pub id: String,
    /// The label of a mention, or `None` for entries kept without a label (special regions, media):
    /// they yield no span but still win an overlap.
    pub label: Option<Label>,
    /// What the entity is (`province`, `county`, `security`, `media`, ...), as the gazetteer says.
    pub kind: EntityKind,
    /// Canonical English name.
    pub name: String,
    /// Id of the containing unit or parent body.
    pub parent: Option<String>,
    /// Id of the province or provincial-level city that contains a place (itself for a level-1 unit).
    /// Worked out from the parents when an extractor is built, so `None` in a [`Gazetteer`] on its own.
    ///
    /// [`Gazetteer`]: crate::Gazetteer
    pub province: Option<String>,
    /// The Latin-script forms the gazetteer lists (the `forms` column; the canonical name is always
    /// among them), as
    /// written but without their `{flags}`. Spelling variants generated from them are not listed:
    /// [`Extractor::lookup`](crate::Extractor::lookup) says which form a spelling comes from.
    #[cfg_attr(feature = "serde", serde(default))]
    pub forms: Vec<String>,
    /// The Hangul (and Hanja) forms the gazetteer lists (the `hangul` column), without their `{flags}`;
    /// the first is the entry's Hangul name ([`Entity::hangul_name`]).
    #[cfg_attr(feature = "serde", serde(default))]
    pub hangul: Vec<String>,
    /// Former names, each with the years it was in use where the gazetteer gives them.
    pub former_names: Vec<FormerName>,
    /// Latitude of the entity's approximate centre, in decimal degrees.
    pub lat: Option<f64>,
    /// Longitude of the entity's approximate centre, in decimal degrees.
    pub lon: Option<f64>,
    /// False where the source marks the entry as unverified.
    pub verified: bool,
    /// Where the entry comes from (the `sources` column), if given.
    #[cfg_attr(feature = "serde", serde(default))]
    pub sources: Option<String>,
    /// The gazetteer's note on the entry (the `note` column), if any.
    #[cfg_attr(feature = "serde", serde(default))]
    pub note: Option<String>,
    /// When the body or place came into being, as the gazetteer gives it (`YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`), where a source dates it.
    #[cfg_attr(feature = "serde", serde(default))]
    pub valid_from: Option<String>,
    /// When it ceased to exist, in the same format, or `?` where a source says it is gone but not
    /// when: `Some` for a body that no longer exists.
    #[cfg_attr(feature = "serde", serde(default))]
    pub valid_to: Option<String>,
    /// Id of the entry that took over from it, where one did (the State Affairs Commission for the
    /// National Defence Commission). A span still links to the entry it names (ANNOTATION rule 15).
    #[cfg_attr(feature = "serde", serde(default))]
    pub successor: Option<String>,
}

impl Entity {
    /// The entry's name in Hangul (or Hanja, where the gazetteer has no Hangul form): the first form of
    /// the `hangul` column.
    pub fn hangul_name(&self) -> Option<&str> {
        self.hangul.first().map(String::as_str)
    }

    /// Whether the gazetteer records that the entity no longer exists (it has a `valid_to`).
    ///
    /// ```
    /// let extractor = nkner::Extractor::new();
    /// let ndc = extractor.entity("ndc").unwrap();
    /// assert!(ndc.is_defunct());
    /// assert_eq!(ndc.successor.as_deref(), Some("sac"));
    /// ```
    pub fn is_defunct(&self) -> bool {
        self.valid_to.is_some()
    }
}

/// A former name of an [`Entity`], as the gazetteer records it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[non_exhaustive]
pub struct FormerName {
    /// The name, with its head word if it had one ("Huchang County").
    pub name: String,
    /// The years it was in use, as written in the gazetteer ("1973-2016"), if given.
    pub years: Option<String>,
}

/// The administrative status a head word or a Hangul suffix names. A place may have had several
/// (Samjiyon was a county before it became a city); a head word joins a span only where it names one
/// of them (ANNOTATION rule 15).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Status {
    Province,
    City,
    County,
    District,
}

impl Status {
    pub(crate) fn label(self) -> Label {
        match self {
            Status::Province => Label::Province,
            Status::City => Label::City,
            Status::County => Label::County,
            Status::District => Label::District,
        }
    }

    pub(crate) fn of_label(label: Label) -> Option<Status> {
        match label {
            Label::Province => Some(Status::Province),
            Label::City => Some(Status::City),
            Label::County => Some(Status::County),
            Label::District => Some(Status::District),
            Label::Agency | Label::Unit => None,
        }
    }

    pub(crate) fn bit(self) -> u8 {
        match self {
            Status::Province => 1,
            Status::City => 2,
            Status::County => 4,
            Status::District => 8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in EntityKind::ALL {
            assert_eq!(kind.as_str().parse::<EntityKind>(), Ok(kind));
            assert_eq!(kind.to_string(), kind.as_str());
        }
        let err = "Province".parse::<EntityKind>().unwrap_err();
        assert!(
            err.to_string().starts_with(
                "unknown kind 'Province'; expected one of province, provincial_city, "
            ),
            "{err}"
        );
    }

    /// JSON and the exports write a kind as the gazetteer does.
    #[cfg(feature = "serde")]
    #[test]
    fn a_kind_serializes_as_its_name() {
        for kind in EntityKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(serde_json::from_str::<EntityKind>(&json).unwrap(), kind);
        }
    }
}
