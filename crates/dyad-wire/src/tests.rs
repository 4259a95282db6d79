//! The wire bytes of every type, optional fields present and skipped.

use super::*;

fn at(start: usize, end: usize) -> SpanJson {
    SpanJson { span: [start, end], chars: [start + 100, end + 100] }
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

fn setting(full: bool) -> SettingJson {
    if full {
        SettingJson { date: some("2022-01-12"), time: Some(4), date_reason: "dr".into(), place: Some(5), place_reason: "pr".into() }
    } else {
        SettingJson::default()
    }
}

fn token(full: bool) -> TokenJson {
    TokenJson {
        span: at(1, 2),
        text: "t".into(),
        norm: full.then(|| "n".into()),
        kind: Cow::Borrowed("word"),
        upos: full.then_some(Cow::Borrowed("NUM")),
        xpos: full.then_some(Cow::Borrowed("CD")),
        lemma: full.then(|| "l".into()),
    }
}

fn chunk(full: bool) -> ChunkJson {
    ChunkJson {
        kind: Cow::Borrowed("VG"),
        span: at(3, 4),
        tokens: [5, 6],
        head: 7,
        head_text: "h".into(),
        passive: full,
        negated: full,
        modal: full.then(|| "m".into()),
    }
}

fn speaker(full: bool) -> QuoteSpeakerJson {
    QuoteSpeakerJson {
        span: at(8, 9),
        text: "s".into(),
        entity: full.then_some(10),
        name: full.then(|| "n".into()),
        code: full.then(|| "c".into()),
        reason: "r".into(),
    }
}

fn actor(full: bool) -> EventActorJson {
    EventActorJson { span: at(11, 12), text: "a".into(), entity: full.then_some(13), code: full.then(|| "c".into()), reason: "r".into() }
}

/// An analysis with one of each type, optional fields both filled and not.
fn sample() -> AnalysisJson {
    let both = [true, false];
    AnalysisJson {
        version: WIRE_VERSION,
        document: DocumentJson {
            id: "id".into(),
            source: "src".into(),
            external_id: some("x"),
            format: "text".into(),
            url: None,
            title: some("ti"),
            author: None,
            date: some("2022-01-12"),
            date_source: "cli".into(),
            date_confidence: 0.5,
            date_reason: "why".into(),
            text: "Tëxt \"q\"\n".into(),
            segments: both
                .iter()
                .map(|&full| SegmentJson {
                    kind: "article".into(),
                    span: at(0, 9),
                    paragraphs: vec![at(0, 4), at(5, 9)],
                    speaker: full.then(|| SpeakerJson { name: "sp".into(), span: at(14, 15) }),
                    caps: full,
                    rule: "rule".into(),
                    reason: "reason".into(),
                })
                .collect(),
        },
        sentences: both
            .iter()
            .map(|&full| SentenceJson {
                span: at(16, 17),
                segment: 1,
                text: "st".into(),
                norm: full.then(|| "sn".into()),
                n_tokens: 2,
                chunks: if full { vec![chunk(true), chunk(false)] } else { Vec::new() },
                tokens: if full { vec![token(true), token(false)] } else { Vec::new() },
            })
            .collect(),
        entities: vec![EntityJson {
            id: 0,
            kind: "PER".into(),
            name: "nm".into(),
            title: some("tt"),
            mentions: both
                .iter()
                .map(|&full| MentionJson {
                    span: at(18, 19),
                    text: "mt".into(),
                    norm: full.then(|| "mn".into()),
                    kind: "PER".into(),
                    sentence: full.then_some(1),
                    rule: "mr".into(),
                    reason: "mw".into(),
                })
                .collect(),
        }],
        events: both
            .iter()
            .map(|&full| EventJson {
                code: "043".into(),
                label: "lb".into(),
                root: "04".into(),
                quad: 1,
                goldstein: 2.5,
                plover: "pl".into(),
                plover_mode: "pm".into(),
                source: actor(full),
                target: full.then(|| actor(false)),
                trigger: at(20, 21),
                trigger_text: "tr".into(),
                sentence: 1,
                sentence_span: at(22, 23),
                modality: "asserted".into(),
                rule: "er".into(),
                reason: "ew".into(),
                setting: setting(full),
            })
            .collect(),
        quotes: both
            .iter()
            .map(|&full| QuoteJson {
                kind: "direct".into(),
                content: vec![at(24, 25), at(26, 27)],
                text: "qt".into(),
                cue: full.then(|| at(28, 29)),
                cue_text: "cu".into(),
                speaker: full.then(|| speaker(true)),
                about: full.then(|| speaker(false)),
                sentences: [0, 2],
                rule: "qr".into(),
                reason: "qw".into(),
                setting: setting(!full),
            })
            .collect(),
        times: both
            .iter()
            .map(|&full| TimeJson {
                span: at(30, 31),
                text: "tx".into(),
                sentence: 0,
                kind: "DATE".into(),
                value: "2022-01-12".into(),
                days: full.then(|| ["2022-01-12".to_string(), "2022-01-13".to_string()]),
                anchored: full,
                rule: "tr".into(),
                reason: "tw".into(),
            })
            .collect(),
        places: both
            .iter()
            .map(|&full| PlaceJson {
                span: at(32, 33),
                text: "px".into(),
                sentence: 0,
                role: "literal".into(),
                geonameid: full.then_some(2_660_646),
                name: "Geneva".into(),
                feature: "PPLA".into(),
                country: "CH".into(),
                lat: 46.25,
                lon: 6.125,
                rule: "pr".into(),
                reason: "pw".into(),
            })
            .collect(),
        diagnostics: both
            .iter()
            .map(|&full| DiagnosticJson {
                severity: "info".into(),
                code: "dc".into(),
                message: "dm".into(),
                span: full.then(|| at(34, 35)),
            })
            .collect(),
    }
}

/// The bytes the derived (flattened) serialisation wrote, field for field:
/// the hand-written `Serialize` impls must keep them.
const SAMPLE_JSON: &str = concat!(
    r#"{"version":2,"document":{"id":"id","source":"src","external_id":"x","format":"text","url":null,"title":"ti","author":null,"#,
    r#""date":"2022-01-12","date_source":"cli","date_confidence":0.5,"date_reason":"why","text":"Tëxt \"q\"\n","segments":[{"kind":"article","#,
    r#""span":[0,9],"chars":[100,109],"paragraphs":[{"span":[0,4],"chars":[100,104]},{"span":[5,9],"chars":[105,109]}],"#,
    r#""speaker":{"name":"sp","span":[14,15],"chars":[114,115]},"caps":true,"rule":"rule","reason":"reason"},{"kind":"article","#,
    r#""span":[0,9],"chars":[100,109],"paragraphs":[{"span":[0,4],"chars":[100,104]},{"span":[5,9],"chars":[105,109]}],"#,
    r#""speaker":null,"caps":false,"rule":"rule","reason":"reason"}]},"sentences":[{"span":[16,17],"chars":[116,117],"#,
    r#""segment":1,"text":"st","norm":"sn","n_tokens":2,"chunks":[{"kind":"VG","span":[3,4],"chars":[103,104],"tokens":[5,"#,
    r#"6],"head":7,"head_text":"h","passive":true,"negated":true,"modal":"m"},{"kind":"VG","span":[3,4],"chars":[103,"#,
    r#"104],"tokens":[5,6],"head":7,"head_text":"h"}],"tokens":[{"span":[1,2],"chars":[101,102],"text":"t","norm":"n","#,
    r#""kind":"word","upos":"NUM","xpos":"CD","lemma":"l"},{"span":[1,2],"chars":[101,102],"text":"t","kind":"word"}]},"#,
    r#"{"span":[16,17],"chars":[116,117],"segment":1,"text":"st","n_tokens":2}],"entities":[{"id":0,"kind":"PER","name":"nm","#,
    r#""title":"tt","mentions":[{"span":[18,19],"chars":[118,119],"text":"mt","norm":"mn","kind":"PER","sentence":1,"rule":"mr","#,
    r#""reason":"mw"},{"span":[18,19],"chars":[118,119],"text":"mt","kind":"PER","sentence":null,"rule":"mr","reason":"mw"}]}],"#,
    r#""events":[{"code":"043","label":"lb","root":"04","quad":1,"goldstein":2.5,"plover":"pl","plover_mode":"pm","source":{"span":[11,"#,
    r#"12],"chars":[111,112],"text":"a","entity":13,"code":"c","reason":"r"},"target":{"span":[11,12],"chars":[111,112],"#,
    r#""text":"a","entity":null,"code":null,"reason":"r"},"trigger":{"span":[20,21],"chars":[120,121]},"trigger_text":"tr","#,
    r#""sentence":1,"sentence_span":{"span":[22,23],"chars":[122,123]},"modality":"asserted","rule":"er","reason":"ew","#,
    r#""date":"2022-01-12","time":4,"date_reason":"dr","place":5,"place_reason":"pr"},{"code":"043","label":"lb","root":"04","#,
    r#""quad":1,"goldstein":2.5,"plover":"pl","plover_mode":"pm","source":{"span":[11,12],"chars":[111,112],"text":"a","#,
    r#""entity":null,"code":null,"reason":"r"},"target":null,"trigger":{"span":[20,21],"chars":[120,121]},"trigger_text":"tr","#,
    r#""sentence":1,"sentence_span":{"span":[22,23],"chars":[122,123]},"modality":"asserted","rule":"er","reason":"ew","#,
    r#""date":null,"time":null,"date_reason":"","place":null,"place_reason":""}],"quotes":[{"kind":"direct","content":[{"span":[24,"#,
    r#"25],"chars":[124,125]},{"span":[26,27],"chars":[126,127]}],"text":"qt","cue":{"span":[28,29],"chars":[128,129]},"#,
    r#""cue_text":"cu","speaker":{"span":[8,9],"chars":[108,109],"text":"s","entity":10,"name":"n","code":"c","reason":"r"},"#,
    r#""about":{"span":[8,9],"chars":[108,109],"text":"s","entity":null,"name":null,"code":null,"reason":"r"},"sentences":[0,"#,
    r#"2],"rule":"qr","reason":"qw","date":null,"time":null,"date_reason":"","place":null,"place_reason":""},{"kind":"direct","#,
    r#""content":[{"span":[24,25],"chars":[124,125]},{"span":[26,27],"chars":[126,127]}],"text":"qt","cue":null,"cue_text":"cu","#,
    r#""speaker":null,"about":null,"sentences":[0,2],"rule":"qr","reason":"qw","date":"2022-01-12","time":4,"date_reason":"dr","#,
    r#""place":5,"place_reason":"pr"}],"times":[{"span":[30,31],"chars":[130,131],"text":"tx","sentence":0,"type":"DATE","#,
    r#""value":"2022-01-12","days":["2022-01-12","2022-01-13"],"anchored":true,"rule":"tr","reason":"tw"},{"span":[30,"#,
    r#"31],"chars":[130,131],"text":"tx","sentence":0,"type":"DATE","value":"2022-01-12","days":null,"anchored":false,"#,
    r#""rule":"tr","reason":"tw"}],"places":[{"span":[32,33],"chars":[132,133],"text":"px","sentence":0,"role":"literal","#,
    r#""geonameid":2660646,"name":"Geneva","feature":"PPLA","country":"CH","lat":46.25,"lon":6.125,"rule":"pr","reason":"pw"},"#,
    r#"{"span":[32,33],"chars":[132,133],"text":"px","sentence":0,"role":"literal","geonameid":null,"name":"Geneva","feature":"PPLA","#,
    r#""country":"CH","lat":46.25,"lon":6.125,"rule":"pr","reason":"pw"}],"diagnostics":[{"severity":"info","code":"dc","#,
    r#""message":"dm","span":{"span":[34,35],"chars":[134,135]}},{"severity":"info","code":"dc","message":"dm","span":null}]}"#,
);

/// JSON with the whitespace between tokens taken out.
fn compact(json: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::new(), false, false);
    for c in json.chars() {
        if in_string || !c.is_ascii_whitespace() {
            out.push(c);
        }
        if in_string && !escaped && c == '"' {
            in_string = false;
        } else if !in_string && c == '"' {
            in_string = true;
        }
        escaped = in_string && !escaped && c == '\\';
    }
    out
}

#[test]
fn wire_bytes_are_those_of_the_derived_form() {
    let sample = sample();
    let json = serde_json::to_string(&sample).unwrap();
    assert_eq!(json, SAMPLE_JSON);
    // Pretty output is the same document, indented.
    let pretty = serde_json::to_string_pretty(&sample).unwrap();
    assert!(pretty.starts_with("{\n  \"version\": 2,\n  \"document\": {\n    \"id\": \"id\","));
    assert_eq!(compact(&pretty), json);
    // And it reads back as it was.
    assert_eq!(serde_json::from_str::<AnalysisJson>(&json).unwrap(), sample);
    assert_eq!(serde_json::from_str::<AnalysisJson>(&pretty).unwrap(), sample);
}

/// What [`json::WriteJson`] appends is what serde_json writes.
fn same_as_serde_json<T: json::WriteJson + Serialize + ?Sized>(value: &T) {
    let mut out = b"[".to_vec();
    value.write_json(&mut out);
    assert_eq!(String::from_utf8(out).unwrap(), format!("[{}", serde_json::to_string(value).unwrap()));
}

#[test]
fn json_writer_writes_what_serde_json_writes() {
    let sample = sample();
    same_as_serde_json(&sample);
    let mut out = Vec::new();
    sample.write_json(&mut out);
    assert_eq!(out, SAMPLE_JSON.as_bytes());
    let mut sparse = sample;
    sparse.sentences.truncate(1);
    sparse.sentences[0].tokens.clear();
    sparse.document.segments.clear();
    same_as_serde_json(&sparse);
}

#[test]
fn json_writer_escapes_and_formats_as_serde_json() {
    // Every byte JSON escapes, at every offset of the eight-byte scan.
    let specials: String = (0u8..0x20).map(char::from).chain(['"', '\\', '\u{7f}', 'é', '€', '😀', '/']).collect();
    for pad in 0..17 {
        let padding = "x".repeat(pad);
        for c in specials.chars() {
            same_as_serde_json(&format!("{padding}{c}{padding}"));
            same_as_serde_json(&format!("{c}{padding}"));
        }
        same_as_serde_json(&format!("{padding}{specials}{padding}"));
        same_as_serde_json(&padding);
    }
    for n in [0, 1, 9, 10, 99, 100, 12_345, 99_999_999, 100_000_000, 999_999_999, 1_000_000_000, u64::MAX as usize] {
        same_as_serde_json(&n);
        same_as_serde_json(&[u32::try_from(n).unwrap_or(u32::MAX); 2]);
    }
    same_as_serde_json(&[u8::MAX, 0, 7]);
    // Every number of digits, and every digit in every place.
    for digits in 1..=9u32 {
        for lead in 1..=9u64 {
            for rest in [0, 1, 5, 9, 123_456_789] {
                let n = lead * 10u64.pow(digits - 1) + rest % 10u64.pow(digits - 1);
                same_as_serde_json(&usize::try_from(n).unwrap());
            }
        }
    }
    (0..200_000usize).chain((99_800_000..100_200_000).step_by(7)).for_each(|n| same_as_serde_json(&n));
    same_as_serde_json(&vec![0.1f32, 2.5, f32::NAN, 123_456_789.0]);
    same_as_serde_json(&vec![-0.0f64, 1e300, f64::INFINITY, 46.2044, 1.0]);
    same_as_serde_json(&vec![Some(true), None, Some(false)]);
    same_as_serde_json(&(Vec::<String>::new(), vec![Cow::Borrowed("a"), Cow::Owned("b".into())]).1);
    same_as_serde_json(&Vec::<Vec<u8>>::from([vec![], vec![1]]));
}
