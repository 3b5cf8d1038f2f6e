package io.minimind.core.rl;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.minimind.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SPO's persistent value tracker (arXiv 2509.13232 §3; MiniMind's train_spo.py
 * {@code AutoAdaptiveValueTracker}, kept per prompt as in the paper where MiniMind keeps one for
 * all): each prompt has a Beta(α, β) estimate of its normalised reward, whose mean α/(α+β) is the
 * baseline. After each visit, with the reward r normalised to [0, 1],
 *
 * <pre>
 *   α ← ρ·α + r,   β ← ρ·β + (1 − r),   ρ = clip(2^(−D / D_half), ρ_min, ρ_max)
 * </pre>
 *
 * where D is the policy's drift on that prompt since its last visit, estimated as MiniMind does:
 * |mean token log-prob then − mean token log-prob now|. A first visit uses ρ 0.9 (MiniMind's
 * {@code rho_const}). Priors α = β = ½·1/(1 − ρ_min). Defaults as MiniMind: ρ_min 0.5, ρ_max
 * 0.96, D_half 0.06, rewards in [−3, 3] (its clipped reward-model scale).
 *
 * <p>The tracker is part of the training state: {@link #write}/{@link #read} put it in each
 * checkpoint so a resumed run sees the same baselines.
 */
public final class SpoValueTracker {
  static final double RHO_MIN = 0.5;
  static final double RHO_MAX = 0.96;
  static final double D_HALF = 0.06;
  static final double RHO_FIRST = 0.9;
  static final double PRIOR = 0.5 / (1 - RHO_MIN);

  /** Batch normalisation epsilon of the advantages, as GRPO's. */
  static final double EPS = 1e-4;

  private final double rewardMin;
  private final double rewardMax;
  private final TreeMap<Integer, Entry> entries = new TreeMap<>();

  /** One prompt's state (also its JSON form). */
  static final class Entry {
    int prompt;
    double alpha = PRIOR;
    double beta = PRIOR;
    double lastMeanLogp;
  }

  /** @param rewardMin rewardMax the range rewards are normalised from (clipped into it) */
  public SpoValueTracker(double rewardMin, double rewardMax) {
    if (!(rewardMax > rewardMin)) {
      throw new IllegalArgumentException("SPO reward range needs max > min, got [" + rewardMin + ", " + rewardMax + "]");
    }
    this.rewardMin = rewardMin;
    this.rewardMax = rewardMax;
  }

  /** The baseline of {@code prompt} in reward units: min + α/(α+β)·(max − min). */
  public double baseline(int prompt) {
    Entry e = entries.get(prompt);
    double mean = e == null ? 0.5 : e.alpha / (e.alpha + e.beta);
    return rewardMin + mean * (rewardMax - rewardMin);
  }

  /**
   * Folds one visit into the prompt's estimate.
   *
   * @param meanLogp the completion's mean token log-prob under the current policy
   * @return the forgetting factor ρ used
   */
  public double update(int prompt, double reward, double meanLogp) {
    Entry e = entries.get(prompt);
    double rho;
    if (e == null) {
      e = new Entry();
      e.prompt = prompt;
      entries.put(prompt, e);
      rho = RHO_FIRST;
    } else {
      double drift = Math.abs(e.lastMeanLogp - meanLogp);
      rho = Math.max(RHO_MIN, Math.min(RHO_MAX, Math.pow(2, -drift / D_HALF)));
    }
    double r = Math.max(0, Math.min(1, (reward - rewardMin) / (rewardMax - rewardMin)));
    e.alpha = rho * e.alpha + r;
    e.beta = rho * e.beta + (1 - r);
    e.lastMeanLogp = meanLogp;
    return rho;
  }

  /**
   * The batch's advantages r − baseline, normalised over the batch: (a − mean) / (std + 1e-4) with
   * the population std. Read the baselines before {@link #update}. A batch of one (the last
   * micro-batch of an epoch can be) keeps its raw r − baseline: normalising it would give 0 and the
   * prompt would learn nothing but the KL term.
   */
  public static double[] normalisedAdvantages(double[] rewards, double[] baselines) {
    int n = rewards.length;
    double[] a = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      a[i] = rewards[i] - baselines[i];
      mean += a[i];
    }
    if (n < 2) {
      return a;
    }
    mean /= n;
    double var = 0;
    for (double x : a) {
      var += (x - mean) * (x - mean);
    }
    double std = Math.sqrt(var / n);
    for (int i = 0; i < n; i++) {
      a[i] = (a[i] - mean) / (std + EPS);
    }
    return a;
  }

  /** Prompts seen so far. */
  public int size() {
    return entries.size();
  }

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  /** Writes the state as JSON (doubles round-trip exactly). */
  public void write(Path file) throws IOException {
    Map<String, Object> json = new TreeMap<>();
    json.put("rewardMin", rewardMin);
    json.put("rewardMax", rewardMax);
    json.put("prompts", new ArrayList<>(entries.values()));
    AtomicFiles.write(file, GSON.toJson(json).getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces the state with {@code file}'s. */
  public void read(Path file) throws IOException {
    State s = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), State.class);
    if (s == null || s.prompts == null || s.rewardMin != rewardMin || s.rewardMax != rewardMax) {
      throw new IOException(file + ": not an SPO tracker state for rewards in [" + rewardMin + ", " + rewardMax + "]");
    }
    entries.clear();
    for (Entry e : s.prompts) {
      entries.put(e.prompt, e);
    }
  }

  private static final class State {
    double rewardMin;
    double rewardMax;
    List<Entry> prompts;
  }
}
