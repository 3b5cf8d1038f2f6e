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
 * @param text the rendered prompt, ending with {@code forcedReply}
 * @param ids its token ids
 * @param startsInReasoning the template already opened {@code <think>} for the reply
 * @param forcedReply the start of the reply that {@code tool_choice} forces ("" when none): the
 *     model continues it, and the reply is parsed as if the model had written it
 */
public record ChatPrompt(String text, int[] ids, boolean startsInReasoning, String forcedReply) {

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
    String forced = forcedReply(request.toolChoice(), reasoning);
    // The forced text is tokenized with the prompt, as one text, because that is how the model saw
    // such replies in training. Its tokens are therefore prompt tokens (usage.prompt_tokens);
    // completion_tokens count only what the model sampled.
    String full = text + forced;
    return new ChatPrompt(full, model.tokenizer().encode(full), reasoning, forced);
  }

  /**
   * What {@code toolChoice} forces the reply to start with; after a template that opened
   * {@code <think>}, the block is closed first, as a forced call leaves no room to think.
   */
  static String forcedReply(ToolChoice toolChoice, boolean startsInReasoning) {
    String forced = toolChoice.forcedReply();
    return startsInReasoning && !forced.isEmpty() ? ReplyParser.THINK_CLOSE + "\n\n" + forced : forced;
  }
}
