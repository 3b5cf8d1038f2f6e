package io.minimind.core.nn;

import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The adapters attached to one model's linear projections, keyed by the projection's weight. Each
 * {@link io.minimind.core.model.MiniMindModel} owns its own instance, shared by its blocks, so two
 * models in one JVM (a policy and its frozen reference) never see each other's adapters.
 *
 * <p>Reads happen on every projection of every forward pass, from any thread; changes are rare
 * (attach before training, detach after a merge) and replace the whole map, so a forward pass sees
 * either the old set or the new one. Attaching while another thread runs a forward pass on the same
 * model is not meaningful and not supported.
 */
public final class LinearAdapters {
  private volatile Map<Parameter, LinearAdapter> byWeight = Map.of();

  /** Adds {@code adapter} to the projection whose weight is {@code weight}; one per weight. */
  public synchronized void attach(Parameter weight, LinearAdapter adapter) {
    if (byWeight.containsKey(weight)) {
      throw new IllegalStateException("weight '" + weight.getName() + "' already has an adapter");
    }
    IdentityHashMap<Parameter, LinearAdapter> next = new IdentityHashMap<>(byWeight);
    next.put(weight, adapter);
    byWeight = Collections.unmodifiableMap(next);
  }

  /** Removes every adapter: the model computes its plain projections again. */
  public synchronized void detachAll() {
    byWeight = Map.of();
  }

  public boolean isEmpty() {
    return byWeight.isEmpty();
  }

  /** Number of adapted projections. */
  public int size() {
    return byWeight.size();
  }

  /** The adapter of {@code weight}, or null. */
  LinearAdapter forWeight(Parameter weight) {
    Map<Parameter, LinearAdapter> current = byWeight;
    return current.isEmpty() ? null : current.get(weight);
  }
}
