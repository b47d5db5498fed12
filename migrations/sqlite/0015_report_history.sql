-- History through the successors (issue 12): a report of a unit that no longer exists is entered
-- by the officer of its successor (or the province lead officer) "on behalf of" it; every step
-- names the unit acted for. A back-filled report carries the day its paper original was submitted
-- (with the reason it is entered late): timeliness is judged on that day.
ALTER TABLE reports ADD COLUMN on_behalf_unit_id INTEGER REFERENCES org_units(id);
ALTER TABLE reports ADD COLUMN on_behalf_by TEXT;
ALTER TABLE reports ADD COLUMN paper_submitted_on TEXT;
ALTER TABLE reports ADD COLUMN paper_reason TEXT;
ALTER TABLE report_transitions ADD COLUMN on_behalf_unit_id INTEGER REFERENCES org_units(id);
