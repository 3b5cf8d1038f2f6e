package io.minimind.contracts.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and validates pipeline specs, the documents users submit to the orchestrator. One parser
 * for the orchestrator, the CLI and tests, so a spec is accepted or rejected the same way
 * everywhere and errors read the same.
 *
 * <h2>Format</h2>
 * YAML or JSON (JSON when the first non-blank character is {@code '{'}); the machine-readable form
 * is {@link #jsonSchema()}. Example:
 * <pre>{@code
 * name: sample-pretrain-sft            # required, 1..100 chars
 * model:                               # required: exactly one of preset / base
 *   preset: tiny                       # tiny | minimind2-small | minimind2 | minimind2-moe
 *   overrides: {hidden_size: 64}       # optional, preset only: config.json key -> scalar
 *   # base: models/minimind2/v1        # a model directory relative to the artifact root
 * tokenizer: {source: minimind}        # optional (default minimind); or
 *                                      # {source: path, path: tok/dir} or {source: stage, stage: t}
 * datasets:                            # name -> path relative to the artifact root
 *   pretrain: datasets/sample/pretrain.jsonl
 * retry: {maxAttempts: 3}              # optional, 1..10
 * stages:                              # required, 1..50, run in order
 *   - id: pretrain                     # required, ^[a-z][a-z0-9-]{0,39}$, unique, not "model"
 *     kind: pretrain                   # a StageKind wire name
 *     dataset: pretrain                # required for every kind but publish; forbidden for publish
 *     from: model                      # optional: absent = the previous model-producing stage (or
 *                                      # the model spec); "model" = the model spec; or the id of
 *                                      # an EARLIER model-producing stage
 *     parameters: {epochs: 1}          # per kind, see StageParameters; defaults are filled in
 *   - {id: publish, kind: publish, parameters: {modelName: minimind-sample}}
 * }</pre>
 *
 * <h2>Rules beyond types</h2>
 * <ul>
 *   <li>Unknown keys are errors at every level (a typo must not silently fall back to a default).
 *   <li>Paths (datasets, model base, tokenizer path, distill teacher) are relative to the artifact
 *       root: not empty, no leading {@code /} or drive letter, no backslash, no {@code ..} segment.
 *       Whether they exist is checked by the orchestrator, which knows the root.
 *   <li>publish needs a model-producing stage (pretrain, sft, lora, dpo, distill, ppo, grpo, spo)
 *       before it; {@code from} may only name an earlier model-producing stage.
 *   <li>{@code tokenizer.source: stage} must name a tokenizer-train stage that runs before every
 *       stage that tokenizes text.
 *   <li>A key whose value is null (an empty value in YAML) counts as absent.
 * </ul>
 *
 * <p>Errors carry an RFC 6901 pointer into the document and say what was found and expected; all
 * errors are reported together in one {@link SpecValidationException}.
 */
public final class PipelineSpecs {
  /** Longest accepted {@code name}. */
  public static final int MAX_NAME_LENGTH = 100;
  /** Most stages in one pipeline. */
  public static final int MAX_STAGES = 50;
  /** Dataset names (keys of {@code datasets}). */
  public static final String DATASET_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$";
  /** Largest accepted document; a spec is small, anything bigger is a mistake or an attack. */
  public static final int MAX_SPEC_CHARS = 1 << 20;

  private static final String SCHEMA_RESOURCE = "pipeline-spec.schema.json";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private PipelineSpecs() {}

  /**
   * Parses and validates a spec.
   *
   * @param text a YAML or JSON document
   * @return the spec, with defaults filled in
   * @throws SpecValidationException listing every error found (syntax errors: one error at the
   *     root pointer {@code ""} naming line and column)
   */
  public static PipelineSpec parse(String text) {
    List<SpecError> errors = new ArrayList<>();
    Object tree = tree(text, errors);
    PipelineSpec spec = errors.isEmpty() ? new SpecReader(errors).read(tree) : null;
    if (!errors.isEmpty()) {
      throw new SpecValidationException(errors);
    }
    return spec;
  }

  /** Whether {@code text} is read as JSON: its first non-blank character is '{'. */
  public static boolean isJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c == '{';
      }
    }
    return false;
  }

  /**
   * The JSON Schema (draft 2020-12) of the spec format, for editors and API docs. It is generated
   * from {@link StageParameters} (a test checks that it is current); rules that cross fields, such
   * as references between stages, are only checked by {@link #parse}.
   */
  public static String jsonSchema() {
    return SchemaHolder.SCHEMA;
  }

  /** Plain maps, lists and scalars; null after adding a syntax error. */
  private static Object tree(String text, List<SpecError> errors) {
    if (text == null || text.isBlank()) {
      errors.add(new SpecError("", "the spec is empty; expected a YAML or JSON object with name,"
          + " model and stages"));
      return null;
    }
    if (text.length() > MAX_SPEC_CHARS) {
      errors.add(new SpecError("", "the spec has " + text.length() + " characters; at most "
          + MAX_SPEC_CHARS + " are accepted"));
      return null;
    }
    boolean json = isJson(text);
    try {
      return (json ? JSON : YAML).readValue(text, Object.class);
    } catch (MismatchedInputException e) {
      // Only comments or "---": Jackson's "no content" message would name a line, not the cause.
      errors.add(new SpecError("", "the spec has no content; expected a YAML or JSON object with"
          + " name, model and stages"));
      return null;
    } catch (JsonProcessingException e) {
      errors.add(new SpecError("", syntaxMessage(json ? "JSON" : "YAML", e)));
      return null;
    }
  }

  /** One line naming line and column; YAML errors use SnakeYAML's problem text, minus the
   *  source excerpt it adds. */
  static String syntaxMessage(String format, JsonProcessingException e) {
    String problem = e.getOriginalMessage();
    JsonLocation loc = e.getLocation();
    int line = loc == null ? -1 : loc.getLineNr();
    int column = loc == null ? -1 : loc.getColumnNr();
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y) {
      problem = (y.getContext() == null ? "" : y.getContext() + ": ") + y.getProblem();
      if (y.getProblemMark() != null) {
        line = y.getProblemMark().getLine() + 1;
        column = y.getProblemMark().getColumn() + 1;
      }
    }
    String where = line > 0 ? " at line " + line + ", column " + column : "";
    String oneLine = String.valueOf(problem).replaceAll("\\s*\\R\\s*", " ").trim();
    return "invalid " + format + where + ": " + oneLine;
  }

  /** Loads the schema on first use only; most callers never need it. */
  private static final class SchemaHolder {
    static final String SCHEMA = load();

    private static String load() {
      try (InputStream in = PipelineSpecs.class.getResourceAsStream(SCHEMA_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource " + SCHEMA_RESOURCE + " missing from the jar");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
