"""Strings of the 民生福祉 livelihood page (prefix lv_)."""

STRINGS: dict[str, tuple[str, str]] = {
    "lv_intro": (
        "就业与技能、城乡收入、教育、健康、养老与托育、社会保障、农村公路与人居环境、全民健身：两个规划的指标、"
        "规划正文的目标和“十三五”成就，专栏11、专栏12重点项目。",
        "Jobs and skills, urban and rural income, education, health, elderly care and childcare, social "
        "security, rural roads and sanitation, sport: indicators of both plans, targets and 13th-plan results "
        "from the plan text, and the projects of tables 11 and 12.",
    ),
    "lv_topic_label": ("领域", "Topic"),
    "lv_topic_all": ("全部", "All"),
    "lv_topic_employment": ("就业与技能", "Jobs and skills"),
    "lv_topic_income": ("居民收入", "Income"),
    "lv_topic_education": ("教育", "Education"),
    "lv_topic_health": ("健康", "Health"),
    "lv_topic_care": ("养老与托育", "Elderly care and childcare"),
    "lv_topic_social": ("社会保障与兜底", "Social security"),
    "lv_topic_roads": ("农村公路与人居环境", "Rural roads and sanitation"),
    "lv_topic_sports": ("全民健身", "Sport"),
    "lv_topic_caption_employment": (
        "“人人持证、技能社会”：从业人员持证率2020年11.96%，2025年目标40%；城镇调查失业率控制在2%以内。",
        "“Everyone certified, a skills-based society”: 11.96% of employed people held a skills certificate in "
        "2020, the 2025 target is 40%; surveyed urban unemployment to stay within 2%.",
    ),
    "lv_topic_caption_income": (
        "专栏1城乡居民人均可支配收入（元）及城乡收入比（城镇÷农村，倍）；专栏2居民人均可支配收入增长。",
        "Table 1 per-capita disposable income of urban and rural residents (CNY) and the urban–rural ratio "
        "(urban ÷ rural, times); table 2 growth of residents' income.",
    ),
    "lv_topic_caption_education": (
        "学前教育到高等教育；2025年成建制幼儿园46所；专栏11新建改扩建学校。",
        "From pre-school to higher education; 46 kindergartens by 2025; the schools of table 11.",
    ),
    "lv_topic_caption_health": (
        "每千人口执业（助理）医师数、人均预期寿命、婴儿和孕产妇死亡率。",
        "Doctors per 1,000 people, life expectancy, infant and maternal mortality.",
    ),
    "lv_topic_caption_care": (
        "每千人口3岁以下婴幼儿托位数；“十三五”每千名老人养老床位；专栏12幸福养老项目。",
        "Childcare places for under-3s per 1,000 people; 13th-plan elderly-care beds per 1,000 elderly; the "
        "elderly-care projects of table 12.",
    ),
    "lv_topic_caption_social": (
        "基本养老保险参保率，脱贫攻坚与棚户区改造（“十三五”）。",
        "Basic pension insurance coverage; poverty alleviation and shanty-town renovation (13th plan).",
    ),
    "lv_topic_caption_roads": (
        "2025年县道、乡道、村道里程，建制村通四级及以上公路，农村卫生厕所与卫生村（第五章第三节）。",
        "County, township and village road length by 2025, village roads of grade IV or above, rural sanitary "
        "toilets and hygienic villages (ch. 5, sec. 3).",
    ),
    "lv_topic_caption_sports": (
        "体育人口占比、人均体育场地面积、15分钟和20分钟“公共文化体育服务圈”、百场公益演出送基层。",
        "Share of people exercising regularly, sports ground area per person, 15- and 20-minute "
        "culture-and-sport service circles, a hundred free performances for grass-roots communities.",
    ),
    "lv_intro_plan": (
        "{plan}中属于民生的指标（就业、收入、教育、健康、养老与托育、社会保障等；{table}，按规划表的类别归入本页）。",
        "The wellbeing indicators of the {plan} (jobs, income, education, health, care, social security and "
        "more; {table}, placed here by the table's categories).",
    ),
    "lv_topic_plan": ("按规划类别归入的民生指标", "Wellbeing indicators by the plan's categories"),
    "lv_topic_caption_plan": (
        "规划表中类别含“民生”“人的全面发展”“福祉”“社会”或“人民生活”的指标。",
        "Rows of the plan's table whose category names wellbeing, human development, welfare, society or "
        "people's lives.",
    ),
    "lv_shares_title_plan": ("{plan}民生比例指标：基数 → 目标", "Wellbeing shares of the {plan}: base → target"),
    "lv_life_title_plan": ("人均预期寿命：{plan}的规划路径", "Life expectancy: the {plan}'s path"),
    "lv_income_title_plan": ("城乡居民人均可支配收入（{plan}）", "Per-capita disposable income, urban and rural ({plan})"),
    "lv_provenance_plan": ("{plan}：{table}", "{plan}: {table}"),
    "lv_no_indicators": ("该领域没有所选规划的表列指标。", "No table indicator of the chosen plan in this topic."),
    "lv_figures_heading": ("规划正文中的目标与成就", "Targets and results in the plan text"),
    "lv_projects_heading": ("{table}重点项目（{n}项）", "Key projects of {table} ({n})"),
    # Income
    "lv_col_measure": ("项目", "Measure"),
    "lv_col_base": ("{year}年", "{year}"),
    "lv_col_target": ("{year}年目标", "{year} target"),
    "lv_col_actual": ("{year}年实际", "{year} actual"),
    "lv_urban": ("城镇居民人均可支配收入", "Urban residents' per-capita disposable income"),
    "lv_rural": ("农村居民人均可支配收入", "Rural residents' per-capita disposable income"),
    "lv_ratio": ("城乡收入比（城镇÷农村，倍）", "Urban–rural income ratio (urban ÷ rural, times)"),
    "lv_gap_text": (
        "城乡收入比由2015年的 {base} 倍缩小到2020年的 {actual} 倍（“十三五”目标值隐含 {target} 倍，未达到）。"
        "“十四五”规划只给出居民人均可支配收入年均增长 {growth}%，未分城乡设定目标。",
        "The urban–rural income ratio narrowed from {base} in 2015 to {actual} in 2020 (the 13th-plan targets "
        "implied {target}, not reached). The 14th plan sets only residents' income growth of {growth}% a "
        "year, with no separate urban and rural targets.",
    ),
    "lv_income_title": (
        "城乡居民人均可支配收入：2015年、2020年目标与实际（“十三五”，专栏1）",
        "Per-capita disposable income, urban and rural: 2015, 2020 target and actual (13th plan, table 1)",
    ),
    "lv_income_x": ("年份", "Year"),
    "lv_income_y": ("元", "CNY"),
    "lv_income_group": ("居民", "Residents"),
    "lv_urban_short": ("城镇", "Urban"),
    "lv_rural_short": ("农村", "Rural"),
    "lv_tile_ratio": ("城乡收入比（2020年）", "Urban–rural income ratio (2020)"),
    "lv_tile_ratio_delta": ("2015年：{base}", "2015: {base}"),
    "lv_tile_ratio_help": (
        "城镇居民人均可支配收入 ÷ 农村居民人均可支配收入（专栏1）。",
        "Urban ÷ rural per-capita disposable income (table 1).",
    ),
    # Employment and others
    "lv_shares_title": (
        "“十四五”民生比例指标：2020年实际 → 2025年目标（失业率越低越好）",
        "14th-plan wellbeing shares: 2020 actual → 2025 target (lower unemployment is better)",
    ),
    "lv_share_x": ("比例（%）", "Share (%)"),
    "lv_kindergartens_label": ("2025年成建制幼儿园", "Kindergartens by 2025"),
    "lv_kindergartens_public": ("公办", "Public"),
    "lv_kindergartens_inclusive": ("社会办普惠性", "Private, inclusive"),
    "lv_kindergartens_sum": (
        "{total} = 公办 {public} + 社会办普惠性 {inclusive}（含市直，第九章第二节）",
        "{total} = {public} public + {inclusive} privately run inclusive (incl. city-run; ch. 9, sec. 2)",
    ),
    "lv_kindergartens_parts": (
        "{total}；公办 {public}，社会办普惠性 {inclusive}（分项与总数不一致，按原文）",
        "{total}; {public} public, {inclusive} privately run inclusive (the parts do not add up; as printed)",
    ),
    "lv_life_title": (
        "人均预期寿命 2015—2025年：“十三五”目标76岁已实现，“十四五”目标76.2岁",
        "Life expectancy 2015–2025: 13th-plan target of 76 met, 14th-plan target 76.2",
    ),
    "lv_life_y": ("岁", "Years"),
    "lv_tile_beds": ("每千名老人养老床位（2020年）", "Elderly-care beds per 1,000 elderly (2020)"),
    "lv_tile_beds_delta": ("“十三五”目标：{target}", "13th-plan target: {target}"),
    "lv_tile_beds_help": (
        "专栏1“十三五”指标；“十四五”专栏2未列此项。",
        "A 13th-plan indicator of table 1; the 14th plan's table 2 does not list it.",
    ),
    "lv_roads_title": (
        "2025年农村公路里程目标（公里）：县道、乡道、村道",
        "Rural road length targets for 2025 (km): county, township, village roads",
    ),
    "lv_roads_x": ("公路", "Road"),
    "lv_roads_y": ("里程（公里）", "Length (km)"),
    "lv_road_county": ("县道", "County roads"),
    "lv_road_township": ("乡道", "Township roads"),
    "lv_road_village": ("村道", "Village roads"),
    "lv_roads_metric": ("2025年县乡村道合计里程", "Rural roads by 2025, all three grades"),
    "lv_roads_total": ("三级合计 {total}（第五章第三节）", "{total} in all three grades (ch. 5, sec. 3)"),
    "lv_provenance": (
        "专栏1（“十三五”民生福祉指标）；专栏2（“十四五”人的全面发展指标）；专栏11（优质教育）、专栏12（幸福养老）；"
        "第一章第一节（“十三五”成就）；第五章第三节（农村公路、人居环境）；第九章（民生福祉）",
        "Table 1 (13th-plan wellbeing indicators); table 2 (14th-plan human development indicators); tables 11 "
        "(education) and 12 (elderly care); ch. 1, sec. 1 (13th-plan results); ch. 5, sec. 3 (rural roads, "
        "living environment); ch. 9 (wellbeing)",
    ),
}
