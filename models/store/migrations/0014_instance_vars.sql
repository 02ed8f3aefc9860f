-- Per-instance variables from the inventory (models/Instance.h `vars`), read by runbook templates as
-- {{instance.vars.NAME}}: a JSON object of name -> text, '' when the instance has none.
ALTER TABLE instances ADD COLUMN vars TEXT NOT NULL DEFAULT '';
