package io.minimind.cli;

import io.minimind.core.bench.RlBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minimind bench rl}: GRPO and PPO step time split and samples/s per preset. */
@Command(name = "rl", mixinStandardHelpOptions = true,
    description = "RL step time split (rollout, scoring, update) and completions/s for GRPO and PPO.")
final class BenchRlCommand implements Callable<Integer> {
  @Option(names = "--preset", split = ",", defaultValue = "tiny,minimind2-small",
      description = "presets, comma-separated; default ${DEFAULT-VALUE}")
  List<String> presets = new ArrayList<>();

  @Option(names = "--algorithm", split = ",", defaultValue = "grpo,ppo") List<String> algorithms = new ArrayList<>();
  @Option(names = "--prompts", defaultValue = "2", description = "prompts per step; default ${DEFAULT-VALUE}") int prompts;
  @Option(names = "--group-size", defaultValue = "4", description = "GRPO completions per prompt; default ${DEFAULT-VALUE}") int groupSize;
  @Option(names = "--prompt-len", defaultValue = "64") int promptLen;
  @Option(names = "--max-new-tokens", defaultValue = "64") int maxNewTokens;
  @Option(names = "--rollout-engine", split = ",", defaultValue = "djl,java", description = "rollout engines to compare; default ${DEFAULT-VALUE}")
  List<String> engines = new ArrayList<>();
  @Option(names = "--warmup", defaultValue = "1") int warmup;
  @Option(names = "--steps", defaultValue = "3") int steps;
  @Mixin EngineOptions engine;

  @Override
  public Integer call() {
    engine.apply();
    List<String> json = new ArrayList<>();
    System.out.printf("bench rl: %d prompts/step, GRPO group %d, prompt %d tokens, up to %d new tokens, "
        + "%d warm-up + %d timed steps%n", prompts, groupSize, promptLen, maxNewTokens, warmup, steps);
    System.out.printf("%-6s %-16s %-6s %12s %8s %9s %10s %9s %9s %10s%n", "algo", "preset", "engine", "params", "compl.",
        "rollout s", "scoring s", "update s", "step s", "compl./s");
    for (String preset : presets) {
      for (String algorithm : algorithms) {
        for (String engineName : engines) {
        RlBenchmark.Result r = RlBenchmark.run(algorithm, preset, BenchCommand.config(preset, List.of()), engineName,
            prompts, groupSize, promptLen, maxNewTokens, warmup, steps);
        System.out.printf(Locale.ROOT, "%-6s %-16s %-6s %,12d %8d %9.3f %10.4f %9.3f %9.3f %10.2f%n", algorithm,
            preset, r.rolloutEngine(), r.parameters(), r.completionsPerStep(), r.rolloutS(), r.scoringS(), r.updateS(), r.stepS(),
            r.samplesPerSecond());
        json.add(String.format(Locale.ROOT,
            "{\"algorithm\":\"%s\",\"preset\":\"%s\",\"rollout_engine\":\"%s\",\"params\":%d,\"completions_per_step\":%d,"
                + "\"completion_tokens\":%.1f,\"rollout_s\":%.4f,\"scoring_s\":%.5f,\"update_s\":%.4f,"
                + "\"step_s\":%.4f,\"completions_per_s\":%.3f}",
            algorithm, preset, r.rolloutEngine(), r.parameters(), r.completionsPerStep(), r.completionTokens(),
            r.rolloutS(), r.scoringS(), r.updateS(), r.stepS(), r.samplesPerSecond()));
        }
      }
    }
    System.out.println("{\"bench\":\"rl\",\"runs\":[" + String.join(",", json) + "]}");
    return 0;
  }
}
