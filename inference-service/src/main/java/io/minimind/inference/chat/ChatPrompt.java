package io.minimind.inference.chat;

import io.minimind.core.serving.InvalidParameterException;
import io.minimind.inference.model.ServedModel;
import io.minimind.inference.model.Templates;
import io.minimind.templates.ChatTemplateException;
import java.util.HashMap;
import java.util.Map;

/**
 * A chat request rendered with the model's own chat template (as transformers'
 * {@code apply_chat_template(..., add_generation_prompt=True)} would) and tokenized.
 *
 * @param text the rendered prompt
 * @param ids its token ids
 * @param startsInReasoning the template already opened {@code <think>} for the reply
 */
public record ChatPrompt(String text, int[] ids, boolean startsInReasoning) {

  public static ChatPrompt render(ServedModel model, ChatRequest request) {
    Map<String, Object> vars = new HashMap<>(request.templateKwargs());
    vars.put("messages", request.messages());
    if (!request.tools().isEmpty()) {
      vars.put("tools", request.tools());
    }
    vars.put("add_generation_prompt", true);
    String text;
    try {
      text = Templates.render(model.template(), vars);
    } catch (ChatTemplateException e) {
      throw new InvalidParameterException("messages", "the chat template rejected the messages: "
          + e.getMessage());
    }
    String tail = text.stripTrailing();
    boolean reasoning = tail.endsWith(ReplyParser.THINK_OPEN);
    return new ChatPrompt(text, model.tokenizer().encode(text), reasoning);
  }
}
