package io.minimind.inference.api;

import io.minimind.inference.model.ModelRegistry;
import io.minimind.inference.model.ServedModel;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}} in OpenAI's shape. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {
  private final ModelRegistry registry;

  public ModelsResource(ModelRegistry registry) {
    this.registry = registry;
  }

  @GET
  public Map<String, Object> list() {
    List<Map<String, Object>> data = new ArrayList<>();
    for (ServedModel m : registry.all()) {
      data.add(describe(m));
    }
    return Map.of("object", "list", "data", data);
  }

  @GET
  @Path("/{id}")
  public Map<String, Object> get(@PathParam("id") String id) {
    return describe(registry.get(id));
  }

  private static Map<String, Object> describe(ServedModel m) {
    return Map.of("id", m.name(), "object", "model", "created", m.loadedAt().getEpochSecond(),
        "owned_by", "minimind", "max_model_len", m.contextLength());
  }
}
