package io.minimind.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Printing of booleans/None and the precedence of {@code not}, as jinja2 does them. */
class PyOutputAndNotTest {
  private static String render(String t, Map<String, Object> vars) {
    return HfChatTemplate.compile(t).render(vars);
  }

  @Test
  void printsBooleansAndNoneLikePython() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("z", null);
    vars.put("m", new HashMap<>(Map.of("a", 1)));
    ((Map<String, Object>) vars.get("m")).put("n", null);
    assertEquals("True|False|None|None|None||", render(
        "{{ true }}|{{ 1 == 2 }}|{{ none }}|{{ z }}|{{ m.n }}|{{ undefined_thing }}|{{ m.missing }}", vars));
    assertEquals("[1, None, {'a': True}, \"it's\", 1.5]", render("{{ [1, none, {'a': true}, \"it's\", 1.5] }}", vars));
    assertEquals("x", render("{% set y = none %}{% if y is none %}x{% endif %}", vars));
  }

  @Test
  void notBindsLooserThanComparisonsAndTests() {
    Map<String, Object> vars = Map.of("xs", List.of(1, 2), "one", List.of(1), "s", "abc");
    assertEquals("a", render("{% if not xs|length == 1 %}a{% else %}b{% endif %}", vars));
    assertEquals("b", render("{% if not one|length == 1 %}a{% else %}b{% endif %}", vars));
    assertEquals("a", render("{% if not nope is defined %}a{% endif %}", vars));
    assertEquals("", render("{% if not xs is defined %}a{% endif %}", vars));
    assertEquals("a", render("{%- if not 'q' in s and xs -%}a{%- endif -%}", vars));
    assertEquals("a", render("{% if s is not none and 'q' not in s %}a{% endif %}", vars));
    assertEquals("True", render("{{ not not xs }}", vars));
    assertEquals("y", render("{{ 'x' if not xs|length == 2 else 'y' }}", vars));
    assertEquals("[False, True]", render("{{ [not xs, not (one|length > 1)] }}", vars));
    assertEquals("a", render("{% if (xs and not one|length == 2) %}a{% endif %}", vars));
    assertEquals("nothing", render("{% set nothing = 'nothing' %}{{ nothing }}", vars));
  }

  @Test
  void unknownFilterIsRefusedWithNameAndLine() {
    ChatTemplateException e = org.junit.jupiter.api.Assertions.assertThrows(
        ChatTemplateException.class,
        () -> HfChatTemplate.compile("a\n{{ 'x|y' }}{{ x || y }}\n{{ x | trim | no_such_filter(1) }}"));
    assertEquals(3, e.line());
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("no_such_filter"), e.getMessage());
    assertEquals("A", render("{{ 'a'|upper }}{# x|nope #}", Map.of()));
    assertEquals("{{ x|nope }}", render("{% raw %}{{ x|nope }}{% endraw %}", Map.of()));
  }

  @Test
  void lstripBlocksOnlyAtTheStartOfALine() {
    Map<String, Object> vars = Map.of("t", true);
    assertEquals("e x", render("e {% if t %}x{% endif %}", vars));
    assertEquals("e x", render("e {# c #}x", vars));
    assertEquals("a\n\tx\n", render("a\n  {% if t %}\n\tx\n  {% endif %}\n", vars));
    assertEquals("x", render("  {% if t %}x{% endif %}", vars));
  }
}
