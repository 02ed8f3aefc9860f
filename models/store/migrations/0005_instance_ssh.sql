-- Per-instance SSH settings (models/SshSettings.h): '' keeps the console's setting.
-- ssh_config is '' (the console's ssh_config), 'none' (read none) or a file path.
ALTER TABLE instances ADD COLUMN ssh_identity_file TEXT NOT NULL DEFAULT '';
ALTER TABLE instances ADD COLUMN ssh_known_hosts_file TEXT NOT NULL DEFAULT '';
ALTER TABLE instances ADD COLUMN ssh_config TEXT NOT NULL DEFAULT '';
