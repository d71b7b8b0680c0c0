"""The signs of an ask in one sentence, each as (offset in the flat text, kind).

Kinds: "hedged", "request", "proposal", "nobody", "we", "need" (phrases),
"question" (questions), "imperative", "imperative-we" (imperatives and shapes).
"""
