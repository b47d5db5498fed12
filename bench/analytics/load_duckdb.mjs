#!/usr/bin/env node
// Builds the DuckDB database of the benchmark from the CSV files of export_csv.sh:
//   node load_duckdb.mjs CSVDIR OUT.duckdb
// The same tables and column names as the server's (only the columns the pivots read), typed as
// DuckDB wants them: ids INTEGER, start_date DATE, amounts BIGINT.
import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
const [dir, out] = process.argv.slice(2);
rmSync(out, { force: true }); rmSync(out + '.wal', { force: true });
const t0 = performance.now();
const inst = await DuckDBInstance.create(out);
const c = await inst.connect();
const csv = (t) => `read_csv('${dir}/${t}.csv', header = true, auto_detect = true)`;
await c.run(`CREATE TABLE org_units AS SELECT id::INTEGER AS id, code::VARCHAR AS code, parent_code::VARCHAR AS parent_code, kind::VARCHAR AS kind,
  valid_from::VARCHAR AS valid_from, valid_to::VARCHAR AS valid_to FROM read_csv('${dir}/org_units.csv', header = true, all_varchar = true)`);
await c.run(`CREATE TABLE intervention_types AS SELECT code::VARCHAR AS code, grp::VARCHAR AS grp FROM read_csv('${dir}/intervention_types.csv', header = true, all_varchar = true)`);
await c.run(`CREATE TABLE activities AS SELECT id::INTEGER AS id, org_unit_id::INTEGER AS org_unit_id, intervention_type_code::VARCHAR AS intervention_type_code,
  lead_agency_id::INTEGER AS lead_agency_id, plan_activity_id::INTEGER AS plan_activity_id, start_date::DATE AS start_date, end_date::DATE AS end_date FROM ${csv('activities')}`);
await c.run(`CREATE TABLE activity_reach AS SELECT activity_id::INTEGER AS activity_id, target_group_code::VARCHAR AS target_group_code,
  total::BIGINT AS total, female::BIGINT AS female, male::BIGINT AS male FROM ${csv('activity_reach')}`);
await c.run(`CREATE TABLE activity_outputs AS SELECT activity_id::INTEGER AS activity_id, output_kind_code::VARCHAR AS output_kind_code, quantity::BIGINT AS quantity FROM ${csv('activity_outputs')}`);
await c.run(`CREATE TABLE activity_costs AS SELECT activity_id::INTEGER AS activity_id, funding_source_code::VARCHAR AS funding_source_code, amount::BIGINT AS amount FROM ${csv('activity_costs')}`);
await c.run('CHECKPOINT');
const n = (await c.runAndReadAll(`SELECT (SELECT count(*) FROM activities) + (SELECT count(*) FROM activity_reach) + (SELECT count(*) FROM activity_outputs) + (SELECT count(*) FROM activity_costs)`)).getRows()[0][0];
console.log(`duckdb: ${n} facts in ${out}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
c.closeSync?.();
