-- The tables the Worker uses (src/schema.ts declares the same ones for Drizzle).
-- Apply with `npm run db:setup` (or psql); the Worker itself never runs DDL.
create table if not exists users (
  id serial primary key,
  name text not null,
  email text not null unique,
  created_at timestamptz not null default now()
);

create table if not exists posts (
  id serial primary key,
  user_id integer not null references users(id) on delete cascade,
  title text not null,
  body text not null default '',
  created_at timestamptz not null default now()
);
