package io.minimind.inference.model;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The models this service serves, by name. Configured models load at start; {@link #replace}
 * swaps one in: new requests go to the new weights at once, requests already queued or running
 * finish on the old ones, which are closed when they are done ({@link ServedModel#closeWhenIdle}).
 */
@ApplicationScoped
public class ModelRegistry {
  private static final Logger LOG = Logger.getLogger(ModelRegistry.class);
  private final Map<String, ServedModel> models = new ConcurrentHashMap<>();
  private final InferenceSettings settings;

  public ModelRegistry(InferenceSettings settings) {
    this.settings = settings;
  }

  void start(@Observes StartupEvent ev) {
    for (Map.Entry<String, String> m : new TreeMap<>(settings.models()).entrySet()) {
      try {
        replace(m.getKey(), Path.of(m.getValue()));
      } catch (IOException | RuntimeException e) {
        LOG.errorf(e, "model %s from %s could not be loaded", m.getKey(), m.getValue());
      }
    }
  }

  void stop(@Observes ShutdownEvent ev) {
    models.values().forEach(ServedModel::close);
  }

  /** Loads {@code dir} and serves it as {@code name}, replacing what was served under that name. */
  public ServedModel replace(String name, Path dir) throws IOException {
    ServedModel loaded = ServedModel.load(name, dir, settings);
    ServedModel old = models.put(name, loaded);
    LOG.infof("serving %s from %s", name, dir);
    if (old != null) {
      old.closeWhenIdle();
    }
    return loaded;
  }

  /** The model, or a {@link ModelNotFoundException} listing what is served. */
  public ServedModel get(String name) {
    ServedModel m = models.get(name);
    if (m == null) {
      throw new ModelNotFoundException(name, new TreeMap<>(models).keySet());
    }
    return m;
  }

  public List<ServedModel> all() {
    return new ArrayList<>(new TreeMap<>(models).values());
  }

  public boolean anyLoaded() {
    return !models.isEmpty();
  }
}
