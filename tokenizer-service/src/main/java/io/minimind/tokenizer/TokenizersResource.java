package io.minimind.tokenizer;

import io.minimind.core.tokenizer.bpe.BpeTrainerConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Train BPE tokenizers from datasets under the data root, and look them up. */
@Path("/v1/tokenizers")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TokenizersResource {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private final TokenizerJobs jobs;
  private final TokenizerRegistry registry;
  private final DataRoot dataRoot;

  public TokenizersResource(TokenizerJobs jobs, TokenizerRegistry registry, DataRoot dataRoot) {
    this.jobs = jobs;
    this.registry = registry;
    this.dataRoot = dataRoot;
  }

  /**
   * @param id the new tokenizer's id (lower case letters, digits, - and _)
   * @param data JSONL (pretrain or SFT) or text files under the data root
   * @param specialTokens extra special tokens after MiniMind's three (e.g. {@code <think>})
   */
  public record TrainRequest(String id, List<String> data, Integer vocabSize, Long minFrequency,
      List<String> specialTokens, Integer maxBadLines) {}

  @POST
  public Response train(TrainRequest r) {
    if (r == null || r.id() == null || !ID.matcher(r.id()).matches()) {
      throw new InvalidRequestException("id must match " + ID.pattern());
    }
    if (r.data() == null || r.data().isEmpty()) {
      throw new InvalidRequestException("data must list at least one file");
    }
    List<java.nio.file.Path> files = new ArrayList<>();
    for (int i = 0; i < r.data().size(); i++) {
      java.nio.file.Path f = dataRoot.resolve("data[" + i + "]", r.data().get(i));
      if (!Files.isRegularFile(f)) {
        throw new NotFoundException("data[" + i + "] '" + r.data().get(i) + "' not found under the data root");
      }
      files.add(f);
    }
    BpeTrainerConfig config = BpeTrainerConfig.minimind(
        r.vocabSize() == null ? 6400 : r.vocabSize(),
        r.minFrequency() == null ? 0 : r.minFrequency(),
        r.specialTokens() == null ? List.of() : r.specialTokens());
    TokenizerJobs.Job job = jobs.submit(r.id(), files, config, r.maxBadLines() == null ? 0 : r.maxBadLines());
    return Response.accepted(job).header("Location", "/v1/tokenizers/" + r.id()).build();
  }

  @GET
  @Path("/{id}")
  public TokenizerJobs.Job get(@PathParam("id") String id) {
    return jobs.get(id);
  }

  @GET
  public Map<String, Object> list() {
    return Map.of("tokenizers", registry.ids());
  }
}
