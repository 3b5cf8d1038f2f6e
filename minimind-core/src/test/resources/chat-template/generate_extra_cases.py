"""Regenerates extra-cases.jsonl: more golden renderings of MiniMind's chat template.

Renders with jinja2 the way transformers' apply_chat_template does (sandboxed environment,
trim_blocks, lstrip_blocks). First checks that it reproduces every case in cases.jsonl.
Usage: python3 generate_extra_cases.py <path/to/tokenizer_config.json>
"""
import json
import os
import sys

from jinja2.sandbox import ImmutableSandboxedEnvironment

HERE = os.path.dirname(os.path.abspath(__file__))


def render(template, case):
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    env.filters["tojson"] = lambda x, **kw: json.dumps(x, ensure_ascii=False, **kw)
    kwargs = {k: v for k, v in case.items() if k not in ("name", "messages", "expected")}
    return env.from_string(template).render(messages=case["messages"], **kwargs)


EXTRA = [
    ("system_not_first", [{"role": "user", "content": "hi"}, {"role": "system", "content": "be brief"},
                          {"role": "assistant", "content": "ok"}], False, None),
    ("two_systems", [{"role": "system", "content": "S1"}, {"role": "system", "content": "S2"},
                     {"role": "user", "content": "u"}], True, None),
    ("tool_response_single", [{"role": "user", "content": "weather?"}, {"role": "assistant", "content": "checking"},
                              {"role": "tool", "content": "{\"temp\": 20}"}], True, None),
    ("tool_responses_grouped", [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"},
                                {"role": "tool", "content": "r1"}, {"role": "tool", "content": "r2"},
                                {"role": "assistant", "content": "done"}], False, None),
    ("tool_first", [{"role": "tool", "content": "r"}, {"role": "user", "content": "u"}], True, None),
    ("tool_last_no_prompt", [{"role": "user", "content": "u"}, {"role": "tool", "content": "r"}], False, None),
    ("system_only", [{"role": "system", "content": "only system"}], True, None),
    ("assistant_first", [{"role": "assistant", "content": "I start"}, {"role": "user", "content": "u"}], False, None),
    ("unknown_role_dropped", [{"role": "user", "content": "u"}, {"role": "function", "content": "f"},
                              {"role": "assistant", "content": "a"}], False, None),
    ("empty_contents", [{"role": "system", "content": ""}, {"role": "user", "content": ""},
                        {"role": "assistant", "content": ""}], True, False),
    ("thinking_off_multi", [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"},
                            {"role": "user", "content": "c"}], True, False),
    ("thinking_off_no_prompt", [{"role": "user", "content": "a"}], False, False),
    ("whitespace_content", [{"role": "user", "content": "  lead\n\ntrail  \n"},
                            {"role": "assistant", "content": "\n\nx\n"}], False, None),
]


def main():
    template = json.load(open(sys.argv[1], encoding="utf-8"))["chat_template"]
    for line in open(os.path.join(HERE, "cases.jsonl"), encoding="utf-8"):
        case = json.loads(line)
        assert render(template, case) == case["expected"], case["name"]
    with open(os.path.join(HERE, "extra-cases.jsonl"), "w", encoding="utf-8") as out:
        for name, messages, gen, thinking in EXTRA:
            case = {"name": name, "messages": messages, "add_generation_prompt": gen}
            if thinking is not None:
                case["enable_thinking"] = thinking
            case["expected"] = render(template, case)
            out.write(json.dumps(case, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
