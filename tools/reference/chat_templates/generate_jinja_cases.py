"""Golden renderings for chat-templates' tests, made by Python jinja2 configured as transformers
configures it (transformers.utils.chat_template_utils._compile_jinja_template: sandboxed,
trim_blocks, lstrip_blocks, loopcontrols, tojson = json.dumps(ensure_ascii=False), globals
raise_exception and strftime_now). strftime_now reads a fixed clock (2024-07-26 13:05:09) so the
Java test can use the same.

Writes chat-templates/src/test/resources/chat-template/jinja-cases.jsonl; each line is
{"name", "template" (inline) or "template_file", "vars", "expected"} or, for templates that fail,
{"error": "<jinja2 exception class>: message"}.
Usage: python3 tools/reference/chat_templates/generate_jinja_cases.py   (needs jinja2 >= 3.1)
"""
import json
import os
from datetime import datetime

import jinja2
import jinja2.ext
from jinja2.sandbox import ImmutableSandboxedEnvironment

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
RES = os.path.join(ROOT, "chat-templates", "src", "test", "resources", "chat-template")
NOW = datetime(2024, 7, 26, 13, 5, 9)


def make_env():
    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    class GenerationTag(jinja2.ext.Extension):  # transformers' AssistantTracker, without tracking
        tags = {"generation"}

        def parse(self, parser):
            lineno = next(parser.stream).lineno
            body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
            return jinja2.nodes.CallBlock(self.call_method("_render"), [], [], body).set_lineno(lineno)

        def _render(self, caller):
            return caller()

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                        extensions=[GenerationTag, jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = lambda fmt: NOW.strftime(fmt)
    return env


WEATHER = {"type": "function", "function": {"name": "get_weather", "description": "查询城市天气 (°C)",
           "parameters": {"type": "object", "properties": {"city": {"type": "string"},
                          "days": {"type": "integer", "minimum": 1, "default": 1.5}}, "required": ["city"]}}}
CALC = {"type": "function", "function": {"name": "calculate", "description": "Evaluate \"expr\"\n",
        "parameters": {"type": "object", "properties": {"expr": {"type": "string"}}, "required": []}}}

CHAT = [{"role": "system", "content": "  Be brief.  "}, {"role": "user", "content": "Hi 😀"},
        {"role": "assistant", "content": "Hello!"}, {"role": "user", "content": "Weather?"}]
TOOL_CHAT = [{"role": "user", "content": "北京天气？"},
             {"role": "assistant", "content": "",
              "tool_calls": [{"type": "function", "function": {"name": "get_weather",
                                                               "arguments": {"city": "北京", "days": 2}}}]},
             {"role": "tool", "content": "{\"temp\": 21}"},
             {"role": "tool", "content": "second"},
             {"role": "assistant", "content": "晴，21度。"}]
STRING_ARGS = [{"role": "user", "content": "2+2?"},
               {"role": "assistant", "content": "Let me compute.",
                "tool_calls": [{"type": "function", "function": {"name": "calculate", "arguments": "{\"expr\": \"2+2\"}"}}]},
               {"role": "tool", "content": "4"}]
THINK = [{"role": "user", "content": "q1"}, {"role": "assistant", "content": "a1"},
         {"role": "user", "content": "q2"},
         {"role": "assistant", "content": "\nanswer", "reasoning_content": "\nthinking...\n"}]

BASE = {"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>", "tools": None, "documents": None}

FILE_CASES = [
    ("qwen_plain", "qwen25_style.jinja", {"messages": CHAT, "add_generation_prompt": True}),
    ("qwen_tools", "qwen25_style.jinja", {"messages": CHAT, "tools": [WEATHER, CALC], "add_generation_prompt": True}),
    ("qwen_tool_roundtrip", "qwen25_style.jinja", {"messages": TOOL_CHAT, "tools": [WEATHER]}),
    ("qwen_string_args", "qwen25_style.jinja", {"messages": STRING_ARGS, "tools": [CALC], "add_generation_prompt": True}),
    ("qwen_reasoning", "qwen25_style.jinja", {"messages": THINK}),
    ("llama_plain", "llama3_style.jinja", {"messages": CHAT, "add_generation_prompt": True}),
    ("llama_no_system", "llama3_style.jinja", {"messages": CHAT[1:], "add_generation_prompt": False}),
    ("llama_tools", "llama3_style.jinja", {"messages": CHAT, "tools": [WEATHER, CALC], "add_generation_prompt": True}),
    ("llama_tool_call", "llama3_style.jinja", {"messages": [TOOL_CHAT[0], TOOL_CHAT[1], {"role": "tool", "content": {"temp": 21}}]}),
    ("llama_date_kwarg", "llama3_style.jinja", {"messages": CHAT, "date_string": "01 Jan 2030"}),
    ("llama_two_calls_raises", "llama3_style.jinja", {"messages": [{"role": "assistant", "content": "",
        "tool_calls": [TOOL_CHAT[1]["tool_calls"][0], TOOL_CHAT[1]["tool_calls"][0]]}]}),
    ("llama_bad_role_raises", "llama3_style.jinja", {"messages": [{"role": "robot", "content": "x"}]}),
]

# Small templates, one jinja2 feature each (what Jinjava does differently is the point).
SNIPPETS = [
    ("slice_reverse", "{% for x in xs[::-1] %}{{ x }},{% endfor %}", {"xs": [1, 2, 3]}),
    ("slice_step", "{{ xs[::2] }}|{{ xs[1::2] }}|{{ xs[-1:0:-1] }}|{{ s[::-1] }}", {"xs": [1, 2, 3, 4, 5], "s": "abc"}),
    ("slice_plain", "{{ xs[1:] }}|{{ xs[:-1] }}|{{ s[1:3] }}|{{ s[0] }}|{{ s[-1] }}", {"xs": [1, 2, 3], "s": "hello"}),
    ("slice_expr", "{{ (xs + [9])[::-1]|join('-') }}|{{ xs[::-1][0] }}", {"xs": [1, 2, 3]}),
    ("str_methods", "{{ s.startswith('<a') }} {{ s.endswith(('x', '>')) }} [{{ s.strip() }}] [{{ s.lstrip() }}] "
     "{{ s.upper() }} {{ s.lower() }} {{ s.replace('a', 'b') }} {{ s.split() }} {{ 'a,b,,c'.split(',') }} "
     "{{ 'ab'.title() }} {{ s.strip().strip('<>') }} {{ '-'.join(['x', 'y']) }}", {"s": "  <a B>  "}),
    ("str_methods_plain", "{{ s.startswith('<a') }}{{ s.endswith('>') }}", {"s": "<a>"}),
    ("is_tests", "{{ s is string }}{{ n is string }}{{ f is false }}{{ t is false }}{{ u is defined }}{{ f is defined }}"
     "{{ n is number }}{{ m is mapping }}{{ l is mapping }}{{ l is iterable }}{{ z is none }}{{ t is true }}",
     {"s": "x", "n": 1, "f": False, "t": True, "m": {}, "l": [], "z": None}),
    ("namespace", "{% set ns = namespace(a=1, flag=true) %}{% for i in range(3) %}{% set ns.a = ns.a + i %}"
     "{% if loop.last %}{% set ns.flag = false %}{% endif %}{% endfor %}{{ ns.a }} {{ ns.flag }}", {}),
    ("loop_vars", "{% for x in xs %}{{ loop.index0 }}{{ loop.index }}{{ loop.first }}{{ loop.last }}{{ loop.length }};"
     "{% endfor %}", {"xs": ["a", "b"]}),
    ("loop_controls", "{% for x in xs %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}"
     "{{ x }}{% endfor %}", {"xs": [1, 2, 3, 4, 5]}),
    ("tojson_forms", "{{ m|tojson }}\n{{ m|tojson(indent=2) }}\n{{ l|tojson }}\n{{ 'é\"\\n'|tojson }}\n{{ m|tojson(sort_keys=true) }}"
     "\n{{ e|tojson(indent=2) }}", {"m": {"z": 1.5, "a": [1, True, None, "ü"], "f": 1e-05, "big": 1e20, "n": {}},
                                    "l": [], "e": {"x": [], "y": {}}}),
    ("length_and_math", "{{ xs|length }} {{ xs|length - 1 }} {{ (xs|length - 1) - 1 }} {{ 7 // 2 }} {{ 7 % 3 }} {{ 2 ** 3 }}",
     {"xs": [1, 2, 3]}),
    ("whitespace_control", "a\n  {%- if true %}\n  b\n  {% endif -%}\n  c\n{{- ' d ' -}}\n e {# c #}\n  {% if t %}x{% endif %}\n",
     {"t": True}),
    ("lstrip_trim", "<ul>\n    {% for x in xs %}\n    <li>{{ x }}</li>\n    {% endfor %}\n</ul>\n", {"xs": [1, 2]}),
    ("render_values", "{{ t }} {{ f }} {{ z }} {{ l }} {{ d }} {{ 1.0 }} {{ 3 / 2 }}", {"t": True, "f": False, "z": None,
                                                                                        "l": [1, "a"], "d": {"k": "v"}}),
    ("dict_iteration", "{% for k in d %}{{ k }};{% endfor %}{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}"
     "{{ d.get('a') }}{{ d.get('zz', 'none') }}{{ 'a' in d }}{{ d|length }}", {"d": {"a": 1, "b": 2}}),
    ("in_operator", "{{ 'x' in 'xyz' }}{{ 2 in [1, 2] }}{{ 'tool_calls' in m }}{{ 'q' not in 'abc' }}", {"m": {"tool_calls": []}}),
    ("filters", "{{ s|trim }}|{{ xs|join(', ') }}|{{ xs|first }}|{{ xs|last }}|{{ s|upper }}|{{ none_val|default('dflt') }}"
     "|{{ xs|map('string')|join }}|{{ ds|selectattr('k')|list|length }}|{{ s|replace(' ', '_') }}",
     {"s": "  a b  ", "xs": [1, 2, 3], "ds": [{"k": 1}, {"k": 0}, {"j": 1}]}),
    ("set_block_and_ternary", "{% set x = 'a' if t else 'b' %}{{ x }}{% set y %}in{{ x }}{% endset %}[{{ y }}]",
     {"t": False}),
    ("macro", "{% macro tag(name, v='d') %}<{{ name }}={{ v }}>{% endmacro %}{{ tag('a') }}{{ tag('b', v=2) }}", {}),
    ("strftime", "{{ strftime_now('%Y-%m-%d %H:%M:%S') }}|{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%A %B %-d') }}", {}),
    ("generation_block", "{% for m in messages %}{% if m.role == 'assistant' %}{% generation %}{{ m.content }}"
     "{% endgeneration %}{% else %}{{ m.content }}{% endif %}|{% endfor %}", {"messages": CHAT}),
    ("raise_exception", "a{{ raise_exception('Conversation roles must alternate') }}b", {}),
    ("unknown_filter", "{{ x|no_such_filter }}", {"x": 1}),
    ("syntax_error", "{% if x %}unclosed", {"x": 1}),
    ("unknown_tag", "{% frobnicate %}", {}),
]


def render(env, template, variables):
    try:
        return {"expected": env.from_string(template).render(**variables)}
    except jinja2.exceptions.TemplateError as e:
        return {"error": f"{type(e).__name__}: {e}"}


def main():
    env = make_env()
    out = []
    for name, fname, variables in FILE_CASES:
        template = open(os.path.join(RES, fname), encoding="utf-8").read()
        v = dict(BASE)
        v.setdefault("add_generation_prompt", False)
        v.update(variables)
        out.append({"name": name, "template_file": fname, "vars": v, **render(env, template, v)})
    for name, template, variables in SNIPPETS:
        out.append({"name": name, "template": template, "vars": variables, **render(env, template, variables)})
    with open(os.path.join(RES, "jinja-cases.jsonl"), "w", encoding="utf-8") as f:
        for case in out:
            f.write(json.dumps(case, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} cases ({sum('error' in c for c in out)} expected errors)")


if __name__ == "__main__":
    main()
