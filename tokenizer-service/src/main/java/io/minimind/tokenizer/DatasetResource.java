package io.minimind.tokenizer;

import io.minimind.core.data.BadLinePolicy;
import io.minimind.core.data.JsonlDataset;
import io.minimind.core.data.ShardedDataset;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/** Dataset → token shards, synchronously (a job API comes with the orchestrator's stage jobs). */
@Path("/v1/datasets")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {
  private final TokenizerRegistry registry;
  private final DataRoot dataRoot;

  public DatasetResource(TokenizerRegistry registry, DataRoot dataRoot) {
    this.registry = registry;
    this.dataRoot = dataRoot;
  }

  /**
   * @param path JSONL file under the data root
   * @param kind pretrain, sft, dpo or rlaif
   * @param out output directory under the data root (must not exist)
   */
  public record TokenizeDatasetRequest(String tokenizer, String path, String kind, String out,
      Integer maxSeqLen, Integer maxBadLines, Long shardTokens) {}

  @POST
  @Path("/tokenize")
  @Blocking
  public Response tokenize(TokenizeDatasetRequest r) throws IOException {
    if (r == null) {
      throw new InvalidRequestException("request body is required");
    }
    java.nio.file.Path source = dataRoot.resolve("path", r.path());
    java.nio.file.Path out = dataRoot.resolve("out", r.out());
    if (!Files.isRegularFile(source)) {
      throw new NotFoundException("dataset '" + r.path() + "' not found under the data root");
    }
    if (Files.exists(out)) {
      throw new InvalidRequestException("out '" + r.out() + "' already exists; choose a new directory");
    }
    int maxSeqLen = r.maxSeqLen() == null ? 512 : r.maxSeqLen();
    if (maxSeqLen < 2) {
      throw new InvalidRequestException("maxSeqLen must be >= 2, got " + maxSeqLen);
    }
    MiniMindTokenizer tok = registry.get(r.tokenizer());
    BadLinePolicy policy = new BadLinePolicy(r.maxBadLines() == null ? 0 : r.maxBadLines());
    try (JsonlDataset data = JsonlDataset.open(String.valueOf(r.kind()), source, tok, maxSeqLen, policy)) {
      ShardedDataset.Summary m = ShardedDataset.write(data, r.kind(), tok.sha256(), tok.vocabSize(), out,
          r.shardTokens() == null ? 200_000_000L : r.shardTokens());
      return Response.status(201).entity(Map.of(
          "out", r.out(),
          "documents", m.documents(),
          "tokens", m.tokens(),
          "shards", m.shards(),
          "goodLines", m.goodLines(),
          "badLines", m.badLines(),
          "blankLines", m.blankLines(),
          "tokenizerSha256", tok.sha256())).build();
    }
  }
}
