package io.minimind.templates;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateError.ErrorItem;
import com.hubspot.jinjava.interpret.TemplateError.ErrorReason;
import com.hubspot.jinjava.interpret.TemplateError.ErrorType;
import java.util.List;
import java.util.Map;

/**
 * Where Jinjava and jinja2 (as transformers configures it) differ, and how this module bridges
 * it. Jinjava reports most problems as a list of errors after rendering instead of throwing; a
 * jinja2 template that fails (syntax error, unknown filter/test/function/tag, {@code
 * raise_exception}) must fail here too, as a {@link ChatTemplateException}.
 *
 * <ul>
 *   <li>{@code str} methods ({@code startswith}, {@code endswith}, {@code strip}, {@code split},
 *       {@code upper}, {@code replace}, ...) and {@code s[0]}: {@link PyStringMethods}.
 *   <li>Slices with a step ({@code messages[::-1]}): {@link StepSliceRewriter} + {@link
 *       Jinja2Functions#slice}.
 *   <li>{@code tojson}: Python's {@code json.dumps} spacing and float format ({@link PyJson}).
 *   <li>{@code raise_exception}, {@code strftime_now}: {@link Jinja2Functions}.
 *   <li>{@code {% generation %}}: {@link GenerationTag}.
 *   <li>Printing {@code True}/{@code False}/{@code None} (also inside lists and dicts): {@link
 *       PyOutput}.
 *   <li>Precedence of {@code not} ({@code not x|length == 1}), {@code lstrip_blocks} only at the
 *       start of a line, unknown filters refused at compile time: {@link StepSliceRewriter}.
 *   <li>Iteration over dict keys, {@code True}/{@code None} literals and the rest of whitespace
 *       control: Jinjava's legacy overrides ({@code HfChatTemplate.Engine.JINJA2_OVERRIDES}).
 * </ul>
 */
final class Jinja2Compat {
  private Jinja2Compat() {}

  static JinjavaInterpreter newInterpreter(Map<String, ?> variables) {
    var jinjava = HfChatTemplate.Engine.JINJAVA;
    Context context =
        new Context(jinjava.getGlobalContext(), variables, jinjava.getGlobalConfig().getDisabled());
    return new JinjavaInterpreter(jinjava, context, jinjava.getGlobalConfig());
  }

  /** Throws for the first error that would have stopped jinja2. */
  static void throwIfFailed(List<TemplateError> errors, String source) {
    for (TemplateError e : errors) {
      if (isFatal(e)) {
        throw toException(e, source);
      }
    }
  }

  private static boolean isFatal(TemplateError e) {
    if (e.getSeverity() == ErrorType.FATAL) {
      return true;
    }
    // Jinjava only warns about these; jinja2 refuses the template.
    return e.getReason() == ErrorReason.UNKNOWN
        && (e.getItem() == ErrorItem.FILTER
            || e.getItem() == ErrorItem.TAG
            || e.getItem() == ErrorItem.EXPRESSION_TEST
            || e.getItem() == ErrorItem.FUNCTION);
  }

  private static ChatTemplateException toException(TemplateError e, String source) {
    Jinja2Functions.RaisedByTemplate raised = raisedBy(e.getException());
    String construct = e.getFieldName();
    if (raised != null) {
      return new ChatTemplateException.Raised(raised.getMessage(), construct, e.getLineno());
    }
    String what = describe(e);
    return new ChatTemplateException(what, construct, e.getLineno(), e.getException());
  }

  private static String describe(TemplateError e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String item = e.getItem() == null ? "" : e.getItem().name().toLowerCase().replace('_', ' ');
    String reason = e.getReason() == null ? "error" : e.getReason().name().toLowerCase();
    return (reason + " " + item).strip().replace("  ", " ") + ": " + message;
  }

  static ChatTemplateException translate(RuntimeException e, String source) {
    Jinja2Functions.RaisedByTemplate raised = raisedBy(e);
    if (raised != null) {
      return new ChatTemplateException.Raised(raised.getMessage(), null, -1);
    }
    int line = -1;
    if (e instanceof com.hubspot.jinjava.interpret.InterpretException ie) {
      line = ie.getLineNumber();
    }
    return new ChatTemplateException(
        e.getClass().getSimpleName() + ": " + e.getMessage(), null, line, e);
  }

  private static Jinja2Functions.RaisedByTemplate raisedBy(Throwable t) {
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
      if (t instanceof Jinja2Functions.RaisedByTemplate r) {
        return r;
      }
    }
    return null;
  }
}
