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
    JsonElement c = o.get("conversations");
    if (c == null) {
      return "missing field \"conversations\"";
    }
    if (!c.isJsonArray()) {
      return "field \"conversations\" must be an array, got " + kind(c);
    }
    JsonArray a = c.getAsJsonArray();
    if (a.isEmpty()) {
      return "field \"conversations\" is empty";
    }
    boolean assistant = false;
    for (int i = 0; i < a.size(); i++) {
      String where = "conversations[" + i + "]";
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
      assistant |= role.getAsString().equals("assistant");
    }
    return assistant ? null : "field \"conversations\" has no assistant message";
  }

  static String text(JsonObject o) {
    return o.get("text").getAsString();
  }

  static List<ChatMessage> conversation(JsonObject o) {
    List<ChatMessage> out = new ArrayList<>();
    for (JsonElement e : o.getAsJsonArray("conversations")) {
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
