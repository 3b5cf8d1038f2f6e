package io.minimind.orchestrator.store;

import io.minimind.orchestrator.domain.StageState;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Attempts of stages: when each was dispatched, which worker ran it, its last heartbeat. */
@ApplicationScoped
public class AttemptStore {
  /** A running attempt whose heartbeats stopped. */
  public record Silent(UUID pipelineId, String stageId, int attempt, Instant lastSign) {}

  public void insert(Connection c, UUID pipelineId, String stageId, int attempt, String jobMessageId,
      String resumeFrom) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into attempts (pipeline_id, stage_id, attempt, "
        + "state, job_message_id, resume_from, dispatched_at) values (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, pipelineId);
      ps.setString(2, stageId);
      ps.setInt(3, attempt);
      ps.setString(4, StageState.DISPATCHED.name());
      ps.setString(5, jobMessageId);
      ps.setString(6, resumeFrom);
      ps.setTimestamp(7, Database.ts(Instant.now()));
      ps.executeUpdate();
    }
  }

  /**
   * A sign of life: the attempt runs (first sign sets started_at), on {@code workerId} when known.
   * Heartbeats can arrive late (after an orchestrator restart, say), so the newest time wins.
   */
  public void alive(Connection c, UUID pipelineId, String stageId, int attempt, String workerId,
      Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("update attempts set state = ?, "
        + "started_at = coalesce(started_at, ?), worker_id = coalesce(?, worker_id), "
        + "last_heartbeat = greatest(coalesce(last_heartbeat, ?), ?) "
        + "where pipeline_id = ? and stage_id = ? and attempt = ? and finished_at is null")) {
      ps.setString(1, StageState.RUNNING.name());
      ps.setTimestamp(2, Database.ts(at));
      ps.setString(3, workerId);
      ps.setTimestamp(4, Database.ts(at));
      ps.setTimestamp(5, Database.ts(at));
      ps.setObject(6, pipelineId);
      ps.setString(7, stageId);
      ps.setInt(8, attempt);
      ps.executeUpdate();
    }
  }

  public void finish(Connection c, UUID pipelineId, String stageId, int attempt, StageState state,
      String outcome) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("update attempts set state = ?, outcome = ?, "
        + "finished_at = ? where pipeline_id = ? and stage_id = ? and attempt = ? and finished_at is null")) {
      ps.setString(1, state.name());
      ps.setString(2, outcome);
      ps.setTimestamp(3, Database.ts(Instant.now()));
      ps.setObject(4, pipelineId);
      ps.setString(5, stageId);
      ps.setInt(6, attempt);
      ps.executeUpdate();
    }
  }

  /** True the first time (so each stale attempt gets one cancel, not one per heartbeat). */
  public boolean markCancelSent(Connection c, UUID pipelineId, String stageId, int attempt)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("update attempts set cancel_sent = true "
        + "where pipeline_id = ? and stage_id = ? and attempt = ? and not cancel_sent")) {
      ps.setObject(1, pipelineId);
      ps.setString(2, stageId);
      ps.setInt(3, attempt);
      return ps.executeUpdate() == 1;
    }
  }

  public List<AttemptRow> forPipeline(Connection c, UUID pipelineId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select a.stage_id, a.attempt, a.state, a.job_message_id, "
        + "a.resume_from, a.worker_id, a.dispatched_at, a.started_at, a.last_heartbeat, a.finished_at, a.outcome "
        + "from attempts a join stages s on s.pipeline_id = a.pipeline_id and s.stage_id = a.stage_id "
        + "where a.pipeline_id = ? order by s.position, a.attempt")) {
      ps.setObject(1, pipelineId);
      List<AttemptRow> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new AttemptRow(rs.getString(1), rs.getInt(2), StageState.valueOf(rs.getString(3)),
              rs.getString(4), rs.getString(5), rs.getString(6), Database.instant(rs.getTimestamp(7)),
              Database.instant(rs.getTimestamp(8)), Database.instant(rs.getTimestamp(9)),
              Database.instant(rs.getTimestamp(10)), rs.getString(11)));
        }
      }
      return out;
    }
  }

  /**
   * Current attempts of RUNNING stages whose last heartbeat (or start) is older than
   * {@code cutoff}. DISPATCHED stages are not included: a job may legitimately wait in Kafka while
   * every worker is busy.
   */
  public List<Silent> silentSince(Connection c, Instant cutoff) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select a.pipeline_id, a.stage_id, a.attempt, "
        + "coalesce(a.last_heartbeat, a.started_at) from stages s join attempts a "
        + "on a.pipeline_id = s.pipeline_id and a.stage_id = s.stage_id and a.attempt = s.attempt "
        + "where s.state = 'RUNNING' and coalesce(a.last_heartbeat, a.started_at) < ?")) {
      ps.setTimestamp(1, Database.ts(cutoff));
      List<Silent> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Silent(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
              Database.instant(rs.getTimestamp(4))));
        }
      }
      return out;
    }
  }
}
