package io.minimind.core.data;

import com.google.gson.JsonObject;

/** Checks the fields of one parsed JSONL record; the JSON syntax was checked before. */
@FunctionalInterface
public interface LineValidator {
  /** Null when {@code record} is usable, otherwise the reason, e.g. {@code missing field "text"}. */
  String problem(JsonObject record);

  /** MiniMind pretraining: {@code {"text": "..."}} with a non-empty string. */
  static LineValidator pretrain() {
    return Records::pretrainProblem;
  }

  /**
   * MiniMind SFT: {@code {"conversations": [{"role": "user", "content": "..."}, ...]}}, non-empty,
   * roles in system/user/assistant/tool, string contents, at least one assistant message.
   */
  static LineValidator sft() {
    return Records::sftProblem;
  }

  /** MiniMind DPO: {@code {"chosen": [messages], "rejected": [messages]}}, each with a reply. */
  static LineValidator dpo() {
    return Records::dpoProblem;
  }

  /** MiniMind RLAIF prompts: {@code {"conversations": [...]}} with at least one user message. */
  static LineValidator rlaif() {
    return Records::rlaifProblem;
  }
}
