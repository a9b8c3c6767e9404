"""The source format's JSON Schema (data in source_schema.yaml) and a validator for it.

The validator understands the subset the schema uses and answers in Chinese with file:line, the
field's path and what was expected, so `check`, `render` and editors share one definition.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from reportgen import tablekinds
from reportgen.base.cache import Shape, json_form, kept
from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.reading.yamlsafe import (
    MAX_INTEGER_DIGITS,
    LocDict,
    LocList,
    LocStr,
    Mark,
    excerpt,
    number_problem,
    to_decimal_text,
)

SCHEMA_PATH = Path(__file__).with_name("source_schema.yaml")
# What `reportgen rollover` and `reportgen new` write where a figure or a word is still to come;
# the loader refuses it anywhere, so a forgotten figure can never be rendered.
PLACEHOLDER = "待填写"

TYPE_WORDS = {
    "object": "键值表（“名称: 值”的映射）",
    "array": "列表（每项以“- ”开头）",
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "是/否（true/false）",
}


def source_schema() -> dict[str, Any]:
    """The schema, with a 展示.表格单位 key for each table kind defined (reportgen/tablekinds), after 全部
    and before the performance-target tables; made again only when the definitions change."""
    kinds = tablekinds.kinds()
    if _WITH_KINDS[0] is not kinds:
        schema = _copied_along(_stored_schema(), ("$defs", "展示", "properties", "表格单位"))
        units = schema["$defs"]["展示"]["properties"]["表格单位"]
        shown = dict(units["properties"])
        units["properties"] = {"全部": shown.pop("全部"),
                               **{k.id: {"$ref": "#/$defs/显示单位", "description": k.description} for k in kinds}, **shown}
        _WITH_KINDS[:] = [kinds, schema]
    return _WITH_KINDS[1]  # type: ignore[return-value]


_WITH_KINDS: list[object] = [None, None]


def _copied_along(schema: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """``schema`` with each mapping on ``path`` copied (the rest shared with it): what source_schema changes is
    its own, the stored schema untouched, without a deep copy of all of it (some 2,600 objects, every render process)."""
    top = dict(schema)
    node = top
    for key in path:
        node[key] = dict(node[key])
        node = node[key]
    return top


@lru_cache(maxsize=1)
def _stored_schema() -> dict[str, Any]:
    """The schema file, parsed once per process and kept between processes (parsing it was a tenth
    of a small render)."""
    return kept("schema", [SCHEMA_PATH], _parse_schema, json_form(from_data=_schema_from_data))


def _schema_from_data(data: Any) -> dict[str, Any]:
    """The schema as the cache holds it (JSON, which it is): an entry of any other shape is a miss."""
    if not (isinstance(data, dict) and data.get("type") == "object" and isinstance(data.get("properties"), dict)
            and isinstance(data.get("$defs", {}), dict) and all(isinstance(v, dict) for v in data["properties"].values())
            and all(isinstance(v, dict) for v in data.get("$defs", {}).values())):
        raise Shape("not the source schema")
    return data


def _parse_schema() -> dict[str, Any]:

    with SCHEMA_PATH.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 10× faster


def schema_json() -> str:
    """The schema as JSON, for `reportgen schema` and editor completion."""
    return json.dumps(source_schema(), ensure_ascii=False, indent=2)


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"是/否值 {str(value).lower()}"
    if isinstance(value, (int, Decimal)):
        return f"数字 {value}"
    if isinstance(value, datetime.date):
        return f"日期 {value}（YAML 把它读成了日期，文字请加引号）"
    if isinstance(value, dict):
        return "键值表"
    if isinstance(value, list):
        return "列表"
    if value is None:
        return "空值"
    problem = number_problem(value) if _NUMBER_LIKE.match(value) else ""
    if problem:
        return f"“{excerpt(value)}”（{problem}）"
    return f"文字“{excerpt(value, 24)}”"


# Text that starts like a number: what YAML 1.1 forms (012, 0x10, 1:30) come back as.
_NUMBER_LIKE = regex(r"\s*[+-]?[0-9０-９.．]")


# Characters that print as nothing: a text made only of them is empty (an invisible row name).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"))


class Validator:
    """Walks data and schema together, collecting findings; never raises."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.root = source_schema()
        self.findings: list[Finding] = []

    def error(self, message: str, path: str, mark: Mark | None, rule: str = "格式") -> None:
        line, column = (mark.line, mark.column) if mark else (0, 0)
        self.findings.append(Finding("error", rule, message, self.file, line, column, path))

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.root["$defs"][name]
        return schema

    def validate(self, value: Any, schema: dict[str, Any], path: str, mark: Mark | None) -> None:
        """``value`` against ``schema``: by its domain kind (x-kind) first, then anyOf, enum, type."""
        schema = self.resolve(schema)
        if is_placeholder(value):
            self.placeholder(value, schema, path, mark)
            return
        kind = schema.get("x-kind")
        if kind in ("amount", "signed-amount"):
            self.check_amount(value, path, mark, signed=kind == "signed-amount")
        elif kind == "code":
            self.check_code(value, path, mark)
        elif "anyOf" in schema:
            self.check_any_of(value, schema["anyOf"], path, mark)
        elif "enum" in schema:
            self.check_enum(value, schema["enum"], path, mark)
        elif schema.get("type") and not self.type_matches(value, schema["type"]):
            self.error(f"应为{TYPE_WORDS[schema['type']]}，实际是{describe(value)}", path, mark)
        else:
            check = self._BY_TYPE.get(schema.get("type", ""))
            if check is not None:
                check(self, value, schema, path, mark)

    def check_enum(self, value: Any, choices: list[Any], path: str, mark: Mark | None) -> None:
        """``value`` one of the ``choices`` the schema lists (enum)."""
        if value not in choices:
            listed = "、".join(str(c) for c in choices)
            self.error(f"{describe(value)}不可用，应为以下之一：{listed}", path, mark)

    def check_array(self, value: Any, schema: dict[str, Any], path: str, mark: Mark | None) -> None:
        items = schema.get("items")
        if items:
            marks = getattr(value, "item_marks", [])
            for index, item in enumerate(value):
                self.validate(item, items, f"{path}[{index + 1}]", marks[index] if index < len(marks) else mark)

    def check_string(self, value: str, schema: dict[str, Any], path: str, mark: Mark | None) -> None:
        if len(value.translate(_INVISIBLE).strip()) < schema.get("minLength", 0):
            self.error("不能为空" + ("（只有看不见的字符）" if value.strip() else ""), path, mark)
        elif len(value) > schema.get("maxLength", len(value)):
            self.error(f"过长（{len(value)} 个字），最多 {schema['maxLength']} 个字", path, mark)
        elif schema.get("x-single-line") and "\n" in value:
            self.error("名称不能换行（含 Word 的手动换行、换页符、\\v 等）：请写在一行内", path, mark)

    def check_integer(self, value: int, schema: dict[str, Any], path: str, mark: Mark | None) -> None:
        if abs(value) >= 10**MAX_INTEGER_DIGITS:
            self.error(f"数值过大（{excerpt(str(value))}），请核对", path, mark)
            return
        if "minimum" in schema and value < schema["minimum"]:
            self.error(f"应不小于 {schema['minimum']}，实际是 {value}", path, mark)
        if "maximum" in schema and value > schema["maximum"]:
            self.error(f"应不大于 {schema['maximum']}，实际是 {value}", path, mark)

    _BY_TYPE: dict[str, Callable[[Validator, Any, dict[str, Any], str, Mark | None], None]] = {}

    def expects_amount(self, schema: dict[str, Any]) -> bool:
        schema = self.resolve(schema)
        return schema.get("x-kind") == "amount" or any(self.expects_amount(b) for b in schema.get("anyOf", []))

    def placeholder(self, value: str, schema: dict[str, Any], path: str, mark: Mark | None) -> None:
        if isinstance(value, LocStr):
            mark = value.mark
        hint = value.strip()[len(PLACEHOLDER):].lstrip("：:").strip()
        if self.expects_amount(schema):
            what = "上年执行数" if "上年执行数" in re.split(r"[.\[]", path) else "本年金额"  # last year's, to fill
            self.error(f"金额待填写：请填入{what}{f'（{hint}）' if hint else ''}后再生成", path, mark, "金额待填写")
        else:
            self.error(f"待填写：{hint or '请填入本年的数据'}（填写后才能生成）", path, mark, "待填写")

    @staticmethod
    def holds(value: dict, condition: dict[str, Any]) -> bool:
        """Whether an object meets an ``if`` condition made of required / not / anyOf."""
        if "required" in condition and not all(name in value for name in condition["required"]):
            return False
        if "not" in condition and Validator.holds(value, condition["not"]):
            return False
        if "anyOf" in condition and not any(Validator.holds(value, c) for c in condition["anyOf"]):
            return False
        return True

    @staticmethod
    def type_matches(value: Any, expected: str) -> bool:
        if expected == "object":
            return isinstance(value, dict)
        if expected == "array":
            return isinstance(value, list)
        if expected == "string":
            return isinstance(value, str)
        if expected == "integer":
            return isinstance(value, int) and not isinstance(value, bool)
        if expected == "number":
            return isinstance(value, (int, Decimal)) and not isinstance(value, bool)
        if expected == "boolean":
            return isinstance(value, bool)
        return True

    def check_object(self, value: dict, schema: dict[str, Any], path: str, mark: Mark | None) -> None:
        prefix = f"{path}." if path else ""
        self.check_required(value, schema, prefix, mark)
        properties: dict[str, Any] = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        key_marks = getattr(value, "key_marks", {})
        value_marks = getattr(value, "value_marks", {})
        for key, item in value.items():
            item_path = f"{prefix}{key}"
            if key in properties:
                self.validate(item, properties[key], item_path, value_marks.get(key, mark))
            elif extra is False:
                self.unknown_key(str(key), schema, item_path, key_marks.get(key, mark))
            elif isinstance(extra, dict):
                self.validate(item, extra, item_path, value_marks.get(key, mark))

    def check_required(self, value: dict, schema: dict[str, Any], prefix: str, mark: Mark | None) -> None:
        """The fields an object must have, and those a condition of it (allOf: if … then) asks for."""
        for name in schema.get("required", []):
            if name not in value:
                self.error(f"缺少必填字段“{name}”", f"{prefix}{name}", mark, "必填")
        for clause in schema.get("allOf", []):
            then = clause.get("then", {})
            if "if" in clause and self.holds(value, clause["if"]):
                when = f"（{then['description']}）" if "description" in then else ""
                for name in then.get("required", []):
                    if name not in value:
                        self.error(f"缺少必填字段“{name}”{when}", f"{prefix}{name}", mark, "必填")

    def unknown_key(self, key: str, schema: dict[str, Any], path: str, mark: Mark | None) -> None:
        """A key the object does not take: in a map keyed by names (表格单位, 正文单位), an unknown name;
        else an unknown field, with the likeliest one meant."""
        properties = list(schema.get("properties", {}))
        if "x-names" in schema:
            self.error(unknown_name(key, schema["x-names"], properties), path, mark, "未知名称")
            return
        import difflib  # deferred: 1 ms at start-up, for a misspelt key only

        hint = difflib.get_close_matches(key, properties, n=1, cutoff=0.5)
        self.error(f"未知字段“{key}”：" + (f"是否应为“{hint[0]}”？" if hint else "可用的字段：" + "、".join(properties)),
                   path, mark, "未知字段")

    def check_any_of(self, value: Any, branches: list[dict[str, Any]], path: str, mark: Mark | None) -> None:
        resolved = [self.resolve(b) for b in branches]
        candidates = [b for b in resolved if self.branch_accepts_shape(value, b)]
        if not candidates:
            words = "或".join(self.branch_words(b) for b in resolved)
            self.error(f"应为{words}，实际是{describe(value)}", path, mark)
            return
        self.validate(value, candidates[0], path, mark)

    def branch_accepts_shape(self, value: Any, branch: dict[str, Any]) -> bool:
        if branch.get("x-kind") in ("amount", "code", "signed-amount"):
            return not isinstance(value, (dict, list))
        if "anyOf" in branch:
            return any(self.branch_accepts_shape(value, self.resolve(b)) for b in branch["anyOf"])
        expected = branch.get("type")
        return expected is None or self.type_matches(value, expected)

    def branch_words(self, branch: dict[str, Any]) -> str:
        if branch.get("x-kind") == "amount":
            return "金额"
        if branch.get("x-kind") == "code":
            return "科目编码"
        return TYPE_WORDS.get(branch.get("type", ""), "值")

    def check_amount(self, value: Any, path: str, mark: Mark | None, signed: bool = False) -> None:
        if isinstance(value, LocStr):
            mark = value.mark
        if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
            self.error(f"应为金额（如 1273.52），实际是{describe(value)}", path, mark, "金额")
            return
        try:
            amount = to_decimal_text(str(value))
        except ValueError as exc:
            self.error(f"应为金额（如 1273.52）：{exc}", path, mark, "金额")
            return
        if amount < 0 and not signed:
            self.error(f"金额不能为负数，实际是 {value}", path, mark, "金额")

    def check_code(self, value: Any, path: str, mark: Mark | None) -> None:
        if isinstance(value, LocStr):
            mark = value.mark
        text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
        if not text.isdigit():
            self.error(f"应为科目编码（数字，如 2012901），实际是{describe(value)}", path, mark, "科目编码")


Validator._BY_TYPE.update({"object": Validator.check_object, "array": Validator.check_array,
                           "string": Validator.check_string, "integer": Validator.check_integer})


def unknown_name(name: str, what: str, names: list[str]) -> str:
    """The message for a key that names no 表格 / 正文部分 (``what``): the likeliest names meant
    (close in spelling, or holding it or held by it: 三公 → 三公经费), then every name there is."""
    import difflib  # deferred: as unknown_key's

    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    close += [n for n in names if n not in close and name and (name in n or n in name)][: 3 - len(close)]
    hint = f"您是否想写{'或'.join(f'“{n}”' for n in close)}？" if close else ""
    return f"没有名为“{name}”的{what}：{hint}可用的{what}：{'、'.join(names)}"


def is_placeholder(value: Any) -> bool:
    """True for the 待填写 marker (alone or followed by a hint: "待填写：截至日期")."""
    return isinstance(value, str) and value.strip().startswith(PLACEHOLDER)


AMOUNT_TO_FILL = "金额待填写"  # the rule of an amount the import could not give
PLACEHOLDER_RULES = ("待填写", AMOUNT_TO_FILL)


def without_placeholders(data: Any) -> Any:
    """``data`` with every 待填写 left out (a list's item, a mapping's key), the lists and mappings
    that held them kept: what a draft renders of a source whose import wrote them (each is listed
    in the draft as a finding, and the part it stands for shows 待补充 or nothing, never a figure)."""
    if isinstance(data, dict):
        for key in [k for k, v in data.items() if is_placeholder(v)]:
            del data[key]
        for value in data.values():
            without_placeholders(value)
    elif isinstance(data, list):
        data[:] = [item for item in data if not is_placeholder(item)]
        for item in data:
            without_placeholders(item)
    return data


def _validate_top(data: Any, file: str, schema: dict[str, Any] | None, what: str) -> list[Finding]:
    validator = Validator(file)
    root_mark = getattr(data, "mark", Mark(1, 1))
    if not isinstance(data, (LocDict, dict)):
        validator.error(f"{what}，实际是{describe(data)}", "", root_mark)
        return validator.findings
    validator.validate(data, schema or validator.root, "", root_mark)
    return validator.findings


def validate_unit_file(data: Any, file: str) -> list[Finding]:
    """Every schema finding for a unit's own source file (one that a department file 包含)."""
    return _validate_top(data, file, {"$ref": "#/$defs/单位文件"}, "单位源文件顶层应为键值表（收入、支出……）")


def validate_source(data: Any, file: str) -> list[Finding]:
    """Every schema finding for a parsed source (empty when it conforms)."""
    return _validate_top(data, file, None, "源文件顶层应为键值表（部门、年度、收入……）")


__all__ = ["validate_source", "validate_unit_file", "is_placeholder", "without_placeholders", "PLACEHOLDER",
           "PLACEHOLDER_RULES", "AMOUNT_TO_FILL", "schema_json",
           "source_schema", "LocList"]
