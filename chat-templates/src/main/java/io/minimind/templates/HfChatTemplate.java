package io.minimind.templates;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.tree.Node;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import jinjava.javax.el.CompositeELResolver;

/**
 * A Hugging Face chat template, compiled once, rendered the way transformers' {@code
 * apply_chat_template} renders it with jinja2 ({@code ImmutableSandboxedEnvironment(trim_blocks=True,
 * lstrip_blocks=True)} plus the loop-controls extension, {@code tojson} = {@code json.dumps(...,
 * ensure_ascii=False)}, globals {@code raise_exception} and {@code strftime_now}).
 *
 * <p>The engine is Jinjava with its jinja2-compatibility switches on ({@link Engine#JINJA2_OVERRIDES})
 * and these bridges for what it lacks (see {@link Jinja2Compat}): Python string methods, step
 * slices, Python's {@code json.dumps}, the {@code generation} block. Instances are immutable and
 * safe to share between threads.
 */
public final class HfChatTemplate {
  private final String source;
  private final Node root;
  private final Map<String, Object> specialTokens;
  private final Clock clock;

  private HfChatTemplate(String source, Node root, Map<String, Object> specialTokens, Clock clock) {
    this.source = source;
    this.root = root;
    this.specialTokens = specialTokens;
    this.clock = clock;
  }

  /**
   * Parses a template.
   *
   * @throws ChatTemplateException on a syntax error (line and construct named)
   */
  public static HfChatTemplate compile(String source) {
    Objects.requireNonNull(source, "source");
    JinjavaInterpreter interpreter = Jinja2Compat.newInterpreter(Map.of());
    JinjavaInterpreter.pushCurrent(interpreter);
    try {
      StepSliceRewriter.checkFilters(
          source, name -> interpreter.getContext().getFilter(name) != null);
      Node root = interpreter.parse(StepSliceRewriter.rewrite(dropTrailingNewline(source)));
      Jinja2Compat.throwIfFailed(interpreter.getErrorsCopy(), source);
      PyOutput.install(root);
      return new HfChatTemplate(source, root, Map.of(), Clock.systemDefaultZone());
    } finally {
      JinjavaInterpreter.popCurrent();
    }
  }

  /** jinja2 (keep_trailing_newline=False) drops one newline at the very end of the source. */
  static String dropTrailingNewline(String s) {
    if (s.endsWith("\r\n")) {
      return s.substring(0, s.length() - 2);
    } else if (s.endsWith("\n") || s.endsWith("\r")) {
      return s.substring(0, s.length() - 1);
    }
    return s;
  }

  /**
   * The chat template of a {@code tokenizer_config.json}, with its {@code bos_token}/{@code
   * eos_token} (and other special tokens) as template variables.
   *
   * @param name null for the default template; otherwise a named template of a template list
   */
  public static HfChatTemplate fromTokenizerConfig(String tokenizerConfigJson, String name) {
    TokenizerConfigTemplates config = TokenizerConfigTemplates.parse(tokenizerConfigJson);
    return compile(config.template(name)).withSpecialTokens(config.specialTokens());
  }

  /** The same template with these variables (e.g. {@code bos_token}) under every render. */
  public HfChatTemplate withSpecialTokens(Map<String, ?> tokens) {
    return new HfChatTemplate(source, root, Map.copyOf(tokens), clock);
  }

  /** The same template with the clock that {@code strftime_now} reads. */
  public HfChatTemplate withClock(Clock clock) {
    return new HfChatTemplate(source, root, specialTokens, Objects.requireNonNull(clock));
  }

  public String source() {
    return source;
  }

  /**
   * {@code apply_chat_template(messages, tools=..., add_generation_prompt=..., **kwargs,
   * tokenize=False)}.
   *
   * @throws ChatTemplateException when rendering fails or the template raises an exception
   */
  public String render(ChatTemplateInput input) {
    Map<String, Object> vars = new LinkedHashMap<>(specialTokens);
    vars.putAll(input.variables());
    return render(vars);
  }

  /** Renders with exactly these variables (plain maps, lists, strings, numbers, booleans). */
  public String render(Map<String, Object> variables) {
    JinjavaInterpreter interpreter = Jinja2Compat.newInterpreter(variables);
    JinjavaInterpreter.pushCurrent(interpreter);
    Clock previous = Jinja2Functions.CLOCK.get();
    Jinja2Functions.CLOCK.set(clock);
    try {
      String out = interpreter.render(root, false);
      Jinja2Compat.throwIfFailed(interpreter.getErrorsCopy(), source);
      return out;
    } catch (ChatTemplateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Jinja2Compat.translate(e, source);
    } finally {
      Jinja2Functions.CLOCK.set(previous);
      JinjavaInterpreter.popCurrent();
    }
  }

  /** Shared Jinjava set-up. */
  static final class Engine {
    private Engine() {}

    /**
     * The jinja2 behaviours Jinjava can switch on. Not {@code LegacyOverrides.ALL}: with it (its
     * whitespace-in-tokens rule) Jinjava 2.8.2 leaves {@code {%- if %}} tags as plain text. Not "natural
     * operator precedence" either: it gets {@code not a == b} right but breaks {@code not x is
     * defined}, which chat templates use far more; keyword values are put in parentheses by {@link
     * StepSliceRewriter} so that {@code namespace(i=xs|length - 1)} works.
     */
    static final LegacyOverrides JINJA2_OVERRIDES =
        LegacyOverrides.newBuilder()
            .withEvaluateMapKeys(true)
            .withIterateOverMapKeys(true)
            .withUsePyishObjectMapper(true)
            .withParseWhitespaceControlStrictly(true)
            .withUseTrimmingForNotesAndExpressions(true)
            .withKeepNullableLoopValues(true)
            .build();

    static final Jinjava JINJAVA = create();

    private static Jinjava create() {
      CompositeELResolver resolver = new CompositeELResolver();
      resolver.add(new PyStringMethods());
      resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_WRITE);
      JinjavaConfig config =
          JinjavaConfig.newBuilder()
              .withTrimBlocks(true)
              .withLstripBlocks(false) // done by StepSliceRewriter, as jinja2 does it
              .withLegacyOverrides(JINJA2_OVERRIDES)
              .withElResolver(resolver)
              .withFailOnUnknownTokens(false)
              .build();
      Jinjava jinjava = new Jinjava(config);
      Context globals = jinjava.getGlobalContext();
      globals.registerFilter(new TojsonFilter());
      globals.registerTag(new GenerationTag());
      globals.registerFunction(
          new ELFunctionDefinition(
              "", "raise_exception", Jinja2Functions.class, "raiseException", Object.class));
      globals.registerFunction(
          new ELFunctionDefinition(
              "", "strftime_now", Jinja2Functions.class, "strftimeNow", String.class));
      globals.registerFunction(
          new ELFunctionDefinition(
              "",
              StepSliceRewriter.FUNCTION,
              Jinja2Functions.class,
              "slice",
              Object.class,
              Object.class,
              Object.class,
              Object.class));
      return jinjava;
    }
  }
}
