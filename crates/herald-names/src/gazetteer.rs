//! A small general gazetteer: countries, capitals, regions, world bodies and their acronyms.
//!
//! This is general knowledge, not knowledge of any article: it lets the mention finder type
//! "Germany" as a place and "Security Council" as an organisation without context, and lets the
//! resolver join "UN" with "United Nations" or "Russian Federation" with "Russia". Names the
//! articles introduce themselves are found by rules, never listed here.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use herald_model::EntityType;

const COUNTRIES: &[&str] = &[
    "Afghanistan",
    "Albania",
    "Algeria",
    "Andorra",
    "Angola",
    "Antigua and Barbuda",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahamas",
    "Bahrain",
    "Bangladesh",
    "Barbados",
    "Belarus",
    "Belgium",
    "Belize",
    "Benin",
    "Bhutan",
    "Bolivia",
    "Bosnia and Herzegovina",
    "Bosnia",
    "Botswana",
    "Brazil",
    "Brunei",
    "Bulgaria",
    "Burkina Faso",
    "Burundi",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Cape Verde",
    "Central African Republic",
    "Chad",
    "Chile",
    "China",
    "Colombia",
    "Comoros",
    "Congo",
    "Costa Rica",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czech Republic",
    "Denmark",
    "Djibouti",
    "Dominica",
    "Dominican Republic",
    "East Timor",
    "Ecuador",
    "Egypt",
    "El Salvador",
    "Equatorial Guinea",
    "Eritrea",
    "Estonia",
    "Eswatini",
    "Ethiopia",
    "Fiji",
    "Finland",
    "France",
    "Gabon",
    "Gambia",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Grenada",
    "Guatemala",
    "Guinea",
    "Guinea-Bissau",
    "Guyana",
    "Haiti",
    "Honduras",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Ivory Coast",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kiribati",
    "Kosovo",
    "Kuwait",
    "Kyrgyzstan",
    "Laos",
    "Latvia",
    "Lebanon",
    "Lesotho",
    "Liberia",
    "Libya",
    "Liechtenstein",
    "Lithuania",
    "Luxembourg",
    "Madagascar",
    "Malawi",
    "Malaysia",
    "Maldives",
    "Mali",
    "Malta",
    "Marshall Islands",
    "Mauritania",
    "Mauritius",
    "Mexico",
    "Micronesia",
    "Moldova",
    "Monaco",
    "Mongolia",
    "Montenegro",
    "Morocco",
    "Mozambique",
    "Myanmar",
    "Namibia",
    "Nauru",
    "Nepal",
    "Netherlands",
    "New Zealand",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "North Korea",
    "North Macedonia",
    "Norway",
    "Oman",
    "Pakistan",
    "Palau",
    "Palestine",
    "Panama",
    "Papua New Guinea",
    "Paraguay",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Romania",
    "Russia",
    "Rwanda",
    "Saint Lucia",
    "Samoa",
    "San Marino",
    "Saudi Arabia",
    "Senegal",
    "Serbia",
    "Seychelles",
    "Sierra Leone",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Solomon Islands",
    "Somalia",
    "South Africa",
    "South Korea",
    "South Sudan",
    "Spain",
    "Sri Lanka",
    "Sudan",
    "Suriname",
    "Sweden",
    "Switzerland",
    "Syria",
    "Taiwan",
    "Tajikistan",
    "Tanzania",
    "Thailand",
    "Togo",
    "Tonga",
    "Trinidad and Tobago",
    "Tunisia",
    "Turkey",
    "Turkmenistan",
    "Tuvalu",
    "Uganda",
    "Ukraine",
    "United Arab Emirates",
    "United Kingdom",
    "United States",
    "Uruguay",
    "Uzbekistan",
    "Vanuatu",
    "Vatican",
    "Venezuela",
    "Vietnam",
    "Yemen",
    "Zambia",
    "Zimbabwe",
    "Gaza",
    "West Bank",
    "Crimea",
    "Kurdistan",
    "Hong Kong",
    "Puerto Rico",
    "Greenland",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
];

const CAPITALS: &[&str] = &[
    "Kabul",
    "Tirana",
    "Algiers",
    "Luanda",
    "Buenos Aires",
    "Yerevan",
    "Canberra",
    "Vienna",
    "Baku",
    "Nassau",
    "Manama",
    "Dhaka",
    "Minsk",
    "Brussels",
    "Belmopan",
    "Porto-Novo",
    "Thimphu",
    "La Paz",
    "Sarajevo",
    "Gaborone",
    "Brasilia",
    "Sofia",
    "Ouagadougou",
    "Bujumbura",
    "Phnom Penh",
    "Yaounde",
    "Ottawa",
    "Bangui",
    "N'Djamena",
    "Santiago",
    "Beijing",
    "Bogota",
    "Kinshasa",
    "Brazzaville",
    "San Jose",
    "Zagreb",
    "Havana",
    "Nicosia",
    "Prague",
    "Copenhagen",
    "Djibouti",
    "Santo Domingo",
    "Quito",
    "Cairo",
    "San Salvador",
    "Malabo",
    "Asmara",
    "Tallinn",
    "Addis Ababa",
    "Suva",
    "Helsinki",
    "Paris",
    "Libreville",
    "Banjul",
    "Tbilisi",
    "Berlin",
    "Accra",
    "Athens",
    "Guatemala City",
    "Conakry",
    "Bissau",
    "Georgetown",
    "Port-au-Prince",
    "Tegucigalpa",
    "Budapest",
    "Reykjavik",
    "New Delhi",
    "Delhi",
    "Jakarta",
    "Tehran",
    "Baghdad",
    "Dublin",
    "Jerusalem",
    "Tel Aviv",
    "Rome",
    "Kingston",
    "Tokyo",
    "Amman",
    "Astana",
    "Nairobi",
    "Pristina",
    "Kuwait City",
    "Bishkek",
    "Vientiane",
    "Riga",
    "Beirut",
    "Maseru",
    "Monrovia",
    "Tripoli",
    "Vilnius",
    "Luxembourg",
    "Antananarivo",
    "Lilongwe",
    "Kuala Lumpur",
    "Bamako",
    "Valletta",
    "Nouakchott",
    "Port Louis",
    "Mexico City",
    "Chisinau",
    "Ulaanbaatar",
    "Podgorica",
    "Rabat",
    "Maputo",
    "Naypyidaw",
    "Yangon",
    "Windhoek",
    "Kathmandu",
    "Amsterdam",
    "The Hague",
    "Wellington",
    "Managua",
    "Niamey",
    "Abuja",
    "Pyongyang",
    "Skopje",
    "Oslo",
    "Muscat",
    "Islamabad",
    "Ramallah",
    "Panama City",
    "Port Moresby",
    "Asuncion",
    "Lima",
    "Manila",
    "Warsaw",
    "Lisbon",
    "Doha",
    "Bucharest",
    "Moscow",
    "Kigali",
    "Riyadh",
    "Dakar",
    "Belgrade",
    "Freetown",
    "Singapore",
    "Bratislava",
    "Ljubljana",
    "Mogadishu",
    "Pretoria",
    "Cape Town",
    "Seoul",
    "Juba",
    "Madrid",
    "Colombo",
    "Khartoum",
    "Paramaribo",
    "Stockholm",
    "Bern",
    "Geneva",
    "Damascus",
    "Taipei",
    "Dushanbe",
    "Dodoma",
    "Dar es Salaam",
    "Bangkok",
    "Lome",
    "Tunis",
    "Ankara",
    "Istanbul",
    "Ashgabat",
    "Kampala",
    "Kyiv",
    "Kiev",
    "Abu Dhabi",
    "Dubai",
    "London",
    "Washington",
    "Montevideo",
    "Tashkent",
    "Caracas",
    "Hanoi",
    "Sanaa",
    "Aden",
    "Lusaka",
    "Harare",
    "New York",
    "Brussels",
];

const US_STATES: &[&str] = &[
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
];

const REGIONS: &[&str] = &[
    "Africa",
    "Asia",
    "Europe",
    "America",
    "North America",
    "South America",
    "Latin America",
    "Central America",
    "Middle East",
    "Near East",
    "Far East",
    "Gulf",
    "Persian Gulf",
    "Balkans",
    "Caribbean",
    "Sahel",
    "Sahara",
    "Maghreb",
    "Scandinavia",
    "Caucasus",
    "Central Asia",
    "Southeast Asia",
    "East Africa",
    "West Africa",
    "North Africa",
    "Horn of Africa",
    "Mediterranean",
    "Antarctica",
    "Oceania",
    "Arctic",
    "Pacific",
    "Atlantic",
    "Red Sea",
    "Black Sea",
    "Baltic",
];

/// World bodies and other well-known organisations, with their usual acronyms.
const BODIES: &[(&str, &[&str])] = &[
    ("United Nations", &["UN", "U.N."]),
    ("Security Council", &["UNSC"]),
    ("General Assembly", &["UNGA"]),
    ("World Health Organization", &["WHO"]),
    ("European Union", &["EU"]),
    ("European Commission", &[]),
    ("European Parliament", &[]),
    ("North Atlantic Treaty Organization", &["NATO"]),
    ("African Union", &["AU"]),
    ("Arab League", &[]),
    ("League of Arab States", &[]),
    ("International Monetary Fund", &["IMF"]),
    ("World Bank", &[]),
    ("World Trade Organization", &["WTO"]),
    ("International Criminal Court", &["ICC"]),
    ("International Court of Justice", &["ICJ"]),
    ("International Committee of the Red Cross", &["ICRC"]),
    ("Red Cross", &[]),
    ("Red Crescent", &[]),
    ("United Nations Children's Fund", &["UNICEF"]),
    ("United Nations High Commissioner for Refugees", &["UNHCR"]),
    ("World Food Programme", &["WFP"]),
    ("International Organization for Migration", &["IOM"]),
    (
        "Organization of the Petroleum Exporting Countries",
        &["OPEC"],
    ),
    (
        "Organization for Security and Co-operation in Europe",
        &["OSCE"],
    ),
    ("International Atomic Energy Agency", &["IAEA"]),
    ("Gulf Cooperation Council", &["GCC"]),
    ("Association of Southeast Asian Nations", &["ASEAN"]),
    ("Amnesty International", &[]),
    ("Human Rights Watch", &["HRW"]),
    ("Doctors Without Borders", &["MSF"]),
    ("Federal Bureau of Investigation", &["FBI"]),
    ("Central Intelligence Agency", &["CIA"]),
    (
        "Bureau of Alcohol, Tobacco, Firearms and Explosives",
        &["ATF"],
    ),
    ("Drug Enforcement Administration", &["DEA"]),
    ("Department of Homeland Security", &["DHS"]),
    ("Islamic State", &["IS", "ISIS", "ISIL"]),
    ("Al-Qaeda", &[]),
    ("Associated Press", &["AP"]),
    ("Agence France-Presse", &["AFP"]),
    ("Reuters", &[]),
    ("British Broadcasting Corporation", &["BBC"]),
    ("CNN", &[]),
    ("Al Jazeera", &[]),
    ("Xinhua", &[]),
    ("TASS", &[]),
    ("dpa", &[]),
    ("White House", &[]),
    ("Kremlin", &[]),
    ("Pentagon", &[]),
    ("State Department", &[]),
    ("Congress", &[]),
    ("Senate", &[]),
];

/// Other names of the same place: (alias, canonical).
const ALIASES: &[(&str, &str)] = &[
    ("USA", "United States"),
    ("US", "United States"),
    ("U.S.", "United States"),
    ("U.S.A.", "United States"),
    ("United States of America", "United States"),
    ("UK", "United Kingdom"),
    ("U.K.", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("Great Britain", "United Kingdom"),
    ("UAE", "United Arab Emirates"),
    ("Emirates", "United Arab Emirates"),
    ("Russian Federation", "Russia"),
    ("DRC", "Democratic Republic of the Congo"),
    (
        "Democratic Republic of Congo",
        "Democratic Republic of the Congo",
    ),
    ("Burma", "Myanmar"),
    ("Holland", "Netherlands"),
    ("Czechia", "Czech Republic"),
    ("Cote d'Ivoire", "Ivory Coast"),
    ("Timor-Leste", "East Timor"),
    ("Swaziland", "Eswatini"),
    ("Persia", "Iran"),
    ("Kiev", "Kyiv"),
];

pub(crate) const DEMONYMS: &str = "afghan albanian algerian american angolan argentine argentinian armenian australian austrian \
 azerbaijani bahraini bangladeshi belarusian belgian bolivian bosnian brazilian british bulgarian burmese \
 cambodian cameroonian canadian chadian chilean chinese colombian congolese croatian cuban cypriot czech danish \
 dutch ecuadorian egyptian emirati english eritrean estonian ethiopian european filipino finnish french \
 georgian german ghanaian greek guatemalan haitian honduran hungarian icelandic indian indonesian iranian iraqi \
 irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean kosovar kurdish kuwaiti \
 kyrgyz lao latvian lebanese liberian libyan lithuanian macedonian malagasy malaysian malian maltese \
 mauritanian mexican moldovan mongolian montenegrin moroccan mozambican namibian nepalese nigerian nigerien \
 norwegian omani pakistani palestinian panamanian paraguayan persian peruvian polish portuguese qatari romanian \
 russian rwandan saudi scottish senegalese serbian singaporean slovak slovenian somali spanish sudanese \
 swedish swiss syrian taiwanese tajik tanzanian thai tunisian turkish turkmen ugandan ukrainian uruguayan \
 uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean african asian arab arabian western eastern \
 northern southern islamic muslim christian jewish sunni shiite shia catholic orthodox";

/// Last words that make a name an organisation ("Libyan National Army", "Ministry of Health").
pub(crate) const ORG_HEADS: &str = "army armies ministry ministries council councils organization organisation organizations \
 organisations force forces party parties government governments agency agencies union unions nations command \
 court courts parliament bank university universities police department office committee commission \
 corps brigade brigades battalion battalions regiment division militia militias movement front alliance \
 coalition league federation association institute foundation company corporation corp inc ltd group \
 authority authorities assembly congress senate administration bureau service services guard guards \
 navy fleet network press agency newspaper times post news radio television tv channel school college \
 academy hospital church mosque club society fund programme program centre center board tribunal \
 cabinet secretariat presidency embassy consulate mission unit units brotherhood chronicle tribune \
 gazette journal telegraph courier inquirer examiner dispatch bulletin lab laboratory";

/// Last words that make a name a place ("Heathrow Airport", "Atlas Mountains").
pub(crate) const LOCATION_HEADS: &str = "city town village province region district county state governorate airport \
 square street road avenue boulevard bridge river lake mountains mountain mount valley desert island islands \
 coast peninsula port harbour harbor camp neighborhood neighbourhood suburb park border sea ocean bay gulf \
 highway township parish heights hills plain plains oasis jail prison penitentiary courthouse \
 mall hotel motel apartments plaza terminal stadium arena ln rd ave blvd hwy pkwy st dr ct pl \
 lane drive court place way parkway";

fn fold_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    fold_key_into(name, &mut out);
    out
}

fn fold_key_into(name: &str, out: &mut String) {
    // Most names asked are one plain ASCII word, whose key is its lower case: copied and
    // lower-cased at once instead of char by char (1k digest: the folding was 48 M
    // instructions before; see the commit for after). Any byte the loop below maps, drops
    // or treats as a space (dots, hyphens, backquotes, whitespace) takes the loop.
    let plain = name.bytes().all(|b| {
        b.is_ascii() && !matches!(b, b'.' | b'-' | b'`') && !char::from(b).is_whitespace()
    });
    if plain {
        let start = out.len();
        out.push_str(name);
        out[start..].make_ascii_lowercase();
        return;
    }
    let mut space = false;
    for c in name.chars() {
        let c = match c {
            '’' | '‘' | '`' => '\'',
            '-' | '–' | '—' => ' ',
            _ => c,
        };
        if c == '.' {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The comparison key of a name: lower case, no dots, hyphens and dashes as spaces.
pub fn key(name: &str) -> String {
    fold_key(name)
}

/// [`key`] written into `out` (cleared first), to reuse one buffer.
pub(crate) fn key_into(name: &str, out: &mut String) {
    out.clear();
    fold_key_into(name, out);
}

/// What the gazetteer knows about one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub kind: EntityType,
    /// The canonical spelling ("United States" for "USA").
    pub canonical: &'static str,
}

static KNOWN: LazyLock<FxHashMap<String, Known>> = LazyLock::new(|| {
    let mut map = FxHashMap::default();
    let places = COUNTRIES
        .iter()
        .chain(CAPITALS)
        .chain(US_STATES)
        .chain(REGIONS);
    for &p in places {
        map.insert(
            fold_key(p),
            Known {
                kind: EntityType::Location,
                canonical: p,
            },
        );
    }
    for &(alias, canonical) in ALIASES {
        map.insert(
            fold_key(alias),
            Known {
                kind: EntityType::Location,
                canonical,
            },
        );
    }
    for &(body, acronyms) in BODIES {
        let known = Known {
            kind: EntityType::Organization,
            canonical: body,
        };
        map.insert(fold_key(body), known.clone());
        for &a in acronyms {
            map.insert(fold_key(a), known.clone());
        }
    }
    map
});

static DEMONYM_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| DEMONYMS.split_whitespace().collect());
static ORG_HEAD_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| ORG_HEADS.split_whitespace().collect());
static LOCATION_HEAD_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| LOCATION_HEADS.split_whitespace().collect());

/// The gazetteer entry for a whole name ("Germany", "UN", "Russian Federation"), if any.
pub fn lookup(name: &str) -> Option<&'static Known> {
    thread_local! {
        static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    // Called for every word of every article: the key is folded into a reused buffer.
    KEY.with(|key| {
        let mut key = key.borrow_mut();
        key.clear();
        fold_key_into(name, &mut key);
        KNOWN.get(key.as_str())
    })
}

/// The canonical name of a well-known acronym's expansion ("WHO" → "World Health Organization").
pub fn expansion(acronym: &str) -> Option<&'static str> {
    let k = fold_key(acronym);
    if k.contains(' ') {
        return None;
    }
    KNOWN
        .get(&k)
        .map(|known| known.canonical)
        .filter(|c| fold_key(c) != k)
}

/// A nationality or group adjective ("Libyan", "Italian", "Islamic"), not a name by itself.
pub fn is_demonym(word: &str) -> bool {
    herald_text::with_lowercase(word, |w| {
        DEMONYM_SET.contains(w)
            || w.strip_suffix('s')
                .is_some_and(|singular| DEMONYM_SET.contains(singular))
    })
}

/// A word that ends organisation names ("Army", "Ministry", "Council").
pub fn is_org_head(word: &str) -> bool {
    herald_text::with_lowercase(word, |w| ORG_HEAD_SET.contains(w))
}

/// A word that starts place names ("San Diego", "Fort Hood", "Lake Placid", "Mount Kenya").
pub fn is_location_prefix(word: &str) -> bool {
    herald_text::with_lowercase(word.trim_end_matches('.'), |w| {
        matches!(
            w,
            "san"
                | "santa"
                | "santo"
                | "sao"
                | "são"
                | "saint"
                | "st"
                | "ste"
                | "fort"
                | "ft"
                | "port"
                | "mount"
                | "mt"
                | "lake"
                | "los"
                | "las"
                | "cape"
                | "puerto"
                | "rio"
                | "point"
                | "glen"
                | "palm"
        )
    })
}

/// A word that ends place names ("Airport", "District", "Mountains").
pub fn is_location_head(word: &str) -> bool {
    herald_text::with_lowercase(word, |w| LOCATION_HEAD_SET.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_countries_bodies_and_aliases() {
        assert_eq!(
            lookup("Germany").map(|k| k.kind),
            Some(EntityType::Location)
        );
        assert_eq!(lookup("U.N.").map(|k| k.canonical), Some("United Nations"));
        assert_eq!(
            lookup("Russian Federation").map(|k| k.canonical),
            Some("Russia")
        );
        assert_eq!(lookup("usa").map(|k| k.canonical), Some("United States"));
        assert_eq!(expansion("WHO"), Some("World Health Organization"));
        assert_eq!(
            expansion("NATO"),
            Some("North Atlantic Treaty Organization")
        );
        assert_eq!(expansion("Germany"), None);
        assert!(lookup("Karimov").is_none());
    }

    #[test]
    fn heads_and_demonyms() {
        assert!(is_org_head("Ministry"));
        assert!(is_org_head("Forces"));
        assert!(is_location_head("Airport"));
        assert!(is_demonym("Italian"));
        assert!(is_demonym("Italians"));
        assert!(!is_demonym("Italy"));
    }

    #[test]
    fn key_folds_case_dots_and_hyphens() {
        assert_eq!(key("U.S."), "us");
        assert_eq!(key("Abdel-Karim  al-Zayn"), "abdel karim al zayn");
        assert_eq!(key("O’Neil"), "o'neil");
    }
}
