//! Table tests: invented news sentences in, `(surface text, value)` out.
//!
//! A tiny splitter stands in for the pipeline's tokenizer (abbreviations
//! keep their period, hyphens and clitics are tokens of their own) and a
//! crude tagger for the real one; `word|TAG` forces a tag. Every row is
//! resolved against Wednesday 2022-01-12, sentences of a row share one
//! resolver, and the surface text is cut from the input with the reported
//! byte offsets.

use crate::{absolute_parts, direction, find, weekday_of, Direction, Kind, Meaning, Resolver, Word};
use chrono::{NaiveDate, Weekday};

const ABBREVIATIONS: &[&str] = &[
    "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
    "mon.", "tue.", "tues.", "wed.", "thu.", "thurs.", "fri.", "sat.", "a.m.", "p.m.", "mr.", "mrs.",
];

const PAST_FORMS: &[&str] = &[
    "met", "said", "was", "were", "had", "did", "went", "came", "took", "fell", "rose", "left", "began",
    "won", "lost", "told", "saw", "made", "struck", "spoke", "grew", "sold", "hit", "shot", "held",
];

/// Split a sentence into tokens with byte offsets; `word|TAG` gives a tag.
fn split(sentence: &str) -> Vec<(usize, usize, Option<&str>)> {
    let mut tokens = Vec::new();
    let mut offset = 0;
    for chunk in sentence.split(' ') {
        let chunk_start = offset;
        offset += chunk.len() + 1;
        if chunk.is_empty() {
            continue;
        }
        let (body, tag) = match chunk.split_once('|') {
            Some((body, tag)) => (body, Some(tag)),
            None => (chunk, None),
        };
        let mut start = chunk_start;
        let mut end = chunk_start + body.len();
        // leading punctuation
        while sentence[start..end].starts_with(['"', '(']) {
            tokens.push((start, start + 1, None));
            start += 1;
        }
        // trailing punctuation, except an abbreviation's period
        let mut trailing = Vec::new();
        loop {
            let text = &sentence[start..end];
            let keep_period = ABBREVIATIONS.iter().any(|a| text.eq_ignore_ascii_case(a));
            match text.chars().last() {
                Some(c @ (',' | ';' | ':' | ')' | '"' | '?' | '!')) => {
                    trailing.push((end - c.len_utf8(), end, None));
                    end -= c.len_utf8();
                }
                Some('.') if !keep_period && text.len() > 1 => {
                    trailing.push((end - 1, end, None));
                    end -= 1;
                }
                _ => break,
            }
        }
        // clitics and hyphens
        let text = &sentence[start..end];
        let clitic = ["'s", "\u{2019}s"].iter().find_map(|c| text.strip_suffix(c).map(|head| head.len()));
        let word_end = match clitic {
            Some(head) if head > 0 => start + head,
            _ => end,
        };
        let mut piece_start = start;
        for (idx, c) in sentence[start..word_end].char_indices() {
            let at = start + idx;
            if c == '-' && at > piece_start {
                tokens.push((piece_start, at, None));
                tokens.push((at, at + 1, None));
                piece_start = at + 1;
            }
        }
        if piece_start < word_end {
            tokens.push((piece_start, word_end, tag));
        }
        if word_end < end {
            tokens.push((word_end, end, Some("POS")));
        }
        tokens.extend(trailing.into_iter().rev());
    }
    tokens
}

/// A crude Penn tag for a token, from its text and the previous token.
fn tag(text: &str, previous: Option<&str>) -> &'static str {
    let lower = text.to_lowercase();
    let previous = previous.map(str::to_lowercase).unwrap_or_default();
    let after_have = ["has", "have", "had", "been", "be", "is", "are", "was", "were", "being"].contains(&previous.as_str());
    if ["will", "would", "shall", "might", "could", "should", "can", "must", "'ll"].contains(&lower.as_str()) || text == "may" {
        "MD"
    } else if !text.starts_with(char::is_alphanumeric) {
        "."
    } else if text.starts_with(|c: char| c.is_ascii_digit()) {
        "CD"
    } else if ["the", "a", "an", "this", "that"].contains(&lower.as_str()) {
        "DT"
    } else if ["in", "on", "at", "of", "since", "by", "for", "until", "from", "after", "before", "with"].contains(&lower.as_str()) {
        "IN"
    } else if lower == "to" {
        "TO"
    } else if lower == "is" {
        "VBZ"
    } else if lower == "are" {
        "VBP"
    } else if lower == "be" {
        "VB"
    } else if lower == "been" {
        "VBN"
    } else if previous == "to" && text.chars().all(|c| c.is_ascii_lowercase()) {
        "VB"
    } else if (lower.ends_with("ed") && lower.len() > 3) || PAST_FORMS.contains(&lower.as_str()) {
        if after_have {
            "VBN"
        } else {
            "VBD"
        }
    } else if lower.ends_with("ing") && lower.len() > 4 {
        "VBG"
    } else if text.starts_with(|c: char| c.is_uppercase()) {
        "NNP"
    } else if lower.ends_with('s') && !lower.ends_with("ss") && lower.len() > 3 {
        "NNS"
    } else {
        "NN"
    }
}

fn words(sentence: &str) -> Vec<Word<'_>> {
    let spans = split(sentence);
    let mut words: Vec<Word> = Vec::with_capacity(spans.len());
    for (start, end, forced) in spans {
        let text = &sentence[start..end];
        let previous = words.last().map(|w| w.text);
        let xpos = forced.unwrap_or_else(|| tag(text, previous));
        words.push(Word { text, xpos, start, end });
    }
    words
}

fn reference() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 12).expect("a valid date")
}

/// Resolve every expression of the sentences in order: (surface, value).
fn run(sentences: &[&str]) -> Vec<(String, String)> {
    let mut resolver = Resolver::new(reference());
    let mut out = Vec::new();
    for sentence in sentences {
        let words = words(sentence);
        for found in find(&words) {
            let surface = &sentence[words[found.start].start..words[found.end - 1].end];
            let (tense, _) = direction(&words, &found);
            let value = resolver.resolve(&found, tense).map_or_else(|| "-".to_string(), |t| t.value);
            out.push((surface.to_string(), value));
        }
    }
    out
}

/// Rows: name, sentences (one resolver), expected (surface, value) pairs.
type Row = (&'static str, &'static [&'static str], &'static [(&'static str, &'static str)]);

const ROWS: &[Row] = &[
    // ---- absolute dates ----
    ("month-day-year", &["Ministers met on Jan. 12, 2022 in Geneva."], &[("Jan. 12, 2022", "2022-01-12")]),
    ("month-day", &["The ceasefire began on January 3."], &[("January 3", "2022-01-03")]),
    ("day-month-year", &["Voting ended on 9 January 2021."], &[("9 January 2021", "2021-01-09")]),
    ("ordinal of month", &["The accord was signed on the 5th of January."], &[("the 5th of January", "2022-01-05")]),
    ("ordinal suffix", &["The new rules apply from Jan 20th."], &[("Jan 20th", "2022-01-20")]),
    ("iso date", &["The report carries the date 2022-01-10 on its cover."], &[("2022-01-10", "2022-01-10")]),
    ("slash dates are skipped", &["The memo dated 12/01/2022 leaked."], &[]),
    ("month alone, past, later month", &["Floods damaged the valley in December."], &[("December", "2021-12")]),
    ("month alone, future", &["Elections will be held in March."], &[("March", "2022-03")]),
    ("month alone, future, earlier month", &["The Jan. 10 meeting will resume in January."], &[("Jan. 10", "2022-01-10"), ("January", "2022-01")]),
    ("month and year", &["Prices fell in December 2021."], &[("December 2021", "2021-12")]),
    ("year after in", &["The law passed in 2021."], &[("2021", "2021")]),
    ("year after since", &["Protests have grown since 2019."], &[("2019", "2019")]),
    ("year after by", &["The plan aims to cut emissions by 2030."], &[("2030", "2030")]),
    ("year as modifier", &["The 2022 election is in doubt."], &[("2022", "2022")]),
    ("year possessive", &["2021's harvest was poor."], &[("2021", "2021")]),
    ("year pair", &["Output grew in 2020 and 2021."], &[("2020", "2020"), ("2021", "2021")]),
    ("counts are not years", &["About 2000 troops arrived, and police counted 2,000 protesters."], &[]),
    ("plain numbers are not dates", &["Some 12 people died in 40 attacks."], &[]),
    ("mid-month", &["Growth slowed in mid-January."], &[("mid-January", "2022-01")]),
    ("early year", &["A vote is expected in early 2022."], &[("early 2022", "2022")]),
    ("late last year", &["The company collapsed late last year."], &[("late last year", "2021")]),
    ("the end of the year", &["Troops will leave by the end of the year."], &[("the end of the year", "2022")]),
    ("May the name and the modal", &["Theresa May said talks may resume."], &[]),
    ("May with a day", &["The deadline is May 5."], &[("May 5", "2022-05-05")]),
    ("May after in, past", &["The vote was held in May."], &[("May", "2021-05")]),
    ("march the noun", &["Thousands joined a march in the capital."], &[]),
    ("march the verb", &["Workers march|VBP 12 miles each day."], &[("each day", "P1D")]),
    // ---- relative to the reference ----
    ("today", &["Officials spoke today."], &[("today", "2022-01-12")]),
    ("tonight", &["Rockets struck the city tonight."], &[("tonight", "2022-01-12TNI")]),
    ("yesterday", &["The minister resigned yesterday."], &[("yesterday", "2022-01-11")]),
    ("tomorrow", &["The court will rule tomorrow."], &[("tomorrow", "2022-01-13")]),
    ("day before yesterday", &["He arrived the day before yesterday."], &[("the day before yesterday", "2022-01-10")]),
    ("this week", &["Parliament debates the bill this week."], &[("this week", "2022-W02")]),
    ("last week", &["Turnout dropped last week."], &[("last week", "2022-W01")]),
    ("next week", &["Talks resume next week."], &[("next week", "2022-W03")]),
    ("this month", &["Inflation rose this month."], &[("this month", "2022-01")]),
    ("last month", &["Exports slumped last month."], &[("last month", "2021-12")]),
    ("next month", &["A new budget is due next month."], &[("next month", "2022-02")]),
    ("years", &["The plant opened this year, not last year, and closes next year."], &[("this year", "2022"), ("last year", "2021"), ("next year", "2023")]),
    ("earlier this year", &["The region voted earlier this year."], &[("earlier this year", "2022")]),
    ("earlier this month", &["Prices climbed earlier this month."], &[("earlier this month", "2022-01")]),
    ("later this week", &["The president will travel later this week."], &[("later this week", "2022-W02")]),
    ("weekend, past", &["Fighting flared over the weekend."], &[("the weekend", "2022-W01-WE")]),
    ("weekend, future", &["Protesters will gather at the weekend."], &[("the weekend", "2022-W02-WE")]),
    ("this weekend", &["Voters go to the polls this weekend."], &[("this weekend", "2022-W02-WE")]),
    ("next Thursday", &["The envoy arrives next Thursday."], &[("next Thursday", "2022-01-13")]),
    ("last Friday", &["Rebels attacked the base last Friday."], &[("last Friday", "2022-01-07")]),
    ("this Friday", &["The deal will be signed this Friday."], &[("this Friday", "2022-01-14")]),
    ("days ago", &["Three days ago the border closed."], &[("Three days ago", "2022-01-09")]),
    ("weeks ago", &["The mine flooded two weeks ago."], &[("two weeks ago", "2021-W52")]),
    ("a year ago", &["The strike started a year ago."], &[("a year ago", "2021")]),
    ("in two weeks", &["The results come in two weeks."], &[("in two weeks", "2022-W04")]),
    ("from now", &["The law takes effect three days from now."], &[("three days from now", "2022-01-15")]),
    ("for two weeks", &["The talks lasted for two weeks."], &[("two weeks", "P2W")]),
    ("recently", &["The rule was changed recently."], &[("recently", "PAST_REF")]),
    // ---- weekdays ----
    ("weekday, past", &["The two leaders met on Monday."], &[("Monday", "2022-01-10")]),
    ("weekday, future", &["The two leaders will meet on Monday."], &[("Monday", "2022-01-17")]),
    ("weekday possessive", &["Monday\u{2019}s meeting ended without a deal."], &[("Monday", "2022-01-10")]),
    ("weekday, reference day", &["Riot police cleared the square on Wednesday."], &[("Wednesday", "2022-01-12")]),
    ("all caps", &["RIOT POLICE CLEARED THE SQUARE ON FRIDAY"], &[("FRIDAY", "2022-01-07")]),
    ("all caps date", &["TALKS ENDED ON JAN. 4, 2022"], &[("JAN. 4, 2022", "2022-01-04")]),
    ("all caps relative", &["TALKS RESUME NEXT WEEK"], &[("NEXT WEEK", "2022-W03")]),
    ("all caps future weekday", &["THE MINISTER WILL VISIT ON WEDNESDAY"], &[("WEDNESDAY", "2022-01-12")]),
    ("the Sun is a paper", &["The Sun reported the story."], &[]),
    ("weekday night", &["Shelling resumed Wednesday night."], &[("Wednesday night", "2022-01-12TNI")]),
    ("present progressive", &["The envoys are meeting on Friday."], &[("Friday", "2022-01-14")]),
    ("weekday, no tense", &["Talks on Sunday"], &[("Sunday", "2022-01-09")]),
    ("said it would", &["The ministry said it would reply on Friday."], &[("Friday", "2022-01-14")]),
    // ---- anaphora ----
    ("days later", &["The ceasefire began on Jan. 3.", "Two days later the fighting resumed."], &[("Jan. 3", "2022-01-03"), ("Two days later", "2022-01-05")]),
    ("the next day", &["The rebels seized the town on Jan. 5.", "The army returned the next day."], &[("Jan. 5", "2022-01-05"), ("the next day", "2022-01-06")]),
    ("a week later", &["Talks opened on Jan. 4; a week later they collapsed."], &[("Jan. 4", "2022-01-04"), ("a week later", "2022-W02")]),
    ("the day before", &["The minister resigned on Jan. 7.", "He had been warned the day before."], &[("Jan. 7", "2022-01-07"), ("the day before", "2022-01-06")]),
    ("the following week", &["Troops withdrew on Dec. 20, 2021.", "The following week aid arrived."], &[("Dec. 20, 2021", "2021-12-20"), ("The following week", "2021-W52")]),
    ("a day earlier", &["The rebels struck on Jan. 9.", "A day earlier, talks had failed."], &[("Jan. 9", "2022-01-09"), ("A day earlier", "2022-01-08")]),
    ("the same day", &["Shelling began on Jan. 2 and the same day envoys left."], &[("Jan. 2", "2022-01-02"), ("the same day", "2022-01-02")]),
    ("year-first slash date", &["The decree of 2022/01/05 took effect."], &[("2022/01/05", "2022-01-05")]),
    ("anaphora falls back to the reference", &["Two days later the fighting resumed."], &[("Two days later", "2022-01-14")]),
    // ---- times ----
    ("clock p.m.", &["The blast struck at 3 p.m."], &[("3 p.m.", "2022-01-12T15:00")]),
    ("clock with day", &["Trading opened at 10:30 a.m. on Monday."], &[("10:30 a.m. on Monday", "2022-01-10T10:30")]),
    ("day with clock", &["Polls close Friday at 8 p.m."], &[("Friday at 8 p.m.", "2022-01-14T20:00")]),
    ("clock zone", &["The deadline passed at 15:00 GMT."], &[("15:00 GMT", "2022-01-12T15:00")]),
    ("noon and midnight", &["Shops close at noon and reopen at midnight."], &[("noon", "2022-01-12T12:00"), ("midnight", "2022-01-12T24:00")]),
    ("clock anchored to the last day", &["The rebels attacked on Jan. 3.", "Shooting stopped at 4 p.m."], &[("Jan. 3", "2022-01-03"), ("4 p.m.", "2022-01-03T16:00")]),
    ("part of a weekday", &["Rain is expected on Monday morning."], &[("Monday morning", "2022-01-17TMO")]),
    ("yesterday afternoon", &["The attack happened yesterday afternoon."], &[("yesterday afternoon", "2022-01-11TAF")]),
    ("this morning", &["Explosions were heard this morning."], &[("this morning", "2022-01-12TMO")]),
    ("last night", &["The bombing last night killed four."], &[("last night", "2022-01-11TNI")]),
    // ---- durations ----
    ("durations", &["The siege lasted three weeks, the talks six months and the truce a year."], &[("three weeks", "P3W"), ("six months", "P6M"), ("a year", "P1Y")]),
    ("decade", &["The war dragged on for a decade."], &[("a decade", "P10Y")]),
    ("unspecified hours", &["Rescuers dug for hours."], &[("hours", "PTXH")]),
    ("minutes and hours", &["The raid took 30 minutes after three hours of waiting."], &[("30 minutes", "PT30M"), ("three hours", "PT3H")]),
    ("compound", &["The premier began a two-day visit."], &[("two-day", "P2D")]),
    ("the past years", &["Sales doubled in the past two years."], &[("the past two years", "P2Y")]),
    ("several days", &["The blockade lasted several days."], &[("several days", "PXD")]),
    ("decades", &["The feud has simmered for decades."], &[("decades", "PXDE")]),
    ("the next week as a duration", &["Aid will flow over the next week."], &[("the next week", "P1W")]),
    // ---- sets ----
    ("every Monday", &["The market opens every Monday."], &[("every Monday", "XXXX-WXX-1")]),
    ("daily and weekly", &["The paper appears daily, the magazine weekly."], &[("daily", "P1D"), ("weekly", "P1W")]),
    ("annually", &["The fair is held annually."], &[("annually", "P1Y")]),
    ("on Fridays", &["Crowds gather on Fridays."], &[("Fridays", "XXXX-WXX-5")]),
    ("every two weeks", &["Inspectors visit every two weeks."], &[("every two weeks", "P2W")]),
    // ---- present, past and future references ----
    ("present", &["Prices are now rising and currently stand at a peak; at present nothing helps."], &[("now", "PRESENT_REF"), ("currently", "PRESENT_REF"), ("at present", "PRESENT_REF")]),
    ("past", &["In the past the post was formerly held by a general."], &[("In the past", "PAST_REF"), ("formerly", "PAST_REF")]),
    ("future", &["Talks start soon, and in the future more will follow in the coming days."], &[("soon", "FUTURE_REF"), ("in the future", "FUTURE_REF"), ("in the coming days", "FUTURE_REF")]),
    ("recent weeks", &["Attacks rose in recent weeks."], &[("in recent weeks", "PAST_REF")]),
    // ---- decades, seasons, quarters ----
    ("decade", &["Inflation peaked in the 1990s."], &[("the 1990s", "199")]),
    ("quarter", &["Sales fell in the first quarter."], &[("the first quarter", "2022-Q1")]),
    ("quarter of a year", &["Profits grew in the third quarter of 2021 and the fourth quarter of last year."], &[("the third quarter of 2021", "2021-Q3"), ("the fourth quarter of last year", "2021-Q4")]),
    ("quarter code", &["Revenue in Q3 2021 beat forecasts."], &[("Q3 2021", "2021-Q3")]),
    ("last summer", &["The drought hit last summer."], &[("last summer", "2021-SU")]),
    ("season, future", &["An offensive is expected in the spring."], &[("the spring", "2022-SP")]),
    ("season and year", &["The dam burst in summer 2021."], &[("summer 2021", "2021-SU")]),
    ("this winter", &["Gas is scarce this winter."], &[("this winter", "2022-WI")]),
    ("date range", &["Talks ran from Jan. 10-12 in Vienna."], &[("Jan. 10", "2022-01-10")]),
    ("year range", &["The 2021-22 budget was passed in 2021-22."], &[("2021", "2021")]),
    ("years from and to", &["He served from 2015 to 2019."], &[("2015", "2015"), ("2019", "2019")]),
    ("rose to a number", &["The toll rose to 1950 on Sunday."], &[("Sunday", "2022-01-09")]),
    ("weekday and date apart", &["On Monday, Jan. 10, the court ruled."], &[("Monday", "2022-01-10"), ("Jan. 10", "2022-01-10")]),
    ("clock before weekday", &["Polls open at 7 a.m. Thursday."], &[("7 a.m. Thursday", "2022-01-13T07:00")]),
    ("local time and zone", &["The rally starts at 9 a.m. local time (0700 GMT)."], &[("9 a.m. local time", "2022-01-12T09:00"), ("0700 GMT", "2022-01-12T07:00")]),
    ("scores are not times", &["The home side won 3:1 and 2:0."], &[]),
    ("year part glued", &["Production resumed in mid-2021."], &[("mid-2021", "2021")]),
    ("end of a year", &["The mission ends at the end of 2022."], &[("the end of 2022", "2022")]),
    ("early decade", &["The party rose in the early 1990s."], &[("the early 1990s", "199")]),
    ("the past week", &["Prices rose sharply in the past week."], &[("the past week", "P1W")]),
    ("the next few days", &["Aid will arrive in the next few days."], &[("in the next few days", "FUTURE_REF")]),
    ("this past week", &["Rain fell this past week."], &[("this past week", "2022-W01")]),
    ("twice a year", &["The council meets twice a year."], &[("a year", "P1Y")]),
    ("event plural after a year", &["Turnout in the 2020 elections fell."], &[("2020", "2020")]),
    ("the day after something", &["Riots broke out the day after the vote."], &[]),
    ("fall the verb", &["Prices will fall in the fall of the regime."], &[]),
];

#[test]
fn table() {
    let mut failures = Vec::new();
    for (name, sentences, expected) in ROWS {
        let got = run(sentences);
        let expected: Vec<(String, String)> = expected.iter().map(|(s, v)| (s.to_string(), v.to_string())).collect();
        if got != expected {
            failures.push(format!("{name}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} rows failed:\n{}", failures.len(), ROWS.len(), failures.join("\n"));
}

fn first(sentence: &str) -> (crate::Found, Vec<Word<'_>>) {
    let words = words(sentence);
    let found = find(&words).into_iter().next().expect("an expression");
    (found, words)
}

#[test]
fn reasons_name_the_rule_of_choice() {
    let (found, words) = first("The two leaders met on Monday.");
    let (tense, cue) = direction(&words, &found);
    assert_eq!((tense, cue), (Direction::Past, "past-tense verb"));
    let timex = Resolver::new(reference()).resolve(&found, tense).expect("a value");
    assert_eq!(timex.reason, "Monday in a past clause → the Monday on or before 2022-01-12");
    assert!(timex.anchored);
    assert_eq!(found.rule, "date.weekday");

    let (found, words) = first("Aid arrived on Jan. 12.");
    let (tense, _) = direction(&words, &found);
    let timex = Resolver::new(reference()).resolve(&found, Direction::Unknown).expect("a value");
    assert_eq!(tense, Direction::Past);
    assert_eq!(timex.reason, "January 12 with no year → year of the reference date 2022");
    assert_eq!(timex.range, Some((reference(), reference())));
}

#[test]
fn kinds_ranges_and_rules() {
    let (found, _) = first("The truce held for three days.");
    assert_eq!((found.kind, found.rule), (Kind::Duration, "duration.amount"));
    let (found, _) = first("Officials meet every Monday.");
    assert_eq!((found.kind, found.rule), (Kind::Set, "set.weekday"));
    let (found, _) = first("The blast struck at 3 p.m.");
    assert_eq!((found.kind, found.rule), (Kind::Time, "time.clock"));

    let (found, words) = first("Turnout dropped last week.");
    let (tense, _) = direction(&words, &found);
    let timex = Resolver::new(reference()).resolve(&found, tense).expect("a value");
    let monday = NaiveDate::from_ymd_opt(2022, 1, 3).expect("a date");
    let sunday = NaiveDate::from_ymd_opt(2022, 1, 9).expect("a date");
    assert_eq!(timex.range, Some((monday, sunday)));

    let (found, words) = first("Snow fell this winter.");
    let (tense, _) = direction(&words, &found);
    let timex = Resolver::new(reference()).resolve(&found, tense).expect("a value");
    let december = NaiveDate::from_ymd_opt(2021, 12, 1).expect("a date");
    let february = NaiveDate::from_ymd_opt(2022, 2, 28).expect("a date");
    assert_eq!(timex.range, Some((december, february)));
}

#[test]
fn parts_for_document_dates() {
    let (found, _) = first("Markets closed on Tuesday, Jan. 11.");
    assert_eq!(weekday_of(&found.meaning), Some(Weekday::Tue));
    assert_eq!(absolute_parts(&found.meaning), None);
    let words = words("Markets closed on Tuesday, Jan. 11.");
    let found = find(&words);
    assert_eq!(found.len(), 2);
    assert_eq!(absolute_parts(&found[1].meaning), Some((None, Some(1), Some(11))));
    let (found, _) = first("The law passed in December 2021.");
    assert_eq!(absolute_parts(&found.meaning), Some((Some(2021), Some(12), None)));
    assert!(matches!(found.meaning, Meaning::Calendar { .. }));
}

#[test]
fn impossible_dates_resolve_to_nothing() {
    let (found, _) = first("The ruling came on Feb. 30, 2022.");
    assert_eq!(Resolver::new(reference()).resolve(&found, Direction::Past), None);
}

#[test]
fn last_this_and_next_seasons_count_seasons_not_calendar_years() {
    let value = |sentence: &str, y: i32, m: u32, d: u32| {
        let (found, words) = first(sentence);
        let (tense, _) = direction(&words, &found);
        let reference = NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        Resolver::new(reference).resolve(&found, tense).expect("a value").value
    };
    // The winter that ended in February 2021 is last winter in June 2021.
    assert_eq!(value("Heating bills soared last winter.", 2021, 6, 15), "2021-WI");
    // In November, this winter is the one about to begin.
    assert_eq!(value("Gas will be scarce this winter.", 2021, 11, 20), "2022-WI");
    // In October, last summer is the one just past.
    assert_eq!(value("The drought hit last summer.", 2022, 10, 5), "2022-SU");
    assert_eq!(value("The vote is due next spring.", 2022, 10, 5), "2023-SP");
    assert_eq!(value("The vote is due next spring.", 2022, 1, 12), "2022-SP");
}

#[test]
fn skipping_words_that_cannot_start_an_expression_changes_nothing() {
    let mut sentences: Vec<&str> = ROWS.iter().flat_map(|(_, sentences, _)| sentences.iter().copied()).collect();
    sentences.extend([
        "In the coming days, envoys will meet in the capital for the first time since 2019.",
        "The talks, held over the past two weeks in the city of Geneva, ended at the end of the month.",
        "IN THE MORNING OF JAN. 12 THE COUNCIL MET; ON MONDAYS IT RESTS, AND EVERY OTHER WEEK IT TRAVELS.",
    ]);
    for sentence in sentences {
        let words = words(sentence);
        assert_eq!(crate::find::find_with(&words, true), crate::find::find_with(&words, false), "{sentence}");
    }
}
