package io.minimind.contracts.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of pipeline stage. The JSON value is the kebab-case name used in pipeline specs. */
public enum StageKind {
  @JsonProperty("tokenizer-train") TOKENIZER_TRAIN("tokenizer-train"),
  @JsonProperty("tokenize-dataset") TOKENIZE_DATASET("tokenize-dataset"),
  @JsonProperty("pretrain") PRETRAIN("pretrain"),
  @JsonProperty("sft") SFT("sft"),
  @JsonProperty("reason") REASON("reason"),
  @JsonProperty("lora") LORA("lora"),
  @JsonProperty("dpo") DPO("dpo"),
  @JsonProperty("distill") DISTILL("distill"),
  @JsonProperty("ppo") PPO("ppo"),
  @JsonProperty("grpo") GRPO("grpo"),
  @JsonProperty("cispo") CISPO("cispo"),
  @JsonProperty("spo") SPO("spo"),
  @JsonProperty("publish") PUBLISH("publish");

  private final String wireName;

  StageKind(String wireName) {
    this.wireName = wireName;
  }

  /** The kebab-case name used in JSON and in pipeline specs. */
  public String wireName() {
    return wireName;
  }

  /** Looks up a kind by its wire name; the error lists the valid names. */
  public static StageKind fromWireName(String name) {
    for (StageKind k : values()) {
      if (k.wireName.equals(name)) {
        return k;
      }
    }
    StringBuilder valid = new StringBuilder();
    for (StageKind k : values()) {
      valid.append(valid.length() == 0 ? "" : ", ").append(k.wireName);
    }
    throw new IllegalArgumentException(
        "unknown stage kind '" + name + "', expected one of: " + valid);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
