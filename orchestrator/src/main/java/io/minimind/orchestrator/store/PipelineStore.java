package io.minimind.orchestrator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minimind.contracts.messages.StageKind;
import io.minimind.orchestrator.domain.PipelineState;
import io.minimind.orchestrator.domain.StageState;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Pipelines and their stages in PostgreSQL. Every method runs on the caller's connection. */
@ApplicationScoped
public class PipelineStore {
  private static final String STAGE_COLUMNS = "pipeline_id, stage_id, position, kind, state, attempt, "
      + "max_attempts, output_uris, last_checkpoint, last_checkpoint_step, latest_metrics, error_class, "
      + "error, error_where, updated_at";
  private static final String PIPELINE_COLUMNS =
      "id, name, state, spec, spec_text, error, created_at, updated_at, finished_at";

  private final ObjectMapper json;

  public PipelineStore(ObjectMapper json) {
    this.json = json;
  }

  /** A stage as first inserted. */
  public record NewStage(String stageId, StageKind kind, int maxAttempts) {}

  public void insert(Connection c, UUID id, String name, String specJson, String specText,
      List<NewStage> stages) throws SQLException {
    Instant now = Instant.now();
    try (PreparedStatement ps = c.prepareStatement("insert into pipelines (" + PIPELINE_COLUMNS
        + ") values (?, ?, ?, ?::jsonb, ?, null, ?, ?, null)")) {
      ps.setObject(1, id);
      ps.setString(2, name);
      ps.setString(3, PipelineState.RUNNING.name());
      ps.setString(4, specJson);
      ps.setString(5, specText);
      ps.setTimestamp(6, Database.ts(now));
      ps.setTimestamp(7, Database.ts(now));
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("insert into stages (pipeline_id, stage_id, position, "
        + "kind, state, attempt, max_attempts, updated_at) values (?, ?, ?, ?, ?, 0, ?, ?)")) {
      for (int i = 0; i < stages.size(); i++) {
        NewStage s = stages.get(i);
        ps.setObject(1, id);
        ps.setString(2, s.stageId());
        ps.setInt(3, i);
        ps.setString(4, s.kind().wireName());
        ps.setString(5, StageState.PENDING.name());
        ps.setInt(6, s.maxAttempts());
        ps.setTimestamp(7, Database.ts(now));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  public Optional<PipelineRow> find(Connection c, UUID id, boolean forUpdate) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select " + PIPELINE_COLUMNS
        + " from pipelines where id = ?" + (forUpdate ? " for update" : ""))) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(pipeline(rs)) : Optional.empty();
      }
    }
  }

  /** Newest first; {@code state} null for all. */
  public List<PipelineRow> list(Connection c, PipelineState state, int offset, int limit)
      throws SQLException {
    String where = state == null ? "" : " where state = ?";
    try (PreparedStatement ps = c.prepareStatement("select " + PIPELINE_COLUMNS + " from pipelines"
        + where + " order by created_at desc, id limit ? offset ?")) {
      int i = 1;
      if (state != null) {
        ps.setString(i++, state.name());
      }
      ps.setInt(i++, limit);
      ps.setInt(i, offset);
      List<PipelineRow> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(pipeline(rs));
        }
      }
      return out;
    }
  }

  public long count(Connection c, PipelineState state) throws SQLException {
    String where = state == null ? "" : " where state = ?";
    try (PreparedStatement ps = c.prepareStatement("select count(*) from pipelines" + where)) {
      if (state != null) {
        ps.setString(1, state.name());
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public void setState(Connection c, UUID id, PipelineState state, String error) throws SQLException {
    Instant now = Instant.now();
    try (PreparedStatement ps = c.prepareStatement("update pipelines set state = ?, error = ?, "
        + "updated_at = ?, finished_at = ? where id = ?")) {
      ps.setString(1, state.name());
      ps.setString(2, error);
      ps.setTimestamp(3, Database.ts(now));
      ps.setTimestamp(4, state.terminal() ? Database.ts(now) : null);
      ps.setObject(5, id);
      ps.executeUpdate();
    }
  }

  /** Marks the pipeline as changed (SSE clients poll {@code updated_at}). */
  public void touch(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("update pipelines set updated_at = ? where id = ?")) {
      ps.setTimestamp(1, Database.ts(Instant.now()));
      ps.setObject(2, id);
      ps.executeUpdate();
    }
  }

  public List<StageRow> stages(Connection c, UUID pipelineId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select " + STAGE_COLUMNS
        + " from stages where pipeline_id = ? order by position")) {
      ps.setObject(1, pipelineId);
      List<StageRow> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(stage(rs));
        }
      }
      return out;
    }
  }

  /** The stage row, locked until the transaction ends: events of one stage apply one at a time. */
  public Optional<StageRow> lockStage(Connection c, UUID pipelineId, String stageId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select " + STAGE_COLUMNS
        + " from stages where pipeline_id = ? and stage_id = ? for update")) {
      ps.setObject(1, pipelineId);
      ps.setString(2, stageId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(stage(rs)) : Optional.empty();
      }
    }
  }

  public void update(Connection c, StageRow s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("update stages set state = ?, attempt = ?, "
        + "output_uris = ?::jsonb, last_checkpoint = ?, last_checkpoint_step = ?, latest_metrics = ?::jsonb, "
        + "error_class = ?, error = ?, error_where = ?, updated_at = ? where pipeline_id = ? and stage_id = ?")) {
      ps.setString(1, s.state().name());
      ps.setInt(2, s.attempt());
      ps.setString(3, write(s.outputUris()));
      ps.setString(4, s.lastCheckpoint());
      ps.setObject(5, s.lastCheckpointStep());
      ps.setString(6, s.latestMetricsJson());
      ps.setString(7, s.errorClass());
      ps.setString(8, s.error());
      ps.setString(9, s.errorWhere());
      ps.setTimestamp(10, Database.ts(Instant.now()));
      ps.setObject(11, s.pipelineId());
      ps.setString(12, s.stageId());
      ps.executeUpdate();
    }
    touch(c, s.pipelineId());
  }

  private PipelineRow pipeline(ResultSet rs) throws SQLException {
    return new PipelineRow(rs.getObject(1, UUID.class), rs.getString(2),
        PipelineState.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
        Database.instant(rs.getTimestamp(7)), Database.instant(rs.getTimestamp(8)),
        Database.instant(rs.getTimestamp(9)));
  }

  private StageRow stage(ResultSet rs) throws SQLException {
    long step = rs.getLong(10);
    Long checkpointStep = rs.wasNull() ? null : step;
    return new StageRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
        StageKind.fromWireName(rs.getString(4)), StageState.valueOf(rs.getString(5)), rs.getInt(6),
        rs.getInt(7), read(rs.getString(8)), rs.getString(9), checkpointStep, rs.getString(11),
        rs.getString(12), rs.getString(13), rs.getString(14), Database.instant(rs.getTimestamp(15)));
  }

  private String write(List<String> uris) {
    try {
      return json.writeValueAsString(uris == null ? List.of() : uris);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> read(String text) {
    try {
      return text == null ? List.of() : json.readValue(text, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stages.output_uris is not a JSON list: " + text, e);
    }
  }
}
