package io.minimind.core.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.minimind.core.tokenizer.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The two MiniMind record formats: checks and field extraction. */
final class Records {
  static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

  private Records() {}

  static String pretrainProblem(JsonObject o) {
    JsonElement t = o.get("text");
    if (t == null) {
      return "missing field \"text\"";
    }
    if (!isString(t)) {
      return "field \"text\" must be a string, got " + kind(t);
    }
    return t.getAsString().isEmpty() ? "field \"text\" is empty" : null;
  }

  static String sftProblem(JsonObject o) {
    return messagesProblem(o, "conversations", "assistant");
  }

  /** DPO: {@code chosen} and {@code rejected} conversations, each with an assistant reply. */
  static String dpoProblem(JsonObject o) {
    String chosen = messagesProblem(o, "chosen", "assistant");
    return chosen != null ? chosen : messagesProblem(o, "rejected", "assistant");
  }

  /** RLAIF prompts: {@code conversations} with at least one user message. */
  static String rlaifProblem(JsonObject o) {
    return messagesProblem(o, "conversations", "user");
  }

  /** Checks {@code field} is a non-empty array of messages containing one with {@code required} role. */
  static String messagesProblem(JsonObject o, String field, String required) {
    JsonElement c = o.get(field);
    if (c == null) {
      return "missing field \"" + field + "\"";
    }
    if (!c.isJsonArray()) {
      return "field \"" + field + "\" must be an array, got " + kind(c);
    }
    JsonArray a = c.getAsJsonArray();
    if (a.isEmpty()) {
      return "field \"" + field + "\" is empty";
    }
    boolean found = false;
    for (int i = 0; i < a.size(); i++) {
      String where = field + "[" + i + "]";
      if (!a.get(i).isJsonObject()) {
        return where + " must be an object, got " + kind(a.get(i));
      }
      JsonObject m = a.get(i).getAsJsonObject();
      JsonElement role = m.get("role");
      if (role == null || !isString(role)) {
        return where + ".role must be a string, got " + kind(role);
      }
      if (!ROLES.contains(role.getAsString())) {
        return where + ".role \"" + role.getAsString() + "\" is not one of system, user, assistant, tool";
      }
      JsonElement content = m.get("content");
      if (content == null || !isString(content)) {
        return where + ".content must be a string, got " + kind(content);
      }
      found |= role.getAsString().equals(required);
    }
    return found ? null : "field \"" + field + "\" has no " + required + " message";
  }

  static String text(JsonObject o) {
    return o.get("text").getAsString();
  }

  static List<ChatMessage> conversation(JsonObject o) {
    return conversation(o, "conversations");
  }

  static List<ChatMessage> conversation(JsonObject o, String field) {
    List<ChatMessage> out = new ArrayList<>();
    for (JsonElement e : o.getAsJsonArray(field)) {
      JsonObject m = e.getAsJsonObject();
      out.add(new ChatMessage(m.get("role").getAsString(), m.get("content").getAsString()));
    }
    return out;
  }

  private static boolean isString(JsonElement e) {
    return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
  }

  private static String kind(JsonElement e) {
    if (e == null) {
      return "nothing";
    }
    if (e.isJsonNull()) {
      return "null";
    }
    if (e.isJsonArray()) {
      return "an array";
    }
    if (e.isJsonObject()) {
      return "an object";
    }
    return e.getAsJsonPrimitive().isString() ? "a string" : e.getAsJsonPrimitive().isBoolean()
        ? "a boolean" : "a number";
  }
}
