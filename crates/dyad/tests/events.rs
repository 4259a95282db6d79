//! Events on sentences we wrote: roles, passives, negation, intent,
//! demands, coordination, pronouns and titles inherited by later mentions.

use dyad::Pipeline;
use dyad_core::{Analysis, Modality};

/// One event as `(root, source code, target code or "-", modality)`.
type Coded = (String, String, String, Modality);

fn events(text: &str) -> (Analysis, Vec<Coded>) {
    let analysis = Pipeline::new().analyze_text(text);
    let coded = analysis
        .events
        .iter()
        .map(|e| {
            (
                e.root().to_string(),
                e.source.code.clone().unwrap_or_default(),
                e.target.as_ref().and_then(|t| t.code.clone()).unwrap_or_else(|| "-".to_string()),
                e.modality,
            )
        })
        .collect();
    (analysis, coded)
}

fn has(found: &[Coded], root: &str, source: &str, target: &str, modality: Modality) -> bool {
    found.iter().any(|(r, s, t, m)| r == root && s == source && t == target && *m == modality)
}

#[test]
fn a_meeting_between_two_officials_is_coded_with_their_countries() {
    let (_, found) = events("Russian Deputy Foreign Minister Sergey Ryabkov met US Deputy Secretary of State Wendy Sherman in Geneva on Monday.\n");
    assert!(has(&found, "04", "RUSGOV", "USAGOV", Modality::Asserted), "{found:?}");
}

#[test]
fn a_passive_takes_its_source_from_by() {
    let (_, found) = events("The border post was shelled by Russian forces overnight.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "19" && s == "RUSMIL"), "{found:?}");
}

#[test]
fn negation_intent_and_demands_are_modalities() {
    let (_, found) = events("Estonia did not expel the Russian ambassador.\n");
    assert!(found.iter().any(|(_, s, _, m)| s == "EST" && *m == Modality::Negated), "{found:?}");
    // A promise of aid is CAMEO's intent to provide aid (033).
    let (analysis, found) = events("Finland will send aid to Ukraine.\n");
    assert!(has(&found, "03", "FIN", "UKR", Modality::Future), "{found:?}");
    assert!(analysis.events[0].provenance.reason.contains("intent"), "{}", analysis.events[0].provenance.reason);
    let (_, found) = events("NATO called on Russia to withdraw its troops from the border.\n");
    assert!(has(&found, "02", "NAT", "RUS", Modality::Asserted), "{found:?}");
    assert!(has(&found, "08", "RUS", "-", Modality::Demanded), "{found:?}");
}

#[test]
fn coordinated_places_give_one_event_each() {
    let (_, found) = events("Lawmakers in Latvia and Lithuania condemned the decision.\n");
    assert!(has(&found, "11", "LVALEG", "-", Modality::Asserted), "{found:?}");
    assert!(has(&found, "11", "LTULEG", "-", Modality::Asserted), "{found:?}");
}

#[test]
fn coordinated_subjects_of_a_meeting_meet_each_other() {
    let (_, found) = events("Norway and Estonia held talks in Oslo.\n");
    assert!(has(&found, "04", "NOR", "EST", Modality::Asserted), "{found:?}");
    assert!(has(&found, "04", "EST", "NOR", Modality::Asserted), "{found:?}");
}

#[test]
fn pronouns_and_surnames_inherit_the_code_of_the_first_mention() {
    let (analysis, found) = events(
        "Russian Foreign Minister Sergey Ryabkov arrived in Vienna on Tuesday. He criticized NATO. Later Ryabkov praised Austria.\n",
    );
    assert!(has(&found, "11", "RUSGOV", "NAT", Modality::Asserted), "{found:?}");
    assert!(has(&found, "05", "RUSGOV", "AUT", Modality::Asserted), "{found:?}");
    let criticism = analysis.events.iter().find(|e| e.root() == "11").expect("a criticism");
    assert!(criticism.source.reason.contains("Ryabkov"), "{}", criticism.source.reason);
}

#[test]
fn every_event_has_a_coded_source_a_rule_and_a_reason() {
    let text = "Police arrested dozens of protesters in Minsk. Finland will send aid to Ukraine. Estonia did not expel the Russian ambassador.\n";
    let (analysis, _) = events(text);
    assert!(analysis.events.len() >= 3, "{:?}", analysis.events);
    for event in &analysis.events {
        assert!(event.source.code.is_some());
        assert!(event.provenance.rule.starts_with("event."));
        assert!(!event.provenance.reason.is_empty());
        let sentence = &analysis.sentences[event.sentence];
        assert!(sentence.span.start <= event.trigger_span.start && event.trigger_span.end <= sentence.span.end);
    }
}

#[test]
fn sentences_without_actors_have_no_events() {
    let (_, found) = events("It rained all day and the match was postponed.\n");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn names_with_parentheses_and_participles_are_whole_subjects() {
    // "United" is tagged as a verb by the model; inside a name it is part of it.
    let (_, found) = events("The United Nations condemned the attack on the convoy.\n");
    assert!(has(&found, "11", "UNO", "-", Modality::Asserted), "{found:?}");
    // An acronym in parentheses between the name and the verb.
    let (_, found) = events("The International Labour Organization (ILO) condemned Israel on Monday.\n");
    assert!(found.iter().any(|(r, s, t, _)| r == "11" && s == "ILO" && t == "ISR"), "{found:?}");
    // "is prepared to lift": the verb after "to" is active.
    let (_, found) = events("Algeria is prepared to lift the ban on Morocco.\n");
    assert!(has(&found, "03", "DZA", "MAR", Modality::Future), "{found:?}");
}

#[test]
fn reduced_relatives_double_objects_and_physical_targets() {
    // The subject is the phrase before the participle, not the place after it.
    let (_, found) = events("Russian troops stationed near the border attacked Ukrainian positions.\n");
    assert!(has(&found, "19", "RUSMIL", "UKR", Modality::Asserted), "{found:?}");
    // "gave Vietnam a loan": the first object receives the second.
    let (_, found) = events("Japan gave Vietnam a loan on Monday.\n");
    assert!(has(&found, "07", "JPN", "VNM", Modality::Asserted), "{found:?}");
    // Force used against a place that names no actor is still force.
    let (_, found) = events("Israeli helicopters shelled positions near the town.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "19" && s == "ISRMIL"), "{found:?}");
}

#[test]
fn participle_clauses_generic_heads_and_stative_passives() {
    // "issued a statement demanding …": the issuer demands.
    let (_, found) = events("Hamas issued a statement demanding that Israel free the prisoners.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "10" && s == "PSEREBHMS"), "{found:?}");
    // "protesters demanding …" demand, not the police.
    let (_, found) = events("Police fired on protesters demanding reforms.\n");
    assert!(!found.iter().any(|(r, s, _, _)| r == "10" && s.ends_with("COP")), "{found:?}");
    // "a mediation effort between A and B" is mediation.
    let (_, found) = events("Qatar launched a mediation effort between Sudan and Chad.\n");
    assert!(has(&found, "04", "QAT", "SDN", Modality::Asserted), "{found:?}");
    // "is opposed to" is the subject's stance, not a passive: opposing
    // mediation rejects it (126).
    let (_, found) = events("Israel is opposed to any mediation by France.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "12" && s == "ISR"), "{found:?}");
    let (_, found) = events("Israel is opposed to any plan by France.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "11" && s == "ISR"), "{found:?}");
}

#[test]
fn purpose_clauses_and_demands_of_a_protest() {
    // "… to allow aid deliveries": done by the main clause's subject.
    let (_, found) = events("Uzbekistan opened the river crossing after two winters to allow food convoys into Afghanistan.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "08" && s == "UZB"), "{found:?}");
    // A protest's demand is part of the protest: no separate demand event.
    let (_, found) = events("Thousands of Kenyan students staged a protest in Nairobi to demand reforms.\n");
    assert!(found.iter().any(|(r, _, _, _)| r == "14"), "{found:?}");
    assert!(!found.iter().any(|(r, _, _, _)| r == "10"), "{found:?}");
}

#[test]
fn force_posture_in_the_passive_and_reduced_relatives_is_the_troops_own() {
    let (_, found) = events("Tens of thousands of Armenian troops are mobilized at the border with Azerbaijan.");
    assert!(has(&found, "15", "ARMMIL", "AZE", Modality::Asserted), "{found:?}");
    let (_, found) = events("Diplomats worried about the Armenian troops stationed near the border with Azerbaijan.");
    assert!(found.iter().any(|(r, s, t, _)| r == "15" && s == "ARMMIL" && t == "AZE"), "{found:?}");
}

#[test]
fn a_meeting_still_to_come_is_a_future_consultation() {
    let (_, found) = events("The minister said the matter would be left for the NATO summit meeting in Madrid next month.");
    assert!(found.iter().any(|(r, s, _, m)| r == "04" && s == "NAT" && *m == Modality::Future), "{found:?}");
}

#[test]
fn a_sector_with_no_country_takes_the_country_the_sentence_is_set_in() {
    // A place after "in", or the country of a domestic actor in the sentence.
    let (_, found) = events("The president declared a state of emergency in Nairobi after the riots.\n");
    assert!(found.iter().any(|(_, s, _, _)| s == "KENGOV"), "{found:?}");
    let (_, found) = events("A judge in Lima opened an inquiry into the contracts on Friday.\n");
    assert!(found.iter().any(|(_, s, _, _)| s == "PERJUD"), "{found:?}");
    // A country in the target is the target's: "the president welcomed the Chinese premier".
    let (_, found) = events("The president warmly welcomed the Chinese premier on Monday.\n");
    assert!(found.iter().all(|(_, s, _, _)| !s.starts_with("CHN")), "{found:?}");
    // "ethnic …": a people or group living where the sentence is set.
    let (_, found) = events("Ethnic Serb militias operating in Kosovo attacked a police station.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "19" && s.starts_with("XKX")), "{found:?}");
    // Not when the country is an actor of its own: the target, a clause's
    // subject, the object of "to", or a product's origin.
    let (_, found) = events("The president threatened Iran with new sanctions.\n");
    assert!(found.iter().all(|(_, s, _, _)| s == "GOV"), "{found:?}");
    let (_, found) = events("The minister said Iran must stop enrichment.\n");
    assert!(found.iter().all(|(_, s, _, _)| !s.starts_with("IRN")), "{found:?}");
    let (_, found) = events("Farmers protested against cheap Brazilian beef on Monday.\n");
    assert!(found.iter().all(|(_, s, _, _)| !s.starts_with("BRA")), "{found:?}");
    // Nor for several sides: "the two governments", "ministers from the three states".
    let (_, found) = events("The two governments agreed to reopen the border crossing near Rabat.\n");
    assert!(found.iter().all(|(_, s, _, _)| !s.starts_with("MAR")), "{found:?}");
}

#[test]
fn peoples_live_where_the_text_puts_them() {
    let (_, found) = events("Ethnic Hungarians in southern Slovakia demanded schooling in their own language.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "10" && s == "SVK"), "{found:?}");
    let (_, found) = events("About 300 ethnic Uzbeks demonstrated on Sunday in Kyrgyzstan.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "14" && s == "KGZ"), "{found:?}");
}

#[test]
fn owners_leaders_and_backers_of_forces() {
    // "their forces": the last actor's.
    let (_, found) = events("Armenian officials said on Friday their forces had completed the withdrawal from the village.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "08" && s == "ARMMIL"), "{found:?}");
    // "X-led forces" are X's; "X-backed militia" are not.
    let (_, found) = events("Nigerian-led forces attacked the rebel camp on Tuesday.\n");
    assert!(has(&found, "19", "NGAMIL", "-", Modality::Asserted) || found.iter().any(|(r, s, _, _)| r == "19" && s == "NGAMIL"), "{found:?}");
    let (_, found) = events("An Iranian-backed militia attacked the base on Tuesday.\n");
    assert!(found.iter().all(|(_, s, _, _)| !s.starts_with("IRN")), "{found:?}");
    // "aircraft including helicopters", "Washington along with its allies": the phrase before.
    let (_, found) = events("Turkish aircraft including attack helicopters bombed the hideouts.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "19" && s == "TURMIL"), "{found:?}");
    let (_, found) = events("Washington along with European partners demanded that the junta free all detained journalists.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "10" && s.starts_with("USA")), "{found:?}");
}

#[test]
fn domestic_groups_carry_their_country() {
    let (_, found) = events("Hezbollah fired rockets at northern Israel on Sunday.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "19" && s.starts_with("LBN") && s.ends_with("HEZ")), "{found:?}");
    // "the Bush administration": the surname before the agent.
    let (_, found) = events("The Bush administration demanded that Syria close its border.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "10" && s == "USAGOV"), "{found:?}");
}

#[test]
fn along_with_two_prepositions_and_counted_groups_in_subjects() {
    let (_, found) = events("Washington together with its Gulf partners demanded that Tehran free the sailors.");
    assert!(found.iter().any(|(r, s, _, _)| r == "10" && s == "USAGOV"), "{found:?}");
    let (_, found) = events("Thousands of Kenyans from across the country staged a rally.");
    assert!(found.iter().any(|(r, s, _, _)| r == "14" && s == "KEN"), "{found:?}");
    // The people a group counts are the subject when they name no country.
    let (_, found) = events("A group of refugees began a hunger strike.");
    assert!(found.iter().any(|(r, s, _, _)| r == "14" && s == "REF"), "{found:?}");
}

#[test]
fn intent_verbs_states_and_easing_in_the_passive() {
    // An intent to use force is a threat.
    let (_, found) = events("Russian forces vowed to attack Kyiv.");
    assert!(has(&found, "13", "RUSMIL", "UKRGOV", Modality::Future), "{found:?}");
    assert!(!found.iter().any(|(r, _, _, _)| r == "03"), "{found:?}");
    // "is committed to", "were engaged in": states of the subject, not passives.
    let (_, found) = events("Vietnam is committed to reforms.");
    assert!(found.iter().any(|(r, s, _, _)| r == "03" && s == "VNM"), "{found:?}");
    let (_, found) = events("Sudanese militias have been engaged in ethnic cleansing across the western province.");
    assert!(found.iter().any(|(r, s, _, _)| r == "20" && s == "SDNUAF"), "{found:?}");
    let (_, found) = events("Hundreds of Congolese militiamen were demobilized after last year's accord.");
    assert!(found.iter().any(|(r, s, _, _)| r == "08" && s == "CODUAF"), "{found:?}");
}

#[test]
fn statements_with_a_light_verb_quantities_and_coordinated_objects() {
    let (_, found) = events("The French president issued a blunt warning to Baghdad that it must admit the inspectors.");
    assert!(found.iter().any(|(r, s, _, _)| r == "10" && s == "FRAGOV"), "{found:?}");
    let (_, found) = events("Norway is willing to contribute up to 500 troops to the mission.");
    assert!(found.iter().any(|(r, s, _, m)| r == "03" && s == "NOR" && *m == Modality::Future), "{found:?}");
    let (_, found) = events("The UN will withdraw its inspectors and aid workers from Iraq.");
    assert!(found.iter().any(|(r, s, t, _)| r == "13" && s == "UNO" && t == "IRQ"), "{found:?}");
    // A hyphenated modifier stays in its phrase.
    let (_, found) = events("The Israeli army lifted a week-old blockade of the village.");
    assert!(found.iter().any(|(r, s, _, _)| r == "08" && s == "ISRMIL"), "{found:?}");
}

#[test]
fn a_verb_pattern_that_takes_its_object_is_one_event() {
    // "sought refuge" is a request, not refuge granted by the seekers.
    let (_, found) = events("Thousands of Syrian villagers sought refuge in Turkey.");
    assert!(found.iter().any(|(r, _, _, _)| r == "02"), "{found:?}");
    assert!(!found.iter().any(|(r, _, _, _)| r == "07"), "{found:?}");
}

#[test]
fn a_known_office_holder_named_by_surname_alone_is_coded() {
    let (_, found) = events("On Friday, Erdogan offered to host talks between the two sides.\n");
    assert!(found.iter().any(|(_, s, _, _)| s == "TURGOV"), "{found:?}");
    // An adjective for people heads its phrase: "evacuated the wounded" is aid.
    let (_, found) = events("Jordanian helicopters flew the wounded out after evacuating them from the camp.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "07" && s == "JORMIL"), "{found:?}");
}

#[test]
fn meetings_named_by_long_or_bracketed_bodies_and_demands_stated_as_a_copula() {
    // A long name the chunker cuts at its prepositions; "ahead of" makes it planned.
    let (_, found) = events("All eyes are on the talks ahead of the Organization for Security and Co-operation in Europe meeting on Friday.\n");
    assert!(has(&found, "04", "SCE", "-", Modality::Future), "{found:?}");
    // An editor's expansion in brackets before the rest of the name.
    let (_, found) = events("The question was left for the [Organization for Security and Co-operation in Europe] Permanent Council meeting next week.\n");
    assert!(has(&found, "04", "SCE", "-", Modality::Future), "{found:?}");
    // "One of X's demands for Y was to …": Y would act, as demanded.
    let (_, found) = events("One of Serbia's main demands for the European Union was to lift the sanctions on its banks.\n");
    assert!(found.iter().any(|(_, s, _, m)| s == "EEC" && *m == Modality::Demanded), "{found:?}");
    assert!(!found.iter().any(|(_, s, _, m)| s == "SRB" && *m != Modality::Asserted), "{found:?}");
    // "between Secretary of State A and Minister B": each side whole.
    let (analysis, _) = events("Friday's meeting was between Secretary of State Antony Blinken and Chinese Foreign Minister Wang Yi.\n");
    let sides: Vec<&str> = analysis.events.iter().map(|e| e.source.text.as_str()).collect();
    assert!(sides.contains(&"Secretary of State Antony Blinken"), "{sides:?}");
    // A headline's comma list: "A, B meet".
    let (_, found) = events("Japan, South Korea meet on trade curbs\n\nThe two sides met in Seoul.\n");
    assert!(found.iter().any(|(r, s, t, _)| r == "04" && s.starts_with("JPN") && t.starts_with("KOR")), "{found:?}");
}

#[test]
fn an_act_undone_or_only_demanded_is_not_asserted() {
    // "another demand was rolling back X's deployments": no deployment happened.
    let (_, found) = events("Another of Serbia's demands was rolling back the alliance's military deployments in the region.\n");
    assert!(!found.iter().any(|(r, _, _, m)| r == "15" && *m == Modality::Asserted), "{found:?}");
    // "stopped the attacks": no attack is asserted by the verb's object.
    let (_, found) = events("The rebels stopped their attacks on Israeli towns.\n");
    assert!(!found.iter().any(|(r, _, _, m)| r == "19" && *m == Modality::Asserted), "{found:?}");
}

#[test]
fn an_object_relative_without_that_has_its_own_subject() {
    let (analysis, _) = events("Envoys discussed the border proposals Hungary announced last week.\n");
    let announce = analysis.events.iter().find(|e| e.code == "010").expect("an announcement");
    assert_eq!(announce.source.text, "Hungary");
}

#[test]
fn settings_demands_and_names_do_not_overreach() {
    // Where armed men strike is not whose they are.
    let (_, found) = events("Warplanes struck targets in northern Syria overnight.\n");
    assert!(found.iter().all(|(_, s, _, _)| !s.starts_with("SYR")), "{found:?}");
    // A country after "for" is a counterpart, not the setting.
    let (_, found) = events("Police arrested two men accused of spying for Russia's intelligence service.\n");
    assert!(found.iter().all(|(_, s, _, _)| !s.starts_with("RUS")), "{found:?}");
    // A demand noun far before the copula does not make the clause demanded.
    let (_, found) = events("Despite calls for restraint, Israel is continuing its offensive in Gaza.\n");
    assert!(found.iter().all(|(_, _, _, m)| *m != Modality::Demanded), "{found:?}");
    // A weekday after a plural noun is no relative clause's subject.
    let (_, found) = events("Russian troops Tuesday shelled the city of Kharkiv.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "19" && s == "RUSMIL"), "{found:?}");
    // "the Group of Seven" is a name, not a count.
    let (_, found) = events("The Group of Seven condemned the attack on the embassy.\n");
    assert!(found.iter().any(|(r, _, _, _)| r == "11"), "{found:?}");
    // "ended the blockade": no blockade by the army.
    let (_, found) = events("The army ended the blockade of the port on Monday.\n");
    assert!(!found.iter().any(|(r, _, _, m)| r.starts_with("19") || (r == "17" && *m == Modality::Asserted)), "{found:?}");
    // A relative's full name is not the office-holder ("Hunter Biden"); a month is no surname.
    let (_, found) = events("Hunter Biden criticised the ruling on Monday.\n");
    assert!(found.iter().all(|(_, s, _, _)| s != "USAGOV"), "{found:?}");
    // An organisation's acronym in parentheses is kept.
    let (_, found) = events("Kurdish rebels (PKK) attacked a police post near the border.\n");
    assert!(found.iter().any(|(r, s, _, _)| r == "19" && s.ends_with("PKK")), "{found:?}");
}

#[test]
fn the_closing_attribution_does_not_set_the_scene() {
    let (_, found) = events("The president declared a state of emergency in Nairobi, a spokesman for the British embassy said.\n");
    assert!(found.iter().any(|(_, s, _, _)| s == "KENGOV"), "{found:?}");
}
