"""The classification registries: seed codes resolve, names follow the year, the files are sound."""

from __future__ import annotations

import pytest
import yaml

from reportgen import codes

# Every code the four seeds use, with the name the seeds / CODES.md / DOMAIN.md give it.
SEED_FUNCTION = {
    "201": "一般公共服务支出",
    "20129": "群众团体事务",
    "2012901": "行政运行",
    "2012902": "一般行政管理事务",
    "2012906": "工会事务",
    "2012999": "其他群众团体事务支出",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080501": "行政单位离退休",
    "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
    "2210203": "购房补贴",
}
SEED_ECONOMIC = {
    "301": "工资福利支出",
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费",
    "30112": "其他社会保障缴费",
    "30113": "住房公积金",
    "302": "商品和服务支出",
    "30201": "办公费",
    "30207": "邮电费",
    "30211": "差旅费",
    "30213": "维修（护）费",
    "30215": "会议费",
    "30216": "培训费",
    "30228": "工会经费",
    "30229": "福利费",
    "30231": "公务用车运行维护费",
    "30239": "其他交通费用",
    "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助",
    "30301": "离休费",
    "30302": "退休费",
    "30305": "生活补助",
    "30399": "其他对个人和家庭的补助",
}
# Luoyang 2020 table 06 (政府经济分类 column).
SEED_GOVERNMENT = {
    "50102": "社会保障缴费",
    "50103": "住房公积金",
    "50299": "其他商品和服务支出",
    "50901": "社会福利和救助",
    "50905": "离退休费",
    "50999": "其他对个人和家庭补助",
}

# Every code the three Shanghai 普陀区 2026 seeds print in their tables (表2, 表3, 表5, 表8: 类 款 项 in
# separate columns, "207 01 04 图书馆"), with the name printed there.
SEED_SHANGHAI_2026_FUNCTION = {
    "207": "文化旅游体育与传媒支出",
    "20701": "文化和旅游",
    "2070101": "行政运行",
    "2070104": "图书馆",
    "2070105": "文化展示及纪念机构",
    "2070108": "文化活动",
    "2070109": "群众文化",
    "2070110": "文化和旅游交流与合作",
    "2070111": "文化创作与保护",
    "2070112": "文化和旅游市场管理",
    "2070113": "旅游宣传",
    "2070114": "文化和旅游管理事务",
    "2070199": "其他文化和旅游支出",
    "20799": "其他文化旅游体育与传媒支出",
    "2079903": "文化产业发展专项支出",
    "2079999": "其他文化旅游体育与传媒支出",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080501": "行政单位离退休",
    "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "2080599": "其他行政事业单位养老支出",
    "20807": "就业补助",
    "2080704": "社会保险补贴",
    "2080705": "公益性岗位补贴",
    "20808": "抚恤",
    "2080801": "死亡抚恤",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "212": "城乡社区支出",
    "21201": "城乡社区管理事务",
    "2120101": "行政运行",
    "2120104": "城管执法",
    "2120199": "其他城乡社区管理事务支出",
    "21203": "城乡社区公共设施",
    "2120399": "其他城乡社区公共设施支出",
    "21206": "建设市场管理与监督",
    "2120601": "建设市场管理与监督",
    "21208": "国有土地使用权出让收入安排的支出",
    "2120803": "城市建设支出",
    "213": "农林水支出",
    "21303": "水利",
    "2130306": "水利工程运行与维护",
    "215": "资源勘探工业信息等支出",
    "21508": "支持中小企业发展和管理支出",
    "2150899": "其他支持中小企业发展和管理支出",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
    "2210203": "购房补贴",
}
SEED_SHANGHAI_2026_ECONOMIC = {
    "301": "工资福利支出", "30101": "基本工资", "30102": "津贴补贴", "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费", "30109": "职业年金缴费", "30110": "职工基本医疗保险缴费",
    "30112": "其他社会保障缴费", "30113": "住房公积金", "30199": "其他工资福利支出",
    "302": "商品和服务支出", "30201": "办公费", "30202": "印刷费", "30204": "手续费", "30205": "水费",
    "30206": "电费", "30207": "邮电费", "30209": "物业管理费", "30211": "差旅费", "30213": "维修（护）费",
    "30214": "租赁费", "30215": "会议费", "30216": "培训费", "30217": "公务接待费", "30218": "专用材料费",
    "30226": "劳务费", "30227": "委托业务费", "30228": "工会经费", "30231": "公务用车运行维护费",
    "30239": "其他交通费用", "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助", "30302": "退休费", "30399": "其他对个人和家庭的补助",
    "310": "资本性支出", "31002": "办公设备购置", "31003": "专用设备购置",
}

KINDS = ("function", "economic", "government_economic")
# Names of the seeds' codes that the year's catalogue words otherwise (the later name is still
# accepted for that year, as an alias: name_status "ok"). 20805: 行政事业单位离退休 up to 2020 (issue 23).
RENAMED = {("20805", 2020): "行政事业单位离退休"}
# Years the registry must hold together in: the tool's range plus the pre-2019 names it keeps.
YEARS = range(2015, 2027)


@pytest.mark.parametrize("year", [2020, 2022])
@pytest.mark.parametrize(("code", "name"), SEED_FUNCTION.items())
def test_seed_function_codes_resolve(code: str, name: str, year: int) -> None:
    entry = codes.function_entry(code, year)
    assert entry is not None
    name_then = RENAMED.get((code, year), name)
    assert (entry.code, entry.name, entry.level) == (code, name_then, {3: "类", 5: "款", 7: "项"}[len(code)])
    assert codes.name_status("function", code, name, year) == "ok"


@pytest.mark.parametrize("year", [2020, 2022])
@pytest.mark.parametrize(("code", "name"), SEED_ECONOMIC.items())
def test_seed_economic_codes_resolve(code: str, name: str, year: int) -> None:
    entry = codes.economic_entry(code, year)
    assert entry is not None
    assert (entry.code, entry.name) == (code, name)
    assert codes.name_status("economic", code, name, year) == "ok"


@pytest.mark.parametrize(("code", "name"), SEED_GOVERNMENT.items())
def test_seed_government_codes_resolve(code: str, name: str) -> None:
    entry = codes.government_economic_entry(code, 2020)
    assert entry is not None and entry.name == name


@pytest.mark.parametrize("year", [2020, 2023, 2026])
@pytest.mark.parametrize(("code", "name"), SEED_SHANGHAI_2026_FUNCTION.items())
def test_shanghai_2026_function_codes_resolve(code: str, name: str, year: int) -> None:
    entry = codes.function_entry(code, year)
    assert entry is not None, f"{code} {name} missing for {year}"
    assert entry.name == RENAMED.get((code, year), name)
    assert codes.name_status("功能分类", code, name, year) == "ok"


@pytest.mark.parametrize(("code", "name"), SEED_SHANGHAI_2026_ECONOMIC.items())
def test_shanghai_2026_economic_codes_resolve(code: str, name: str) -> None:
    entry = codes.economic_entry(code, 2026)
    assert entry is not None and entry.name == name


def test_every_class_has_its_usual_items() -> None:
    """Issue 11 part 4: besides the seeds' codes, each 类 a 机关 commonly uses has its 款 in 2020–2026."""
    for year in range(2020, 2027):
        for code in ("20110", "20138", "20402", "20601", "20702", "20703", "20801", "20807", "21001", "21004",
                     "21101", "21201", "21208", "21301", "21303", "21401", "21508", "21602", "22001", "22103",
                     "22401"):
            assert codes.function_entry(code, year) is not None, (code, year)
        assert codes.function_entry("2120104", year).name == "城管执法"  # type: ignore[union-attr]
    # created by the 2019 catalogue: unknown before it (a pre-2019 source must not take the new name)
    assert codes.function_entry("20701", 2018) is None
    assert codes.function_entry("20701", 2019).name == "文化和旅游"  # type: ignore[union-attr]


def test_published_name_variants_are_aliases() -> None:
    # issue 11 part 4: 30110 as some localities print it
    assert codes.name_status("economic", "30110", "城镇职工基本医疗保险缴费", 2026) == "ok"
    # wenlvju 2026 (编制说明 item 12) calls 20799 by its pre-2019 name
    assert codes.name_status("function", "20799", "其他文化体育与传媒支出", 2026) == "ok"
    assert codes.economic_entry("30110", 2026).name == "职工基本医疗保险缴费"  # type: ignore[union-attr]


def test_renamed_class_follows_the_year() -> None:
    assert codes.function_entry("210", 2018).name == "医疗卫生与计划生育支出"  # type: ignore[union-attr]
    assert codes.function_entry("210", 2022).name == "卫生健康支出"  # type: ignore[union-attr]
    assert codes.name_status("function", "210", "医疗卫生与计划生育支出", 2022) == "outdated"
    assert codes.name_status("function", "210", "卫生健康支出", 2018) == "outdated"
    assert codes.name_status("功能分类", "210", "卫生健康支出", 2022) == "ok"  # Chinese kind names work too
    for code in ("207", "215", "220"):
        assert codes.function_entry(code, 2018).name != codes.function_entry(code, 2020).name  # type: ignore[union-attr]
    # 215 kept its old name through 2019: the 2019 budgets of 江苏's departments and 佛山's 2019 决算 print it
    assert codes.name_status("function", "215", "资源勘探信息等支出", 2019) == "ok"
    assert codes.name_status("function", "215", "资源勘探工业信息等支出", 2019) == "outdated"
    assert codes.name_status("function", "215", "资源勘探信息等支出", 2020) == "outdated"


def test_name_status_other_cases() -> None:
    assert codes.name_status("function", "2012901", "工会事务", 2022) == "mismatch"
    assert codes.name_status("function", "2012998", "其他一般公共服务支出", 2022) == "unknown"
    # Width of brackets and PDF line breaks do not make a different name.
    assert codes.name_status("economic", "30213", "维修(护)费", 2022) == "ok"
    assert codes.name_status("economic", "30110", "职工基本医疗 保险缴费", 2022) == "ok"
    # Luoyang 2020 prints 30399 with a trailing 支出: an alias, not a mismatch.
    assert codes.name_status("economic", "30399", "其他对个人和家庭的补助支出", 2020) == "ok"
    with pytest.raises(ValueError):
        codes.name_status("nonsense", "201", "一般公共服务支出", 2022)


def test_year_bounded_code() -> None:
    assert codes.function_entry("234", 2019) is None
    assert codes.function_entry("234", 2020).name == "抗疫特别国债安排的支出"  # type: ignore[union-attr]
    assert codes.function_entry("234", 2021) is not None
    assert codes.function_entry("234", 2022) is None
    assert codes.name_status("function", "234", "抗疫特别国债安排的支出", 2022) == "unknown"


def test_unknown_codes() -> None:
    # 2012998 is not in any catalogue; 2019999 (其他一般公共服务支出) is, and resolves
    assert codes.function_entry("2012998", 2022) is None
    assert codes.function_entry("2019999", 2022).name == "其他一般公共服务支出"
    assert codes.economic_entry("30198", 2022) is None
    assert codes.government_economic_entry("30101", 2022) is None  # 部门 code asked of the 政府 registry
    for bad in ("", "abc", "2012", "20129011"):
        assert codes.function_entry(bad, 2022) is None  # user input: never raise, report as unknown
    assert codes.default_government_code("30198") is None


def test_lookup_accepts_int_codes() -> None:
    # Unquoted YAML sources hand over ints; the lookup must not depend on the caller's str().
    assert codes.function_entry(2012901, 2022).name == "行政运行"  # type: ignore[arg-type, union-attr]


def test_parent_chain_and_levels() -> None:
    assert codes.parent_code("2012901") == "20129"
    assert codes.parent_code("20129") == "201"
    assert codes.parent_code("201") is None
    assert codes.parent_code("30101") == "301"
    assert codes.parent_code("301") is None
    assert codes.function_entry("2012901", 2022).parent == "20129"  # type: ignore[union-attr]
    assert [codes.function_level(c) for c in ("201", "20129", "2012901")] == ["类", "款", "项"]
    for bad in ("20", "2012", "201290", "20129011", "2o1"):
        with pytest.raises(ValueError):
            codes.function_level(bad)
        with pytest.raises(ValueError):
            codes.parent_code(bad)


def test_default_government_codes() -> None:
    assert codes.default_government_code("30399") == "50999"
    assert codes.default_government_code("30113") == "50103"
    # Luoyang 2020 table 06 uses exactly these defaults for its unsplit rows.
    for economic, government in {
        "30108": "50102",
        "30110": "50102",
        "30112": "50102",
        "30299": "50299",
        "30301": "50905",
        "30305": "50901",
    }.items():
        assert codes.default_government_code(economic) == government


@pytest.mark.parametrize("kind", KINDS)
def test_every_child_has_its_parent_in_the_same_file(kind: str) -> None:
    """Loops over the whole registry: a 款/项 without its 类/款 would break the 类→款→项 sums."""
    for year in YEARS:
        present = {entry.code for entry in codes.all_codes(kind, year)}
        for entry in codes.all_codes(kind, year):
            if entry.parent is not None:
                assert entry.parent in present, f"{kind} {entry.code} ({year}) has no parent {entry.parent}"
            assert entry.name.strip() == entry.name and entry.name


def test_mapping_targets_exist_in_every_year() -> None:
    mapping = codes._mapping()
    assert mapping, "the default mapping must not be empty"
    for year in YEARS:
        for economic, government in mapping.items():
            assert codes.economic_entry(economic, year) is not None
            assert codes.government_economic_entry(government, year) is not None
            assert economic[:3] in {"301", "302", "303", "310"}


def test_all_function_codes_in_tree_order() -> None:
    entries = codes.all_function_codes(2022)
    listed = [e.code for e in entries]
    assert listed == sorted(listed)
    assert listed.index("201") < listed.index("20129") < listed.index("2012901") < listed.index("202")
    assert "234" not in listed and "234" in [e.code for e in codes.all_function_codes(2020)]


class _StrictLoader(yaml.SafeLoader):
    """Independent of the module's loader, so a bug there cannot hide a duplicate here."""


def _no_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[object, object]:
    keys = [str(loader.construct_object(k, deep=True)) for k, _ in node.value]
    duplicates = {k for k in keys if keys.count(k) > 1}
    assert not duplicates, f"duplicate keys {sorted(duplicates)} at line {node.start_mark.line + 1}"
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


@pytest.mark.parametrize("file_name", ["function.yaml", "economic.yaml", "government_economic.yaml"])
def test_no_duplicate_codes(file_name: str) -> None:
    path = codes.registry_source() / file_name
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    assert isinstance(data["codes"], dict)


def test_module_loader_rejects_duplicates() -> None:
    text = 'codes:\n  "201": 一般公共服务支出\n  "201": 外交支出\n'
    with pytest.raises(yaml.YAMLError, match="duplicate key"):
        yaml.load(text, Loader=codes._UniqueKeyLoader)


def test_registry_files_are_package_data() -> None:
    folder = codes.registry_source()
    assert {p.name for p in folder.glob("*.yaml")} >= {"function.yaml", "economic.yaml", "government_economic.yaml"}


# Issue 54 part 7: national codes as other regions print them (../shared/corpus, 2026), each from a
# published table: none of them is told 请核对 any more.
CORPUS_2026_FUNCTION = {
    "2200599": "其他气象事务支出",  # 广州 气象局
    "2013804": "经营主体管理",  # 广州 市场监管局
    "2040220": "执法办案",  # 北京 and 深圳 交管局
    "2130311": "水资源节约管理与保护",  # 北京 水务局, 广州 水务局
    "2296002": "用于社会福利的彩票公益金支出",  # 北京 and 广州 民政局
    "2299999": "其他支出",  # 北京 商务局
    "2230201": "国有经济结构调整支出",  # 广州 国资委
}


@pytest.mark.parametrize(("code", "name"), CORPUS_2026_FUNCTION.items())
def test_other_regions_codes_resolve(code: str, name: str) -> None:
    assert codes.name_status("function", code, name, 2026) == "ok"


def test_other_regions_name_forms() -> None:
    # 烟台's tables print 303 and 503 so: the same entries, not other codes
    assert codes.name_status("economic", "303", "对个人和家庭补助", 2026) == "ok"
    assert codes.name_status("government_economic", "503", "机关资本性支出", 2026) == "ok"
    # 深圳 人社局 prints 2080701 as 就业创业服务补助: not the national name, still told
    assert codes.name_status("function", "2080701", "就业创业服务补助", 2026) == "mismatch"
    # a 项 under a 款 the 2019 catalogue created is no older than its 款
    assert codes.function_entry("2013804", 2018) is None
