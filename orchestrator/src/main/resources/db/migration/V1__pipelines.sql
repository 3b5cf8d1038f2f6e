-- Orchestrator state. Everything the orchestrator knows lives here, so a restarted instance
-- rebuilds its picture from these tables alone.

create table pipelines (
  id            uuid primary key,
  name          text        not null,
  state         text        not null,          -- PipelineState
  spec          jsonb       not null,          -- the validated spec (defaults filled in)
  spec_text     text        not null,          -- what the user submitted, as submitted
  error         text,                          -- why it failed, for people
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  finished_at   timestamptz
);
create index pipelines_state_created on pipelines (state, created_at desc);
create index pipelines_created on pipelines (created_at desc, id);

create table stages (
  pipeline_id        uuid    not null references pipelines (id) on delete cascade,
  stage_id           text    not null,
  position           int     not null,
  kind               text    not null,
  state              text    not null,          -- StageState
  attempt            int     not null default 0, -- current attempt, 0 before the first dispatch
  max_attempts       int     not null,
  output_uris        jsonb   not null default '[]',
  last_checkpoint    text,                      -- newest CheckpointSaved of any attempt
  last_checkpoint_step bigint,
  latest_metrics     jsonb,                     -- the newest StageProgress, as JSON
  error_class        text,
  error              text,
  error_where        text,
  updated_at         timestamptz not null,
  primary key (pipeline_id, stage_id)
);
create index stages_live on stages (state) where state in ('DISPATCHED', 'RUNNING');

create table attempts (
  pipeline_id    uuid    not null,
  stage_id       text    not null,
  attempt        int     not null,
  state          text    not null,              -- StageState of this attempt
  job_message_id text    not null,
  resume_from    text,
  worker_id      text,
  dispatched_at  timestamptz not null,
  started_at     timestamptz,
  last_heartbeat timestamptz,
  finished_at    timestamptz,
  outcome        text,                          -- why it ended (completed, failed: ..., lost, cancelled)
  cancel_sent    boolean not null default false, -- a StageCancel for this attempt is in the outbox
  primary key (pipeline_id, stage_id, attempt),
  foreign key (pipeline_id, stage_id) references stages (pipeline_id, stage_id) on delete cascade
);

-- One point per (stage, step): a resumed attempt repeats the steps after its checkpoint and
-- overwrites them, so the series never counts a step twice.
create table metric_points (
  pipeline_id       uuid   not null,
  stage_id          text   not null,
  step              bigint not null,
  attempt           int    not null,
  total_steps       bigint not null,
  loss              double precision not null,
  lr                double precision not null,
  tokens_per_second double precision not null,
  eta_seconds       bigint,
  metrics           jsonb  not null,
  recorded_at       timestamptz not null,
  primary key (pipeline_id, stage_id, step),
  foreign key (pipeline_id, stage_id) references stages (pipeline_id, stage_id) on delete cascade
);

create table models (
  name         text not null,
  version      int  not null,
  uri          text not null,
  pipeline_id  uuid not null,
  stage_id     text not null,
  published_at timestamptz not null,
  primary key (name, version)
);

-- Transactional outbox: a state change and the Kafka message it causes are written in one
-- transaction; the relay sends unsent rows in id order and marks them sent after the broker acked.
create table outbox (
  id         bigserial primary key,
  topic      text not null,
  msg_key    text not null,
  payload    text not null,
  created_at timestamptz not null,
  sent_at    timestamptz
);
create index outbox_unsent on outbox (id) where sent_at is null;

-- Kafka delivers at least once: the id of every handled message is stored in the transaction
-- that applied it, so a redelivery is recognised and skipped.
create table processed_messages (
  message_id   text primary key,
  processed_at timestamptz not null
);
