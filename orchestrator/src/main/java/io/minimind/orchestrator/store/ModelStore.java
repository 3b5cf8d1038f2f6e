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

/** The registry of published models (from ModelPublished events). */
@ApplicationScoped
public class ModelStore {
  public record Model(String name, int version, String uri, UUID pipelineId, String stageId,
      Instant publishedAt) {}

  /** Records a publication; a repeated announcement of the same (name, version) changes nothing. */
  public void insert(Connection c, Model m) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into models (name, version, uri, pipeline_id, "
        + "stage_id, published_at) values (?, ?, ?, ?, ?, ?) on conflict (name, version) do nothing")) {
      ps.setString(1, m.name());
      ps.setInt(2, m.version());
      ps.setString(3, m.uri());
      ps.setObject(4, m.pipelineId());
      ps.setString(5, m.stageId());
      ps.setTimestamp(6, Database.ts(m.publishedAt()));
      ps.executeUpdate();
    }
  }

  /** Newest first; {@code pipelineId} null for all. */
  public List<Model> list(Connection c, UUID pipelineId) throws SQLException {
    String where = pipelineId == null ? "" : " where pipeline_id = ?";
    try (PreparedStatement ps = c.prepareStatement("select name, version, uri, pipeline_id, stage_id, "
        + "published_at from models" + where + " order by published_at desc, name, version desc")) {
      if (pipelineId != null) {
        ps.setObject(1, pipelineId);
      }
      List<Model> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Model(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getObject(4, UUID.class),
              rs.getString(5), Database.instant(rs.getTimestamp(6))));
        }
      }
      return out;
    }
  }
}
