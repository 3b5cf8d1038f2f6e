package io.minimind.orchestrator.api;

import io.minimind.contracts.spec.SpecError;
import io.minimind.contracts.spec.SpecValidationException;
import io.minimind.orchestrator.service.PipelineService;
import io.minimind.orchestrator.store.Database;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Every error as JSON {@code {type, code, message}}, plus {@code errors: [{pointer, message}]} for an
 * invalid spec: 400 bad query parameter, 404 missing, 409 conflicting state, 422 invalid spec,
 * 503 database unavailable, 500 otherwise.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Exception> {
  private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

  @Override
  public Response toResponse(Exception e) {
    int status;
    if (e instanceof PipelineService.NotFound) {
      status = 404;
    } else if (e instanceof SpecValidationException) {
      status = 422;
    } else if (e instanceof BadRequest || e instanceof IllegalArgumentException) {
      status = 400;
    } else if (e instanceof IllegalStateException) {
      status = 409;
    } else if (e instanceof Database.StoreException) {
      status = 503;
    } else if (e instanceof WebApplicationException w) {
      status = w.getResponse().getStatus();
    } else {
      status = 500;
      LOG.error("unexpected error", e);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", e.getClass().getSimpleName());
    body.put("code", status);
    body.put("message", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    if (e instanceof SpecValidationException s) {
      List<Map<String, String>> errors = new ArrayList<>();
      for (SpecError err : s.errors()) {
        errors.add(Map.of("pointer", err.pointer(), "message", err.message()));
      }
      body.put("errors", errors);
    }
    return Response.status(status).entity(body).type("application/json").build();
  }

  /** A bad query or path parameter; 400. */
  public static final class BadRequest extends RuntimeException {
    public BadRequest(String message) {
      super(message);
    }
  }
}
