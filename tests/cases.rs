//! Behaviour, rule by rule of ANNOTATION.md: each row is a text written for it and the spans it must give,
//! as (text, label), with the linked id where it matters. Each row is a test of its own, named by its
//! rule: `cargo test r23_` runs rule 23's rows.

macro_rules! cases {
    ($($name:ident: $text:expr => [$(($span:expr, $label:expr)),* $(,)?];)*) => {
        $(
            #[test]
            fn $name() {
                gives($text, &[$(($span, $label)),*]);
            }
        )*
    };
}

/// Asserts that `text` gives exactly the spans `want`, as (text, label), in order.
fn gives(text: &str, want: &[(&str, &str)]) {
    let got: Vec<(String, String)> = nkner::extract(text)
        .iter()
        .map(|s| (s.text.clone(), s.label.to_string()))
        .collect();
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(t, l)| (t.to_string(), l.to_string()))
        .collect();
    assert_eq!(got, want, "{text:?}");
}

cases! {
    // Labels.
    label_province: "Floods hit North Pyongan Province." => [("North Pyongan Province", "PROVINCE")];
    label_city: "Traders in Chongjin say rice is dear." => [("Chongjin", "CITY")];
    label_provincial_city: "Officials in Rason met Russian traders." => [("Rason", "CITY")];
    label_county: "Farms in Yonsa County were flooded." => [("Yonsa County", "COUNTY")];
    label_district: "A rally was held in Moranbong District." => [("Moranbong District", "DISTRICT")];
    label_agency: "The Reconnaissance General Bureau runs hackers." => [("Reconnaissance General Bureau", "AGENCY")];
    label_unit: "Hackers of Bureau 121 stole coins for the KPA." => [("Bureau 121", "UNIT"), ("KPA", "AGENCY")];

    // Rule 1: head words join, in any case; romanized suffixes; a plural head does not.
    r18_a_latin_name_in_single_quotes_before_a_particle: "북한 해킹 조직으로는 'APT38'이 대표적이고 ‘Lazarus’가 뒤를 잇는다." => [("APT38", "UNIT"), ("Lazarus", "UNIT")];
    r18_a_title_that_is_a_word_of_its_own: "김영남 상임위원장이 연설했다." => [];
    r25_a_formation_without_its_command_post: "북한 조선인민군 제324대연합부대 지휘부를 시찰했다." => [("조선인민군 제324대연합부대", "UNIT")];
    r1_korean_head_word_after_a_latin_group_name: "북한 해킹조직 Lazarus 그룹은 Kimsuky그룹과 다르다." => [("Lazarus 그룹", "UNIT"), ("Kimsuky그룹", "UNIT")];
    r1_head_province: "Ryanggang Province officials" => [("Ryanggang Province", "PROVINCE")];
    r1_head_lower_case: "the Hyesan city market" => [("Hyesan city", "CITY")];
    r1_name_needs_its_capital: "soju with anju, the side dishes" => [];
    r1_suffix_gun: "Samsu-gun farmers" => [("Samsu-gun", "COUNTY")];
    r1_suffix_do: "the Chagang-do leadership" => [("Chagang-do", "PROVINCE")];
    r1_suffix_kun_apart: "Changgang kun lies north of Kanggye. A Kanggye gun shop is no county." => [("Changgang kun", "COUNTY"), ("Kanggye", "CITY"), ("Kanggye", "CITY")];
    r3_the_direction_as_an_adjective: "Floods hit Northern Hamgyong Province and Southern Hwanghae." => [("Northern Hamgyong Province", "PROVINCE"), ("Southern Hwanghae", "PROVINCE")];
    r3_the_north_of_a_region_in_lower_case: "Floods hit northern Hamgyong and southern Hwanghae-namdo." => [("Hamgyong", "PROVINCE"), ("Hwanghae-namdo", "PROVINCE")];
    r18_a_district_named_with_jigu: "북한 평양 화성지구에 1만 세대 살림집이 완공됐다. 라선시 선봉지구도 바뀌었다." => [("평양", "CITY"), ("화성지구", "DISTRICT"), ("라선시", "CITY"), ("선봉지구", "DISTRICT")];
    r18_jigu_needs_the_norths_context: "화성지구 탐사 계획이 발표됐다." => [];
    r1_suffix_guyok: "Sunan-guyok residents" => [("Sunan-guyok", "DISTRICT")];
    r1_plural_head: "Arrests in Pochon and Samsu counties rose." => [("Pochon", "COUNTY"), ("Samsu", "COUNTY")];
    r1_plural_head_gives_the_head_a_form_needs: "Workers from Chollima and Hanggu districts" => [("Chollima", "DISTRICT"), ("Hanggu", "DISTRICT")];
    r1_plural_head_list: "Chongjin, Musan and Onsong counties are on the border." => [("Chongjin", "CITY"), ("Musan", "COUNTY"), ("Onsong", "COUNTY")];
    r15_a_plural_head_gives_a_city_the_county_it_was: "Hoeryong, Musan and Onsong counties are on the border." => [("Hoeryong", "COUNTY"), ("Musan", "COUNTY"), ("Onsong", "COUNTY")];
    r15_a_city_named_as_the_county_it_was: "1946년 문천군이 강원도에 들어갔다. Hoeryong County became a city in 1991." => [("문천군", "COUNTY"), ("강원도", "PROVINCE"), ("Hoeryong County", "COUNTY")];
    r22_hanja_of_a_county: "茂山郡과 穩城郡은 함경북도에 있다." => [("茂山郡", "COUNTY"), ("穩城郡", "COUNTY"), ("함경북도", "PROVINCE")];

    // Rule 2: directions are part of the name.
    r2_direction: "South Hamgyong and North Hwanghae sent workers." => [("South Hamgyong", "PROVINCE"), ("North Hwanghae", "PROVINCE")];

    // Rule 3: determiners and possessives stay out.
    r3_possessive: "the Ministry of State Security's agents" => [("Ministry of State Security", "AGENCY")];
    r3_curly_possessive: "Pyongyang’s orders" => [("Pyongyang", "CITY")];

    // Rule 4: a name used as a modifier.
    r4_modifier: "Hyesan residents and Pyongyang-based cadres" => [("Hyesan", "CITY"), ("Pyongyang", "CITY")];
    r4_source: "a North Hamgyong Province source said" => [("North Hamgyong Province", "PROVINCE")];

    // Rule 5: a place inside a local body's name.
    r5_branch: "the Hyesan MSS branch" => [("Hyesan", "CITY"), ("MSS", "AGENCY")];
    r5_party_committee: "the Ryanggang Provincial Party Committee" => [("Ryanggang", "PROVINCE")];
    r5_peoples_committee: "the Chongjin City People's Committee" => [("Chongjin City", "CITY")];

    // Rule 6: an acronym and its expansion.
    r6_acronym: "the Korean People's Army (KPA) said" => [("Korean People's Army", "AGENCY"), ("KPA", "AGENCY")];

    // Rule 7: the longer reading wins; a gazetteer entry over a rule.
    r7_longest: "Ryanggang Province" => [("Ryanggang Province", "PROVINCE")];
    r7_gazetteer_over_rule: "North Korea's Office 39 earns cash." => [("Office 39", "UNIT")];
    r7_a_longer_match_that_fails_hides_no_name: "The Korean People's Army Naval Forces drilled." => [("Korean People's Army", "AGENCY")];

    // Rule 8: whole words, invisible characters, grapheme boundaries.
    r8_samsung: "Samsung phones are smuggled into the North." => [];
    r8_united: "United Nations sanctions bite." => [];
    r8_soft_hyphen: "Hye\u{00AD}san traders" => [("Hye\u{00AD}san", "CITY")];
    r8_zero_width_joiner: "Kimjong\u{200D}suk County" => [("Kimjong\u{200D}suk County", "COUNTY")];
    r8_combining_mark_at_end: "Musan\u{0301} mine" => [("Musan\u{0301}", "COUNTY")];
    r8_line_break: "farms in Ryanggang\nProvince and North  Hamgyong" => [("Ryanggang\nProvince", "PROVINCE"), ("North  Hamgyong", "PROVINCE")];

    // Rule 9: South Korean namesakes.
    r9_north: "North Korea's Kangwon Province is short of fertilizer." => [("Kangwon Province", "PROVINCE")];
    r9_south: "Pocheon in South Korea's Gyeonggi Province hosts a base." => [];
    r9_south_spelling_in_the_south: "Tourists visited Goseong County in Gangwon Province." => [];
    r9_south_context_drops_namesake: "South Korea's Kangwon Province hosts the games." => [];
    r9_north_marked_south_spelling_is_no_south_sign: "Snow fell in North Korea's Gangwon Province and in Kosong County." => [("Gangwon Province", "PROVINCE"), ("Kosong County", "COUNTY")];
    r9_distant_south_mention: "Soldiers in Hyesan guarded the border.\n\nThe MSS arrested a trader in Pochon County.\n\nHe had watched South Korean dramas." => [("Hyesan", "CITY"), ("MSS", "AGENCY"), ("Pochon County", "COUNTY")];

    // Rule 27: a document about South Korea's own ground drops namesakes beyond the sentence window.
    r27_south_ground_far_away: "Heavy snow closed roads in Yanggu and Inje on Monday.\n\nSchools stayed shut for two days.\n\nFarmers near Haean said the harvest was late, and Kangwon Province sent ploughs." => [];
    r27_a_south_korean_township_after_the_county: "고성군 현내면 주민들이 축제를 열었다. 고성군은 관광객을 맞았다." => [];
    r27_a_border_county_dateline: "(철원=연합뉴스) 철원군과 고성군이 사업을 추진한다." => [];
    r27_the_self_governing_province: "강원자치도가 고성군 사업을 선정했다." => [];
    r27_the_norths_county_page_with_the_souths_words: "고성군은 조선민주주의인민공화국 강원도의 바닷가 군으로 금강산을 끼고 있다. 군사분계선 너머에는 대한민국 강원특별자치도 고성군이 있다. 관광 사업에 수천억원이 들었다." => [("고성군", "COUNTY"), ("강원도", "PROVINCE")];
    r27_the_norths_county_page_in_english_with_the_souths_words: "Kosong County is a county in Kangwon Province, North Korea. To the south lies Goseong County of Gangwon, South Korea, whose county office runs an observatory." => [("Kosong County", "COUNTY"), ("Kangwon Province", "PROVINCE")];
    r27_the_norths_county_on_the_souths_page: "연천군은 경기도에 속한다. 그 북쪽에는 조선민주주의인민공화국의 강원도 철원군이 있다." => [("강원도", "PROVINCE"), ("철원군", "COUNTY")];
    r27_a_souths_city_name_inside_an_everyday_word: "북한은 대구경 방사포와 대전차 미사일을 쏜 뒤 강원도 안변군에서 또 쐈다. 부산물도 나왔다." => [("강원도", "PROVINCE"), ("안변군", "COUNTY")];
    r27_a_souths_city_with_its_suffix: "대구시와 경상북도는 강원도 고성군과 교류한다." => [];
    r27_the_north_han_river_is_the_souths: "양구군은 북한강 상류에 있다. 북한강변 고성군 관광객이 늘었다." => [];
    r27_the_north_before_a_river_word_apart: "북한 강원도 고성군에서 홍수가 났다." => [("강원도", "PROVINCE"), ("고성군", "COUNTY")];
    r9_a_place_marked_as_the_souths: "원래 남한 김화군과 북한 김화군은 한 군이었다." => [("김화군", "COUNTY")];
    r27_a_south_korean_county_budget: "고성군은 올해 관광객 유치 예산으로 3억원을 편성했다. 군은 축제를 연다." => [];
    r27_a_south_korean_health_centre: "철원군보건소는 독감 예방접종을 시작했다. 철원군은 노인 인구가 많다." => [];
    r27_a_south_korean_residents_day: "올해 고성군민의 날에는 주민 3천 명이 모였다." => [];
    r27_a_south_korean_county_with_its_police: "철원경찰서는 철원군 주민 안전 대책을 내놓았다." => [];
    r27_the_norths_county_beside_a_budget: "북한 고성군 주민들이 식량난을 겪고 있다. 통일부는 100억원 지원을 검토한다." => [("고성군", "COUNTY")];
    r27_a_direction_is_no_township: "북한군이 고성군 방면으로 이동했다." => [("고성군", "COUNTY")];
    r27_south_ground_in_hangul: "양구군과 인제군에 폭설이 내렸다. 학교는 이틀 동안 문을 닫았다. 강원도 고성군 주민들은 눈을 치웠다." => [];
    r27_south_local_affairs: "도지사 후보들이 지방선거를 앞두고 토론했다. 학교는 문을 닫았다. 철원군 주민들이 모였다." => [];
    r27_south_army_corps: "육군 5군단이 철원군 일대에서 훈련을 했다." => [];
    r27_the_souths_security_council_committee: "북한이 미사일을 발사하자 청와대는 NSC 상임위를 열었다. 국회 국방위도 소집됐다." => [];
    r27_south_army_corps_in_a_text_on_the_north: "북한이 미사일을 쐈다. 육군 5군단은 경계를 강화했다." => [];
    r27_the_norths_army_corps_with_its_service: "북한이 미사일을 쐈다. 북한 육군 5군단도 이동했다." => [("북한 육군 5군단", "UNIT")];
    r27_a_county_that_is_a_border_region: "북한이 올림픽에 참가했다. 동해안 최북단의 고성군은 접경지역으로 규제가 많다." => [];
    r27_a_county_prosperity_association: "고성군 번영회장은 금강산 관광 재개를 촉구했다. 북한은 답하지 않았다." => [];
    r27_marked_north_kept: "Tourists in Yanggu and Inje watched the border.\n\nIt was cold.\n\nNorth Korea's Kangwon Province lies beyond the ridge." => [("Kangwon Province", "PROVINCE")];
    r27_own_sentence_anchor_kept: "Tourists in Yanggu and Inje watched the border.\n\nIt was cold.\n\nWonsan and Kosong County lie beyond the ridge." => [("Wonsan", "CITY"), ("Kosong County", "COUNTY")];
    r27_comparison_keeps_the_north: "Flats in Gangnam and Gangdong cost more this year.\n\nPrices fell elsewhere.\n\nIn North Korea, Kangnam County near Pyongyang grows rice.\n\nNearby Kangdong grows cabbage, state media said." => [("Kangnam County", "COUNTY"), ("Pyongyang", "CITY"), ("Kangdong", "COUNTY")];

    // Rule 10: romanizations; person-derived names.
    r10_mr_diacritics: "P'yŏngyang and Ch'ŏngjin" => [("P'yŏngyang", "CITY"), ("Ch'ŏngjin", "CITY")];
    r10_a_place_name_after_a_surname_is_a_given_name: "Vice minister Ri Sang-won met Kim Sangwon in Sangwon County." => [("Sangwon County", "COUNTY")];
    r10_revised: "Pyeongyang, Cheongjin and Yanggang-do" => [("Pyeongyang", "CITY"), ("Cheongjin", "CITY"), ("Yanggang-do", "PROVINCE")];
    r10_mr_province: "Hamgyŏng-bukto and Hamgyeongbuk-do" => [("Hamgyŏng-bukto", "PROVINCE"), ("Hamgyeongbuk-do", "PROVINCE")];
    r10_north_korean_spelling: "Nampho port and Phungso County" => [("Nampho", "CITY"), ("Phungso County", "COUNTY")];
    r10_nfd: "P'yo\u{306}ngyang" => [("P'yo\u{306}ngyang", "CITY")];
    r10_person_alone: "Kim Jong Suk was Kim Il Sung's wife." => [];
    r10_person_with_head: "Kim Jong Suk County lies near Hyesan." => [("Kim Jong Suk County", "COUNTY"), ("Hyesan", "CITY")];
    r10_person_coordinated: "Kim Jong Suk and Pochon counties border China." => [("Kim Jong Suk", "COUNTY"), ("Pochon", "COUNTY")];
    r10_no_syllable_split: "Photo: Kang Dong Wan" => [];

    // Rule 11: a place used for its government; names of other things.
    r11_metonymy: "Pyongyang said on Monday that talks were over." => [("Pyongyang", "CITY")];
    r11_missile: "North Korea tested a Hwasong-18 missile and a Hwasong 18 again." => [];
    r11_class_named_by_a_letter: "The Sinpo-C submarine left Sinpo-Hamhung waters." => [("Sinpo", "CITY"), ("Hamhung", "CITY")];
    r11_mountain_river: "Tourists left Mount Kumgang; the Taedong River froze." => [];
    r11_landforms_named_after_places: "The Musan Plateau, the Chaeryong plain and the Ongjin Peninsula lie in North Korea; Musan County mines iron." => [("Musan County", "COUNTY")];
    r11_ship_class: "A Sinpo-class submarine left port." => [];
    r11_band_movement: "The Moranbong Band sang of the Chollima movement." => [];
    r11_kim_chaek: "Kim Chaek was a guerrilla commander." => [];
    r11_company: "Kumho Tire opened a plant." => [];
    r26_company_by_its_trade: "Kumho Petrochemical opened a plant." => [];
    r26_newspaper_named_after_a_province: "The Kangwon Ilbo and the Pyongyang Sinmun reported it." => [];
    r26_hangul_newspaper_named_after_a_province: "강원도민일보와 평양신문이 보도했다." => [];
    r26_companies_not_in_the_contract: "North Korea's Nampo Shipping, Wonsan Motors and Hamhung Chemical Co. traded with Chongjin Airlines and Sinuiju Group." => [];
    r26_company_legal_form: "The MSS watched Hyesan Trading Company and Musan Industries Ltd in Hyesan." => [("MSS", "AGENCY"), ("Hyesan", "CITY")];
    r26_orchestra: "The Samjiyon Orchestra played in Pyongyang." => [("Pyongyang", "CITY")];
    r26_industrial_zone_keeps_its_place: "Kaesong Industrial Complex workers met in Nampo." => [("Kaesong", "CITY"), ("Nampo", "CITY")];

    // Rule 12: nested bodies are one span.
    r12_nested: "the Presidium of the Politburo of the Workers' Party of Korea met" => [("Presidium of the Politburo of the Workers' Party of Korea", "AGENCY")];
    r12_central_committee: "the Central Committee of the WPK decided" => [("Central Committee of the WPK", "AGENCY")];

    // Rule 13: agency or unit; foreign numbers; coordinated numbers.
    r13_units: "North Korea's Unit 10215 and Group 109 raided homes; Office 39 paid." => [("Unit 10215", "UNIT"), ("Group 109", "UNIT"), ("Office 39", "UNIT")];
    r13_number_before_division_or_brigade: "North Korea moved its 109 Division and the 25 Brigade to the border." => [("109 Division", "UNIT"), ("25 Brigade", "UNIT")];
    r13_coordinated_numbers_in_korean: "북한 7·8총국 요원들이 움직였다." => [];
    r13_coordinated_numbers_in_quotes: "북한 정찰총국 산하 \"121·180부대\"가 움직였다." => [("정찰총국", "AGENCY")];
    r25_hangul_formation_with_its_arm: "북한 제43저격여단과 국경경비 29여단, 조선인민군 제324대연합부대" => [("제43저격여단", "UNIT"), ("국경경비 29여단", "UNIT"), ("조선인민군 제324대연합부대", "UNIT")];
    r23_fleet_with_its_flotilla: "북한 동해함대 근위 제2수상함전대가 훈련했다." => [("동해함대 근위 제2수상함전대", "UNIT")];
    r23_service_fleet_and_flotilla: "북한 해군 동해함대 근위 제2수상함전대가 훈련했다." => [("북한 해군 동해함대 근위 제2수상함전대", "UNIT")];
    r23_a_service_before_the_norths_unit_word: "김정은 위원장이 공군 354군부대와 해군 제597연합부대를 찾았다." => [("공군 354군부대", "UNIT"), ("해군 제597연합부대", "UNIT")];
    r25_a_department_after_the_partys: "In North Korea, the party's Civil Defense Department and the party's Military Affairs Department drilled." => [("Civil Defense Department", "AGENCY"), ("Military Affairs Department", "AGENCY")];
    r29g_the_party_office_building: "북한 노동당이 세운 철원 노동당사는 이제 관광객이 찾는다." => [("노동당", "AGENCY")];
    r27_the_souths_name_of_the_norths_kangwon: "북강원도 원산에 연락사무소를 두자는 안이 나왔다." => [("북강원도", "PROVINCE"), ("원산", "CITY")];
    r27_a_road_name_address_is_the_souths: "북한 노동당이 지은 건물이 남아 있다. 주소: 강원도 철원군 철원읍 평화로 100" => [("노동당", "AGENCY")];
    r29k_both_koreas_namesakes_at_once: "남북 강원도 간 철도를 잇는 사업이 논의됐다." => [];
    r27_the_souths_marines_and_our_army: "북한이 포격하자 백령도 해병 6여단과 우리 군의 1군단이 대응했다." => [];
    r23_a_department_then_its_unit: "북한 인민군 공병국 제1여단 군인들이 탈영했다." => [("인민군 공병국 제1여단", "UNIT")];
    r23_the_army_before_a_numbered_unit: "김정은이 조선인민군 제1973군부대를 시찰했다." => [("조선인민군 제1973군부대", "UNIT")];
    r23_a_south_spelled_tank_division: "김정은이 105탱크사단을 찾았다." => [("105탱크사단", "UNIT")];
    r13_an_armoured_division_in_the_souths_words: "북한군은 제105기갑사단과 제109기갑사단을 앞세웠다." => [("제105기갑사단", "UNIT"), ("제109기갑사단", "UNIT")];
    r27_a_south_korean_service_before_a_shape: "해군 제2함대와 육군 제3사단이 대응했다." => [];
    r13_number_before_unit_of_the_kpa: "Kim visited the 6556 Unit of the KPA and the 851 Unit of the Korean People's Army." => [("6556 Unit of the KPA", "UNIT"), ("851 Unit of the Korean People's Army", "UNIT")];
    r13_numbered_lab_in_korean: "북한 정찰총국 산하 110호 연구소와 91호연구소가 있다." => [("정찰총국", "AGENCY"), ("110호 연구소", "UNIT"), ("91호연구소", "UNIT")];
    r13_numbered_lab_needs_the_north: "서울의 한 병원 110호 연구소에서 실험을 했다." => [];
    r13_a_unit_by_its_number_in_korean: "북한 정찰총국의 180부대가 가상화폐를 훔쳤다." => [("정찰총국", "AGENCY"), ("180부대", "UNIT")];
    r13_a_unit_by_its_ordinal_number_in_korean: "김정은은 제2345부대와 인민군 제678부대를 시찰했다." => [("제2345부대", "UNIT"), ("인민군 제678부대", "UNIT")];
    r13_a_unit_number_written_apart_from_its_word: "북한 정찰총국 산하 210 부대와 김정은이 찾은 제115 군부대" => [("정찰총국", "AGENCY"), ("210 부대", "UNIT"), ("제115 군부대", "UNIT")];
    r13_a_count_apart_from_a_word_is_no_unit: "북한 주민들은 3 대대로 이 마을에 살았다." => [];
    r13_a_corps_by_its_number_after_the_word: "North Korea moved Corps 7 and Corps 9 to the front." => [("Corps 7", "UNIT"), ("Corps 9", "UNIT")];
    r13_another_armys_numbered_unit: "북한 매체는 일본군 731부대와 중국 국가안전부를 비난했다." => [];
    r13_a_placeholder_number_is_no_unit: "북한 정찰총국 출신 탈북자는 자신이 있던 00부대와 00사단의 번호를 밝히지 않았다." => [("정찰총국", "AGENCY")];
    r13_a_placeholder_unit_in_english: "North Korea's Unit 000 was named in the indictment." => [];
    r13_number_before_division_needs_the_north: "The 109 Division of the US Army trained in Texas." => [];
    r13_numbered_alias: "The RGB, also called Unit 586, runs spies." => [("RGB", "AGENCY"), ("Unit 586", "UNIT")];
    r13_foreign_numbers: "Office 365, Unit 731 and Unit 8200 are not North Korean." => [];
    r13_foreign_numbers_by_evidence: "PLA Unit 61398, Unit 8201 and Office 366 are not North Korean." => [];
    r13_foreign_modifier_beside_a_north_korean_cue: "North Korea's hackers copied PLA Unit 61486 and Unit 61398, said the KPA." => [("KPA", "AGENCY")];
    r13_foreign_army_unit: "North Korean troops watched the U.S. Army's Unit 4077 and Israeli Unit 9900 train." => [];
    r13_foreign_body_after: "North Korea's Bureau 121 copied Unit 61398 of the People's Liberation Army." => [("Bureau 121", "UNIT")];
    r13_product_number: "North Korean hackers sent Microsoft Office 97 files to the KPA." => [("KPA", "AGENCY")];
    r13_years_are_no_units: "North Korean hackers of Group 2023 and Unit 1950 were named." => [];
    r13_rule_matches_are_whole_words: "North Korea's Unit 1021567 and Bureau 1210 were named." => [];
    r13_denied_cue: "Unit 504 and Group 27 are non-North Korean, experts say." => [];
    r13_coordination_is_no_foreign_reach_for_the_north: "PLA Unit 61398 met North Korea's Unit 10215 and Bureau 121." => [("Unit 10215", "UNIT"), ("Bureau 121", "UNIT")];
    r13_coordinated_numbers: "North Korea's KPA Large Combined Units 324 and 287 drilled." => [("KPA", "AGENCY")];
    r13_rule_without_cue: "Group 207 held a meeting in London." => [];
    r13_rooms_are_everyday_english: "North Korea's leaders have no Room 101." => [];
    r13_rule_with_cue: "North Korean hackers of Bureau 325 were named." => [("Bureau 325", "UNIT")];
    r13_named_unit: "the Storm Corps and the Lazarus Group" => [("Storm Corps", "UNIT"), ("Lazarus Group", "UNIT")];

    // Rule 14: service branches and mass organisations.
    r14_branch: "the Korean People's Navy and the Socialist Patriotic Youth League" => [("Korean People's Navy", "AGENCY"), ("Socialist Patriotic Youth League", "AGENCY")];

    // Rule 15: former names; head words and statuses.
    r15_former_agency: "the State Security Department and the Ministry of People's Security" => [("State Security Department", "AGENCY"), ("Ministry of People's Security", "AGENCY")];
    r15_former_county: "Huchang County was renamed." => [("Huchang County", "COUNTY")];
    r15_status_had: "Samjiyon County in a 2015 report" => [("Samjiyon County", "COUNTY")];
    r15_today_status: "tourists in Samjiyon" => [("Samjiyon", "CITY")];
    r15_wrong_head: "Hyesan County does not exist." => [("Hyesan", "CITY")];

    // Rule 16: Korean words for national bodies, not generic ones.
    r16_bowibu: "the Bowibu arrested him" => [("Bowibu", "AGENCY")];
    r16_generic: "the local boanseo and anjeonbu" => [];
    r16_the_border_guards_before_a_brigade_are_no_part_of_it: "북한 양강도 국경경비대 25여단 군인들이 밀수를 단속했다." => [("양강도", "PROVINCE"), ("25여단", "UNIT")];
    r16_a_border_guard_brigades_own_name: "북한 양강도 국경경비 25여단 군인들이 밀수를 단속했다." => [("양강도", "PROVINCE"), ("국경경비 25여단", "UNIT")];

    // Rule 17: no discontinuous spans.
    r17_shared_head: "North and South Hamgyong provinces" => [("South Hamgyong", "PROVINCE")];

    // Rule 18: Hangul.
    r18_particle: "혜산에서 평양의 간부들이" => [("혜산", "CITY"), ("평양", "CITY")];
    r18_suffix_then_anything: "혜산시당위원회와 양강도에서" => [("혜산시", "CITY"), ("양강도", "PROVINCE")];
    r18_inside_a_word: "신의주에서 의주 사람" => [("신의주", "CITY")];
    r18_county_needs_suffix: "무산 광산과 무산군" => [("무산군", "COUNTY")];
    r18_short_province: "함북 지역과 평남" => [("함북", "PROVINCE"), ("평남", "PROVINCE")];
    r18_everyday_words: "구성과 안주를 정주하다" => [];
    r18_noun_after_bare: "평양냉면" => [];
    r18_district: "라남구역 주민" => [("라남구역", "DISTRICT")];
    r18_agency: "국가보위성은 조선로동당의" => [("국가보위성", "AGENCY"), ("조선로동당", "AGENCY")];

    // Rule 19: facilities are not places, the place inside them is.
    r19_facility: "the Musan mine and the Kaesong Industrial Complex" => [("Musan", "COUNTY"), ("Kaesong", "CITY")];

    r19_zone_name_holds_its_place: "Trade at the Kaesong Industrial Region stopped; the Korean People's Army newspaper said so." => [("Kaesong", "CITY")];

    // Rule 1 (amended): a romanized suffix with its English head; Municipality; hyphenated heads.
    r1_suffix_and_head: "Floods hit Chagang-do Province and Songgan-gun County." => [("Chagang-do Province", "PROVINCE"), ("Songgan-gun County", "COUNTY")];
    r1_rr_suffix_and_head: "Pyonganbuk-do Province lies on the Yalu." => [("Pyonganbuk-do Province", "PROVINCE")];
    r1_municipality: "The Nampho Municipality opened a new dock." => [("Nampho Municipality", "CITY")];
    r1_municipal_is_no_head: "The Pyongyang Municipal People's Committee met." => [("Pyongyang", "CITY")];
    r1_hyphenated_head_any_case: "Homes in Seungho-district were rebuilt." => [("Seungho-district", "DISTRICT")];
    r1_romanized_status_of_a_capital: "P'yŏngyang-Chikhalsi was the name on the map." => [("P'yŏngyang-Chikhalsi", "CITY")];

    // Rule 2 (amended): abbreviated directions.
    r2_abbreviated: "N. Hamgyong Province and S. Phyongan reported frost." => [("N. Hamgyong Province", "PROVINCE"), ("S. Phyongan", "PROVINCE")];

    // Rule 18 (amended): a bare everyday-word city after its suffixed mention.
    r18_bare_after_suffix: "개성시 인민위원회가 회의를 열었다. 개성의 상인들은 걱정했다." => [("개성시", "CITY"), ("개성", "CITY")];
    r18_bare_before_suffix_is_the_word: "개성이 강한 사람이 구성시로 갔다." => [("구성시", "CITY")];

    // Rule 21: any letter case; everyday words and acronyms keep needing their form's case.
    r21_tag_line: "tags: hyesan, yanggang province, north hamgyong" => [("hyesan", "CITY"), ("yanggang province", "PROVINCE"), ("north hamgyong", "PROVINCE")];
    r21_romanized_body_names_in_lower_case: "Local bowibu agents met; tags: kimsuky, bluenoroff" => [("bowibu", "AGENCY"), ("kimsuky", "UNIT"), ("bluenoroff", "UNIT")];
    r21_a_bodys_acronym_keeps_its_case: "The mss and kpa are words here." => [];
    r21_lower_case_mine: "photos of the musan mine" => [("musan", "COUNTY")];
    r21_everyday_words_need_capitals: "anju with soju; the chollima of legend; a kumgang ring" => [];
    r21_class_in_capitals: "SINPO-CLASS submarine spotted" => [];
    r21_links_are_not_tag_lines: "read www.example.com/news/hyesan-market or mail musan@example.org" => [];
    r21_short_forms_need_a_capital: "usi, anak and sapo in lower case" => [];
    r21_other_languages: "an orang utan at the zoo" => [];

    // Rule 22: every romanization, generated from the Hangul.
    r22_north_korean_system: "Changsong County in North Phyongan Province and Jaeryong County" => [("Changsong County", "COUNTY"), ("North Phyongan Province", "PROVINCE"), ("Jaeryong County", "COUNTY")];
    r22_typed_breves: "Hu'ngnam and North P'yo'ngan" => [("Hu'ngnam", "DISTRICT"), ("North P'yo'ngan", "PROVINCE")];
    r22_typed_breve_of_a_written_form: "Kangryo'ng County and Paekch'o'n" => [("Kangryo'ng County", "COUNTY"), ("Paekch'o'n", "COUNTY")];
    r22_hanja_city_suffix_of_a_provincial_city: "開城市와 平壤市" => [("開城市", "CITY"), ("平壤市", "CITY")];
    r22_press_spellings: "Shinuiju, North Hamkyung Province, Mankyungdae and Bochon County" => [("Shinuiju", "CITY"), ("North Hamkyung Province", "PROVINCE"), ("Mankyungdae", "DISTRICT"), ("Bochon County", "COUNTY")];
    r22_revised: "Cheolsan-gun and Hamgyeongnam-do" => [("Cheolsan-gun", "COUNTY"), ("Hamgyeongnam-do", "PROVINCE")];
    r22_hanja_with_suffix: "羅津區域과 定平郡" => [("羅津區域", "DISTRICT"), ("定平郡", "COUNTY")];
    r22_bare_hanja: "定平 사람" => [];
    r22_spaced_syllables_stay_a_person: "Photo by Pyong Yang and Man Gyong Dae" => [];

    // Rule 26: villages, troupes and things named after a place.
    r26_village: "Rockets rose over Tongchang-ri and Dongchang-ri." => [];
    r26_township: "Haean-myeon and Samjiyon-up" => [];
    r19_numbered_neighbourhood: "The flood reached Taedong 1-dong and Sinhung 2-ri of Hamhung." => [("Hamhung", "CITY")];
    r15_former_county_in_hanja: "개풍군(開豊郡)은 개성시의 구역이 되었다." => [("개풍군", "COUNTY"), ("開豊郡", "COUNTY"), ("개성시", "CITY")];
    r15_former_name_in_mccune_reischauer: "Songrim was called Kyŏmip'o, and Nampo Chinnamp'o." => [("Songrim", "CITY"), ("Kyŏmip'o", "CITY"), ("Nampo", "CITY"), ("Chinnamp'o", "CITY")];
    r26_hangul_village: "가림리와 삼지연읍" => [];
    r26_orchestra_in_the_south: "The Samjiyon Orchestra sang in Seoul." => [];
    r26_farm_keeps_its_place: "the Kangdong Greenhouse Farm" => [("Kangdong", "COUNTY")];

    // Rule 28: historical provinces (no kb_id; see `historical_provinces_have_no_link`).
    r28_hwanghae: "Before 1954 Hwanghae Province was one province." => [("Hwanghae Province", "PROVINCE")];
    r28_hamgyong_as_a_whole: "the Hamgyong provinces and 황해도" => [("Hamgyong", "PROVINCE"), ("황해도", "PROVINCE")];

    // Generic words are no spans.
    generic_words: "police, border guards, the party and the cabinet" => [];

    // Context-dependent forms.
    context_foreign_body: "China's Ministry of State Security detained a spy." => [];
    context_foreign_compound: "China's Communist Youth League sent a delegation to Pyongyang." => [("Pyongyang", "CITY")];
    context_foreign_dsc: "South Korea's Defense Security Command was disbanded." => [];
    context_cabinet_north: "North Korea's Cabinet approved the plan." => [("Cabinet", "AGENCY")];
    context_south_korea_in_the_sentence_wins: "North Korea's Foreign Ministry protested. The Cabinet met in Seoul to discuss the budget." => [("Foreign Ministry", "AGENCY")];
    context_no_north_korea_no_context_forms: "Anju, the side dish, is popular in Gangnam bars. The Ministry of Defense in London sent jets. The CMC in Beijing met." => [];
    context_cabinet_elsewhere: "The Cabinet met in Canberra." => [];
    context_all_caps: "HYESAN MARKET PRICES SOAR AS MSS WATCHES" => [("HYESAN", "CITY"), ("MSS", "AGENCY")];
    context_acronym_case: "the mss and the kpa" => [];
    context_cue_inside_a_word: "BANKS say the Cabinet met." => [];
    // The previous sentence is in the window (rule 9); one place is no North Korean document; a foreign
    // body is marked by the words after it as by those before; a namesake by ", North Korea" after it.
    context_south_in_the_sentence_before: "South Korea's Gyeonggi Province is large. Pochon hosts a US base." => [];
    context_seoul_in_the_sentence_before: "The delegation came from Seoul. Kangwon Province will host the games." => [];
    context_one_place_is_no_north_korean_document: "Traders in Hyesan said so. It rained all week. The Cabinet met on Monday." => [("Hyesan", "CITY")];
    context_one_place_named_twice_is_one_place: "Traders in Hyesan said so. Hyesan is cold. It rained all week. The Cabinet met on Monday." => [("Hyesan", "CITY"), ("Hyesan", "CITY")];
    context_two_places_make_a_north_korean_document: "Traders in Hyesan and Musan said so. It rained all week. The Cabinet met on Monday." => [("Hyesan", "CITY"), ("Musan", "COUNTY"), ("Cabinet", "AGENCY")];
    context_foreign_body_after: "The Ministry of State Security of China detained a spy." => [];
    context_namesake_marked_after: "Tourists visited Goseong County, North Korea." => [("Goseong County", "COUNTY")];
    context_person_named_place_with_its_head_is_evidence: "Farmers of Kim Jong Suk County sold potatoes. The Cabinet praised them." => [("Kim Jong Suk County", "COUNTY"), ("Cabinet", "AGENCY")];
    context_own_north_cue_beats_a_south_cue: "North Korea's Cabinet sent a delegation to Seoul." => [("Cabinet", "AGENCY")];
    context_north_cue_before_beside_a_south_cue: "North Korea and South Korea met. The Cabinet approved it." => [("Cabinet", "AGENCY")];
    context_south_spelling_in_the_sentence_before: "Snow fell in Gangwon. Kosong County was cut off." => [];
    // The order of evidence in stage 4 (rules 9, 25, 27), one step each, in documents that are not about
    // South Korea's ground unless said.
    context_dropped_south_spelling_in_the_sentence_before: "Hyesan and Chongjin are cold. Trade is slow. Snow fell in Gangwon. Kosong County was cut off." => [("Hyesan", "CITY"), ("Chongjin", "CITY")];
    context_south_cue_in_the_sentence_before: "Hyesan and Chongjin are cold. Trade is slow. Snow fell in South Korea. Kosong County was cut off." => [("Hyesan", "CITY"), ("Chongjin", "CITY")];
    context_north_name_beside_a_south_cue_keeps_no_south_spelling: "Traders from Hyesan met tourists in South Korea's Gangwon." => [("Hyesan", "CITY")];
    context_south_cue_in_its_sentence_outweighs_a_north_cue: "Leaders of North Korea and South Korea met near Kangwon Province." => [];
    context_dropped_south_spellings_are_south_ground: "Tourists visited Goseong and Gangwon.\n\nIt was cold.\n\nPochon County was quiet." => [];
    context_namesake_without_evidence_is_kept: "Pochon County was quiet." => [("Pochon County", "COUNTY")];
    context_north_name_in_its_sentence_outweighs_a_south_cue_before: "South Korea sent rice. Officials in Wonsan and Kangwon Province received it." => [("Wonsan", "CITY"), ("Kangwon Province", "PROVINCE")];
    context_north_cue_in_its_sentence_outweighs_a_south_cue_before: "South Korea sent rice. North Korea said Kangwon Province received it." => [("Kangwon Province", "PROVINCE")];
    context_shape_after_a_south_cue_needs_evidence_of_its_own: "Hyesan and Chongjin are cold. Trade is slow. South Korea's army drilled. The 5th Corps moved north." => [("Hyesan", "CITY"), ("Chongjin", "CITY")];

    // Rules 12 and 23: nested and juxtaposed bodies are one span; insertions and leading words stay out.
    r23_the_partys_full_name_before_a_body_named_from_party: "North Korea's leader spoke at the Workers' Party Central Military Commission." => [("Workers' Party Central Military Commission", "AGENCY")];
    r23_a_bodys_leadership_is_no_department: "북한 노동당 지도부에 대한 인사가 단행됐다." => [("노동당", "AGENCY")];
    r9_the_norths_name_for_the_souths_gangwon: "북한 총참모부는 남강원도 철원군 일대에서 포성이 들렸다고 밝혔다." => [("총참모부", "AGENCY")];
    r29j_a_headlines_source_before_its_quote: "북한, 고성군서 포 사격…합참 “대비태세 유지”" => [("고성군", "COUNTY")];
    r23_a_child_glued_to_its_parent: "북한 조선로동당중앙위원회정치국과 조선인민군총참모부가 발표했다." => [("조선로동당중앙위원회정치국", "AGENCY"), ("조선인민군총참모부", "AGENCY")];
    r23_siblings_glued_stay_apart: "북한 국가보위성국방성 합동 회의" => [("국가보위성", "AGENCY"), ("국방성", "AGENCY")];
    r23_of_chain_with_ordinal: "Kim Jong Un convened the Political Bureau of the 9th Central Committee of the Workers' Party of Korea." => [("Political Bureau of the 9th Central Committee of the Workers' Party of Korea", "AGENCY")];
    r23_parent_before_child: "North Korea's Supreme People's Assembly Standing Committee issued a decree." => [("Supreme People's Assembly Standing Committee", "AGENCY")];
    r23_party_before_department: "A Korean Workers Party Organization and Guidance Department official was purged, North Korea watchers said." => [("Korean Workers Party Organization and Guidance Department", "AGENCY")];
    r23_unit_inside_is_unit: "Pyongyang praised KPA Navy Unit 167 for its drills." => [("Pyongyang", "CITY"), ("KPA Navy Unit 167", "UNIT")];
    r23_insertion_splits: "The General Staff of the (North) KPA denied the report." => [("General Staff", "AGENCY"), ("KPA", "AGENCY")];
    r23_leading_words_stay_out: "North Korea: the Eighth Central Committee of the ruling Workers' Party met." => [("Central Committee", "AGENCY"), ("Workers' Party", "AGENCY")];
    r23_state_name_joins: "He chairs the State Affairs Commission of the DPRK, KCNA said." => [("State Affairs Commission of the DPRK", "AGENCY")];
    r23_state_name_joins_a_listed_body: "The Ministry of State Security of the DPRK arrested him." => [("Ministry of State Security of the DPRK", "AGENCY")];
    r23_long_state_name_joins: "The Reconnaissance General Bureau of the Democratic People's Republic of Korea denied it." => [("Reconnaissance General Bureau of the Democratic People's Republic of Korea", "AGENCY")];
    r23_siblings_side_by_side_are_a_list: "북한 국무위원회 산하 국가보위성 국방성 사회안전성" => [("국무위원회", "AGENCY"), ("국가보위성", "AGENCY"), ("국방성", "AGENCY"), ("사회안전성", "AGENCY")];
    r23_bodies_on_lines_of_their_own_are_a_list: "북한 기관 목록\n국가보위성\n정찰총국" => [("국가보위성", "AGENCY"), ("정찰총국", "AGENCY")];
    r23_a_department_after_its_body: "북한 호위총국 참모부와 호위총국 1호위부, 당중앙위원회 6처" => [("호위총국 참모부", "AGENCY"), ("호위총국 1호위부", "UNIT"), ("당중앙위원회 6처", "UNIT")];
    r23_an_everyday_word_after_a_body: "북한 국가보위성 일부 간부들이 모였다." => [("국가보위성", "AGENCY")];
    r23_party_and_state_short_names_before_a_body: "북한 당 군정지도부와 조선 국방위원회" => [("당 군정지도부", "AGENCY"), ("국방위원회", "AGENCY")];
    r23_hangul_juxtaposed: "북한 노동당 중앙위원회와 인민무력부 보위사령부, 정찰총국 제2국" => [("노동당 중앙위원회", "AGENCY"), ("인민무력부 보위사령부", "AGENCY"), ("정찰총국 제2국", "UNIT")];
    r23_another_bodys_committee: "North Korea's youth: the Central Committee of the Socialist Patriotic Youth League met." => [("Central Committee of the Socialist Patriotic Youth League", "AGENCY")];

    // Rule 24: short names in a North Korean text only.
    r24_short_names_in_north_korean_text: "KCNA said the Politburo and the Central Committee backed the Workers' Party line." => [("Politburo", "AGENCY"), ("Central Committee", "AGENCY"), ("Workers' Party", "AGENCY")];
    r24_buk_alone_is_the_north: "북 외무성은 성명을 냈다." => [("외무성", "AGENCY")];
    r24_buk_starting_a_word_is_no_cue: "북미 외무성 관계자가 만났다." => [];
    r24_short_names_elsewhere: "The Central Committee of the union and Britain's Labor Party met in London." => [];
    r24_standing_committee_of_another_body: "After North Korea's launch, Seoul's security office held an emergency Standing Committee of the National Security Council." => [];

    // Rule 25: bodies and formations by their shape, in a North Korean text only.
    r25_ministry: "North Korea's Ministry of Crude Oil Industry and the State Physical Culture and Sports Guidance Commission met." => [("Ministry of Crude Oil Industry", "AGENCY"), ("State Physical Culture and Sports Guidance Commission", "AGENCY")];
    r25_department_and_bureau: "The WPK Finance and Accounting Department reports to Kim Jong Un, as the General Bureau of Forestry does." => [("WPK Finance and Accounting Department", "AGENCY"), ("General Bureau of Forestry", "AGENCY")];
    r25_formations: "North Korean defectors from the 4th Corps, the Seventh Division and Construction Brigade 618 spoke." => [("4th Corps", "UNIT"), ("Seventh Division", "UNIT"), ("Construction Brigade 618", "UNIT")];
    r25_hangul_shapes: "북한 농업성과 국가계획위원회, 조선인민군 제4군단 제2사단" => [("농업성", "AGENCY"), ("국가계획위원회", "AGENCY"), ("조선인민군 제4군단 제2사단", "UNIT")];
    r25_south_korean_corps: "North Korea fired shells; the South Korean Army's 5th Corps and the Republic of Korea Army's 3rd Division returned fire." => [];
    r25_foreign_after: "North Korea's KCNA said the Second Division of the U.S. Army and the 3rd Brigade of the ROK Marine Corps were at the border." => [];
    r25_hangul_south_korean_division: "북한 도발에 육군 제3사단이 대응했다." => [];
    r24_ministry_names_that_are_everyday_words: "이 영화는 상업성이 높고 문화성도 갖췄다는 평을 받았다." => [];
    r24_ministry_names_in_north_korean_text: "북한 내각 상업성과 문화성, 로동성 일군들이 모였다." => [("내각 상업성", "AGENCY"), ("문화성", "AGENCY"), ("로동성", "AGENCY")];
    r24_japanese_ministry_in_the_south_spelling: "일본 후생노동성과 옛 노동성 자료를 비교한 논문이 나왔다." => [];
    r18_a_ministry_inside_a_longer_name: "일본 농림수산성이 어획량 통계를 냈다." => [];
    r25_no_north_korea_no_shape: "The Ministry of Coal Industry in Beijing and the 2nd Infantry Division held talks." => [];
    r25_coordinated_formations: "North Korea's II and III Corps were formed in 1950." => [];

    // Rule 29a: a place followed by a number, a year, a date or a count is still the place; a name
    // joined to a number by a hyphen, or a series name before one, is the thing.
    r29a_number_after_a_city: "In Hoeryong 30 houses collapsed after the floods." => [("Hoeryong", "CITY")];
    r29a_year_after_a_city: "Pyongyang 2024: a year of new flats" => [("Pyongyang", "CITY")];
    r29a_date_after_hangul: "양강도 혜산시 10일 오후 주민들이 모였다." => [("양강도", "PROVINCE"), ("혜산시", "CITY")];
    r29a_count_after_hangul: "함경북도 무산군 2개 리가 물에 잠겼다." => [("함경북도", "PROVINCE"), ("무산군", "COUNTY")];
    r29a_dateline: "Sinuiju, March 5 -- Customs officers reopened the bridge." => [("Sinuiju", "CITY")];
    r29a_measure_after: "The camp lies in Kaechon 20 km from the river." => [("Kaechon", "CITY")];
    r29a_hyphen_number_is_a_thing: "The Mangyongbong-92 docked at Wonsan." => [("Wonsan", "CITY")];
    r29a_series_name_before_a_number: "A Hwasong 18 flew east; Hwasong District 30 km away was spared." => [("Hwasong District", "DISTRICT")];

    // Rule 29b: a nationality and a service branch name the service; descriptions do not.
    r29b_service_in_any_case: "The North Korean navy fired shells." => [("North Korean navy", "AGENCY")];
    r29b_descriptions: "The North Korean military, regime and authorities said nothing." => [];
    r29b_service_in_korean: "북한군이 이동했고 북한 해군과 북한지상군도 움직였다." => [("북한 해군", "AGENCY"), ("북한지상군", "AGENCY")];
    r29c_a_services_command_glued_to_it: "북한 해군사령부는 성명을 냈고 KPA Naval Command staff met." => [("북한 해군사령부", "AGENCY"), ("KPA Naval Command", "AGENCY")];
    r29b_a_soldier_is_no_service: "인민군인 한 명이 귀순했다." => [];
    r18_a_body_name_does_not_run_into_a_word: "양강도에서는 보위사업 실적을 두고 회의가 열렸다." => [("양강도", "PROVINCE")];
    r18_the_peoples_army_as_a_word: "우리 인민군대는 훈련을 계속했다." => [];
    r26_a_bodys_flag_is_no_body: "북한 열병식에서 노동당기와 국가보위성기가 나부꼈다." => [];
    r18_a_title_glued_to_a_body_name: "보위부장이 바뀌었다." => [("보위부", "AGENCY")];
    r18_a_ministry_does_not_run_into_achievements: "북한 신문은 로동성과를 내세웠고 경공업성과가 컸다고 썼다." => [];
    r18_a_ministry_and_another: "북한 로동성과 체신성 관리들이 만났다." => [("로동성", "AGENCY"), ("체신성", "AGENCY")];
    r26_a_shapes_flag_is_no_body: "행사장에는 북한 미사일총국기가 걸렸다." => [];
    r18_rarer_particles_after_a_bare_stem: "평양마저 정전됐고 혜산조차 물이 끊겼으며 청진만큼 추운 곳은 회령뿐이다." => [("평양", "CITY"), ("혜산", "CITY"), ("청진", "CITY"), ("회령", "CITY")];
    r21_a_headline_in_capitals_keeps_its_bodies: "NORTH KOREA'S CABINET AND NORTH KOREAN POLITBURO MEET" => [("CABINET", "AGENCY"), ("POLITBURO", "AGENCY")];
    r21_a_single_word_name_in_lower_case: "north korea's politburo met; a kitchen cabinet was sold." => [("politburo", "AGENCY")];
    r7_a_title_after_an_open_run_is_no_part_of_it: "General Bureau of Reconnaissance Director Kim Yong Chol and the General Bureau of Atomic Energy Monday spoke." => [("General Bureau of Reconnaissance", "AGENCY"), ("General Bureau of Atomic Energy", "AGENCY")];
    r24_a_hashtag_is_a_north_korea_cue: "The Politburo met again. #NorthKorea" => [("Politburo", "AGENCY")];
    r22_a_bodys_hanja: "사회안전성(社會安全省)은 社會安全部라 불렸고, 朝鮮勞動黨과 朝鮮人民軍 陸軍이 있다." => [("사회안전성", "AGENCY"), ("社會安全省", "AGENCY"), ("社會安全部", "AGENCY"), ("朝鮮勞動黨", "AGENCY"), ("朝鮮人民軍 陸軍", "AGENCY")];
    r23_a_unit_of_a_service_of_the_army: "Pilots of Unit 3092 of the Air Force of the KPA trained while the Air Force of the KPA watched." => [("Unit 3092 of the Air Force of the KPA", "UNIT"), ("Air Force of the KPA", "AGENCY")];
    r26_a_songs_title_is_no_body: "North Korean troops sang the Song of the Korean People's Army." => [];
    r26_an_infoboxs_dialect_line_is_no_place: "Population | 2,327,362 |\nDialect | Hamgyong |\nCapital | Chongjin" => [("Chongjin", "CITY")];
    r29i_party_before_a_party_body: "North Korea's Party Central Military Committee met." => [("Party Central Military Committee", "AGENCY")];
    r23_a_service_named_of_its_army: "Sailors of the Navy of the Korean People's Army drilled; the People's Navy of North Korea has two fleets." => [("Navy of the Korean People's Army", "AGENCY"), ("People's Navy", "AGENCY")];
    r29i_the_partys_name_joins_its_bodies_not_the_armys: "북한 최룡해 당 총정치국장과 중앙당 39호실 간부들이 왔다." => [("총정치국", "AGENCY"), ("중앙당 39호실", "UNIT")];
    r29e_the_special_corps_is_not_the_corps_of_its_number: "북한 폭풍군단은 특수 8군단을 모체로 했고 8군단과는 다르다. North Korea built it on the Special 8th Corps." => [("폭풍군단", "UNIT"), ("특수 8군단", "UNIT"), ("8군단", "UNIT"), ("Special 8th Corps", "UNIT")];
    r16_achievements_of_agriculture_are_no_ministry: "올해 농업성과 공유회에서 수산성과 보고서도 나왔다." => [];
    r16_a_cell_population_is_no_county: "면역 세포군이 증가하면 염증이 줄어든다." => [];
    r27_another_ruling_partys_organs: "베트남 인민군 창건 기념식이 열렸고 중국 공산당 통전부가 화교 단체를 관리한다." => [];
    r27_another_partys_committee_writing_to_the_wpk: "Vietnam's Central Committee sent greetings to the Workers' Party of Korea." => [("Workers' Party of Korea", "AGENCY")];
    r21_a_body_in_a_wires_lower_case: "North Korea's leader named the commander of the second corps and replaced two members of the party's political bureau." => [("second corps", "UNIT"), ("political bureau", "AGENCY")];
    r21_a_body_after_a_is_a_common_noun: "In North Korea the raid was planned by a reconnaissance bureau." => [];
    r21_a_lower_case_word_before_a_capitalised_body: "North Korea's party Central Committee met." => [("Central Committee", "AGENCY")];
    r9_the_souths_metropolitan_city_is_a_cue: "부산광역시와 순천시는 관광 협약을 맺었다." => [];
    r9_the_souths_ministry_is_a_cue: "행정안전부는 순천시에 예산을 배정했다." => [];
    r9_the_norths_namesake_with_its_cue: "북한 순천시에서 회의가 열렸다." => [("순천시", "CITY")];
    r26_a_dish_or_a_drink_named_after_a_place: "We ate Pyongyang cold noodles and drank Taedonggang beer." => [];
    r26_a_newspaper_named_after_a_city: "The Pyongyang Times reported that Hyesan flooded." => [("Hyesan", "CITY")];
    r16_security_as_a_word_is_no_ministry: "이 앱의 보안성은 최고 수준이다." => [];
    r16_the_security_ministry_in_the_norths_context: "북한 보안성 요원들이 왔다." => [("보안성", "AGENCY")];
    r18_a_spaced_district_needs_the_norths_context: "항구 구역에서 화물차 통행이 금지됐다." => [];
    r18_a_spaced_district_in_the_north: "북한 남포시 항구 구역에서 불이 났다." => [("남포시", "CITY"), ("항구 구역", "DISTRICT")];

    // Rule 29e: a committee inside another body's name is that body's, never the party's.
    r29e_youth_league_central_committee: "김일성사회주의청년동맹 중앙위원회가 회의를 열었다." => [("김일성사회주의청년동맹 중앙위원회", "AGENCY")];
    r29e_the_partys_own_still_joins: "조선로동당 중앙위원회가 회의를 열었다." => [("조선로동당 중앙위원회", "AGENCY")];
    r29e_the_everyday_word_for_departments_is_no_department: "북한 노동당 전문부서가 18개로 줄었다." => [("노동당", "AGENCY")];
    r29e_a_bodys_own_bureau_without_a_row: "North Korea's Ministry of State Security Prisons Bureau runs the camps." => [("Ministry of State Security Prisons Bureau", "AGENCY")];
    r29e_a_title_after_a_body_is_no_bureau: "North Korea's Ministry of State Security Director Kim spoke to the Cabinet Office." => [("Ministry of State Security", "AGENCY"), ("Cabinet", "AGENCY")];
    r29e_another_countrys_body_of_the_same_name_stays_out: "North Korea's General Staff Operations Department met. The General Staff Operations Department of Japan said it was watching." => [("General Staff Operations Department", "AGENCY")];
    r29e_a_bodys_bureau_before_its_parent: "The Cabinet General Intelligence Bureau of the Korean Worker's Party Central Committee ran North Korea's spies." => [("Cabinet General Intelligence Bureau", "AGENCY"), ("Korean Worker's Party Central Committee", "AGENCY")];

    // Rule 29c: a fleet's or corps' command is its formation.
    r29c_fleet_command_in_korean: "북한 서해함대사령부가 훈련을 했다." => [("서해함대사령부", "UNIT")];
    r29c_fleet_command_in_english: "North Korea's West Sea Fleet Command said the drill ended." => [("West Sea Fleet Command", "UNIT")];
    // Rule 29d: a body's label is its row's, whichever name the text uses.
    r29d_cyber_bureau_is_a_unit: "북한 사이버전지도국 해커들이 은행을 노렸다." => [("사이버전지도국", "UNIT")];
    // Rule 29f: both Hamgyong provinces in one word are a province with no link.
    r29f_both_provinces_in_one_word: "함경남북도 주민들이 피해를 입었다." => [("함경남북도", "PROVINCE")];
    r29f_county_of_the_past_in_hangul: "1974년에 청성군이 폐지되어 삭주군에 편입되었다." => [("청성군", "COUNTY"), ("삭주군", "COUNTY")];
    r29f_county_of_the_past_in_hanja: "흡곡군(歙谷郡)은 통천군에 합쳐졌다." => [("흡곡군", "COUNTY"), ("歙谷郡", "COUNTY"), ("통천군", "COUNTY")];
    r29f_county_of_the_past_with_its_head: "Yongyu County was merged into Pyongwon County in 1914." => [("Yongyu County", "COUNTY"), ("Pyongwon County", "COUNTY")];
    r29f_county_of_the_past_needs_its_head: "Sinchang and Kasan are common names." => [];
    // Rule 29g: a building named after a body, in a text about the South, is no span.
    r18_a_short_province_with_its_suffix: "함북도와 평남도에서 옥수수 수확이 끝났다." => [("함북도", "PROVINCE"), ("평남도", "PROVINCE")];
    r18_a_number_glued_to_a_stem_makes_one_name: "북한 청진7총국 직원과 평양326전선공장 노동자들이 상을 받았다." => [];
    r11_a_general_trading_company: "North Korea's Korea Daesong General Trading Corporation sold gold." => [];
    r26_a_lake_a_declaration_a_dialect: "Lake Samjiyon froze early. The Pyongyang Declaration was signed in 2002. She speaks the Hamgyong dialect in Chongjin." => [("Chongjin", "CITY")];
    r29g_an_office_named_after_a_body_in_the_south: "Tourists in Cheorwon, South Korea, photograph the ruined Korean Workers' Party Office. Beside the KWP office stands a cafe." => [];
    r29g_an_office_in_the_south_that_recalls_the_north: "Cheorwon county office staff in Gangwon guide tourists. The Workers' Party office ruins recall that the town lay in North Korea until 1953." => [];
    r29g_an_office_of_the_body_in_the_north: "Kim Jong Un visited the WPK Central Committee office building in Pyongyang." => [("WPK Central Committee", "AGENCY"), ("Pyongyang", "CITY")];
    r29g_a_building_in_the_south: "The former Labor Party Building in Cheorwon, Gangwon Province, draws tourists. The county office restored it." => [];

    // Rule 29h: the state's name before a body is part of its span, in Korean order too.
    r23_parent_acronym_overlapping_the_child: "The KPA General Staff Operations Bureau planned it." => [("KPA General Staff Operations Bureau", "AGENCY")];
    r23_a_department_glued_to_its_body: "북한 내각사무국은 녀맹중앙위원회와 함께 회의를 열었다." => [("내각사무국", "AGENCY"), ("녀맹중앙위원회", "AGENCY")];
    r23_a_department_with_its_heads_title: "북한 국방위원회 설계국장과 노동당 호위처장이 행사에 나왔다." => [("국방위원회 설계국", "AGENCY"), ("노동당 호위처", "AGENCY")];
    r23_a_deputys_title_is_no_department: "북한 당 조직지도부 제1부부장과 정찰총국 부국장, 총정치국 1부총국장이 동행했다." => [("당 조직지도부", "AGENCY"), ("정찰총국", "AGENCY"), ("총정치국", "AGENCY")];
    r23_the_short_central_committee_before_its_politburo: "북한 당중앙위 정치국 회의가 열렸고 당중앙위원 두 명이 해임됐다." => [("당중앙위 정치국", "AGENCY")];
    r29h_state_name_before_a_body: "조선민주주의인민공화국 사회안전성은 발표했다." => [("조선민주주의인민공화국 사회안전성", "AGENCY")];
    r29h_the_state_acronym_before_a_body: "The DPRK National Defence Commission and the DPRK Ministry of State Security met." => [("DPRK National Defence Commission", "AGENCY"), ("DPRK Ministry of State Security", "AGENCY")];

    // Rule 29i: "Central Party" before a department is the parent's name, inside the span.
    r29i_central_party: "the Central Party Guidance Department sent inspectors to Hyesan" => [("Central Party Guidance Department", "AGENCY"), ("Hyesan", "CITY")];
    r29i_central_party_before_a_listed_department: "the Central Party Organization and Guidance Department" => [("Central Party Organization and Guidance Department", "AGENCY")];

    // Rule 29j: the South as a product's origin or a comparison is no South Korea cue.
    r29j_the_south_as_a_target_is_no_setting: "정찰총국이 해커를 키운다. 한국을 대상으로 한 해킹으로 알려진 라자루스가 또 움직였다." => [("정찰총국", "AGENCY"), ("라자루스", "UNIT")];
    r29j_attacks_on_the_south_are_no_setting: "North Korea's RGB trains hackers. Lazarus, known for attacks on South Korea, stole coins." => [("RGB", "AGENCY"), ("Lazarus", "UNIT")];
    r29j_the_south_as_the_english_setting_still_counts: "North Korea's RGB trains hackers. Lazarus researchers in South Korea spoke." => [("RGB", "AGENCY")];
    r29j_the_south_as_the_setting_still_counts: "정찰총국이 해커를 키운다. 한국에서 활동하는 라자루스 연구자가 말했다." => [("정찰총국", "AGENCY")];
    r29j_comparison_is_no_cue: "Kangwon Province and its South Korean neighbour Gangwon both saw snow." => [("Kangwon Province", "PROVINCE")];
    r29j_origin_is_no_cue: "Rice produced in South Korea was sold in Kosong County markets." => [("Kosong County", "COUNTY")];

    // Rule 29k: two parties named at once are no span.
    r29k_two_parties: "남북의 노동당은 1949년에 합쳤다." => [];

    // Rule 29l: a time zone named after a place is no span.
    r29l_time_zone: "Clocks moved to Pyongyang Time in 2015." => [];

    // Rule 15 with a city named: the city's own ward, or none where the gazetteer lists none there.
    r15_ward_of_a_named_city: "Ryongsong District of Hamhung flooded." => [("Ryongsong District", "DISTRICT"), ("Hamhung", "CITY")];
    r15_ward_after_its_city_in_korean: "함흥시 룡성구역에서 불이 났다." => [("함흥시", "CITY"), ("룡성구역", "DISTRICT")];
    r21_everyday_word_with_its_head: "Anju City and anju city both flooded." => [("Anju City", "CITY"), ("anju city", "CITY")];
    r21_everyday_word_alone_in_lower_case: "soju and anju" => [];

    // Rules 4 and 19 against 26: a company word before a facility's word is the facility's name.
    r19_chemical_factory_keeps_its_place: "Toxic water leaked from the Kanggye Chemical Factory." => [("Kanggye", "CITY")];
    r26_chemical_company_is_no_place: "Hamhung Chemical Co. signed a deal." => [];
    // Rule 22: Hanja with its suffix counts after Latin letters, as Hangul does.
    r22_hanja_after_latin_letters: "Hancha羅先特別市" => [("羅先特別市", "CITY")];
    r1_directly_governed_city: "Rason Directly Governed City opened a market." => [("Rason Directly Governed City", "CITY")];
    r29i_central_party_in_korean: "중앙당 조직지도부가 검열을 벌였다." => [("중앙당 조직지도부", "AGENCY")];

    // Rule 29j: a South Korean wire's dateline is where the story was filed, not its setting.
    r29j_wire_dateline_is_no_south_cue: "(서울=연합뉴스) 북한 내각이 회의를 열었다." => [("내각", "AGENCY")];
    r29j_english_wire_dateline: "SEOUL, March 5 (Yonhap) -- Kosong County held a rally, KCNA said." => [("Kosong County", "COUNTY")];
    // Rule 18: the copula after a bare city is a particle.
    r18_copula_after_a_bare_city: "왜 강계인가?" => [("강계", "CITY")];

    // Rule 25: a ministry by its shape, with the words of a trade the Cabinet's ministries end in.
    r25_ministry_of_railroads: "North Korea's Ministry of Railroads ordered repairs." => [("Ministry of Railroads", "AGENCY")];
    r24_cabinet_of_ministers: "North Korea's Cabinet of Ministers met in Pyongyang." => [("Cabinet of Ministers", "AGENCY"), ("Pyongyang", "CITY")];

    // Rules 27 and 29j both ways: a page about the North's namesake keeps it where it is compared with
    // the South's; a page about the South's ground drops it.
    r29j_a_page_about_the_norths_kosong: "Kosong County is a county in Kangwon Province, North Korea. It lies on the coast of the East Sea, north of the Military Demarcation Line. The county borders South Korea's Goseong County to the south, and Tongchon County to the north. Mount Kumgang is partly in the county. Kosong was divided at the end of the Korean War; the southern part became Goseong in South Korea's Gangwon Province. Farming and fishing are the main industries of Kosong County." => [("Kosong County", "COUNTY"), ("Kangwon Province", "PROVINCE"), ("Tongchon County", "COUNTY"), ("Kosong", "COUNTY"), ("Kosong County", "COUNTY")];
    r29j_a_korean_page_about_the_norths_kangwon: "강원도는 조선민주주의인민공화국의 도이다. 도소재지는 원산시이다. 고성군, 통천군, 금강군 등 15개 군이 있다. 고성군은 남쪽으로 대한민국 강원도 고성군과 접한다. 원산시에는 갈마비행장이 있다." => [("강원도", "PROVINCE"), ("원산시", "CITY"), ("고성군", "COUNTY"), ("통천군", "COUNTY"), ("금강군", "COUNTY"), ("고성군", "COUNTY"), ("원산시", "CITY")];
    r27_a_page_about_the_souths_goseong: "Goseong County is a county in Gangwon Province, South Korea. It is the northernmost county of the South, bordering North Korea's Kosong County across the DMZ. Its seat is Ganseong-eup. Tourists visit the Unification Observatory, from which Mount Kumgang can be seen. The county office in Goseong said snow closed roads to Sokcho and Inje on Monday. Kangwon Province officials in Chuncheon sent ploughs." => [("Kosong County", "COUNTY")];
    r27_a_korean_page_about_the_souths_gangwon: "강원특별자치도 고성군은 대한민국 최북단의 군이다. 군청은 간성읍에 있다. 고성군 주민들은 통일전망대에서 금강산을 바라본다. 철원군과 인제군에도 눈이 내렸다. 강원도청은 춘천시에 있다." => [];

    // Rule 18 with rule 1: a suffix written apart joins its name where a particle, a space or
    // punctuation follows; otherwise it starts another word (혜산 시장, the Hyesan market).
    r18_suffix_written_apart: "형제산 구역과 신의주 시에서 단속이 있었다." => [("형제산 구역", "DISTRICT"), ("신의주 시", "CITY")];
    r18_suffix_written_apart_before_a_word: "혜산 시장에서 쌀값이 올랐다." => [("혜산", "CITY")];

    // Rule 23: a general bureau by its number, with the army before it, is one UNIT span.
    r23_numbered_general_bureau: "조선인민군 제8총국이 도로 공사를 맡았다." => [("조선인민군 제8총국", "UNIT")];
    r23_numbered_general_bureau_without_je: "북한 인민군 8총국 간부들이 모였다." => [("인민군 8총국", "UNIT")];
    r23_the_armys_short_name_a_service_and_a_formation: "인민군 해군 제4전대 소속 어선이 북한 어랑군 항구로 돌아갔다." => [("인민군 해군 제4전대", "UNIT"), ("어랑군", "COUNTY")];
    r23_a_title_line_and_the_first_sentence_naming_the_same_body: "United Front Department of the Workers' Party of Korea\nThe United Front Department of the Workers' Party of Korea (UFD) runs North Korea's spies." => [("United Front Department of the Workers' Party of Korea", "AGENCY"), ("United Front Department of the Workers' Party of Korea", "AGENCY"), ("UFD", "AGENCY")];
    r23_a_formations_head_written_apart: "북한군 공병 군단과 폭풍 군단이 평양방어 사령부 옆에 주둔한다." => [("공병 군단", "UNIT"), ("폭풍 군단", "UNIT"), ("평양방어 사령부", "AGENCY")];
    r23_the_armys_name_spelled_out_before_its_navy: "North Korea's Korean People's Army Navy Unit 291 held a drill." => [("Korean People's Army Navy Unit 291", "UNIT")];

    // Rule 18: the South's spelling of a bare stem is an everyday word until the city is named with
    // its suffix (단속에 나선 "set out"; 나선시 ... 나선의).
    r18_souths_spelling_of_a_bare_stem_is_a_word: "보위성이 단속에 나선 것으로 알려졌다." => [("보위성", "AGENCY")];
    r18_souths_spelling_of_a_bare_stem_after_its_suffix: "나선시 당국은 나선의 시장을 닫았다." => [("나선시", "CITY"), ("나선", "CITY")];
    r26_a_dog_breed: "The Pungsan dog is a hunting breed." => [];

    // Rule 27: the South's local government, glued to a county or standing alone, is the South's ground.
    r27_county_governor_glued: "고성군, 산불 피해 주민 지원\n고성군은 토성면 주민들에게 생활안정자금을 지원한다. 고성군수는 복구에 최선을 다하겠다고 말했다." => [];
    r27_county_council: "철원군 농업기술센터는 수확량이 늘었다고 밝혔다. 철원군의회는 예산안을 통과시켰다." => [];
    r27_munitions_industry_is_no_office: "북한 군수공업부 간부들이 자강도 강계시를 찾았다." => [("군수공업부", "AGENCY"), ("자강도", "PROVINCE"), ("강계시", "CITY")];

    // Rule 27: another country's namesake body.
    r27_us_nsa: "The NSA said North Korean hackers used the National Security Agency's tools." => [];
    r27_marked_nsa: "North Korea's National Security Agency arrested a smuggler." => [("National Security Agency", "AGENCY")];
    r27_gangwon_report: "CHUNCHEON -- Heavy snow closed mountain roads in Inje and Yanggu on Monday. Ploughs were sent from Chuncheon. Schools stayed shut for a second day. Kangwon Province officials expect more snow." => [];
    r27_gangwon_report_in_korean: "춘천 지역에 폭설이 내렸다. 학교는 이틀째 문을 닫았다. 강원도는 제설 장비를 더 보냈다." => [];
    r27_north_korean_kangwon_still_counts: "Heavy snow fell on Wonsan, KCNA said. Schools stayed shut for a second day. Kangwon Province officials expect more snow." => [("Wonsan", "CITY"), ("Kangwon Province", "PROVINCE")];
    r27_seoul_ministry: "North Korea fired a missile, the Ministry of Unification and South Korea's Ministry of Foreign Affairs said." => [];
}

/// Rule 21 and the spellings of rule 22 must not cost precision: ordinary English prose with no North
/// Korean name in it (this project's own text, with lower-case everyday words, foreign places and Korean
/// person names) gives no span.
#[test]
fn prose_without_north_korean_names_gives_no_spans() {
    let prose = include_str!("data/prose.txt");
    let spans = nkner::extract(prose);
    let found: Vec<(&str, &str)> = spans
        .iter()
        .map(|s| (s.text.as_str(), s.label.as_str()))
        .collect();
    assert!(found.is_empty(), "spans in prose: {found:?}");
}

fn kb(text: &str) -> Vec<(String, Option<String>)> {
    nkner::extract(text)
        .into_iter()
        .map(|s| (s.text, s.kb_id.as_deref().map(str::to_string)))
        .collect()
}

#[test]
fn an_acronym_after_a_nested_name_names_its_head_or_its_parent_as_listed() {
    let last = |text: &str| kb(text).pop().and_then(|(_, id)| id);
    assert_eq!(
        last("The United Front Department of the Workers' Party of Korea (UFD) ran spies."),
        Some("ufd".into())
    );
    assert_eq!(
        last("The Central Committee of the Workers' Party of Korea (WPK) met."),
        Some("wpk".into())
    );
}

#[test]
fn a_bodys_own_bureau_without_a_row_has_no_link() {
    assert_eq!(
        kb("North Korea's Ministry of State Security Prisons Bureau runs the camps."),
        [("Ministry of State Security Prisons Bureau".into(), None)]
    );
}

#[test]
fn links_go_to_todays_entity() {
    assert_eq!(
        kb("Huchang County and the State Security Department"),
        [
            (
                "Huchang County".into(),
                Some("kp-ryanggang-kimhyongjik-county".into())
            ),
            ("State Security Department".into(), Some("mss".into())),
        ]
    );
    // A name that is one row's own and another's former name is the first row's (rule 15).
    assert_eq!(
        kb("North Korea's National Defence Commission met in Songchon."),
        [
            ("National Defence Commission".into(), Some("ndc".into())),
            (
                "Songchon".into(),
                Some("kp-south-pyongan-songchon-county".into())
            ),
        ]
    );
}

#[test]
fn cabinet_ministries_link_by_their_korean_names() {
    // The Korean shape alone (rule 25) gives no link; a row's Hangul does.
    assert_eq!(
        kb("북한 수산성과 림업성, 채취공업성이 올해 계획을 세웠다."),
        [
            ("수산성".into(), Some("ministry_fisheries".into())),
            ("림업성".into(), Some("ministry_forestry".into())),
            ("채취공업성".into(), Some("ministry_extractive".into())),
        ]
    );
    // The South Korean spelling, made by the initial-sound rule, is the same ministry.
    assert_eq!(
        kb("북한 임업성은 나무모를 키워 보냈다."),
        [("임업성".into(), Some("ministry_forestry".into()))]
    );
}

#[test]
fn a_committee_of_another_body_and_a_ward_of_another_city_have_no_link() {
    assert_eq!(
        kb("김일성사회주의청년동맹 중앙위원회가 회의를 열었다."),
        [("김일성사회주의청년동맹 중앙위원회".into(), None)]
    );
    assert_eq!(
        kb("Ryongsong District of Hamhung flooded."),
        [
            ("Ryongsong District".into(), None),
            ("Hamhung".into(), Some("kp-south-hamgyong-hamhung".into())),
        ]
    );
    assert_eq!(kb("함흥시 룡성구역")[1], ("룡성구역".into(), None));
    assert_eq!(
        kb("평양시 룡성구역")[1],
        (
            "룡성구역".into(),
            Some("kp-pyongyang-ryongsong-district".into())
        )
    );
    assert_eq!(kb("조선로동당 중앙위원회")[0].1.as_deref(), Some("wpk_cc"));
}

#[test]
fn historical_provinces_have_no_link() {
    for text in [
        "Hwanghae Province",
        "황해도",
        "the Pyongan provinces",
        "P'yŏng'an Province",
    ] {
        let spans = nkner::extract(text);
        assert_eq!(spans.len(), 1, "{text}: {spans:?}");
        assert_eq!(spans[0].label.as_str(), "PROVINCE", "{text}");
        assert_eq!(spans[0].kb_id, None, "{text}");
    }
}

/// Rule 29f: a county of the past is a COUNTY span without a link, as a historical province is, while
/// the county that took its land keeps its own.
#[test]
fn counties_of_the_past_have_no_link() {
    for (text, past) in [
        ("종성군은 1974년 온성군에 편입되었다.", "종성군"),
        ("鍾城郡", "鍾城郡"),
        (
            "Chongsong County was abolished in 1974.",
            "Chongsong County",
        ),
        (
            "In 1941 the rest of the county became Haksong-gun.",
            "Haksong-gun",
        ),
    ] {
        let spans = nkner::extract(text);
        let span = spans.iter().find(|s| s.text == past);
        let span = span.unwrap_or_else(|| panic!("{text}: {spans:?}"));
        assert_eq!(span.label.as_str(), "COUNTY", "{text}");
        assert_eq!(span.kb_id, None, "{text}");
    }
    assert_eq!(
        kb("흡곡군은 통천군에 합쳐졌다.")[1],
        ("통천군".into(), Some("kp-kangwon-tongchon-county".into()))
    );
}

#[test]
fn acronyms_defined_in_the_text_keep_their_meaning() {
    let text = "Officers of the Ministry of Social Security (MSS) searched homes. Later the MSS fined them.";
    assert_eq!(
        kb(text),
        [
            (
                "Ministry of Social Security".into(),
                Some("mosocsec".into())
            ),
            ("MSS".into(), Some("mosocsec".into())),
            ("MSS".into(), Some("mosocsec".into())),
        ]
    );
    assert_eq!(
        kb("The MSS raided homes in Hyesan.")[0].1.as_deref(),
        Some("mss")
    );
}

#[test]
fn an_acronym_the_gazetteer_lacks_is_learnt_from_its_definition() {
    let text = "The Ministry of External Economic Relations (MEER) signed. The MEER denied it.";
    let spans = nkner::extract(text);
    let meer: Vec<_> = spans.iter().filter(|s| s.text == "MEER").collect();
    assert_eq!(meer.len(), 2);
    assert!(meer.iter().all(|s| s.kb_id.as_deref() == Some("moeer")));
}

#[test]
fn shared_names_list_their_candidates() {
    let spans = nkner::extract("Farmers in Unsan went hungry.");
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].kb_id, None);
    assert!(spans[0].ambiguous);
    let candidates: Vec<&str> = spans[0].candidates.iter().map(|c| &**c).collect();
    assert_eq!(
        candidates,
        [
            "kp-north-pyongan-unsan-county",
            "kp-south-pyongan-unsan-county"
        ]
    );
    let spans = nkner::extract("Hwasong County was renamed Myonggan.");
    assert_eq!(spans[0].text, "Hwasong County");
    assert_eq!(
        spans[0].kb_id.as_deref(),
        Some("kp-north-hamgyong-myonggan-county")
    );
}

#[test]
fn namesakes_are_flagged_in_north_korean_text() {
    let spans = nkner::extract("Soldiers from Pochon County, Ryanggang Province, deserted.");
    assert!(spans[0].ambiguous);
    assert!(!spans[1].ambiguous);
}

#[test]
fn parents_and_provinces() {
    let spans = nkner::extract("the Ranam District of Chongjin");
    assert_eq!(
        spans[0].parent_id.as_deref(),
        Some("kp-north-hamgyong-chongjin")
    );
    assert_eq!(spans[0].province_id.as_deref(), Some("kp-north-hamgyong"));
    assert_eq!(spans[1].parent_id.as_deref(), Some("kp-north-hamgyong"));
    let spans = nkner::extract("Pyongyang");
    assert_eq!(spans[0].province_id.as_deref(), Some("kp-pyongyang"));
}

#[test]
fn shared_names_take_the_entry_the_text_points_to() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        // The province named right after it.
        (
            "Rain flooded Unsan County, North Pyongan Province.",
            "Unsan County",
            Some("kp-north-pyongan-unsan-county"),
        ),
        // A province named elsewhere in the document.
        (
            "Farms in South Pyongan lost their harvest. In Unsan the damage was worst.",
            "Unsan",
            Some("kp-south-pyongan-unsan-county"),
        ),
        (
            "Border guards in Hwasong, North Hamgyong Province, were replaced.",
            "Hwasong",
            Some("kp-north-hamgyong-myonggan-county"),
        ),
        // Nothing decides: the candidates are listed, no entry is chosen.
        ("Rain flooded Unsan.", "Unsan", None),
        // A body with a row of its own, also another row's former name (rule 15).
        (
            "North Korea's National Defence Commission met.",
            "National Defence Commission",
            Some("ndc"),
        ),
        // The parent's acronym at the end of a nested name keeps its own entry.
        (
            "The Central Committee of the Workers' Party of Korea (WPK) met in Pyongyang.",
            "WPK",
            Some("wpk"),
        ),
    ];
    for &(text, span, want) in cases {
        let got = kb(text);
        let found = got.iter().find(|(t, _)| t == span);
        assert_eq!(
            found.map(|(_, k)| k.as_deref()),
            Some(want),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn a_county_next_to_a_province_it_does_not_lie_in_is_flagged() {
    let spans = nkner::extract("Miners in Musan, South Pyongan Province, went on strike.");
    let musan = spans.iter().find(|s| s.text == "Musan").unwrap();
    assert!(musan.ambiguous);
    let spans = nkner::extract("Miners in Musan, North Hamgyong Province, went on strike.");
    assert!(!spans.iter().find(|s| s.text == "Musan").unwrap().ambiguous);
}

#[test]
fn a_span_found_by_its_shape_names_its_rule() {
    let spans = nkner::extract("North Korea's Ministry of Crude Oil Industry met.");
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].kb_id, None);
    assert!(
        matches!(&spans[0].source, nkner::Source::Rule { rule } if &**rule == "ministry"),
        "{:?}",
        spans[0].source
    );
}
