package io.minimind.orchestrator.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Loss / lr / throughput series, one point per (stage, step). */
@ApplicationScoped
public class MetricStore {
  /** One point of a stage's series; {@code metricsJson} holds the extra metrics as a JSON object. */
  public record Point(String stageId, long step, int attempt, long totalSteps, double loss,
      double lr, double tokensPerSecond, Long etaSeconds, String metricsJson, Instant recordedAt) {}

  /** Inserts the point, replacing the point of the same step (a resumed attempt repeats steps). */
  public void upsert(Connection c, UUID pipelineId, Point p) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into metric_points (pipeline_id, stage_id, step, "
        + "attempt, total_steps, loss, lr, tokens_per_second, eta_seconds, metrics, recorded_at) "
        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (pipeline_id, stage_id, step) do update "
        + "set attempt = excluded.attempt, total_steps = excluded.total_steps, loss = excluded.loss, "
        + "lr = excluded.lr, tokens_per_second = excluded.tokens_per_second, "
        + "eta_seconds = excluded.eta_seconds, metrics = excluded.metrics, recorded_at = excluded.recorded_at")) {
      ps.setObject(1, pipelineId);
      ps.setString(2, p.stageId());
      ps.setLong(3, p.step());
      ps.setInt(4, p.attempt());
      ps.setLong(5, p.totalSteps());
      ps.setDouble(6, p.loss());
      ps.setDouble(7, p.lr());
      ps.setDouble(8, p.tokensPerSecond());
      ps.setObject(9, p.etaSeconds());
      ps.setString(10, p.metricsJson());
      ps.setTimestamp(11, Database.ts(p.recordedAt()));
      ps.executeUpdate();
    }
  }

  /** All points of a pipeline, by stage position then step. */
  public List<Point> series(Connection c, UUID pipelineId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select m.stage_id, m.step, m.attempt, m.total_steps, "
        + "m.loss, m.lr, m.tokens_per_second, m.eta_seconds, m.metrics, m.recorded_at from metric_points m "
        + "join stages s on s.pipeline_id = m.pipeline_id and s.stage_id = m.stage_id "
        + "where m.pipeline_id = ? order by s.position, m.step")) {
      ps.setObject(1, pipelineId);
      List<Point> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long eta = rs.getLong(8);
          Long etaSeconds = rs.wasNull() ? null : eta;
          out.add(new Point(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getDouble(5),
              rs.getDouble(6), rs.getDouble(7), etaSeconds, rs.getString(9),
              Database.instant(rs.getTimestamp(10))));
        }
      }
      return out;
    }
  }
}
