package io.minimind.orchestrator.api;

import io.minimind.contracts.spec.PipelineSpecs;
import io.minimind.orchestrator.domain.PipelineState;
import io.minimind.orchestrator.service.PipelineService;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The pipeline API: submit, list, inspect, follow, cancel. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PipelinesResource {
  static final int MAX_PAGE_SIZE = 200;
  private final PipelineService service;
  private final PipelineQueries queries;

  public PipelinesResource(PipelineService service, PipelineQueries queries) {
    this.service = service;
    this.queries = queries;
  }

  /** Submit a spec as YAML or JSON; 201 with the id, 422 with pointers to every bad field. */
  @POST
  @Path("/pipelines")
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml",
      MediaType.TEXT_PLAIN})
  public Response submit(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new ErrorMapper.BadRequest("the request body must be a pipeline spec (YAML or JSON); it is empty");
    }
    UUID id = service.submit(spec);
    URI self = URI.create("/v1/pipelines/" + id);
    return Response.created(self)
        .entity(new PipelineViews.Created(id.toString(), PipelineState.RUNNING.name(), self.toString()))
        .build();
  }

  @GET
  @Path("/pipelines")
  public PipelineViews.Page list(@QueryParam("state") String state,
      @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
    PipelineState filter = null;
    if (state != null && !state.isBlank()) {
      filter = PipelineState.parse(state);
      if (filter == null) {
        throw new ErrorMapper.BadRequest("state '" + state + "' is not one of "
            + List.of(PipelineState.values()));
      }
    }
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new ErrorMapper.BadRequest("page must be >= 0 and size in 1.." + MAX_PAGE_SIZE
          + ", got page=" + page + " size=" + size);
    }
    return queries.list(filter, page, size);
  }

  @GET
  @Path("/pipelines/{id}")
  public PipelineViews.Detail get(@PathParam("id") String id) {
    return queries.detail(uuid(id));
  }

  @GET
  @Path("/pipelines/{id}/metrics")
  public PipelineViews.Metrics metrics(@PathParam("id") String id) {
    return queries.metrics(uuid(id));
  }

  @POST
  @Path("/pipelines/{id}/cancel")
  public PipelineViews.Summary cancel(@PathParam("id") String id) {
    return PipelineQueries.summary(service.cancel(uuid(id)));
  }

  @GET
  @Path("/models")
  public List<PipelineViews.Model> models() {
    return queries.models();
  }

  /** The JSON Schema of pipeline specs. */
  @GET
  @Path("/pipeline-schema")
  @Produces({"application/schema+json", MediaType.APPLICATION_JSON})
  public String schema() {
    return PipelineSpecs.jsonSchema();
  }

  static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new PipelineService.NotFound("pipeline '" + id + "' (not a pipeline id)");
    }
  }
}
