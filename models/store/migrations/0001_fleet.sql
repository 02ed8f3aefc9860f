-- Products, instances and releases: what the fleet view shows.
CREATE TABLE products (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  release_source_kind TEXT NOT NULL DEFAULT 'feed',
  release_source TEXT NOT NULL DEFAULT ''
);

CREATE TABLE instances (
  id {{id}},
  name TEXT NOT NULL UNIQUE,
  product TEXT NOT NULL REFERENCES products(id),
  environment TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  ssh_target TEXT NOT NULL DEFAULT '',
  base_url TEXT NOT NULL DEFAULT '',
  api_url TEXT NOT NULL DEFAULT '',
  metrics_source TEXT NOT NULL DEFAULT '',
  current_version TEXT NOT NULL DEFAULT '',
  update_channel TEXT NOT NULL DEFAULT 'manual-approval',
  pinned_version TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'active'
);

CREATE TABLE releases (
  product TEXT NOT NULL REFERENCES products(id),
  version TEXT NOT NULL,
  notes_url TEXT NOT NULL DEFAULT '',
  breaking {{bool}} NOT NULL DEFAULT 0,
  security {{bool}} NOT NULL DEFAULT 0,
  published TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (product, version)
);
