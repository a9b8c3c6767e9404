"""The beginning every small 部门决算 test source shares: a 上海 决算 of one unit (示例局, 2024), and
last year's total with its reason. Each test adds the figures it is about."""

HEAD = """\
种类: 决算
部门: 示例局
年度: 2024
金额单位: 万元
版式: 上海
部门概况:
  职责: [示例职责]
  下属单位: []
"""
PRIOR = """\
上年:
  年度: 2023
  收支总计: 300
变动原因:
  收支总计: 示例原因
"""
