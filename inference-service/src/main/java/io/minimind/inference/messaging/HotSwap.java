package io.minimind.inference.messaging;

import io.minimind.contracts.messages.ModelPublished;
import io.minimind.inference.model.ModelRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Serves each newly published model (a {@code publish} stage's {@link ModelPublished} event on
 * minimind.model-published) under its name, replacing the previous version: requests already
 * queued or running finish on the old weights ({@link ModelRegistry#replace}). An event whose
 * model cannot be loaded is logged and skipped; the model served before stays.
 */
@ApplicationScoped
public class HotSwap {
  private static final Logger LOG = Logger.getLogger(HotSwap.class);
  private final ModelRegistry registry;

  public HotSwap(ModelRegistry registry) {
    this.registry = registry;
  }

  @Incoming("model-published")
  @Blocking
  public void onPublished(ModelPublished event) {
    if (event == null) {
      LOG.warn("skipping an unreadable model.published message");
      return;
    }
    try {
      Path dir = Path.of(URI.create(event.uri()));
      if (!Files.isRegularFile(dir.resolve("model.safetensors"))) {
        LOG.warnf("model.published %s v%d: %s has no model.safetensors; still serving the previous version",
            event.modelName(), event.version(), dir);
        return;
      }
      registry.replace(event.modelName(), dir);
      LOG.infof("hot-swapped %s to v%d (%s)", event.modelName(), event.version(), dir);
    } catch (Exception e) {
      LOG.errorf(e, "model.published %s v%d could not be loaded; still serving the previous version",
          event.modelName(), event.version());
    }
  }
}
