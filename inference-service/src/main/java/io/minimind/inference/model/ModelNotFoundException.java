package io.minimind.inference.model;

import java.util.Set;

/** The requested model is not served here (404, OpenAI's {@code model_not_found}). */
public final class ModelNotFoundException extends RuntimeException {
  public ModelNotFoundException(String name, Set<String> served) {
    super("The model '" + name + "' does not exist; served models: " + served);
  }
}
