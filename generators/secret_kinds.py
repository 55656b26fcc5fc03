"""The company's own trade secrets sorted into the two categories the law names, so that a
confidentiality agreement (R-14, R-90) lists what it covers by category and a signer knows what
is meant.

Source: 反不正当竞争法 第九条第四款 — a trade secret is 技术信息、经营信息等商业信息; the Supreme
People's Court's 《关于审理侵犯商业秘密民事案件适用法律若干问题的规定》(法释〔2020〕7号) 第一条:
技术信息 is information on technology — structures, materials, formulations, processes, methods,
algorithms, data, computer programs and their documents; 经营信息 is information on business —
ideas, management, sales, finance, plans, bid materials and customer information. An intake's
example (ip.trade_secret_examples, the company's own: generators.company_kind.secret_examples)
is business information when its words say sales, prices, costs, customers, suppliers or plans
(_BUSINESS), else technical: '客户数据模型及数据字典' is a data model, '海外客户名单及定价策略' a
customer list.
"""
from __future__ import annotations

import re

# the company's own business information about its customers (经营秘密: 客户名单, 客户及报价信息,
# customer lists and prices): it starts with 客户 but is the company's, not the customers'
ABOUT_CUSTOMERS = re.compile(r"客户(?:名单|清单|信息|关系|资源|档案|联系方式|报价|价格|订单)|客户及(?:报价|价格|订单|销售)|"
                              r"(?:customer|client)s?'? (?:lists?|information|contacts|relationships|"
                              r"prices|pricing|quot\w+|orders)|(?:customers?|clients?) and (?:prices|pricing|"
                              r"quot\w+)", re.IGNORECASE)
# words of an example that is business information (经营信息), not technical information
_BUSINESS = re.compile(
    r"价格|报价|定价|成本|利润|财务|预算|销售|营销|市场|渠道|经销|代理商|供应商|供方|采购|"
    r"招投标|投标|标书|经营|商业计划|战略|合同条款|名单|"
    r"pric|quot|cost|margin|profit|financ|budget|sales|marketing|market plan|channel|"
    r"distributor|dealer|reseller|supplier|vendor|purchas|procure|bid|tender|business plan|"
    r"strateg|customer list|client list", re.IGNORECASE)


def by_category(examples: list[str]) -> tuple[list[str], list[str]]:
    """(technical, business): the company's own trade-secret examples in the intake's order,
    each in the category its words name (module docstring)."""
    business = [e for e in examples if _BUSINESS.search(e) or ABOUT_CUSTOMERS.search(e)]
    return [e for e in examples if e not in business], business
