package io.minimind.inference.model;

import io.minimind.templates.HfChatTemplate;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Chat templates under Quarkus: Jinjava resolves its own classes through the thread's context class
 * loader, which under Quarkus is not the one that loaded Jinjava; every compile and render
 * therefore runs with Jinjava's loader as context loader.
 */
public final class Templates {
  private Templates() {}

  public static HfChatTemplate compile(String source) {
    return withTemplateLoader(() -> HfChatTemplate.compile(source));
  }

  public static String render(HfChatTemplate template, Map<String, Object> variables) {
    return withTemplateLoader(() -> template.render(variables));
  }

  private static <T> T withTemplateLoader(Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(HfChatTemplate.class.getClassLoader());
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
