package io.minimind.trainer;

import io.minimind.contracts.messages.StageKind;
import io.minimind.contracts.spec.StageParameters;
import io.minimind.core.train.TrainConfig;
import io.minimind.core.train.TrainingRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a pretrain/sft job's {@code parameters} to the core's {@link TrainConfig} and model options.
 * The values come from JSON, so a number may arrive as Integer, Long or Double; any Number is
 * accepted as long as it fits (an integral parameter must be a whole number). Every error is a
 * {@link SpecException} naming the parameter, since the user has to find it in the spec.
 *
 * @param train hyper-parameters, on top of MiniMind's defaults for the mode
 * @param preset model preset for a fresh model
 * @param overrides config.json overrides as {@code key=value}
 * @param maxBadLines bad JSONL lines tolerated before the run fails with DATA
 * @param device {@code cpu}, {@code gpu} or {@code auto}
 * @param tokenizerUri a tokenizer directory URI, or null
 */
public record TrainParameters(TrainConfig train, String preset, List<String> overrides,
    int maxBadLines, String device, String tokenizerUri) {

  /** Preset when the spec names none (MiniMind's default model). */
  static final String DEFAULT_PRESET = "minimind2-small";

  /** Reads the parameters of a {@code mode} job. */
  public static TrainParameters from(TrainingRun.Mode mode, Map<String, Object> p) {
    return from(mode == TrainingRun.Mode.PRETRAIN ? TrainConfig.pretrainDefaults() : TrainConfig.sftDefaults(), p);
  }

  /**
   * Reads the shared training parameters of any training kind; defaults the job left out come
   * from the kind's row of the contract's parameter table, as the orchestrator fills them in.
   */
  public static TrainParameters from(StageKind kind, Map<String, Object> p) {
    Map<String, Object> t = StageParameters.defaults(kind);
    TrainConfig d = new TrainConfig(num(t, "epochs").intValue(), num(t, "batchSize").intValue(),
        num(t, "learningRate").doubleValue(), num(t, "maxSeqLen").intValue(),
        num(t, "accumulationSteps").intValue(), num(t, "gradClip").doubleValue(),
        num(t, "weightDecay").doubleValue(), num(t, "saveInterval").intValue(),
        num(t, "logInterval").intValue(), num(t, "seed").longValue(), (Boolean) t.get("shuffle"),
        num(t, "maxSteps").longValue(), 0, num(t, "keepCheckpoints").intValue());
    return from(d, p);
  }

  private static Number num(Map<String, Object> table, String name) {
    return (Number) table.get(name);
  }


  private static TrainParameters from(TrainConfig d, Map<String, Object> p) {
    TrainConfig cfg;
    try {
      cfg = new TrainConfig(
          intParam(p, "epochs", d.epochs(), 1), intParam(p, "batchSize", d.batchSize(), 1),
          learningRate(p, d.learningRate()), intParam(p, "maxSeqLen", d.maxSeqLen(), 2),
          intParam(p, "accumulationSteps", d.accumulationSteps(), 1),
          positive(p, "gradClip", d.gradClip()), nonNegative(p, "weightDecay", d.weightDecay()),
          intParam(p, "saveInterval", d.saveInterval(), 0), intParam(p, "logInterval", d.logInterval(), 1),
          longParam(p, "seed", d.seed(), Long.MIN_VALUE), bool(p, "shuffle", d.shuffle()),
          longParam(p, "maxSteps", d.maxSteps(), 0), 0,
          intParam(p, "keepCheckpoints", d.keepCheckpoints(), 1));
    } catch (SpecException e) {
      throw e;
    } catch (IllegalArgumentException e) { // a rule of TrainConfig not checked above
      throw new SpecException("parameters", e.getMessage());
    }
    String device = string(p, "device", "auto").toLowerCase(Locale.ROOT);
    if (!Set.of("cpu", "gpu", "auto").contains(device)) {
      throw new SpecException("parameters.device",
          "parameter device must be cpu, gpu or auto, got '" + device + "'");
    }
    String tokenizer = p.containsKey("tokenizerUri") ? string(p, "tokenizerUri", null) : null;
    return new TrainParameters(cfg, string(p, "preset", DEFAULT_PRESET), overrides(p),
        intParam(p, "maxBadLines", 0, 0), device, tokenizer);
  }

  static int intParam(Map<String, Object> p, String name, int fallback, int min) {
    long v = longParam(p, name, fallback, min);
    if (v > Integer.MAX_VALUE) {
      throw new SpecException("parameters." + name,
          "parameter " + name + " must be at most " + Integer.MAX_VALUE + ", got " + v);
    }
    return (int) v;
  }

  static long longParam(Map<String, Object> p, String name, long fallback, long min) {
    Object v = p.get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw wrongType(name, "a whole number", v);
    }
    double d = n.doubleValue();
    if (!(n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte)
        && (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > 9.007199254740992E15)) {
      throw wrongType(name, "a whole number", v);
    }
    long l = n.longValue();
    if (l < min) {
      throw new SpecException("parameters." + name,
          "parameter " + name + " must be >= " + min + ", got " + v);
    }
    return l;
  }

  static double number(Map<String, Object> p, String name, double fallback) {
    Object v = p.get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw wrongType(name, "a finite number", v);
    }
    return n.doubleValue();
  }

  private static double learningRate(Map<String, Object> p, double fallback) {
    double lr = number(p, "learningRate", fallback);
    if (lr <= 0 || lr >= 1) {
      throw new SpecException("parameters.learningRate",
          "parameter learningRate must be in (0, 1), got " + lr);
    }
    return lr;
  }

  private static double positive(Map<String, Object> p, String name, double fallback) {
    double v = number(p, name, fallback);
    if (v <= 0) {
      throw new SpecException("parameters." + name, "parameter " + name + " must be > 0, got " + v);
    }
    return v;
  }

  private static double nonNegative(Map<String, Object> p, String name, double fallback) {
    double v = number(p, name, fallback);
    if (v < 0) {
      throw new SpecException("parameters." + name, "parameter " + name + " must be >= 0, got " + v);
    }
    return v;
  }

  static boolean bool(Map<String, Object> p, String name, boolean fallback) {
    Object v = p.get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw wrongType(name, "true or false", v);
    }
    return b;
  }

  static String string(Map<String, Object> p, String name, String fallback) {
    Object v = p.get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw wrongType(name, "a non-empty string", v);
    }
    return s;
  }

  /** {@code overrides} (a map of config.json keys) as the core's {@code key=value} list. */
  private static List<String> overrides(Map<String, Object> p) {
    Object v = p.get("overrides");
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw wrongType("overrides", "a map of config.json keys to values", v);
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object value = e.getValue();
      String text;
      if (value instanceof Number n && !(value instanceof Double || value instanceof Float)) {
        text = Long.toString(n.longValue());
      } else if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
          && Math.abs(n.doubleValue()) < 1e15) {
        text = Long.toString(n.longValue()); // 32.0 from JSON means 32; config ints do not parse "32.0"
      } else if (value instanceof Number || value instanceof Boolean || value instanceof String) {
        text = value.toString();
      } else {
        throw new SpecException("parameters.overrides." + e.getKey(), "parameter overrides."
            + e.getKey() + " must be a number, string or boolean, got " + describe(value));
      }
      out.add(e.getKey() + "=" + text);
    }
    return List.copyOf(out);
  }

  static SpecException wrongType(String name, String expected, Object got) {
    return new SpecException("parameters." + name,
        "parameter " + name + " must be " + expected + ", got " + describe(got));
  }

  private static String describe(Object v) {
    return v == null ? "null" : v instanceof String s ? "\"" + s + "\"" : v + " (" + v.getClass().getSimpleName() + ")";
  }
}
