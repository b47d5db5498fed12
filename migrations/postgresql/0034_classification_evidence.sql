-- The evidence of commune classification (issue 18 §2, docs/api-classification.md "Evidence") reads
-- a commune's own reports for the periods of a year: by unit first, then period.
CREATE INDEX reports_unit_period ON reports(org_unit_id, period_code);
