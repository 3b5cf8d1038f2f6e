package io.minimind.core.rl;

import java.util.Map;

/** One RL algorithm's hyper-parameters. */
public sealed interface RlSettings permits GrpoSettings, SpoSettings, PpoSettings {
  /** The run's mode: grpo, cispo, spo or ppo. */
  String mode();

  /** Tokens generated per completion. */
  int maxNewTokens();

  /** The settings a resume must not change, as strings. */
  Map<String, String> identity();
}
